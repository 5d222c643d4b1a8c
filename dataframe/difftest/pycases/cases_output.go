package pycases

var schemaCases = []Case{
	{"schema_nested_types", `
spark.createDataFrame([], "a INT NOT NULL, s STRUCT<x: STRING, y: ARRAY<STRUCT<z: DOUBLE>>>, m MAP<STRING, ARRAY<INT>>, b BINARY, d DATE, t TIMESTAMP, f FLOAT, l LONG, bo BOOLEAN").printSchema()
`},
	{"schema_struct_api", `
schema = T.StructType([T.StructField("a", T.IntegerType()), T.StructField("b", T.ArrayType(T.StringType()), False)])
schema = schema.add(T.StructField("m", T.MapType(T.StringType(), T.DoubleType())))
print(schema.simpleString())
print(",".join(schema.fieldNames()))
print(schema.json())
`},
	{"schema_parse_ddl", `
s = T._parse_datatype_string("a INT, b ARRAY<STRING>, c MAP<STRING, DOUBLE>, d STRUCT<e: TIMESTAMP, f: BINARY>, g LONG NOT NULL")
print(s.simpleString())
print(s.json())
`},
	{"schema_df_fields", `
for f in cards().schema.fields:
    print(f.name, f.dataType.simpleString(), f.nullable)
print(events().schema.simpleString())
`},
	{"schema_create_df_struct", `
schema = T.StructType([T.StructField("id", T.LongType(), False), T.StructField("tags", T.ArrayType(T.StringType())), T.StructField("ok", T.BooleanType())])
df = spark.createDataFrame([(1, ["a", "b"], True), (2, [], None)], schema)
df.printSchema()
df.show()
`},
	{"schema_create_df_names", `
df = spark.createDataFrame([(1, "a", 1.5, True), (2, "b", None, False)], ["id", "s", "d", "b"])
df.printSchema()
df.show()
`},
	{"schema_range", `
df = spark.range(0, 5)
df.printSchema()
df.show()
`},
	{"schema_window_struct", `
ev().select(F.window("ts", "5 minutes").alias("w"), "ts").printSchema()
`},
}

var showCases = []Case{
	{"show_n", `
cards().show(2)
`},
	{"show_truncate_false", `
cards().select(F.concat_ws(" ", "name", "surname", "surname")).show(truncate=False)
`},
	{"show_truncate_int", `
zones().show(5, truncate=8)
`},
	{"show_truncate_small", `
zones().show(3, truncate=2)
`},
	{"show_vertical", `
cards().show(3, vertical=True)
`},
	{"show_vertical_truncate", `
zones().show(2, truncate=5, vertical=True)
`},
	{"show_vertical_empty", `
cards().filter("flag = 9").show(vertical=True)
`},
	{"show_more_than_rows", `
cards().show(100)
`},
	{"show_twenty_boundary", `
spark.range(20).show()
spark.range(21).show()
`},
	{"show_zero", `
cards().show(0)
`},
	{"show_booleans_timestamps", `
seed().select("tpep_pickup_datetime", (F.col("vendor_id") == 1).alias("is_one"), F.col("passenger_count").isNull()).show(3)
`},
	{"show_long_header", `
spark.createDataFrame([(1, "v")], "a_very_long_column_name_exceeding_twenty INT, b STRING").show()
`},
	{"show_binary", `
spark.createDataFrame([(bytearray(b"ab"),), (bytearray(b"\x00\xff"),), (None,)], "b BINARY").show()
`},
	{"show_time_zone", `
spark.conf.set("spark.sql.session.timeZone", "America/New_York")
seed().select("tpep_pickup_datetime", F.col("tpep_pickup_datetime").cast("long").alias("epoch")).show(2)
spark.sql("SELECT CAST('2020-07-01 00:00:00' AS TIMESTAMP) AS t, CAST(CAST('2020-07-01 00:00:00' AS TIMESTAMP) AS LONG) AS e").show()
spark.conf.set("spark.sql.session.timeZone", "UTC")
`},
	{"show_arrays_maps", `
df = spark.createDataFrame([('{"a": [1, null, 3], "m": {"x": 1.5, "y": null}, "s": {"p": "q", "r": [true]}}',)], "v STRING")
d = df.select(F.from_json(F.col("v"), "a ARRAY<INT>, m MAP<STRING, DOUBLE>, s STRUCT<p: STRING, r: ARRAY<BOOLEAN>>").alias("d")).select("d.*")
d.show()
d.show(vertical=True)
`},
	{"show_negative_numbers_alignment", `
spark.createDataFrame([(-1, -1.5, "x"), (100000, 2.25, "longer text"), (None, None, None)], "i INT, d DOUBLE, s STRING").show()
`},
}

var rowCases = []Case{
	{"row_take", `
for r in cards().take(2):
    print(r)
`},
	{"row_first", `
print(cards().first())
print(events().first())
`},
	{"row_collect_types", `
df = spark.sql("SELECT 1 AS i, CAST(2 AS BIGINT) AS l, CAST(1.5 AS FLOAT) AS f, 2.25D AS d, 'x' AS s, true AS b, CAST('ab' AS BINARY) AS bin, DATE '2020-07-01' AS dt, TIMESTAMP '2020-07-01 00:25:32.5' AS ts, CAST(NULL AS INT) AS n")
rows(df)
`},
	{"row_collect_quotes", `
rows(spark.createDataFrame([("it's",), ('say "hi"',), ("back\\slash",), ("tab\there",)], "s STRING"))
`},
	{"row_count_filter", `
count(cards().filter("flag = 1"))
count(cards().filter(F.col("amount") > 1e6))
`},
	{"row_conf_get", `
print(spark.conf.get("spark.sql.shuffle.partitions"))
print(spark.conf.get("spark.sql.session.timeZone"))
`},
}

