"""Who-texts read against the registry of units (r57/resolve.h), one
behaviour per test, with the verdicts the C tests and the CLI test
(tests/test_lint.c, tests/test_cli.py) expect on notice 07."""
import datetime as dt
import pathlib
import unicodedata

import pytest

import r57

ROOT = pathlib.Path(__file__).resolve().parents[3]
NOTICE = ROOT.parent / "shared" / "data" / "notice_07-TB-CQTTBCD_tasks.csv"
DOC = "07-TB/CQTTBCD"


@pytest.fixture
def reg():
    """The built-in registry, no tasks."""
    with r57.Database(":memory:", actor="pytest") as d:
        d.load_units()
        yield d


@pytest.fixture
def db(reg):
    """The registry, then notice 07 imported without creating units."""
    reg.import_csv(NOTICE)
    return reg


def test_registry__loads_76_units_and_loading_again_changes_nothing():
    with r57.Database(":memory:") as d:
        rep = d.load_units()
        assert (rep.units, len(rep.units_created), rep.units_created[:3]) == (87, 87, ("VN", "MND", "MPS"))
        again = d.load_units()
        assert (again.units, again.other, again.units_created) == (0, 0, ())
        assert len(d.units()) == 87


def test_registry__a_unit_carries_its_english_name_aliases_and_predecessors(reg):
    mof = reg.unit("MOF")
    assert (mof.name, mof.kind, mof.parent, mof.name_en) == ("Bộ Tài chính", "ministry", "VN", "Ministry of Finance")
    assert mof.names[:3] == (r57.UnitName("Bộ Tài chính", "name"), r57.UnitName("Ministry of Finance", "en"),
                             r57.UnitName("BTC", "alias"))
    assert r57.UnitName("Bộ Kế hoạch và Đầu tư", "predecessor", None, dt.date(2025, 3, 1)) in mof.names
    assert r57.UnitName("MPI", "predecessor", "Bộ Kế hoạch và Đầu tư", dt.date(2025, 3, 1)) in mof.names
    assert reg.unit("GOV").kind == "government" and reg.unit("VNU-HN").kind == "university"


def test_registry__a_name_added_finds_the_unit(reg):
    reg.add_unit_name("MOJ", "Tư pháp", "alias")
    assert reg.find_unit("tư pháp").code == "MOJ"
    assert r57.UnitName("Tư pháp", "alias") in reg.unit("MOJ").names
    with pytest.raises(r57.LookupError):
        reg.add_unit_name("NOWHERE", "x")


def test_notice07__imported_without_create_units_23_tasks_none_fully_clear(reg):
    rep = reg.import_csv(NOTICE)
    assert (rep.tasks, rep.units, rep.units_created) == (23, 0, ())
    verdicts = [reg.lint(t) for t in reg.tasks()]
    assert (len(verdicts), sum(v.clear for v in verdicts)) == (23, 0)


def test_notice07__owner_of_ii_2_b_2_vague_and_of_iii_8_clear_with_moj(db):
    v = db.lint(db.task(DOC, "II.2.b.2"))
    assert v.clarity["owner"] == "vague"
    assert v.reasons["owner"] == ("owner 'assigned ministries': names a class of bodies, not one unit "
                                  "('assigned ministries'): assign it to each unit of the central level")
    t = db.task(DOC, "III.8")
    assert db.lint(t).clarity["owner"] == "clear"
    assert t.owner_unit == "MOJ" and t.coordinating_units == ("GO", "MOHA")
    r = db.resolution(t, "owner")
    assert (r.kind, r.unit, r.text) == ("unit", "MOJ", "Ministry of Justice")
    assert r.matches == (r57.Match("MOJ", "Ministry of Justice", "lead", "en", ""),)


def test_notice07__authorities_vague_exactly_for_three_tasks(db):
    vague = {t.ref for t in db.tasks() if db.lint(t).clarity["authority"] == "vague"}
    assert vague == {"II.2.b.2", "III.8", "App.3.g"}


