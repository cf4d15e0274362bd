/*
 * r57 — the command-line face of libr57: a thin layer over the public C
 * API (every decision is the library's; this file parses arguments and
 * prints).  `r57 help` lists the commands, `r57 help COMMAND` (or
 * `r57 COMMAND --help`) describes one.
 *
 * Exit codes: 0 success; 1 bad usage (unknown command or option, missing or
 * malformed argument); 2 the library refused the work (the message names
 * the input and what is wrong); 3 a file could not be read or written;
 * 4 `verify` found the journal or an evidence file changed.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the options ------------------------------------------------------------------ */

/* What getopt_long returns for each option: values past every character,
 * so no option has a one-letter form by accident. */
enum option_id {
    OPT_JSON = 256,
    OPT_NDJSON,
    OPT_FORMAT,
    OPT_CREATE_UNITS,
    OPT_STRICT,
    OPT_LIST,
    OPT_IGNORE_UNKNOWN,
    OPT_OWN_ONLY,
    OPT_INCLUDE_REJECTED,
    OPT_AS_OF,
    OPT_UNIT,
    OPT_PERIOD,
    OPT_DOCUMENT,
    OPT_OUT,
    OPT_PARENT,
    OPT_SOON,
    OPT_BATCH,
    OPT_START_LINE,
    OPT_ACTOR,
    OPT_ANCHOR,
    OPT_TITLE,
    OPT_FILE,
    OPT_REF,
    OPT_GROUP,
};

#define FLAG(name, id)                                                                             \
    {                                                                                              \
        name, no_argument, NULL, id                                                                \
    }
#define VALUE(name, id)                                                                            \
    {                                                                                              \
        name, required_argument, NULL, id                                                          \
    }
#define O_JSON FLAG("json", OPT_JSON)
#define O_NDJSON FLAG("ndjson", OPT_NDJSON)
#define O_FORMAT VALUE("format", OPT_FORMAT)
#define O_CREATE_UNITS FLAG("create-units", OPT_CREATE_UNITS)
#define O_STRICT FLAG("strict", OPT_STRICT)
#define O_LIST FLAG("list", OPT_LIST)
#define O_IGNORE_UNKNOWN FLAG("ignore-unknown", OPT_IGNORE_UNKNOWN)
#define O_OWN_ONLY FLAG("own-only", OPT_OWN_ONLY)
#define O_INCLUDE_REJECTED FLAG("include-rejected", OPT_INCLUDE_REJECTED)
#define O_AS_OF VALUE("as-of", OPT_AS_OF)
#define O_UNIT VALUE("unit", OPT_UNIT)
#define O_PERIOD VALUE("period", OPT_PERIOD)
#define O_DOCUMENT VALUE("document", OPT_DOCUMENT)
#define O_OUT VALUE("out", OPT_OUT)
#define O_PARENT VALUE("parent", OPT_PARENT)
#define O_SOON VALUE("soon", OPT_SOON)
#define O_BATCH VALUE("batch", OPT_BATCH)
#define O_START_LINE VALUE("start-line", OPT_START_LINE)
#define O_ACTOR VALUE("actor", OPT_ACTOR)
#define O_ANCHOR VALUE("anchor", OPT_ANCHOR)
#define O_TITLE VALUE("title", OPT_TITLE)
#define O_FILE VALUE("file", OPT_FILE)
#define O_REF VALUE("ref", OPT_REF)
#define O_GROUP VALUE("group", OPT_GROUP)
#define O_END                                                                                      \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    }

static const struct option init_options[] = { O_END };
static const struct option load_units_options[] = { O_FILE, O_ACTOR, O_JSON, O_END };
static const struct option import_options[] = { O_FORMAT,     O_CREATE_UNITS,   O_STRICT,
                                                O_PARENT,     O_IGNORE_UNKNOWN, O_BATCH,
                                                O_START_LINE, O_ACTOR,          O_JSON,
                                                O_END };
