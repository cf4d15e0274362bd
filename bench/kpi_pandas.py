#!/usr/bin/env python3
"""The KPI benchmark's other side (bench/bench_kpi.c runs it): every
catalogue indicator for every unit and month, computed with pandas from the
same input the library was given, then checked against libr57's results.

    kpi_pandas.py CATALOGUE UNITS_CSV INPUT_CSV RESULTS_CSV

UNITS_CSV is unit,parent,kind; INPUT_CSV element,unit,period,value (every
stored value); RESULTS_CSV indicator,unit,period,value (libr57's; value
empty when there is none).

The rules are the library's (docs/kpi.md): a summed element of a unit is
its own figure if it has one, else the sum over its sub-units — no value
if any sub-unit has none (roll-up "both"); an inherited element is the
unit's own, else the nearest unit above it that has one; a ratio is
factor * numerator / denominator, with no value when the denominator is 0;
any division by zero or other non-finite result is "no value".  Formulas
are written out below in the catalogue's order of operations.

Prints the time to read the CSV files and the time to compute, apart (the
latter also as processor time, steadier than elapsed time on a shared
machine), and exits with status 1 if any number differs by more than a
relative 1e-9 or a row has a value on one side only.
"""
import json
import re
import sys
import time

import numpy as np
import pandas as pd

REL_TOL = 1e-9


def main():
    catalogue_path, units_path, input_path, results_path = sys.argv[1:5]
    with open(catalogue_path, encoding="utf-8") as f:
        catalogue = json.load(f)

    t0 = time.perf_counter()
    units = pd.read_csv(units_path, dtype=str, keep_default_na=False)
    values = pd.read_csv(input_path, dtype={"element": str, "unit": str, "period": str,
                                            "value": "float64"})
    read_s = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    results, breakdown = compute(catalogue, units, values)
    compute_s = time.perf_counter() - t0
    compute_cpu_s = time.process_time() - c0

    t0 = time.perf_counter()
    theirs = pd.read_csv(results_path, dtype={"indicator": str, "unit": str, "period": str,
                                              "value": "float64"})
    read_results_s = time.perf_counter() - t0

    print(f"pandas {pd.__version__}: {len(values)} values, {len(units)} units")
    print(f"pandas read: {read_s:.3f} s (input and units CSV)")
    print(f"pandas compute: {compute_s:.3f} s (" +
          ", ".join(f"{k} {v:.3f} s" for k, v in breakdown.items()) + ")")
    print(f"pandas compute cpu: {compute_cpu_s:.3f} s (processor time of all its threads)")
    print(f"pandas read of libr57's results: {read_results_s:.3f} s (not counted)")
    sys.exit(check(results, theirs))


