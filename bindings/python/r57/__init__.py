"""libr57 for Python: tasks with the "6 clear" fields, deadlines, overdue
lists, indicators with targets and roll-up, interchange.

    import r57
    with r57.Database("tasks.r57") as db:
        db.import_csv("notice_07-TB-CQTTBCD_tasks.csv", create_units=True)
        for task in db.tasks():
            print(task.ref, task.due, db.lint(task).clear)
        frame = db.tasks_frame()          # pandas, if installed

Everything is computed by the C library (bindings/r57.i); this module only
turns its conventions into Python's: exceptions, context managers,
iterators, ``datetime.date``, DataFrames.  A Database may be shared between
threads (calls are serialised by a lock); long calls (imports, exports, KPI
evaluation) release the GIL.
"""
from __future__ import annotations

import builtins
import datetime as _dt
import threading
import weakref
from dataclasses import dataclass, field
from typing import Iterator, Optional

from . import capi as _c

__all__ = [
    "Database", "Error", "PermissionError", "ValueError", "LookupError", "StateError",
    "Task", "Unit", "UnitName", "Group", "Document", "Verdict", "Resolution", "Match", "KpiValue", "Attainment", "ImportReport", "Indicator",
    "Progress", "Evidence", "JournalEntry", "JournalReport", "Scorecard", "KeyTask",
    "sha256", "sha256_file", "parse_deadline", "formula_references",
    "version",
]

# ---- errors --------------------------------------------------------------------------


class Error(Exception):
    """An error reported by libr57: ``code`` (e.g. -4), ``name`` ("R57_ENOTFOUND"),
    the library's ``message``, and for parsers ``line`` and ``column``."""

    def __init__(self, code: int, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.code = code
        self.name = _c.r57_err_name(code)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self):
        return f"{self.message} ({self.name})"


class PermissionError(Error, builtins.PermissionError):
    """The actor lacks the right (R57_EPERM)."""


class ValueError(Error, builtins.ValueError):
    """Bad input: an invalid or unparseable argument, a duplicate
    (R57_EINVAL, R57_EPARSE, R57_EEXISTS, R57_ECYCLE, R57_ECONFLICT)."""


class LookupError(Error, builtins.LookupError):
    """The named object does not exist (R57_ENOTFOUND)."""


class StateError(Error):
    """Not allowed in the current state (R57_ESTATE), e.g. done -> assigned."""


_CLASSES = {
    _c.R57_EPERM: PermissionError,
    _c.R57_EINVAL: ValueError,
    _c.R57_EPARSE: ValueError,
    _c.R57_EEXISTS: ValueError,
    _c.R57_ECYCLE: ValueError,
    _c.R57_ECONFLICT: ValueError,
    _c.R57_ENOTFOUND: LookupError,
    _c.R57_ESTATE: StateError,
}


def _make_error(code, message, line, column):
    return _CLASSES.get(code, Error)(code, message, line, column)


_c.r57b_set_error_factory(_make_error)

if not _c.r57b_check_version():
    raise ImportError(
        f"r57: the binding was built for libr57 {_c.r57b_header_version()} "
        f"but the library is {_c.r57_version_number()}")

version = _c.r57_version()

# ---- conversions -----------------------------------------------------------------------

_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_DATE_NONE = -(2 ** 31)  # R57_DATE_NONE (INT32_MIN)


def _date(d: int) -> Optional[_dt.date]:
    return None if d == _DATE_NONE else _dt.date.fromordinal(d + _EPOCH_ORDINAL)


def _days(d) -> int:
    if d is None:
        return _DATE_NONE
    if isinstance(d, str):
        return _c.r57_date_parse(d)
    if isinstance(d, _dt.datetime):
        d = d.date()
    return d.toordinal() - _EPOCH_ORDINAL


def _opt(s):
    return None if s is None or s == "" else s


def _period_text(p: int) -> str:
    return _c.r57b_period_text(p)


def _names(name_of) -> list:
    """The library's names of an enum's members, in order of value: its
    _name function asked for 0, 1, … up to the first value without a name,
    so that no list here restates a C enum."""
    names = []
    while (name := name_of(len(names))) is not None:
        names.append(name)
    return names


_STATUS = {name: i for i, name in enumerate(_names(_c.r57_task_status_name))}
_FIELDS = _names(_c.r57_task_field_name)

# ---- plain data objects (copies: they outlive the database) ---------------------------------


@dataclass(frozen=True)
class UnitName:
    """One name a unit is known by: ``kind`` "name" (its own), "en",
    "alias" or "predecessor" (the name of a unit merged into it: ``of`` is
    that unit's own name when this is another of its names, ``since`` the
    date of the merger)."""
    name: str
    kind: str
    of: Optional[str] = None
    since: Optional[_dt.date] = None


@dataclass(frozen=True)
class Unit:
    """A unit.  ``names`` lists every name it is known by (its own first
    among them), by kind; it takes no part in ``==``."""
    code: str
    name: str
    kind: str
    parent: Optional[str]
    name_en: Optional[str] = None
    names: tuple = field(default=(), compare=False)


@dataclass(frozen=True)
class Group:
    """A unit group ("central", "local"): a named set of units outside the
    unit tree (r57/group.h)."""
    code: str
    name: str
    name_en: Optional[str]
    names: tuple   # (kind, name) pairs, the primary name included: ("name", …), ("en", …), ("alias", …)
    members: tuple  # member unit codes, by code


@dataclass(frozen=True)
class Document:
    number: str
    kind: str
    issued: Optional[_dt.date]
    issuer: str
    title: str


@dataclass(frozen=True)
class Task:
    """A task as stored when it was read (a copy; read it again for changes)."""
    document: str
    ref: str
    parent_ref: Optional[str]
    title: str
    owner_unit: Optional[str]
    owner: str
    owner_person: str
    accountability_unit: Optional[str]
    accountability: str
    product: str
    authority_unit: Optional[str]
    authority: str
    deadline: str
    deadline_kind: str
    due: Optional[_dt.date]
    status: str
    done_on: Optional[_dt.date]
    coordinating: str
    coordinating_units: tuple = field(default_factory=tuple)
    accountability_rule: Optional[str] = None   # the rule in force (its document's, else the database's)


@dataclass(frozen=True)
class Verdict:
    """The 6 clear verdict: for each field ("owner", "task", …) its clarity
    ("clear", "missing", "vague", or "implied": not written but supplied by
    a rule in force, which counts as clear) and the reason; ``clear`` is the
    library's verdict on the whole task."""
    document: str
    ref: str
    clarity: dict
    reasons: dict
    clear: bool = False


@dataclass(frozen=True)
class Match:
    """A registered unit a text names: its code, the words that named it,
    its ``role`` ("lead" or "coordinating"), ``how`` it was found ("name",
    "en", "alias", "predecessor", "code") and a note ("merged into …",
    "without diacritics"; "" when none)."""
    unit: str
    text: str
    role: str
    how: str
    note: str


