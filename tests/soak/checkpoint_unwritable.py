"""The checkpoint folder becomes unwritable while a Kafka → Parquet query runs: the query must fail
with a clear StreamingQueryException that names the checkpoint path, leave no corrupt checkpoint,
and, once the folder is writable again, a restarted query must resume exactly (pyarrow reads back
every produced id once).

"Unwritable" has to hold for root too (CI runs as root, where chmod does not stop writes): the
folder and its subfolders lose their write permission (chmod a-w), and where a probe shows that
this does not stop writes, they get the immutable attribute instead (chattr +i, which stops root
from creating or renaming entries).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from common import (
    Broker, Result, SoakError, account, check_checkpoint, committed_batches, create_topic,
    kafka_to_parquet_cell, new_kernel, ok, produce, read_parquet_ids, wait_committed,
)

NAME = "checkpoint folder unwritable"
TOPIC = "soak_checkpoint"


def folders(root: Path) -> list[Path]:
    return [root] + sorted(p for p in root.rglob("*") if p.is_dir())


def writable(root: Path) -> bool:
    """Whether a new entry can still be created in root/offsets (a probe, removed again)."""
    probe = root / "offsets" / ".soak-probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


def make_unwritable(root: Path) -> str:
    """Makes root and its subfolders refuse new entries; the method used. chmod a-w first; where
    that does not stop writes (root, CAP_DAC_OVERRIDE), chattr +i."""
    for d in folders(root):
        d.chmod(0o555)
    if not writable(root):
        return "chmod a-w"
    for d in folders(root):
        d.chmod(0o755)
    res = subprocess.run(["chattr", "+i", *map(str, folders(root))], capture_output=True, text=True)
    if res.returncode != 0:
        raise SoakError(f"chmod a-w does not stop this user's writes and chattr +i failed: {res.stderr.strip()}")
    if writable(root):
        raise SoakError(f"neither chmod a-w nor chattr +i made {root} unwritable")
    return "chattr +i (chmod a-w does not stop root)"


def make_writable(root: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, folders(root))], capture_output=True)
    for d in folders(root):
        d.chmod(0o755)


def run(workdir: Path, first: int = 20_000, second: int = 10_000, third: int = 10_000) -> list[Result]:
    broker = Broker(workdir)
    broker.start()
    kernel = None
    ckpt = workdir / "checkpoint"
    locked = False
    try:
        create_topic(broker.addr, TOPIC, broker.partitions)
        out = workdir / "parquet"
        produce(broker.addr, TOPIC, range(0, first))
        kernel = new_kernel()
        ok(kernel, kafka_to_parquet_cell("q", broker.addr, TOPIC, out, ckpt, per_trigger=2000))
        wait_committed(out, 3, 60, kernel, "q")
        method = make_unwritable(ckpt)
        locked = True
        at_lock = committed_batches(out)
        # New data, so that the query needs to write its offsets log.
        produce(broker.addr, TOPIC, range(first, first + second))
        ex = kernel.execute("q.AwaitTermination(60 * time.Second)", timeout=90)
        failures, notes = [], [f"made unwritable with {method} after {at_lock} committed batches"]
        if ex.status != "error":
            failures.append("the query did not fail within 60 s of its checkpoint becoming unwritable")
        else:
            ename, evalue = ex.content["ename"], ex.content["evalue"]
            notes.append(f"{ename}: {evalue[:400]}")
            if ename != "StreamingQueryException":
                failures.append(f"the error is {ename}, not StreamingQueryException")
            if str(ckpt) not in evalue:
                failures.append("the error does not name the checkpoint folder")
        alive = ok(kernel, "fmt.Println(q.IsActive())").stdout.strip()
        if alive != "false":
            failures.append("the query is still active")
        make_writable(ckpt)
        locked = False
        failures += [f"checkpoint after the failure: {p}" for p in check_checkpoint(ckpt)]

        # Fixed: the same cell restarts the query from the checkpoint, which resumes exactly.
        produce(broker.addr, TOPIC, range(first + second, first + second + third))
        sent = first + second + third
        ok(kernel, kafka_to_parquet_cell("q", broker.addr, TOPIC, out, ckpt, per_trigger=2000))
        ok(kernel, "q.ProcessAllAvailable()", timeout=240)
        failed = ok(kernel, "fmt.Println(q.Exception())\nq.Stop()").stdout.strip()
        if failed != "<nil>":
            failures.append(f"the restarted query failed: {failed[:300]}")
        ids, problems = read_parquet_ids(out)
        r = account(NAME, "Kafka → Parquet (checkpoint), pyarrow", range(sent), ids, exactly_once=True)
        r.failures += failures + problems
        r.notes += notes
        return [r]
    finally:
        if locked:
            make_writable(ckpt)
        if kernel is not None:
            kernel.shutdown()
        broker.stop()