def test_accountability_rule__makes_an_unwritten_accountability_implied(db):
    t = db.task(DOC, "III.8")
    assert (db.lint(t).clarity["accountability"], t.accountability_rule) == ("missing", None)
    db.set_accountability_rule("the head of the lead unit answers")
    t = db.task(DOC, "III.8")
    v = db.lint(t)
    assert t.accountability_rule == "the head of the lead unit answers"
    assert v.clarity["accountability"] == "implied"
    assert v.reasons["accountability"] == ("not written; implied by the rule 'the head of the lead unit answers': "
                                           "the head of MOJ answers")
    db.set_accountability_rule(None)
    assert db.lint(db.task(DOC, "III.8")).clarity["accountability"] == "missing"


def test_accountability_rule__implied_counts_as_clear_for_the_task(reg):
    reg.create_document("D", "plan")
    t = reg.create_task("D", "1", title="Draft the decree", owner="Bộ Tư pháp", product="a draft decree",
                        deadline="by 15 November 2025", authority="Thủ tướng Chính phủ")
    assert not reg.lint(t).clear
    reg.set_accountability_rule("the head of the lead unit answers", "D")
    v = reg.lint(reg.task("D", "1"))
    assert v.clarity["accountability"] == "implied" and v.clear
    with pytest.raises(r57.LookupError, match="NOPE"):
        reg.set_accountability_rule("x", "NOPE")


def test_resolve__one_lead_and_a_coordinating_unit(reg):
    r = reg.resolve("Bộ Công an chủ trì, phối hợp với Bộ Tư pháp")
    assert (r.kind, r.unit, r.person, r.each, r.assigned, r.group) == ("unit", "MPS", None, False, 0, None)
    assert r.reason == "MPS (Bộ Công an); coordinating: MOJ"
    assert [(m.unit, m.role) for m in r.matches] == [("MPS", "lead"), ("MOJ", "coordinating")]
    assert r.matches[1] == r57.Match("MOJ", "Bộ Tư pháp", "coordinating", "name", "")


def test_resolve__a_class_of_bodies_is_collective(reg):
    r = reg.resolve("các bộ, ngành, địa phương")
    assert (r.kind, r.unit, r.matches) == ("collective", None, ())
    assert r.reason == ("names a class of bodies, not one unit ('các bộ', 'ngành', 'địa phương'): "
                        "name one lead unit, or assign it to each")


def test_resolve__two_bodies_joined_by_and_are_joint(reg):
    r = reg.resolve("Bộ Tài chính và Ngân hàng Nhà nước")
    assert (r.kind, r.unit) == ("joint", None)
    assert [(m.unit, m.role) for m in r.matches] == [("MOF", "lead"), ("SBV", "lead")]


def test_resolve__a_list_makes_every_body_coordinating(reg):
    r = reg.resolve("Bộ Tài chính, Bộ Tư pháp", list=True)
    assert [(m.unit, m.role) for m in r.matches] == [("MOF", "coordinating"), ("MOJ", "coordinating")]


def test_resolve__an_old_name_is_noted_against_the_documents_date(reg):
    r = reg.resolve("Bộ Kế hoạch và Đầu tư", on=dt.date(2024, 1, 1))
    assert (r.kind, r.unit, r.matches[0].how) == ("unit", "MOF", "predecessor")
    assert r.matches[0].note == ("'Bộ Kế hoạch và Đầu tư' was merged into Bộ Tài chính (MOF) on 2025-03-01, "
                                 "after this document was issued")


def test_resolve__nfd_text_reads_as_nfc(reg):
    nfc = "Bộ Công an chủ trì, phối hợp với Bộ Tư pháp"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    a, b = reg.resolve(nfc), reg.resolve(nfd)
    assert (b.kind, b.unit, b.reason) == (a.kind, a.unit, a.reason) == ("unit", "MPS", "MPS (Bộ Công an); coordinating: MOJ")
    assert [(m.unit, m.role, m.how) for m in b.matches] == [(m.unit, m.role, m.how) for m in a.matches]
    assert b.text == nfd


