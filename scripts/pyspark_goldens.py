#!/usr/bin/env python3
"""Regenerate the golden files of Eddy's differential suite from real PySpark 3.5.

Usage (from the repository root):

    python3 -m venv .venv-spark && .venv-spark/bin/pip install -r requirements-spark.txt
    .venv-spark/bin/python scripts/pyspark_goldens.py            # every case
    .venv-spark/bin/python scripts/pyspark_goldens.py join_ sql_  # cases whose name starts so

The cases' PySpark snippets come from Go (package dataframe/difftest/pycases, dumped by
`go test ... -run TestDumpCases -args -dump FILE`), so this script and the Go test read the same
list. Each snippet runs in one shared SparkSession (local[2], UTC, no UI, 2 shuffle partitions);
what it prints becomes dataframe/difftest/testdata/golden/<name>.txt. Writer cases write under
OUT, a fresh temporary folder shown as $OUT. An exception ends the
snippet with one line, `ERROR <Class>: <message>`, normalised as normalize_error describes; the Go
side prints errors the same way. A full run also deletes goldens that no case produces.
"""

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIFFTEST = os.path.join(ROOT, "dataframe", "difftest")
GOLDEN = os.path.join(DIFFTEST, "testdata", "golden")
DATA = os.path.join(DIFFTEST, "testdata", "data")

# Both sides run in UTC: the session time zone, the JVM and the Python process (collect()
# converts timestamps to Python datetimes in the process's local zone).
os.environ["TZ"] = "UTC"
time.tzset()


