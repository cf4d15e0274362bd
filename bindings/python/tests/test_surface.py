"""The rest of the Pythonic surface, one behaviour per test: transactions,
units and documents, regular tasks, indicators and targets, values (per row
and in bulk), interchange, parsing helpers, the linter's extra phrases."""
import array
import builtins
import datetime as dt
import json
import pathlib

import pytest

import r57

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture
def db():
    with r57.Database(":memory:", actor="pytest") as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.create_unit("HN", "Ha Noi", "province", "VN")
        d.create_unit("HN-BD", "Ba Đình", "commune", "HN")
        d.create_unit("HN-HK", "Hoàn Kiếm", "commune", "HN")
        d.create_unit("HP", "Hai Phong", "province", "VN")
        d.create_element("x", "Fully online", "count")
        d.create_element("y", "All", "count")
        d.create_indicator("ratio", "Share online", numerator="#{x}", denominator="#{y}", factor=100,
                           measure="percent")
        yield d


def test_version_is_the_librarys():
    assert r57.version == r57.capi.r57_version() and r57.version.count(".") == 2


def test_capi__docstrings_come_from_the_headers():
    # swig -doxygen: the header's @param/@return, as Sphinx fields.
    doc = r57.capi.r57_period_contains.__doc__
    assert "Whether every day of inner lies within outer" in doc
    assert ":param outer: the containing period" in doc
    assert ":rtype: boolean" in doc


def test_transaction__rollback_discards_and_commit_keeps(db):
    db.begin()
    db.set_value("x", "HN-BD", "2027", 1)
    db.rollback()
    assert list(db.values(period="2027")) == []
    db.begin()
    db.set_value("x", "HN-BD", "2027", 2)
    db.commit()
    assert db.value("x", "HN-BD", "2027") == 2.0


def test_units__a_subtree_and_a_name_look_up(db):
    assert [u.code for u in db.units("HN")] == ["HN", "HN-BD", "HN-HK"]
    assert len(db.units()) == 5
    assert db.find_unit("  BA Đình ") == r57.Unit("HN-BD", "Ba Đình", "commune", "HN")
    with pytest.raises(r57.LookupError, match="no unit is named 'Atlantis'"):
        db.find_unit("Atlantis")


def test_documents__created_read_and_listed(db):
    db.create_document("B-2", "decision", dt.date(2025, 3, 1), "Prime Minister", "Second")
    db.create_document("A-1", "plan", "2025-01-02")
    assert db.document("B-2") == r57.Document("B-2", "decision", dt.date(2025, 3, 1), "Prime Minister", "Second")
    assert [d.number for d in db.documents()] == ["A-1", "B-2"]
    assert db.documents()[0].issued == dt.date(2025, 1, 2)


def test_tasks__a_regular_task_is_judged_per_instance(db):
    db.create_document("D", "plan", dt.date(2025, 1, 2))   # instances start in January
    db.set_evidence_rule("D", "regular", False)
    t = db.create_task("D", "R", owner_unit="HN", deadline="monthly")
    assert (t.deadline_kind, t.due) == ("monthly", None)
    db.instance_done(t, dt.date(2025, 1, 1), dt.date(2025, 1, 20))
    assert db.timeliness(t, dt.date(2025, 2, 25)) == ("due_soon", dt.date(2025, 2, 28))
    assert db.timeliness(t, dt.date(2025, 3, 5)) == ("overdue", dt.date(2025, 2, 28))


def test_tasks__filtered_by_unit_and_status(db):
    db.create_document("D", "plan")
    db.create_task("D", "1", owner_unit="HN-BD")
    db.create_task("D", "2", owner_unit="HP")
    db.set_status(db.task("D", "2"), "in_progress")
    assert [t.ref for t in db.tasks(unit="HN")] == ["1"]
    assert [t.ref for t in db.tasks(unit="HN", include_subunits=False)] == []
    assert [t.ref for t in db.tasks(status="in_progress")] == ["2"]
    assert [t.ref for t in db.tasks(document="D", status=["assigned", "in_progress"])] == ["1", "2"]