def test_resolve_tasks__after_loading_the_registry(tmp_path):
    with r57.Database(":memory:") as d:
        d.import_csv(NOTICE)
        t = d.task(DOC, "III.8")
        assert (t.owner_unit, d.resolution(t).kind) == (None, "unknown")
        d.load_units()
        assert d.resolve_tasks(DOC) == 20
        assert d.task(DOC, "III.8").owner_unit == "MOJ"
        assert d.resolve_tasks() == 0
        with pytest.raises(r57.LookupError, match="unknown document 'NOPE'"):
            d.resolve_tasks("NOPE")


def test_assign_each__a_level_makes_34_sub_tasks_and_the_owner_clear(db):
    t = db.task(DOC, "App.3.d.1")
    assert db.lint(t).clarity["owner"] == "vague"
    assert db.assign_each(t) == 34
    assert db.lint(db.task(DOC, "App.3.d.1")).clarity["owner"] == "clear"
    r = db.resolution(t)
    assert (r.kind, r.group, r.assigned) == ("collective", "local", 34)
    subs = [s for s in db.tasks(document=DOC) if s.parent_ref == "App.3.d.1"]
    assert (len(subs), subs[0].ref, subs[0].owner_unit) == (34, "App.3.d.1/AN-GIANG", "AN-GIANG")
    with pytest.raises(r57.ValueError) as e:
        db.assign_each(t)
    assert e.value.name == "R57_EEXISTS"


def test_assign_each__refused_for_one_lead_unit(db):
    with pytest.raises(r57.ValueError, match=r"has one lead unit \(MOJ\)") as e:
        db.assign_each(db.task(DOC, "III.8"))
    assert e.value.name == "R57_EINVAL"


def test_resolution__only_of_who_fields(db):
    t = db.task(DOC, "III.8")
    assert db.resolution(t, "authority").kind == "collective"
    assert [m.unit for m in db.resolution(t, "coordinating").matches] == ["GO", "MOHA"]
    with pytest.raises(ValueError, match="no resolution of field 'title'"):
        db.resolution(t, "title")


def test_import__strict_refuses_a_body_not_in_the_registry(reg, tmp_path):
    sheet = tmp_path / "strict.csv"
    sheet.write_text("ref,document,issued,title,lead\nX.1,99-TB/TEST,2025-11-01,Do it,Bộ Ngoại thương\n",
                     encoding="utf-8")
    with pytest.raises(r57.LookupError) as e:
        reg.import_csv(sheet, strict=True)
    assert (e.value.name, e.value.line, e.value.column) == ("R57_ENOTFOUND", 2, 33)
    assert "line 2, column 33: lead 'Bộ Ngoại thương': 'Bộ Ngoại thương' is not in the registry" in e.value.message
    assert reg.documents() == []
    assert reg.import_csv(sheet).tasks == 1  # not strict: kept as written, for the lint


def test_load_words__adds_to_or_replaces_the_built_in_words(reg, tmp_path):
    words = tmp_path / "words.tsv"
    words.write_text("# a post\nrole\ten\trapporteur\n", encoding="utf-8")
    assert reg.resolve("the Rapporteur").kind == "unknown"
    reg.load_words(words)
    assert reg.resolve("the Rapporteur").kind == "several"
    assert reg.resolve("các bộ, ngành").kind == "collective"
    reg.load_words(words, replace=True)
    assert reg.resolve("các bộ, ngành").kind == "vague"


def test_load_words__a_bad_line_is_a_parse_error_with_its_line(reg, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("class\ten\n", encoding="utf-8")
    with pytest.raises(r57.ValueError) as e:
        reg.load_words(bad)
    assert (e.value.name, e.value.line) == ("R57_EPARSE", 1)
    assert e.value.message.endswith("line 1: expected category<TAB>lang<TAB>phrase")


def test_notice07__every_verdict_as_the_shared_table(db):
    """The same table the C, CLI and Java tests read
    (tests/data/notice07-verdicts.txt)."""
    want = {}
    for line in (ROOT / "tests" / "data" / "notice07-verdicts.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            ref, *clarities = line.split()
            want[ref] = clarities
    fields = ["owner", "task", "deadline", "accountability", "product", "authority"]
    got = {}
    for t in db.tasks():
        v = db.lint(t)
        got[t.ref] = [v.clarity[f] for f in fields]
    assert got == want