static const struct option export_options[] = { O_UNIT,   O_DOCUMENT, O_PERIOD, O_FORMAT,
                                                O_NDJSON, O_OUT,      O_END };
static const struct option lint_options[] = { O_DOCUMENT, O_UNIT, O_OWN_ONLY, O_JSON, O_END };
static const struct option overdue_options[] = {
    O_AS_OF, O_SOON, O_UNIT, O_OWN_ONLY, O_JSON, O_END
};
static const struct option kpi_options[] = { O_UNIT, O_PERIOD, O_JSON, O_END };
static const struct option scorecard_options[] = { O_UNIT,     O_PERIOD, O_AS_OF,
                                                   O_OWN_ONLY, O_JSON,   O_END };
static const struct option verify_options[] = { O_ANCHOR, O_JSON, O_END };
static const struct option report_options[] = { O_OUT,   O_AS_OF, O_PERIOD,
                                                O_TITLE, O_SOON,  O_INCLUDE_REJECTED,
                                                O_JSON,  O_END };
static const struct option resolve_options[] = { O_LIST, O_JSON, O_END };
static const struct option resolve_tasks_options[] = { O_DOCUMENT, O_ACTOR, O_JSON, O_END };
static const struct option assign_each_options[] = { O_DOCUMENT, O_REF,  O_GROUP,
                                                     O_ACTOR,    O_JSON, O_END };
static const struct option rule_options[] = { O_DOCUMENT, O_ACTOR, O_JSON, O_END };

/* ---- the commands ----------------------------------------------------------------- */

enum {
    CMD_CREATES = 1, /* may create the database (else it must exist) */
    CMD_ARG = 2,     /* takes one argument after DB: the third word of its usage */
};

typedef struct command {
    const char *name;
    int (*run)(r57_db *db, const char *arg, const args *a);
    unsigned flags;
    const struct option *options;
    const char *usage;   /* the synopsis */
    const char *summary; /* one line for `r57 help` */
    const char *help;    /* what `r57 help COMMAND` adds to the synopsis */
} command;

