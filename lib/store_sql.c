/*
 * The statement table: the SQL of every statement the store runs on a
 * database of the current schema, by id (store_internal.h).  Values are
 * always bound (?), never pasted into the text; the few queries put
 * together at run time (task filters, store_task.c) start from
 * S_TASK_SELECT and add constant pieces.
 */
#include "store_internal.h"

#define UNIT_COLUMNS "u.id, u.code, u.name, u.kind, pu.code"
#define UNIT_FROM " FROM unit u LEFT JOIN unit pu ON pu.id = u.parent_id"
#define DOC_COLUMNS "id, number, kind, issued, issuer, title"
#define TASK_COLUMNS                                                                               \
    "t.id, t.document_id, t.parent_id, t.owner_unit_id, t.accountability_unit_id,"                 \
    " t.authority_unit_id, d.number, t.ref, p.ref, t.title, ou.code, t.owner,"                     \
    " t.owner_person, au.code, t.accountability, t.product, hu.code, t.authority,"                 \
    " t.deadline, t.coordinating, t.deadline_kind, t.status, t.due, t.done_on,"                    \
    " ifnull(t.key_category, -1), t.resolution,"                                                   \
    " coalesce(d.accountability_rule,"                                                             \
    " (SELECT value FROM setting WHERE key = 'accountability_rule'))"
#define TASK_FROM                                                                                  \
    " FROM task t JOIN document d ON d.id = t.document_id"                                         \
    " LEFT JOIN task p ON p.id = t.parent_id"                                                      \
    " LEFT JOIN unit ou ON ou.id = t.owner_unit_id"                                                \
    " LEFT JOIN unit au ON au.id = t.accountability_unit_id"                                       \
    " LEFT JOIN unit hu ON hu.id = t.authority_unit_id"
#define TASK_SET(column) "UPDATE task SET " column " = ? WHERE id = ?"
#define JOURNAL_COLUMNS "seq, at, actor, object, object_key, action, old, new, prev_hash, hash"
#define PROGRESS_COLUMNS                                                                           \
    "p.id, d.number, t.ref, p.percent, p.narrative, p.reported_on, p.period, p.actor, p.at,"       \
    " p.task_id"                                                                                   \
    " FROM progress p JOIN task t ON t.id = p.task_id JOIN document d ON d.id = t.document_id"
#define EVIDENCE_COLUMNS                                                                           \
    "e.id, d.number, t.ref, e.progress_id, e.kind, e.title, e.uri, e.doc_number,"                  \
    " e.doc_date, e.doc_issuer, e.size, e.media_type, e.sha256, e.product, e.status,"              \
    " e.submitted_by, e.submitted_at, e.decided_by, e.decided_at, e.reason, e.task_id"             \
    " FROM evidence e JOIN task t ON t.id = e.task_id JOIN document d ON d.id = t.document_id"
/* The unit ?3 and every unit above it. */
#define UNIT_AND_ABOVE                                                                             \
    "WITH RECURSIVE up(id) AS (SELECT ?3 UNION ALL"                                                \
    " SELECT u.parent_id FROM unit u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
#define HAS_ROLE                                                                                   \
    "SELECT EXISTS (SELECT 1 FROM actor_role r JOIN actor a ON a.id = r.actor_id"                  \
    " WHERE a.code = ?1 AND r.role = ?2"
#define INDICATOR_COLUMNS                                                                          \
    "id, code, name, measure, direction, formula, numerator, denominator, factor, rollup,"         \
    " baseline, baseline_period, description"
#define VALUE_ROWS                                                                                 \
    " SELECT e.code, u.code, v.period, v.value, v.source, v.reported_by"                           \
    " FROM value v JOIN element e ON e.id = v.element_id JOIN unit u ON u.id = v.unit_id"
#define GROUP_BY_NAME(column)                                                                      \
    "SELECT DISTINCT g.id, g.code, g.name FROM unit_group g"                                       \
    " JOIN unit_group_names n ON n.group_id = g.id WHERE n." column " = ? ORDER BY g.code"

