package pycases

var selectCases = []Case{
	{"select_names", `
cards().select("name", "amount").show()
`},
	{"select_alias", `
cards().select(F.col("name").alias("who"), (F.col("amount") * 2).alias("double_amount")).show()
`},
	{"select_star", `
cards().select("*").limit(2).show()
`},
	{"select_expr_strings", `
cards().selectExpr("name", "amount * 100 AS cents", "flag = 1 AS flagged").show()
`},
	{"select_generated_names", `
df = cards().select(F.col("amount") + 1, F.col("flag") * F.col("delta_t"), F.lit(1), F.lit("x"), F.col("name").isNull(), F.col("amount").cast("int"))
print(",".join(df.columns))
df.printSchema()
`},
	{"select_df_col", `
df = cards()
df.select(df["name"], df["flag"]).show(2)
`},
	{"select_lit_types", `
df = spark.range(1).select(F.lit(1), F.lit(1.5), F.lit("s"), F.lit(True), F.lit(None))
df.printSchema()
df.show()
`},
	{"select_expr_function", `
cards().select(F.expr("upper(name) AS n"), F.expr("amount + delta_t")).show(3)
`},
	{"filter_column", `
cards().filter(F.col("flag") == 1).show()
`},
	{"filter_string", `
cards().filter("amount > 100 AND flag = 0").show()
`},
	{"filter_where_chain", `
cards().where(F.col("amount") > 10).where(F.col("delta_t") < 20).select("name", "amount").show()
`},
	{"filter_isin", `
cards().filter(F.col("name").isin("Alice", "Eve")).show()
`},
	{"filter_like", `
cards().filter(F.col("surname").like("%o%")).show()
`},
	{"filter_rlike", `
cards().filter(F.col("name").rlike("^[A-C]")).select("name").show()
`},
	{"filter_between", `
cards().filter(F.col("amount").between(10, 100)).show()
`},
	{"filter_not", `
cards().filter(~(F.col("flag") == 1)).select("name", "flag").show()
`},
	{"filter_and_or", `
cards().filter((F.col("amount") > 1000) | ((F.col("flag") == 1) & (F.col("delta_t") <= 2))).show()
`},
	{"filter_comparisons", `
cards().select("name",
    (F.col("amount") == 15.0).alias("eq"), (F.col("amount") != 15.0).alias("ne"),
    (F.col("amount") > 100).alias("gt"), (F.col("amount") >= 120.5).alias("ge"),
    (F.col("amount") < 10).alias("lt"), (F.col("amount") <= 15).alias("le")).show()
`},
	{"with_column_new", `
cards().withColumn("amount_x2", F.col("amount") * 2).show(4)
`},
	{"with_column_replace", `
cards().withColumn("amount", F.round(F.col("amount"))).show(4)
`},
	{"with_column_renamed", `
cards().withColumnRenamed("delta_t", "dt").printSchema()
`},
	{"with_column_renamed_missing", `
print(",".join(cards().withColumnRenamed("nope", "x").columns))
`},
	{"drop_one", `
cards().drop("surname").show(3)
`},
	{"drop_many", `
cards().drop("surname", "delta_t", "nope").show(3)
`},
	{"columns_list", `
print(",".join(cards().columns))
print(",".join(events().columns))
`},
}

var stringCases = []Case{
	{"str_upper_lower_length", `
cards().select(F.upper("name"), F.lower("surname"), F.length("surname")).show()
`},
	{"str_trim", `
spark.createDataFrame([("  a  ",), (" b",), ("",), (None,)], "s STRING").select(F.trim(F.col("s")).alias("t"), F.length("s")).show()
`},
	{"str_substring", `
cards().select(F.substring("surname", 1, 3), F.substring("name", 2, 10), F.substring("name", -2, 2)).show()
`},
	{"str_concat", `
cards().select(F.concat(F.col("name"), F.lit(" "), F.col("surname")).alias("full")).show()
`},
	{"str_concat_null", `
df = spark.createDataFrame([("a", "b"), ("a", None), (None, None)], "x STRING, y STRING")
df.select(F.concat("x", "y"), F.concat_ws("-", "x", "y")).show()
`},
	{"str_concat_ws", `
cards().select(F.concat_ws(", ", "surname", "name")).show(3)
`},
	{"str_concat_numbers", `
cards().select(F.concat("name", "amount"), F.concat_ws("|", "flag", "delta_t")).show(3)
`},
	{"str_split", `
cards().select(F.split(F.col("surname"), "-").alias("parts")).show(truncate=False)
`},
	{"str_split_regex", `
df = spark.createDataFrame([("a,b;c",), ("x",), ("",), (None,), ("1;;2,",)], "s STRING")
df.select(F.split(F.col("s"), "[,;]").alias("p")).show()
`},
	{"str_split_getitem", `
cards().select(F.split(F.col("surname"), "-").getItem(0), F.split(F.col("surname"), "-").getItem(3)).show()
`},
	{"str_split_schema", `
cards().select(F.split(F.col("surname"), "-").alias("parts")).printSchema()
`},
	{"str_regexp_extract", `
cards().select(F.regexp_extract("surname", "([A-Z])([a-z]+)", 2).alias("tail"), F.regexp_extract("name", "(\\d+)", 1).alias("digits")).show()
`},
	{"str_regexp_replace", `
cards().select(F.regexp_replace("surname", "[aeiou]", "*")).show()
`},
	{"str_regexp_replace_groups", `
cards().select(F.regexp_replace("name", "(\\w)(\\w*)", "$2$1").alias("swapped")).show(4)
`},
	{"str_unicode_width", `
spark.createDataFrame([("Zoë",), ("日本語",), ("a😀",), ("plain",)], "s STRING").select("s", F.length("s"), F.upper("s")).show()
`},
}

