package org.r57;

/**
 * An entry of the journal (a copy; docs/journal.md): who changed which
 * object how, the old and new values as JSON objects (null where none),
 * and the entry's chained SHA-256.
 */
public record JournalEntry(long seq, String at, String actor, String object, String key, String action,
                           String oldValues, String newValues, String hash) {
    static JournalEntry read(long j) {
        return new JournalEntry(capi.r57_journal_entry_seq(j), capi.r57_journal_entry_at(j),
                capi.r57_journal_entry_actor(j), capi.r57_journal_entry_object(j), capi.r57_journal_entry_key(j),
                capi.r57_journal_entry_action(j), capi.r57_journal_entry_old(j), capi.r57_journal_entry_new(j),
                capi.r57_journal_entry_hash(j));
    }
}
