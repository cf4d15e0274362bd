/* Writes the export of a database holding every kind of object (the notice
 * sheet, the catalogue, a regular task with an instance, values) to the file
 * named on the command line, as JSON and as NDJSON (second file), for the
 * schema test to validate what the library really writes. */
#include <r57.h>
#include <stdio.h>

static int check(int rc, const char *what)
{
    if (rc < 0)
        fprintf(stderr, "gen_export: %s: %s\n", what, r57_error_message(r57_error_last()));
    return rc < 0;
}

int main(int argc, char **argv)
{
    r57_db *db;
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    r57_export_options e = R57_EXPORT_OPTIONS_INIT;
    r57_task_spec s = R57_TASK_SPEC_INIT;
    r57_task *t;
    if (argc != 5) {
        fprintf(stderr, "usage: gen_export NOTICE.csv CATALOGUE.json OUT.json OUT.ndjson\n");
        return 2;
    }
    int64_t progress = 0, evidence = 0;
    r57_evidence_spec ev = R57_EVIDENCE_SPEC_INIT;
    ev.kind = R57_EVIDENCE_LINK;
    ev.title = "October 2025 report on the portal";
    ev.uri = "https://example.gov.vn/reports/2025-10";
    o.create_units = 1;
    o.parent_unit = "VN";
    s.document = "07-TB/CQTTBCD";
    s.ref = "X.1";
    s.deadline = "monthly";
    s.owner_unit = "VN";
    if (check(r57_open(&db, ":memory:", NULL), "open") ||
        check(r57_unit_create(db, "gen", "VN", "Viet Nam", R57_UNIT_NATION, NULL), "unit") ||
        check(r57_import_csv_tasks(NULL, db, "gen", &o, argv[1]), "csv") ||
        check(r57_catalogue_load(db, "gen", argv[2]), "catalogue") ||
        check(r57_task_create(&t, db, "gen", &s), "task") ||
        /* October 2025's instance, brought to a result: reported with
         * evidence, verified by someone else, then marked done. */
        check(r57_progress_report(&progress, db, "gen", t, 100, "report sent", 20380, "2025-10"),
              "progress") ||
        (ev.progress = progress, 0) ||
        check(r57_evidence_submit(&evidence, db, "gen", t, &ev), "evidence") ||
        check(r57_evidence_verify(db, "verifier", evidence), "verify") ||
        check(r57_actor_create(db, "gen", "verifier", "Verifier of the nation"), "actor") ||
        check(r57_actor_grant(db, "gen", "verifier", R57_ROLE_VERIFIER, "VN"), "grant") ||
        check(r57_task_set_key(db, "gen", t, R57_KEY_DIGITAL_TRANSFORMATION), "key") ||
        check(r57_task_instance_done(db, "gen", t, 20376, 20380), "instance") ||
        check(r57_value_set(db, "gen", "procedures_total", "VN", "2026-01", 1200, "portal"), "value") ||
        check(r57_export_file(db, NULL, argv[3]), "export"))
        return 1;
    e.ndjson = 1;
    if (check(r57_export_file(db, &e, argv[4]), "export ndjson"))
        return 1;
    r57_task_free(t);
    r57_close(db);
    return 0;
}