@dataclass(frozen=True)
class Resolution:
    """What an owner, coordinating, authority or accountability text names
    (r57/resolve.h): ``kind`` "none", "unit", "person", "joint",
    "collective", "unknown", "several" or "vague"; the lead ``unit``'s code
    (kind "unit"); the ``person`` or post named; ``each`` when the text says
    each body acts on its own; ``assigned``, for a task's owner, how many
    sub-tasks assign_each made; ``group`` "central" or "local" for a
    collective naming one level; the library's ``reason``; and the
    registered units named, in order (``matches``)."""
    text: str
    kind: str
    unit: Optional[str]
    person: Optional[str]
    each: bool
    assigned: int
    group: Optional[str]
    reason: str
    matches: tuple


@dataclass(frozen=True)
class KpiValue:
    indicator: str
    unit: str
    period: str
    value: Optional[float]
    numerator: Optional[float]
    denominator: Optional[float]
    reason: str


@dataclass(frozen=True)
class Attainment:
    indicator: str
    unit: str
    period: str
    status: str
    value: Optional[float]
    target: Optional[float]
    comparison: Optional[str]
    gap: Optional[float]
    reason: str
    target_period: Optional[str] = None   # the target's period ("2026..2030"); None: any period


@dataclass(frozen=True)
class Indicator:
    """An indicator's definition; ``references`` lists what its formulas
    refer to, as ("element" | "indicator", code) in order of first use."""
    code: str
    name: str
    measure: Optional[str]
    direction: str
    rollup: str
    formula: Optional[str]
    numerator: Optional[str]
    denominator: Optional[str]
    factor: Optional[float]
    description: Optional[str]
    references: tuple

    @property
    def elements(self) -> tuple:
        """The codes of the data elements the indicator's formulas read."""
        return tuple(code for kind, code in self.references if kind == "element")


@dataclass(frozen=True)
class ImportReport:
    units: int
    documents: int
    tasks: int
    values: int
    other: int
    last_line: int
    units_created: tuple


@dataclass(frozen=True)
class Progress:
    id: int
    document: str
    ref: str
    percent: int
    narrative: Optional[str]
    date: Optional[_dt.date]
    period: Optional[str]
    reported_by: str
    reported_at: str


@dataclass(frozen=True)
class Evidence:
    id: int
    document: str
    ref: str
    kind: str
    title: str
    uri: Optional[str]
    document_number: Optional[str]
    document_date: Optional[_dt.date]
    document_issuer: Optional[str]
    size: Optional[int]
    media_type: Optional[str]
    sha256: Optional[str]
    product: bool
    progress: Optional[int]
    status: str
    submitted_by: str
    submitted_at: str
    decided_by: Optional[str]
    decided_at: Optional[str]
    reason: Optional[str]


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    at: str
    actor: str
    object: str
    key: str
    action: str
    old: Optional[str]
    new: Optional[str]
    hash: str


@dataclass(frozen=True)
class JournalReport:
    problem: str   # "intact", "edited", "deleted", "inserted", "reordered", "unanchored"
    seq: int       # the entry the problem was found at (0 if none)
    message: str
    entries: int
    head: str      # the hash to publish as an anchor

    @property
    def intact(self) -> bool:
        return self.problem == "intact"


@dataclass(frozen=True)
class KeyTask:
    document: str
    ref: str
    category: str
    due: Optional[_dt.date]


@dataclass(frozen=True)
class Scorecard:
    unit: str
    period: str
    as_of: _dt.date
    due: int
    on_time: int
    late: int
    overdue: int
    pending: int
    on_time_share: Optional[float]
    key_unfinished: tuple
    targets_met: int
    targets_not_met: int
    targets_no_data: int
    rating: Optional[str]   # "excellent", "well_done", "done", "not_done"; None if nothing fell due
    reason: str


def _progress(p) -> Progress:
    period = _c.r57_progress_period(p)
    return Progress(_c.r57_progress_id(p), _c.r57_progress_document(p), _c.r57_progress_ref(p),
                    _c.r57_progress_percent(p), _c.r57_progress_narrative(p),
                    _date(_c.r57_progress_date(p)), _period_text(period) if period else None,
                    _c.r57_progress_reported_by(p), _c.r57_progress_reported_at(p))


def _evidence(e) -> Evidence:
    size = _c.r57_evidence_size(e)
    progress = _c.r57_evidence_progress(e)
    return Evidence(_c.r57_evidence_id(e), _c.r57_evidence_document(e), _c.r57_evidence_ref(e),
                    _c.r57_evidence_kind_name(_c.r57_evidence_kind(e)), _c.r57_evidence_title(e),
                    _c.r57_evidence_uri(e), _c.r57_evidence_document_number(e),
                    _date(_c.r57_evidence_document_date(e)), _c.r57_evidence_document_issuer(e),
                    None if size < 0 else size, _c.r57_evidence_media_type(e), _c.r57_evidence_sha256(e),
                    bool(_c.r57_evidence_product(e)), progress or None,
                    _c.r57_evidence_status_name(_c.r57_evidence_status(e)),
                    _c.r57_evidence_submitted_by(e), _c.r57_evidence_submitted_at(e),
                    _c.r57_evidence_decided_by(e), _c.r57_evidence_decided_at(e), _c.r57_evidence_reason(e))


def _journal_entry(j) -> JournalEntry:
    return JournalEntry(_c.r57_journal_entry_seq(j), _c.r57_journal_entry_at(j), _c.r57_journal_entry_actor(j),
                        _c.r57_journal_entry_object(j), _c.r57_journal_entry_key(j),
                        _c.r57_journal_entry_action(j), _c.r57_journal_entry_old(j),
                        _c.r57_journal_entry_new(j), _c.r57_journal_entry_hash(j))


def sha256(data: bytes) -> str:
    """The SHA-256 of bytes as 64 hex digits (the library's, by Nettle)."""
    return _c.r57b_sha256(bytes(data))


def sha256_file(path) -> str:
    return _c.r57b_sha256_file(str(path))


def parse_deadline(text: str):
    """A deadline as people write it ("by 15 November 2025", "quý I/2026",
    "monthly") parsed by the library: (kind, due date or None), e.g.
    ("day", date(2025, 11, 15)); ValueError with the library's message if it
    is not a deadline."""
    kind, due = _c.r57_deadline_parse(text)
    return _c.r57_deadline_kind_name(kind), _date(due)


_REF_KINDS = {_c.R57_REF_ELEMENT: "element", _c.R57_REF_INDICATOR: "indicator"}


