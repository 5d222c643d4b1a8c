package pycases

// writeCases write under OUT (a fresh folder per run, printed as $OUT) and read the files back.
var writeCases = []Case{
	{"write_parquet_roundtrip", `
p = OUT + "/cards_parquet"
cards().write.mode("overwrite").parquet(p)
df = spark.read.parquet(p)
df.printSchema()
df.orderBy("amount").show()
`},
	{"write_json_lines", `
p = OUT + "/cards_json"
cards().select("name", "amount", "flag").write.json(p)
spark.read.text(p).orderBy("value").show(truncate=False)
spark.read.json(p).orderBy("amount").show(3)
`},
	{"write_json_timestamps_nulls", `
p = OUT + "/nulls_json"
nulls().write.json(p)
spark.read.text(p).orderBy("value").show(truncate=False)
`},
	{"write_csv_header", `
p = OUT + "/seed_csv"
seed().limit(3).write.option("header", True).csv(p)
spark.read.text(p).orderBy("value").show(truncate=False)
df = spark.read.option("header", True).option("inferSchema", True).csv(p)
df.printSchema()
`},
	{"write_csv_nulls_quotes", `
p = OUT + "/quoted_csv"
spark.createDataFrame([(1, "a,b", None), (2, 'say "hi"', 1.5), (3, "", 2.0)], "id INT, s STRING, d DOUBLE").write.csv(p)
spark.read.text(p).orderBy("value").show(truncate=False)
`},
	{"write_text", `
p = OUT + "/names_text"
cards().select(F.concat_ws(" ", "name", "surname").alias("value")).distinct().write.text(p)
spark.read.text(p).orderBy("value").show()
`},
	{"write_mode_errorifexists", `
p = OUT + "/exists"
df = spark.createDataFrame([(1,)], "x INT")
df.write.parquet(p)
df.write.parquet(p)
`},
	{"write_mode_ignore", `
p = OUT + "/ignored"
spark.createDataFrame([(1,)], "x INT").write.parquet(p)
spark.createDataFrame([(2,)], "x INT").write.mode("ignore").parquet(p)
spark.read.parquet(p).show()
`},
	{"write_mode_append", `
p = OUT + "/appended"
spark.createDataFrame([(1,)], "x INT").write.parquet(p)
spark.createDataFrame([(2,)], "x INT").write.mode("append").parquet(p)
spark.read.parquet(p).orderBy("x").show()
`},
	{"write_mode_overwrite", `
p = OUT + "/overwritten"
spark.createDataFrame([(1,)], "x INT").write.parquet(p)
spark.createDataFrame([(2,), (3,)], "x INT").write.mode("overwrite").parquet(p)
spark.read.parquet(p).orderBy("x").show()
`},
	{"write_partition_by", `
p = OUT + "/by_flag"
cards().write.partitionBy("flag").parquet(p)
ls(p)
df = spark.read.parquet(p)
df.printSchema()
df.orderBy("amount").show()
`},
	{"write_partition_by_two", `
p = OUT + "/by_flag_name"
cards().select("name", "flag", "amount").write.partitionBy("flag", "name").mode("overwrite").json(p)
ls(p)
ls(p + "/flag=1")
df = spark.read.json(p)
df.printSchema()
df.filter("flag = 1").orderBy("amount").show()
`},
	{"write_format_save", `
p = OUT + "/format_save"
cards().write.format("json").mode("overwrite").save(p)
count(spark.read.format("json").load(p))
`},
}
