package org.r57;

import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * An open libr57 database: a file (created if missing) or ":memory:".
 *
 * <pre>{@code
 * try (Database db = Database.open("tasks.r57", "secretariat")) {
 *     db.importCsv(Path.of("notice_07-TB-CQTTBCD_tasks.csv"),
 *                  ImportOptions.defaults().createUnits(true));
 *     for (Task t : db.tasks()) {
 *         System.out.println(t.ref() + " " + t.due() + " " + db.lint(t).isClear());
 *     }
 * }
 * }</pre>
 *
 * <p>Everything is computed by the C library; this class turns its
 * conventions into Java's: exceptions ({@link R57Exception}, unchecked),
 * {@link AutoCloseable}, {@link java.util.Iterator}s and lists,
 * {@link LocalDate}. What the methods return are copies that outlive the
 * database; only {@link Cursor}s hold native state, and they keep their
 * database alive.
 *
 * <p><b>Actor.</b> Who makes the changes is recorded in the journal: it is
 * the {@link #actor()} given at open, as a JDBC connection has a user. A
 * portal opens one database per request (or per thread) as the signed-in
 * person.
 *
 * <p><b>Threads.</b> Calls on one Database are serialised by its lock, so it
 * may be shared; separate Databases on one file may be used by separate
 * threads at once (docs/threading.md). After {@link #close()} every method
 * throws {@link ClosedException}; no native call is made on a closed handle.
 * An unclosed Database that becomes unreachable is closed by a
 * {@link Cleaner} (a safety net only: close it).
 */
public final class Database implements AutoCloseable {
    static final Cleaner CLEANER = Cleaner.create();

    /** The native handle and its open children; also the lock of every call. */
    static final class State implements Runnable {
        private long db;
        final Set<Cursor.Child> children = new HashSet<>();

        State(long db) {
            this.db = db;
        }

        synchronized boolean closed() {
            return db == 0;
        }

        /** The handle; the caller holds this lock. */
        long handle() {
            if (db == 0) {
                throw new ClosedException("the database");
            }
            return db;
        }

        @Override
        public synchronized void run() {
            if (db == 0) {
                return;
            }
            for (Cursor.Child c : children) {
                c.release();
            }
            children.clear();
            capi.r57_close(db);
            db = 0;
        }
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final String path;
    private final String actor;

    private Database(long handle, String path, String actor) {
        this.state = new State(handle);
        this.cleanable = CLEANER.register(this, state);
        this.path = path;
        this.actor = actor;
    }

    /** Opens (creating if missing) a database as the actor "java". */
    public static Database open(String path) {
        return open(path, "java", false, false);
    }

    /** Opens (creating if missing) a database as {@code actor}. */
    public static Database open(String path, String actor) {
        return open(path, actor, false, false);
    }

    /** Opens a database as {@code actor}. */
    public static Database open(Path path, String actor) {
        return open(path.toString(), actor, false, false);
    }

    /**
     * Opens a database.
     *
     * @param readOnly never write (and refuse to create or migrate)
     * @param mustExist fail with {@link NotFoundException} if the file is missing
     * @throws StorageException if the file is not a libr57 database, is of a
     *         newer version, or cannot be opened
     */
    public static Database open(String path, String actor, boolean readOnly, boolean mustExist) {
        long[] out = new long[1];
        capi.r57b_open(out, path, readOnly ? 1 : 0, mustExist ? 1 : 0);
        return new Database(out[0], path, actor);
    }

    /** The version of libr57 in use, e.g. "0.1.0". */
    public static String libraryVersion() {
        return capi.r57_version();
    }

    /** Where the JNI library was loaded from (docs/java.md). */
    public static String nativeLibrarySource() {
        return NativeLibrary.source();
    }

    public String path() {
        return path;
    }

    /** Who this connection acts as (recorded in the journal). */
    public String actor() {
        return actor;
    }

    /** Closes the database and every cursor of it; later calls throw. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    public boolean isClosed() {
        synchronized (state) {
            return state.db == 0;
        }
    }

    /** The schema version of the file. */
    public int schemaVersion() {
        synchronized (state) {
            return capi.r57_db_schema_version(state.handle());
        }
    }

    // ---- transactions -------------------------------------------------------------

    /** Groups the following calls into one transaction (bulk loads). */
    public void begin() {
        synchronized (state) {
            capi.r57_db_begin(state.handle());
        }
    }

    public void commit() {
        synchronized (state) {
            capi.r57_db_commit(state.handle());
        }
    }

    public void rollback() {
        synchronized (state) {
            capi.r57_db_rollback(state.handle());
        }
    }

    // ---- units and documents --------------------------------------------------------

    /**
     * Creates a unit.
     *
     * @param parent code of the parent unit, or null for a root
     * @throws AlreadyExistsException if the code is taken
     * @throws NotFoundException if the parent does not exist
     */
    public void createUnit(String code, String name, UnitKind kind, String parent) {
        synchronized (state) {
            capi.r57_unit_create(state.handle(), actor, code, name, kind.code(), parent);
        }
    }

    /** @throws NotFoundException if there is no such unit */
    public Unit unit(String code) {
        return one((out, h) -> capi.r57_unit_get(out, h, code), Unit::read, capi::r57_unit_free);
    }

    /** The unit with this name (case and accents folded as the library does). */
    public Unit unitByName(String name) {
        return one((out, h) -> capi.r57_unit_find_by_name(out, h, name), Unit::read, capi::r57_unit_free);
    }

    /**
     * Loads the registry of Vietnam's units built into the library (the
     * ministries, the 34 provinces and cities, …) in one transaction.
     * Loading again changes nothing.
     *
     * @return the units created ({@link ImportReport#units()},
     *         {@link ImportReport#unitsCreated()}) and the other changes ({@link ImportReport#other()})
     */
    public ImportReport loadUnits() {
        return loadUnits(null);
    }

    /**
     * Loads a registry of units from a CSV sheet (columns code, kind, parent,
     * name_vi, name_en, aliases, predecessors, predecessors_since), or the
     * built-in one if {@code path} is null.
     *
     * @throws ParseException naming the file, line and column
     * @throws NotFoundException for an unknown parent
     */
    public ImportReport loadUnits(Path path) {
        return one((out, h) -> capi.r57_unit_registry_load(out, h, actor, path == null ? null : path.toString()),
                ImportReport::read, capi::r57_import_report_free);
    }

    /**
     * Adds a name to a unit (journaled); adding one it has changes nothing.
     *
     * @param kind ENGLISH, ALIAS or PREDECESSOR
     * @param of for a predecessor, the merged unit's own name (or null)
     * @param since for a predecessor, the date of the merger (or null)
     * @throws NotFoundException for an unknown unit
     */
    public void addUnitName(String code, String name, UnitNameKind kind, String of, LocalDate since) {
        synchronized (state) {
            capi.r57_unit_name_add(state.handle(), actor, code, kind.code(), name, of,
                    since == null ? null : since.toString());
        }
    }

    /** Every unit. */
    public List<Unit> units() {
        return units(null);
    }

    /** A unit and all below it (every unit if root is null). */
    public List<Unit> units(String root) {
        return iterate((out, h) -> capi.r57_unit_iterator_new(out, h, root), capi::r57_unit_iterator_free,
                capi::r57_unit_next, Unit::read, capi::r57_unit_free).toList();
    }

    // ---- unit groups (r57/group.h) -------------------------------------------------------

    /**
     * Creates an empty unit group.
     *
     * @throws AlreadyExistsException if a group or a unit has the code
     */
    public void createGroup(String code, String name) {
        synchronized (state) {
            capi.r57_group_create(state.handle(), actor, code, name);
        }
    }

    /** Adds an English name (english true) or an alias to a group. */
    public void addGroupName(String code, String name, boolean english) {
        synchronized (state) {
            capi.r57_group_name_add(state.handle(), actor, code,
                    english ? capiConstants.R57_UNIT_NAME_ENGLISH : capiConstants.R57_UNIT_NAME_ALIAS, name);
        }
    }

    /**
     * Makes a unit a member of a group (twice changes nothing).
     *
     * @throws NotFoundException for an unknown group or unit
     */
    public void addGroupMember(String code, String unit) {
        synchronized (state) {
            capi.r57_group_add_member(state.handle(), actor, code, unit);
        }
    }

    /** @throws NotFoundException if there is no such group */
    public Group group(String code) {
        return one((out, h) -> capi.r57_group_get(out, h, code), Group::read, capi::r57_group_free);
    }

    /** The group with this name (any of its names; NFC or NFD, any case, then without diacritics). */
    public Group groupByName(String name) {
        return one((out, h) -> capi.r57_group_find_by_name(out, h, name), Group::read, capi::r57_group_free);
    }

    /** Every unit group, by code. */
    public List<Group> groups() {
        return iterate(capi::r57_group_iterator_new, capi::r57_group_iterator_free, capi::r57_group_next,
                Group::read, capi::r57_group_free).toList();
    }

    /**
     * Creates an issuing document.
     *
     * @param issued the date of issue, or null
     * @throws AlreadyExistsException if the number is taken
     */
    public void createDocument(String number, DocumentKind kind, LocalDate issued, String issuer, String title) {
        synchronized (state) {
            capi.r57_document_create(state.handle(), actor, number, kind.code(), Dates.days(issued), issuer, title);
        }
    }

    /** @throws NotFoundException if there is no such document */
    public Document document(String number) {
        return one((out, h) -> capi.r57_document_get(out, h, number), Document::read, capi::r57_document_free);
    }

    /** Every document. */
    public List<Document> documents() {
        return iterate(capi::r57_document_iterator_new, capi::r57_document_iterator_free, capi::r57_document_next,
                Document::read, capi::r57_document_free).toList();
    }

    // ---- tasks -------------------------------------------------------------------------

    /**
     * Creates a task and returns it as stored (deadline resolved).
     *
     * @throws ParseException if the deadline is not a date, month, quarter or year
     * @throws NotFoundException if the document or a unit does not exist
     * @throws AlreadyExistsException if the document has a task with that reference
     */
    public Task createTask(TaskSpec spec) {
        String codes = spec.coordinatingUnits.isEmpty() ? null : String.join("\n", spec.coordinatingUnits);
        return one((out, h) -> capi.r57b_task_create(out, h, actor, spec.document, spec.ref, spec.parentRef,
                spec.title, spec.ownerUnit, spec.owner, spec.ownerPerson, spec.accountabilityUnit,
                spec.accountability, spec.product, spec.authorityUnit, spec.authority, spec.deadline,
                spec.coordinating, codes), Task::read, capi::r57_task_free);
    }

    /** @throws NotFoundException if there is no such task */
    public Task task(String document, String ref) {
        return one((out, h) -> capi.r57_task_get(out, h, document, ref), Task::read, capi::r57_task_free);
    }

    /** Every task, by document then creation. */
    public Cursor<Task> tasks() {
        return tasks(TaskQuery.all());
    }

    /** The tasks a query selects, by document then creation. */
    public Cursor<Task> tasks(TaskQuery q) {
        return iterate((out, h) -> capi.r57b_task_iterator_new(out, h, q.document, q.unit,
                q.includeSubunits ? 1 : 0, q.mask()), capi::r57_task_iterator_free, capi::r57_task_next,
                Task::read, capi::r57_task_free);
    }

    /**
     * Moves a task to a status and returns it as stored.
     *
     * @param on the date of the change (the done date for DONE), or null for none
     * @throws StateException if the transition is not allowed (e.g. done to assigned)
     */
    public Task setStatus(Task task, TaskStatus status, LocalDate on) {
        synchronized (state) {
            long t = getTask(task.document(), task.ref());
            try {
                capi.r57_task_set_status(state.handle(), actor, t, status.code(), Dates.days(on));
                return Task.read(t);
            } finally {
                capi.r57_task_free(t);
            }
        }
    }

    /**
     * Changes one field of a task (null clears it) and returns it as stored.
     *
     * @throws ParseException for a deadline the library cannot read
     * @throws NotFoundException for an unknown unit code
     */
    public Task updateTask(Task task, TaskField field, String value) {
        synchronized (state) {
            long t = getTask(task.document(), task.ref());
            try {
                capi.r57_task_update(state.handle(), actor, t, field.code(), value);
                return Task.read(t);
            } finally {
                capi.r57_task_free(t);
            }
        }
    }

    /**
     * Records that the instance of a regular task containing {@code period} was done on {@code on}.
     *
     * @throws InvalidInputException if the task is not regular
     */
    public void instanceDone(Task task, LocalDate period, LocalDate on) {
        synchronized (state) {
            long t = getTask(task.document(), task.ref());
            try {
                capi.r57_task_instance_done(state.handle(), actor, t, Dates.days(period), Dates.days(on));
            } finally {
                capi.r57_task_free(t);
            }
        }
    }

    // ---- 6 clear, timeliness, overdue -----------------------------------------------------

    /** The "6 clear" verdict of a task with the built-in rules. */
    public Verdict lint(Task task) {
        return lint(task, null);
    }

    /** The "6 clear" verdict of a task, with a linter's extra vague phrases. */
    public Verdict lint(Task task, Linter linter) {
        synchronized (state) {
            long t = getTask(task.document(), task.ref());
            try {
                long[] out = new long[1];
                if (linter == null) {
                    capi.r57_linter_check(out, 0, t);
                } else {
                    synchronized (linter.lock()) {
                        capi.r57_linter_check(out, linter.ptr(), t);
                    }
                }
                try {
                    return Verdict.read(task.document(), task.ref(), out[0]);
                } finally {
                    capi.r57_verdict_free(out[0]);
                }
            } finally {
                capi.r57_task_free(t);
            }
        }
    }

    /**
     * Sets the accountability rule of a document, or (document null) of the
     * database: who answers for a task whose accountability is not written,
     * e.g. "the head of the lead unit answers". The lint then judges such a
     * task's accountability {@link Clarity#IMPLIED}. A null or blank rule
     * removes it.
     *
     * @throws NotFoundException for an unknown document
     * @throws PermissionDeniedException if the actor may not (a manager, or for the database an administrator)
     */
    public void setAccountabilityRule(String rule, String document) {
        synchronized (state) {
            capi.r57_accountability_rule_set(state.handle(), actor, document, rule);
        }
    }

    // ---- what a who-text names (r57/resolve.h) ------------------------------------------------

    /** What an owner, authority or accountability text names, read against the registry. */
    public Resolution resolve(String text) {
        return resolve(text, false, null);
    }

    /**
     * What a text names, read against the registry.
     *
     * @param list read it as a list of coordinating units (every body named
     *        coordinates) rather than as a lead
     * @param on the date of the document the text comes from (words the note
     *        on an old name), or null
     */
    public Resolution resolve(String text, boolean list, LocalDate on) {
        return one((out, h) -> capi.r57_resolve(out, h, text,
                list ? capiConstants.R57_RESOLVE_LIST : capiConstants.R57_RESOLVE_LEAD, Dates.days(on)),
                Resolution::read, capi::r57_resolution_free);
    }

    /**
     * What a task's OWNER, COORDINATING, AUTHORITY or ACCOUNTABILITY text
     * resolved to when it was stored.
     *
     * @throws InvalidInputException for another field
     * @throws NotFoundException if that text was not resolved (empty, or given as a code)
     */
    public Resolution resolution(Task task, TaskField field) {
        synchronized (state) {
            long t = getTask(task.document(), task.ref());
            long[] out = new long[1];
            try {
                capi.r57_task_resolution(out, t, field.code());
            } finally {
                capi.r57_task_free(t);
            }
            try {
                return Resolution.read(out[0]);
            } finally {
                capi.r57_resolution_free(out[0]);
            }
        }
    }

    /** Resolves the texts of every task again (after {@link #loadUnits()} or {@link #loadWords}). */
    public long resolveTasks() {
        return resolveTasks(null);
    }

    /**
     * Resolves the texts of a document's tasks (null: every document's)
     * again, bringing their unit codes to what the texts now name.
     *
     * @return how many tasks changed
     * @throws NotFoundException for an unknown document
     */
    public long resolveTasks(String document) {
        synchronized (state) {
            long[] changed = new long[1];
            capi.r57_tasks_resolve(state.handle(), actor, document, changed);
            return changed[0];
        }
    }

    /** Assigns a task with a joint or collective owner to each unit it names. */
    public long assignEach(Task task) {
        return assignEach(task, null);
    }

    /**
     * Assigns a task to each unit its owner names, as one sub-task "REF/CODE"
     * per unit: the joint leads, or every unit of the level a collective
     * owner (or {@code group}, "central" or "local") names. The original's
     * owner is then clear.
     *
     * @return how many sub-tasks were made
     * @throws InvalidInputException if the owner names neither joint units nor a level
     * @throws AlreadyExistsException if it was assigned to each already
     * @throws NotFoundException if no unit is of that level (load the registry)
     */
    public long assignEach(Task task, String group) {
        synchronized (state) {
            long[] created = new long[1];
            withTask(task, t -> capi.r57_task_assign_each(state.handle(), actor, t, group, created));
            return created[0];
        }
    }

    /**
     * Adds the words of a file (lines "category&lt;TAB&gt;lang&lt;TAB&gt;phrase",
     * as data/words.tsv) to those this connection's resolver reasons with,
     * or ({@code replace}) puts them in place of the built-in ones.
     *
     * @throws ParseException naming the file, line and column of a bad line
     * @throws StorageException if the file cannot be read
     */
    public void loadWords(Path path, boolean replace) {
        synchronized (state) {
            capi.r57_resolver_words_load(state.handle(), path.toString(), replace ? 1 : 0);
        }
    }

    /** How a task stands as of a date, "due soon" within 7 days. */
    public TaskTimeliness timeliness(Task task, LocalDate asOf) {
        return timeliness(task, asOf, 7);
    }

    /** How a task stands as of a date, "due soon" within {@code dueSoonDays}. */
    public TaskTimeliness timeliness(Task task, LocalDate asOf, int dueSoonDays) {
        synchronized (state) {
            long t = getTask(task.document(), task.ref());
            try {
                int[] st = new int[1];
                int[] due = new int[1];
                capi.r57_task_timeliness(st, due, state.handle(), t, Dates.days(asOf), dueSoonDays);
                return new TaskTimeliness(Timeliness.of(st[0]), Dates.of(due[0]));
            } finally {
                capi.r57_task_free(t);
            }
        }
    }

    /** The overdue and due-soon (7 days) tasks of every unit as of a date, by due date. */
    public List<Overdue> overdue(LocalDate asOf) {
        return overdue(asOf, 7, null, true);
    }

    /** The overdue and due-soon tasks as of a date, of a unit (and its sub-units), by due date. */
    public List<Overdue> overdue(LocalDate asOf, int dueSoonDays, String unit, boolean includeSubunits) {
        synchronized (state) {
            long[] out = new long[1];
            capi.r57_overdue_iterator_new(out, state.handle(), Dates.days(asOf), dueSoonDays, unit,
                    includeSubunits ? 1 : 0);
            return cursor(out[0], capi::r57_overdue_iterator_free, it -> {
                long[] t = new long[1];
                int[] st = new int[1];
                int[] due = new int[1];
                if (capi.r57_overdue_next(t, st, due, it) == capiConstants.R57_ITEROVER) {
                    return null;
                }
                return new Overdue(readTask(t[0]), Timeliness.of(st[0]), Dates.of(due[0]));
            }).toList();
        }
    }

    // ---- indicators -------------------------------------------------------------------------

    /** Creates a data element; its values roll up by {@code aggregation}. */
    public void createElement(String code, String name, String measure, Aggregation aggregation) {
        synchronized (state) {
            capi.r57_element_create(state.handle(), actor, code, name, measure, aggregation.code());
        }
    }

    /**
     * Stores a value of a data element for a unit and period (replacing one).
     *
     * @throws ParseException if the period is not a period
     * @throws NotFoundException for an unknown element or unit
     */
    public void setValue(String element, String unit, String period, double value, String source) {
        synchronized (state) {
            capi.r57_value_set(state.handle(), actor, element, unit, period, value, source);
        }
    }

    /** @throws NotFoundException if no value is stored */
    public double value(String element, String unit, String period) {
        synchronized (state) {
            double[] out = new double[1];
            capi.r57_value_get(out, state.handle(), element, unit, period);
            return out[0];
        }
    }

    /** Every stored value. */
    public Cursor<Value> values() {
        return values(ValueQuery.all());
    }

    /** The stored values a query selects. */
    public Cursor<Value> values(ValueQuery q) {
        return iterate((out, h) -> capi.r57b_value_iterator_new(out, h, q.element, q.unit,
                q.includeSubunits ? 1 : 0, q.period), capi::r57_value_iterator_free, capi::r57_value_next,
                Value::read, capi::r57_value_free);
    }

    /**
     * Creates an indicator.
     *
     * @throws ParseException if the formula does not compile
     * @throws InvalidInputException if it is neither a formula nor a ratio
     */
    public void createIndicator(IndicatorSpec s) {
        synchronized (state) {
            capi.r57b_indicator_create(state.handle(), actor, s.code, s.name, s.measure, s.direction.code(), s.formula,
                    s.numerator, s.denominator, s.factor, s.rollup.code(), s.description);
        }
    }

    /** @throws NotFoundException if there is no such indicator */
    public Indicator indicator(String code) {
        return one((out, h) -> capi.r57_indicator_get(out, h, code), Indicator::read, capi::r57_indicator_free);
    }

    /** Every indicator. */
    public List<Indicator> indicators() {
        return iterate(capi::r57_indicator_iterator_new, capi::r57_indicator_iterator_free, capi::r57_indicator_next,
                Indicator::read, capi::r57_indicator_free).toList();
    }

    /**
     * Creates a target of an indicator, binding only the scope the spec gives.
     *
     * @throws NotFoundException for an unknown indicator, unit or group
     */
    public void createTarget(TargetSpec t) {
        if (t.unit != null && t.group != null) {
            throw new IllegalArgumentException("a target binds a unit or a group, not both");
        }
        TargetBinds b = t.binds != null ? t.binds : TargetBinds.UNIT;
        synchronized (state) {
            capi.r57b_target_create(state.handle(), actor, t.indicator, b.code(), t.group != null ? t.group : t.unit,
                    t.comparison.label(), t.value, t.period,
                    t.average ? capiConstants.R57_TARGET_AVERAGE : capiConstants.R57_TARGET_EACH, t.scope, t.source);
        }
    }

    /**
     * Loads an indicator catalogue (data/catalogue.json; docs/kpi.md).
     *
     * @throws ParseException with line and column for a malformed file
     */
    public void loadCatalogue(Path path) {
        synchronized (state) {
            capi.r57_catalogue_load(state.handle(), actor, path.toString());
        }
    }

    /** The value of an indicator for a unit and period (a range is refused; see evaluateTable). */
    public KpiValue evaluate(String indicator, String unit, String period) {
        return one((out, h) -> capi.r57_kpi_eval(out, h, indicator, unit, period), r -> new KpiValue(indicator,
                unit, period, capi.r57_kpi_result_has_value(r)
                        ? OptionalDouble.of(capi.r57_kpi_result_value(r)) : OptionalDouble.empty(),
                KpiValue.opt(capi.r57_kpi_result_numerator(r)), KpiValue.opt(capi.r57_kpi_result_denominator(r)),
                capi.r57_kpi_result_reason(r)), capi::r57_kpi_result_free);
    }

    /**
     * One indicator for every unit of a subtree (root and below; every unit
     * if root is null) and every period of {@code period} (one or a range),
     * in one pass: by unit then period, the numbers and reasons
     * {@link #evaluate} gives pair by pair (numerator and denominator are not
     * kept: empty).
     *
     * @throws NotFoundException for an unknown indicator or root
     */
    public List<KpiValue> evaluateTable(String indicator, String period, String root) {
        return one((out, h) -> capi.r57_kpi_table_eval(out, h, indicator, root, period), t -> {
            List<KpiValue> rows = new ArrayList<>();
            for (long i = 0, n = capi.r57_kpi_table_count(t); i < n; i++) {
                rows.add(new KpiValue(indicator, capi.r57_kpi_table_unit(t, i),
                        Period.text(capi.r57_kpi_table_period(t, i)), capi.r57_kpi_table_has_value(t, i)
                                ? OptionalDouble.of(capi.r57_kpi_table_value(t, i)) : OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), capi.r57_kpi_table_reason(t, i)));
            }
            return rows;
        }, capi::r57_kpi_table_free);
    }

    /** Whether an indicator meets its target for a unit and period. */
    public Attainment attainment(String indicator, String unit, String period) {
        return one((out, h) -> capi.r57_attainment_get(out, h, indicator, unit, period),
                a -> Attainment.read(indicator, unit, period, a), capi::r57_attainment_free);
    }

    // ---- interchange (docs/json-format.md) ------------------------------------------------------

    private ImportReport importAny(int kind, String arg, ImportOptions o) {
        return one((out, h) -> capi.r57b_import(out, h, actor, kind, arg, o.ignoreUnknown ? 1 : 0,
                o.createUnits ? 1 : 0, o.strictUnits ? 1 : 0, o.parentUnit, o.batchSize, o.startLine),
                ImportReport::read, capi::r57_import_report_free);
    }

    /**
     * Imports a JSON document given as text; all or nothing.
     *
     * @throws ParseException with line and column, e.g. "line 1, column 60:
     *         /units/0/name: \"name\" must be a string"
     */
    public ImportReport importJson(String text) {
        return importJson(text, ImportOptions.defaults());
    }

    public ImportReport importJson(String text, ImportOptions o) {
        return importAny(0, text, o);
    }

    public ImportReport importJsonFile(Path path, ImportOptions o) {
        return importAny(1, path.toString(), o);
    }

    public ImportReport importNdjson(Path path, ImportOptions o) {
        return importAny(2, path.toString(), o);
    }

    /**
     * Imports a CSV task sheet (docs/json-format.md). Who-texts are resolved
     * against the registry ({@link #loadUnits()}); one naming a body not in
     * it is kept as written for the lint, or made a unit
     * ({@link ImportOptions#createUnits}), or refused
     * ({@link ImportOptions#strictUnits}).
     *
     * @throws NotFoundException with strict units, naming the text, line and column
     */
    public ImportReport importCsv(Path path, ImportOptions o) {
        return importAny(3, path.toString(), o);
    }

    /**
     * Imports a CSV sheet of reported figures (indicator or element, scope or
     * unit_code, period, value, source), as shared/data's reported_2025.csv.
     *
     * @throws InvalidInputException with the line, e.g. for a computed indicator
     */
    public ImportReport importValuesCsv(Path path, ImportOptions o) {
        return importAny(4, path.toString(), o);
    }

    /** Writes the public report: dir/index.html, a page per unit, dir/report.json. */
    public void writeReport(Path dir, ReportOptions o) {
        synchronized (state) {
            capi.r57b_report_write(state.handle(), dir.toString(), Dates.days(o.asOf), o.period, o.title,
                    o.dueSoonDays, o.includeRejected ? 1 : 0);
        }
    }

    /** The whole database as canonical JSON. */
    public String export() {
        return export(ExportOptions.all());
    }

    /** The database (or the part the options select) as JSON or NDJSON text. */
    public String export(ExportOptions o) {
        synchronized (state) {
            String[] out = new String[1];
            capi.r57b_export(out, state.handle(), o.unit, o.document, o.period, o.ndjson ? 1 : 0, null);
            return out[0];
        }
    }

    /** Writes the export into a file. */
    public void export(ExportOptions o, Path file) {
        synchronized (state) {
            String[] out = new String[1];
            capi.r57b_export(out, state.handle(), o.unit, o.document, o.period, o.ndjson ? 1 : 0, file.toString());
        }
    }

    // ---- actors and roles (docs/access.md) ----------------------------------------------------

    /**
     * Registers an actor. Needs an administrator, except in setup mode.
     *
     * @throws AlreadyExistsException if the code is taken
     * @throws PermissionDeniedException if this connection's actor may not
     */
    public void createActor(String code, String name) {
        synchronized (state) {
            capi.r57_actor_create(state.handle(), actor, code, name);
        }
    }

    /** Gives actor {@code code} a role in {@code unit} (and below), or system-wide if unit is null. */
    public void grant(String code, Role role, String unit) {
        synchronized (state) {
            capi.r57_actor_grant(state.handle(), actor, code, role.code(), unit);
        }
    }

    /**
     * Takes a role back.
     *
     * @throws StateException for the last administrator role
     */
    public void revoke(String code, Role role, String unit) {
        synchronized (state) {
            capi.r57_actor_revoke(state.handle(), actor, code, role.code(), unit);
        }
    }

    /** Whether actor {@code code} holds a role over {@code unit} (null: system-wide only). */
    public boolean hasRole(String code, Role role, String unit) {
        synchronized (state) {
            boolean[] out = new boolean[1];
            capi.r57_actor_has_role(out, state.handle(), code, role.code(), unit);
            return out[0];
        }
    }

    /** True while nobody holds the administrator role (no rights are checked yet). */
    public boolean isSetupMode() {
        synchronized (state) {
            boolean[] out = new boolean[1];
            capi.r57_db_setup_mode(out, state.handle());
            return out[0];
        }
    }

    // ---- progress and evidence (docs/evidence.md) ------------------------------------------------

    /**
     * Reports progress on a task and returns the report as stored.
     *
     * @param on the date of the report (null: today)
     * @param period for a regular task the period reported ("2025-10", "2025Q4", "2025"); else null
     * @throws InvalidInputException for a percent outside 0–100 or a period that does not fit
     * @throws StateException if the task is done or cancelled
     * @throws PermissionDeniedException if the actor is not a reporter of the task's unit
     */
    public Progress reportProgress(Task task, int percent, String narrative, LocalDate on, String period) {
        synchronized (state) {
            long t = getTask(task.document(), task.ref());
            long[] id = new long[1];
            try {
                capi.r57_progress_report(id, state.handle(), actor, t, percent, narrative, Dates.days(on), period);
            } finally {
                capi.r57_task_free(t);
            }
            return progressReport(id[0]);
        }
    }

    /** @throws NotFoundException if there is no report of that id */
    public Progress progressReport(long id) {
        return one((out, h) -> capi.r57_progress_get(out, h, id), Progress::read, capi::r57_progress_free);
    }

    /** The progress reports of a task, oldest first. */
    public List<Progress> progress(Task task) {
        return iterate((out, h) -> withTask(task, t -> capi.r57_progress_iterator_new(out, h, t)),
                capi::r57_progress_iterator_free, capi::r57_progress_next, Progress::read,
                capi::r57_progress_free).toList();
    }

    /**
     * Submits evidence for a task and returns it as stored (a file's size and SHA-256 computed).
     *
     * @throws InvalidInputException if a field is missing or does not belong to the kind
     * @throws StorageException if a file cannot be read
     */
    public Evidence submitEvidence(Task task, EvidenceSpec e) {
        synchronized (state) {
            long[] id = new long[1];
            withTask(task, t -> capi.r57b_evidence_submit(id, state.handle(), actor, t, e.kind.code(), e.title, e.uri,
                    e.documentNumber, Dates.days(e.documentDate), e.documentIssuer, e.path, e.data != null ? 1 : 0,
                    e.data, e.sha256, e.size, e.mediaType, e.progress, e.product ? 1 : 0));
            return evidence(id[0]);
        }
    }

    /** @throws NotFoundException if there is no evidence of that id */
    public Evidence evidence(long id) {
        return one((out, h) -> capi.r57_evidence_get(out, h, id), Evidence::read, capi::r57_evidence_free);
    }

    /** The evidence records of a task, oldest first. */
    public List<Evidence> evidence(Task task) {
        return iterate((out, h) -> withTask(task, t -> capi.r57_evidence_iterator_new(out, h, t)),
                capi::r57_evidence_iterator_free, capi::r57_evidence_next, Evidence::read,
                capi::r57_evidence_free).toList();
    }

    /**
     * Verifies evidence (final).
     *
     * @throws PermissionDeniedException for the submitter, or an actor without the verifier role over the task
     * @throws StateException if it was decided already
     */
    public void verifyEvidence(long id) {
        synchronized (state) {
            capi.r57_evidence_verify(state.handle(), actor, id);
        }
    }

    /** Rejects evidence with a reason (required; final). Same rights as {@link #verifyEvidence}. */
    public void rejectEvidence(long id, String reason) {
        synchronized (state) {
            capi.r57_evidence_reject(state.handle(), actor, id, reason);
        }
    }

    /**
     * Whether a file's bytes still match the recorded size and SHA-256.
     *
     * @param path the file to read, or null for the recorded uri
     */
    public boolean recheckEvidence(long id, Path path) {
        synchronized (state) {
            boolean[] matches = new boolean[1];
            capi.r57_evidence_recheck(matches, state.handle(), id, path == null ? null : path.toString());
            return matches[0];
        }
    }

    /** Whether tasks of a kind assigned by a document need verified product evidence to be done. */
    public void setEvidenceRule(String document, TaskKind kind, boolean required) {
        synchronized (state) {
            capi.r57_document_set_evidence_rule(state.handle(), actor, document, kind.code(), required ? 1 : 0);
        }
    }

    public boolean evidenceRule(String document, TaskKind kind) {
        synchronized (state) {
            boolean[] out = new boolean[1];
            capi.r57_document_evidence_rule(out, state.handle(), document, kind.code());
            return out[0];
        }
    }

    // ---- key tasks, scorecards, rating (docs/scorecards.md) ---------------------------------------

    /** Marks a task a key political task of a category, or (null) not key. */
    public void setKey(Task task, KeyCategory category) {
        synchronized (state) {
            withTask(task, t -> capi.r57_task_set_key(state.handle(), actor, t,
                    category == null ? capiConstants.R57_KEY_NONE : category.code()));
        }
    }

    /** The key category of a task; empty if it is not key. */
    public Optional<KeyCategory> key(Task task) {
        synchronized (state) {
            int[] out = new int[1];
            withTask(task, t -> capi.r57_task_key(out, state.handle(), t));
            return out[0] < 0 ? Optional.empty() : Optional.of(KeyCategory.of(out[0]));
        }
    }

    /** What a rating needs. */
    public RatingRule ratingRule(Rating level) {
        synchronized (state) {
            double[] share = new double[1];
            boolean[] blocks = new boolean[1];
            capi.r57_rating_rule_get(share, blocks, state.handle(), level.code());
            return new RatingRule(share[0], blocks[0]);
        }
    }

    /** Changes what a rating needs (journaled). */
    public void setRatingRule(Rating level, RatingRule rule) {
        synchronized (state) {
            capi.r57_rating_rule_set(state.handle(), actor, level.code(), rule.minOnTimeShare(),
                    rule.keyOverdueBlocks() ? 1 : 0);
        }
    }

    /**
     * A unit's scorecard (with its sub-units' tasks if {@code includeSubunits}) for a period.
     *
     * @param asOf the date judged (null: today)
     */
    public Scorecard scorecard(String unit, String period, LocalDate asOf, boolean includeSubunits) {
        return one((out, h) -> capi.r57_scorecard_get(out, h, unit, includeSubunits ? 1 : 0, period, Dates.days(asOf)),
                Scorecard::read, capi::r57_scorecard_free);
    }

    // ---- the journal (docs/journal.md) ------------------------------------------------------------

    /**
     * Checks the journal's hash chain (and that {@code anchor}, a head published earlier, is in it).
     *
     * @param anchor a hash published earlier, or null
     */
    public JournalReport verifyJournal(String anchor) {
        return one((out, h) -> capi.r57_journal_verify(out, h, anchor), JournalReport::read,
                capi::r57_journal_report_free);
    }

    /** The journal in order: every entry. */
    public Cursor<JournalEntry> journal() {
        return journal(null, null);
    }

    /** The entries of one kind of object ("task"), or of one object (key "07-TB/CQTTBCD#III.8"). */
    public Cursor<JournalEntry> journal(String object, String key) {
        return iterate((out, h) -> capi.r57_journal_iterator_new(out, h, object, key),
                capi::r57_journal_iterator_free, capi::r57_journal_next, JournalEntry::read,
                capi::r57_journal_entry_free);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** A task handle (caller frees); the caller holds the lock. */
    private long getTask(String document, String ref) {
        long[] out = new long[1];
        capi.r57_task_get(out, state.handle(), document, ref);
        return out[0];
    }

    /** Runs a C call on a fresh handle of the stored task; the caller holds the lock. */
    private void withTask(Task task, java.util.function.LongConsumer call) {
        long t = getTask(task.document(), task.ref());
        try {
            call.accept(t);
        } finally {
            capi.r57_task_free(t);
        }
    }

    /** Reads and frees a task handle. */
    private static Task readTask(long t) {
        try {
            return Task.read(t);
        } finally {
            capi.r57_task_free(t);
        }
    }

    /** A C call that makes an object through `out` on the database handle. */
    interface Get {
        void call(long[] out, long db);
    }

    /** A C call that yields the next object of an iterator (R57_ITEROVER at the end). */
    interface Next {
        int call(long[] out, long iterator);
    }

    /** One object: made by `get`, copied by `read`, freed — under the lock. */
    <T> T one(Get get, LongFunction<T> read, LongConsumer free) {
        synchronized (state) {
            long[] out = new long[1];
            get.call(out, state.handle());
            try {
                return read.apply(out[0]);
            } finally {
                free.accept(out[0]);
            }
        }
    }

    /** The objects of an iterator made by `open`, each copied by `read` and freed. */
    <T> Cursor<T> iterate(Get open, LongConsumer freeIterator, Next next, LongFunction<T> read,
                          LongConsumer free) {
        synchronized (state) {
            long[] out = new long[1];
            open.call(out, state.handle());
            return cursor(out[0], freeIterator, it -> {
                long[] item = new long[1];
                if (next.call(item, it) == capiConstants.R57_ITEROVER) {
                    return null;
                }
                try {
                    return read.apply(item[0]);
                } finally {
                    free.accept(item[0]);
                }
            });
        }
    }

    /** A cursor over a fresh native iterator; the caller holds the lock. */
    <T> Cursor<T> cursor(long iterator, LongConsumer free, Cursor.Fetch<T> fetch) {
        return new Cursor<>(this, state, iterator, free, fetch);
    }

    State state() {
        return state;
    }

    @Override
    public String toString() {
        return "Database[" + path + (isClosed() ? ", closed]" : "]");
    }
}
