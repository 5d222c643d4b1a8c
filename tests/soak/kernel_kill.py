"""The kernel is killed with SIGKILL while a notebook query (Kafka → Parquet with a checkpoint)
runs; a new kernel runs the same cell, which restarts the query from its checkpoint, and pyarrow
reads back exactly the ids that were produced: no loss and no duplicate (the file sink's
exactly-once promise). Each kill lands wherever the query happens to be (between a batch's offsets
log entry, its Parquet files, its _spark_metadata entry and its commit); more ids are produced
while no kernel runs.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from common import (
    Broker, Result, account, committed_batches, create_topic, kafka_to_parquet_cell,
    latest_batch, new_kernel, ok, produce, read_parquet_ids, wait_committed, check_checkpoint,
)

NAME = "kernel kill -9 + restart from checkpoint"
TOPIC = "soak_kernel"


def run(workdir: Path, initial: int = 60_000, per_kill: int = 10_000, kills: int = 3) -> list[Result]:
    broker = Broker(workdir)
    broker.start()
    kernel = None
    try:
        create_topic(broker.addr, TOPIC, broker.partitions)
        out, ckpt = workdir / "parquet", workdir / "checkpoint"
        cell = kafka_to_parquet_cell("q", broker.addr, TOPIC, out, ckpt, per_trigger=2000,
                                     trigger="50 milliseconds")
        produce(broker.addr, TOPIC, range(0, initial))
        sent = initial
        kernel = new_kernel()
        query_id = ok(kernel, cell).stdout.strip()
        notes, failures = [], []
        for n in range(kills):
            wait_committed(out, committed_batches(out) + 3, 60, kernel, "q")
            os.kill(kernel.pid, signal.SIGKILL)
            at_kill = committed_batches(out)
            planned, done = latest_batch(ckpt, "offsets"), latest_batch(ckpt, "commits")
            where = "between batches" if planned == done else f"inside batch {planned} (offsets logged, not committed)"
            kernel.shutdown()
            kernel = None
            produce(broker.addr, TOPIC, range(sent, sent + per_kill))
            sent += per_kill
            bad = check_checkpoint(ckpt)
            failures += [f"after kill {n + 1}: {p}" for p in bad]
            kernel = new_kernel()
            restarted = ok(kernel, cell).stdout.strip()
            if restarted != query_id:
                failures.append(f"kill {n + 1}: the restarted query has id {restarted}, not the checkpoint's {query_id}")
            notes.append(f"kill {n + 1} after {at_kill} batches in the sink's log, {where}")
        ok(kernel, "q.ProcessAllAvailable()", timeout=240)
        failed = ok(kernel, "fmt.Println(q.Exception())\nq.Stop()").stdout.strip()
        if failed != "<nil>":
            failures.append(f"the query failed: {failed[:300]}")
        ids, problems = read_parquet_ids(out)
        r = account(NAME, "Kafka → Parquet (checkpoint), pyarrow", range(sent), ids, exactly_once=True)
        r.failures += failures + problems
        r.notes += notes + [f"{committed_batches(out)} batches in _spark_metadata"]
        return [r]
    finally:
        if kernel is not None:
            kernel.shutdown()
        broker.stop()