var timeCases = []Case{
	{"ts_to_timestamp_default", `
df = spark.createDataFrame([("2020-07-01 00:25:32",), ("2020-07-01",), ("bad",), (None,)], "s STRING")
df.select("s", F.to_timestamp("s")).show()
`},
	{"ts_to_timestamp_format", `
df = spark.createDataFrame([("01/07/2020 13:05",), ("31/12/2020 23:59",), ("2020-07-01 13:05",)], "s STRING")
df.select("s", F.to_timestamp("s", "dd/MM/yyyy HH:mm").alias("t")).show()
`},
	{"ts_date_format", `
c = F.col("tpep_pickup_datetime")
seed().select(F.date_format(c, "yyyy-MM-dd HH:mm"), F.date_format(c, "EEE, d MMM yyyy"), F.date_format(c, "HH:mm:ss.SSS")).show(3, truncate=False)
`},
	{"ts_hour", `
seed().groupBy(F.hour("tpep_pickup_datetime").alias("h")).count().orderBy("h").show()
`},
	{"ts_current_timestamp", `
df = spark.range(1).select(F.current_timestamp().alias("now"))
df.printSchema()
count(df.filter(F.col("now") > F.lit("2020-01-01").cast("timestamp")))
`},
	{"ts_filter_string_compare", `
count(seed().filter(F.col("tpep_pickup_datetime") >= "2020-07-01 01:45:00"))
`},
	{"ts_fractional_show", `
df = spark.createDataFrame([("2020-07-01 00:00:00.5",), ("2020-07-01 00:00:00.123456",), ("2020-07-01 00:00:00.100",), ("2020-07-01 00:00:00",)], "s STRING")
df.select(F.col("s").cast("timestamp").alias("t")).show(truncate=False)
`},
	{"ts_trip_minutes", `
d = seed().select(((F.col("tpep_dropoff_datetime").cast("long") - F.col("tpep_pickup_datetime").cast("long")) / 60).alias("minutes"))
d.orderBy(F.col("minutes").desc()).show(5)
`},
	{"ts_date_show", `
df = spark.createDataFrame([("2020-07-01",), ("1999-12-31",)], "s STRING").select(F.col("s").cast("date").alias("d"))
df.printSchema()
df.show()
rows(df)
`},
}

var errorCases = []Case{
	{"err_unknown_column_select", `
cards().select("nme").show()
`},
	{"err_unknown_column_filter_string", `
cards().filter("amout > 1").show()
`},
	{"err_unknown_column_col", `
cards().select(F.col("flg") + 1).show()
`},
	{"err_unknown_column_no_suggestion", `
spark.range(3).select("zzzzzzzz").show()
`},
	{"err_unknown_function_sql", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT foo(name) FROM cards").show()
`},
	{"err_unknown_function_expr", `
cards().select(F.expr("bar(amount)")).show()
`},
	{"err_parse_sql", `
spark.sql("SELECT FROM cards WHERE").show()
`},
	{"err_parse_select_expr", `
cards().selectExpr("amount +").show()
`},
	{"err_parse_filter", `
cards().filter("flag = = 1").show()
`},
	{"err_parse_unclosed_string", `
spark.sql("SELECT 'abc FROM cards").show()
`},
	{"err_parse_missing_paren", `
spark.sql("SELECT count(name FROM cards").show()
`},
	{"err_type_and_double", `
cards().select(F.col("amount") & F.col("flag")).show()
`},
	{"err_type_from_json_int", `
cards().select(F.from_json(F.col("flag"), "a INT")).show()
`},
	{"err_type_filter_not_boolean", `
cards().filter(F.col("amount")).show()
`},
	{"err_type_getitem_string", `
cards().select(F.col("name").getItem(0)).show()
`},
	{"err_cast_array_to_int", `
cards().select(F.split("name", "a").cast("int")).show()
`},
	{"err_cast_unknown_type", `
cards().select(F.col("amount").cast("money")).show()
`},
	{"err_table_not_found_sql", `
spark.sql("SELECT * FROM nope").show()
`},
	{"err_table_not_found_api", `
spark.table("nope").show()
`},
	{"err_missing_aggregation", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, amount FROM cards GROUP BY name").show()
`},
	{"err_union_column_count", `
a = spark.createDataFrame([(1, "x")], "a INT, b STRING")
a.union(spark.createDataFrame([(1,)], "a INT")).show()
`},
	{"err_union_by_name_missing", `
a = spark.createDataFrame([(1, "x")], "a INT, b STRING")
a.unionByName(spark.createDataFrame([(1,)], "a INT")).show()
`},
	{"err_ambiguous_join_column", `
a, b = jleft(), jright()
a.join(b, a["id"] == b["id"]).select("id").show()
`},
	{"err_group_by_unknown", `
cards().groupBy("nope").count().show()
`},
	{"err_sum_non_numeric", `
cards().groupBy("name").sum("surname").show()
`},
	{"err_order_by_unknown", `
cards().orderBy("nope").show()
`},
	{"err_drop_duplicates_unknown", `
cards().dropDuplicates(["nope"]).show()
`},
	{"err_renamed_old_name", `
cards().withColumnRenamed("name", "who").select("name").show()
`},
	{"err_star_non_struct", `
cards().select("name.*").show()
`},
	{"err_create_df_bad_ddl", `
spark.createDataFrame([(1,)], "a INTT").show()
`},
	{"err_window_bad_duration", `
ev().groupBy(F.window("ts", "10 parsecs")).count().show()
`},
	{"err_output_before_error", `
df = cards()
df.select("name").show(1)
df.select("nope").show()
`},
}
