"""The Python binding: the same numbers as the C tests on the same data,
errors as exceptions, iteration, dates, and safety after close."""
import datetime as dt
import gc
import os
import pathlib
import threading

import pytest

import r57

ROOT = pathlib.Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
NOTICE = SHARED / "notice_07-TB-CQTTBCD_tasks.csv"
CATALOGUE = ROOT / "data" / "catalogue.json"


@pytest.fixture
def db():
    with r57.Database(":memory:", actor="pytest") as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.import_csv(NOTICE, create_units=True, parent_unit="VN")
        d.load_catalogue(CATALOGUE)
        yield d


def test_notice_07_deadlines_and_lint_match_the_c_example(db):
    t = db.task("07-TB/CQTTBCD", "III.8")
    assert t.due == dt.date(2025, 11, 15)
    assert t.deadline_kind == "day"
    assert t.coordinating_units == ("GOVERNMENT-OFFICE", "MINISTRY-OF-HOME-AFFAIRS")
    v = db.lint(db.task("07-TB/CQTTBCD", "II.2.b.2"))
    assert not v.clear
    assert v.clarity["owner"] == "vague"
    assert v.reasons["owner"] == ("owner 'assigned ministries': names a class of bodies, not one unit "
                                  "('assigned ministries'): assign it to each unit of the central level")
    assert v.clarity["deadline"] == "missing"
    assert sum(1 for t in db.tasks()) == 23


def test_overdue_as_of_a_date(db):
    rows = db.overdue(dt.date(2025, 11, 20))
    assert len(rows) == 12  # as tests/data/notice07-2025-11-20.expected
    first, state, due = rows[0]
    assert (first.ref, state, due) == ("IV.3", "overdue", dt.date(2025, 10, 18))
    assert db.timeliness(db.task("07-TB/CQTTBCD", "App.2.e"), "2025-11-25") == ("due_soon", dt.date(2025, 11, 30))


def test_reported_2025_local_level_has_no_target_for_this_scope(db):
    # As tests/test_kpi.c: the 80 % goal binds the Ministry of Industry and
    # Trade and its subordinate agencies in 2026, not the local level in 2025.
    db.create_group("local", "Cấp địa phương", name_en="Local level")
    db.set_value("full_online_public_services_share_reported", "local", "2025", 45, "Steering Committee conference report")
    a = db.attainment("full_online_public_services_share", "local", "2025")
    assert (a.status, a.value, a.target, a.comparison, a.gap) == ("no_target", 45.0, None, None, None)
    assert a.reason == ("no target for this scope: no target of 'full_online_public_services_share' "
                        "binds 'local' in 2025")


def test_tfp_2019_contribution_as_in_the_c_test(db):
    for element, year, value in [("capital_share", "2019", 0.4), ("output", "2018", 1000.0), ("output", "2019", 1070.2),
                                 ("capital", "2018", 2000.0), ("capital", "2019", 2000.0 * 1.07207695),
                                 ("labour", "2018", 50.0), ("labour", "2019", 50.75)]:
        db.set_value(element, "VN", year, value)
    assert round(db.evaluate("tfp_contribution_share", "VN", "2019").value, 2) == 46.11


def test_evaluate_table_agrees_with_evaluate_pair_by_pair(db):
    db.create_unit("P1", "province one", "province", "VN")
    db.create_unit("C1", "commune one", "commune", "P1")
    db.create_unit("C2", "commune two", "commune", "P1")
    for unit, total, online in [("C1", 10, 4), ("C2", 20, 15)]:
        db.set_value("procedures_total", unit, "2026", total)
        db.set_value("procedures_fully_online", unit, "2026", online)
    db.set_value("procedures_total", "C1", "2027", 0)
    db.set_value("procedures_fully_online", "C1", "2027", 0)
    rows = db.evaluate_table("full_online_procedures_share", "2026..2027", root="P1")
    assert [(r.unit, r.period) for r in rows] == [(u, p) for u in ("P1", "C1", "C2") for p in ("2026", "2027")]
    for r in rows:
        one = db.evaluate("full_online_procedures_share", r.unit, r.period)
        assert (r.value, r.reason) == (one.value, one.reason)
    assert rows[0].value == pytest.approx(100 * 19 / 30)
    assert rows[2].value == 40.0 and rows[3].value is None and "0" in rows[3].reason
    with pytest.raises(r57.LookupError, match="NOWHERE"):
        db.evaluate_table("full_online_procedures_share", "2026", root="NOWHERE")
    frame = db.kpi_frame("full_online_procedures_share", "2026", root="P1")
    assert list(frame["unit"]) == ["P1", "C1", "C2"]
    assert list(frame["value"].round(6)) == [round(100 * 19 / 30, 6), 40.0, 75.0]


