/*
 * r57 — the command-line face of libr57: a thin layer over the public C
 * API (every decision is the library's; this file parses arguments and
 * prints).  `r57 --help` and `r57 COMMAND --help` describe the commands.
 *
 * Exit codes: 0 success; 1 bad usage (unknown command or option, missing or
 * malformed argument); 2 the library refused the work (the message names
 * the input and what is wrong); 3 a file could not be read or written;
 * 4 `verify` found the journal or an evidence file changed.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage =
    "usage: r57 COMMAND DB [options]\n"
    "\n"
    "commands:\n"
    "  init DB                         create a libr57 database\n"
    "  load-units DB                   load the registry of Vietnam's units (built in)\n"
    "  import DB FILE                  import a JSON or NDJSON export, a catalogue\n"
    "                                  (format libr57-catalogue) or a CSV task sheet\n"
    "  export DB                       write the database as JSON (or NDJSON)\n"
    "  lint DB                         the 6 clear verdict of every task\n"
    "  overdue DB --as-of DATE         overdue and due-soon tasks, by unit\n"
    "  kpi DB                          indicator values, targets, attainment\n"
    "  scorecard DB --unit CODE --period P   a unit's scorecard and rating\n"
    "  verify DB                       the journal's hash chain and evidence files\n"
    "  report DB --out DIR             the public report: a static site and JSON\n"
    "  resolve DB TEXT                 what an owner or authority text names, and why\n"
    "  resolve-tasks DB                resolve the tasks' texts again (after load-units)\n"
    "  rule DB TEXT                    the accountability rule (\"implied\" accountability)\n"
    "  assign-each DB --document N --ref R   one sub-task per unit of a joint or group owner\n"
    "\n"
    "Run `r57 COMMAND --help` for a command's options.  Exit codes: 0 success,\n"
    "1 bad usage, 2 the library refused the input (the message says why),\n"
    "3 a file could not be read or written, 4 verify found tampering.\n"
    "Writing commands act as --actor NAME (default: $R57_ACTOR, else r57-cli).\n";

/* Options common to the commands; each command says which it takes. */
static int parse_options(args *a, int argc, char **argv, const char *allowed)
{
    memset(a, 0, sizeof *a);
    a->soon = 7;
    a->include_subunits = 1;
    a->actor = getenv("R57_ACTOR") && *getenv("R57_ACTOR") ? getenv("R57_ACTOR") : "r57-cli";
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKES(name) (strcmp(o, name) == 0 && strstr(allowed, name " "))
        if (TAKES("--json")) {
            a->json = 1;
        } else if (TAKES("--ndjson")) {
            a->ndjson = 1;
        } else if (TAKES("--create-units")) {
            a->create_units = 1;
        } else if (TAKES("--strict")) {
            a->strict = 1;
        } else if (TAKES("--list")) {
            a->list = 1;
        } else if (TAKES("--ignore-unknown")) {
            a->ignore_unknown = 1;
        } else if (TAKES("--own-only")) {
            a->include_subunits = 0;
        } else if (TAKES("--include-rejected")) {
            a->include_rejected = 1;
        } else if (TAKES("--as-of") || TAKES("--unit") || TAKES("--period") ||
                   TAKES("--document") || TAKES("--out") || TAKES("--parent") ||
                   TAKES("--soon") || TAKES("--batch") || TAKES("--start-line") ||
                   TAKES("--actor") || TAKES("--anchor") || TAKES("--title") || TAKES("--file") ||
                   TAKES("--ref") || TAKES("--group")) {
            if (!value)
                return bad_usage("option %s needs a value", o);
            if (strcmp(o, "--as-of") == 0) a->as_of = value;
            else if (strcmp(o, "--unit") == 0) a->unit = value;
            else if (strcmp(o, "--period") == 0) a->period = value;
            else if (strcmp(o, "--document") == 0) a->document = value;
            else if (strcmp(o, "--out") == 0) a->out = value;
            else if (strcmp(o, "--parent") == 0) a->parent = value;
            else if (strcmp(o, "--actor") == 0) a->actor = value;
            else if (strcmp(o, "--file") == 0) a->file = value;
            else if (strcmp(o, "--ref") == 0) a->ref = value;
            else if (strcmp(o, "--group") == 0) a->group = value;
            else if (strcmp(o, "--anchor") == 0) a->anchor = value;
            else if (strcmp(o, "--title") == 0) a->title = value;
            else {
                char *end;
                long v = strtol(value, &end, 10);
                if (*end || v < 0)
                    return bad_usage("option %s needs a whole number", o);
                if (strcmp(o, "--soon") == 0) a->soon = (int)v;
                else if (strcmp(o, "--batch") == 0) a->batch = v;
                else a->start_line = v;
            }
            i++;
        } else {
            return bad_usage("unknown option '%s'", o);
        }
#undef TAKES
    }
    return 0;
}

