"""PySpark 3.5 counterparts of bench/cmd/eddy-bench: one workload per process, run by
bench/run_bench.py with the .venv-spark Python and Java 17, against the same broker, socket server
or file as Eddy. Prints one line "BENCH_RESULT {json}" with the same fields as eddy-bench.

    workloads.py kafka-rides --bootstrap H:P --topic T --rows N [--runs R]
    workloads.py socket-json --addr H:P --rows N [--runs R]
    workloads.py json-file --path folder --rows N [--runs R]
    workloads.py csv-agg --path rides.csv --rows N [--runs R]
    workloads.py microbatch --dir D --iterations N
    workloads.py state --path keys-folder --keys N

The session is PySpark's local[2] (the machine's two cores), with spark.sql.shuffle.partitions=2
(the default 200 would make every stateful micro-batch far slower), no UI, a 2 GiB driver, and the
spark-sql-kafka jars of EDDY_SPARK_JARS (a comma-separated list) for the Kafka workload.
BENCH_T0_NS, when set, is the wall-clock time (Unix ns) at which the harness spawned the process:
startup_s runs from then until the session is ready (JVM start included).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQueryListener

TRANSACTIONS_DDL = "name STRING, surname STRING, amount DOUBLE, delta_t DOUBLE, flag INT"
RIDES_DDL = ("VendorID INT, tpep_pickup_datetime TIMESTAMP, tpep_dropoff_datetime TIMESTAMP, "
             "passenger_count INT, trip_distance DOUBLE, payment_type INT, total_amount DOUBLE")


def repeat(runs: int, rows: int, once) -> dict:
    """Runs once(i) runs times (the first in a fresh session, "cold"; the others "warm"): the
    seconds of each, cold_s, warm_s (the best warm run, or the cold one when runs is 1) and the
    rows per second of both, as eddy-bench reports them."""
    secs = [once(i) for i in range(max(runs, 1))]
    cold = secs[0]
    warm = min(secs[1:]) if len(secs) > 1 else cold
    return {"rows": rows, "runs_s": secs, "cold_s": cold, "warm_s": warm,
            "rows_per_s_cold": rows / cold, "rows_per_s_warm": rows / warm}


def session() -> tuple[SparkSession, float]:
    b = (SparkSession.builder.master("local[2]").appName("eddy-bench")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "2")
         .config("spark.driver.memory", "2g"))
    jars = os.environ.get("EDDY_SPARK_JARS", "")
    if jars:
        b = b.config("spark.jars", jars)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    t0 = os.environ.get("BENCH_T0_NS")
    startup = (time.time_ns() - int(t0)) / 1e9 if t0 else -1.0
    return spark, startup


def kafka_rides(a) -> dict:
    spark, startup = session()
    extra = {}

    def once(i: int) -> float:
        t0 = time.perf_counter()
        raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", a.bootstrap)
               .option("subscribe", a.topic).option("startingOffsets", "earliest").load())
        parts = F.split(F.col("value"), ", ")
        rides = raw.selectExpr("CAST(value AS STRING) AS value").select(
            parts.getItem(0).cast("int").alias("vendor_id"),
            parts.getItem(1).cast("timestamp").alias("tpep_pickup_datetime"),
            parts.getItem(2).cast("timestamp").alias("tpep_dropoff_datetime"),
            parts.getItem(3).cast("int").alias("passenger_count"),
            parts.getItem(4).cast("float").alias("trip_distance"),
            parts.getItem(5).cast("int").alias("payment_type"),
            parts.getItem(6).cast("float").alias("total_amount"))
        name = f"vendor_counts_{i}"
        q = (rides.groupBy("vendor_id").count().writeStream.format("memory").queryName(name)
             .outputMode("complete").trigger(availableNow=True).start())
        q.awaitTermination()
        elapsed = time.perf_counter() - t0
        if q.exception() is not None:
            raise RuntimeError(str(q.exception()))
        t1 = time.perf_counter()
        counts = spark.sql(f"SELECT vendor_id, count FROM {name} ORDER BY vendor_id").collect()
        extra["read_table_s"] = time.perf_counter() - t1
        total = sum(r["count"] for r in counts)
        if total != a.rows:
            raise RuntimeError(f"the memory table counts {total} rows, want {a.rows}")
        extra["groups"] = {str(r["vendor_id"]): r["count"] for r in counts}
        extra["batches"] = len(q.recentProgress)
        return elapsed

    r = repeat(a.runs, a.rows, once)
    r.update(extra, startup_s=startup)
    return r


class InputRows(StreamingQueryListener):
    """Adds up the input rows of every progress report; done is set at target rows."""

    def __init__(self, target: int) -> None:
        self.target, self.rows, self.batches = target, 0, 0
        self.done = threading.Event()

    def onQueryStarted(self, event) -> None:
        pass

    def onQueryProgress(self, event) -> None:
        self.rows += event.progress.numInputRows
        self.batches += 1
        if self.rows >= self.target:
            self.done.set()

    def onQueryIdle(self, event) -> None:
        pass

    def onQueryTerminated(self, event) -> None:
        self.done.set()


def socket_json(a) -> dict:
    spark, startup = session()
    host, port = a.addr.rsplit(":", 1)
    extra = {}

    def once(i: int) -> float:
        counter = InputRows(a.rows)
        spark.streams.addListener(counter)
        t0 = time.perf_counter()
        tx = (spark.readStream.format("socket").option("host", host).option("port", int(port)).load()
              .select(F.from_json(F.col("value"), TRANSACTIONS_DDL).alias("data")).select("data.*"))
        q = tx.filter("flag = 1").groupBy("name").count().writeStream.format("noop").outputMode("update").start()
        # Spark's socket source never ends a query when the server closes the socket: the query is
        # done when its progress reports have counted every line.
        counter.done.wait(timeout=a.timeout)
        elapsed = time.perf_counter() - t0
        q.stop()
        spark.streams.removeListener(counter)
        if counter.rows != a.rows:
            raise RuntimeError(f"the query read {counter.rows} of {a.rows} lines ({q.exception()})")
        extra["batches"] = counter.batches
        return elapsed

    r = repeat(a.runs, a.rows, once)
    r.update(extra, startup_s=startup)
    return r


def json_file(a) -> dict:
    """The socket query over a folder of the same JSON lines, text source, AvailableNow: Spark's
    socket source reads its buffered lines by index from a ListBuffer (quadratic in the batch
    size), so a burst of 1M lines never finishes there."""
    spark, startup = session()
    extra = {}

    def once(i: int) -> float:
        counter = InputRows(a.rows)
        spark.streams.addListener(counter)
        t0 = time.perf_counter()
        tx = (spark.readStream.format("text").load(a.path)
              .select(F.from_json(F.col("value"), TRANSACTIONS_DDL).alias("data")).select("data.*"))
        q = (tx.filter("flag = 1").groupBy("name").count().writeStream.format("noop").outputMode("update")
             .trigger(availableNow=True).start())
        q.awaitTermination()
        elapsed = time.perf_counter() - t0
        counter.done.wait(timeout=30)  # the listener bus may deliver the last progress after termination
        spark.streams.removeListener(counter)
        if counter.rows != a.rows:
            raise RuntimeError(f"the query read {counter.rows} of {a.rows} lines ({q.exception()})")
        extra["batches"] = counter.batches
        return elapsed

    r = repeat(a.runs, a.rows, once)
    r.update(extra, startup_s=startup)
    return r


def csv_agg(a) -> dict:
    spark, startup = session()
    extra = {}

    def once(i: int) -> float:
        t0 = time.perf_counter()
        df = spark.read.option("header", True).schema(RIDES_DDL).csv(a.path)
        agg = (df.groupBy("passenger_count")
               .agg(F.count(F.lit(1)).alias("count"),
                    F.round(F.sum("total_amount"), 2).alias("sum_total_amount"),
                    F.round(F.avg("trip_distance"), 4).alias("avg_trip_distance"))
               .orderBy("passenger_count"))
        extra["show"] = agg._jdf.showString(20, 20, False)  # what agg.show() prints
        print(extra["show"])
        return time.perf_counter() - t0

    r = repeat(a.runs, a.rows, once)
    r.update(extra, startup_s=startup)
    return r


def micro_batch(a) -> dict:
    spark, startup = session()
    os.makedirs(a.dir, exist_ok=True)
    q = spark.readStream.format("text").load(a.dir).writeStream.format("noop").start()
    q.processAllAvailable()
    warm = 3
    empty, one_row, trigger_ms = [], [], []
    for i in range(a.iterations + warm):
        t0 = time.perf_counter()
        q.processAllAvailable()
        if i >= warm:
            empty.append(time.perf_counter() - t0)
    for i in range(a.iterations + warm):
        t0 = time.perf_counter()
        with open(os.path.join(a.dir, f"part-{i:06d}.txt"), "w") as f:
            f.write("one row\n")
        q.processAllAvailable()
        if i >= warm:
            one_row.append(time.perf_counter() - t0)
            p = q.lastProgress
            if p and p["numInputRows"] == 1:
                trigger_ms.append(p["durationMs"]["triggerExecution"])
    q.stop()
    if not trigger_ms:
        raise RuntimeError("no one-row batch was processed")
    ms = lambda xs: statistics.median(xs) * 1e3  # noqa: E731
    return {"iterations": a.iterations, "startup_s": startup,
            "empty_median_ms": ms(empty), "empty_mean_ms": statistics.fmean(empty) * 1e3,
            "one_row_median_ms": ms(one_row), "one_row_mean_ms": statistics.fmean(one_row) * 1e3,
            "one_row_trigger_execution_median_ms": statistics.median(trigger_ms)}


def jvm_heap_used(spark: SparkSession) -> int:
    rt = spark.sparkContext._jvm.java.lang.Runtime.getRuntime()
    for _ in range(2):
        spark.sparkContext._jvm.java.lang.System.gc()
    return rt.totalMemory() - rt.freeMemory()


def state_memory(a) -> dict:
    spark, startup = session()
    before = jvm_heap_used(spark)
    t0 = time.perf_counter()
    q = (spark.readStream.format("text").load(a.path).groupBy("value").count()
         .writeStream.format("noop").outputMode("update").trigger(availableNow=True).start())
    q.awaitTermination()
    elapsed = time.perf_counter() - t0
    if q.exception() is not None:
        raise RuntimeError(str(q.exception()))
    after = jvm_heap_used(spark)
    op = q.lastProgress["stateOperators"][0]
    if op["numRowsTotal"] != a.keys:
        raise RuntimeError(f"the state holds {op['numRowsTotal']} rows, want {a.keys}")
    used = op["memoryUsedBytes"]
    return {"rows": a.keys, "query_s": elapsed, "startup_s": startup, "state_rows": op["numRowsTotal"],
            "memory_used_bytes": used, "memory_used_per_key": used / a.keys,
            "heap_bytes": after - before, "heap_per_key": (after - before) / a.keys}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workload", choices=["kafka-rides", "socket-json", "json-file", "csv-agg", "microbatch", "state"])
    ap.add_argument("--bootstrap", default="127.0.0.1:9092")
    ap.add_argument("--topic", default="rides_csv")
    ap.add_argument("--addr", default="127.0.0.1:5555")
    ap.add_argument("--path", default="")
    ap.add_argument("--dir", default="")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keys", type=int, default=1_000_000)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900)
    a = ap.parse_args()
    fn = {"kafka-rides": kafka_rides, "socket-json": socket_json, "json-file": json_file, "csv-agg": csv_agg,
          "microbatch": micro_batch, "state": state_memory}[a.workload]
    r = fn(a)
    r["workload"] = a.workload
    sys.stdout.flush()
    print("BENCH_RESULT " + json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
