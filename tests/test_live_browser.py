"""notebooks/02-kafka-rides.ipynb's console cell live in JupyterLab 4 (issue 5, Acceptance: the
browser test).

Headless Chromium (Debian's, through Playwright) opens an unchanged copy of 02 and runs its cells
up to the console cell and the status card. 02 starts its own embedded broker and looping rides
producer inside the kernel when nothing listens on localhost:9092 (a fresh machine); otherwise the
test runs bin/eddy broker and bin/eddy produce rides --loop of its own, as `make lab` does, and
passes the broker's address in EDDY_KAFKA_BOOTSTRAP. The console cell's live table
must show at least two distinct batch numbers over time, and the card's batchId must move, with
its Vega-Lite chart rendered; the screenshots land in test-artifacts/. A cell typed in at the end stops the query, and the table
ends with "stopped after N batches"."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ARTIFACTS, REPO
from test_jupyterlab_browser import CHROMIUM, CHROMIUM_FLAGS, free_port, serve_lab

EDDY = REPO / "bin" / "eddy"
NOTEBOOK = "02-kafka-rides.ipynb"


def cell_index(source_start: str, whole: bool = False) -> int:
    """Index of the one cell of 02 whose source starts with source_start (or is it, with whole)."""
    cells = json.loads((REPO / "notebooks" / NOTEBOOK).read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    found = [i for i, src in enumerate(sources) if (src == source_start if whole else src.startswith(source_start))]
    assert len(found) == 1, found
    return found[0]


def port_in_use(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, port)) == 0


@pytest.fixture(scope="module")
def services():
    """None when nothing listens on localhost:9092: 02 then starts its own embedded broker and
    rides producer inside the kernel (what a fresh machine without `make lab` gets). Else (a
    developer's `make lab-services`, or anything else on that port) an embedded broker and the
    looping rides producer of this test's own, whose address goes to 02 in
    EDDY_KAFKA_BOOTSTRAP."""
    if not port_in_use("127.0.0.1", 9092):
        yield None
        return
    addr = f"127.0.0.1:{free_port()}"
    broker = subprocess.Popen([str(EDDY), "broker", "--addr", addr], stdout=subprocess.PIPE, text=True)
    producer = None
    try:
        assert broker.stdout.readline().strip() == addr
        producer = subprocess.Popen(
            [str(EDDY), "produce", "rides", "--bootstrap", addr, "--topic", "rides_csv",
             "--file", str(REPO / "data" / "rides.csv"), "--rate", "20", "--loop"],
            stdout=subprocess.DEVNULL)
        yield addr
    finally:
        for proc in (producer, broker):
            if proc is not None:
                proc.terminate()
                proc.wait(10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory, services):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    root = tmp_path_factory.mktemp("live-lab")
    (root / "notebooks").mkdir()
    (root / "data").mkdir()
    shutil.copy(REPO / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    shutil.copy(REPO / "data" / "rides.csv", root / "data" / "rides.csv")  # 02 reads ../data/rides.csv
    env = {k: v for k, v in os.environ.items() if k != "EDDY_KAFKA_BOOTSTRAP"}
    if services:
        env["EDDY_KAFKA_BOOTSTRAP"] = services
    # Every cell stays in the DOM (JupyterLab 4 detaches cells scrolled out of view by default).
    tracker = {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"}}
    yield from serve_lab(root, env, tracker)

def test_02_console_cell_updates_live_in_jupyterlab(lab, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    console_cell, card_cell = cell_index("consoleQuery :="), cell_index("consoleQuery", whole=True)
    assert card_cell == console_cell + 2  # the card's prose sits between them
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 1000},
        )
        page = ctx.new_page()
        cells = page.locator(".jp-Notebook .jp-Cell")
        try:
            page.goto(f"{lab['base']}/lab/tree/{NOTEBOOK}?token={lab['token']}", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            expect(page.locator(".jp-Toolbar-kernelName").first).to_contain_text("Eddy", timeout=60_000)
            expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
            # Run every cell from the top through the status card (Shift+Enter moves on).
            cells.first.click()
            page.keyboard.press("Escape")
            for _ in range(card_cell + 1):
                page.keyboard.press("Shift+Enter")
                time.sleep(0.1)
            console = cells.nth(console_cell)
            header = console.locator(".eddy-console .eddy-batch b")
            card = cells.nth(card_cell).locator(".eddy-query")
            seen: set[int] = set()
            card_batches: set[str] = set()
            deadline = time.monotonic() + 60
            while (len(seen) < 2 or len(card_batches) < 2) and time.monotonic() < deadline:
                if header.count():
                    m = re.fullmatch(r"Batch: (\d+)", header.first.inner_text().strip())
                    if m:
                        seen.add(int(m.group(1)))
                if card.count():
                    m = re.search(r"batchId\s+(\d+)", card.first.inner_text())
                    if m:
                        card_batches.add(m.group(1))
                time.sleep(0.2)
            console.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "jupyterlab-live-console.png"), full_page=True)
            assert len(seen) >= 2, f"the live table showed batches {sorted(seen)}"
            assert len(card_batches) >= 2, f"the status card showed batchIds {sorted(card_batches)}"
            # The table under the header is the batch as an HTML table of 02's parsed rides.
            table = console.locator(".eddy-console table").first.inner_text()
            assert "vendor_id" in table and "total_amount" in table, table
            # JupyterLab renders the card's Vega-Lite chart.
            expect(cells.nth(card_cell).locator(".vega-embed").first).to_be_visible(timeout=30_000)
            cells.nth(card_cell).screenshot(path=str(ARTIFACTS / "jupyterlab-live-card.png"))
            # A cell typed in at the end stops the query: the table gets its final line.
            cells.last.click()
            page.keyboard.press("Escape")
            page.keyboard.press("b")
            page.keyboard.press("Enter")
            page.keyboard.type("consoleQuery.Stop()")
            page.keyboard.press("Shift+Enter")
            expect(console.locator(".eddy-final")).to_contain_text("stopped after", timeout=30_000)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "jupyterlab-live-failure.png"), full_page=True)
            raise
        finally:
            ctx.close()
