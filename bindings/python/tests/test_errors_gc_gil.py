"""Errors as exceptions (one class per kind, the library's own message),
memory safety under the garbage collector, the journal read back, and the
GIL released during long calls."""
import builtins
import datetime as dt
import gc
import json
import os
import pathlib
import sys
import threading
import time
import weakref

import pytest

import r57

ROOT = pathlib.Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "data" / "catalogue.json"


@pytest.fixture
def db():
    with r57.Database(":memory:", actor="pytest") as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.create_unit("HN", "Ha Noi", "province", "VN")
        d.create_document("D", "plan", dt.date(2025, 1, 2), "MoST", "A plan")
        d.create_task("D", "A", owner_unit="HN", deadline="by 1 December 2025")
        d.load_catalogue(CATALOGUE)
        yield d


# ---- errors: each class, mapped from the library's codes, with its message -----------------

def _task_a(d):
    return d.task("D", "A")


ERRORS = [
    # (what, call, class, builtin base, code name, the library's message)
    ("duplicate unit", lambda d: d.create_unit("VN", "again", "nation"),
     r57.ValueError, builtins.ValueError, "R57_EEXISTS", "unit code 'VN' exists already"),
    ("bad unit kind", lambda d: d.create_unit("X", "x", "planet"),
     r57.ValueError, builtins.ValueError, "R57_EINVAL",
     "unit kind 'planet' is not one of nation, ministry, province, department, commune, other, government, "
     "agency, party_body, state_body, mass_organisation, university"),
    ("formula syntax", lambda d: d.create_indicator("bad", "Bad", formula="#{output} + * 2"),
     r57.ValueError, builtins.ValueError, "R57_EPARSE",
     "indicator 'bad': formula: formula '#{output} + * 2': at offset 12: expected a value"),
    ("indicator cycle", lambda d: d.create_indicator("selfref", "S", formula="I{selfref} + 1"),
     r57.ValueError, builtins.ValueError, "R57_ECYCLE", "indicator 'selfref' refers to itself"),
    ("two units of one name", lambda d: (d.create_unit("BD1", "Ba Dinh", "commune", "HN"),
                                         d.create_unit("BD2", "Ba Dinh", "commune", "VN"),
                                         d.find_unit("Ba Dinh")),
     r57.ValueError, builtins.ValueError, "R57_ECONFLICT", "several units are named 'Ba Dinh'"),
    ("bad period", lambda d: d.set_value("hdi", "VN", "2030-13", 0.7),
     r57.ValueError, builtins.ValueError, "R57_EPARSE", "period '2030-13': month 13 is not 1-12"),
    ("unknown parent", lambda d: d.create_unit("Y", "y", "province", "NOWHERE"),
     r57.LookupError, builtins.LookupError, "R57_ENOTFOUND", "unit 'Y': unknown parent unit code 'NOWHERE'"),
    ("unknown element", lambda d: d.create_indicator("unk", "U", formula="#{nope}"),
     r57.LookupError, builtins.LookupError, "R57_ENOTFOUND", "indicator 'unk': unknown data element 'nope'"),
    ("no value", lambda d: d.value("hdi", "VN", "2030"),
     r57.LookupError, builtins.LookupError, "R57_ENOTFOUND", "no value of 'hdi' for 'VN' in 2030"),
    ("status skipped", lambda d: d.set_status(_task_a(d), "done"),
     r57.StateError, r57.Error, "R57_ESTATE", "task 'A' of 'D': status cannot change from assigned to done"),
    ("catalogue inside a transaction", lambda d: (d.begin(), d.load_catalogue(CATALOGUE)),
     r57.StateError, r57.Error, "R57_ESTATE",
     "r57_catalogue_load: a transaction is open; the catalogue loads in one of its own"),
]