def test_indicator__definition_and_references(db):
    ind = db.indicator("ratio")
    assert (ind.numerator, ind.denominator, ind.factor, ind.measure) == ("#{x}", "#{y}", 100.0, "percent")
    assert ind.references == (("element", "x"), ("element", "y")) and ind.elements == ("x", "y")
    db.create_indicator("twice", "Twice", formula="2 * I{ratio} + #{x}[-1]", direction="lower", rollup="own")
    two = db.indicator("twice")
    assert (two.direction, two.rollup, two.factor) == ("lower", "own", None)
    assert two.references == (("indicator", "ratio"), ("element", "x"))
    assert "twice" in db.indicators()
    assert r57.formula_references("#{a} / #{b} + #{a}[-1]") == [("element", "a"), ("element", "b")]


def test_attainment__a_target_over_a_range_applies_to_each_year(db):
    db.create_target("ratio", ">=", 50, "2026..2030", source="plan")
    db.set_value("x", "HN-BD", "2026", 30)
    db.set_value("y", "HN-BD", "2026", 50)
    db.set_value("x", "HN-HK", "2026", 30)
    db.set_value("y", "HN-HK", "2026", 50)
    a = db.attainment("ratio", "HN", "2026")
    assert (a.status, a.value, a.target, a.comparison, a.gap, a.target_period) == (
        "met", 60.0, 50.0, ">=", 0.0, "2026..2030")
    frame = db.attainment_frame("HN", 2026)
    assert frame.loc[0, "status"] == "met" and frame.loc[0, "target_period"] == "2026..2030"
    none = db.attainment("ratio", "HN", "2025")
    assert (none.status, none.target, none.target_period) == ("no_target", None, None)


def test_values__filters_and_the_bulk_path_agree_with_the_iterator(db):
    for unit, m, v in [("HN-BD", 1, 3), ("HN-HK", 1, 4), ("HN-BD", 2, 5), ("HP", 1, 6)]:
        db.set_value("x", unit, f"2026-{m:02d}", v, "portal")
    db.set_value("y", "HN-BD", "2026Q1", 10)
    rows = list(db.values())
    cols = db.values_columns()
    assert list(zip(cols["element"], cols["unit"], cols["period"], cols["value"], cols["source"],
                    cols["reported_by"])) == rows
    assert isinstance(cols["value"], array.array) and cols["value"].typecode == "d"
    assert rows[0] == ("x", "HN-BD", "2026-01", 3.0, "portal", "pytest")
    assert [r[1] for r in db.values(unit="HN", element="x")] == ["HN-BD", "HN-HK", "HN-BD"]
    assert db.values_columns(unit="HN", include_subunits=False)["unit"] == []
    assert db.values_columns(period="2026-02")["value"].tolist() == [5.0]
    assert [r[2] for r in db.values(element="y")] == ["2026Q1"]
    with pytest.raises(r57.LookupError):
        db.values_columns(element="nope")


def test_values__frame(db):
    pd = pytest.importorskip("pandas")
    db.set_value("x", "HN-BD", "2026", 3.5)
    frame = db.values_frame()
    assert list(frame.columns) == ["element", "unit", "period", "value", "source", "reported_by"]
    assert frame["value"].dtype == "float64" and frame.loc[0, "value"] == 3.5
    assert len(db.values_frame(element="y")) == 0
    assert isinstance(frame, pd.DataFrame)


def test_interchange__ndjson_file_round_trip_and_the_resume_rule(db, tmp_path):
    db.set_value("x", "HN-BD", "2026", 1)
    path = tmp_path / "all.ndjson"
    assert db.export(ndjson=True, path=path) is None
    lines = path.read_text().splitlines()
    assert json.loads(lines[0]) == {"format": "libr57-ndjson", "version": 2}
    with r57.Database(":memory:") as other:
        rep = other.import_ndjson(path)
        assert (rep.units, rep.values, rep.last_line) == (5, 1, len(lines))
        assert other.export(ndjson=True) == path.read_text()
    # A bad line: the batches before it stay; start again after the last line kept.
    bad = tmp_path / "bad.ndjson"
    bad.write_text("\n".join(lines[:3] + ['{"type":"unit","code":"Q","kind":"galaxy","name":"q"}'] + lines[3:]) + "\n")
    with r57.Database(":memory:") as other:
        with pytest.raises(r57.ValueError) as e:
            other.import_ndjson(bad, batch_size=1)
        assert e.value.line == 4 and "galaxy" in e.value.message
        assert sorted(u.code for u in other.units()) == ["HN", "VN"]
        rep = other.import_ndjson(bad, start_line=5)
        assert len(other.units()) == 5 and rep.values == 1


