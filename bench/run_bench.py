#!/usr/bin/env python3
"""make bench: Eddy against PySpark 3.5 on the same machine, the same broker and the same data.

Runs each workload in Eddy and in PySpark, each engine in a process of its own, and writes
bench/results.md (and the raw figures to bench/out/results.json):

  1. kafka     Kafka rides, 1M and 5M messages (bin/eddy produce rides --loop, into one broker)
               → split/cast → groupBy vendor_id count, complete mode, memory sink, AvailableNow.
  2. socket    Socket JSON, 1M lines (bin/eddy produce transactions) → from_json → filter →
               groupBy, update mode (PySpark at 50k lines: its socket source is quadratic in the
               batch size), and the same query over the same lines from a file in both.
  3. csv       CSV batch, 10M rows → groupBy/agg → show (the shown text must match).
  4. kernel    Kernel start and 1000 `1+1` executes, against ipykernel; the time to the first
               `spark.range(1).count()` in a fresh kernel, against PySpark in ipykernel.
  5. notebook  Run All → first batch rendered in notebooks/02-kafka-rides.ipynb through nbclient,
               against its PySpark twin bench/pyspark/02-kafka-rides.ipynb.
  6. streaming One empty micro-batch, a one-row micro-batch, and state memory for 1M keys.
  7. live      Eddy alone: bench/live_load.py (issue 5), 10 live queries, updates and 1+1 under load.

Every workload (and each engine within it) is isolated: a failure is written into results.md and
the run goes on. Peak RSS is sampled every 20 ms over the whole process tree (PySpark: Python and
its JVM), and also taken from getrusage for Eddy's single process.

Environment:
  BENCH_QUICK=1            small sizes, for development (about five minutes), written to
                           bench/out/results-quick.md; results.md and the README stay as they are
  BENCH_ONLY=kafka,csv     run only these workloads (into bench/out/results-partial.md)
  BENCH_JAVA_HOME          Java 17 for PySpark (default /usr/lib/jvm/java-17-openjdk-amd64)
  BENCH_SPARK_PYTHON       the PySpark venv's Python (default .venv-spark/bin/python)
  BENCH_SPARK_JARS_DIR     the spark-sql-kafka jars (default .cache/spark-jars)

    .venv/bin/python bench/run_bench.py [--out bench/results.md] [--json bench/out/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

QUICK = os.environ.get("BENCH_QUICK") == "1"
EDDY = ROOT / "bin" / "eddy"
EDDY_BENCH = ROOT / "bin" / "eddy-bench"
CACHE = ROOT / ".cache" / "bench"
SPARK_PY = Path(os.environ.get("BENCH_SPARK_PYTHON", ROOT / ".venv-spark" / "bin" / "python"))
JARS_DIR = Path(os.environ.get("BENCH_SPARK_JARS_DIR", ROOT / ".cache" / "spark-jars"))
JAVA_HOME = os.environ.get("BENCH_JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
PYSPARK_WORKER = BENCH / "pyspark" / "workloads.py"

SIZES = {
    "kafka": [20_000, 50_000] if QUICK else [1_000_000, 5_000_000],
    "socket": 20_000 if QUICK else 1_000_000,
    "socket_spark": 5_000 if QUICK else 50_000,  # what Spark's socket source can take in one burst
    "csv": 200_000 if QUICK else 10_000_000,
    "kernel_runs": 50 if QUICK else 1000,
    "kernel_starts": 3 if QUICK else 10,
    "spark_starts": 1 if QUICK else 3,
    "microbatch_eddy": 100 if QUICK else 1000,
    "microbatch_spark": 5 if QUICK else 30,
    "state_keys": 50_000 if QUICK else 1_000_000,
    "runs": 3,  # a cold run in a fresh process, then two warm ones (the best counts: neighbours' bursts)
}
TIMEOUT = 300 if QUICK else 1200  # seconds, per worker process


class WorkloadError(Exception):
    """A worker failed; the message holds the end of its output."""


# Workers and services running now: each in a session of its own (so that a timeout kills the JVM
# with its Python), and all stopped when the harness itself is interrupted or terminated.
ACTIVE: set = set()


def stop_all(signum, frame) -> None:
    for proc in list(ACTIVE):
        kill_group(proc)
    raise SystemExit(f"make bench: stopped by signal {signum}")


# ---------------------------------------------------------------- processes and memory


class TreeRSS:
    """Samples the resident memory of a process and all its descendants; peak_mb is the largest
    sum seen."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root] + root.children(recursive=True)
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def kill_group(proc: subprocess.Popen) -> None:
    """Stops a process started with start_new_session, and everything it started."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def spark_env() -> dict:
    env = dict(os.environ, JAVA_HOME=JAVA_HOME, PYSPARK_PYTHON=str(SPARK_PY))
    jars = sorted(JARS_DIR.glob("*.jar"))
    env["EDDY_SPARK_JARS"] = ",".join(str(j) for j in jars)
    return env


def run_worker(argv: list[str], env: dict | None = None, timeout: float = TIMEOUT) -> dict:
    """Runs one workload process, samples its memory, and returns its BENCH_RESULT with
    peak_rss_mb (tree, sampled) and wall_s added."""
    env = dict(env or os.environ)
    env["BENCH_T0_NS"] = str(time.time_ns())
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=ROOT, start_new_session=True)
        ACTIVE.add(proc)
        rss = TreeRSS(proc.pid)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            rss.stop()
            raise WorkloadError(f"timed out after {timeout:.0f} s: {' '.join(map(str, argv[:3]))}") from None
        finally:
            ACTIVE.discard(proc)
        peak = rss.stop()
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    for line in reversed(stdout.splitlines()):
        if line.startswith("BENCH_RESULT "):
            r = json.loads(line[len("BENCH_RESULT "):])
            r["peak_rss_mb"] = max(peak, r.get("maxrss_mb", 0) or 0)
            r["wall_s"] = wall
            return r
    tail = "\n".join((stderr.strip() or stdout.strip()).splitlines()[-8:])
    raise WorkloadError(f"exit status {proc.returncode}, no result:\n{tail}")


def eddy_worker(*args: object) -> dict:
    return run_worker([str(EDDY_BENCH), *map(str, args)])


def spark_worker(*args: object) -> dict:
    return run_worker([str(SPARK_PY), str(PYSPARK_WORKER), *map(str, args)], env=spark_env())


def attempt(fn, *args) -> dict:
    """fn(*args), or {"error": ...} when it fails: one engine's failure never hides the other's
    figures."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - every failure is reported, none aborts the run
        msg = str(e) if isinstance(e, WorkloadError) else f"{type(e).__name__}: {e}"
        print(f"  failed: {msg}", file=sys.stderr, flush=True)
        return {"error": msg}