var castCases = []Case{
	{"cast_string_to_numbers", `
df = spark.createDataFrame([("1",), ("2.5",), ("abc",), (" 7 ",), (None,), ("2147483648",), ("-0",), ("1e3",)], "s STRING")
df.select("s", F.col("s").cast("int"), F.col("s").cast("long"), F.col("s").cast("double")).show()
`},
	{"cast_string_to_boolean", `
df = spark.createDataFrame([(v,) for v in ["true", "FALSE", "t", "f", "yes", "no", "y", "n", "1", "0", "maybe", None]], "s STRING")
df.select("s", F.col("s").cast("boolean")).show()
`},
	{"cast_string_to_timestamp", `
vals = ["2020-07-01 00:25:32", "2020-07-01T00:25:32", "2020-07-01", "2020-07-01 00:25:32.123456", "2020-07-01 00:25",
        "2020-7-1 1:2:3", "2020-07-01T00:25:32Z", "2020-07-01 00:25:32+02:00", "not a time", ""]
df = spark.createDataFrame([(v,) for v in vals], "s STRING")
df.select("s", F.col("s").cast("timestamp").alias("ts")).show(truncate=False)
`},
	{"cast_string_to_date", `
df = spark.createDataFrame([("2020-07-01",), ("2020-07-01 12:00:00",), ("2020/07/01",), ("x",)], "s STRING")
df.select("s", F.col("s").cast("date").alias("d")).show()
`},
	{"cast_numeric", `
spark.range(1).select(F.lit(3.99).cast("int"), F.lit(-3.99).cast("int"), F.lit(3000000000).cast("int"),
    F.lit(1.5).cast("string"), F.lit(10000000.0).cast("string"), F.lit(7).cast("double"),
    F.lit(1).cast("boolean"), F.lit(0.1).cast("float")).show()
`},
	{"cast_timestamp_to_others", `
c = F.col("tpep_pickup_datetime")
seed().select(c, c.cast("long"), c.cast("string"), c.cast("date"), c.cast("double")).show(3)
`},
	{"cast_with_types", `
df = cards().select(F.col("flag").cast(T.BooleanType()), F.col("amount").cast(T.IntegerType()),
    F.col("delta_t").cast(T.StringType()), F.col("amount").cast(T.FloatType()))
df.printSchema()
df.show(3)
`},
	{"cast_sql", `
spark.sql("SELECT CAST('12' AS INT) AS a, CAST('x' AS INT) AS b, CAST(1.9 AS INT) AS c, CAST('2020-07-01 10:00:00' AS TIMESTAMP) AS d, CAST(NULL AS STRING) AS e, CAST(true AS INT) AS f").show()
`},
	{"cast_float_values", `
df = seed().select("trip_distance", "total_amount")
df.show(5)
rows(df.limit(3))
`},
	{"cast_double_formatting", `
vals = [0.0, -0.0, 1.0, 0.1, 1e-4, 0.001, 1234567.0, 1e7, 12345678.9, 1e21, float("nan"), float("inf"), None]
df = spark.createDataFrame([(v,) for v in vals], "d DOUBLE")
df.show()
rows(df)
`},
	{"cast_float_formatting", `
df = spark.createDataFrame([(v,) for v in [0.1, 1e7, 3.14159, 2.5, None]], "f FLOAT")
df.show()
rows(df)
`},
}