def formula_references(text: str) -> list:
    """The references of a formula, compiled by the library: a list of
    ("element" | "indicator", code), each once, in order of first use;
    ValueError (with line and column) if it does not compile."""
    f = _c.r57_formula_compile(text)
    try:
        return [(_REF_KINDS[_c.r57_formula_ref_kind(f, i)], _c.r57_formula_ref_name(f, i))
                for i in range(_c.r57_formula_ref_count(f))]
    finally:
        _c.r57_formula_free(f)


def _unit(u) -> Unit:
    names = []
    for i in range(_c.r57_unit_name_count(u)):
        since = _c.r57_unit_name_since_at(u, i)
        names.append(UnitName(_c.r57_unit_name_at(u, i), _c.r57_unit_name_kind_name(_c.r57_unit_name_kind_at(u, i)),
                              _c.r57_unit_name_of_at(u, i), _dt.date.fromisoformat(since) if since else None))
    return Unit(_c.r57_unit_code(u), _c.r57_unit_name(u), _c.r57_unit_kind_name(_c.r57_unit_kind(u)),
                _c.r57_unit_parent(u), _c.r57_unit_name_en(u), tuple(names))


def _resolution(r) -> Resolution:
    try:
        return Resolution(
            _c.r57_resolution_text(r), _c.r57_resolution_kind_name(_c.r57_resolution_kind(r)),
            _c.r57_resolution_unit(r), _c.r57_resolution_person(r), bool(_c.r57_resolution_each(r)),
            _c.r57_resolution_assigned(r), _c.r57_resolution_group(r), _c.r57_resolution_reason(r),
            tuple(Match(_c.r57_resolution_match_unit(r, i), _c.r57_resolution_match_text(r, i),
                        _c.r57_match_role_name(_c.r57_resolution_match_role(r, i)),
                        _c.r57_match_how_name(_c.r57_resolution_match_how(r, i)), _c.r57_resolution_match_note(r, i))
                  for i in range(_c.r57_resolution_match_count(r))))
    finally:
        _c.r57_resolution_free(r)


def _group(g) -> Group:
    return Group(_c.r57_group_code(g), _c.r57_group_name(g), _c.r57_group_name_en(g),
                 tuple((_c.r57_unit_name_kind_name(_c.r57_group_name_kind_at(g, i)), _c.r57_group_name_at(g, i))
                       for i in range(_c.r57_group_name_count(g))),
                 tuple(_c.r57_group_member_at(g, i) for i in range(_c.r57_group_member_count(g))))


def _document(d) -> Document:
    return Document(_c.r57_document_number(d), _c.r57_document_kind_name(_c.r57_document_kind(d)),
                    _date(_c.r57_document_issued(d)), _c.r57_document_issuer(d), _c.r57_document_title(d))


def _nan_to_none(x: float) -> Optional[float]:
    return None if x != x else x


def _task(t) -> Task:
    n = _c.r57_task_coordinating_units_count(t)
    return Task(
        document=_c.r57_task_document(t), ref=_c.r57_task_ref(t), parent_ref=_c.r57_task_parent_ref(t),
        title=_c.r57_task_title(t), owner_unit=_c.r57_task_owner_unit(t), owner=_c.r57_task_owner(t),
        owner_person=_c.r57_task_owner_person(t), accountability_unit=_c.r57_task_accountability_unit(t),
        accountability=_c.r57_task_accountability(t), product=_c.r57_task_product(t),
        authority_unit=_c.r57_task_authority_unit(t), authority=_c.r57_task_authority(t),
        deadline=_c.r57_task_deadline_text(t),
        deadline_kind=_c.r57_deadline_kind_name(_c.r57_task_deadline_kind(t)),
        due=_date(_c.r57_task_due(t)), status=_c.r57_task_status_name(_c.r57_task_status(t)),
        done_on=_date(_c.r57_task_done_on(t)), coordinating=_c.r57_task_coordinating(t),
        coordinating_units=tuple(_c.r57_task_coordinating_unit(t, i) for i in range(n)),
        accountability_rule=_c.r57_task_accountability_rule(t))


def _linter(vague: dict):
    names = [_c.r57_clear_field_name(i) for i in range(_c.R57_CLEAR_FIELD_COUNT)]
    linter = _c.r57_linter_new()
    try:
        for fname, phrases in vague.items():
            if fname is not None and fname not in names:
                raise builtins.ValueError(f"unknown 6-clear field {fname!r} (one of {', '.join(names)})")
            index = -1 if fname is None else names.index(fname)
            for p in ([phrases] if isinstance(phrases, str) else phrases):
                phrase, reason = (p, None) if isinstance(p, str) else p
                _c.r57_linter_add_vague(linter, index, phrase, reason)
    except BaseException:
        _c.r57_linter_free(linter)
        raise
    return linter


def _report(rep) -> ImportReport:
    if rep is None:
        return ImportReport(0, 0, 0, 0, 0, 0, ())
    try:
        return ImportReport(
            _c.r57_import_report_units(rep), _c.r57_import_report_documents(rep),
            _c.r57_import_report_tasks(rep), _c.r57_import_report_values(rep),
            _c.r57_import_report_other(rep), _c.r57_import_report_last_line(rep),
            tuple(_c.r57_import_report_created_unit(rep, i)
                  for i in range(_c.r57_import_report_created_unit_count(rep))))
    finally:
        _c.r57_import_report_free(rep)


# ---- the database -----------------------------------------------------------------------------


class ClosedError(Error):
    """The database was closed; objects and iterators of it are unusable."""

    def __init__(self):
        super().__init__(_c.R57_ESTATE, "the database is closed")


