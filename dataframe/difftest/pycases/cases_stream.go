package pycases

// streamCases build streaming DataFrames (no query is started): schemas, isStreaming and the
// error for a batch action on a streaming plan.
var streamCases = []Case{
	{"stream_rate_schema", `
df = spark.readStream.format("rate").option("rowsPerSecond", 1).load()
print(df.isStreaming)
df.printSchema()
`},
	{"stream_socket_schema", `
spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load().printSchema()
spark.readStream.format("socket").option("host", "localhost").option("port", 9999).option("includeTimestamp", True).load().printSchema()
`},
	{"stream_batch_action_error", `
spark.readStream.format("rate").load().count()
`},
	{"stream_batch_show_error", `
spark.readStream.format("rate").load().select("value").show()
`},
	{"stream_json_source_schema", `
df = spark.readStream.format("json").schema("name STRING, amount DOUBLE, flag INT").load(os.path.dirname(CARDS))
print(df.isStreaming)
df.printSchema()
`},
	{"stream_transformed_schema", `
raw = spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load()
schema = T.StructType([T.StructField("name", T.StringType()), T.StructField("amount", T.DoubleType()), T.StructField("flag", T.IntegerType())])
tx = raw.select(F.from_json(F.col("value"), schema).alias("data")).select("data.*")
agg = tx.filter("flag = 1").groupBy("name").count()
print(agg.isStreaming)
agg.printSchema()
`},
	{"stream_watermark_window_schema", `
df = spark.readStream.format("rate").load().withWatermark("timestamp", "10 seconds")
df.groupBy(F.window("timestamp", "10 seconds"), (F.col("value") % 3).alias("k")).agg(F.count("*").alias("n"), F.sum("value")).printSchema()
`},
	{"stream_seed_parse_schema", `
raw = spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load()
parts = F.split(F.col("value"), ", ")
rides = raw.select(parts.getItem(0).cast("int").alias("vendor_id"), parts.getItem(1).cast(T.TimestampType()).alias("tpep_pickup_datetime"), parts.getItem(6).cast("float").alias("total_amount"))
rides.groupBy("vendor_id").count().printSchema()
`},
}

// createCases build DataFrames from Go-shaped data: the PySpark halves use the Python shapes
// that infer the same schemas (Row objects for structs, dicts for maps).
var createCases = []Case{
	{"create_df_structs", `
import datetime
df = spark.createDataFrame([
    Row(name="Alice", amount=120.5, flag=0, seen=datetime.datetime(2020, 7, 1, 0, 25, 32), ok=True),
    Row(name="Bob", amount=15.0, flag=1, seen=datetime.datetime(2020, 7, 1, 1, 0, 0), ok=False),
])
df.printSchema()
df.show()
`},
	{"create_df_maps", `
df = spark.createDataFrame([{"name": "Alice", "amount": 1.5, "n": 3}, {"name": "Bob", "amount": 2.0, "n": None}])
df.printSchema()
df.show()
`},
	{"create_df_rows_nulls_infer", `
df = spark.createDataFrame([(1, None, "x"), (None, 2.5, None)], ["a", "b", "c"])
df.printSchema()
df.show()
`},
	{"cast_with_more_types", `
df = seed().select(F.col("tpep_pickup_datetime").cast(T.DateType()).alias("d"), F.col("vendor_id").cast(T.LongType()).alias("l"),
    F.col("vendor_id").cast(T.DoubleType()).alias("x"), F.lit("ab").cast(T.BinaryType()).alias("b"))
df.printSchema()
df.show(2)
`},
}
