"""The example notebook (examples/python/kpi.ipynb) runs end to end, on the
.venv's own Python, and its tables hold the shared data's figures."""
import csv
import json
import os
import pathlib
import sys

import nbclient
import nbformat
import pytest

import r57

ROOT = pathlib.Path(__file__).resolve().parents[3]
NOTEBOOK = ROOT / "examples" / "python" / "kpi.ipynb"
REPORTED = ROOT.parent / "shared" / "data" / "reported_2025.csv"
KERNEL = "r57-test-python"


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    """A kernel spec that starts this very Python (the .venv's, with the r57
    package installed), found before any other through JUPYTER_PATH."""
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "r57 tests", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return KERNEL


def run(tmp_path, monkeypatch, kernel):
    out = tmp_path / "out"
    monkeypatch.setenv("R57_NOTEBOOK_OUT", str(out))
    monkeypatch.delenv("R57_ROOT", raising=False)  # the notebook finds the repository itself
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix)"))
    client = nbclient.NotebookClient(nb, kernel_name=kernel, timeout=600,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    return nb, out


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_notebook_runs_every_cell_on_this_python(tmp_path, monkeypatch, kernel):
    nb, out = run(tmp_path, monkeypatch, kernel)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(o.output_type != "error" for c in code for o in c.outputs)
    assert os.path.samefile(code[-1].outputs[0].text.strip(), sys.prefix)  # the .venv

    # The chart: a PNG written by matplotlib (Agg) and shown in the notebook.
    png = (out / "attainment.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    assert any("image/png" in o.get("data", {}) for c in code for o in c.outputs)

    # Every reported 2025 figure comes back as its indicator's value for
    # its scope's unit, and attainment judges it against the target.
    kpis = {(r["indicator"], r["unit"]): r for r in read_csv(out / "kpis_2025.csv")}
    attainment = {(r["indicator"], r["unit"]): r for r in read_csv(out / "attainment_2025.csv")}
    reported = read_csv(REPORTED)
    assert len(reported) == 11
    scope_unit = {"nation": "VN", "central level": "central", "local level": "local"}
    for row in reported:
        unit = scope_unit[row["scope"]]
        assert float(kpis[row["indicator"], unit]["value"]) == float(row["value"]), row
        a = attainment[row["indicator"], unit]
        if a["status"] in ("met", "not_met"):
            value, target = float(a["value"]), float(a["target"])
            assert value == float(row["value"])
            assert a["comparison"] == ">="   # the catalogue's targets on reported figures
            assert a["status"] == ("met" if value >= target else "not_met")
            assert float(a["gap"]) == pytest.approx(max(target - value, 0))
    # The library's own sheet import (r57_import_csv_values) of the same
    # file gives the same verdicts on the reported indicators.
    with r57.Database(":memory:") as d:
        d.create_unit("VN", "Viet Nam", "nation")
        d.load_units()
        d.load_catalogue(ROOT / "data" / "catalogue.json")
        rep = d.import_values_csv(REPORTED, create_units=True, parent_unit="VN")
        assert rep.units_created == ()  # the scopes are the nation and the unit groups
        for row in reported:
            for (indicator, unit), a in attainment.items():
                if indicator == row["indicator"]:
                    theirs = d.attainment(indicator, unit, "2025")
                    assert (a["status"], a["reason"]) == (theirs.status, theirs.reason)
    # The 80 % fully-online target binds the Ministry of Industry and Trade
    # in 2026: the central and local levels' 2025 figures have no target.
    for group in ("local", "central"):
        assert attainment["full_online_public_services_share", group]["status"] == "no_target"
