"""Prints PySpark 3.5's per-batch output of watermark_test.go's windowed word
count (10-minute windows sliding every 5 minutes, 10-minute watermark) in
update, append and complete modes, in the test's "batch N: ..." format.

Usage: .venv-spark/bin/python streaming/testdata/watermark_goldens.py
"""
import os
import tempfile
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

FILES = [
    "2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n",
    "2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n",
    "2024-01-01 12:25:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 11:50:00,ghost\n",
]


def main():
    spark = (SparkSession.builder.master("local[1]").config("spark.sql.shuffle.partitions", "1")
             .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    for mode in ["update", "append", "complete"]:
        root = tempfile.mkdtemp()
        d = os.path.join(root, "events")
        os.makedirs(d)
        for i, content in enumerate(FILES):
            p = os.path.join(d, "part%s.csv" % ("x" * i))
            with open(p, "w") as f:
                f.write(content)
            t = time.time() + i
            os.utime(p, (t, t))
        events = (spark.readStream.format("csv").schema("ts TIMESTAMP, word STRING")
                  .option("maxFilesPerTrigger", 1).load(d).withWatermark("ts", "10 minutes"))
        counts = events.groupBy(F.window("ts", "10 minutes", "5 minutes"), "word").count()
        out = []

        def batch(df, bid):
            rows = df.select(F.date_format("window.start", "HH:mm"), F.date_format("window.end", "HH:mm"), "word", "count").collect()
            lines = sorted("%s-%s %s %d" % (r[0], r[1], r[2], r[3]) for r in rows)
            out.append("batch %d: %s" % (bid, ", ".join(lines)))

        q = (counts.writeStream.outputMode(mode).foreachBatch(batch)
             .option("checkpointLocation", os.path.join(root, "ck")).trigger(availableNow=True).start())
        q.awaitTermination()
        dropped = sum(op["numRowsDroppedByWatermark"] for p in q.recentProgress for op in p["stateOperators"])
        print("==", mode, "dropped", dropped)
        for line in out:
            print(line)
    spark.stop()


if __name__ == "__main__":
    main()
