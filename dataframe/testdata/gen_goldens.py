"""Regenerates dataframe/testdata/*.golden from PySpark 3.5.

Usage: JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 ../../.venv-spark/bin/python gen_goldens.py

Each case below has a Go twin in dataframe/golden_test.go with the same name.
"""
import contextlib, io, os
from pyspark.sql import SparkSession, functions as F

spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
HERE = os.path.dirname(os.path.abspath(__file__))


def types_df():
    return spark.createDataFrame(
        [(1, None, 1.5, b"ab", [1, None], ("x", None)),
         (2, "long string that is more than twenty chars", 1e10, None, None, None)],
        "a int, b string, c double, d binary, e array<int>, f struct<p:string,q:int>")


def rides():
    return spark.read.option("header", True).option("inferSchema", True).csv(os.path.join(HERE, "../../data/rides.csv"))


CASES = {
    "show_types": lambda: (types_df().show(), types_df().show(truncate=False),
                           types_df().show(1, vertical=True), types_df().show(vertical=True, truncate=5)),
    "schema_generated_names": lambda: types_df().select(
        F.col("a").cast("string"), F.col("a") + F.col("c"), F.col("a") / 2, F.lit("x"), F.col("a") != 1,
        F.col("f").getField("p"), F.col("e")[0], F.struct("a", "b"), F.split(F.col("b"), " ")).printSchema(),
    "rides_schema": lambda: rides().printSchema(),
    "rides_group_show": lambda: rides().groupBy("VendorID").agg(
        F.count("*"), F.sum("total_amount"), F.avg("passenger_count"), F.max("tpep_pickup_datetime")).orderBy("VendorID").show(),
    "rides_sort_nulls": lambda: spark.createDataFrame([(1, None), (2, "b"), (3, None), (4, "a")], "id int, s string")
        .orderBy(F.col("s").desc(), "id").show(),
    "show_more_rows": lambda: rides().select("VendorID", "total_amount").show(3),
    "show_one_row": lambda: rides().select("VendorID").show(1),
}

for name, fn in CASES.items():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    with open(os.path.join(HERE, name + ".golden"), "w") as f:
        f.write(buf.getvalue())
    print("wrote", name)
