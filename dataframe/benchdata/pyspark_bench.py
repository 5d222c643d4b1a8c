"""PySpark 3.5 local[2] counterparts of dataframe/bench_test.go, on the same data shapes.

Usage: JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 ../../.venv-spark/bin/python pyspark_bench.py [rows [workload ...]]
Prints rows/s per workload (best of 3 runs, after one warm-up), as the Go benchmarks report.
Naming workloads (FilterProject, CSVRead, ...) runs only those.
"""
import os, sys, tempfile, time
from pyspark.sql import SparkSession, functions as F, types as T

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 20
ONLY = set(sys.argv[2:])
spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
         .config("spark.sql.shuffle.partitions", "2").config("spark.driver.memory", "2g").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
HERE = os.path.dirname(os.path.abspath(__file__))


def best(name, fn, rows):
    if ONLY and name not in ONLY:
        return
    fn()
    times = []
    for _ in range(3):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    print(f"{name}: {rows / min(times):,.0f} rows/s")


nums = (spark.range(N).select(F.col("id"), (F.rand(1) * 1000).cast("int").alias("key"),
                             (F.floor(F.rand(2) * 10000) / 100).alias("amount")).cache())
nums.count()
best("FilterProject", lambda: nums.filter(F.col("amount") > 50.0).select("id", (F.col("amount") * 2).alias("d")).write.format("noop").mode("overwrite").save(), N)
best("GroupByCount1kKeys", lambda: nums.groupBy("key").count().collect(), N)
wide = spark.range(N).select((F.rand(3) * (1 << 20)).cast("int").alias("key")).cache()
wide.count()
best("GroupByCount1MKeys", lambda: wide.groupBy("key").count().write.format("noop").mode("overwrite").save(), N)

lines = spark.range(N).select(F.format_string('{"name":"n%d","surname":"s%d","amount":%d.%02d,"delta_t":%d,"flag":%d}',
                                              F.col("id") % 100, F.col("id") % 1000, F.col("id") % 1000, F.col("id") % 100,
                                              F.col("id") % 100000, F.col("id") % 2).alias("value")).cache()
lines.count()
schema = T.StructType([T.StructField("name", T.StringType()), T.StructField("surname", T.StringType()),
                       T.StructField("amount", T.DoubleType()), T.StructField("delta_t", T.LongType()),
                       T.StructField("flag", T.IntegerType())])
best("FromJSON5Fields", lambda: lines.select(F.from_json("value", schema).alias("d")).select("d.*").write.format("noop").mode("overwrite").save(), N)

tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "rides.csv")
with open(path, "w") as f:
    f.write("VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,payment_type,total_amount\n")
    for i in range(N):
        f.write(f"{1 + i % 2},2020-07-01 00:{i % 60:02d}:{i % 60:02d},2020-07-01 01:{i % 60:02d}:{(i + 7) % 60:02d},{i % 4},{i % 30}.{i % 100:02d},{1 + i % 4},{i % 90}.{i % 100:02d}\n")
ddl = "VendorID INT, tpep_pickup_datetime TIMESTAMP, tpep_dropoff_datetime TIMESTAMP, passenger_count INT, trip_distance DOUBLE, payment_type INT, total_amount DOUBLE"
best("CSVRead", lambda: spark.read.option("header", True).schema(ddl).csv(path).write.format("noop").mode("overwrite").save(), N)

zones = spark.read.option("header", True).option("inferSchema", True).csv(os.path.join(HERE, "../../data/taxi_zone_lookup.csv"))
rides = nums.withColumn("locationid", (F.col("key") % 265) + 1)
best("JoinZones", lambda: rides.join(zones, "locationid").groupBy("borough").count().collect(), N)
