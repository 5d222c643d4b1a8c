"""What every soak scenario shares: the embedded broker as a process that can be killed -9 and
restarted on the same port and data directory, a producer of numbered messages (kafka-python,
acknowledged), kernels driven through jupyter_client (tests/harness.py), the Kafka-to-Parquet
query cell, and the accounting of rows in, rows out, duplicates and losses.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

REPO = Path(__file__).resolve().parents[2]
EDDY = REPO / "bin" / "eddy"
sys.path.insert(0, str(REPO / "tests"))

# The kernelspec installed into the venv must win over any user-level "eddy" (as tests/conftest.py).
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(Path(sys.prefix) / "share" / "jupyter")]
    + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
)

from harness import Execution, Kernel  # noqa: E402


class SoakError(AssertionError):
    """A scenario could not run to its end (as opposed to a measured loss or duplicate)."""


# -- results -------------------------------------------------------------------------------


@dataclass
class Result:
    """One sink's accounting in one scenario. exactly_once: duplicates are a failure too (the
    file sink); elsewhere only losses are."""

    scenario: str
    sink: str
    rows_in: int
    rows_out: int
    duplicates: int
    losses: int
    exactly_once: bool
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # figures a scenario adds (RSS samples, ...)

    @property
    def ok(self) -> bool:
        if self.failures or self.losses:
            return False
        return not (self.exactly_once and self.duplicates)

    def as_dict(self) -> dict:
        return {
            "scenario": self.scenario, "sink": self.sink, "rows_in": self.rows_in,
            "rows_out": self.rows_out, "duplicates": self.duplicates, "losses": self.losses,
            "exactly_once": self.exactly_once, "ok": self.ok, "notes": self.notes,
            "failures": self.failures, **self.extra,
        }


def account(scenario: str, sink: str, expected: Iterable[int], got: Iterable[int], exactly_once: bool) -> Result:
    """Rows in = the expected ids, rows out = the ids the sink holds; a duplicate is each extra
    copy of an id, a loss each expected id that is missing, and an id nobody sent is a failure."""
    want = set(expected)
    counts = Counter(got)
    rows_out = sum(counts.values())
    duplicates = sum(c - 1 for c in counts.values() if c > 1)
    losses = len(want - counts.keys())
    r = Result(scenario, sink, len(want), rows_out, duplicates, losses, exactly_once)
    unknown = counts.keys() - want
    if unknown:
        r.failures.append(f"{len(unknown)} ids that were never produced, e.g. {sorted(unknown)[:5]}")
    return r


# -- processes and ports -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            if proc is not None and proc.poll() is not None:
                raise SoakError(f"process exited with {proc.returncode} before listening on {port}")
            if time.monotonic() > deadline:
                raise SoakError(f"nothing listens on {port} after {timeout}s")
            time.sleep(0.05)


class Broker:
    """`eddy broker` on a fixed loopback port with a persistent --data-dir, so that it can be
    killed with SIGKILL and started again with the same topics and offsets."""

    def __init__(self, workdir: Path, partitions: int = 2) -> None:
        self.port = free_port()
        self.addr = f"127.0.0.1:{self.port}"
        self.data_dir = workdir / "kafka-data"
        self.log = workdir / "broker.log"
        self.partitions = partitions
        self.proc: subprocess.Popen | None = None
        self.restarts = 0

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(EDDY), "broker", "--addr", self.addr, "--data-dir", str(self.data_dir),
                 "--partitions", str(self.partitions)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
        wait_port(self.port, 30, self.proc)

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.proc = None

    def restart(self) -> None:
        self.start()
        self.restarts += 1

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None


def create_topic(addr: str, topic: str, partitions: int) -> None:
    from kafka.admin import KafkaAdminClient, NewTopic

    admin = KafkaAdminClient(bootstrap_servers=addr, request_timeout_ms=10_000)
    try:
        admin.create_topics([NewTopic(topic, partitions, 1)])
    finally:
        admin.close()


def produce(addr: str, topic: str, ids: range) -> None:
    """Sends each id as its decimal text, keyed by itself (spread over the partitions), and
    returns only when the broker has acknowledged every one of them."""
    from kafka import KafkaProducer

    producer = KafkaProducer(
        bootstrap_servers=addr, acks="all", linger_ms=20, batch_size=256 * 1024,
        max_in_flight_requests_per_connection=1, retries=0, request_timeout_ms=20_000,
    )
    try:
        futures = [producer.send(topic, key=str(i).encode(), value=str(i).encode()) for i in ids]
        producer.flush(60)
        for f in futures:
            f.get(timeout=30)  # raises if any send was not acknowledged
    finally:
        producer.close(10)


# -- kernels -------------------------------------------------------------------------------

IMPORTS = 'import (\n\t"fmt"\n\t"os"\n\t"sync/atomic"\n\t"time"\n)'


def new_kernel() -> Kernel:
    k = Kernel()
    ok(k, IMPORTS)
    return k


def ok(k: Kernel, code: str, timeout: float = 60) -> Execution:
    ex = k.execute(code, timeout=timeout)
    if ex.status != "ok":
        raise SoakError(f"cell failed:\n{code}\n{ex.describe()}")
    return ex


def rss_kib(pid: int) -> int:
    """VmRSS of a process, in KiB, from /proc/PID/status."""
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", text, re.M).group(1))


def kafka_to_parquet_cell(var: str, addr: str, topic: str, path: Path, checkpoint: Path,
                          per_trigger: int, trigger: str = "100 milliseconds") -> str:
    """A notebook cell that starts Kafka → Parquet with a checkpoint: the message's id as a
    BIGINT column, with its partition and offset."""
    return (
        f'{var} := spark.ReadStream().Format("kafka").\n'
        f'\tOption("kafka.bootstrap.servers", "{addr}").\n'
        f'\tOption("subscribe", "{topic}").\n'
        f'\tOption("startingOffsets", "earliest").\n'
        f'\tOption("maxOffsetsPerTrigger", {per_trigger}).\n'
        f'\tLoad().\n'
        f'\tSelectExpr("CAST(CAST(value AS STRING) AS BIGINT) AS id", "partition", "offset").\n'
        f'\tWriteStream().Format("parquet").\n'
        f'\tOption("path", "{path}").\n'
        f'\tOption("checkpointLocation", "{checkpoint}").\n'
        f'\tTrigger(streaming.ProcessingTime("{trigger}")).\n'
        f'\tStart()\n'
        f'fmt.Println({var}.ID())'
    )


def describe_query(kernel: Kernel, var: str) -> str:
    """The query's IsActive, Status and last progress, for a failure message."""
    ex = kernel.execute(
        f'fmt.Println("active:", {var}.IsActive(), "status:", {var}.Status(), "exception:", {var}.Exception())\n'
        f'if p := {var}.LastProgress(); p != nil {{ fmt.Println("last progress: batch", p["batchId"], "at", p["timestamp"], "sources", p["sources"]) }}',
        timeout=30,
    )
    return (ex.stdout or ex.describe()).strip()[:1500]