@pytest.mark.parametrize("call, cls, base, name, message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_errors__class_code_and_message(db, call, cls, base, name, message):
    with pytest.raises(cls) as e:
        call(db)
    assert isinstance(e.value, base) and isinstance(e.value, r57.Error)
    assert (e.value.name, e.value.message) == (name, message)
    assert e.value.code == getattr(r57.capi, name) < 0
    assert str(e.value) == f"{message} ({name})"


def test_errors__permission_error_names_the_actor_and_the_missing_right(db):
    db.create_actor("admin", "Administrator", actor="admin")
    db.grant("admin", "administrator", actor="admin")          # ends setup mode
    db.create_actor("rep", "Reporter", actor="admin")
    db.grant("rep", "reporter", "HN", actor="admin")
    with pytest.raises(r57.PermissionError) as e:
        db.create_unit("Z", "z", "other", "VN", actor="stranger")
    assert isinstance(e.value, builtins.PermissionError) and e.value.name == "R57_EPERM"
    assert e.value.message == "actor 'stranger' may not create unit 'Z': 'stranger' is not a registered actor"
    with pytest.raises(r57.PermissionError) as e:
        db.import_json('{"format":"libr57","version":1}', actor="rep")
    assert e.value.message.startswith("actor 'rep' may not import")
    db.revoke("rep", "reporter", "HN", actor="admin")
    assert not db.has_role("rep", "reporter", "HN")


def test_errors__parse_errors_carry_line_and_column():
    with pytest.raises(r57.ValueError) as e:
        r57.parse_deadline("next week")
    assert (e.value.message, e.value.line, e.value.column) == (
        "deadline 'next week' is not a date, month, quarter or year", 1, 1)
    with pytest.raises(r57.ValueError) as e:
        r57.formula_references("a + * b")
    assert (e.value.name, e.value.line, e.value.column) == ("R57_EPARSE", 1, 5)
    assert e.value.message == "formula 'a + * b': at offset 4: expected a value"


def test_errors__other_codes_are_the_base_class(tmp_path):
    junk = tmp_path / "junk.r57"
    junk.write_text("not a database" * 100)
    with pytest.raises(r57.Error) as e:
        r57.Database(junk)
    assert type(e.value) is r57.Error and e.value.name == "R57_ENOTDB"
    assert e.value.message == f"file '{junk}' is not a libr57 database: file is not a database"
    path = tmp_path / "ro.r57"
    r57.Database(path).close()
    with r57.Database(path, readonly=True) as ro:
        with pytest.raises(r57.Error) as e:
            ro.create_unit("VN", "Viet Nam", "nation")
    assert type(e.value) is r57.Error and e.value.name == "R57_EREADONLY"
    assert e.value.message == f"r57_unit_create: database '{path}' is opened read-only"
    with pytest.raises(r57.LookupError) as e:
        r57.Database(tmp_path / "missing.r57", must_exist=True)
    assert e.value.message == f"database '{tmp_path / 'missing.r57'}' does not exist"


def test_errors__euser_is_a_code_of_the_base_class():
    # A callback that stops a call with a positive return gives R57_EUSER
    # (the callback rule, docs/errors.md); no class of its own.
    assert r57.capi.R57_EUSER == -16
    assert r57.capi.r57_err_name(r57.capi.R57_EUSER) == "R57_EUSER"
    assert r57.capi.r57_strerror(r57.capi.R57_EUSER) == "stopped by a callback"
    e = r57._make_error(r57.capi.R57_EUSER, "stopped", 0, 0)
    assert type(e) is r57.Error and e.name == "R57_EUSER"


def test_errors__a_failed_call_changes_nothing(db):
    before = db.export()
    entries = len(list(db.journal()))
    with pytest.raises(r57.ValueError):
        db.import_json('{"format":"libr57","version":1,"units":[{"code":"NEW","name":"n","kind":"other"},'
                       '{"code":"VN","name":"dup","kind":"nation"}]}')
    assert db.export() == before and len(list(db.journal())) == entries


# ---- memory safety under the garbage collector ---------------------------------------------

def _filled(path=":memory:", tasks=5):
    d = r57.Database(path, actor="pytest")
    d.create_unit("VN", "Viet Nam", "nation")
    d.create_document("D", "plan")
    for i in range(tasks):
        d.create_task("D", f"T{i}", owner_unit="VN", deadline=f"by {i + 1} December 2025")
    return d


def test_gc__copies_outlive_their_database():
    d = _filled()
    task, unit, verdict = d.task("D", "T1"), d.unit("VN"), d.lint(d.task("D", "T2"))
    entries = list(d.journal())
    ref = weakref.ref(d)
    del d
    gc.collect()
    assert ref() is None                      # closed and gone
    assert (task.ref, task.due, unit.code) == ("T1", dt.date(2025, 12, 2), "VN")
    assert verdict.clarity["deadline"] == "clear" and entries[0].key == "VN"


def test_gc__an_iterator_keeps_its_database_alive_until_dropped(tmp_path):
    path = tmp_path / "alive.r57"
    d = _filled(path)
    it = d.tasks()
    assert next(it).ref == "T0"
    ref = weakref.ref(d)
    del d
    gc.collect()
    assert ref() is not None                  # the iterator holds it
    assert [t.ref for t in it] == ["T1", "T2", "T3", "T4"]
    del it
    gc.collect()
    assert ref() is None
    # Closed for real: SQLite removes the write-ahead log at the last close.
    assert not (tmp_path / "alive.r57-wal").exists()


def test_gc__iterators_abandoned_half_way_are_freed(tmp_path):
    d = _filled(tmp_path / "half.r57")
    for n in range(300):
        it = [d.tasks, d.journal, lambda: d.values(), lambda: d.tasks(unit="VN")][n % 4]()
        next(it, None)
    del it
    gc.collect()
    assert len(d._iterators) == 0             # every C iterator freed
    d.create_task("D", "after", owner_unit="VN")  # and nothing holds the database
    assert sum(1 for _ in d.tasks()) == 6
    d.close()
    assert not (tmp_path / "half.r57-wal").exists()


def test_gc__database_and_iterator_in_a_cycle_are_collected():
    refs = []
    for _ in range(50):
        d = _filled(tasks=3)
        it = d.journal()
        next(it)
        d.cycle, it.cycle = it, d             # only the collector can free these
        refs.append(weakref.ref(d))
        del d, it
    gc.collect()
    assert all(r() is None for r in refs)


def test_gc__an_iterator_used_after_close_raises():
    d = _filled()
    it = d.journal()
    next(it)
    d.close()
    with pytest.raises(r57.Error) as e:
        next(it)
    assert e.value.message == "the database is closed" and e.value.name == "R57_ESTATE"
    with pytest.raises(r57.Error, match="the database is closed"):
        d.tasks()
    d.close()                                 # twice is harmless
    assert d.closed


# ---- the journal, read back -------------------------------------------------------------------

def test_journal__every_change_in_order_with_old_and_new(db):
    t = db.update_task(db.task("D", "A"), "accountability", "Director of HN")
    db.set_status(t, "in_progress", dt.date(2025, 10, 1))
    entries = list(db.journal())
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert [(e.object, e.key, e.action) for e in entries[:4]] == [
        ("unit", "VN", "create"), ("unit", "HN", "create"), ("document", "D", "create"), ("task", "D#A", "create")]
    task = list(db.journal("task", "D#A"))
    # The new accountability text is resolved again (r57/resolve.h), journaled as "resolve".
    assert [e.action for e in task] == ["create", "update", "resolve", "status"]
    assert json.loads(task[1].old) == {"accountability": ""}
    assert json.loads(task[1].new) == {"accountability": "Director of HN"}
    assert task[0].old is None and task[0].actor == "pytest"
    assert [e.key for e in db.journal("unit")] == ["VN", "HN"]
    assert list(db.journal("task", "D#nothing")) == []
    report = db.verify_journal()
    assert report.intact and report.entries == len(entries) and report.head == entries[-1].hash


def test_journal__iteration_stops_when_asked_and_starts_afresh(db):
    it = db.journal()
    first = [next(it) for _ in range(2)]
    db.create_unit("HP", "Hai Phong", "province", "VN")
    again = list(db.journal())
    assert again[:2] == first and again[-1].key == "HP"


# ---- the GIL: released during long calls ------------------------------------------------------

class Ticker:
    """A pure-Python loop on another thread, counting its iterations.  It
    sleeps a little each time round, so it never keeps the GIL from the
    thread under test; and the switch interval is made long, so the GIL is
    not taken from that thread either: the count can only grow while the
    thread under test has released the GIL itself."""

    def __enter__(self):
        self.count = 0
        self.stop = threading.Event()
        self.running = threading.Event()
        self.interval = sys.getswitchinterval()
        sys.setswitchinterval(30.0)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self.running.wait()
        return self

    def _run(self):
        self.running.set()
        while not self.stop.is_set():
            self.count += 1
            time.sleep(0.0002)

    def progress_during(self, call):
        """How many times the loop went round while call() ran."""
        before = self.count
        result = call()
        return self.count - before, result

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        sys.setswitchinterval(self.interval)


COMMUNES, MONTHS = 300, 24


@pytest.fixture(scope="module")
def ndjson(tmp_path_factory):
    """Communes of one province with two elements for 24 months: 14,400
    values, in the interchange format."""
    path = tmp_path_factory.mktemp("gil") / "values.ndjson"
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"format":"libr57-ndjson","version":1}\n')
        f.write('{"code":"P","kind":"province","name":"Province","parent":"VN","type":"unit"}\n')
        for c in range(COMMUNES):
            f.write(json.dumps({"type": "unit", "code": f"C{c}", "name": f"commune {c}", "kind": "commune",
                                "parent": "P"}) + "\n")
        for m in range(MONTHS):
            period = f"{2025 + m // 12}-{m % 12 + 1:02d}"
            for c in range(COMMUNES):
                f.write(json.dumps({"type": "value", "element": "procedures_total", "unit": f"C{c}",
                                    "period": period, "value": 100 + c}) + "\n")
                f.write(json.dumps({"type": "value", "element": "procedures_fully_online", "unit": f"C{c}",
                                    "period": period, "value": (c * 7 + m) % 100}) + "\n")
    return path