static const command commands[] = {
    { "init", cmd_init, CMD_CREATES, init_options, "r57 init DB\n", "create a libr57 database",
      "  Creates a libr57 database (an existing one is left as it is).\n" },
    { "load-units", cmd_load_units, CMD_CREATES, load_units_options,
      "r57 load-units DB [--file FILE] [--actor NAME] [--json]\n",
      "load the registry of Vietnam's units (built in)",
      "  Loads the registry of Vietnam's units built into the library (ministries\n"
      "  from 1 March 2025, the 34 provinces and cities from 1 July 2025, their\n"
      "  names, aliases and predecessors), or a sheet with the same columns (a\n"
      "  province's communes).  Loading again changes nothing.\n" },
    { "import", cmd_import, CMD_CREATES | CMD_ARG, import_options,
      "r57 import DB FILE [--format json|ndjson|csv] [--create-units | --strict] [--parent CODE]\n"
      "                   [--ignore-unknown] [--batch N] [--start-line N] [--actor NAME] "
      "[--json]\n",
      "import a JSON or NDJSON export, a catalogue or a CSV sheet",
      "  The format is FILE's extension (.json, .ndjson, .csv, in any case) unless\n"
      "  --format names it; a FILE with none of these extensions needs --format.\n"
      "  csv: a task sheet; its lead, coordinating and authority texts are\n"
      "  resolved against the registry (r57 load-units).  A text that names a body\n"
      "  not in the registry is kept as written for the lint; --strict refuses the\n"
      "  sheet instead, --create-units registers a lead, or a ';'-separated\n"
      "  coordinating body, that names one body (under --parent; never a joint or\n"
      "  collective text).  A CSV with a value column is a sheet of reported\n"
      "  figures (indicator or element, scope or unit_code, period, value, source).\n"
      "  ndjson: NDJSON (batches of --batch lines; resume with --start-line).\n"
      "  json: an export, or a catalogue (format libr57-catalogue).\n" },
    { "export", cmd_export, 0, export_options,
      "r57 export DB [--unit CODE] [--document NUMBER] [--period P] [--format json|ndjson]\n"
      "              [--ndjson] [--out FILE]\n",
      "write the database as JSON (or NDJSON)",
      "  Writes to standard output, or to FILE: JSON, or NDJSON with --format\n"
      "  ndjson (or --ndjson).  The name of FILE does not choose the format.\n" },
    { "lint", cmd_lint, 0, lint_options,
      "r57 lint DB [--document NUMBER] [--unit CODE [--own-only]] [--json]\n",
      "the 6 clear verdict of every task", "" },
    { "overdue", cmd_overdue, 0, overdue_options,
      "r57 overdue DB --as-of DATE [--soon DAYS] [--unit CODE [--own-only]] [--json]\n",
      "overdue and due-soon tasks, by unit", "" },
    { "kpi", cmd_kpi, 0, kpi_options, "r57 kpi DB [--unit CODE] [--period P] [--json]\n",
      "indicator values, targets, attainment",
      "  Every indicator's value, target and attainment for a unit (default: the\n"
      "  first root unit) and a period (default: this year).\n" },
    { "scorecard", cmd_scorecard, 0, scorecard_options,
      "r57 scorecard DB --unit CODE --period P [--as-of DATE] [--own-only] [--json]\n",
      "a unit's scorecard and rating",
      "  Tasks due in the period (on time, late, overdue, pending), key tasks\n"
      "  unfinished, KPI targets met, and the rating with its reason.\n" },
    { "verify", cmd_verify, 0, verify_options, "r57 verify DB [--anchor HASH] [--json]\n",
      "the journal's hash chain and evidence files",
      "  Walks the journal's hash chain (and checks that the anchor, a head hash\n"
      "  published earlier, is still in it) and re-hashes every evidence file.\n"
      "  Exit 4 if anything was changed.\n" },
    { "report", cmd_report, 0, report_options,
      "r57 report DB --out DIR [--as-of DATE] [--period P] [--title TEXT]\n"
      "                        [--soon DAYS] [--include-rejected] [--json]\n",
      "the public report: a static site and JSON",
      "  The public report: DIR/index.html, a page per unit, DIR/report.json.\n" },
    { "resolve", cmd_resolve, CMD_ARG, resolve_options, "r57 resolve DB TEXT [--list] [--json]\n",
      "what an owner or authority text names, and why",
      "  What an owner, authority or (--list) coordinating text names: one unit\n"
      "  (by name, abbreviation or old name), a person, joint leads, a class of\n"
      "  bodies, a body not in the registry; and why.\n" },
    { "resolve-tasks", cmd_resolve_tasks, 0, resolve_tasks_options,
      "r57 resolve-tasks DB [--document NUMBER] [--actor NAME] [--json]\n",
      "resolve the tasks' texts again (after load-units)",
      "  Resolves the texts of the tasks again (after load-units, or new words):\n"
      "  owner, authority and coordinating units follow what the texts name.\n" },
    { "assign-each", cmd_assign_each, 0, assign_each_options,
      "r57 assign-each DB --document NUMBER --ref REF [--group central|local] [--actor NAME]\n"
      "                   [--json]\n",
      "one sub-task per unit of a joint or group owner",
      "  Splits a task whose owner is joint (\"A và B\") or a level (\"các tỉnh, thành\n"
      "  phố\") into one sub-task per unit (REF/CODE), each in its unit's scorecard.\n" },
    { "rule", cmd_rule, CMD_ARG, rule_options,
      "r57 rule DB TEXT [--document NUMBER] [--actor NAME] [--json]\n",
      "the accountability rule (\"implied\" accountability)",
      "  Sets the accountability rule of the database (or of a document), e.g.\n"
      "  \"the head of the lead unit answers\": an accountability that is not\n"
      "  written is then \"implied\" instead of \"missing\".  TEXT \"\" removes it.\n" },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void list_commands(FILE *to)
{
    fputs("usage: r57 COMMAND DB [ARGUMENT] [options]\n"
          "       r57 help [COMMAND]\n"
          "       r57 --version\n"
          "\n"
          "commands:\n",
          to);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(to, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Run `r57 help COMMAND` (or `r57 COMMAND --help`) for a command's options.\n"
          "Exit codes: 0 success, 1 bad usage, 2 the library refused the input (the\n"
          "message says why), 3 a file could not be read or written, 4 verify found\n"
          "tampering.  Writing commands act as --actor NAME (default: $R57_ACTOR, else\n"
          "r57-cli).\n",
          to);
}

static void command_help(const command *c) { printf("usage: %s%s", c->usage, c->help); }

/* `r57 help [COMMAND]` */
static int help(int argc, char **argv)
{
    if (argc == 0) {
        list_commands(stdout);
        return 0;
    }
    if (argc > 1)
        return usage_error(NULL, "help takes one command, not also '%s'", argv[1]);
    const command *c = find_command(argv[0]);
    if (!c)
        return usage_error(NULL, "unknown command '%s'", argv[0]);
    command_help(c);
    return 0;
}

/* ---- parsing a command's arguments ------------------------------------------------ */

static int whole_number(long *out, const command *c, const char *option, const char *value,
                        long max)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (!*value || *end || v < 0 || v > max || errno == ERANGE)
        return usage_error(c->name, "option '--%s' needs a whole number, not '%s'", option, value);
    *out = v;
    return 0;
}

