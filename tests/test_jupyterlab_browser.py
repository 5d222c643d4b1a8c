"""JupyterLab 4 in headless Chromium runs a Go cell with display.HTML and shows it (issue 2,
Acceptance). Debian's /usr/bin/chromium is the browser, driven by Playwright; Playwright never
downloads a browser of its own here."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import ARTIFACTS

CHROMIUM = os.environ.get("EDDY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
CELL = 'display.HTML("<b id=x>hello eddy</b>")'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_lab(root: Path, env: dict[str, str] | None = None, settings: dict[str, dict] | None = None):
    """Runs JupyterLab on a free port with root / "notebooks" as its root and its config,
    runtime, settings and workspaces under root; yields {"base", "token", "root"} once it answers,
    and stops it afterwards. env is the environment to start from (default: this process's);
    settings maps
    "@jupyterlab/<extension>/<plugin>" to that plugin's settings."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(
        os.environ if env is None else env,
        JUPYTER_CONFIG_DIR=str(root / "config"),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"),
    )
    # No news or update checks: the machine has no internet.
    plugins = {"@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}}
    for name, values in {**plugins, **(settings or {})}.items():
        path = root / "settings" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    log = open(root / "lab.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root / 'notebooks'}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
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
    yield {"base": base, "token": token, "root": root}
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    nb = new_notebook(cells=[new_code_cell(CELL)])
    nb.metadata = {"kernelspec": {"name": "eddy", "display_name": "Go (Eddy)", "language": "go"}}
    nbformat.write(nb, root / "notebooks" / "ui.ipynb")
    yield from serve_lab(root)
    shutil.copy(root / "lab.log", ARTIFACTS / "jupyterlab-server.log")


def test_display_html_renders_in_jupyterlab(lab, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 800},
        )
        page = ctx.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        try:
            page.goto(f"{lab['base']}/lab/tree/ui.ipynb?token={lab['token']}", timeout=60_000)
            # The notebook is open and its kernel, Go (Eddy), is idle.
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            expect(page.locator(".jp-Toolbar-kernelName").first).to_contain_text("Eddy", timeout=60_000)
            expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)

            page.locator(".jp-Notebook .jp-Cell").first.click()
            page.keyboard.press("Shift+Enter")
            out = page.locator(".jp-OutputArea-output b").filter(has_text="hello eddy")
            out.first.wait_for(timeout=60_000)
            assert out.first.inner_text() == "hello eddy"
            assert page.locator(".jp-InputArea-prompt").first.inner_text().strip() == "[1]:"
            page.screenshot(path=str(ARTIFACTS / "jupyterlab-display-html.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "jupyterlab-failure.png"), full_page=True)
            (ARTIFACTS / "jupyterlab-console.log").write_text("\n".join(console))
            raise
        finally:
            ctx.close()
