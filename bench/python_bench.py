#!/usr/bin/env python3
"""The Python binding's benchmark (issue 7): what a call through the binding
costs, and how fast indicator values become a DataFrame.

    .venv/bin/python bench/python_bench.py [--values N] [--db PATH] [--repeat K]
    meson test -C build --benchmark --suite python --verbose   # the same, values in build/bench/

(a) Per-call overhead: a simple accessor through the binding
    (r57.capi.r57_unit_code on a unit handle, and r57_version_number with no
    argument) against built-in C functions called from Python (len,
    math.fabs); the ratio is printed, with and without the loop's own cost.
(b) A DataFrame of N (default 1,000,000) indicator values read through the
    binding — the bulk path (Database.values_frame: one C call fills the
    columns) and the per-row iterator (Database.values) — against
    pandas.read_sql on the same SQLite file: the value table as stored
    (ids and period numbers) and the same rows as the binding gives (codes,
    in the binding's order, by a join).  The ratios are printed.

The database is made once through the binding (an NDJSON import) and kept
at --db for the next run.  Each time is the best of --repeat runs: the
machine may be shared, so take one run's figures as indicative.  Needs the
r57 package installed (pip install .) and pandas; exits 77 (skipped) without.
"""
import argparse
import json
import math
import os
import sqlite3
import sys
import tempfile
import time
import timeit

try:
    import pandas as pd
    import r57
    from r57 import capi
except ImportError as e:  # meson counts 77 as skipped
    print(f"python_bench: skipped: {e} (pip install . and pandas into this Python)")
    sys.exit(77)

ELEMENTS = 10
PERIODS = 100          # months from 2000-01


def make_database(path, n):
    """n values: ELEMENTS elements x PERIODS months x n / (ELEMENTS * PERIODS)
    communes under one nation, imported from NDJSON through the binding."""
    units = n // (ELEMENTS * PERIODS)
    if units * ELEMENTS * PERIODS != n:
        sys.exit(f"python_bench: --values must be a multiple of {ELEMENTS * PERIODS}")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        nd = os.path.join(tmp, "values.ndjson")
        with open(nd, "w", encoding="utf-8") as f:
            f.write('{"format":"libr57-ndjson","version":1}\n')
            f.write('{"code":"VN","kind":"nation","name":"Viet Nam","type":"unit"}\n')
            for u in range(units):
                f.write(json.dumps({"type": "unit", "code": f"C{u:05d}", "name": f"commune {u}",
                                    "kind": "commune", "parent": "VN"}) + "\n")
            for e in range(ELEMENTS):
                f.write(json.dumps({"type": "element", "code": f"e{e}", "name": f"element {e}"}) + "\n")
            for e in range(ELEMENTS):
                for p in range(PERIODS):
                    period = f"{2000 + p // 12}-{p % 12 + 1:02d}"
                    for u in range(units):
                        f.write(f'{{"type":"value","element":"e{e}","unit":"C{u:05d}","period":"{period}",'
                                f'"value":{(e * 7 + p * 3 + u) % 1000 / 8},"source":"bench"}}\n')
        with r57.Database(path, actor="bench") as db:
            report = db.import_ndjson(nd, batch_size=100_000)
    print(f"made {path}: {report.values} values, {units} units, through an NDJSON import "
          f"in {time.perf_counter() - t0:.1f} s ({os.path.getsize(path) / 1e6:.0f} MB)")


def stored_values(path):
    if not os.path.exists(path):
        return -1
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM value").fetchone()[0]
    except sqlite3.Error:
        return -1
    finally:
        con.close()


