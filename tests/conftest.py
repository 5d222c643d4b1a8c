"""Shared harness for Eddy's Python-driven tests.

Every test talks to the real kernel binary (bin/eddy, built and installed into the project
venv by `make install-kernel`) over real ZeroMQ sockets through jupyter_client.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
VENV_JUPYTER = Path(sys.prefix) / "share" / "jupyter"

# The kernelspec installed into the venv (`eddy install --sys-prefix`) must win over any
# user-level or system-level "eddy" that an earlier install may have left behind.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(VENV_JUPYTER)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
)

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import KERNEL_NAME, Kernel  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    ARTIFACTS.mkdir(exist_ok=True)


@pytest.fixture(scope="session")
def kernelspec() -> dict:
    """The installed kernelspec, failing loudly when `make install-kernel` has not run."""
    path = VENV_JUPYTER / "kernels" / KERNEL_NAME / "kernel.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make install-kernel` (make test does)")
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def kernel(kernelspec: dict):
    """One kernel per test module. A test that kills it gets a fresh one for the next test."""
    k = Kernel()
    yield k
    k.shutdown()


@pytest.fixture
def live_kernel(kernel: Kernel) -> Kernel:
    """The module's kernel, restarted first if an earlier test left it dead, with drained
    channels."""
    kernel.ensure_alive()
    kernel.drain()
    return kernel


@pytest.fixture
def fresh_kernel(kernelspec: dict):
    """A kernel of the test's own, for tests that shut it down or count executions."""
    k = Kernel()
    yield k
    k.shutdown()