var arithCases = []Case{
	{"arith_int_ops", `
df = spark.createDataFrame([(7, 2), (1, 3), (5, 0), (-7, 2), (None, 1)], "a INT, b INT")
df.select("a", "b", F.col("a") / F.col("b"), F.col("a") % F.col("b"), F.col("a") + F.col("b"), F.col("a") - F.col("b"), F.col("a") * F.col("b")).show()
`},
	{"arith_int_ops_schema", `
df = spark.createDataFrame([(7, 2)], "a INT, b INT")
df.select(F.col("a") / F.col("b"), F.col("a") % F.col("b"), F.col("a") + F.col("b"), F.col("a") * 1.5).printSchema()
`},
	{"arith_mixed_types", `
cards().select(F.col("amount") + F.col("flag"), F.col("delta_t") * 2, F.col("delta_t") / 4, F.col("amount") % 7).show(4)
`},
	{"arith_overflow", `
df = spark.createDataFrame([(2147483647, 9223372036854775807)], "i INT, l LONG")
df.select(F.col("i") + 1, F.col("l") + 1, F.col("i") * 2).show()
`},
	{"arith_sql_literals", `
df = spark.sql("SELECT 7/2 AS a, 7 % 3 AS c, -7 % 3 AS d, 2 * 3 + 1 AS e, 1/0 AS f, 10 - 2 - 3 AS g")
df.printSchema()
df.show()
`},
	{"arith_decimal_literal", `
df = spark.sql("SELECT 1.5 AS x, 0.1 + 0.2 AS y")
df.printSchema()
df.show()
`},
	{"math_round_abs", `
df = spark.createDataFrame([(v,) for v in [2.5, -2.5, 1.005, 123.456, -0.4, None]], "x DOUBLE")
df.select("x", F.round("x"), F.round("x", 1), F.round("x", -1), F.abs("x")).show()
`},
	{"math_round_int", `
df = spark.createDataFrame([(15,), (-25,)], "i INT").select(F.round("i", -1), F.abs("i"))
df.printSchema()
df.show()
`},
	{"arith_string_coercion", `
df = spark.createDataFrame([("10",), ("x",)], "s STRING").select(F.col("s") + 1, F.col("s") * 2.5)
df.printSchema()
df.show()
`},
}

var nullCases = []Case{
	{"null_three_valued_logic", `
df = spark.createDataFrame([(True, None), (False, None), (None, None), (True, False)], "a BOOLEAN, b BOOLEAN")
df.select("a", "b", F.col("a") & F.col("b"), F.col("a") | F.col("b"), ~F.col("a")).show()
`},
	{"null_equality", `
df = spark.createDataFrame([(1, None), (None, None), (1, 1)], "a INT, b INT")
df.select(F.col("a") == F.col("b"), F.expr("a <=> b"), F.col("a") != F.col("b"), F.col("a") > F.col("b")).show()
`},
	{"null_is_null", `
df = nulls()
df.filter(F.col("name").isNull()).show()
count(df.filter(F.col("score").isNotNull()))
`},
	{"null_filter_unknown_dropped", `
nulls().filter(F.col("id") > 3).select("id", "name").show()
`},
	{"null_coalesce", `
nulls().select("id", F.coalesce(F.col("name"), F.lit("?")), F.coalesce(F.col("score"), F.lit(0.0)).alias("score")).show()
`},
	{"null_when_otherwise", `
cards().select("name", F.when(F.col("amount") > 1000, "big").when(F.col("amount") > 100, "medium").otherwise("small").alias("size")).show()
`},
	{"null_when_no_otherwise", `
cards().select("name", F.when(F.col("flag") == 1, F.col("amount"))).show()
`},
	{"null_in_list", `
df = spark.createDataFrame([(1,), (2,), (None,)], "a INT")
df.select("a", F.col("a").isin(1, None), F.col("a").isin(2, 3)).show()
`},
	{"null_aggregates", `
df = spark.createDataFrame([("a", None), ("a", None), ("b", 1), ("b", None)], "k STRING, v INT")
df.groupBy("k").agg(F.count("v"), F.sum("v"), F.avg("v"), F.min("v"), F.max("v"), F.count("*")).orderBy("k").show()
`},
	{"null_groupby_key", `
nulls().groupBy("active").count().orderBy("active").show()
`},
	{"null_distinct", `
spark.createDataFrame([(None,), (None,), (1,)], "a INT").distinct().orderBy("a").show()
`},
	{"null_order_asc_desc", `
df = nulls().select("id", "score")
df.orderBy("score").show()
df.orderBy(F.col("score").desc()).show()
`},
	{"null_show_text", `
spark.createDataFrame([(None, None, None, None)], "a STRING, b INT, c ARRAY<INT>, d DOUBLE").show()
`},
	{"null_sum_all_null", `
spark.createDataFrame([(None,), (None,)], "v INT").groupBy().sum("v").show()
`},
	{"null_count_distinct", `
df = spark.createDataFrame([("a", 1), ("a", None), (None, 1), ("b", 2), ("b", 2)], "x STRING, y INT")
df.select(F.countDistinct("x"), F.countDistinct("x", "y"), F.count("x")).show()
`},
	{"null_arith_propagation", `
nulls().select("id", F.col("id") + 1, F.col("score") * 2, F.upper("name"), F.length("name")).show()
`},
}
