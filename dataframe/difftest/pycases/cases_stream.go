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