def best(fn, repeat):
    """(best time, last result) of repeat runs."""
    times, result = [], None
    for _ in range(repeat):
        result = None
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def per_call(path, repeat):
    print("(a) per-call overhead (best of %d, 1,000,000 calls each)" % repeat)
    db = r57.Database(path, readonly=True)
    unit = capi.r57_unit_get(db._h(), "VN")
    s, x = "libr57", -1.5
    number = 1_000_000
    cases = [
        ("loop alone (pass)", "pass"),
        ("len(s)  [built-in C function]", "len(s)"),
        ("math.fabs(x)  [built-in C function]", "fabs(x)"),
        ("capi.r57_version_number()  [binding, no argument]", "version_number()"),
        ("capi.r57_unit_code(unit)  [binding accessor]", "unit_code(unit)"),
    ]
    env = {"s": s, "x": x, "fabs": math.fabs, "unit": unit,
           "version_number": capi.r57_version_number, "unit_code": capi.r57_unit_code}
    ns = {}
    for label, stmt in cases:
        t = min(timeit.repeat(stmt, globals=env, number=number, repeat=repeat))
        ns[stmt] = t / number * 1e9
        print(f"    {label:<52} {ns[stmt]:7.1f} ns/call")
    loop = ns["pass"]
    for builtin in ("len(s)", "fabs(x)"):
        for mine in ("unit_code(unit)", "version_number()"):
            gross = ns[mine] / ns[builtin]
            net = (ns[mine] - loop) / max(ns[builtin] - loop, 1e-9)
            print(f"    ratio {mine} / {builtin}: {gross:.1f}x (net of the loop: {net:.1f}x)")
    capi.r57_unit_free(unit)
    db.close()


COLUMNS = ["element", "unit", "period", "value", "source", "reported_by"]


def frames(path, n, repeat):
    print(f"(b) a DataFrame of {n:,} indicator values (best of {repeat})")
    with r57.Database(path, readonly=True) as db:
        t_bulk, bulk = best(db.values_frame, repeat)
        print(f"    binding, bulk (Database.values_frame)            {t_bulk:7.3f} s")
        t_row, rows = best(lambda: pd.DataFrame(list(db.values()), columns=COLUMNS), 1)
        print(f"    binding, per row (DataFrame(list(db.values())))  {t_row:7.3f} s (one run)")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    t_raw, raw = best(lambda: pd.read_sql("SELECT * FROM value", con), repeat)
    print(f"    pandas.read_sql('SELECT * FROM value')            {t_raw:7.3f} s (ids, period numbers)")
    same = ("SELECT e.code AS element, u.code AS unit, v.period, v.value, v.source, v.reported_by"
            " FROM value v JOIN element e ON e.id = v.element_id JOIN unit u ON u.id = v.unit_id"
            " ORDER BY e.code, v.period, u.code")
    t_join, joined = best(lambda: pd.read_sql(same, con), repeat)
    print(f"    pandas.read_sql(join: codes, the binding's order) {t_join:7.3f} s")
    con.close()

    # The frames must hold the same rows, or the times mean nothing.
    if not (len(bulk) == len(rows) == len(raw) == len(joined) == n):
        sys.exit(f"python_bench: row counts differ: {len(bulk)} {len(rows)} {len(raw)} {len(joined)} != {n}")
    for c in COLUMNS:
        if bulk[c].tolist() != rows[c].tolist():
            sys.exit(f"python_bench: column {c} differs between the bulk and the per-row frame")
    for c in ("element", "unit", "value", "source"):
        if bulk[c].tolist() != joined[c].tolist():
            sys.exit(f"python_bench: column {c} differs between the binding's frame and read_sql's")

    print(f"    ratio bulk / read_sql(value table):   {t_bulk / t_raw:.2f}x")
    print(f"    ratio bulk / read_sql(same rows):     {t_bulk / t_join:.2f}x")
    print(f"    ratio per row / read_sql(value table): {t_row / t_raw:.2f}x")
    print(f"    ratio per row / bulk:                  {t_row / t_bulk:.2f}x")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--values", type=int, default=1_000_000)
    ap.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "r57-python-bench.r57"),
                    help="the SQLite file of values (made if missing or of another size)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"libr57 {r57.version}, Python {sys.version.split()[0]}, pandas {pd.__version__}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work skews the times)")
    if stored_values(args.db) != args.values:
        make_database(args.db, args.values)
    per_call(args.db, args.repeat)
    frames(args.db, args.values, args.repeat)


if __name__ == "__main__":
    main()
