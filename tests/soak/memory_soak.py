"""A soak: a rate source at 50k rows/s into a memory sink with retention (maxRows) for a given
time, in one notebook kernel, sampling the kernel's VmRSS from /proc/PID/status every second. RSS
must grow less than 10% from the end of the warm-up (a quarter of the run, at least 30 s) to the end,
comparing the peaks of windows of 5% of the run (at least 15 s).

Rows in are the rate source's rows (the sum of numInputRows over every batch's progress), rows out
are the rows the memory sink took (the rows it keeps plus the rows its retention warning says it
dropped). The retained window must be duplicate-free and gap-free (the rate source numbers its rows
0, 1, 2, ...).
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import Result, SoakError, new_kernel, ok, rss_kib

NAME = "rate 50k rows/s → memory (maxRows) soak"
ROWS_PER_SECOND = 50_000
MAX_ROWS = 200_000
GROWTH_LIMIT = 10.0  # percent

START = f"""mq := spark.ReadStream().Format("rate").Option("rowsPerSecond", {ROWS_PER_SECOND}).Load().
	SelectExpr("value", "timestamp", "value % 1000 AS bucket").
	WriteStream().Format("memory").QueryName("soak_rate").OutputMode("append").
	Option("maxRows", {MAX_ROWS}).
	Trigger(streaming.ProcessingTime("1 second")).Start()
fmt.Println(mq.ID())"""

PROGRESS = """for _, p := range mq.RecentProgress() {
	fmt.Println(p["batchId"], p["numInputRows"], p["sink"].(map[string]any)["numOutputRows"])
}"""

DROPPED = re.compile(r'memory sink "soak_rate": dropped (\d+) oldest rows')


@dataclass
class Soak:
    seconds: float
    samples: list[tuple[float, int]] = field(default_factory=list)  # (elapsed s, VmRSS KiB)
    batches: dict[int, tuple[int, int]] = field(default_factory=dict)  # batchId -> (in, out)

    @property
    def warmup(self) -> float:
        return max(30.0, self.seconds * 0.25)

    @property
    def span(self) -> float:
        """The length of the windows whose peaks are compared: at least one cycle of the garbage
        collector's saw-tooth (about 10-15 s here), so that a peak does not depend on the phase."""
        return max(15.0, self.seconds * 0.05)

    def window(self, start: float, end: float) -> list[int]:
        return [kib for t, kib in self.samples if start <= t <= end]

    def rss(self) -> tuple[int, int, int]:
        """Baseline (the highest VmRSS in the span after the warm-up), final (the highest in the
        last span) and peak VmRSS in KiB. A leak raises the live heap and with it the peaks the
        collector lets the heap reach; the medians of short windows wander with the saw-tooth."""
        end = self.samples[-1][0]
        base = self.window(self.warmup, self.warmup + self.span)
        final = self.window(end - self.span, end)
        if not base or not final:
            raise SoakError(f"too few RSS samples ({len(self.samples)}) for a {self.seconds}s soak")
        return max(base), max(final), max(k for _, k in self.samples)


def poll_progress(kernel, soak: Soak) -> None:
    """Adds the batches of RecentProgress (the last 100: at one batch a second, poll at least
    every 100 s) to soak.batches. Every executed cell leaves a few KiB in the kernel for good
    (the interpreter keeps what it compiled), so the soak runs as few cells as it can: one every
    poll_every seconds."""
    for line in ok(kernel, PROGRESS).stdout.splitlines():
        batch, rows_in, rows_out = map(int, line.split())
        old = soak.batches.get(batch, (0, 0))
        soak.batches[batch] = (max(old[0], rows_in), max(old[1], rows_out))


def scan_dropped(kernel) -> int:
    """Reads IOPub (the live table and the retention warning) and returns the highest dropped-row
    count the warning has shown so far; forgets the messages, so an hour does not pile them up."""
    kernel.drain()
    texts = [str(m["content"].get("data", {}).get("text/plain", "")) for m in kernel.log
             if m["msg_type"] in ("display_data", "update_display_data")]
    kernel.log.clear()
    return max((int(m.group(1)) for t in texts for m in [DROPPED.search(t)] if m), default=0)