static int set_option(args *a, const command *c, const struct option *o, const char *value)
{
    long n;
    switch (o->val) {
    case OPT_JSON: a->json = 1; break;
    case OPT_NDJSON: a->ndjson = 1; break;
    case OPT_FORMAT: a->format = value; break;
    case OPT_CREATE_UNITS: a->create_units = 1; break;
    case OPT_STRICT: a->strict = 1; break;
    case OPT_LIST: a->list = 1; break;
    case OPT_IGNORE_UNKNOWN: a->ignore_unknown = 1; break;
    case OPT_OWN_ONLY: a->include_subunits = 0; break;
    case OPT_INCLUDE_REJECTED: a->include_rejected = 1; break;
    case OPT_AS_OF: a->as_of = value; break;
    case OPT_UNIT: a->unit = value; break;
    case OPT_PERIOD: a->period = value; break;
    case OPT_DOCUMENT: a->document = value; break;
    case OPT_OUT: a->out = value; break;
    case OPT_PARENT: a->parent = value; break;
    case OPT_ACTOR: a->actor = value; break;
    case OPT_ANCHOR: a->anchor = value; break;
    case OPT_TITLE: a->title = value; break;
    case OPT_FILE: a->file = value; break;
    case OPT_REF: a->ref = value; break;
    case OPT_GROUP: a->group = value; break;
    case OPT_SOON:
        if (whole_number(&n, c, o->name, value, INT_MAX))
            return EXIT_USAGE;
        a->soon = (int)n;
        break;
    case OPT_BATCH: return whole_number(&a->batch, c, o->name, value, LONG_MAX);
    case OPT_START_LINE: return whole_number(&a->start_line, c, o->name, value, LONG_MAX);
    default: return usage_error(c->name, "option '--%s' is not handled", o->name);
    }
    return 0;
}

/* The argv element getopt_long has just read an option from: the one
 * before its value when the value came as the next element. */
static const char *last_option(char **argv, int with_value)
{
    return with_value && optarg == argv[optind - 1] ? argv[optind - 2] : argv[optind - 1];
}

/*
 * Parses `COMMAND DB [ARG] [options]` (argv[0] is the command) into `a` and
 * the positional arguments into `pos` (DB, then ARG).  Options and
 * positional arguments may come in any order; `--` ends the options.
 */
