"""The broker is killed with SIGKILL and restarted mid-query (same port, same --data-dir), while
three queries read the same topic from one notebook kernel:

- Kafka → Parquet with a checkpoint (the file sink: exactly once),
- Kafka → memory sink (append; at least once: no loss allowed),
- Kafka → foreachBatch counting rows (at least once: no loss allowed).

Each cycle lets the queries commit a few batches of the backlog, kills the broker while they are
still reading, keeps it down for a few seconds (the Kafka source retries meanwhile), restarts it and
produces the next range of ids. At the end every query processes all available data and must not
have failed.
"""

from __future__ import annotations

import time
from pathlib import Path

from common import (
    Broker, Result, SoakError, account, committed_batches, committed_offsets, create_topic, kafka_to_parquet_cell,
    new_kernel, ok, produce, read_parquet_ids, wait_committed,
)

NAME = "broker kill -9 + restart"
TOPIC = "soak_broker"
# Each cycle's backlog takes the queries per_cycle / PER_TRIGGER triggers of TRIGGER each, so a
# kill after two committed batches lands while they still have data to read.
PER_TRIGGER = 1000
TRIGGER = "200 milliseconds"


def memory_and_foreach_cells(addr: str) -> str:
    source = (
        f'spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", "{addr}").'
        f'Option("subscribe", "{TOPIC}").Option("startingOffsets", "earliest").'
        f'Option("maxOffsetsPerTrigger", {PER_TRIGGER}).Load().'
        f'SelectExpr("CAST(CAST(value AS STRING) AS BIGINT) AS id")'
    )
    return (
        f"mq := {source}.\n"
        '\tWriteStream().Format("memory").QueryName("soak_broker_mem").OutputMode("append").\n'
        f'\tTrigger(streaming.ProcessingTime("{TRIGGER}")).Start()\n'
        "var fbRows, fbBatches int64\n"
        f"fq := {source}.\n"
        "\tWriteStream().ForeachBatch(func(df *DataFrame, batchID int64) {\n"
        "\t\tatomic.AddInt64(&fbRows, df.Count())\n"
        "\t\tatomic.AddInt64(&fbBatches, 1)\n"
        f'\t}}).Trigger(streaming.ProcessingTime("{TRIGGER}")).Start()\n'
        "fmt.Println(mq.ID(), fq.ID())"
    )


def run(workdir: Path, per_cycle: int = 30_000, cycles: int = 2, down_seconds: float = 3) -> list[Result]:
    broker = Broker(workdir)
    broker.start()
    kernel = None
    try:
        create_topic(broker.addr, TOPIC, broker.partitions)
        out, ckpt = workdir / "parquet", workdir / "checkpoint"
        produce(broker.addr, TOPIC, range(0, per_cycle))
        sent = per_cycle
        kernel = new_kernel()
        ok(kernel, kafka_to_parquet_cell("pq", broker.addr, TOPIC, out, ckpt, PER_TRIGGER, TRIGGER))
        ok(kernel, memory_and_foreach_cells(broker.addr))
        notes = []
        for cycle in range(cycles):
            # Mid-query: the sink has committed part of the backlog and is still reading.
            wait_committed(out, committed_batches(out) + 2, 60, kernel, "pq")
            broker.kill9()
            at_kill = committed_batches(out)
            behind = sent - committed_offsets(ckpt)
            time.sleep(down_seconds)
            status = ok(kernel, 'fmt.Println(pq.IsActive(), pq.Status()["message"])').stdout.strip()
            notes.append(f"cycle {cycle + 1}: broker killed after {at_kill} batches, the Parquet query "
                         f"{behind} rows behind; while down: {status[:160]}")
            if not status.startswith("true"):
                raise SoakError(f"the Parquet query stopped while the broker was down: {status}")
            broker.restart()
            produce(broker.addr, TOPIC, range(sent, sent + per_cycle))
            sent += per_cycle
        ok(kernel, "pq.ProcessAllAvailable()\nmq.ProcessAllAvailable()\nfq.ProcessAllAvailable()", timeout=240)
        failed = ok(kernel, "fmt.Println(pq.Exception(), mq.Exception(), fq.Exception())").stdout.strip()
        counts = ok(
            kernel,
            'r := spark.SQL("SELECT count(*) AS n, count(DISTINCT id) AS d, '
            f'count(DISTINCT CASE WHEN id >= 0 AND id < {sent} THEN id END) AS inrange '
            'FROM soak_broker_mem").Collect()[0]\n'
            "fmt.Println(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), atomic.LoadInt64(&fbRows), atomic.LoadInt64(&fbBatches))\n"
            "pq.Stop()\nmq.Stop()\nfq.Stop()",
        ).stdout.split()
        n, distinct, inrange, fb_rows, fb_batches = map(int, counts)

        ids, problems = read_parquet_ids(out)
        parquet = account(NAME, "Kafka → Parquet (checkpoint)", range(sent), ids, exactly_once=True)
        parquet.failures += problems
        parquet.notes += notes + [f"broker restarts: {broker.restarts}"]

        memory = Result(NAME, "Kafka → memory", sent, n, n - distinct, sent - inrange, exactly_once=False)
        if distinct != inrange:
            memory.failures.append(f"{distinct - inrange} ids that were never produced")
        foreach = Result(NAME, "Kafka → foreachBatch count", sent, fb_rows, max(0, fb_rows - sent),
                         max(0, sent - fb_rows), exactly_once=False)
        foreach.notes.append(f"{fb_batches} batches; a count cannot tell a duplicate from a loss")
        if failed != "<nil> <nil> <nil>":
            for r in (parquet, memory, foreach):
                r.failures.append(f"a query failed: {failed[:300]}")
        return [parquet, memory, foreach]
    finally:
        if kernel is not None:
            kernel.shutdown()
        broker.stop()
