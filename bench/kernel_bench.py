#!/usr/bin/env python3
"""One client script, run against several Jupyter kernels on the same machine (issue 2):

  start    process start -> kernel_info_reply: the time from spawning the kernel process to
           the reply to a kernel_info_request sent at once (queued by ZeroMQ until the kernel
           binds), median of --starts runs;
  1+1      round trip of execute_request "1+1" -> execute_reply and the idle status, through
           jupyter_client's BlockingKernelClient, --runs times after a warm-up: p50 and p99;
  RSS      resident memory of the kernel process, idle, right after start and after the runs.

    bench/kernel_bench.py --kernel eddy --kernel ipykernel --runs 1000 \
        --readme bench/README.md --json bench/out/results.json

"ipykernel" names the venv's python3 kernelspec. The results go to --json and, between the
markers of --readme, as a table next to the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil
import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.session import Session

SPEC_NAMES = {"ipykernel": "python3"}
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
GO_BEGIN, GO_END = "<!-- gobench:begin -->", "<!-- gobench:end -->"
TARGETS = {
    "start_ms": "< 150 ms",
    "p50_ms": "< 2 ms",
    "p99_ms": "< 5 ms",
    "rss_idle_mb": "< 60 MB",
}
ISSUE_IPYKERNEL = {"start_ms": "1.3 s", "p50_ms": "5.4 ms", "p99_ms": "8.4 ms", "rss_idle_mb": "—"}


def kernel_argv(name: str, connection_file: str) -> list[str]:
    spec = KernelSpecManager().get_kernel_spec(SPEC_NAMES.get(name, name))
    argv = [a.replace("{connection_file}", connection_file) for a in spec.argv]
    if argv[0] in {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"}:
        argv[0] = sys.executable  # as jupyter_client's KernelManager does
    return argv


class Launched:
    """A kernel process started by hand from a fresh connection file."""

    def __init__(self, name: str, workdir: Path, log: Path) -> None:
        self.path, self.info = write_connection_file(
            fname=str(workdir / f"{name}-{time.monotonic_ns()}.json"), ip="127.0.0.1",
            key=secrets.token_hex(16).encode(),
        )
        self.argv = kernel_argv(name, self.path)
        self.session = Session(key=self.info["key"].encode(), signature_scheme=self.info["signature_scheme"])
        self.log = open(log, "ab")
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)

    def addr(self, channel: str) -> str:
        return f"tcp://127.0.0.1:{self.info[channel + '_port']}"

    def stop(self, ctx: zmq.Context) -> None:
        if self.proc is None:
            return
        ctl = ctx.socket(zmq.DEALER)
        ctl.linger = 0
        ctl.connect(self.addr("control"))
        self.session.send(ctl, "shutdown_request", {"restart": False})
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        ctl.close()
        self.log.close()
        os.unlink(self.path)


def time_start(name: str, workdir: Path, ctx: zmq.Context) -> float:
    """Seconds from spawning the process to the kernel_info_reply."""
    k = Launched(name, workdir, workdir / f"{name}.log")
    shell = ctx.socket(zmq.DEALER)
    shell.linger = 0
    shell.setsockopt(zmq.RECONNECT_IVL, 2)
    shell.connect(k.addr("shell"))
    try:
        t0 = time.perf_counter()
        k.start()
        k.session.send(shell, "kernel_info_request", {})
        deadline = t0 + 60
        while True:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{name}: no kernel_info_reply within 60 s")
            if shell.poll(100):
                _, frames = k.session.feed_identities(shell.recv_multipart())
                msg = k.session.deserialize(frames)
                if msg["msg_type"] == "kernel_info_reply":
                    return time.perf_counter() - t0
    finally:
        shell.close()
        k.stop(ctx)


def wait_reply_and_idle(kc: BlockingKernelClient, msg_id: str, timeout: float = 30) -> None:
    """Both the execute_reply (shell) and the idle status (IOPub) of msg_id have arrived."""
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            if msg["content"]["status"] != "ok":
                raise RuntimeError(f"execute failed: {msg['content']}")
            break
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def wait_kernel_info(kc: BlockingKernelClient, timeout: float) -> None:
    """Ask kernel_info until it is answered (wait_for_ready needs a heartbeat or a manager)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        msg_id = kc.kernel_info()
        try:
            while True:
                msg = kc.get_shell_msg(timeout=1)
                if msg["parent_header"].get("msg_id") == msg_id:
                    break
        except Exception:  # noqa: BLE001 - queue.Empty: ask again
            continue
        # Let the busy/idle of kernel_info go by, so they do not count in the first run.
        time.sleep(0.2)
        while True:
            try:
                kc.get_iopub_msg(timeout=0.1)
            except Exception:  # noqa: BLE001
                return
    raise TimeoutError("no kernel_info_reply")