static int parse_args(args *a, const char **pos, const command *c, int argc, char **argv)
{
    const int wanted = c->flags & CMD_ARG ? 2 : 1;
    int n = 0, id, index;

    memset(a, 0, sizeof *a);
    a->soon = 7;
    a->include_subunits = 1;
    a->actor = getenv("R57_ACTOR") && *getenv("R57_ACTOR") ? getenv("R57_ACTOR") : "r57-cli";

    /* glibc's getopt starts afresh (its hidden state included) when optind
     * is 0; the messages are ours (opterr 0, and ':' first in the string
     * tells a missing value from an unknown option).  '-' returns the
     * positional arguments in order, as option 1, whatever POSIXLY_CORRECT
     * says, so getopt permutes nothing. */
    optind = 0;
    opterr = 0;
    while ((id = getopt_long(argc, argv, "-:", c->options, &index)) != -1) {
        if (id == 1) {
            if (n == wanted)
                return usage_error(c->name, "unexpected argument '%s'", optarg);
            pos[n++] = optarg;
        } else if (id == ':') {
            return usage_error(c->name, "option '%s' needs a value", argv[optind - 1]);
        } else if (id == '?') {
            /* An option that takes no value given one (--json=x) comes back
             * as '?' too, with optopt set to its id. */
            const char *o = argv[optind - 1];
            if (optopt >= OPT_JSON)
                return usage_error(c->name, "option '%.*s' takes no value", (int)strcspn(o, "="),
                                   o);
            if (optopt) /* a letter: r57 has no one-letter options */
                return usage_error(c->name, "unknown option '-%c'", optopt);
            return usage_error(c->name, "unknown option '%s'", o);
        } else {
            const struct option *o = &c->options[index];
            const char *given = last_option(argv, o->has_arg == required_argument);
            /* getopt_long takes any unambiguous prefix (--own for
             * --own-only); r57 takes the whole name only, so that a new
             * option can never change what an existing script means. */
            if (strncmp(given + 2, o->name, strlen(o->name)) != 0 ||
                (given[2 + strlen(o->name)] != '\0' && given[2 + strlen(o->name)] != '='))
                return usage_error(c->name, "unknown option '%.*s' (did you mean '--%s'?)",
                                   (int)strcspn(given, "="), given, o->name);
            int rc = set_option(a, c, o, optarg);
            if (rc)
                return rc;
        }
    }
    /* After `--`, the rest is positional. */
    for (; optind < argc; optind++) {
        if (n == wanted)
            return usage_error(c->name, "unexpected argument '%s'", argv[optind]);
        pos[n++] = argv[optind];
    }
    if (n < wanted) {
        /* DB, or the word after it in the synopsis ("r57 import DB FILE"). */
        char what[16] = "DB";
        if (n == 1)
            sscanf(c->usage, "%*s %*s %*s %15s", what);
        return usage_error(c->name, "missing %s; usage: %.*s", what, (int)strcspn(c->usage, "\n"),
                           c->usage);
    }
    a->db = pos[0];
    return 0;
}

static int open_db(r57_db **db, const char *path, int must_exist)
{
    r57_open_options o = R57_OPEN_OPTIONS_INIT;
    if (must_exist)
        o.flags = R57_OPEN_NOCREATE;
    return r57_open(db, path, &o) < 0 ? fail("opening the database") : 0;
}

/* ---- main ------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    if (argc < 2) {
        list_commands(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return help(0, NULL);
    if (strcmp(argv[1], "--version") == 0) {
        printf("r57 %s\n", r57_version());
        return 0;
    }
    if (strcmp(argv[1], "help") == 0)
        return help(argc - 2, argv + 2);
    const command *c = find_command(argv[1]);
    if (!c)
        return usage_error(NULL, "unknown command '%s'", argv[1]);
    /* --help anywhere before `--` wins over everything else on the line. */
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            command_help(c);
            return 0;
        }
    args a;
    const char *pos[2] = { NULL, NULL };
    int rc = parse_args(&a, pos, c, argc - 1, argv + 1);
    if (rc)
        return rc;
    r57_db *db;
    if ((rc = open_db(&db, a.db, !(c->flags & CMD_CREATES))))
        return rc;
    rc = c->run(db, pos[1], &a);
    r57_close(db);
    return rc;
}
