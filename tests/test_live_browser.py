"""A console query's live table in JupyterLab 4 (issue 5, Acceptance: the browser test).

Headless Chromium (Debian's, through Playwright) runs a console query on the rate source; the
live table in the cell's DOM must show at least two distinct batch numbers over time. The
screenshot lands in test-artifacts/."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import ARTIFACTS
from test_jupyterlab_browser import CHROMIUM, CHROMIUM_FLAGS, free_port

CELL = """q := spark.ReadStream().Format("rate").Option("rowsPerSecond", 5).Load().
	WriteStream().Format("console").Trigger(streaming.ProcessingTime("500 milliseconds")).Start()"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    root = tmp_path_factory.mktemp("live-lab")
    (root / "notebooks").mkdir()
    nb = new_notebook(cells=[new_code_cell(CELL), new_code_cell("q.Stop()")])
    nb.metadata = {"kernelspec": {"name": "eddy", "display_name": "Go (Eddy)", "language": "go"}}
    nbformat.write(nb, root / "notebooks" / "live.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / "config"), JUPYTER_RUNTIME_DIR=str(root / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(root / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"))
    settings = root / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    log = open(root / "lab.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root / 'notebooks'}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("jupyter lab did not start:\n" + (root / "lab.log").read_text()[-3000:])
        time.sleep(0.3)
    yield {"base": base, "token": token}
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_live_console_table_updates_in_jupyterlab(lab, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 800},
        )
        page = ctx.new_page()
        try:
            page.goto(f"{lab['base']}/lab/tree/live.ipynb?token={lab['token']}", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            expect(page.locator(".jp-Toolbar-kernelName").first).to_contain_text("Eddy", timeout=60_000)
            expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
            page.locator(".jp-Notebook .jp-Cell").first.click()
            page.keyboard.press("Shift+Enter")
            header = page.locator(".jp-Notebook .jp-Cell").first.locator(".eddy-console .eddy-batch b")
            seen: set[int] = set()
            deadline = time.monotonic() + 30
            while len(seen) < 2 and time.monotonic() < deadline:
                if header.count():
                    m = re.fullmatch(r"Batch: (\d+)", header.first.inner_text().strip())
                    if m:
                        seen.add(int(m.group(1)))
                time.sleep(0.2)
            page.screenshot(path=str(ARTIFACTS / "jupyterlab-live-console.png"), full_page=True)
            assert len(seen) >= 2, f"the live table showed batches {sorted(seen)}"
            # The table under the header is the batch as an HTML table.
            table = page.locator(".jp-Notebook .jp-Cell").first.locator(".eddy-console table")
            assert "timestamp" in table.first.inner_text() and "value" in table.first.inner_text()
            page.locator(".jp-Notebook .jp-Cell").nth(1).click()
            page.keyboard.press("Shift+Enter")
            expect(page.locator(".jp-Notebook .jp-Cell").first.locator(".eddy-final")).to_contain_text(
                "stopped after", timeout=30_000)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "jupyterlab-live-failure.png"), full_page=True)
            raise
        finally:
            ctx.close()