def round_trips(name: str, runs: int, warmup: int, workdir: Path, ctx: zmq.Context) -> dict:
    k = Launched(name, workdir, workdir / f"{name}.log")
    k.start()
    kc = BlockingKernelClient()
    kc.load_connection_info(k.info)
    kc.start_channels(hb=False)
    try:
        wait_kernel_info(kc, 60)
        assert k.proc is not None
        proc = psutil.Process(k.proc.pid)
        time.sleep(1.0)
        rss_start = proc.memory_info().rss
        samples = []
        for i in range(warmup + runs):
            t0 = time.perf_counter()
            msg_id = kc.execute("1+1")
            wait_reply_and_idle(kc, msg_id)
            if i >= warmup:
                samples.append(time.perf_counter() - t0)
        time.sleep(2.0)
        rss_idle = proc.memory_info().rss
    finally:
        kc.stop_channels()
        k.stop(ctx)
    samples.sort()
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "runs": runs,
        "p50_ms": statistics.median(samples) * 1e3,
        "p99_ms": q[98] * 1e3,
        "mean_ms": statistics.fmean(samples) * 1e3,
        "max_ms": samples[-1] * 1e3,
        "rss_start_mb": rss_start / 2**20,
        "rss_idle_mb": rss_idle / 2**20,
    }


def kernel_version(name: str) -> str:
    if name == "ipykernel":
        from importlib.metadata import version

        return f"ipykernel {version('ipykernel')}"
    argv = kernel_argv(name, "x")
    try:
        out = subprocess.run([argv[0], "version"], capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        out = ""
    return out if out.lower().startswith(name) else f"{name} {out}".strip()


def machine() -> dict:
    model = "unknown"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"Model name:\s*(.+)", lscpu)
        model = m.group(1).strip() if m else model
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_1m": round(os.getloadavg()[0], 1),
    }


def fmt_start(s: float) -> str:
    return f"{s * 1e3:.0f} ms" if s < 1 else f"{s:.2f} s"


def table(results: dict, mach: dict) -> str:
    names = list(results)
    head = "| benchmark | " + " | ".join(results[n]["version"] for n in names)
    head += " | ipykernel 6.17 in issue 2 | target |\n"
    head += "|---" * (len(names) + 3) + "|\n"
    rows = [
        ("process start → `kernel_info_reply` (median of %d)" % results[names[0]]["starts"], "start_ms",
         lambda r: fmt_start(r["start_s"])),
        ("`1+1` round trip, %d runs, p50" % results[names[0]]["runs"], "p50_ms", lambda r: f"{r['p50_ms']:.2f} ms"),
        ("`1+1` round trip, %d runs, p99" % results[names[0]]["runs"], "p99_ms", lambda r: f"{r['p99_ms']:.2f} ms"),
        ("idle RSS (after the runs)", "rss_idle_mb", lambda r: f"{r['rss_idle_mb']:.1f} MB"),
    ]
    body = ""
    for label, key, f in rows:
        body += f"| {label} | " + " | ".join(f(results[n]) for n in names)
        body += f" | {ISSUE_IPYKERNEL[key]} | {TARGETS[key]} |\n"
    extra = "\n".join(
        f"- {results[n]['version']}: start min {fmt_start(results[n]['start_min_s'])}, "
        f"round trip mean {results[n]['mean_ms']:.2f} ms, max {results[n]['max_ms']:.2f} ms, "
        f"RSS right after start {results[n]['rss_start_mb']:.1f} MB"
        for n in names
    )
    m = mach
    return (
        f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM "
        f"({m['os']}, Python {m['python']}). The machine is shared with other developers: the 1-minute "
        f"load average was {m['load_start']} at the start and {m['load_1m']} at the end of the run, so "
        f"the tails (p99, max) say more about the neighbours than about the kernels.\n\n{head}{body}\n{extra}\n"
    )


def replace_section(text: str, begin: str, end: str, body: str) -> str:
    if begin not in text or end not in text:
        raise SystemExit(f"the README lacks the {begin} ... {end} markers")
    pre, rest = text.split(begin, 1)
    _, post = rest.split(end, 1)
    return f"{pre}{begin}\n{body}{end}{post}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", action="append", required=True, help="kernelspec name; ipykernel = python3")
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--readme", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--go-bench", type=Path, help="output of go test -bench, copied into --readme")
    args = ap.parse_args()

    ctx = zmq.Context()
    load_start = round(os.getloadavg()[0], 1)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.kernel:
            starts = [time_start(name, work, ctx) for _ in range(args.starts)]
            r = round_trips(name, args.runs, args.warmup, work, ctx)
            r.update(start_s=statistics.median(starts), start_min_s=min(starts), starts=args.starts,
                     version=kernel_version(name))
            results[name] = r
            print(f"{r['version']}: start {fmt_start(r['start_s'])}, p50 {r['p50_ms']:.2f} ms, "
                  f"p99 {r['p99_ms']:.2f} ms, idle RSS {r['rss_idle_mb']:.1f} MB", flush=True)
    mach = machine()
    mach["load_start"] = load_start
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": mach, "results": results}, indent=2))
    if args.readme:
        text = args.readme.read_text()
        text = replace_section(text, BEGIN, END, table(results, mach))
        if args.go_bench and args.go_bench.exists():
            lines = [l for l in args.go_bench.read_text().splitlines()
                     if l.startswith(("Benchmark", "ok", "pkg:", "cpu:", "FAIL"))]
            text = replace_section(text, GO_BEGIN, GO_END, "```\n" + "\n".join(lines) + "\n```\n")
        args.readme.write_text(text)
        print(f"updated {args.readme}")


if __name__ == "__main__":
    main()