class Database:
    """An open libr57 database (a file, or ":memory:").  Use it as a context
    manager, or call close().  ``actor`` names who makes the changes (it is
    recorded in the journal); each changing method accepts ``actor=`` too."""

    def __init__(self, path: str, *, readonly: bool = False, must_exist: bool = False,
                 actor: str = "python"):
        self._lock = threading.RLock()
        self._db = _c.r57b_open(str(path), int(readonly), int(must_exist))
        self._iterators = weakref.WeakSet()
        self.path = str(path)
        self.actor = actor

    # -- life cycle
    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                for it in list(self._iterators):
                    it._release()
                _c.r57_close(self._db)
                self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    @property
    def closed(self) -> bool:
        return self._db is None

    def _h(self):
        if self._db is None:
            raise ClosedError()
        return self._db

    def _actor(self, actor):
        return actor or self.actor

    def _read(self, get, free, convert, *args):
        """An object read through the C API (get(db, *args)), returned as a
        Python copy (convert), the C object freed."""
        with self._lock:
            obj = get(self._h(), *args)
            try:
                return convert(obj)
            finally:
                free(obj)

    # -- transactions
    def begin(self):
        with self._lock:
            _c.r57_db_begin(self._h())

    def commit(self):
        with self._lock:
            _c.r57_db_commit(self._h())

    def rollback(self):
        with self._lock:
            _c.r57_db_rollback(self._h())

    # -- units and documents
    _DOC_KINDS = ["notice", "decision", "plan", "resolution", "directive", "other"]

    def create_unit(self, code: str, name: str, kind: str = "other", parent: str = None, *, actor=None):
        with self._lock:
            _c.r57_unit_create(self._h(), self._actor(actor), code, name, _c.r57_unit_kind_parse(kind), parent)

    def unit(self, code: str) -> Unit:
        return self._read(_c.r57_unit_get, _c.r57_unit_free, _unit, code)

    def units(self, root: str = None) -> list:
        with self._lock:
            it = _c.r57_unit_iterator_new(self._h(), root)
        return list(_Iter(self, it, _c.r57_unit_next, _c.r57_unit_iterator_free, _c.r57_unit_free, _unit))

    # -- unit groups (loaded with the registry by load_units)
    def create_group(self, code: str, name: str, *, members=(), names=(), name_en: str = None,
                     actor=None) -> None:
        """A unit group with its English name, other names (aliases) and
        member unit codes; each is its own journaled change."""
        with self._lock:
            h, a = self._h(), self._actor(actor)
            _c.r57_group_create(h, a, code, name)
            if name_en:
                _c.r57_group_name_add(h, a, code, _c.R57_UNIT_NAME_ENGLISH, name_en)
            for n in names:
                _c.r57_group_name_add(h, a, code, _c.R57_UNIT_NAME_ALIAS, n)
            for m in members:
                _c.r57_group_add_member(h, a, code, m)

    def add_group_name(self, code: str, name: str, kind: str = "alias", *, actor=None) -> None:
        with self._lock:
            _c.r57_group_name_add(self._h(), self._actor(actor), code, _c.r57_unit_name_kind_parse(kind), name)

    def add_group_member(self, code: str, unit: str, *, actor=None) -> None:
        with self._lock:
            _c.r57_group_add_member(self._h(), self._actor(actor), code, unit)

    def group(self, code: str) -> Group:
        return self._read(_c.r57_group_get, _c.r57_group_free, _group, code)

    def find_group(self, name: str) -> Group:
        """The group of that name (any of its names, NFC or NFD, any case,
        then without diacritics); LookupError if none."""
        return self._read(_c.r57_group_find_by_name, _c.r57_group_free, _group, name)

    def groups(self) -> list:
        with self._lock:
            it = _c.r57_group_iterator_new(self._h())
        return list(_Iter(self, it, _c.r57_group_next, _c.r57_group_iterator_free, _c.r57_group_free, _group))

    def create_document(self, number: str, kind: str = "notice", issued=None, issuer: str = None,
                        title: str = None, *, actor=None):
        with self._lock:
            _c.r57_document_create(self._h(), self._actor(actor), number, _c.r57_document_kind_parse(kind),
                                   _days(issued), issuer, title)

    def document(self, number: str) -> Document:
        return self._read(_c.r57_document_get, _c.r57_document_free, _document, number)

    def documents(self) -> list:
        """Every issuing document, by number."""
        with self._lock:
            it = _c.r57_document_iterator_new(self._h())
        return list(_Iter(self, it, _c.r57_document_next, _c.r57_document_iterator_free,
                          _c.r57_document_free, _document))

    def find_unit(self, name: str) -> Unit:
        """The unit known by that name (its own, English, an alias or a
        predecessor's; any case, NFC or NFD, else without diacritics);
        LookupError if none, ValueError if several have it."""
        return self._read(_c.r57_unit_find_by_name, _c.r57_unit_free, _unit, name)

    def load_units(self, path=None, *, actor=None) -> ImportReport:
        """Loads a registry of units (a CSV sheet; None: the registry of
        Vietnam's units built into the library), in one transaction.  The
        report counts the units created (``units``, ``units_created``) and
        the other changes (``other``); loading again changes nothing."""
        with self._lock:
            rep = _c.r57_unit_registry_load(self._h(), self._actor(actor), None if path is None else str(path))
            return _report(rep)

    def add_unit_name(self, code: str, name: str, kind: str = "alias", of: str = None, since=None,
                      *, actor=None) -> None:
        """Adds a name ("en", "alias" or "predecessor"; ``of`` and ``since``
        only for a predecessor) to a unit."""
        with self._lock:
            _c.r57_unit_name_add(self._h(), self._actor(actor), code, _c.r57_unit_name_kind_parse(kind), name, of,
                                 None if since is None else str(since))

    # -- what a who-text names (r57/resolve.h)
    _RESOLVED_FIELDS = {"owner": _c.R57_FIELD_OWNER, "coordinating": _c.R57_FIELD_COORDINATING,
                        "authority": _c.R57_FIELD_AUTHORITY, "accountability": _c.R57_FIELD_ACCOUNTABILITY}

    def resolve(self, text: str, list: bool = False, on=None) -> Resolution:
        """What a text names, read against the registry: as an owner,
        authority or accountability (one lead expected), or (``list``) as a
        list of coordinating units.  ``on``: the date of the document the
        text comes from (only words the note on an old name)."""
        mode = _c.R57_RESOLVE_LIST if list else _c.R57_RESOLVE_LEAD
        with self._lock:
            return _resolution(_c.r57_resolve(self._h(), text, mode, _days(on)))

    def resolution(self, task: Task, field: str = "owner") -> Resolution:
        """What a task's "owner", "coordinating", "authority" or
        "accountability" text resolved to when it was stored."""
        f = self._RESOLVED_FIELDS.get(field)
        if f is None:
            raise builtins.ValueError(f"no resolution of field {field!r} (one of {', '.join(self._RESOLVED_FIELDS)})")
        with self._lock:
            t = _c.r57_task_get(self._h(), task.document, task.ref)
            try:
                r = _c.r57_task_resolution(t, f)
            finally:
                _c.r57_task_free(t)
        return _resolution(r)

    def resolve_tasks(self, document: str = None, *, actor=None) -> int:
        """Resolves the texts of the tasks of a document (None: of every
        document) again, e.g. after load_units or load_words; returns how
        many tasks changed."""
        with self._lock:
            return _c.r57_tasks_resolve(self._h(), self._actor(actor), document)

    def assign_each(self, task: Task, group: str = None, *, actor=None) -> int:
        """Assigns a task with a joint or collective owner to each unit it
        names (``group`` "central" or "local": every unit of that level),
        as sub-tasks "REF/CODE"; returns how many were made."""
        out = []
        with self._lock:
            self._with_task(task, lambda t: out.append(_c.r57_task_assign_each(self._h(), self._actor(actor), t,
                                                                               group)))
        return out[0]

    def load_words(self, path, replace: bool = False) -> None:
        """Adds the words of a file (lines "category<TAB>lang<TAB>phrase",
        as data/words.tsv) to those this handle's resolver reasons with, or
        (``replace``) puts them in place of the built-in ones."""
        with self._lock:
            _c.r57_resolver_words_load(self._h(), str(path), int(bool(replace)))

    def set_accountability_rule(self, rule: Optional[str], document: str = None, *, actor=None) -> None:
        """Who answers for a task whose accountability is not written, for a
        document or (None) the database, e.g. "the head of the lead unit
        answers"; the lint then judges it "implied".  None removes it."""
        with self._lock:
            _c.r57_accountability_rule_set(self._h(), self._actor(actor), document, rule)

    # -- tasks
    def create_task(self, document: str, ref: str, *, parent_ref=None, title=None, owner_unit=None,
                    owner=None, owner_person=None, accountability_unit=None, accountability=None,
                    product=None, authority_unit=None, authority=None, deadline=None, coordinating=None,
                    coordinating_units=(), actor=None) -> Task:
        codes = "\n".join(coordinating_units) if coordinating_units else None
        with self._lock:
            t = _c.r57b_task_create(self._h(), self._actor(actor), document, ref, parent_ref, title,
                                    owner_unit, owner, owner_person, accountability_unit, accountability,
                                    product, authority_unit, authority, deadline, coordinating, codes)
            try:
                return _task(t)
            finally:
                _c.r57_task_free(t)

    def task(self, document: str, ref: str) -> Task:
        return self._read(_c.r57_task_get, _c.r57_task_free, _task, document, ref)

    def tasks(self, *, document: str = None, unit: str = None, include_subunits: bool = True,
              status=None) -> Iterator[Task]:
        """Iterates over tasks (by document, then creation), optionally of one
        document, of a unit (and its sub-units), with given statuses."""
        mask = 0
        for s in ([status] if isinstance(status, str) else (status or [])):
            mask |= 1 << _STATUS[s]
        with self._lock:
            it = _c.r57b_task_iterator_new(self._h(), document, unit, int(include_subunits), mask)
        return _Iter(self, it, _c.r57_task_next, _c.r57_task_iterator_free, _c.r57_task_free, _task)

    def _with_task(self, task, fn):
        t = _c.r57_task_get(self._h(), task.document, task.ref)
        try:
            fn(t)
            return _task(t)
        finally:
            _c.r57_task_free(t)

    def set_status(self, task: Task, status: str, on=None, *, actor=None) -> Task:
        with self._lock:
            return self._with_task(task, lambda t: _c.r57_task_set_status(
                self._h(), self._actor(actor), t, _STATUS[status], _days(on)))

    def update_task(self, task: Task, field_name: str, value: Optional[str], *, actor=None) -> Task:
        with self._lock:
            return self._with_task(task, lambda t: _c.r57_task_update(
                self._h(), self._actor(actor), t, _FIELDS.index(field_name), value))

    def instance_done(self, task: Task, period, on=None, *, actor=None) -> None:
        with self._lock:
            self._with_task(task, lambda t: _c.r57_task_instance_done(
                self._h(), self._actor(actor), t, _days(period), _days(on)))

    # -- 6 clear, timeliness, overdue
    def lint(self, task: Task, vague=None) -> Verdict:
        """The 6-clear verdict of a task.  ``vague`` adds phrases to the
        built-in vague ones: {field: [phrase or (phrase, reason), …]}, with
        field one of "owner", "task", "deadline", "accountability",
        "product", "authority", or None for every field."""
        linter = _linter(vague) if vague else None
        try:
            return self._lint(task, linter)
        finally:
            if linter is not None:
                _c.r57_linter_free(linter)

    def _lint(self, task: Task, linter) -> Verdict:
        with self._lock:
            t = _c.r57_task_get(self._h(), task.document, task.ref)
            try:
                v = _c.r57_linter_check(linter, t)
                try:
                    names = [_c.r57_clear_field_name(i) for i in range(_c.R57_CLEAR_FIELD_COUNT)]
                    return Verdict(task.document, task.ref,
                                   {n: _c.r57_clarity_name(_c.r57_verdict_clarity(v, i)) for i, n in enumerate(names)},
                                   {n: _c.r57_verdict_reason(v, i) for i, n in enumerate(names)},
                                   bool(_c.r57_verdict_is_clear(v)))
                finally:
                    _c.r57_verdict_free(v)
            finally:
                _c.r57_task_free(t)

    def timeliness(self, task: Task, as_of, due_soon_days: int = 7):
        """(state, due date) of a task as of a date, e.g. ("overdue", date(2025, 10, 20))."""
        with self._lock:
            t = _c.r57_task_get(self._h(), task.document, task.ref)
            try:
                state, due = _c.r57_task_timeliness(self._h(), t, _days(as_of), due_soon_days)
                return _c.r57_timeliness_name(state), _date(due)
            finally:
                _c.r57_task_free(t)

    def overdue(self, as_of, due_soon_days: int = 7, unit: str = None, include_subunits: bool = True) -> list:
        """The overdue and due-soon tasks as of a date: (task, state, due) by due date."""
        with self._lock:
            it = _c.r57_overdue_iterator_new(self._h(), _days(as_of), due_soon_days, unit, int(include_subunits))
        out = []
        with self._lock:
            try:
                while True:
                    res = _c.r57_overdue_next(it)
                    # At the end SWIG drops the NULL task from the results.
                    if len(res) < 3 or res[0] is None:
                        break
                    t, state, due = res
                    try:
                        out.append((_task(t), _c.r57_timeliness_name(state), _date(due)))
                    finally:
                        _c.r57_task_free(t)
            finally:
                _c.r57_overdue_iterator_free(it)
        return out

    # -- indicators
    def create_element(self, code: str, name: str, measure: str = None, aggregation: str = "sum", *, actor=None):
        with self._lock:
            _c.r57_element_create(self._h(), self._actor(actor), code, name, measure,
                                  _c.r57_aggregation_parse(aggregation))

    def set_value(self, element: str, unit: str, period: str, value: float, source: str = None, *, actor=None):
        with self._lock:
            _c.r57_value_set(self._h(), self._actor(actor), element, unit, str(period), float(value), source)

    def value(self, element: str, unit: str, period: str) -> float:
        with self._lock:
            return _c.r57_value_get(self._h(), element, unit, str(period))

    def values(self, *, element: str = None, unit: str = None, include_subunits: bool = True,
               period: str = None) -> Iterator[tuple]:
        """(element, unit, period, value, source, reported_by) of stored values."""
        with self._lock:
            it = _c.r57b_value_iterator_new(self._h(), element, unit, int(include_subunits),
                                            None if period is None else str(period))
        return _Iter(self, it, _c.r57_value_next, _c.r57_value_iterator_free, _c.r57_value_free,
                     lambda v: (_c.r57_value_element(v), _c.r57_value_unit(v),
                                _period_text(_c.r57_value_period(v)), _c.r57_value_number(v),
                                _c.r57_value_source(v), _c.r57_value_reported_by(v)))

    def create_indicator(self, code: str, name: str, *, formula: str = None, numerator: str = None,
                         denominator: str = None, factor: float = 0.0, measure: str = None,
                         direction: str = "higher", rollup: str = "both", description: str = None, actor=None):
        with self._lock:
            _c.r57b_indicator_create(self._h(), self._actor(actor), code, name, measure,
                                     _c.r57_direction_parse(direction), formula, numerator, denominator,
                                     float(factor), _c.r57_rollup_parse(rollup), description)

    def indicator(self, code: str) -> Indicator:
        with self._lock:
            i = _c.r57_indicator_get(self._h(), code)
            try:
                formula, num, den = (_opt(_c.r57_indicator_formula(i)), _opt(_c.r57_indicator_numerator(i)),
                                     _opt(_c.r57_indicator_denominator(i)))
                refs = []
                for text in (formula, num, den):
                    for r in (formula_references(text) if text else ()):
                        if r not in refs:
                            refs.append(r)
                return Indicator(_c.r57_indicator_code(i), _c.r57_indicator_name(i),
                                 _opt(_c.r57_indicator_measure(i)),
                                 _c.r57_direction_name(_c.r57_indicator_direction(i)),
                                 _c.r57_rollup_name(_c.r57_indicator_rollup(i)), formula, num, den,
                                 None if formula else _c.r57_indicator_factor(i),
                                 _opt(_c.r57_indicator_description(i)), tuple(refs))
            finally:
                _c.r57_indicator_free(i)

    def indicators(self) -> list:
        with self._lock:
            it = _c.r57_indicator_iterator_new(self._h())
        return list(_Iter(self, it, _c.r57_indicator_next, _c.r57_indicator_iterator_free, _c.r57_indicator_free,
                          lambda i: _c.r57_indicator_code(i)))

    def create_target(self, indicator: str, comparison: str, value: float, period: str = None, *,
                      unit: str = None, group: str = None, binds: str = None, average: bool = False,
                      scope: str = None, source: str = None, actor=None):
        """A target that binds only the scope its source gives: `unit`
        (binds="subunits": and the units below it), or `group` as a whole
        (binds="members": each of its members); neither: every unit."""
        if unit is not None and group is not None:
            raise builtins.ValueError("create_target: give unit or group, not both")
        b = _c.r57_target_binds_parse(binds) if binds else (
            _c.R57_TARGET_BINDS_GROUP if group is not None else _c.R57_TARGET_BINDS_UNIT)
        with self._lock:
            _c.r57b_target_create(self._h(), self._actor(actor), indicator, b,
                                  group if group is not None else unit, comparison, float(value),
                                  None if period is None else str(period),
                                  _c.R57_TARGET_AVERAGE if average else _c.R57_TARGET_EACH, scope, source)

    def load_catalogue(self, path: str, *, actor=None) -> None:
        with self._lock:
            _c.r57_catalogue_load(self._h(), self._actor(actor), str(path))

    def evaluate(self, indicator: str, unit: str, period: str) -> KpiValue:
        with self._lock:
            r = _c.r57_kpi_eval(self._h(), indicator, unit, str(period))
            try:
                has = _c.r57_kpi_result_has_value(r)
                return KpiValue(indicator, unit, str(period),
                                _c.r57_kpi_result_value(r) if has else None,
                                _nan_to_none(_c.r57_kpi_result_numerator(r)),
                                _nan_to_none(_c.r57_kpi_result_denominator(r)),
                                _c.r57_kpi_result_reason(r))
            finally:
                _c.r57_kpi_result_free(r)

    def evaluate_table(self, indicator: str, period: str, root: str = None) -> list:
        """One indicator for every unit of a subtree (root and below; every
        unit if None) and every period of `period` (one period or a range),
        in one pass (r57_kpi_table_eval): a list of KpiValue, by unit then
        period, the same numbers and reasons `evaluate` gives pair by pair
        (numerator and denominator are not kept: None)."""
        with self._lock:
            t = _c.r57_kpi_table_eval(self._h(), indicator, root, str(period))
            try:
                out = []
                for i in range(_c.r57_kpi_table_count(t)):
                    has = _c.r57_kpi_table_has_value(t, i)
                    out.append(KpiValue(indicator, _c.r57_kpi_table_unit(t, i),
                                        _period_text(_c.r57_kpi_table_period(t, i)),
                                        _c.r57_kpi_table_value(t, i) if has else None, None, None,
                                        _c.r57_kpi_table_reason(t, i)))
                return out
            finally:
                _c.r57_kpi_table_free(t)

    def attainment(self, indicator: str, unit: str, period: str) -> Attainment:
        with self._lock:
            a = _c.r57_attainment_get(self._h(), indicator, unit, str(period))
            try:
                st = _c.r57_attainment_status(a)
                cmp = _c.r57_attainment_comparison(a)
                tp = _c.r57_attainment_target_period(a)
                return Attainment(indicator, unit, str(period), _c.r57_attainment_status_name(st),
                                  _nan_to_none(_c.r57_attainment_value(a)),
                                  _nan_to_none(_c.r57_attainment_target(a)),
                                  _c.r57_comparison_name(cmp) if cmp >= 0 else None,
                                  _nan_to_none(_c.r57_attainment_gap(a)), _c.r57_attainment_reason(a),
                                  _period_text(tp) if cmp >= 0 and tp else None)
            finally:
                _c.r57_attainment_free(a)

    # -- actors and roles (docs/access.md)
    _ROLES = _names(_c.r57_role_name)
    _EVIDENCE_KINDS = _names(_c.r57_evidence_kind_name)
    _TASK_KINDS = _names(_c.r57_task_kind_name)

    def create_actor(self, code: str, name: str, *, actor=None) -> None:
        with self._lock:
            _c.r57_actor_create(self._h(), self._actor(actor), code, name)

    def grant(self, code: str, role: str, unit: str = None, *, actor=None) -> None:
        """Gives actor `code` a role in `unit` (and below), or system-wide."""
        with self._lock:
            _c.r57_actor_grant(self._h(), self._actor(actor), code, self._ROLES.index(role), unit)

    def revoke(self, code: str, role: str, unit: str = None, *, actor=None) -> None:
        with self._lock:
            _c.r57_actor_revoke(self._h(), self._actor(actor), code, self._ROLES.index(role), unit)

    def has_role(self, code: str, role: str, unit: str = None) -> bool:
        with self._lock:
            return bool(_c.r57_actor_has_role(self._h(), code, self._ROLES.index(role), unit))

    @property
    def setup_mode(self) -> bool:
        """True while nobody holds the administrator role (no checks yet)."""
        with self._lock:
            return bool(_c.r57_db_setup_mode(self._h()))

    # -- progress and evidence (docs/evidence.md)
    def report_progress(self, task: Task, percent: int, narrative: str = None, on=None,
                        period: str = None, *, actor=None) -> int:
        """Reports progress on a task; returns the report's id."""
        out = []
        with self._lock:
            self._with_task(task, lambda t: out.append(_c.r57_progress_report(
                self._h(), self._actor(actor), t, int(percent), narrative, _days(on),
                None if period is None else str(period))))
        return out[0]

    def progress(self, task: Task) -> list:
        with self._lock:
            t = _c.r57_task_get(self._h(), task.document, task.ref)
            try:
                it = _c.r57_progress_iterator_new(self._h(), t)
            finally:
                _c.r57_task_free(t)
        return list(_Iter(self, it, _c.r57_progress_next, _c.r57_progress_iterator_free,
                          _c.r57_progress_free, _progress))

    def submit_evidence(self, task: Task, kind: str, title: str, *, uri: str = None,
                        document_number: str = None, document_date=None, document_issuer: str = None,
                        path=None, data: bytes = None, sha256: str = None, size: int = None,
                        media_type: str = None, progress: int = None, product: bool = True,
                        actor=None) -> int:
        """Submits evidence for a task; returns its id.  A file is given by
        path (read and hashed), data (bytes, hashed) or sha256 (and size)."""
        out = []
        with self._lock:
            self._with_task(task, lambda t: out.append(_c.r57b_evidence_submit(
                self._h(), self._actor(actor), t, self._EVIDENCE_KINDS.index(kind), title, uri,
                document_number, _days(document_date), document_issuer,
                None if path is None else str(path), int(data is not None),
                b"" if data is None else bytes(data), sha256, -1 if size is None else int(size),
                media_type, int(progress or 0), int(bool(product)))))
        return out[0]

    def get_evidence(self, id: int) -> Evidence:
        return self._read(_c.r57_evidence_get, _c.r57_evidence_free, _evidence, int(id))

    def evidence(self, task: Task) -> list:
        with self._lock:
            t = _c.r57_task_get(self._h(), task.document, task.ref)
            try:
                it = _c.r57_evidence_iterator_new(self._h(), t)
            finally:
                _c.r57_task_free(t)
        return list(_Iter(self, it, _c.r57_evidence_next, _c.r57_evidence_iterator_free,
                          _c.r57_evidence_free, _evidence))

    def verify_evidence(self, id: int, *, actor=None) -> None:
        with self._lock:
            _c.r57_evidence_verify(self._h(), self._actor(actor), int(id))

    def reject_evidence(self, id: int, reason: str, *, actor=None) -> None:
        with self._lock:
            _c.r57_evidence_reject(self._h(), self._actor(actor), int(id), reason)

    def recheck_evidence(self, id: int, path=None) -> bool:
        """True if the file's bytes still match the recorded SHA-256."""
        with self._lock:
            return bool(_c.r57_evidence_recheck(self._h(), int(id), None if path is None else str(path)))

    def set_evidence_rule(self, document: str, task_kind: str, required: bool, *, actor=None) -> None:
        """Whether one_off or regular tasks of a document need verified evidence to be done."""
        with self._lock:
            _c.r57_document_set_evidence_rule(self._h(), self._actor(actor), document,
                                              self._TASK_KINDS.index(task_kind), int(bool(required)))

    def evidence_rule(self, document: str, task_kind: str) -> bool:
        with self._lock:
            return bool(_c.r57_document_evidence_rule(self._h(), document, self._TASK_KINDS.index(task_kind)))

    # -- key tasks, scorecards, rating (docs/scorecards.md)
    _KEY_CATEGORIES = _names(_c.r57_key_category_name)
    _RATINGS = _names(_c.r57_rating_name)

    def set_key(self, task: Task, category: Optional[str], *, actor=None) -> None:
        """Marks a task a key political task of a category (None: not key)."""
        cat = _c.R57_KEY_NONE if category is None else self._KEY_CATEGORIES.index(category)
        with self._lock:
            self._with_task(task, lambda t: _c.r57_task_set_key(self._h(), self._actor(actor), t, cat))

    def key(self, task: Task) -> Optional[str]:
        out = []
        with self._lock:
            self._with_task(task, lambda t: out.append(_c.r57_task_key(self._h(), t)))
        return _c.r57_key_category_name(out[0])  # None for R57_KEY_NONE

    def rating_rule(self, level: str) -> tuple:
        """(least on-time share, blocked by an unfinished key task) of a level."""
        with self._lock:
            share, blocks = _c.r57_rating_rule_get(self._h(), self._RATINGS.index(level))
            return share, bool(blocks)

    def set_rating_rule(self, level: str, min_on_time_share: float, key_overdue_blocks: bool,
                        *, actor=None) -> None:
        with self._lock:
            _c.r57_rating_rule_set(self._h(), self._actor(actor), self._RATINGS.index(level),
                                   float(min_on_time_share), int(bool(key_overdue_blocks)))

    def scorecard(self, unit: str, period: str, as_of=None, include_subunits: bool = True) -> Scorecard:
        with self._lock:
            s = _c.r57_scorecard_get(self._h(), unit, int(include_subunits), str(period), _days(as_of))
            try:
                keys = tuple(KeyTask(_c.r57_scorecard_key_document(s, i), _c.r57_scorecard_key_ref(s, i),
                                     _c.r57_key_category_name(_c.r57_scorecard_key_category(s, i)),
                                     _date(_c.r57_scorecard_key_due(s, i)))
                             for i in range(_c.r57_scorecard_key_unfinished(s)))
                return Scorecard(unit, _period_text(_c.r57_scorecard_period(s)), _date(_c.r57_scorecard_as_of(s)),
                                 _c.r57_scorecard_due(s), _c.r57_scorecard_on_time(s), _c.r57_scorecard_late(s),
                                 _c.r57_scorecard_overdue(s), _c.r57_scorecard_pending(s),
                                 _nan_to_none(_c.r57_scorecard_on_time_share(s)), keys,
                                 _c.r57_scorecard_targets_met(s), _c.r57_scorecard_targets_not_met(s),
                                 _c.r57_scorecard_targets_no_data(s),
                                 _c.r57_rating_name(_c.r57_scorecard_rating(s)),  # None: R57_RATING_NONE
                                 _c.r57_scorecard_reason(s))
            finally:
                _c.r57_scorecard_free(s)

    # -- the journal (docs/journal.md)
    def verify_journal(self, anchor: str = None) -> JournalReport:
        with self._lock:
            r = _c.r57_journal_verify(self._h(), anchor)
            try:
                return JournalReport(_c.r57_journal_problem_name(_c.r57_journal_report_problem(r)),
                                     _c.r57_journal_report_seq(r), _c.r57_journal_report_message(r),
                                     _c.r57_journal_report_entries(r), _c.r57_journal_report_head(r))
            finally:
                _c.r57_journal_report_free(r)

    def journal(self, object: str = None, key: str = None) -> Iterator[JournalEntry]:
        """The journal in order: every entry, or those of one kind of object or one object."""
        with self._lock:
            it = _c.r57_journal_iterator_new(self._h(), object, key)
        return _Iter(self, it, _c.r57_journal_next, _c.r57_journal_iterator_free,
                     _c.r57_journal_entry_free, _journal_entry)

    # -- interchange
    def _import(self, kind, arg, actor, ignore_unknown=False, create_units=False, parent_unit=None,
                batch_size=0, start_line=0, strict=False) -> ImportReport:
        with self._lock:
            rep = _c.r57b_import(self._h(), self._actor(actor), kind, str(arg), int(ignore_unknown),
                                 int(create_units), int(bool(strict)), parent_unit, int(batch_size),
                                 int(start_line))
            return _report(rep)

    def import_json(self, text: str, *, ignore_unknown=False, actor=None) -> ImportReport:
        return self._import(0, text, actor, ignore_unknown)

    def import_json_file(self, path, *, ignore_unknown=False, actor=None) -> ImportReport:
        return self._import(1, path, actor, ignore_unknown)

    def import_ndjson(self, path, *, ignore_unknown=False, batch_size=0, start_line=0, actor=None) -> ImportReport:
        return self._import(2, path, actor, ignore_unknown, batch_size=batch_size, start_line=start_line)

    def import_csv(self, path, *, create_units=False, parent_unit=None, ignore_unknown=False, strict=False,
                   actor=None) -> ImportReport:
        """A CSV task sheet.  Who-texts are resolved against the registry
        (load_units); one naming a body not in it is kept as written for
        the lint, or with ``create_units`` made a unit (under
        ``parent_unit``), or with ``strict`` refused (LookupError naming
        the line and column)."""
        return self._import(3, path, actor, ignore_unknown, create_units, parent_unit, strict=strict)

    def import_values_csv(self, path, *, create_units=False, parent_unit=None, ignore_unknown=False,
                          actor=None) -> ImportReport:
        """A CSV sheet of reported figures (indicator or element, scope or
        unit_code, period, value, source), as shared/data's reported_2025.csv."""
        return self._import(4, path, actor, ignore_unknown, create_units, parent_unit)

    def write_report(self, out_dir, *, as_of=None, period: str = None, title: str = None,
                     due_soon_days: int = 7, include_rejected: bool = False) -> None:
        """The public report: out_dir/index.html, a page per unit, out_dir/report.json."""
        with self._lock:
            _c.r57b_report_write(self._h(), str(out_dir), _days(as_of), None if period is None else str(period),
                                 title, int(due_soon_days), int(bool(include_rejected)))

    def export(self, *, unit=None, document=None, period=None, ndjson=False, path=None) -> Optional[str]:
        """The database as canonical JSON (or NDJSON); into `path` if given."""
        with self._lock:
            return _c.r57b_export(self._h(), unit, document, None if period is None else str(period),
                                  int(ndjson), None if path is None else str(path))

    # -- pandas (optional)
    def tasks_frame(self, **query):
        import pandas as pd
        rows = [t.__dict__ for t in self.tasks(**query)]
        return pd.DataFrame(rows, columns=list(Task.__dataclass_fields__))

    def lint_frame(self, vague=None, **query):
        import pandas as pd
        rows = []
        for t in self.tasks(**query):
            v = self.lint(t, vague)
            rows.append({"document": t.document, "ref": t.ref, "clear": v.clear,
                         **{f: v.clarity[f] for f in v.clarity},
                         **{f + "_reason": v.reasons[f] for f in v.reasons}})
        return pd.DataFrame(rows)

    def overdue_frame(self, as_of, due_soon_days=7, unit=None):
        import pandas as pd
        return pd.DataFrame([{"document": t.document, "ref": t.ref, "owner_unit": t.owner_unit,
                              "owner": t.owner, "deadline": t.deadline, "due": due, "state": state}
                             for t, state, due in self.overdue(as_of, due_soon_days, unit)],
                            columns=["document", "ref", "owner_unit", "owner", "deadline", "due", "state"])

    def values_columns(self, *, element: str = None, unit: str = None, include_subunits: bool = True,
                       period: str = None) -> dict:
        """The values `values` yields, as columns in one call (the bulk path:
        one C call fills the lists): {"element": [...], "unit": [...],
        "period": [...], "value": array("d"), "source": [...],
        "reported_by": [...]}.  The GIL is released while rows are read."""
        import array
        with self._lock:
            el, un, pe, raw, so, rb = _c.r57b_value_columns(self._h(), element, unit, int(include_subunits),
                                                            None if period is None else str(period))
        numbers = array.array("d")
        numbers.frombytes(raw)
        return {"element": el, "unit": un, "period": pe, "value": numbers, "source": so, "reported_by": rb}

    def values_frame(self, **query):
        """Stored values as a DataFrame (element, unit, period, value,
        source, reported_by), built from values_columns."""
        import numpy as np
        import pandas as pd
        cols = self.values_columns(**query)
        cols["value"] = np.frombuffer(cols["value"], dtype=np.float64)
        return pd.DataFrame(cols, columns=["element", "unit", "period", "value", "source", "reported_by"])

    def kpi_frame(self, indicator: str, period: str, root: str = None):
        """evaluate_table as a DataFrame: unit, period, value (NaN when there
        is none), reason."""
        import pandas as pd
        rows = self.evaluate_table(indicator, period, root)
        return pd.DataFrame({"unit": [r.unit for r in rows], "period": [r.period for r in rows],
                             "value": [float("nan") if r.value is None else r.value for r in rows],
                             "reason": [r.reason for r in rows]},
                            columns=["unit", "period", "value", "reason"])

    def attainment_frame(self, unit: str, period: str, indicators=None):
        import pandas as pd
        rows = [self.attainment(i, unit, str(period)).__dict__ for i in (indicators or self.indicators())]
        return pd.DataFrame(rows, columns=list(Attainment.__dataclass_fields__))


class _Iter:
    """A C iterator that yields Python copies; freed when exhausted, when
    dropped, or when its database closes (then using it raises)."""

    def __init__(self, db: Database, it, next_fn, free_fn, item_free, convert):
        self._db, self._it = db, it
        self._next, self._free, self._item_free, self._convert = next_fn, free_fn, item_free, convert
        db._iterators.add(self)

    def __iter__(self):
        return self

    def __next__(self):
        with self._db._lock:
            if self._it is None:
                if self._db.closed:
                    raise ClosedError()
                raise StopIteration
            obj = self._next(self._it)
            if obj is None:
                self._release()
                raise StopIteration
            try:
                return self._convert(obj)
            finally:
                self._item_free(obj)

    def _release(self):
        if self._it is not None:
            self._free(self._it)
            self._it = None

    def __del__(self):
        try:
            with self._db._lock:
                self._release()
        except Exception:
            pass
