"""The r57 command: its arguments, help and exit codes on a small database of
its own; or, given the folder of the shared data, every subcommand and its
JSON output on it (notice 07, the reported figures).
Usage: test_cli.py R57_BINARY SOURCE_DIR WORK_DIR [SHARED_DATA_DIR]"""
import json
import os
import sqlite3
import subprocess
import sys

r57, src, work = sys.argv[1:4]
checks = 0


def fresh(name):
    path = os.path.join(work, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def run(*args, code=0):
    global checks
    p = subprocess.run([r57, *args], capture_output=True, text=True)
    assert p.returncode == code, f"r57 {' '.join(args)}: exit {p.returncode}, wanted {code}\n{p.stdout}\n{p.stderr}"
    checks += 1
    return p


def run_json(*args):
    return json.loads(run(*args, "--json").stdout)


COMMANDS = ("init", "load-units", "import", "export", "lint", "overdue", "kpi", "scorecard", "verify",
            "report", "resolve", "resolve-tasks", "assign-each", "rule")


def write_units(path):
    with open(path, "w") as f:
        json.dump({"format": "libr57", "version": 1, "units": [{"code": "VN", "name": "Viet Nam", "kind": "nation"}]}, f)
    return path


# ---- arguments, help and exit codes, on a database of the test's own --------------

def without_shared_data():
    db = fresh("cli-basic.r57")
    units = write_units(os.path.join(work, "cli-units.json"))
    site = os.path.join(work, "cli-basic-report")

    # Help: the list of commands, and each command's usage and help.
    listing = run("help").stdout
    assert listing == run("--help").stdout == run("-h").stdout
    assert all(f"\n  {c} " in listing for c in COMMANDS), listing
    assert run(code=1).stderr == listing  # no command: the list, on stderr, exit 1
    for c in COMMANDS:
        text = run("help", c).stdout
        assert text.startswith(f"usage: r57 {c} DB"), text
        # --help anywhere on the line, even after a bad option, prints the same.
        assert run(c, "--help").stdout == run(c, db, "--no-such-option", "--help").stdout == text
    assert "--create-units" in run("help", "import").stdout
    assert "unknown command 'nope'" in run("help", "nope", code=1).stderr
    assert "unknown command" in run("frobnicate", db, code=1).stderr

    run("init", db)
    assert run("init", db).stdout.startswith(f"database {db} (schema ")
    run("import", db, units)
    run("import", db, os.path.join(src, "data", "catalogue.json"))

    # Options: unknown, abbreviated, without their value, with a value they do
    # not take; positional arguments missing or one too many.  Exit 1, and the
    # message names the command and the option.
    assert "r57 lint: unknown option '--colour'" in run("lint", db, "--colour", code=1).stderr
    assert "r57 import: unknown option '--frmat'" in run("import", db, units, "--frmat", "json", code=1).stderr
    assert "r57 export: unknown option '--json'" in run("export", db, "--json", code=1).stderr  # not export's
    assert "r57 lint: unknown option '-x'" in run("lint", db, "-x", code=1).stderr
    assert "unknown option '--own' (did you mean '--own-only'?)" in run("lint", db, "--own", code=1).stderr
    assert "r57 lint: option '--unit' needs a value" in run("lint", db, "--unit", code=1).stderr
    assert "r57 overdue: option '--as-of' needs a value" in run("overdue", db, "--as-of", code=1).stderr
    assert "r57 lint: option '--json' takes no value" in run("lint", db, "--json=yes", code=1).stderr
    assert "option '--soon' needs a whole number, not 'x'" in run("overdue", db, "--as-of", "2025-11-20", "--soon", "x", code=1).stderr
    assert "needs a whole number" in run("import", db, units, "--batch", "-5", code=1).stderr
    assert "r57 lint: unexpected argument 'extra'" in run("lint", db, "extra", code=1).stderr
    assert "r57 resolve: missing TEXT" in run("resolve", db, code=1).stderr
    assert "r57 import: missing FILE" in run("import", db, code=1).stderr
    assert "r57 lint: missing DB" in run("lint", code=1).stderr
    assert "--create-units and --strict exclude each other" in run("import", db, units, "--create-units", "--strict", code=1).stderr
    assert "r57 assign-each: needs --document NUMBER and --ref REF" in run("assign-each", db, "--ref", "1", code=1).stderr
    # Options before, between and after the positional arguments; --opt=value;
    # `--` ends the options (a text that starts with '-').
    assert run_json("overdue", "--as-of", "2025-11-20", db)["count"] == 0
    assert run_json("overdue", db, "--as-of=2025-11-20", "--soon=3")["due_soon_days"] == 3
    assert run_json("resolve", "--list", db, "Bộ Tư pháp")["text"] == "Bộ Tư pháp"
    assert json.loads(run("resolve", db, "--json", "--", "-x").stdout)["text"] == "-x"
    assert "r57 resolve: unexpected argument 'y'" in run("resolve", db, "--", "-x", "y", code=1).stderr

    # The format of an import: the file's extension (in any case), or --format,
    # which overrides it; a name without a known extension needs --format.
    units_txt = os.path.join(work, "cli-units.txt")
    with open(units_txt, "w") as f:
        json.dump({"format": "libr57", "version": 1, "units": [{"code": "TXT", "name": "From a .txt", "kind": "agency", "parent": "VN"}]}, f)
    assert "cannot tell the format of" in run("import", db, units_txt, code=1).stderr
    assert "give --format json, ndjson or csv" in run("import", db, units_txt, code=1).stderr
    assert "--format is json, ndjson or csv, not 'xml'" in run("import", db, units_txt, "--format", "xml", code=1).stderr
    assert run_json("import", db, units_txt, "--format", "json")["units"] == 1
    sheet = os.path.join(work, "cli-sheet.json")  # a CSV task sheet under a misleading name
    with open(sheet, "w") as f:
        f.write("ref,document,issued,title,lead\nF.1,98-TB/FORMAT,2025-11-01,Do it,Viet Nam\n")
    run("import", db, sheet, code=2)  # read as JSON, as its name says: refused
    assert run_json("import", db, sheet, "--format", "csv")["tasks"] == 1
    upper = os.path.join(work, "cli-sheet-upper.CSV")
    with open(upper, "w") as f:
        f.write("ref,document,issued,title,lead\nF.2,98-TB/FORMAT,2025-11-01,Do it too,Viet Nam\n")
    assert run_json("import", db, upper)["tasks"] == 1
    # Export: --format ndjson is --ndjson; a file that is NDJSON whatever its name
    # imports with --format ndjson.
    nd_export = run("export", db, "--format", "ndjson").stdout
    assert nd_export == run("export", db, "--ndjson").stdout
    assert json.loads(nd_export.splitlines()[0]) == {"format": "libr57-ndjson", "version": 2}
    assert run("export", db, "--format", "json").stdout == run("export", db).stdout
    assert "--format is json or ndjson, not 'csv'" in run("export", db, "--format", "csv", code=1).stderr
    assert "exclude each other" in run("export", db, "--format", "json", "--ndjson", code=1).stderr
    nd_file = os.path.join(work, "cli-export.data")
    run("export", db, "--format", "ndjson", "--out", nd_file)
    copy = fresh("cli-basic-copy.r57")
    assert "cannot tell the format" in run("import", copy, nd_file, code=1).stderr
    assert run_json("import", copy, nd_file, "--format", "ndjson")["tasks"] == 2
    assert run("export", copy, "--ndjson").stdout == nd_export

    # Exit 2: the library refused the input; 3: a file could not be read or
    # written; 4: verify found tampering.
    strict_csv = os.path.join(work, "cli-basic-strict.csv")
    with open(strict_csv, "w") as f:
        f.write("ref,document,issued,title,lead\nX.1,99-TB/TEST,2025-11-01,Do it,Bộ Ngoại thương\n")
    assert "'Bộ Ngoại thương' is not in the registry" in run("import", db, strict_csv, "--strict", code=2).stderr
    empty = fresh("cli-basic-empty.r57")
    run("init", empty)
    assert "the database has no units; give --unit" in run("kpi", empty, code=2).stderr
    assert "r57: export:" in run("export", db, "--out", os.path.join(work, "no-such-dir", "x.json"), code=3).stderr

    assert "needs --unit CODE and --period P" in run("scorecard", db, code=1).stderr
    assert "unknown unit code 'XX'" in run("scorecard", db, "--unit", "XX", "--period", "2025", code=2).stderr
    assert "r57 report: needs --out DIR" in run("report", db, code=1).stderr
    assert "is not a SHA-256" in run("verify", db, "--anchor", "abc", code=2).stderr
    assert "--as-of" in run("report", db, "--out", site, "--as-of", "someday", code=1).stderr
    assert "needs --as-of" in run("overdue", db, code=1).stderr
    assert "month 13 is not 1-12" in run("overdue", db, "--as-of", "2025-13-01", code=1).stderr
    assert "unknown unit code 'NOPE'" in run("kpi", db, "--unit", "NOPE", code=2).stderr
    assert "does not exist" in run("lint", os.path.join(work, "missing.r57"), code=2).stderr
    assert "cannot read" in run("import", db, os.path.join(work, "no-such-file.csv"), code=3).stderr

    # Tampering found by verify: exit 4.
    assert run_json("verify", db)["ok"] is True
    con = sqlite3.connect(db)
    con.execute("UPDATE journal SET actor = 'someone-else' WHERE seq = 1")
    con.commit()
    con.close()
    p = run("verify", db, "--json", code=4)
    assert json.loads(p.stdout)["journal"]["problem"] == "edited"


# ---- every subcommand on the shared data ------------------------------------------

def with_shared_data(shared):
    db = fresh("cli-test.r57")
    units = write_units(os.path.join(work, "cli-units-shared.json"))
    run("init", db)
    run("import", db, units)
    run("import", db, os.path.join(src, "data", "catalogue.json"))
    rep = run_json("import", db, os.path.join(shared, "notice_07-TB-CQTTBCD_tasks.csv"), "--create-units", "--parent", "VN")
    assert rep["tasks"] == 23 and rep["documents"] == 1, rep
    assert "MINISTRY-OF-JUSTICE" in rep["units_created"], rep

    lint = run_json("lint", db)
    assert lint["tasks_total"] == 23 and lint["tasks_clear"] == 0, lint
    by_ref = {(t["document"], t["ref"]): t for t in lint["tasks"]}
    t = by_ref[("07-TB/CQTTBCD", "II.2.b.2")]
    assert t["fields"]["owner"] == {"verdict": "vague", "reason": "owner 'assigned ministries': names a class of bodies, not one unit ('assigned ministries'): assign it to each unit of the central level"}, t
    assert t["fields"]["deadline"] == {"verdict": "missing", "reason": "no deadline"}, t
    assert by_ref[("07-TB/CQTTBCD", "III.8")]["fields"]["owner"]["verdict"] == "clear"

    # The registry instead of --create-units: notice 07 resolves against real
    # units, nothing is created, and the verdicts are the same.
    reg = fresh("cli-registry.r57")
    loaded = run_json("load-units", reg)
    assert loaded["units_created"] == 87, loaded
    assert run_json("load-units", reg)["changes"] == 0  # idempotent
    rep2 = run_json("import", reg, os.path.join(shared, "notice_07-TB-CQTTBCD_tasks.csv"))
    assert rep2["tasks"] == 23 and rep2["units_created"] == [], rep2
    lint2 = run_json("lint", reg)
    verdicts = lambda l, fs: {(t["ref"], f): v["verdict"] for t in l["tasks"] for f, v in t["fields"].items() if f in fs}
    same = ("owner", "task", "deadline", "accountability", "product")
    assert verdicts(lint2, same) == verdicts(lint, same), set(verdicts(lint2, same).items()) ^ set(verdicts(lint, same).items())
    # Authorities resolve only against the registry: the Government, the Prime
    # Minister, the Steering Committee, … are clear; "competent authorities" not.
    vague_auth = {r for (r, f), v in verdicts(lint2, ("authority",)).items() if v != "clear"}
    assert vague_auth == {"II.2.b.2", "III.8", "App.3.g"}, vague_auth
    # Every verdict as the table the C, Python and Java tests read.
    table = {}
    for line in open(os.path.join(src, "tests", "data", "notice07-verdicts.txt")):
        if line.strip() and not line.startswith("#"):
            ref, *cl = line.split()
            table[ref] = cl
    order = ("owner", "task", "deadline", "accountability", "product", "authority")
    assert {t["ref"]: [t["fields"][f]["verdict"] for f in order] for t in lint2["tasks"]} == table
    one = {t["ref"]: t for t in lint2["tasks"]}["III.8"]
    assert one["fields"]["owner"] == {"verdict": "clear", "reason": "owner 'Ministry of Justice': MOJ (Bộ Tư pháp)"}, one
    res = run_json("resolve", reg, "Bộ Công an chủ trì, phối hợp với Bộ Tư pháp")
    assert res["kind"] == "unit" and res["unit"] == "MPS", res
    assert [(m["unit"], m["role"]) for m in res["matches"]] == [("MPS", "lead"), ("MOJ", "coordinating")], res
    assert run_json("resolve", reg, "các bộ, ngành, địa phương")["kind"] == "collective"
    assert run_json("resolve", reg, "Bộ Tài chính và Ngân hàng Nhà nước")["kind"] == "joint"
    run("rule", reg, "the head of the lead unit answers")
    acc = {t["ref"]: t for t in run_json("lint", reg)["tasks"]}["III.8"]["fields"]["accountability"]
    assert acc["verdict"] == "implied" and "MOJ" in acc["reason"], acc
    run("import", reg, os.path.join(shared, "notice_07-TB-CQTTBCD_tasks.csv"), "--strict", code=2)
    strict_csv = os.path.join(work, "cli-strict.csv")
    with open(strict_csv, "w") as f:
        f.write("ref,document,issued,title,lead\nX.1,99-TB/TEST,2025-11-01,Do it,Bộ Ngoại thương\n")
    p = run("import", reg, strict_csv, "--strict", code=2)
    assert "line 2, column 33: lead 'Bộ Ngoại thương': 'Bộ Ngoại thương' is not in the registry" in p.stderr, p.stderr

    od = run_json("overdue", db, "--as-of", "2025-11-20")
    assert od["count"] == 12, od
    mps = od["units"]["MINISTRY-OF-PUBLIC-SECURITY"]
    assert [(x["ref"], x["state"], x["due"]) for x in mps] == [
        ("App.2.d.1", "overdue", "2025-10-20"), ("App.2.d.2", "overdue", "2025-10-20"), ("App.3.e.2", "overdue", "2025-10-31")], mps
    soon = run_json("overdue", db, "--as-of", "2025-11-25", "--soon", "7", "--unit", "MINISTRY-OF-SCIENCE-AND-TECHNOLOGY")
    assert {(x["ref"], x["state"]) for x in soon["units"]["MINISTRY-OF-SCIENCE-AND-TECHNOLOGY"]} >= {("App.2.e", "due_soon"), ("App.4.c", "overdue")}, soon

    kpi = run_json("kpi", db, "--unit", "VN", "--period", "2026")
    names = {k["indicator"]: k for k in kpi["indicators"]}
    assert len(names) == 26, names.keys()
    # 318/QD-BCT's e-commerce target binds the Ministry of Industry and Trade
    # sector, not the nation.
    assert names["ecommerce_growth"]["attainment"] == "no_target", names["ecommerce_growth"]
    assert names["rnd_spending_gdp_share"]["attainment"] == "no_target"  # its target is for 2030
    vn2030 = {k["indicator"]: k for k in run_json("kpi", db, "--unit", "VN", "--period", "2030")["indicators"]}
    assert vn2030["rnd_spending_gdp_share"]["attainment"] == "no_data" and vn2030["rnd_spending_gdp_share"]["target"] == 2.0
    assert names["global_innovation_index_rank"]["attainment"] == "no_target"

    out = os.path.join(work, "cli-export.json")
    run("export", db, "--out", out)
    exported = json.load(open(out))
    assert len(exported["tasks"]) == 23 and exported["format"] == "libr57"
    nd = run("export", db, "--ndjson").stdout.splitlines()
    assert json.loads(nd[0]) == {"format": "libr57-ndjson", "version": 2}

    # Reported figures: a CSV sheet with a value column.  With the registry
    # loaded, "central level" and "local level" are its unit groups and
    # "nation" its nation: no unit is created for them.
    run("load-units", db)
    rep = run_json("import", db, os.path.join(shared, "reported_2025.csv"), "--create-units", "--parent", "VN")
    assert rep["values"] == 11 and rep["units_created"] == [], rep
    local = {k["indicator"]: k for k in run_json("kpi", db, "--unit", "local", "--period", "2025")["indicators"]}
    assert local["full_online_public_services_share"]["value"] == 45.0
    # The 80 % target binds the Ministry of Industry and Trade in 2026: no target
    # for the local level in 2025, never "not met".
    assert local["full_online_public_services_share"]["attainment"] == "no_target", local
    assert local["online_public_services_share"]["value"] == 93.9
    central = {k["indicator"]: k for k in run_json("kpi", db, "--unit", "central", "--period", "2025")["indicators"]}
    assert central["full_online_public_services_share"]["value"] == 31.36
    assert central["full_online_public_services_share"]["attainment"] == "no_target"
    moit = {k["indicator"]: k for k in run_json("kpi", db, "--unit", "MOIT", "--period", "2026")["indicators"]}
    assert moit["ecommerce_growth"]["attainment"] == "no_data" and moit["ecommerce_growth"]["target"] == 25.0
    assert local["strategic_technology_products"]["value"] == 35.0  # the nation's, inherited

    # The scorecard of the nation for the fourth quarter of 2025, as of 20 November.
    sc = run_json("scorecard", db, "--unit", "VN", "--period", "2025Q4", "--as-of", "2025-11-20")
    assert (sc["due"], sc["on_time"], sc["late"], sc["overdue"], sc["pending"]) == (16, 0, 0, 10, 6), sc
    assert sc["on_time_share"] == 0 and sc["rating"] == "not_done" and sc["key_unfinished"] == [], sc
    own = run_json("scorecard", db, "--unit", "MINISTRY-OF-PUBLIC-SECURITY", "--period", "2025Q4",
                   "--as-of", "2025-11-20", "--own-only")
    assert own["overdue"] == 3 and own["include_subunits"] is False, own

    # The journal chain and the evidence files.
    v = run_json("verify", db)
    assert v["ok"] is True and v["journal"]["problem"] == "intact" and v["journal"]["entries"] > 100, v
    head = v["journal"]["head"]
    assert run_json("verify", db, "--anchor", head)["ok"] is True

    # The public report.
    site = os.path.join(work, "cli-report")
    r = run_json("report", db, "--out", site, "--as-of", "2025-11-20", "--period", "2025")
    assert r["index"] == "index.html"
    public = json.load(open(os.path.join(site, "report.json")))
    assert public["format"] == "libr57-public-report" and public["as_of"] == "2025-11-20"
    units_by_code = {u["code"]: u for u in public["units"]}
    moj = units_by_code["MINISTRY-OF-JUSTICE"]
    assert [t["ref"] for t in moj["tasks"]][:1] == ["III.8"], moj["tasks"]
    assert os.path.exists(os.path.join(site, "units", "MINISTRY-OF-JUSTICE.html"))
    assert "submitted_by" not in json.dumps(public) and "actor" not in json.dumps(public)


if len(sys.argv) > 4:
    with_shared_data(sys.argv[4])
else:
    without_shared_data()
print(f"{checks} r57 invocations checked")
