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


def sql_show(q):
    df = spark.sql(q)
    df.printSchema()
    df.show()


def decimal_df():
    from decimal import Decimal
    return spark.createDataFrame(
        [("a", Decimal("1.50")), ("a", Decimal("2.25")), ("b", None), ("b", Decimal("-0.10")), ("c", Decimal("12345678.99"))],
        "k string, amt decimal(10,2)")


RIDES_DECIMAL_DDL = ("VendorID int, tpep_pickup_datetime timestamp, tpep_dropoff_datetime timestamp, passenger_count int, "
                     "trip_distance decimal(5,1), RatecodeID int, store_and_fwd_flag string, PULocationID int, DOLocationID int, "
                     "payment_type int, fare_amount double, extra double, mta_tax double, tip_amount double, tolls_amount double, "
                     "improvement_surcharge double, total_amount decimal(10,2), congestion_surcharge double")


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
    "decimal_sql_arith": lambda: sql_show(
        "SELECT 1.5 + 2 AS a, 1.25 * 3 AS b, 10.0 / 3 AS c, 1.5 + 1.0D AS d, 7.5 % 2 AS e, -1.50 AS f, "
        "CAST(1 AS DECIMAL(10,2)) + CAST(2 AS BIGINT) AS g, CAST(1 AS DECIMAL(38,10)) * CAST(3 AS DECIMAL(38,10)) AS h, "
        "CAST(1 AS DECIMAL(38,2)) / 3 AS i, 0.1 + 0.2 = 0.3 AS j, 2.50 > 2 AS k, 1.5 / 0 AS l"),
    "decimal_casts": lambda: sql_show(
        "SELECT CAST('12.345' AS DECIMAL(10,2)) AS a, CAST('abc' AS DECIMAL(10,2)) AS b, "
        "CAST(123456.7 AS DECIMAL(5,1)) AS c, CAST(-12.5 AS INT) AS d, CAST(CAST(2.5 AS DECIMAL(3,1)) AS DOUBLE) AS e, "
        "CAST(3.14159D AS DECIMAL(4,2)) AS f, CAST(-2.555 AS DECIMAL(4,2)) AS g, CAST(99 AS DECIMAL(3,1)) AS h, "
        "CAST(CAST(0.05 AS DECIMAL(3,2)) AS STRING) AS i, CAST(' 7 ' AS DECIMAL) AS j, CAST(1e40D AS DECIMAL(38,0)) AS k, "
        "CAST(true AS DECIMAL(2,1)) AS l"),
    "decimal_agg": lambda: (decimal_df().printSchema(), decimal_df().groupBy("k").agg(
        F.sum("amt"), F.avg("amt"), F.min("amt"), F.max("amt"), F.count("amt")).orderBy("k").show(),
        decimal_df().agg(F.sum("amt"), F.avg("amt")).printSchema()),
    "decimal_df_ops": lambda: decimal_df().select(
        "amt", (F.col("amt") * 2).alias("x2"), (F.col("amt") + F.lit(0.5)).alias("plus_double"),
        (F.col("amt") - F.col("amt")).alias("zero"), (F.col("amt") / 4).alias("q"), (-F.col("amt")).alias("neg"))
        .filter(F.col("amt") > 1).orderBy(F.col("amt").desc()).show(),
    "decimal_rides_sum": lambda: rides().groupBy("VendorID").agg(
        F.sum(F.col("total_amount").cast("decimal(10,2)")).alias("total"),
        F.avg(F.col("tip_amount").cast("decimal(6,2)")).alias("tip")).orderBy("VendorID").show(),
    "decimal_functions": lambda: decimal_df().select(
        "amt", F.abs("amt"), F.round("amt", 1), F.round("amt", -1),
        F.coalesce("amt", F.lit(0)), F.when(F.col("amt") > 2, F.col("amt")).otherwise(F.lit(1)).alias("w"),
        F.to_json(F.struct("amt")).alias("j"), F.concat(F.lit("$"), "amt").alias("c"))
        .orderBy("amt").show(truncate=False),
    "decimal_sql_mixed": lambda: (decimal_df().createOrReplaceTempView("d"),
        sql_show("SELECT amt, amt IN (1.5, 2) AS i, amt BETWEEN 1 AND 2 AS b, CASE WHEN amt > 2 THEN amt ELSE 0.5 END AS c, amt * amt AS sq, amt / amt AS q, amt % 1 AS m, amt + 1.0E0 AS dbl, amt = '1.50' AS s FROM d"),
        sql_show("SELECT k, sum(amt) s, count(DISTINCT amt) c, max(amt) FROM d GROUP BY k ORDER BY s DESC")),
    "decimal_csv_schema": lambda: spark.read.option("header", True).schema(RIDES_DECIMAL_DDL)
        .csv(os.path.join(HERE, "../../data/rides.csv")).select("VendorID", "trip_distance", "total_amount")
        .orderBy(F.col("total_amount").desc(), "VendorID").show(5),
}

for name, fn in CASES.items():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    with open(os.path.join(HERE, name + ".golden"), "w") as f:
        f.write(buf.getvalue())
    print("wrote", name)