def run(workdir: Path, seconds: float, sample_every: float = 1.0, poll_every: float = 80.0) -> list[Result]:
    kernel = new_kernel()
    soak = Soak(seconds)
    try:
        pid = kernel.pid
        ok(kernel, START)
        t0 = last_poll = time.monotonic()
        dropped = 0
        while (elapsed := time.monotonic() - t0) < seconds:
            soak.samples.append((elapsed, rss_kib(pid)))
            if time.monotonic() - last_poll >= poll_every:
                poll_progress(kernel, soak)
                last_poll = time.monotonic()
            dropped = max(dropped, scan_dropped(kernel))
            time.sleep(max(0.0, sample_every - (time.monotonic() - t0 - elapsed)))
        ok(kernel, "mq.Stop()")
        poll_progress(kernel, soak)
        failed = ok(kernel, "fmt.Println(mq.Exception())").stdout.strip()
        stats = ok(
            kernel,
            'r := spark.SQL("SELECT count(*), count(DISTINCT value), min(value), max(value) FROM soak_rate").Collect()[0]\n'
            "fmt.Println(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))",
        ).stdout.split()
        kept, distinct, low, high = map(int, stats)
        dropped = max(dropped, scan_dropped(kernel))

        rows_in = sum(i for i, _ in soak.batches.values())
        sink_out = sum(o for _, o in soak.batches.values())
        rows_out = kept + dropped
        gaps = (high - low + 1) - distinct if kept else 0
        r = Result(NAME, f"rate → memory (maxRows={MAX_ROWS})", rows_in, rows_out, kept - distinct,
                   max(0, rows_in - rows_out) + gaps, exactly_once=False)
        base, final, peak = soak.rss()
        growth = (final - base) * 100.0 / base
        r.notes += [
            f"{seconds:.0f} s, {len(soak.batches)} batches, {rows_in / max(1.0, seconds):,.0f} rows/s in",
            f"VmRSS (peaks over {soak.span:.0f} s) after the warm-up ({soak.warmup:.0f} s) {base / 1024:.1f} MiB, "
            f"at the end {final / 1024:.1f} MiB, "
            f"peak {peak / 1024:.1f} MiB: growth {growth:+.1f}% (limit {GROWTH_LIMIT:.0f}%)",
            f"memory table keeps {kept} rows ({low}..{high}), retention dropped {dropped}",
        ]
        r.extra["rss"] = {"baseline_kib": base, "final_kib": final, "peak_kib": peak,
                          "growth_percent": round(growth, 2), "samples": soak.samples}
        step = max(1, len(soak.samples) // 10)
        r.notes.append("VmRSS over time (MiB): " + ", ".join(
            f"{t:.0f} s {kib / 1024:.1f}" for t, kib in soak.samples[::step] + soak.samples[-1:]))
        missed = sorted(set(range(max(soak.batches, default=-1) + 1)) - soak.batches.keys())
        if missed:
            r.failures.append(f"progress reports of {len(missed)} batches were missed (e.g. {missed[:5]}): rows in are undercounted")
        if growth >= GROWTH_LIMIT:
            r.failures.append(f"VmRSS grew {growth:.1f}% after warm-up (limit {GROWTH_LIMIT:.0f}%)")
        if sink_out != rows_in:
            r.failures.append(f"progress: the sink took {sink_out} rows of {rows_in}")
        if kept != min(MAX_ROWS, rows_out):
            r.failures.append(f"the memory table keeps {kept} rows, expected min(maxRows, rows out)")
        if high + 1 != rows_in:
            r.failures.append(f"the last row is value {high}, but {rows_in} rows came in")
        if failed != "<nil>":
            r.failures.append(f"the query failed: {failed[:300]}")
        return [r]
    finally:
        kernel.shutdown()