def compute(catalogue, units, values):
    """Every indicator for every unit and month: a frame indexed by
    (unit, period) with one column per indicator, NaN for no value."""
    breakdown = {}
    t0 = time.perf_counter()
    aggregation = {e["code"]: e.get("aggregation", "sum") for e in catalogue["elements"]}
    periods = sorted(values["period"].unique())
    # One row per (unit, period), one column per element.
    wide = values.pivot(index=["unit", "period"], columns="element", values="value")
    grid = pd.MultiIndex.from_product([units["unit"], periods], names=["unit", "period"])
    wide = wide.reindex(grid)
    # An element of the catalogue that nobody reported: a column without values.
    unreported = [e for e in aggregation if e not in wide.columns]
    if unreported:
        wide = wide.reindex(columns=list(wide.columns) + unreported)
    breakdown["reshape"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    parent = dict(zip(units["unit"], units["parent"]))
    depth = {}
    for u in units["unit"]:
        d, p = 0, parent[u]
        while p:
            d, p = d + 1, parent[p]
        depth[u] = d
    row_unit = wide.index.get_level_values("unit")
    row_period = wide.index.get_level_values("period")
    row_depth = np.array([depth[u] for u in units["unit"]]).repeat(len(periods))
    row_parent = pd.Index(units["parent"]).repeat(len(periods))

    summed = [e for e in wide.columns if aggregation.get(e) == "sum"]
    inherited = [e for e in wide.columns if aggregation.get(e) == "inherit"]
    if set(summed) | set(inherited) != set(wide.columns):
        raise SystemExit("kpi_pandas: an element is neither summed nor inherited")

    # Summed elements, rule "both": deepest level first, each parent's own
    # figure, else the sum of its sub-units' (no value if any has none).
    own = wide[summed]
    rolled = own.copy()
    for d in range(max(depth.values()) - 1, -1, -1):
        child = rolled[row_depth == d + 1]
        keys = [row_parent[row_depth == d + 1], row_period[row_depth == d + 1]]
        sums = child.groupby(keys).sum()
        sums = sums.mask(child.isna().groupby(keys).any())
        sums.index.names = ["unit", "period"]
        here = rolled.loc[sums.index]
        rolled.loc[sums.index] = here.where(here.notna(), sums)
    # Inherited elements: the unit's own, else the nearest above it.
    inherit = wide[inherited].copy()
    for d in range(1, max(depth.values()) + 1):
        at = row_depth == d
        above = inherit.reindex(pd.MultiIndex.from_arrays([row_parent[at], row_period[at]]))
        mine = inherit[at]
        inherit[at] = mine.where(mine.notna(), above.to_numpy())
    breakdown["roll-up"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    sources = {"both": pd.concat([rolled, inherit], axis=1),
               "own": pd.concat([own, inherit], axis=1)}
    previous = {}

    def prev(rule, e):
        # The previous month (the grid is sorted by unit, then month, and
        # holds every month: one row back within the unit).
        if (rule, e) not in previous:
            previous[(rule, e)] = sources[rule][e].groupby(level="unit").shift(1)
        return previous[(rule, e)]

    out = {}
    for ind in catalogue["indicators"]:
        code, rule = ind["code"], ind.get("rollup", "both")
        if rule not in sources:
            raise SystemExit(f"kpi_pandas: roll-up '{rule}' of '{code}' is not written here")
        E = sources[rule]
        if "numerator" in ind:
            num, den = ref(ind["numerator"]), ref(ind["denominator"])
            n, dn = E[num], E[den]
            v = ind.get("factor", 1) * n / dn
            v = v.mask(dn == 0)
        elif ref(ind["formula"]):
            v = E[ref(ind["formula"])].copy()
        elif code in FORMULAS:
            v = FORMULAS[code](lambda e: E[e], lambda e: prev(rule, e))
        else:
            raise SystemExit(f"kpi_pandas: no formula for '{code}': {ind['formula']}")
        out[code] = v.where(np.isfinite(v))
    frame = pd.DataFrame(out)
    breakdown["formulas"] = time.perf_counter() - t0
    return frame, breakdown


def ref(text):
    """The element of a formula that is one reference ("#{x}"), else None."""
    m = re.fullmatch(r"#\{(\w+)\}", text.strip())
    return m.group(1) if m else None


# The catalogue's formulas with more than one reference, in the same order
# of operations (left to right; a * b / c is (a * b) / c).
FORMULAS = {
    "tfp_contribution_share": lambda E, P: (
        100 * ((E("output") - P("output")) / P("output")
               - E("capital_share") * (E("capital") - P("capital")) / P("capital")
               - (1 - E("capital_share")) * (E("labour") - P("labour")) / P("labour"))
        / ((E("output") - P("output")) / P("output"))),
    "tfp_contribution_share_log": lambda E, P: (
        100 * (np.log(E("output") / P("output"))
               - E("capital_share") * np.log(E("capital") / P("capital"))
               - (1 - E("capital_share")) * np.log(E("labour") / P("labour")))
        / np.log(E("output") / P("output"))),
    "ecommerce_growth": lambda E, P: (
        100 * (E("ecommerce_revenue") - P("ecommerce_revenue")) / P("ecommerce_revenue")),
}


def check(ours, theirs):
    """Compares pandas' frame with libr57's rows; returns the exit status."""
    try:  # keep the rows without a value (NaN)
        long = ours.stack(future_stack=True)
    except TypeError:  # pandas before 2.1
        long = ours.stack(dropna=False)
    long = long.rename("mine").reset_index()
    long.columns = ["unit", "period", "indicator", "mine"]
    both = theirs.merge(long, on=["indicator", "unit", "period"], how="outer", indicator=True)
    only = both[both["_merge"] != "both"]
    a, b = both["value"].to_numpy(), both["mine"].to_numpy()
    none_a, none_b = np.isnan(a), np.isnan(b)
    close = np.abs(a - b) <= REL_TOL * np.maximum(np.abs(a), np.abs(b))
    bad = (none_a != none_b) | (~none_a & ~none_b & ~close)
    exact = int((~none_a & ~none_b & (a == b)).sum())
    print(f"agreement: {len(both)} rows, {int((~none_a).sum())} with a value in libr57, "
          f"{int((~none_b).sum())} in pandas; {int(bad.sum())} differ, {len(only)} on one side "
          f"only; {exact} values equal to the last bit")
    if bad.any() or len(only):
        print(both[bad | (both["_merge"] != "both")].head(20).to_string())
        return 1
    return 0


if __name__ == "__main__":
    main()
