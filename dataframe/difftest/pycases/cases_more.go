package pycases

// moreCases are SQL and function edge cases that notebooks hit often.
var moreCases = []Case{
	{"sql2_group_order_ordinal", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, count(*) AS n FROM cards GROUP BY 1 ORDER BY 2 DESC, 1").show()
`},
	{"sql2_union_all", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name FROM cards WHERE flag = 1 UNION ALL SELECT surname FROM cards WHERE amount < 10").show()
`},
	{"sql2_concat_operator", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name || ' ' || surname AS full, 'x' || NULL AS n FROM cards ORDER BY amount LIMIT 3").show()
`},
	{"sql2_comments_keywords_case", `
cards().createOrReplaceTempView("cards")
spark.sql("""select Name, AMOUNT -- a comment
from CARDS /* block */ where Flag = 1 order by amount desc limit 2""").show()
`},
	{"sql2_star_plus_expr", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT *, amount * 2 AS dbl FROM cards WHERE NOT flag = 1 ORDER BY amount LIMIT 3").show()
`},
	{"sql2_join_types", `
jleft().createOrReplaceTempView("l")
jright().createOrReplaceTempView("r")
spark.sql("SELECT l.id, l.l, r.r FROM l RIGHT JOIN r ON l.id = r.id ORDER BY r.r").show()
spark.sql("SELECT l.l, r.r FROM l FULL OUTER JOIN r ON l.id = r.id ORDER BY l.l, r.r").show()
spark.sql("SELECT * FROM l LEFT SEMI JOIN r ON l.id = r.id ORDER BY l").show()
spark.sql("SELECT * FROM l LEFT ANTI JOIN r ON l.id = r.id ORDER BY l").show()
`},
	{"sql2_cross_join_count", `
jleft().createOrReplaceTempView("l")
jright().createOrReplaceTempView("r")
spark.sql("SELECT count(*) AS n FROM l CROSS JOIN r").show()
`},
	{"sql2_nested_subqueries", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT flag, max(total) AS best FROM (SELECT flag, name, sum(amount) AS total FROM (SELECT * FROM cards WHERE amount > 1) a GROUP BY flag, name) b GROUP BY flag ORDER BY flag").show()
`},
	{"sql2_avg_formatting", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, avg(delta_t) AS a, avg(amount) AS b, sum(amount) / count(*) AS c FROM cards GROUP BY name ORDER BY name").show()
`},
	{"sql2_cast_strings", `
spark.sql("SELECT CAST(1e-5 AS STRING) AS a, CAST(123456789.0 AS STRING) AS b, CAST(1.0E20 AS STRING) AS c, CAST(CAST(1.1 AS FLOAT) AS STRING) AS d, CAST(-0.0 AS STRING) AS e, CAST(100 AS STRING) AS f").show()
`},
	{"sql2_ambiguous_column", `
jleft().createOrReplaceTempView("l")
jright().createOrReplaceTempView("r")
spark.sql("SELECT id FROM l JOIN r ON l.id = r.id").show()
`},
	{"sql2_unknown_column_order_by", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name FROM cards ORDER BY nme").show()
`},
	{"sql2_parse_trailing_comma", `
spark.sql("SELECT 1, FROM x").show()
`},
	{"sql2_parse_bad_keyword", `
spark.sql("SELECT * FORM cards").show()
`},
	{"sql2_backtick_dotted_name", `
df = spark.createDataFrame([(1, 2)], "` + "`a.b`" + ` INT, c INT")
df.select("` + "`a.b`" + `", "c").show()
df.createOrReplaceTempView("dotted")
spark.sql("SELECT ` + "`a.b`" + ` + c AS s FROM dotted").show()
`},
	{"fn2_col_with_dash", `
events().select(F.col("User-Agent"), F.col("` + "`User-Agent`" + `").alias("ua")).distinct().orderBy("ua").show()
`},
	{"fn2_substring_edges", `
df = spark.createDataFrame([("abcdef",), ("",), (None,)], "s STRING")
df.select(F.substring("s", 0, 2), F.substring("s", 1, 0), F.substring("s", 5, 10), F.substring("s", -3, 2), F.substring("s", 10, 2)).show()
`},
	{"fn2_regexp_extract_group0", `
cards().select(F.regexp_extract("surname", "[A-Z][a-z]+", 0).alias("g0"), F.regexp_extract("surname", "(x)?([a-z]+)", 1).alias("opt")).show(4)
`},
	{"fn2_date_format_patterns", `
df = spark.createDataFrame([("2020-07-01 00:25:32.123",), ("2021-12-31 23:05:09",)], "s STRING").select(F.col("s").cast("timestamp").alias("t"))
df.select(F.date_format("t", "yyyy-MM-dd'T'HH:mm:ss"), F.date_format("t", "hh:mm a"), F.date_format("t", "MMMM d, yyyy"), F.date_format("t", "E D"), F.date_format("t", "yy/M/d H:m:s.SSS")).show(truncate=False)
`},
	{"fn2_to_timestamp_formats", `
df = spark.createDataFrame([("2020-07-01",), ("2020/07/01 10:11:12",), ("07-01-2020",), ("",)], "s STRING")
df.select("s", F.to_timestamp("s", "yyyy/MM/dd HH:mm:ss").alias("a"), F.to_timestamp("s", "MM-dd-yyyy").alias("b"), F.to_timestamp("s", "yyyy-MM-dd").alias("c")).show()
`},
	{"fn2_when_types", `
cards().select("name", F.when(F.col("flag") == 1, 1).otherwise(0.5).alias("w"), F.when(F.col("amount") > 100, F.col("delta_t")).otherwise(F.lit(None)).alias("v")).printSchema()
`},
	{"fn2_coalesce_types", `
df = nulls().select(F.coalesce("id", F.lit(0)).alias("i"), F.coalesce("score", "id").alias("s"), F.coalesce("name", F.col("id").cast("string")).alias("n"))
df.printSchema()
df.show()
`},
	{"fn2_chained_with_columns", `
df = cards().withColumn("a", F.col("amount") * 2).withColumn("b", F.col("a") + 1).withColumn("a", F.lit("replaced")).withColumnRenamed("b", "c").drop("surname", "delta_t")
df.printSchema()
df.show(3)
`},
	{"fn2_filter_then_drop_duplicates", `
cards().filter("amount > 10").orderBy(F.col("amount").desc()).dropDuplicates(["flag"]).select("flag").orderBy("flag").show()
`},
	{"fn2_map_int_keys_rows", `
df = spark.createDataFrame([('{"m": {"1": "a", "2": null}}',)], "v STRING").select(F.from_json(F.col("v"), "m MAP<INT, STRING>").alias("d"))
df.show(truncate=False)
rows(df)
`},
	{"fn2_round_half_even_floats", `
df = spark.createDataFrame([(0.125,), (0.135,), (2.675,), (1e-10,), (123456789.987654321,)], "x DOUBLE")
df.select("x", F.round("x", 2), F.round("x", 0), F.round(F.col("x").cast("float"), 2)).show()
`},
	{"fn2_length_types", `
spark.createDataFrame([(bytearray(b"abc"), 12345, 1.5)], "b BINARY, i INT, d DOUBLE").select(F.length("b"), F.length("i"), F.length("d"), F.upper("i")).show()
`},
	{"fn2_like_escapes", `
df = spark.createDataFrame([("100%",), ("a_b",), ("axb",), ("back\\\\slash",)], "s STRING")
df.select("s", F.col("s").like("%\\%"), F.col("s").like("a\\_b"), F.col("s").like("a_b"), F.col("s").rlike("\\\\")).show()
`},
	{"fn2_get_item_map_and_negative", `
df = spark.createDataFrame([('{"a": [1, 2, 3], "m": {"k": 1}}',)], "v STRING").select(F.from_json(F.col("v"), "a ARRAY<INT>, m MAP<STRING, INT>").alias("d"))
df.select(F.col("d.a").getItem(-1), F.col("d.a").getItem(2), F.col("d.m").getItem("k"), F.col("d.m").getItem("zz"), F.col("d.m")["k"]).show()
`},
	{"fn2_first_last_ignorenulls", `
nulls().groupBy("active").agg(F.first("name"), F.last("score"), F.first("name", True), F.last("score", True)).orderBy("active").show()
`},
}