const char *const r57__stmt_sql[S__COUNT] = {
    /* ---- transactions ---- */
    /* IMMEDIATE takes the write lock at once, so a busy database fails
     * before anything is read or decided. */
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_DATA_VERSION] = "PRAGMA data_version",

    /* ---- the journal ---- */
    [S_JOURNAL_INSERT] =
        "INSERT INTO journal (at, actor, object, object_key, action, old, new, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [S_JOURNAL_HEAD] = "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1",
    [S_JOURNAL_SEQ_OF_HASH] = "SELECT seq FROM journal WHERE hash = ? ORDER BY seq LIMIT 1",
    [S_JOURNAL_ALL] = "SELECT " JOURNAL_COLUMNS " FROM journal ORDER BY seq",
    [S_JOURNAL_OF_KIND] = "SELECT " JOURNAL_COLUMNS " FROM journal WHERE object = ?1 ORDER BY seq",
    [S_JOURNAL_OF_OBJECT] = "SELECT " JOURNAL_COLUMNS " FROM journal"
                            " WHERE object = ?1 AND object_key = ?2 ORDER BY seq",

    /* ---- units ---- */
    [S_UNIT_INSERT] =
        "INSERT INTO unit (code, name, name_key, kind, parent_id) VALUES (?, ?, ?, ?, ?)",
    [S_UNIT_UPDATE] =
        "UPDATE unit SET name = ?, name_key = ?, kind = ?, parent_id = ? WHERE id = ?",
    [S_UNIT_ID_BY_CODE] = "SELECT id FROM unit WHERE code = ?",
    [S_UNIT_BY_CODE] = "SELECT " UNIT_COLUMNS UNIT_FROM " WHERE u.code = ?",
    [S_UNIT_BY_NAME] = "SELECT DISTINCT " UNIT_COLUMNS UNIT_FROM
                       " JOIN unit_names n ON n.unit_id = u.id WHERE n.key = ? ORDER BY u.code",
    [S_UNIT_BY_BARE] = "SELECT DISTINCT " UNIT_COLUMNS UNIT_FROM
                       " JOIN unit_names n ON n.unit_id = u.id WHERE n.bare = ? ORDER BY u.code",
    [S_UNIT_PARENT] = "SELECT parent_id FROM unit WHERE id = ?",
    [S_UNIT_CODE] = "SELECT code FROM unit WHERE id = ?",
    [S_UNIT_TREE] = "SELECT id, parent_id, code FROM unit ORDER BY id",
    [S_UNIT_NAME_INSERT] = "INSERT OR IGNORE INTO unit_names (unit_id, kind, name, key, bare, of,"
                           " since) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [S_UNIT_NAME_DELETE] = "DELETE FROM unit_names WHERE unit_id = ? AND kind = ? AND name = ?",
    [S_UNIT_NAMES] = "SELECT kind, name, of, since FROM unit_names WHERE unit_id = ?"
                     " ORDER BY kind, key",
    [S_UNIT_ALL] = "SELECT " UNIT_COLUMNS UNIT_FROM " ORDER BY u.code",
    /* Depth first: the path of codes sorts a parent before its children. */
    [S_UNIT_SUBTREE] = "WITH RECURSIVE sub(id, path) AS ("
                       "  SELECT id, code FROM unit WHERE id = ?"
                       "  UNION ALL"
                       "  SELECT u.id, sub.path || char(1) || u.code"
                       "  FROM unit u JOIN sub ON u.parent_id = sub.id)"
                       " SELECT " UNIT_COLUMNS UNIT_FROM " JOIN sub ON sub.id = u.id"
                       " ORDER BY sub.path",
    [S_UNIT_ALL_TREE] = "WITH RECURSIVE sub(id, path) AS ("
                        "  SELECT id, code FROM unit WHERE parent_id IS NULL"
                        "  UNION ALL"
                        "  SELECT u.id, sub.path || char(1) || u.code"
                        "  FROM unit u JOIN sub ON u.parent_id = sub.id)"
                        " SELECT " UNIT_COLUMNS UNIT_FROM " JOIN sub ON sub.id = u.id"
                        " ORDER BY sub.path",
    [S_REGISTRY] = "SELECT u.code, u.name, u.kind, n.kind, n.name, n.key, n.bare, n.of,"
                   " n.since, p.code FROM unit_names n JOIN unit u ON u.id = n.unit_id"
                   " LEFT JOIN unit p ON p.id = u.parent_id"
                   " ORDER BY u.code, n.kind, n.key",

    /* ---- documents, settings, accountability rules ---- */
    [S_DOC_INSERT] =
        "INSERT INTO document (number, kind, issued, issuer, title) VALUES (?, ?, ?, ?, ?)",
    [S_DOC_ID_BY_NUMBER] = "SELECT id FROM document WHERE number = ?",
    [S_DOC_BY_NUMBER] = "SELECT " DOC_COLUMNS " FROM document WHERE number = ?",
    [S_DOC_SET_RULE] = "UPDATE document SET accountability_rule = ? WHERE id = ?",
    [S_SETTING_GET] = "SELECT value FROM setting WHERE key = ?",
    [S_SETTING_PUT] = "INSERT INTO setting (key, value) VALUES (?, ?)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [S_SETTING_DELETE] = "DELETE FROM setting WHERE key = ?",
    [S_DOC_ALL] = "SELECT " DOC_COLUMNS " FROM document ORDER BY number",
    /* The database's rule first (its document is NULL), then by document. */
    [S_RULE_ALL] = "SELECT NULL, value FROM setting WHERE key = 'accountability_rule'"
                   " UNION ALL SELECT number, accountability_rule FROM document"
                   " WHERE accountability_rule IS NOT NULL ORDER BY 1",

    /* ---- tasks ---- */
    [S_TASK_INSERT] =
        "INSERT INTO task (document_id, ref, parent_id, title, owner_unit_id, owner,"
        " owner_person, accountability_unit_id, accountability, product,"
        " authority_unit_id, authority, deadline, deadline_kind, due, coordinating, status,"
        " resolution)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
    [S_TASK_ID_BY_REF] = "SELECT id, document_id FROM task WHERE document_id = ? AND ref = ?",
    [S_TASK_BY_ID] = "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.id = ?",
    [S_TASK_DOC_ISSUED] =
        "SELECT d.issued FROM task t JOIN document d ON d.id = t.document_id WHERE t.id = ?",
    [S_TASK_SET_STATUS] = "UPDATE task SET status = ?, done_on = ? WHERE id = ?",
    [S_TASK_SET_TITLE] = TASK_SET("title"),
    [S_TASK_SET_OWNER_UNIT] = TASK_SET("owner_unit_id"),
    [S_TASK_SET_OWNER] = TASK_SET("owner"),
    [S_TASK_SET_OWNER_PERSON] = TASK_SET("owner_person"),
    [S_TASK_SET_ACCOUNTABILITY_UNIT] = TASK_SET("accountability_unit_id"),
    [S_TASK_SET_ACCOUNTABILITY] = TASK_SET("accountability"),
    [S_TASK_SET_PRODUCT] = TASK_SET("product"),
    [S_TASK_SET_AUTHORITY_UNIT] = TASK_SET("authority_unit_id"),
    [S_TASK_SET_AUTHORITY] = TASK_SET("authority"),
    [S_TASK_SET_DEADLINE] = TASK_SET("deadline"),
    [S_TASK_SET_DEADLINE_KIND] = TASK_SET("deadline_kind"),
    [S_TASK_SET_DUE] = TASK_SET("due"),
    [S_TASK_SET_COORDINATING] = TASK_SET("coordinating"),
    [S_TASK_SET_RESOLUTION] = TASK_SET("resolution"),
    [S_TASK_SET_KEY] = TASK_SET("key_category"),
    [S_TASK_KEY] = "SELECT ifnull(key_category, -1) FROM task WHERE id = ?",
    [S_TASK_COORD_INSERT] =
        "INSERT INTO task_coordinating (task_id, position, unit_id) VALUES (?, ?, ?)",
    [S_TASK_COORDS] = "SELECT u.code FROM task_coordinating c JOIN unit u ON u.id = c.unit_id"
                      " WHERE c.task_id = ? ORDER BY c.position",
    [S_TASK_COORDS_CLEAR] = "DELETE FROM task_coordinating WHERE task_id = ?",
    [S_TASK_INSTANCE_INSERT] =
        "INSERT INTO task_instance (task_id, period_start, done_on) VALUES (?, ?, ?)",
    [S_TASK_INSTANCES] =
        "SELECT period_start, done_on FROM task_instance WHERE task_id = ? ORDER BY period_start",
    [S_TASK_SELECT] = "SELECT " TASK_COLUMNS TASK_FROM,

    /* ---- actors and roles ---- */
    [S_ACTOR_ID] = "SELECT id FROM actor WHERE code = ?",
    [S_ACTOR_INSERT] = "INSERT INTO actor (code, name) VALUES (?, ?)",
    [S_ROLE_INSERT] = "INSERT INTO actor_role (actor_id, role, unit_id) VALUES (?, ?, ?)",
    [S_ROLE_DELETE] = "DELETE FROM actor_role WHERE actor_id = ? AND role = ? AND unit_id IS ?",
    [S_ROLE_EXISTS] = "SELECT EXISTS (SELECT 1 FROM actor_role WHERE role = ?)",
    [S_ROLE_COUNT] = "SELECT count(*) FROM actor_role WHERE role = ?",
    /* Held in the unit ?3, in a unit above it, or system-wide. */
    [S_HAS_ROLE_UNIT] = UNIT_AND_ABOVE
    " " HAS_ROLE " AND (r.unit_id IS NULL OR r.unit_id IN (SELECT id FROM up)))",
    [S_HAS_ROLE_SYSTEM] = HAS_ROLE " AND r.unit_id IS NULL)",
    [S_HAS_ROLE_ANY] = HAS_ROLE ")",
    [S_ACTOR_ALL] = "SELECT a.code, a.name, r.role, u.code FROM actor a"
                    " LEFT JOIN actor_role r ON r.actor_id = a.id"
                    " LEFT JOIN unit u ON u.id = r.unit_id"
                    " ORDER BY a.code, r.role, u.code IS NOT NULL, u.code",

    /* ---- progress reports, evidence, rules ---- */
    [S_PROGRESS_INSERT] =
        "INSERT INTO progress (task_id, percent, narrative, reported_on, period, actor, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
    [S_PROGRESS_BY_ID] = "SELECT " PROGRESS_COLUMNS " WHERE p.id = ?",
    [S_EVIDENCE_INSERT] =
        "INSERT INTO evidence (task_id, progress_id, kind, title, uri, doc_number, doc_date,"
        " doc_issuer, size, media_type, sha256, product, status, submitted_by, submitted_at,"
        " decided_by, decided_at, reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [S_EVIDENCE_BY_ID] = "SELECT " EVIDENCE_COLUMNS " WHERE e.id = ?",
    [S_EVIDENCE_DECIDE] =
        "UPDATE evidence SET status = ?, decided_by = ?, decided_at = ?, reason = ?"
        " WHERE id = ? AND status = 0",
    [S_EVIDENCE_PROOF] =
        "SELECT count(*) FROM evidence WHERE task_id = ? AND status = 1 AND product = 1",
    [S_EVIDENCE_PROOF_PERIOD] =
        "SELECT count(*) FROM evidence e JOIN progress p ON p.id = e.progress_id"
        " WHERE e.task_id = ? AND e.status = 1 AND e.product = 1 AND p.period = ?",
    [S_EVIDENCE_RULE_GET] =
        "SELECT required FROM evidence_rule WHERE document_id = ? AND task_kind = ?",
    [S_EVIDENCE_RULE_PUT] =
        "INSERT OR REPLACE INTO evidence_rule (document_id, task_kind, required) VALUES (?, ?, ?)",
    [S_RATING_GET] = "SELECT min_on_time, key_overdue_blocks FROM rating_rule WHERE level = ?",
    [S_RATING_PUT] =
        "UPDATE rating_rule SET min_on_time = ?, key_overdue_blocks = ? WHERE level = ?",
    [S_PROGRESS_ALL] = "SELECT " PROGRESS_COLUMNS " ORDER BY p.id",
    [S_PROGRESS_OF_TASK] = "SELECT " PROGRESS_COLUMNS " WHERE p.task_id = ? ORDER BY p.id",
    [S_EVIDENCE_ALL] = "SELECT " EVIDENCE_COLUMNS " ORDER BY e.id",
    [S_EVIDENCE_OF_TASK] = "SELECT " EVIDENCE_COLUMNS " WHERE e.task_id = ? ORDER BY e.id",
    [S_EVIDENCE_RULE_ALL] =
        "SELECT d.number, r.task_kind, r.required FROM evidence_rule r"
        " JOIN document d ON d.id = r.document_id ORDER BY d.number, r.task_kind",

    /* ---- data elements, values, indicators, targets ---- */
    [S_ELEMENT_INSERT] =
        "INSERT INTO element (code, name, measure, aggregation) VALUES (?, ?, ?, ?)",
    [S_ELEMENT_FIND] = "SELECT id, aggregation FROM element WHERE code = ?",
    [S_VALUE_GET] =
        "SELECT value, source FROM value WHERE element_id = ? AND period = ? AND unit_id = ?",
    [S_VALUE_PUT] =
        "INSERT OR REPLACE INTO value (element_id, period, unit_id, value, source, reported_by)"
        " VALUES (?, ?, ?, ?, ?, ?)",
    /* r57_values_each hands the rows to the caller from inside the
     * statement (store_kpi.c). */
    [S_VALUES_OF] = "SELECT r57_values_each(unit_id, value) FROM value"
                    " WHERE element_id = ? AND period = ?",
    [S_INDICATOR_INSERT] =
        "INSERT INTO indicator (code, name, measure, direction, formula, numerator,"
        " denominator, factor, rollup, baseline, baseline_period, description)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [S_INDICATOR_BY_CODE] = "SELECT " INDICATOR_COLUMNS " FROM indicator WHERE code = ?",
    [S_TARGET_INSERT] =
        "INSERT INTO target (indicator_id, unit_id, scope, comparison, value, period,"
        " aggregate, source, group_id, binds, bound_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    /* Every target of the indicator: which bind a unit or group is for
     * kpi.c to say (sub-units and members are in its tree). */
    [S_TARGETS_FOR] =
        "SELECT id, indicator_id, unit_id, comparison, aggregate, value, period, scope, source,"
        " group_id, binds, bound_code FROM target WHERE indicator_id = ? ORDER BY id",
    [S_ELEMENT_ALL] = "SELECT code, name, measure, aggregation FROM element ORDER BY code",
    /* Values by element id ?1 and unit id ?2 (0: any). */
    [S_VALUE_ALL] = VALUE_ROWS " WHERE (?1 = 0 OR v.element_id = ?1) AND (?2 = 0 OR v.unit_id = ?2)"
                               " ORDER BY e.code, v.period, u.code",
    /* The same, of the unit ?2 and its sub-units. */
    [S_VALUE_OF_SUBTREE] = "WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL"
                           " SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)" VALUE_ROWS
                           " WHERE (?1 = 0 OR v.element_id = ?1)"
                           " AND v.unit_id IN (SELECT id FROM sub)"
                           " ORDER BY e.code, v.period, u.code",
    [S_INDICATOR_ALL] = "SELECT " INDICATOR_COLUMNS " FROM indicator ORDER BY code",
    [S_TARGET_ALL] = "SELECT i.code, t.bound_code, t.scope, t.source, t.comparison,"
                     " t.aggregate, t.value, t.period, t.binds"
                     " FROM target t JOIN indicator i ON i.id = t.indicator_id"
                     " ORDER BY i.code, t.bound_code IS NOT NULL, t.bound_code, t.binds,"
                     " t.period, t.id",

    /* ---- unit groups ---- */
    [S_GROUP_INSERT] = "INSERT INTO unit_group (code, name) VALUES (?, ?)",
    [S_GROUP_UPDATE] = "UPDATE unit_group SET name = ? WHERE id = ?",
    [S_GROUP_BY_CODE] = "SELECT id, code, name FROM unit_group WHERE code = ?",
    [S_GROUP_BY_KEY] = GROUP_BY_NAME("key"),
    [S_GROUP_BY_BARE] = GROUP_BY_NAME("bare"),
    [S_GROUP_ALL] = "SELECT id, code, name FROM unit_group ORDER BY code",
    [S_GROUP_NAME_INSERT] = "INSERT OR IGNORE INTO unit_group_names (group_id, kind, name, key,"
                            " bare) VALUES (?, ?, ?, ?, ?)",
    [S_GROUP_NAMES] = "SELECT kind, name FROM unit_group_names WHERE group_id = ?"
                      " ORDER BY kind, key, name",
    [S_GROUP_MEMBER_INSERT] = "INSERT OR IGNORE INTO unit_group_member (group_id, unit_id)"
                              " VALUES (?, ?)",
    [S_GROUP_MEMBERS] = "SELECT u.id, u.code FROM unit_group_member m JOIN unit u"
                        " ON u.id = m.unit_id WHERE m.group_id = ? ORDER BY u.code",
    [S_GROUP_MEMBERS_ALL] = "SELECT group_id, unit_id FROM unit_group_member"
                            " ORDER BY group_id, unit_id",
    [S_GROUP_VALUE_PUT] =
        "INSERT OR REPLACE INTO group_value (element_id, period, group_id, value, source,"
        " reported_by) VALUES (?, ?, ?, ?, ?, ?)",
    [S_GROUP_VALUE_GET] = "SELECT value, source FROM group_value WHERE element_id = ? AND"
                          " period = ? AND group_id = ?",
    [S_GROUP_VALUES_OF] = "SELECT group_id, value FROM group_value WHERE element_id = ?"
                          " AND period = ?",
    [S_GROUP_VALUE_ALL] = "SELECT e.code, g.code, v.period, v.value, v.source, v.reported_by"
                          " FROM group_value v JOIN element e ON e.id = v.element_id"
                          " JOIN unit_group g ON g.id = v.group_id"
                          " ORDER BY e.code, v.period, g.code",
};
