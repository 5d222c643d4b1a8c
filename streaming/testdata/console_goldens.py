"""Regenerates the console-sink goldens of console_test.go with PySpark 3.5.

Usage (from the repository root, with the PySpark venv of requirements-spark.txt):
    for c in console_append_two_batches console_complete_count console_numrows_truncate; do
        .venv-spark/bin/python streaming/testdata/console_goldens.py $c > streaming/testdata/$c.txt
    done
The console sink prints from the JVM to the process's stdout, so stdout is
exactly Spark's console text; Spark's logs go to stderr.
"""
import os
import sys
import tempfile
import time

from pyspark.sql import SparkSession

CASES = {
    "console_append_two_batches": (
        {"a.csv": "1,alice,10.5\n2,bob,3.25\n", "b.csv": "3,carol,7.0\n"},
        lambda df: df.writeStream.format("console").option("maxFilesPerTrigger", 1),
    ),
    "console_complete_count": (
        {"a.csv": "1,alice,10.5\n2,bob,3.25\n1,alice,1.0\n"},
        lambda df: df.groupBy("id").count().orderBy("id").writeStream.format("console").outputMode("complete"),
    ),
    "console_numrows_truncate": (
        {"a.csv": "1,a name longer than twenty characters,1.0\n2,b,2.0\n3,c,3.0\n"},
        lambda df: df.writeStream.format("console").option("numRows", 2).option("truncate", False),
    ),
}


def main(name):
    files, build = CASES[name]
    spark = (SparkSession.builder.master("local[1]").config("spark.sql.shuffle.partitions", "1")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    root = tempfile.mkdtemp()
    d = os.path.join(root, "in")
    os.makedirs(d)
    for i, fname in enumerate(sorted(files)):
        p = os.path.join(d, fname)
        with open(p, "w") as f:
            f.write(files[fname])
        t = time.time() + i
        os.utime(p, (t, t))
    df = (spark.readStream.format("csv").schema("id INT, name STRING, amount DOUBLE")
          .option("maxFilesPerTrigger", 1).load(d))
    q = build(df).option("checkpointLocation", os.path.join(root, "ck")).trigger(availableNow=True).start()
    q.awaitTermination()
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1])