class Service:
    """A background process (broker, socket server) whose first stdout line matching pattern
    gives its address."""

    def __init__(self, argv: list[str], pattern: str, name: str) -> None:
        self.name = name
        self.log = open(CACHE / f"{name}.log", "wb")
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, cwd=ROOT, start_new_session=True)
        ACTIVE.add(self.proc)
        deadline = time.time() + 30
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline().decode()
            m = re.search(pattern, line)
            if m:
                self.addr = m.group(1)
                break
            if not line or time.time() > deadline:
                self.stop()
                raise WorkloadError(f"{name} did not start (see {CACHE / (name + '.log')})")
        # Drain stdout so that the service never blocks on a full pipe.
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()

    def stop(self) -> None:
        kill_group(self.proc)
        ACTIVE.discard(self.proc)
        self.log.close()

    def __enter__(self) -> "Service":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def broker() -> Service:
    """bin/eddy broker (kfake, in memory) on a free port, topics auto-created with 2 partitions."""
    return Service([str(EDDY), "broker", "--addr", "127.0.0.1:0", "--partitions", "2"], r"^(\S+:\d+)\s*$", "broker")


def produce_rides(bootstrap: str, topic: str, count: int) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(EDDY), "produce", "rides", "--bootstrap", bootstrap, "--topic", topic,
                    "--file", "data/rides.csv", "--count", str(count), "--loop"],
                   cwd=ROOT, check=True, capture_output=True, timeout=TIMEOUT)
    return time.perf_counter() - t0


# ---------------------------------------------------------------- workloads


def w_kafka() -> dict:
    sec = {"title": "1. Kafka rides → split/cast → groupBy vendor_id count (complete, memory sink, AvailableNow)",
           "runs": {}}
    with broker() as b:
        sec["broker"] = b.addr
        for n in SIZES["kafka"]:
            topic = f"rides_{n}"
            secs = produce_rides(b.addr, topic, n)
            print(f"  produced {n:,} messages into {topic} in {secs:.1f} s", flush=True)
            sec["runs"][n] = {
                "produce_s": secs,
                "eddy": attempt(eddy_worker, "kafka-rides", "--bootstrap", b.addr, "--topic", topic,
                                "--rows", n, "--runs", SIZES["runs"]),
                "pyspark": attempt(spark_worker, "kafka-rides", "--bootstrap", b.addr, "--topic", topic,
                                   "--rows", n, "--runs", SIZES["runs"]),
            }
            for eng in ("eddy", "pyspark"):
                r = sec["runs"][n][eng]
                if "groups" in r:
                    print(f"  {eng}: {n:,} rows, warm {r['rows_per_s_warm']:,.0f} rows/s", flush=True)
    return sec


SOCKET_SKIP = ("not run: the partition reader of Spark's socket source (TextSocketMicroBatchStream) fetches each "
               "row with ListBuffer.apply(i), which walks the linked list, so a batch costs time quadratic in its "
               "size; in trial runs on this machine a 1M-line burst finished no batch in 15 min, 200k none in 6 min")


def w_socket() -> dict:
    n, small = SIZES["socket"], SIZES["socket_spark"]
    sec = {"title": "2. Socket JSON → from_json → filter → groupBy (update mode)", "runs": {}}
    # Each connection gets the same lines (seed 1), then the server closes it.
    with Service([str(EDDY), "produce", "transactions", "--listen", "127.0.0.1:0", "--count", str(n)],
                 r"serving transactions on (\S+)", "transactions") as srv:
        sec["runs"][f"socket, {n:,} lines"] = {
            "rows": n,
            "eddy": attempt(eddy_worker, "socket-json", "--addr", srv.addr, "--rows", n, "--runs", SIZES["runs"]),
            "pyspark": {"skipped": SOCKET_SKIP}}
    with Service([str(EDDY), "produce", "transactions", "--listen", "127.0.0.1:0", "--count", str(small)],
                 r"serving transactions on (\S+)", "transactions-small") as srv:
        sec["runs"][f"socket, {small:,} lines"] = {
            "rows": small,
            "eddy": attempt(eddy_worker, "socket-json", "--addr", srv.addr, "--rows", small, "--runs", SIZES["runs"]),
            "pyspark": attempt(spark_worker, "socket-json", "--addr", srv.addr, "--rows", small, "--runs", SIZES["runs"])}
    folder = CACHE / f"transactions-{n}"  # the same lines, in a file: Spark's text source wants a folder
    if not (folder / "lines.json").exists():
        folder.mkdir(parents=True, exist_ok=True)
        eddy_worker("gen-json", "--path", folder / "lines.json", "--rows", n)
    sec["runs"][f"the same {n:,} JSON lines from a file (text source, AvailableNow)"] = {
        "rows": n,
        "eddy": attempt(eddy_worker, "json-file", "--path", folder, "--rows", n, "--runs", SIZES["runs"]),
        "pyspark": attempt(spark_worker, "json-file", "--path", folder, "--rows", n, "--runs", SIZES["runs"])}
    return sec


def w_csv() -> dict:
    n = SIZES["csv"]
    path = CACHE / f"rides-{n}.csv"
    sec = {"title": "3. CSV batch → groupBy/agg → show", "rows": n}
    if not path.exists():
        eddy_worker("gen-csv", "--path", path, "--rows", n)
    sec["file_mb"] = path.stat().st_size / 2**20
    sec["eddy"] = attempt(eddy_worker, "csv-agg", "--path", path, "--rows", n, "--runs", SIZES["runs"])
    sec["pyspark"] = attempt(spark_worker, "csv-agg", "--path", path, "--rows", n, "--runs", SIZES["runs"])
    e, p = sec["eddy"].get("show"), sec["pyspark"].get("show")
    sec["same_output"] = None if e is None or p is None else e.strip() == p.strip()
    if sec["same_output"] is False:
        sec["shown"] = {"eddy": e, "pyspark": p}
    return sec


