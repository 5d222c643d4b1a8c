#!/usr/bin/env python3
"""Regenerates goldens.json: PySpark 3.5's show() text (or error) for each
query of queries.sql over the rides views.

Run from the repository root:
    .venv-spark/bin/python dataframe/sqlparser/bind/testdata/gen_goldens.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))

# The seed notebook's projection of the ", "-separated ride lines.
RIDES_VIEW = """SELECT CAST(c0 AS INT) AS vendor_id,
  CAST(c1 AS TIMESTAMP) AS tpep_pickup_datetime,
  CAST(c2 AS TIMESTAMP) AS tpep_dropoff_datetime,
  CAST(c3 AS INT) AS passenger_count,
  CAST(c4 AS FLOAT) AS trip_distance,
  CAST(c7 AS INT) AS pu_location_id,
  CAST(c8 AS INT) AS do_location_id,
  CAST(c16 AS FLOAT) AS total_amount
FROM raw"""


def read_queries():
    text = open(os.path.join(HERE, "queries.sql"), encoding="utf-8").read()
    lines = [l for l in text.split("\n") if not l.startswith("--")]
    return [q.strip() for q in "\n".join(lines).split("\n;\n") if q.strip()]


def main():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType, StructField, StringType

    spark = (SparkSession.builder.master("local[1]")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.shuffle.partitions", "1")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    rows = []
    with open(os.path.join(ROOT, "data", "rides.csv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            rows.append(tuple(line.rstrip("\n").split(",")))
    schema = StructType([StructField("c%d" % i, StringType()) for i in range(18)])
    spark.createDataFrame(rows, schema).createOrReplaceTempView("raw")
    spark.sql(RIDES_VIEW).createOrReplaceTempView("rides")
    out = []
    for q in read_queries():
        rec = {"query": q}
        try:
            df = spark.sql(q)
            rec["show"] = df._jdf.showString(20, 20, False)
        except Exception as e:
            rec["exception"] = type(e).__name__
            rec["error"] = str(e)
        out.append(rec)
    with open(os.path.join(HERE, "goldens.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    spark.stop()


if __name__ == "__main__":
    main()