def committed_batches(path: Path) -> int:
    """How many batches the file sink has committed (entries of path/_spark_metadata)."""
    meta = path / "_spark_metadata"
    if not meta.is_dir():
        return 0
    return sum(1 for p in meta.iterdir() if p.name.isdigit())


def wait_committed(path: Path, n: int, timeout: float, kernel: Kernel | None = None, var: str = "") -> int:
    """Waits until the file sink at path has committed n batches; on a timeout the error says
    what the query var in kernel reports (its status and last progress)."""
    deadline = time.monotonic() + timeout
    while (got := committed_batches(path)) < n:
        if time.monotonic() > deadline:
            detail = ""
            if kernel is not None and var:
                detail = "; " + describe_query(kernel, var)
            raise SoakError(f"{path}: {got} batches committed after {timeout}s, wanted {n}{detail}")
        time.sleep(0.05)
    return got


def read_parquet_ids(path: Path) -> tuple[list[int], list[str]]:
    """The ids in the file sink's folder as pyarrow reads it (hidden and _-prefixed entries are
    ignored, as Spark does), and the problems of its _spark_metadata log: a logged file that is
    missing, or a visible data file the log does not list."""
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    ids = dataset.to_table(columns=["id"]).column("id").to_pylist()
    problems = []
    logged = set()
    meta = path / "_spark_metadata"
    for entry in sorted(meta.iterdir(), key=lambda p: p.name):
        if not entry.name.isdigit():
            continue
        lines = entry.read_text().splitlines()
        if not lines or lines[0] != "v1":
            problems.append(f"_spark_metadata/{entry.name} is not a v1 log entry")
            continue
        for line in lines[1:]:
            p = json.loads(line)["path"]
            logged.add(Path(p.removeprefix("file://")).resolve())
    visible = {Path(f).resolve() for f in dataset.files}
    for f in sorted(logged - visible):
        problems.append(f"logged but missing: {f}")
    for f in sorted(visible - logged):
        problems.append(f"data file the log does not list: {f}")
    return ids, problems


def latest_batch(checkpoint: Path, sub: str) -> int:
    """The highest batch id in checkpoint/offsets or checkpoint/commits, or -1."""
    d = checkpoint / sub
    return max((int(p.name) for p in d.iterdir() if p.name.isdigit()), default=-1) if d.is_dir() else -1


def committed_offsets(checkpoint: Path) -> int:
    """How many Kafka records the query has committed: the sum over partitions of the end
    offsets of its last committed batch (a single-topic query)."""
    batch = latest_batch(checkpoint, "commits")
    if batch < 0:
        return 0
    lines = (checkpoint / "offsets" / str(batch)).read_text().splitlines()
    return sum(sum(parts.values()) for topic in json.loads(lines[2]).values() for parts in [topic])


def check_checkpoint(checkpoint: Path) -> list[str]:
    """Problems that make a checkpoint unusable: an offsets or commits entry that is not a
    complete v1 entry, a commit without its offsets, a left-over temporary file."""
    problems = []
    for sub in ("offsets", "commits"):
        for entry in sorted((checkpoint / sub).iterdir(), key=lambda p: p.name):
            if entry.name.startswith("."):
                continue  # a temporary file a crash left behind: readers ignore it
            if not entry.name.isdigit():
                problems.append(f"{sub}/{entry.name}: not a batch file")
                continue
            lines = entry.read_text().splitlines()
            if len(lines) < 2 or lines[0] != "v1":
                problems.append(f"{sub}/{entry.name}: not a complete v1 entry")
                continue
            try:
                json.loads(lines[1])
            except ValueError:
                problems.append(f"{sub}/{entry.name}: metadata line is not JSON")
            if sub == "commits" and not (checkpoint / "offsets" / entry.name).exists():
                problems.append(f"commits/{entry.name} without offsets/{entry.name}")
    return problems