def pyspark_kernelspec() -> str:
    """Writes the kernelspec pyspark-bench (ipykernel in .venv-spark, Java 17) under
    .cache/bench/jupyter and puts it on JUPYTER_PATH. Returns its name."""
    d = CACHE / "jupyter" / "kernels" / "pyspark-bench"
    d.mkdir(parents=True, exist_ok=True)
    env = spark_env()
    (d / "kernel.json").write_text(json.dumps({
        "argv": [str(SPARK_PY), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "PySpark 3.5 (bench)", "language": "python",
        "env": {"JAVA_HOME": env["JAVA_HOME"], "PYSPARK_PYTHON": env["PYSPARK_PYTHON"],
                "EDDY_SPARK_JARS": env["EDDY_SPARK_JARS"], "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    }, indent=1))
    paths = os.environ.get("JUPYTER_PATH", "")
    if str(CACHE / "jupyter") not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [str(CACHE / "jupyter"), paths] if p)
    os.environ["JAVA_HOME"] = env["JAVA_HOME"]
    return "pyspark-bench"


EDDY_FIRST = "spark.Range(0, 1).Count()"
PYSPARK_FIRST = ("from pyspark.sql import SparkSession\n"
                 "spark = SparkSession.builder.master('local[2]').config('spark.ui.enabled', 'false').getOrCreate()\n"
                 "spark.range(1).count()")


def time_first_execute(name: str, code: str, work: Path, ctx) -> tuple[float, float]:
    """Seconds from spawning kernel name to the execute_reply of code, sent at once (ZeroMQ
    queues it until the kernel binds), and the kernel's process-tree RSS then (MiB)."""
    import zmq

    import kernel_bench as kb

    k = kb.Launched(name, work, work / f"{name}-first.log")
    shell = ctx.socket(zmq.DEALER)
    shell.linger = 0
    shell.setsockopt(zmq.RECONNECT_IVL, 2)
    shell.connect(k.addr("shell"))
    try:
        t0 = time.perf_counter()
        k.start()
        k.session.send(shell, "execute_request", {"code": code, "silent": False, "store_history": True,
                                                  "user_expressions": {}, "allow_stdin": False,
                                                  "stop_on_error": True})
        deadline = t0 + 180
        while time.perf_counter() < deadline:
            if shell.poll(50):
                _, frames = k.session.feed_identities(shell.recv_multipart())
                msg = k.session.deserialize(frames)
                if msg["msg_type"] == "execute_reply":
                    took = time.perf_counter() - t0
                    if msg["content"]["status"] != "ok":
                        raise WorkloadError(f"{name}: {msg['content'].get('ename')}: {msg['content'].get('evalue')}")
                    assert k.proc is not None
                    root = psutil.Process(k.proc.pid)
                    rss = sum(p.memory_info().rss for p in [root] + root.children(recursive=True)) / 2**20
                    return took, rss
        raise WorkloadError(f"{name}: no execute_reply within 180 s")
    finally:
        shell.close()
        k.stop(ctx)


def w_kernel() -> dict:
    import zmq

    import kernel_bench as kb

    sec = {"title": "4. The kernel", "runs": SIZES["kernel_runs"]}
    ctx = zmq.Context()
    spark_spec = pyspark_kernelspec()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def protocol(name: str) -> dict:
            starts = [kb.time_start(name, work, ctx) for _ in range(SIZES["kernel_starts"])]
            r = kb.round_trips(name, SIZES["kernel_runs"], 20 if QUICK else 50, work, ctx)
            r.update(start_s=statistics.median(starts), start_min_s=min(starts), version=kb.kernel_version(name))
            r["total_s"] = r["mean_ms"] * SIZES["kernel_runs"] / 1e3
            return r

        def first(name: str, code: str, n: int) -> dict:
            got = [time_first_execute(name, code, work, ctx) for _ in range(n)]
            return {"first_s": statistics.median(t for t, _ in got), "first_min_s": min(t for t, _ in got),
                    "rss_mb": statistics.median(r for _, r in got), "n": n}

        sec["eddy"] = attempt(protocol, "eddy")
        sec["ipykernel"] = attempt(protocol, "ipykernel")
        sec["eddy_first"] = attempt(first, "eddy", EDDY_FIRST, 5)
        sec["pyspark_first"] = attempt(first, spark_spec, PYSPARK_FIRST, SIZES["spark_starts"])
    ctx.term()
    return sec


def has_batch(msg: dict) -> bool:
    """An IOPub message that shows a micro-batch: Spark's console text ("Batch: 0") as a stream,
    or Eddy's live table (display_data or its update)."""
    c = msg.get("content", {})
    if msg.get("msg_type") == "stream":
        return "Batch: " in c.get("text", "")
    if msg.get("msg_type") in ("display_data", "update_display_data", "execute_result"):
        data = c.get("data", {})
        return any("Batch: " in str(data.get(k, "")) for k in ("text/plain", "text/html"))
    return False


def run_notebook(path: Path, kernel: str, console_marker: str, env: dict) -> dict:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    target = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and console_marker in c.source)
    marks: dict = {}

    class Timed(NotebookClient):
        def process_message(self, msg, cell, cell_index):
            if cell_index == target and "first_batch" not in marks and has_batch(msg):
                marks["first_batch"] = time.perf_counter()
            return super().process_message(msg, cell, cell_index)

    def on_cell_execute(cell, cell_index):
        marks.setdefault("first_cell", time.perf_counter())

    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        client = Timed(nb, kernel_name=kernel, timeout=600, resources={"metadata": {"path": str(path.parent)}},
                       on_cell_execute=on_cell_execute)
        t0 = time.perf_counter()
        client.execute()
        t_end = time.perf_counter()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise WorkloadError(f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    if "first_batch" not in marks:
        raise WorkloadError(f"{path.name}: the console cell (cell {target}) showed no batch")
    took = []
    for i, c in enumerate(nb.cells):
        ex = c.get("metadata", {}).get("execution", {})
        a, b = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
        if c.cell_type == "code" and a and b:
            d = (datetime.fromisoformat(b.replace("Z", "+00:00")) - datetime.fromisoformat(a.replace("Z", "+00:00")))
            took.append((d.total_seconds(), i, next((l for l in c.source.splitlines() if l.strip()), "")))
    took.sort(reverse=True)
    return {"slowest_cells": [{"cell": i, "s": t, "first_line": l} for t, i, l in took[:3]],
            "run_all_to_first_batch_s": marks["first_batch"] - marks["first_cell"],
            "launch_to_first_batch_s": marks["first_batch"] - t0,
            "kernel_start_s": marks["first_cell"] - t0,
            "run_all_s": t_end - marks["first_cell"], "console_cell": target}


def w_notebook() -> dict:
    sec = {"title": "5. Run All → first batch rendered, 02-kafka-rides through nbclient"}
    spark_spec = pyspark_kernelspec()

    def one(path: Path, kernel: str, marker: str, env: dict) -> dict:
        with broker() as b:  # a fresh broker each, so both notebooks see the same empty topic
            return run_notebook(path, kernel, marker, dict(env, EDDY_KAFKA_BOOTSTRAP=b.addr))

    sec["eddy"] = attempt(one, ROOT / "notebooks" / "02-kafka-rides.ipynb", "eddy", 'Format("console")', {})
    sec["pyspark"] = attempt(one, BENCH / "pyspark" / "02-kafka-rides.ipynb", spark_spec, 'format("console")',
                             {"JAVA_HOME": JAVA_HOME})
    return sec


def w_streaming() -> dict:
    sec = {"title": "6. Streaming engine floor: micro-batch overhead and state memory"}
    with tempfile.TemporaryDirectory() as tmp:
        sec["eddy_microbatch"] = attempt(eddy_worker, "microbatch", "--dir", Path(tmp) / "eddy",
                                         "--iterations", SIZES["microbatch_eddy"])
        sec["pyspark_microbatch"] = attempt(spark_worker, "microbatch", "--dir", Path(tmp) / "pyspark",
                                            "--iterations", SIZES["microbatch_spark"])
    keys = SIZES["state_keys"]
    path = CACHE / f"keys-{keys}"  # a folder with one file: Spark's text source wants a folder
    if not (path / "keys.txt").exists():
        path.mkdir(parents=True, exist_ok=True)
        eddy_worker("gen-keys", "--path", path / "keys.txt", "--keys", keys)
    sec["keys"] = keys
    sec["eddy_state"] = attempt(eddy_worker, "state", "--path", path, "--keys", keys)
    sec["pyspark_state"] = attempt(spark_worker, "state", "--path", path, "--keys", keys)
    return sec


README_BEGIN, README_END = "<!-- results-summary:begin -->", "<!-- results-summary:end -->"

def w_live() -> dict:
    """Issue 5's load benchmark, LIVE's bench/live_load.py (Eddy only: PySpark has no live displays):
    10 queries × 50k rows/s with live tables and status cards through the real kernel."""
    duration = 15 if QUICK else 60
    out = CACHE / "live-load.json"
    sec = {"title": "7. Live displays under load (Eddy only, `bench/live_load.py`)", "duration_s": duration}
    try:
        subprocess.run([sys.executable, str(BENCH / "live_load.py"), "--duration", str(duration), "--json", str(out)],
                       cwd=ROOT, check=True, capture_output=True, timeout=duration + 300)
        sec["eddy"] = json.loads(out.read_text())
    except subprocess.CalledProcessError as e:
        tail = "\n".join((e.stderr or b"").decode(errors="replace").strip().splitlines()[-8:])
        sec["eddy"] = {"error": f"live_load.py exit status {e.returncode}:\n{tail}"}
    except Exception as e:  # noqa: BLE001
        sec["eddy"] = {"error": f"{type(e).__name__}: {e}"}
    return sec


WORKLOADS = {"kafka": w_kafka, "socket": w_socket, "csv": w_csv, "kernel": w_kernel,
             "notebook": w_notebook, "streaming": w_streaming, "live": w_live}


# ---------------------------------------------------------------- the report


def rate(x: float) -> str:
    if x >= 1e6:
        return f"{x / 1e6:.2f} M rows/s"
    return f"{x / 1e3:.0f} k rows/s" if x >= 1e4 else f"{x:,.0f} rows/s"


def secs(x: float) -> str:
    if x < 0.001:
        return f"{x * 1e6:.0f} µs"
    if x < 1:
        return f"{x * 1e3:.1f} ms" if x < 0.1 else f"{x * 1e3:.0f} ms"
    return f"{x:.2f} s"


def mb(x: float) -> str:
    return f"{x:.0f} MiB"


def times(a: float, b: float) -> str:
    """How many times a is better than b, a and b both 'bigger is better'."""
    if not a or not b:
        return "—"
    return f"**{a / b:.1f}×**" if a / b >= 10 else f"{a / b:.1f}×"


def less(theirs: float, ours: float) -> str:
    """Eddy's memory against PySpark's, as "N× less" or "N× more"."""
    if not theirs or not ours:
        return "—"
    return f"{theirs / ours:.1f}× less" if theirs >= ours else f"{ours / theirs:.1f}× more"


def cell(r: dict, key: str, fmt) -> str:
    if "skipped" in r:
        return "not run (see below)"
    if "error" in r:
        return "failed"
    v = r.get(key)
    return "—" if v is None or v == -1 else fmt(v)


def throughput_rows(label: str, e: dict, p: dict, target: str) -> list[list[str]]:
    bad = any(k in r for k in ("error", "skipped") for r in (e, p))

    def tratio(key):
        return "—" if bad else times(e[key], p[key])

    def lratio(key):
        return "—" if bad else times(p[key], e[key])

    first = [f"{label}: rows/s, warm run", cell(e, "rows_per_s_warm", rate), cell(p, "rows_per_s_warm", rate),
             tratio("rows_per_s_warm"), target]
    if "skipped" in p:
        return [first, [f"{label}: query time, warm / cold", f"{cell(e, 'warm_s', secs)} / {cell(e, 'cold_s', secs)}",
                        "", "", ""]]
    return [
        first,
        [f"{label}: rows/s, cold run (first query of a fresh process)", cell(e, "rows_per_s_cold", rate),
         cell(p, "rows_per_s_cold", rate), tratio("rows_per_s_cold"), ""],
        [f"{label}: query time, warm / cold", f"{cell(e, 'warm_s', secs)} / {cell(e, 'cold_s', secs)}",
         f"{cell(p, 'warm_s', secs)} / {cell(p, 'cold_s', secs)}", lratio("warm_s"), ""],
        [f"{label}: process start → session ready", cell(e, "startup_s", secs), cell(p, "startup_s", secs),
         lratio("startup_s"), ""],
        [f"{label}: peak RSS (process tree)", cell(e, "peak_rss_mb", mb), cell(p, "peak_rss_mb", mb),
         "—" if bad else less(p["peak_rss_mb"], e["peak_rss_mb"]), ""],
    ]


def table(rows: list[list[str]], head: list[str]) -> str:
    out = "| " + " | ".join(head) + " |\n" + "|---" * len(head) + "|\n"
    return out + "".join("| " + " | ".join(r) + " |\n" for r in rows)


HEAD = ["measure", "Eddy", "PySpark 3.5.9 local[2]", "Eddy's advantage", "target"]


def errors_of(sec: dict) -> list[str]:
    out = []
    for k, v in sec.items():
        if isinstance(v, dict) and "error" in v:
            out.append(f"- **{k} failed**: `{v['error'].splitlines()[0][:300]}`" +
                       ("\n\n  ```\n  " + "\n  ".join(v["error"].splitlines()[1:]) + "\n  ```" if "\n" in v["error"] else ""))
        elif isinstance(v, dict):
            out += errors_of(v)
    return out


def render_kafka(sec: dict) -> str:
    rows = []
    for n, r in sec["runs"].items():
        label = f"{int(n) / 1e6:g}M messages" if int(n) >= 1e6 else f"{int(n) / 1e3:g}k messages"
        rows += throughput_rows(label, r["eddy"], r["pyspark"], "≥ 10×, ≥ 1M rows/s")
    notes = [f"Same broker for both (`bin/eddy broker`, kfake, 2 partitions, at {sec.get('broker', '?')}); "
             "each size produced once with `bin/eddy produce rides --count N --loop` "
             + ", ".join(f"({int(n):,} in {r['produce_s']:.1f} s)" for n, r in sec["runs"].items()) + "."]
    for n, r in sec["runs"].items():
        e, p = r["eddy"], r["pyspark"]
        if "groups" in e and "groups" in p:
            notes.append(f"{int(n):,}: both memory tables hold {e['groups']} (Eddy) / {p['groups']} (PySpark); "
                         f"batches {e.get('batches')} / {p.get('batches')}; reading the table afterwards "
                         f"{secs(e['read_table_s'])} / {secs(p['read_table_s'])}.")
    return table(rows, HEAD) + "\n" + "\n".join(f"- {x}" for x in notes) + "\n"


def render_simple(sec: dict, target: str, extra: list[str]) -> str:
    rows = throughput_rows(f"{int(sec['rows']):,} rows", sec["eddy"], sec["pyspark"], target)
    return table(rows, HEAD) + "\n" + "\n".join(f"- {x}" for x in extra) + "\n"


def render_socket(sec: dict) -> str:
    rows = []
    for label, r in sec["runs"].items():
        rows += throughput_rows(label, r["eddy"], r["pyspark"], "≥ 10×")
    notes = [
        "`bin/eddy produce transactions --count N` serves each connection the same N JSON lines and closes it. "
        "Eddy's socket query ends when the socket closes; Spark's socket source never ends a query, so PySpark's "
        "time runs until a listener has counted N input rows. Sink: noop; `from_json` schema "
        "`name STRING, surname STRING, amount DOUBLE, delta_t DOUBLE, flag INT`, `filter(flag = 1)`, "
        "`groupBy(name).count()`, update mode.",
        f"PySpark at {SIZES['socket']:,} socket lines: {SOCKET_SKIP}. So PySpark's socket figure is taken at "
        f"{SIZES['socket_spark']:,} lines, and the same query also runs over the same {SIZES['socket']:,} lines "
        "from a file (`gen-json` writes exactly the lines the server sends), which measures the engines "
        "rather than Spark's test-only socket source.",
    ]
    return table(rows, HEAD) + "\n" + "\n".join(f"- {x}" for x in notes) + "\n"


def render_kernel(sec: dict) -> str:
    e, i, ef, pf = sec["eddy"], sec["ipykernel"], sec["eddy_first"], sec["pyspark_first"]
    ok = lambda *rs: all("error" not in r for r in rs)  # noqa: E731
    n = sec["runs"]
    rows = [
        ["process start → `kernel_info_reply` (median)", cell(e, "start_s", secs), cell(i, "start_s", secs),
         times(i["start_s"], e["start_s"]) if ok(e, i) else "—", "≥ 20×"],
        [f"{n} `1+1` executes, total", cell(e, "total_s", secs), cell(i, "total_s", secs),
         times(i["total_s"], e["total_s"]) if ok(e, i) else "—", "≥ 20×"],
        [f"`1+1` round trip p50 / p99",
         f"{cell(e, 'p50_ms', lambda v: f'{v:.2f} ms')} / {cell(e, 'p99_ms', lambda v: f'{v:.2f} ms')}",
         f"{cell(i, 'p50_ms', lambda v: f'{v:.2f} ms')} / {cell(i, 'p99_ms', lambda v: f'{v:.2f} ms')}",
         times(i["p50_ms"], e["p50_ms"]) if ok(e, i) else "—", ""],
        ["idle RSS after the runs", cell(e, "rss_idle_mb", mb), cell(i, "rss_idle_mb", mb), "", ""],
        ["spawn → first `spark.range(1).count()` answered (a Spark session in the kernel)",
         cell(ef, "first_s", secs), cell(pf, "first_s", secs),
         times(pf["first_s"], ef["first_s"]) if ok(ef, pf) else "—", "≥ 20×"],
        ["kernel process-tree RSS with a session", cell(ef, "rss_mb", mb), cell(pf, "rss_mb", mb),
         less(pf["rss_mb"], ef["rss_mb"]) if ok(ef, pf) else "—", ""],
    ]
    head = ["measure", "Eddy", "ipykernel 6.17.1 (PySpark's kernel)", "Eddy's advantage", "target"]
    notes = [
        "The protocol rows reuse `bench/kernel_bench.py` (jupyter_client over ZeroMQ, the same client for both "
        "kernels); the PySpark rows start ipykernel from `.venv-spark` and send at once "
        f"`{PYSPARK_FIRST.splitlines()[-1]}` after creating a `local[2]` session, against `{EDDY_FIRST}` in Eddy "
        f"(median of {pf.get('n', '?')} and {ef.get('n', '?')} starts).",
    ]
    if ok(e, i):
        notes.append(f"{e['version']}; {i['version']}.")
    return table(rows, head) + "\n" + "\n".join(f"- {x}" for x in notes) + "\n"


def render_notebook(sec: dict) -> str:
    e, p = sec["eddy"], sec["pyspark"]
    ok = "error" not in e and "error" not in p
    rows = [
        ["Run All → first batch rendered in the console cell", cell(e, "run_all_to_first_batch_s", secs),
         cell(p, "run_all_to_first_batch_s", secs),
         times(p["run_all_to_first_batch_s"], e["run_all_to_first_batch_s"]) if ok else "—", "≥ 20×"],
        ["kernel launch → first batch (kernel start included)", cell(e, "launch_to_first_batch_s", secs),
         cell(p, "launch_to_first_batch_s", secs),
         times(p["launch_to_first_batch_s"], e["launch_to_first_batch_s"]) if ok else "—", ""],
        ["Run All → every cell done", cell(e, "run_all_s", secs), cell(p, "run_all_s", secs),
         times(p["run_all_s"], e["run_all_s"]) if ok else "—", ""],
    ]
    notes = ["Eddy: `notebooks/02-kafka-rides.ipynb` with the `eddy` kernel; PySpark: "
             "`bench/pyspark/02-kafka-rides.ipynb`, the same cells in Python (it also creates the session, with "
             "the spark-sql-kafka jars, in its first cell), ipykernel in `.venv-spark`. Each runs against a fresh "
             "broker. \"Rendered\" is the first IOPub message of the console cell that shows `Batch: ` (Eddy's "
             "live table; Spark's console sink text, which ipykernel forwards from the JVM's stdout)."]
    for name, r in (("Eddy", e), ("PySpark", p)):
        if r.get("slowest_cells"):
            notes.append(f"{name}'s slowest cells: " + "; ".join(
                f"cell {c['cell']} `{c['first_line'].strip()[:60]}` {secs(c['s'])}" for c in r["slowest_cells"]) + ".")
    return table(rows, HEAD) + "\n" + "\n".join(f"- {x}" for x in notes) + "\n"


def render_streaming(sec: dict) -> str:
    em, pm, es, ps = sec["eddy_microbatch"], sec["pyspark_microbatch"], sec["eddy_state"], sec["pyspark_state"]
    okm = "error" not in em and "error" not in pm
    oks = "error" not in es and "error" not in ps
    msf = lambda v: secs(v / 1e3)  # noqa: E731
    rows = [
        ["one empty micro-batch: a trigger that finds no new data (`processAllAvailable`), median", cell(em, "empty_median_ms", msf),
         cell(pm, "empty_median_ms", msf), times(pm["empty_median_ms"], em["empty_median_ms"]) if okm else "—",
         "< 2 ms (Spark ~100 ms)"],
        ["one one-row micro-batch (new file → `processAllAvailable`), median", cell(em, "one_row_median_ms", msf),
         cell(pm, "one_row_median_ms", msf), times(pm["one_row_median_ms"], em["one_row_median_ms"]) if okm else "—", ""],
        ["— Spark's own `triggerExecution` for that batch, median", "", cell(pm, "one_row_trigger_execution_median_ms", msf), "", ""],
        [f"state for {sec.get('keys', 0):,} keys: the state operator's `memoryUsedBytes` per key",
         cell(es, "memory_used_per_key", lambda v: f"{v:.0f} B"), cell(ps, "memory_used_per_key", lambda v: f"{v:.0f} B"),
         less(ps["memory_used_per_key"], es["memory_used_per_key"]) if oks else "—", "report it"],
        ["— heap still held after the query (Go heap / JVM heap, after GC) per key",
         cell(es, "heap_per_key", lambda v: f"{v:.0f} B"), cell(ps, "heap_per_key", lambda v: f"{v:.0f} B"), "", ""],
        ["— peak RSS of the whole process", cell(es, "peak_rss_mb", mb), cell(ps, "peak_rss_mb", mb), "", ""],
        ["— time to aggregate the keys", cell(es, "query_s", secs), cell(ps, "query_s", secs),
         times(ps["query_s"], es["query_s"]) if oks else "—", ""],
    ]
    notes = [f"Micro-batches: a text-file source on an empty folder and a noop sink; "
             f"{em.get('iterations', '?')} iterations in Eddy, {pm.get('iterations', '?')} in PySpark, after a warm-up.",
             "State: one text file of distinct lines → `groupBy(value).count()`, update mode, noop sink, AvailableNow "
             "(HDFS-backed state store in Spark, 2 shuffle partitions)."]
    return table(rows, HEAD) + "\n" + "\n".join(f"- {x}" for x in notes) + "\n"


def summary(results: dict, mach: dict) -> str:
    """The one-table summary at the top of results.md and in bench/README.md: Eddy, PySpark, the
    ratio and whether it meets the issue's target."""
    rows = []

    def add(label, e, p, key, fmt, higher_better, target):
        ok = all(isinstance(r, dict) and key in r and "error" not in r for r in (e, p))
        if not ok:
            ev = fmt(e[key]) if isinstance(e, dict) and key in e else ("failed" if "error" in (e or {}) else "—")
            pv = fmt(p[key]) if isinstance(p, dict) and key in p else (
                "failed" if "error" in (p or {}) else "not run" if "skipped" in (p or {}) else "—")
            rows.append([label, ev, pv, "—", "—" if not target else "not measured"])
            return
        ratio = e[key] / p[key] if higher_better else p[key] / e[key]
        verdict = ""
        if target:
            verdict = "met" if ratio >= target else "**missed**"
        rows.append([label, fmt(e[key]), fmt(p[key]), f"{ratio:.1f}×", f"≥ {target}×: {verdict}" if target else ""])

    r = results.get("kafka", {}).get("runs", {})
    for n, x in r.items():
        add(f"1. Kafka rides {int(n) / 1e6:g}M → parse → groupBy count (warm)", x["eddy"], x["pyspark"],
            "rows_per_s_warm", rate, True, 10)
    for label, x in results.get("socket", {}).get("runs", {}).items():
        add(f"2. {label} (warm)", x["eddy"], x["pyspark"], "rows_per_s_warm", rate, True,
            10 if "skipped" not in x["pyspark"] else None)
    c = results.get("csv")
    if c and "eddy" in c:
        add(f"3. CSV {int(c['rows']) / 1e6:g}M rows → groupBy/agg → show (warm)", c["eddy"], c["pyspark"],
            "rows_per_s_warm", rate, True, 10)
    k = results.get("kernel")
    if k and "eddy" in k:
        add("4. kernel start → `kernel_info_reply` (vs ipykernel)", k["eddy"], k["ipykernel"], "start_s", secs, False, 20)
        add(f"4. {k['runs']} `1+1` executes (vs ipykernel)", k["eddy"], k["ipykernel"], "total_s", secs, False, 20)
        add("4. spawn → first `spark.range(1).count()` (vs PySpark in ipykernel)", k["eddy_first"], k["pyspark_first"],
            "first_s", secs, False, 20)
    nb = results.get("notebook")
    if nb and "eddy" in nb:
        add("5. Run All → first batch rendered, 02-kafka-rides", nb["eddy"], nb["pyspark"],
            "run_all_to_first_batch_s", secs, False, 20)
    st = results.get("streaming")
    if st and "eddy_microbatch" in st:
        msf = lambda v: secs(v / 1e3)  # noqa: E731
        add("one empty micro-batch (target < 2 ms)", st["eddy_microbatch"], st["pyspark_microbatch"], "empty_median_ms",
            msf, False, None)
        add("one one-row micro-batch", st["eddy_microbatch"], st["pyspark_microbatch"], "one_row_median_ms", msf, False, None)
        add(f"state for {st.get('keys', 0):,} keys, `memoryUsedBytes` per key", st["eddy_state"], st["pyspark_state"],
            "memory_used_per_key", lambda v: f"{v:.0f} B", False, None)
    lv = results.get("live", {}).get("eddy", {})
    if lv and "error" not in lv and "one_plus_one_ms" in lv:
        p99 = lv["one_plus_one_ms"].get("p99", 0)
        rows.append([f"7. `1+1` p99 with {lv.get('displays', '?')} live displays updating (Eddy only)", f"{p99:.1f} ms",
                     "—", "—", f"< 50 ms: {'met' if p99 < 50 else '**missed**'}"])
    head = ["workload", "Eddy", "PySpark 3.5.9", "Eddy's advantage", "target"]
    loads = ", ".join(f"{name} {sec.get('load', '?')}" for name, sec in results.items())
    return (f"{'**BENCH_QUICK=1: small sizes, not figures to quote.** ' if QUICK else ''}"
            f"Measured {mach['date']} on {mach['cpu']}, {mach['cores']} cores, shared with other developers: "
            f"1-minute load average at the start / end of each workload: {loads}. Details, cold runs, "
            f"startup and memory in [results.md](results.md).\n\n" + table(rows, head))


def render_live(sec: dict) -> str:
    r = sec["eddy"]
    if "error" in r:
        return ""
    u, o, m = r.get("updates", {}), r.get("one_plus_one_ms", {}), r.get("rss_mb", {})
    cfg = r.get("config", {})
    rows = [
        ["live displays", str(r.get("displays", "?")), "4 updates/s per display at most"],
        ["most updates of one display in any 1 s window", str(u.get("max_per_1s_window", "?")),
         "within the throttle: " + str(u.get("within_throttle", "?"))],
        ["shortest gap between two updates", f"{u.get('min_gap_ms', 0):.0f} ms", "≥ about 250 ms"],
        ["displays whose final state arrived after the stop", f"{u.get('final_after_stop', '?')} of {r.get('displays', '?')}",
         "every display"],
        ["`1+1` round trip under the load, p50 / p99 / max",
         f"{o.get('p50', 0):.1f} / {o.get('p99', 0):.1f} / {o.get('max', 0):.1f} ms", "p99 < 50 ms"],
        ["kernel RSS start → end (max), slope", f"{m.get('start', 0):.0f} → {m.get('end', 0):.0f} MiB "
         f"({m.get('max', 0):.0f}), {m.get('slope_mb_per_min', 0):+.1f} MiB/min", "stable"],
        ["kernel CPU, mean", f"{r.get('kernel_cpu_percent_mean') or 0:.0f} % of one core", ""],
    ]
    return (table(rows, ["measure", "Eddy", "target"]) +
            f"\n- {cfg.get('queries', '?')} queries × {cfg.get('rows_per_second', '?')} rows/s, source "
            f"`{cfg.get('source', '?')}`, for {sec.get('duration_s')} s; LIVE's `make bench-live` runs the same script "
            "and keeps its own section of bench/README.md.\n")


def render(results: dict, mach: dict) -> str:
    m = mach
    out = [
        "# Eddy against PySpark: `make bench` results\n",
        f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM ({m['os']}), "
        f"{m['go']}, Python {m['python']}, PySpark {m['pyspark']} `local[2]` on {m['java']}. "
        f"{'**BENCH_QUICK=1: small sizes, not figures to quote.** ' if QUICK else ''}"
        f"The machine is shared with other developers: the 1-minute load average was {m['load_start']} at the "
        f"start and {m['load_end']} at the end (per workload below). Written by `make bench` "
        f"(`bench/run_bench.py`); raw figures in `bench/out/results.json`.\n",
        "How to read it: every workload runs in Eddy and in PySpark, each engine in a fresh process of its own, "
        "against the same broker, socket server or file. \"Warm\" is the best of the two runs after the first in the "
        "same process (PySpark's JIT and code generation warmed up); \"cold\" is the first query of a fresh "
        "process, what a notebook user meets first. Ratios are Eddy's advantage (PySpark's time ÷ Eddy's, or "
        "Eddy's rows/s ÷ PySpark's); bold where they reach 10×. Peak RSS is sampled every 20 ms over the "
        "process tree (PySpark: Python and its JVM, with `spark.driver.memory=2g`). PySpark runs with "
        "`spark.sql.shuffle.partitions=2` (its default of 200 makes each stateful micro-batch far slower).\n",
        "## Summary\n",
        summary(results, mach).replace("(results.md)", "(#details)").replace("Details, cold runs, startup and memory in "
                                                                          "[results.md](#details).", "Details below.") + "\n",
        "<a id=\"details\"></a>\n",
    ]
    renderers = {
        "kafka": render_kafka,
        "socket": render_socket,
        "csv": lambda s: render_simple(s, "≥ 10×", [
            f"One file of {int(s['rows']):,} rows ({s.get('file_mb', 0):.0f} MiB, `dataframe/benchdata.WriteRidesCSV`) "
            "read with a DDL schema → `groupBy(passenger_count).agg(count, round(sum(total_amount), 2), "
            "round(avg(trip_distance), 4))` → `orderBy` → `show()`; a run is the read through the end of `show`.",
            {True: "Both engines showed the same text.", False: "**The shown texts differ** (see the JSON).",
             None: "The shown texts could not be compared."}[s.get("same_output")]]),
        "kernel": render_kernel,
        "notebook": render_notebook,
        "streaming": render_streaming,
        "live": render_live,
    }
    for name, sec in results.items():
        out.append(f"## {sec.get('title', name)}\n")
        if "error" in sec and len(sec) <= 3:
            out.append(f"**The workload failed**: `{sec['error']}`\n")
            continue
        try:
            out.append(renderers[name](sec))
        except Exception as e:  # noqa: BLE001 - a rendering bug must not lose the other sections
            out.append(f"(could not render this section: {type(e).__name__}: {e})\n")
        errs = errors_of(sec)
        if errs:
            out.append("\n".join(errs) + "\n")
        out.append(f"Load average at the start / end of this workload: {sec.get('load', '?')}; "
                   f"it took {sec.get('took_s', 0):.0f} s.\n")
    return "\n".join(out)


def machine() -> dict:
    import kernel_bench as kb

    m = kb.machine()
    m["go"] = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.split(" ")[2] \
        if subprocess.run(["which", "go"], capture_output=True).returncode == 0 else "go ?"
    try:
        v = subprocess.run([str(SPARK_PY), "-c", "import pyspark; print(pyspark.__version__)"],
                           capture_output=True, text=True, timeout=60).stdout.strip()
    except OSError:
        v = "?"
    m["pyspark"] = v or "?"
    try:
        jv = subprocess.run([f"{JAVA_HOME}/bin/java", "-version"], capture_output=True, text=True, timeout=30).stderr
        m["java"] = "Java " + (re.search(r'version "([^"]+)"', jv) or re.search(r"(\S+)", jv)).group(1)
    except (OSError, AttributeError):
        m["java"] = "Java ?"
    return m


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # Quick or partial runs never replace the committed results.md or the README's summary.
    ap.add_argument("--out", type=Path, help="default bench/results.md; bench/out/results-quick.md or "
                    "results-partial.md for BENCH_QUICK=1 or BENCH_ONLY runs")
    ap.add_argument("--json", type=Path, help="default bench/out/results.json (results-quick.json, results-partial.json)")
    ap.add_argument("--only", default=os.environ.get("BENCH_ONLY", ""), help="comma-separated workloads")
    ap.add_argument("--readme", type=Path, help="a README whose results-summary markers get the summary table")
    args = ap.parse_args()
    only = [w for w in args.only.split(",") if w] or list(WORKLOADS)
    unknown = set(only) - set(WORKLOADS)
    if unknown:
        raise SystemExit(f"unknown workloads {sorted(unknown)}; known: {', '.join(WORKLOADS)}")
    full = not QUICK and set(only) == set(WORKLOADS)
    if args.out is None:
        args.out = BENCH / "results.md" if full else BENCH / "out" / ("results-quick.md" if QUICK else "results-partial.md")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.json is None:
        args.json = BENCH / "out" / ("results.json" if full else args.out.with_suffix(".json").name)
    CACHE.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, stop_all)
    signal.signal(signal.SIGINT, stop_all)
    for tool in (EDDY, EDDY_BENCH, SPARK_PY):
        if not tool.exists():
            raise SystemExit(f"{tool} is missing: run `make bench`, which builds and installs it")
    load_start = round(os.getloadavg()[0], 1)
    results = {}
    for name in only:
        print(f"== {name}", flush=True)
        l0, t0 = round(os.getloadavg()[0], 1), time.perf_counter()
        try:
            sec = WORKLOADS[name]()
        except Exception as e:  # noqa: BLE001
            traceback.print_exc()
            sec = {"title": name, "error": f"{type(e).__name__}: {e}"}
        sec["load"] = f"{l0} / {round(os.getloadavg()[0], 1)}"
        sec["took_s"] = time.perf_counter() - t0
        results[name] = sec
        print(f"   took {sec['took_s']:.0f} s, load {sec['load']}", flush=True)
    mach = machine()
    mach["load_start"], mach["load_end"] = load_start, round(os.getloadavg()[0], 1)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": mach, "quick": QUICK, "results": results}, indent=1, default=str))
    args.out.write_text(render(results, mach))
    print(f"wrote {args.out} and {args.json}")
    if args.readme and not full:
        print(f"a quick or partial run: the summary in {args.readme} is left alone")
    elif args.readme:
        import kernel_bench as kb

        text = args.readme.read_text()
        if README_BEGIN in text and README_END in text:
            args.readme.write_text(kb.replace_section(text, README_BEGIN, README_END, summary(results, mach) + "\n"))
            print(f"updated the summary in {args.readme}")
        else:
            print(f"{args.readme} has no {README_BEGIN} markers: summary not written", file=sys.stderr)


if __name__ == "__main__":
    main()
