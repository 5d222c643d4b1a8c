"""make soak: fault and soak scenarios against the real kernel, the embedded broker and real
Parquet files (issue 6). Each scenario reports rows in, rows out, duplicates and losses per sink;
the run fails on any loss, on a duplicate where Spark promises exactly-once (the file sink), on a
scenario that could not run, and on VmRSS growth of 10% or more in the memory soak.

    python tests/soak/soak.py [--seconds N] [--only NAME ...] [--report FILE] [--json FILE]

--seconds is the length of the 50k rows/s memory soak (make soak: SOAK_SECONDS, an hour; make
test runs a short version). The summary table goes to stdout and to --report (Markdown).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import broker_restart  # noqa: E402
import checkpoint_unwritable  # noqa: E402
import kernel_kill  # noqa: E402
import memory_soak  # noqa: E402
from common import EDDY, REPO, Result  # noqa: E402

SCENARIOS = {
    "broker": lambda w, a: broker_restart.run(w),
    "kernel": lambda w, a: kernel_kill.run(w),
    "checkpoint": lambda w, a: checkpoint_unwritable.run(w),
    "memory": lambda w, a: memory_soak.run(w, a.seconds),
}
NAMES = {
    "broker": broker_restart.NAME, "kernel": kernel_kill.NAME,
    "checkpoint": checkpoint_unwritable.NAME, "memory": memory_soak.NAME,
}


def table(results: list[Result]) -> list[str]:
    head = ["scenario", "sink", "rows in", "rows out", "duplicates", "losses", "expected", "result"]
    rows = [[
        r.scenario, r.sink, f"{r.rows_in:,}", f"{r.rows_out:,}", f"{r.duplicates:,}", f"{r.losses:,}",
        "exactly once" if r.exactly_once else "no loss", "ok" if r.ok else "FAIL",
    ] for r in results]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def report(results: list[Result], args, seconds: float) -> str:
    out = [
        "# Soak report",
        "",
        f"`python tests/soak/soak.py --seconds {args.seconds:g}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.node()}, load average {' '.join(f'{x:.2f}' for x in __import__('os').getloadavg())} at the end, "
        f"{seconds:.0f} s in all.",
        "",
        *table(results),
        "",
    ]
    for r in results:
        out.append(f"## {r.scenario}: {r.sink}")
        out += [f"- {n}" for n in r.notes]
        out += [f"- **FAIL**: {f}" for f in r.failures]
        out.append("")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=3600, help="length of the memory soak (default 3600)")
    ap.add_argument("--only", nargs="+", choices=list(SCENARIOS), help="run only these scenarios")
    ap.add_argument("--report", type=Path, default=REPO / "test-artifacts" / "soak-report.md")
    ap.add_argument("--json", type=Path, default=REPO / "test-artifacts" / "soak-report.json")
    ap.add_argument("--keep", action="store_true", help="keep the scenarios' work folders")
    args = ap.parse_args()
    if not EDDY.exists():
        print(f"soak: {EDDY} is missing: run make install-kernel", file=sys.stderr)
        return 2

    started = time.monotonic()
    results: list[Result] = []
    for key in args.only or list(SCENARIOS):
        work = Path(tempfile.mkdtemp(prefix=f"eddy-soak-{key}-"))
        t = time.monotonic()
        print(f"== soak: {NAMES[key]}", flush=True)
        try:
            got = SCENARIOS[key](work, args)
        except Exception as e:  # a scenario that cannot finish is a failure, not a crash
            got = [Result(NAMES[key], "-", 0, 0, 0, 0, False, failures=[f"{type(e).__name__}: {e}"])]
            traceback.print_exc()
        for r in got:
            r.notes.append(f"scenario time {time.monotonic() - t:.1f} s")
            print(f"   {r.sink}: in {r.rows_in:,} out {r.rows_out:,} duplicates {r.duplicates:,} "
                  f"losses {r.losses:,} -> {'ok' if r.ok else 'FAIL'}", flush=True)
            for f in r.failures:
                print(f"     FAIL: {f}", flush=True)
        results += got
        if args.keep or not all(r.ok for r in got):
            print(f"   work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    elapsed = time.monotonic() - started
    text = report(results, args, elapsed)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text)
    args.json.write_text(json.dumps([r.as_dict() for r in results], indent=1))
    print()
    print("\n".join(table(results)))
    passed = sum(r.ok for r in results)
    print(f"\n{elapsed:.0f} s; report in {args.report}")
    print(f"soak: {passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
