package pycases

var extraCases = []Case{
	{"read_parquet_schema", `
spark.read.parquet(TRIPS_PARQUET).printSchema()
`},
	{"read_parquet_show", `
spark.read.parquet(TRIPS_PARQUET).show(truncate=False)
`},
	{"read_parquet_query", `
df = spark.read.format("parquet").load(TRIPS_PARQUET)
df.filter(F.col("fare") > 5).groupBy("vendor").agg(F.count("*").alias("n"), F.sum("fare"), F.max("pickup")).orderBy("vendor").show()
rows(df.filter(F.col("trip_id") == 3))
`},
	{"read_options_map", `
df = spark.read.options(header=True, inferSchema=True, sep=";").csv(QUOTED_CSV)
df.printSchema()
`},
	{"create_df_strings", `
df = spark.createDataFrame(["a,1", "b,2", "c"], "string")
df.printSchema()
df.select(F.split("value", ",").getItem(1).cast("int").alias("n")).show()
`},
	{"df_is_streaming", `
print(cards().isStreaming)
`},
	{"sql_view_of_parquet", `
spark.read.parquet(TRIPS_PARQUET).createOrReplaceTempView("trips")
spark.sql("SELECT vendor, count(*) AS n, round(avg(fare), 2) AS avg_fare FROM trips WHERE vendor IS NOT NULL GROUP BY vendor HAVING n > 1 ORDER BY n DESC, vendor").show()
`},
	{"sql_case_nulls_in_list", `
spark.sql("SELECT 1 IN (2, NULL) AS a, 1 IN (1, NULL) AS b, NULL IN (1) AS c, 2 NOT IN (1, NULL) AS d, CASE WHEN CAST(NULL AS BOOLEAN) THEN 'y' ELSE 'n' END AS e").show()
`},
}