def test_errors_are_exceptions_with_the_library_message(db):
    with pytest.raises(r57.LookupError) as e:
        db.unit("ATLANTIS")
    assert e.value.message == "unknown unit code 'ATLANTIS'" and e.value.name == "R57_ENOTFOUND"
    with pytest.raises(r57.ValueError) as e:
        db.create_task("07-TB/CQTTBCD", "Z.1", deadline="next week")
    assert str(e.value.message) == "task 'Z.1': deadline 'next week' is not a date, month, quarter or year"
    assert isinstance(e.value, ValueError)  # also the builtin
    with pytest.raises(r57.StateError):
        db.set_status(db.task("07-TB/CQTTBCD", "III.8"), "done")
    with pytest.raises(r57.ValueError) as e:
        db.import_json('{"format":"libr57","version":1,"units":[{"code":"X","name":1,"kind":"other"}]}')
    assert e.value.message == 'line 1, column 60: /units/0/name: "name" must be a string'
    assert (e.value.line, e.value.column) == (1, 60)


def test_status_and_updates_return_fresh_copies(db):
    t = db.task("07-TB/CQTTBCD", "III.8")
    t2 = db.set_status(t, "in_progress", dt.date(2025, 10, 20))
    assert (t.status, t2.status) == ("assigned", "in_progress")
    t3 = db.update_task(t2, "accountability", "Minister of Justice")
    assert db.lint(t3).clarity["accountability"] == "clear"


def test_export_import_round_trip(db, tmp_path):
    text = db.export()
    with r57.Database(":memory:") as other:
        rep = other.import_json(text)
        assert rep.tasks == 23
        assert other.export() == text


def test_objects_and_iterators_outlive_the_database_safely():
    d = r57.Database(":memory:")
    d.create_unit("VN", "Viet Nam", "nation")
    d.create_document("D", "plan")
    for i in range(5):
        d.create_task("D", f"T{i}", owner_unit="VN")
    half = d.tasks()
    next(half)                    # abandoned half way
    kept = d.task("D", "T1")      # a plain copy
    d.close()
    assert kept.ref == "T1"
    with pytest.raises(r57.Error):
        next(half)
    with pytest.raises(r57.Error):
        d.task("D", "T1")
    del half
    gc.collect()


def test_dataframes(db):
    pd = pytest.importorskip("pandas")
    frame = db.tasks_frame()
    assert len(frame) == 23 and "due" in frame.columns
    od = db.overdue_frame("2025-11-20")
    assert list(od["state"].unique()) == ["overdue"]
    lint = db.lint_frame()
    assert lint["clear"].sum() == 0


def test_threads_each_with_their_own_database(tmp_path):
    path = tmp_path / "shared.r57"
    with r57.Database(path) as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.create_element("x", "X")
    errors = []

    def work(n):
        try:
            with r57.Database(path) as d:
                for m in range(1, 13):
                    d.set_value("x", "VN", f"2026-{m:02d}", n * 100 + m, actor=f"thread{n}")
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with r57.Database(path) as d:
        assert len(list(d.values(element="x"))) == 12


def _people(db):
    """Roles as in tests/test_evidence.c: an administrator ends setup mode."""
    db.create_unit("HN", "Ha Noi", "province", "VN")
    db.create_unit("HN-BD", "Ba Dinh ward", "commune", "HN")
    db.create_task("07-TB/CQTTBCD", "T1", owner_unit="HN-BD", product="ward procedures online",
                   deadline="by 31 December 2025")
    assert db.setup_mode
    for code, role, unit in [("admin", "administrator", None), ("rep-bd", "reporter", "HN-BD"),
                             ("ver-hn", "verifier", "HN"), ("mgr-hn", "manager", "HN")]:
        db.create_actor(code, code, actor="admin")
        db.grant(code, role, unit, actor="admin")
    assert not db.setup_mode
    assert db.has_role("ver-hn", "verifier", "HN-BD") and not db.has_role("ver-hn", "verifier", "VN")
    return db.task("07-TB/CQTTBCD", "T1")