def _catalogue_db(path):
    d = r57.Database(path, actor="pytest")
    d.create_unit("VN", "Viet Nam", "nation")
    d.load_catalogue(CATALOGUE)
    return d


@pytest.fixture(scope="module")
def loaded(ndjson, tmp_path_factory):
    d = _catalogue_db(tmp_path_factory.mktemp("gil") / "loaded.r57")
    d.import_ndjson(ndjson)
    yield d
    d.close()


def test_gil__the_measure_sees_a_call_that_keeps_it():
    # The control: a long C call that keeps the GIL (sorting in C) lets
    # the loop make no progress at all, so a count above 0 below means the
    # binding released it.
    data = list(range(2_000_000, 0, -1))
    with Ticker() as ticker:
        progress, _ = ticker.progress_during(lambda: sorted(data))
    assert progress == 0


def test_gil__released_during_an_ndjson_import(ndjson, tmp_path):
    d = _catalogue_db(tmp_path / "import.r57")
    with Ticker() as ticker:
        progress, report = ticker.progress_during(lambda: d.import_ndjson(ndjson))
    assert report.values == COMMUNES * MONTHS * 2 and report.units == COMMUNES + 1
    assert progress > 0
    d.close()


def test_gil__released_during_kpi_evaluation_over_many_units(loaded):
    def evaluate_five_times():
        # A write drops the handle's KPI cache, so each evaluation reads
        # every value again (the writes themselves keep the GIL).
        for n in range(5):
            loaded.set_value("procedures_total", "C0", "2025-01", 100 + n)
            rows = loaded.evaluate_table("full_online_procedures_share", "2025-01..2026-12", root="P")
        return rows

    with Ticker() as ticker:
        progress, rows = ticker.progress_during(evaluate_five_times)
    assert len(rows) == (COMMUNES + 1) * MONTHS
    first = loaded.evaluate("full_online_procedures_share", "C7", "2025-03")
    assert [r.value for r in rows if (r.unit, r.period) == ("C7", "2025-03")] == [first.value]
    assert progress > 0


def test_gil__released_while_values_are_read_in_bulk(loaded):
    with Ticker() as ticker:
        progress, cols = ticker.progress_during(lambda: loaded.values_columns(unit="P"))
    assert len(cols["value"]) == COMMUNES * MONTHS * 2
    assert progress > 0


def test_gil__threads_share_one_database_safely(loaded):
    # Calls on one Database from several threads are serialised by its lock.
    results, errors = [], []

    def work():
        try:
            results.append(len(loaded.evaluate_table("full_online_procedures_share", "2025", root="P")))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [COMMUNES + 1] * 4