static int open_db(r57_db **db, const char *path, int must_exist)
{
    r57_open_options o = R57_OPEN_OPTIONS_INIT;
    if (must_exist)
        o.flags = R57_OPEN_NOCREATE;
    return r57_open(db, path, &o) < 0 ? fail("opening the database") : 0;
}

/* ---- main ------------------------------------------------------------------------ */

/* The commands: name, the options each takes, its help, whether it takes
 * an argument after DB (a file, a text), whether it may create the
 * database, and what runs it. */
static const struct {
    const char *name, *options, *help;
    int needs_file, creates;
    int (*run)(r57_db *db, const char *arg, const args *a);
} commands[] = {
    { "init", "", "r57 init DB\n  Creates a libr57 database (an existing one is left as it is).\n", 0, 1, cmd_init },
    { "load-units", "--file --actor --json ",
      "r57 load-units DB [--file FILE] [--actor NAME] [--json]\n"
      "  Loads the registry of Vietnam's units built into the library (ministries\n"
      "  from 1 March 2025, the 34 provinces and cities from 1 July 2025, their\n"
      "  names, aliases and predecessors), or a sheet with the same columns (a\n"
      "  province's communes).  Loading again changes nothing.\n", 0, 1, cmd_load_units },
    { "import", "--create-units --strict --parent --ignore-unknown --batch --start-line --actor --json ",
      "r57 import DB FILE [--create-units | --strict] [--parent CODE] [--ignore-unknown]\n"
      "                   [--batch N] [--start-line N] [--actor NAME] [--json]\n"
      "  FILE.csv: a task sheet; its lead, coordinating and authority texts are\n"
      "  resolved against the registry (r57 load-units).  A text that names a body\n"
      "  not in the registry is kept as written for the lint; --strict refuses the\n"
      "  sheet instead, --create-units registers a lead, or a ';'-separated\n"
      "  coordinating body, that names one body (under --parent; never a joint or\n"
      "  collective text).  FILE.ndjson: NDJSON (batches of --batch lines; resume\n"
      "  with --start-line); FILE.json: an export, or a catalogue.  A CSV with a\n"
      "  value column is a sheet of reported figures (indicator or element, scope\n"
      "  or unit_code, period, value, source).\n", 1, 1, cmd_import },
    { "export", "--unit --document --period --ndjson --out ",
      "r57 export DB [--unit CODE] [--document NUMBER] [--period P] [--ndjson] [--out FILE]\n", 0, 0, cmd_export },
    { "lint", "--document --unit --own-only --json ",
      "r57 lint DB [--document NUMBER] [--unit CODE [--own-only]] [--json]\n", 0, 0, cmd_lint },
    { "overdue", "--as-of --soon --unit --own-only --json ",
      "r57 overdue DB --as-of DATE [--soon DAYS] [--unit CODE [--own-only]] [--json]\n", 0, 0, cmd_overdue },
    { "kpi", "--unit --period --json ",
      "r57 kpi DB [--unit CODE] [--period P] [--json]\n"
      "  Every indicator's value, target and attainment for a unit (default: the\n"
      "  first root unit) and a period (default: this year).\n", 0, 0, cmd_kpi },
    { "scorecard", "--unit --period --as-of --own-only --json ",
      "r57 scorecard DB --unit CODE --period P [--as-of DATE] [--own-only] [--json]\n"
      "  Tasks due in the period (on time, late, overdue, pending), key tasks\n"
      "  unfinished, KPI targets met, and the rating with its reason.\n", 0, 0, cmd_scorecard },
    { "verify", "--anchor --json ",
      "r57 verify DB [--anchor HASH] [--json]\n"
      "  Walks the journal's hash chain (and checks that the anchor, a head hash\n"
      "  published earlier, is still in it) and re-hashes every evidence file.\n"
      "  Exit 4 if anything was changed.\n", 0, 0, cmd_verify },
    { "report", "--out --as-of --period --title --soon --include-rejected --json ",
      "r57 report DB --out DIR [--as-of DATE] [--period P] [--title TEXT]\n"
      "                        [--soon DAYS] [--include-rejected] [--json]\n"
      "  The public report: DIR/index.html, a page per unit, DIR/report.json.\n", 0, 0, cmd_report },
    { "resolve", "--list --json ",
      "r57 resolve DB TEXT [--list] [--json]\n"
      "  What an owner, authority or (--list) coordinating text names: one unit\n"
      "  (by name, abbreviation or old name), a person, joint leads, a class of\n"
      "  bodies, a body not in the registry; and why.\n", 1, 0, cmd_resolve },
    { "resolve-tasks", "--document --actor --json ",
      "r57 resolve-tasks DB [--document NUMBER] [--actor NAME] [--json]\n"
      "  Resolves the texts of the tasks again (after load-units, or new words):\n"
      "  owner, authority and coordinating units follow what the texts name.\n", 0, 0,
      cmd_resolve_tasks },
    { "assign-each", "--document --ref --group --actor --json ",
      "r57 assign-each DB --document NUMBER --ref REF [--group central|local] [--actor NAME]\n"
      "  Splits a task whose owner is joint (\"A và B\") or a level (\"các tỉnh, thành\n"
      "  phố\") into one sub-task per unit (REF/CODE), each in its unit's scorecard.\n", 0, 0,
      cmd_assign_each },
    { "rule", "--document --actor --json ",
      "r57 rule DB TEXT [--document NUMBER] [--actor NAME]\n"
      "  Sets the accountability rule of the database (or of a document), e.g.\n"
      "  \"the head of the lead unit answers\": an accountability that is not\n"
      "  written is then \"implied\" instead of \"missing\".  TEXT \"\" removes it.\n", 1, 0,
      cmd_rule },
};

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("r57 %s\n", r57_version());
        return 0;
    }
    size_t c = 0;
    while (c < sizeof commands / sizeof commands[0] && strcmp(commands[c].name, argv[1]) != 0)
        c++;
    if (c == sizeof commands / sizeof commands[0])
        return bad_usage("unknown command '%s'", argv[1]);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0) {
            fputs(commands[c].help, stdout);
            return 0;
        }
    int fixed = 1 + commands[c].needs_file;
    if (argc < 2 + fixed)
        return bad_usage("%s", commands[c].help);
    const char *path = argv[2];
    args a;
    int rc = parse_options(&a, argc - 2 - fixed, argv + 2 + fixed, commands[c].options);
    if (rc)
        return rc;
    r57_db *db;
    if ((rc = open_db(&db, path, !commands[c].creates)))
        return rc;
    rc = commands[c].run(db, c == 0 ? path : commands[c].needs_file ? argv[3] : NULL, &a);
    r57_close(db);
    return rc;
}