def test_sha256_matches_the_published_vectors(tmp_path):
    assert r57.sha256(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert r57.sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    p = tmp_path / "m.txt"
    p.write_bytes(b"abc")
    assert r57.sha256_file(p) == r57.sha256(b"abc")
    with pytest.raises(r57.Error) as e:
        r57.sha256_file(tmp_path / "missing.pdf")
    assert "cannot open file" in e.value.message and e.value.code == r57.capi.R57_EIO


def test_evidence_verification_and_done_as_in_the_c_tests(db, tmp_path):
    t = _people(db)
    db.set_status(t, "in_progress", actor="rep-bd")
    db.set_status(t, "submitted", actor="rep-bd")
    with pytest.raises(r57.StateError) as e:
        db.set_status(t, "done", actor="mgr-hn")
    assert e.value.message.startswith("task 'T1' of '07-TB/CQTTBCD' cannot be done: it has no verified evidence")
    p = db.report_progress(t, 100, "all procedures online", dt.date(2025, 11, 20), actor="rep-bd")
    f = tmp_path / "minutes.txt"
    f.write_bytes(b"abc")
    eid = db.submit_evidence(t, "file", "Signed minutes", path=f, media_type="text/plain",
                             progress=p, actor="rep-bd")
    with pytest.raises(r57.PermissionError) as e:
        db.verify_evidence(eid, actor="rep-bd")
    assert "may not verify evidence" in e.value.message
    with pytest.raises(r57.ValueError):
        db.reject_evidence(eid, "", actor="ver-hn")
    with pytest.raises(r57.ValueError) as e:
        db.submit_evidence(t, "file", "x", sha256="abc", actor="rep-bd")
    assert "is not a SHA-256 (64 hex digits)" in e.value.message
    db.verify_evidence(eid, actor="ver-hn")
    ev = db.get_evidence(eid)
    assert (ev.status, ev.decided_by, ev.sha256, ev.size, ev.progress) == (
        "verified", "ver-hn", r57.sha256(b"abc"), 3, p)
    assert db.recheck_evidence(eid)
    f.write_bytes(b"abd")
    assert not db.recheck_evidence(eid)
    done = db.set_status(t, "done", dt.date(2025, 11, 21), actor="mgr-hn")
    assert done.status == "done"
    assert [x.id for x in db.evidence(t)] == [eid]
    assert db.progress(t)[0].percent == 100
    report = db.verify_journal()
    assert report.intact and report.entries > 10 and len(report.head) == 64
    assert db.verify_journal(anchor=report.head).intact
    actions = [(j.object, j.action) for j in db.journal("evidence")]
    assert actions == [("evidence", "submit"), ("evidence", "verify")]


def test_journal_tampering_is_found(tmp_path):
    import sqlite3
    path = tmp_path / "j.r57"
    with r57.Database(path) as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.create_unit("HN", "Ha Noi", "province", "VN")
        d.create_unit("HN-BD", "Ba Dinh", "commune", "HN")
    con = sqlite3.connect(path)
    con.execute("UPDATE journal SET new = '{}' WHERE seq = 2")
    con.commit()
    con.close()
    with r57.Database(path) as d:
        r = d.verify_journal()
        assert (r.problem, r.seq) == ("edited", 2)


def test_scorecard_and_rating_as_in_the_c_tests():
    with r57.Database(":memory:", actor="setup") as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.create_unit("HN", "Ha Noi", "province", "VN")
        d.create_unit("HN-BD", "Ba Dinh ward", "commune", "HN")
        d.create_document("07-TB/CQTTBCD", "notice", dt.date(2025, 10, 15))
        d.set_evidence_rule("07-TB/CQTTBCD", "one_off", False)
        assert d.evidence_rule("07-TB/CQTTBCD", "one_off") is False
        for ref, unit, deadline in [("A", "HN-BD", "by 20 October 2025"), ("D", "HN", "by 15 December 2025")]:
            d.create_task("07-TB/CQTTBCD", ref, owner_unit=unit, deadline=deadline)
        a = d.task("07-TB/CQTTBCD", "A")
        for status in ("in_progress", "submitted", "done"):
            a = d.set_status(a, status, dt.date(2025, 10, 18))
        d.set_key(d.task("07-TB/CQTTBCD", "D"), "digital_transformation")
        assert d.key(d.task("07-TB/CQTTBCD", "D")) == "digital_transformation"
        assert d.rating_rule("excellent") == (90.0, True)
        s = d.scorecard("HN", "2025Q4")
        assert (s.due, s.on_time, s.late, s.overdue, s.pending) == (2, 1, 0, 1, 0)
        assert s.on_time_share == 50.0 and s.rating == "done"
        assert s.key_unfinished == (r57.KeyTask("07-TB/CQTTBCD", "D", "digital_transformation", dt.date(2025, 12, 15)),)
        d.set_rating_rule("done", 50, True)
        s = d.scorecard("HN", "2025Q4")
        assert s.rating == "not_done"
        assert s.reason.startswith("key task 'D' of '07-TB/CQTTBCD' (digital_transformation), due 2025-12-15")
        assert d.scorecard("HN", "2025-10", include_subunits=False).rating is None


def test_reported_figures_and_the_public_report_as_the_cli(db, tmp_path):
    import json
    db.load_units()  # "central level" and "local level" are its unit groups
    rep = db.import_values_csv(SHARED / "reported_2025.csv", create_units=True, parent_unit="VN")
    assert rep.values == 11 and rep.units_created == ()
    a = db.attainment("full_online_public_services_share", "local", "2025")
    assert (a.status, a.value, a.gap) == ("no_target", 45.0, None)
    with pytest.raises(r57.ValueError) as e:
        bad = tmp_path / "bad.csv"
        bad.write_text("indicator,scope,period,value\nfull_online_procedures_share,nation,2025,12\n")
        db.import_values_csv(bad)
    assert "is computed" in e.value.message and e.value.line == 2
    db.write_report(tmp_path / "site", as_of=dt.date(2025, 11, 20), period="2025")
    public = json.loads((tmp_path / "site" / "report.json").read_text())
    assert {u["code"] for u in public["units"]} >= {"VN", "local", "MINISTRY-OF-JUSTICE"}
    page = (tmp_path / "site" / "units" / "local.html").read_text()
    assert page.count('class="target"') == 0 and "no target for this scope" in page


# ---- unit groups (r57/group.h) -----------------------------------------------

def test_groups_ship_with_the_registry_and_are_found_by_name():
    with r57.Database(":memory:", actor="pytest") as d:
        rep = d.load_units()
        assert rep.units == 87
        central = d.group("central")
        assert central.name == "Cấp trung ương" and central.name_en == "Central level"
        assert len(central.members) == 17 and "MOIT" in central.members
        assert len(d.group("local").members) == 34
        assert [g.code for g in d.groups()] == ["central", "government_agencies", "local"]
        assert d.find_group("cap dia phuong").code == "local"
        assert d.find_group("LOCAL LEVEL").code == "local"
        assert d.load_units().other == 0  # loading again changes nothing
        with pytest.raises(r57.LookupError, match="no unit group is named 'relevant agencies'"):
            d.find_group("relevant agencies")


def test_group_kpi_and_targets_give_the_c_tests_numbers():
    # As tests/test_group.c: MOIT 90 of 100, MOJ 10 of 300 -> 25 %, not 46.67 %.
    with r57.Database(":memory:", actor="pytest") as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.create_unit("MOIT", "Ministry of Industry and Trade", "ministry", "VN")
        d.create_unit("MOIT-ECOM", "E-commerce agency", "department", "MOIT")
        d.create_unit("MOJ", "Ministry of Justice", "ministry", "VN")
        d.create_group("central", "Central level", members=["MOIT", "MOJ"], names=["trung ương"])
        assert d.group("central").names == (("name", "Central level"), ("alias", "trung ương"))
        d.create_element("online", "Fully online", "count")
        d.create_element("total", "Procedures", "count")
        d.create_indicator("share", "Fully online share", numerator="#{online}", denominator="#{total}",
                           factor=100)
        for unit, online, total in (("MOIT", 90, 100), ("MOJ", 10, 300)):
            d.set_value("online", unit, "2025", online)
            d.set_value("total", unit, "2025", total)
        v = d.evaluate("share", "central", "2025")
        assert v.value == pytest.approx(25) and (v.numerator, v.denominator) == (100, 400)
        d.create_target("share", ">=", 95, "2025", unit="MOIT", binds="subunits", source="318/QD-BCT")
        assert d.attainment("share", "MOIT", "2025").status == "not_met"
        a = d.attainment("share", "central", "2025")
        assert a.status == "no_target" and a.value == pytest.approx(25)
        assert a.reason == "no target for this scope: no target of 'share' binds 'central' in 2025"
        d.create_target("share", ">=", 20, "2025", group="central")
        assert d.attainment("share", "central", "2025").status == "met"
        with pytest.raises(r57.LookupError):
            d.create_target("share", ">=", 20, "2025", group="nope")


def test_task__coordinating_units_of_any_number():
    # The shim split them into an array of 256: those past it were dropped.
    with r57.Database(":memory:", actor="pytest") as d:
        codes = [f"U{i:03d}" for i in range(300)]
        for code in codes + ["LEAD"]:
            d.create_unit(code, f"Unit {code}", "ministry")
        d.create_document("01-KH/X", "plan")
        for n in (255, 256, 257, 300):
            t = d.create_task("01-KH/X", f"T{n}", owner_unit="LEAD", coordinating_units=codes[:n])
            assert t.coordinating_units == tuple(codes[:n])
            assert d.task("01-KH/X", f"T{n}").coordinating_units == tuple(codes[:n])
