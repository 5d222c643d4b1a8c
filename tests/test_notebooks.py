"""notebooks/00-go-basics.ipynb runs headless with `jupyter nbconvert --execute` and its outputs
are what the tour promises (issue 2, Acceptance)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ARTIFACTS, REPO

NOTEBOOK = REPO / "notebooks" / "00-go-basics.ipynb"


@pytest.fixture(scope="module")
def executed() -> dict[str, nbformat.NotebookNode]:
    out = ARTIFACTS / "00-go-basics.executed.ipynb"
    run = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
         "--ExecutePreprocessor.timeout=120", "--output", str(out), str(NOTEBOOK)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    nb = nbformat.read(out, as_version=4)
    return {cell["id"]: cell for cell in nb.cells}


def cell_by_source(cells: dict, start: str) -> nbformat.NotebookNode:
    found = [c for c in cells.values() if c.cell_type == "code" and c.source.startswith(start)]
    assert len(found) == 1, f"{len(found)} code cells start with {start!r}"
    return found[0]


def stdout(cell) -> str:
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def result(cell) -> dict:
    res = [o for o in cell.outputs if o["output_type"] == "execute_result"]
    assert len(res) == 1, cell.outputs
    return res[0]["data"]


def test_the_notebook_is_a_go_notebook() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "eddy"
    assert nb.metadata.kernelspec.language == "go"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "committed with outputs"


def test_mixed_cell(executed) -> None:
    cell = cell_by_source(executed, "import (")
    assert stdout(cell) == "rides: 3 TOTAL 22.75\n"
    assert not [o for o in cell.outputs if o["output_type"] == "error"]


def test_last_expression_is_the_result(executed) -> None:
    assert result(cell_by_source(executed, "total(rides) * 2"))["text/plain"] == "45.5"


def test_redefinition_replaces(executed) -> None:
    first = cell_by_source(executed, 'func greet(name string) string { return "hello')
    second = cell_by_source(executed, 'func greet(name string) string { return "bonjour')
    assert result(first)["text/plain"] == "hello, eddy"
    assert result(second)["text/plain"] == "bonjour, eddy"


def test_goroutines(executed) -> None:
    assert result(cell_by_source(executed, 'import "sync"'))["text/plain"] == "[0 1 4 9 16]"
    assert stdout(cell_by_source(executed, "words := make")) == "stream of words\n"


def test_display_outputs(executed) -> None:
    cell = cell_by_source(executed, "display.HTML(")
    shown = [o for o in cell.outputs if o["output_type"] == "display_data"]
    assert [sorted(k for k in o["data"] if k != "text/plain") for o in shown] == [
        ["text/html"], ["text/markdown"], ["application/json"],
    ]
    assert shown[0]["data"]["text/html"] == "<b>bold from Go</b>"
    assert shown[1]["data"]["text/markdown"] == "**Markdown** from Go"
    assert shown[2]["data"]["application/json"] == {"vendor": 1, "amount": 12.5}


def test_display_handle_update_replaces_in_place(executed) -> None:
    cell = cell_by_source(executed, "h := display.New(")
    shown = [o for o in cell.outputs if o["output_type"] == "display_data"]
    assert len(shown) == 1, cell.outputs
    assert shown[0]["data"]["text/plain"] == "step 2 of 2"


def test_value_with_html_method(executed) -> None:
    data = result(cell_by_source(executed, "type Badge struct"))
    assert data["text/html"] == "<span class='badge'>live</span>"


def test_error_cell_and_recovery(executed) -> None:
    cell = cell_by_source(executed, "var counts map[string]int")
    errors = [o for o in cell.outputs if o["output_type"] == "error"]
    assert len(errors) == 1, cell.outputs
    assert errors[0]["ename"] == "panic"
    assert "assignment to entry in nil map" in errors[0]["evalue"]
    assert stdout(cell_by_source(executed, 'fmt.Println("still alive')) == "still alive after the error\n"


def test_execution_counts_are_sequential(executed) -> None:
    counts = [c.execution_count for c in sorted(executed.values(), key=lambda c: c["id"]) if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))


def test_papermill_runs_it_too(tmp_path: Path) -> None:
    import papermill

    out = tmp_path / "papermill.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as err:
        papermill.execute_notebook(str(NOTEBOOK), str(out), kernel_name="eddy", progress_bar=False)
    # papermill stops at the error cell, and names the kernel's ename.
    assert err.value.ename == "panic"