def test_interchange__json_file_and_a_units_export(db, tmp_path):
    db.create_document("D", "plan")
    db.create_task("D", "1", owner_unit="HP")
    db.create_task("D", "2", owner_unit="HN-BD")
    path = tmp_path / "hn.json"
    path.write_text(db.export(unit="HN"))
    with r57.Database(":memory:") as other:
        rep = other.import_json_file(path)
        assert rep.tasks == 1 and [t.ref for t in other.tasks()] == ["2"]
    with r57.Database(":memory:") as other:
        with pytest.raises(r57.Error) as e:
            other.import_json_file(tmp_path / "missing.json")
        assert e.value.name == "R57_EIO"


def test_interchange__csv_with_unknown_bodies_kept_refused_or_created(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("ref,document,issued,title,lead,coordinating,product,deadline_text,authority\n"
                     "1,01-KH/HN,2025-01-02,Do it,Department of Things,,a report,by 1 May 2025,\n")
    with r57.Database(":memory:") as d:
        with pytest.raises(r57.LookupError) as e:
            d.import_csv(sheet, strict=True)
        assert "Department of Things" in e.value.message and e.value.line == 2
        rep = d.import_csv(sheet, create_units=True)
        assert rep.units_created == ("DEPARTMENT-OF-THINGS",) and rep.tasks == 1
    with r57.Database(":memory:") as d:
        rep = d.import_csv(sheet)  # kept as written, for the lint
        assert rep.units_created == () and d.task("01-KH/HN", "1").owner_unit is None


def test_deadlines__parsed_by_the_library():
    assert r57.parse_deadline("by 15 November 2025") == ("day", dt.date(2025, 11, 15))
    assert r57.parse_deadline("quý IV/2025") == ("quarter", dt.date(2025, 12, 31))
    assert r57.parse_deadline("monthly") == ("monthly", None)


def test_deadlines__half_ongoing_event_and_vague():
    assert r57.parse_deadline("H2/2026") == ("half", dt.date(2026, 12, 31))
    assert r57.parse_deadline("thường xuyên") == ("ongoing", None)
    assert r57.parse_deadline("sau khi Nghị định được ban hành") == ("event", None)
    assert r57.parse_deadline("as soon as possible") == ("vague", None)
    # Decomposed text (NFD) reads like composed text.
    assert r57.parse_deadline("qu\u0079\u0301 IV/2025") == ("quarter", dt.date(2025, 12, 31))


def test_deadlines__half_yearly_is_regular():
    assert r57.parse_deadline("định kỳ 6 tháng") == ("half_yearly", None)
    assert r57.parse_deadline("dinh ky 6 thang") == ("half_yearly", None)
    assert r57.parse_deadline("every six months") == ("half_yearly", None)


def test_values__stored_and_evaluated_per_half_year(db):
    db.set_value("x", "HN-BD", "2026H1", 90)
    db.set_value("y", "HN-BD", "2026H1", 100)
    db.set_value("x", "HN-HK", "2026H1", 10)
    db.set_value("y", "HN-HK", "2026H1", 300)
    assert db.value("y", "HN-HK", "2026h1") == 300
    v = db.evaluate("ratio", "HN", "2026H1")
    assert v.period == "2026H1" and v.value == pytest.approx(25, abs=1e-12)
    assert [r[2] for r in db.values(element="y", unit="HN-BD")] == ["2026H1"]


def test_lint__extra_vague_phrases(db):
    db.create_document("D", "plan")
    t = db.create_task("D", "1", owner_unit="HN", product="an action plan with milestones", deadline="by 1 May 2026",
                       accountability="Director", authority_unit="VN")
    assert db.lint(t).clarity["product"] == "clear"
    v = db.lint(t, {"product": [("milestones", "says nothing")]})
    assert v.clarity["product"] == "vague" and "says nothing" in v.reasons["product"]
    assert db.lint(t, {None: "plan"}).clarity["product"] == "vague"
    with pytest.raises(builtins.ValueError, match="unknown 6-clear field 'colour'"):
        db.lint(t, {"colour": "x"})
    pytest.importorskip("pandas")
    assert db.lint_frame(vague={"product": "milestones"})["product"].tolist() == ["vague"]


def test_database__readonly_and_must_exist(tmp_path):
    path = tmp_path / "f.r57"
    with r57.Database(path) as d:
        d.create_unit("VN", "Viet Nam", "nation")
        assert d.path == str(path) and not d.closed
    with r57.Database(path, readonly=True, must_exist=True) as d:
        assert d.unit("VN").name == "Viet Nam"