def dump_cases():
    """Returns [{name, py}] from the Go case table."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.json")
        subprocess.run(
            ["go", "test", "./dataframe/difftest/pycases", "-count=1", "-run", "^TestDumpCases$",
             "-args", "-dump", path],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        with open(path) as f:
            return json.load(f)


def first_line(msg):
    """Keeps the part of a Spark message that Eddy reproduces.

    Leading blank lines go (ParseException starts with one). The message ends at the first
    ";\\n" (AnalysisException appends ";\\n" and the logical plan) or at the first newline
    (ParseException appends "\\n== SQL ==" and the query; JVM errors append stack traces).
    A ";" that ends the kept part goes too, as the one before the plan does.
    """
    msg = msg.lstrip()
    cut = msg.find(";\n")
    if cut >= 0:
        msg = msg[:cut]
    msg = msg.split("\n", 1)[0].rstrip()
    return msg[:-1] if msg.endswith(";") else msg


def normalize_error(e):
    """Returns `ERROR <Class>: <message>` for an exception raised by a snippet."""
    from py4j.protocol import Py4JJavaError

    name = type(e).__name__
    msg = str(e)
    if isinstance(e, Py4JJavaError):
        # An unconverted JVM exception: report its innermost SparkException-style cause by the
        # JVM class's simple name, as Eddy's Go errors do.
        je = e.java_exception
        while je.getCause() is not None and "Job aborted due to stage failure" in (je.getMessage() or ""):
            je = je.getCause()
        name = je.getClass().getSimpleName()
        msg = je.getMessage() or ""
    msg = first_line(msg).replace(ROOT, "$ROOT")
    return "ERROR %s: %s" % (name, msg)


PRELUDE = '''
def ls(path):
    for n in sorted(os.listdir(path)):
        if not n.startswith((".", "_")):
            print(n)

def rows(df):
    for r in df.collect():
        print(r)

def count(df):
    print(df.count())

def rides():
    return spark.read.option("header", True).option("inferSchema", True).csv(RIDES)

def zones():
    return spark.read.option("header", True).option("inferSchema", True).csv(ZONES)

def cards():
    return spark.read.json(CARDS)

def events():
    return spark.read.json(EVENTS)

def ev():
    return events().withColumn("ts", F.col("timestamp").cast("timestamp"))

def nulls():
    return (spark.read.schema("id INT, name STRING, score DOUBLE, ts TIMESTAMP, active BOOLEAN")
            .option("header", True).csv(NULLS_CSV))

def seed():
    raw = spark.read.text(SEED_TXT)
    parts = F.split(F.col("value"), ", ")
    return raw.select(
        parts.getItem(0).cast("int").alias("vendor_id"),
        parts.getItem(1).cast(T.TimestampType()).alias("tpep_pickup_datetime"),
        parts.getItem(2).cast(T.TimestampType()).alias("tpep_dropoff_datetime"),
        parts.getItem(3).cast("int").alias("passenger_count"),
        parts.getItem(4).cast("float").alias("trip_distance"),
        parts.getItem(7).cast("int").alias("pu_location_id"),
        parts.getItem(8).cast("int").alias("do_location_id"),
        parts.getItem(16).cast("float").alias("total_amount"),
    )

def jleft():
    return spark.createDataFrame([(1, "a"), (2, "b"), (3, "c"), (None, "n")], "id INT, l STRING")

def jright():
    return spark.createDataFrame([(2, "x"), (3, "y"), (3, "z"), (4, "w"), (None, "m")], "id INT, r STRING")

def tiers():
    return spark.createDataFrame([("Alice", "Smith", "gold"), ("Bob", "Jones", "new"), ("Dave", "Brown", "gold")],
                                 "name STRING, surname STRING, tier STRING")
'''


def make_globals(spark, out):
    from pyspark.sql import Row
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    g = {
        "spark": spark, "F": F, "T": T, "Row": Row, "os": os, "OUT": out,
        "RIDES": os.path.join(ROOT, "data", "rides.csv"),
        "ZONES": os.path.join(ROOT, "data", "taxi_zone_lookup.csv"),
        "SEED_TXT": os.path.join(DATA, "rides_seed.txt"),
        "CARDS": os.path.join(DATA, "cards.json"),
        "EVENTS": os.path.join(DATA, "events.json"),
        "NULLS_CSV": os.path.join(DATA, "nulls.csv"),
        "BAD_JSON": os.path.join(DATA, "bad.json"),
        "QUOTED_CSV": os.path.join(DATA, "quoted.csv"),
        "TRIPS_PARQUET": os.path.join(DATA, "trips.parquet"),
        "MISSING": os.path.join(DATA, "missing.csv"),
    }
    exec(PRELUDE, g)
    return g


def run_case(spark, base, case, out):
    g = dict(base)
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        try:
            exec(textwrap.dedent(case["py"]).strip("\n") + "\n", g)
        except Exception as e:  # the golden records the error
            print(normalize_error(e))
    # Cases are independent: drop their views and restore the session time zone.
    for t in spark.catalog.listTables():
        if t.isTemporary:
            spark.catalog.dropTempView(t.name)
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    return text.getvalue().replace(out, "$OUT")


def main(argv):
    cases = dump_cases()
    prefixes = argv[1:]
    selected = [c for c in cases if not prefixes or any(c["name"].startswith(p) for p in prefixes)]

    from pyspark.sql import SparkSession

    out = tempfile.mkdtemp(prefix="eddy-difftest-")
    spark = (SparkSession.builder.master("local[2]").appName("eddy-goldens")
             .config("spark.sql.warehouse.dir", os.path.join(out, "warehouse"))
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "2")
             .config("spark.sql.pyspark.jvmStacktrace.enabled", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    base = make_globals(spark, out)
    os.makedirs(GOLDEN, exist_ok=True)
    start = time.time()
    for i, case in enumerate(selected):
        text = run_case(spark, base, case, out)
        with open(os.path.join(GOLDEN, case["name"] + ".txt"), "w") as f:
            f.write(text)
        status = "error" if "ERROR " in text else "ok"
        print("[%d/%d] %s %s" % (i + 1, len(selected), case["name"], status), file=sys.stderr)
    spark.stop()
    shutil.rmtree(out, ignore_errors=True)
    if not prefixes:
        names = {c["name"] + ".txt" for c in cases}
        for f in sorted(os.listdir(GOLDEN)):
            if f.endswith(".txt") and f not in names:
                os.remove(os.path.join(GOLDEN, f))
                print("removed stale golden %s" % f, file=sys.stderr)
    print("%d goldens in %.0fs" % (len(selected), time.time() - start), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
