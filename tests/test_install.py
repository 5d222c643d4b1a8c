"""`eddy install` and `eddy version` (issue 2, Install)."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, VENV_JUPYTER

EDDY = REPO / "bin" / "eddy"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def check_spec_dir(d: Path) -> dict:
    spec = json.loads((d / "kernel.json").read_text())
    assert spec["display_name"] == "Go (Eddy)"
    assert spec["language"] == "go"
    assert spec["interrupt_mode"] == "message"
    argv = spec["argv"]
    assert Path(argv[0]).is_absolute(), argv
    assert os.access(argv[0], os.X_OK), argv
    assert "kernel" in argv and "{connection_file}" in argv, argv
    assert png_size(d / "logo-32x32.png") == (32, 32)
    assert png_size(d / "logo-64x64.png") == (64, 64)
    return spec


def test_sys_prefix_kernelspec_in_venv(kernelspec: dict) -> None:
    spec = check_spec_dir(VENV_JUPYTER / "kernels" / "eddy")
    assert Path(spec["argv"][0]).resolve() == EDDY.resolve()


def test_jupyter_finds_the_venv_kernelspec() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("eddy")
    assert Path(spec.resource_dir).resolve() == (VENV_JUPYTER / "kernels" / "eddy").resolve()


def test_install_prefix(tmp_path: Path) -> None:
    run = subprocess.run([str(EDDY), "install", "--prefix", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    check_spec_dir(tmp_path / "share" / "jupyter" / "kernels" / "eddy")


@pytest.mark.parametrize("jupyter_data_dir", [False, True], ids=["home", "JUPYTER_DATA_DIR"])
def test_install_user(tmp_path: Path, jupyter_data_dir: bool) -> None:
    """--user installs where Jupyter itself looks for the user's kernelspecs."""
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop("XDG_DATA_HOME", None)
    env.pop("JUPYTER_DATA_DIR", None)
    if jupyter_data_dir:
        env["JUPYTER_DATA_DIR"] = str(tmp_path / "data")
    where = subprocess.run(
        [sys.executable, "-c", "from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout.strip()
    run = subprocess.run([str(EDDY), "install", "--user"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    check_spec_dir(Path(where) / "kernels" / "eddy")


def test_version() -> None:
    run = subprocess.run([str(EDDY), "version"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip(), "eddy version printed nothing"


@pytest.mark.parametrize("args", [["no-such-command"], ["kernel"], ["kernel", "-f", "/nonexistent/conn.json"]])
def test_bad_invocations_fail_clearly(args: list[str]) -> None:
    run = subprocess.run([str(EDDY), *args], capture_output=True, text=True, timeout=10)
    assert run.returncode != 0
    assert run.stderr.strip(), "no message on stderr"
