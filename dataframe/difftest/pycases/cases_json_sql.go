package pycases

var jsonCases = []Case{
	{"json_from_json_struct", `
schema = T.StructType([T.StructField("event_type", T.StringType()), T.StructField("price", T.DoubleType()), T.StructField("Host", T.StringType())])
spark.read.text(EVENTS).select(F.from_json(F.col("value"), schema).alias("data")).select("data.*").show()
`},
	{"json_from_json_ddl", `
df = spark.read.text(EVENTS).select(F.from_json(F.col("value"), "event_type STRING, attributes STRUCT<level: INT, tags: ARRAY<STRING>>").alias("d"))
df.printSchema()
df.show(truncate=False)
`},
	{"json_from_json_malformed", `
vals = ['{"a": 1, "b": "x"}', '{"a": "oops", "b": "y"}', 'not json', '{"a": 2', None, '{}', '[1,2]', '{"a": 3.0, "b": 4}']
df = spark.createDataFrame([(v,) for v in vals], "value STRING")
df.select(F.from_json(F.col("value"), "a INT, b STRING").alias("d")).select("d", "d.a", "d.b").show()
`},
	{"json_to_json", `
cards().select(F.to_json(F.struct("name", "amount", "flag")).alias("j")).show(truncate=False)
`},
	{"json_to_json_nulls_nested", `
vals = ['{"a": 1.0, "b": null, "c": [1, 2], "d": {"e": "x", "f": null}, "g": 1e10, "h": 0.1}', '{"a": null, "c": [], "d": null}']
df = spark.createDataFrame([(v,) for v in vals], "value STRING")
s = df.select(F.from_json(F.col("value"), "a DOUBLE, b STRING, c ARRAY<INT>, d STRUCT<e: STRING, f: INT>, g DOUBLE, h FLOAT").alias("s"))
s.select(F.to_json(F.col("s")).alias("j")).show(truncate=False)
`},
	{"json_schema_of_json", `
spark.range(1).select(F.schema_of_json(F.lit('{"a": 1, "b": [1.5], "c": {"d": "x"}, "e": null, "f": true}'))).show(truncate=False)
`},
	{"json_schema_of_json_event", `
line = '{"Accept": "*/*", "Host": "localhost:5000", "User-Agent": "curl/7.47.0", "event_type": "purchase_sword", "price": 10}'
spark.range(1).select(F.schema_of_json(F.lit(line)).alias("schema")).show(truncate=False)
`},
	{"json_get_json_object", `
spark.read.text(EVENTS).select(F.get_json_object("value", "$.event_type").alias("t"),
    F.get_json_object("value", "$.attributes.level").alias("level"),
    F.get_json_object("value", "$.attributes.tags[0]").alias("tag0"),
    F.get_json_object("value", "$.attributes").alias("attrs")).show(truncate=False)
`},
	{"json_get_json_object_edge", `
vals = ['{"a": {"b": [10, 20]}, "c": "s", "d": 1.50, "e": null}', 'nope', None]
df = spark.createDataFrame([(v,) for v in vals], "j STRING")
df.select(F.get_json_object("j", "$.a.b[1]"), F.get_json_object("j", "$.a.b"), F.get_json_object("j", "$.c"),
    F.get_json_object("j", "$.d"), F.get_json_object("j", "$.e"), F.get_json_object("j", "$.zz")).show()
`},
	{"json_struct_fields", `
events().select("event_type", F.col("attributes").getField("level"), F.col("attributes.tags").getItem(1), "attributes.tags").show()
`},
	{"json_from_json_group", `
d = spark.read.text(EVENTS).select(F.from_json(F.col("value"), "event_type STRING, price DOUBLE").alias("d"))
d.groupBy("d.event_type").agg(F.count("*"), F.sum("d.price")).orderBy("event_type").show()
`},
	{"json_df_to_json", `
for s in cards().limit(3).toJSON().collect():
    print(s)
`},
	{"json_sql_functions", `
spark.sql("""SELECT from_json('{"a":1}', 'a INT') AS j, get_json_object('{"a":{"b":2}}', '$.a.b') AS g, to_json(named_struct('x', 1, 'y', 'z')) AS t""").show()
`},
	{"json_cards_socket_style", `
schema = T.StructType([T.StructField("name", T.StringType()), T.StructField("amount", T.DoubleType()), T.StructField("flag", T.IntegerType())])
tx = spark.read.text(CARDS).select(F.from_json(F.col("value"), schema).alias("data")).select("data.*")
tx.filter("flag = 1").groupBy("name").count().createOrReplaceTempView("flagged")
spark.sql("SELECT name, count FROM flagged WHERE count > 1 ORDER BY name").show()
`},
	{"json_nested_values", `
vals = ['{"a":[{"z":1.5},{"z":null}],"m":{"k":[1,2]},"s":{"x":"a","y":[]}}', '{"a":[],"m":{},"s":null}']
df = spark.createDataFrame([(v,) for v in vals], "value STRING")
d = df.select(F.from_json(F.col("value"), "a ARRAY<STRUCT<z: DOUBLE>>, m MAP<STRING, ARRAY<INT>>, s STRUCT<x: STRING, y: ARRAY<STRING>>").alias("d")).select("d.*")
d.printSchema()
d.show(truncate=False)
rows(d)
`},
}

var sqlCases = []Case{
	{"sql_select_where", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, amount FROM cards WHERE amount > 100 ORDER BY amount").show()
`},
	{"sql_case_when", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, amount, CASE WHEN amount > 1000 THEN 'big' WHEN amount > 50 THEN 'mid' ELSE 'small' END AS size FROM cards ORDER BY name, amount").show()
`},
	{"sql_case_simple", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, CASE flag WHEN 1 THEN 'fraud' ELSE 'ok' END AS status FROM cards ORDER BY amount").show()
`},
	{"sql_in_not_in", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, surname, amount FROM cards WHERE name IN ('Alice', 'Bob', 'Dave') AND surname NOT IN ('Jones') ORDER BY amount").show()
`},
	{"sql_between", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, amount FROM cards WHERE amount BETWEEN 10 AND 100 ORDER BY amount").show()
spark.sql("SELECT name, amount FROM cards WHERE amount NOT BETWEEN 10 AND 1000 ORDER BY amount").show()
`},
	{"sql_like", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, surname FROM cards WHERE surname LIKE 'B%' OR name LIKE '_ve' OR surname NOT LIKE '%i%' ORDER BY amount").show()
`},
	{"sql_is_null", `
nulls().createOrReplaceTempView("n")
spark.sql("SELECT id, name, score FROM n WHERE name IS NULL OR score IS NOT NULL ORDER BY id").show()
`},
	{"sql_backticks", "\n" + `events().createOrReplaceTempView("ev")
spark.sql("SELECT ` + "`User-Agent`" + ` AS ua, count(*) AS n FROM ev GROUP BY ` + "`User-Agent`" + ` ORDER BY ua").show()
spark.sql("SELECT ` + "`event_type` AS `event type`" + ` FROM ev LIMIT 2").show()
`},
	{"sql_table_aliases", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT c.name AS n, c.amount a FROM cards AS c WHERE c.flag = 1 ORDER BY a").show()
`},
	{"sql_data_star", `
spark.read.text(EVENTS).createOrReplaceTempView("raw")
spark.sql("SELECT data.* FROM (SELECT from_json(value, 'event_type STRING, price DOUBLE') AS data FROM raw) WHERE data.price IS NOT NULL ORDER BY price, event_type").show()
`},
	{"sql_count_distinct", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT count(DISTINCT name) AS names, count(*) AS n, count(name), count(DISTINCT flag) FROM cards").show()
`},
	{"sql_group_having_order_limit", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, sum(amount) AS total, count(*) AS n FROM cards GROUP BY name HAVING count(*) > 1 ORDER BY total DESC LIMIT 2").show()
`},
	{"sql_having_alias", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT flag, count(*) c FROM cards GROUP BY flag HAVING c > 5").show()
`},
	{"sql_subquery", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT name, total FROM (SELECT name, sum(amount) AS total FROM cards GROUP BY name) t WHERE total > 100 ORDER BY total").show()
`},
	{"sql_join", `
cards().createOrReplaceTempView("cards")
tiers().createOrReplaceTempView("tiers")
spark.sql("SELECT c.name, c.amount, t.tier FROM cards c JOIN tiers t ON c.name = t.name AND c.surname = t.surname ORDER BY c.amount").show()
`},
	{"sql_left_join_group", `
zones().createOrReplaceTempView("zones")
rides().createOrReplaceTempView("rides")
spark.sql("SELECT z.Borough, count(r.VendorID) AS rides FROM zones z LEFT JOIN rides r ON r.PULocationID = z.LocationID GROUP BY z.Borough ORDER BY z.Borough").show()
`},
	{"sql_distinct", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT DISTINCT flag FROM cards ORDER BY flag").show()
spark.sql("SELECT DISTINCT name, flag FROM cards ORDER BY name, flag").show()
`},
	{"sql_literals", `
df = spark.sql("SELECT 1 AS i, 2147483648 AS l, 1.5e0 AS d, 'it''s' AS s, \"dq\" AS s2, true AS b, NULL AS n, TIMESTAMP '2020-07-01 00:00:00' AS ts, DATE '2020-07-01' AS dt, -5 AS neg")
df.printSchema()
df.show()
`},
	{"sql_string_functions", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT upper(name), lower(surname), length(surname), substring(surname, 2, 3), concat(name, '-', surname), concat_ws('/', name, surname), trim('  x  ') FROM cards ORDER BY amount LIMIT 3").show()
`},
	{"sql_hour_group", `
seed().createOrReplaceTempView("rides")
spark.sql("SELECT hour(tpep_pickup_datetime) AS h, count(*) AS n FROM rides GROUP BY hour(tpep_pickup_datetime) ORDER BY h").show()
`},
	{"sql_time_functions", `
spark.sql("SELECT date_format(TIMESTAMP '2020-07-01 13:05:09', 'yyyy/MM/dd HH:mm') AS a, to_timestamp('01/07/2020 13:05', 'dd/MM/yyyy HH:mm') AS b, to_timestamp('2020-07-01 13:05:09') AS c, hour('2020-07-01 13:05:09') AS h").show()
`},
	{"sql_window_fields", `
ev().createOrReplaceTempView("ev")
spark.sql("SELECT window.start, window.end, count(*) AS n FROM ev GROUP BY window(ts, '10 minutes') ORDER BY start").show()
`},
	{"sql_nested_fields", `
events().createOrReplaceTempView("ev")
spark.sql("SELECT event_type, attributes.level, attributes.tags[0] AS first_tag FROM ev WHERE attributes IS NOT NULL ORDER BY timestamp").show()
`},
	{"sql_order_nulls", `
nulls().createOrReplaceTempView("n")
spark.sql("SELECT id, score FROM n ORDER BY score DESC NULLS FIRST, id").show()
spark.sql("SELECT id, name FROM n ORDER BY name ASC NULLS LAST").show()
`},
	{"sql_filter_string_functions", `
cards().filter("upper(name) = 'ALICE' AND amount BETWEEN 100 AND 500").show()
`},
	{"sql_select_expr_kafka_style", `
df = spark.createDataFrame([(bytearray(b"k1"), bytearray(b"v, 1")), (None, bytearray(b"x"))], "key BINARY, value BINARY")
df.show()
s = df.selectExpr("CAST(key AS STRING)", "CAST(value AS STRING)")
s.printSchema()
s.show()
`},
	{"sql_aggregate_names", `
cards().createOrReplaceTempView("cards")
spark.sql("SELECT count(*), count(1), count(flag), sum(flag), avg(amount), min(name), max(name) FROM cards").show()
`},
	{"sql_table_api", `
cards().createOrReplaceTempView("cards")
count(spark.table("cards"))
spark.table("cards").filter("flag = 1").select("name").show()
`},
	{"sql_between_timestamps", `
seed().createOrReplaceTempView("rides")
spark.sql("SELECT count(*) FROM rides WHERE tpep_pickup_datetime BETWEEN '2020-07-01 00:30:00' AND '2020-07-01 01:00:00'").show()
`},
	{"sql_cast_in_where", `
rides().createOrReplaceTempView("rides")
spark.sql("SELECT CAST(VendorID AS STRING) AS v, CAST(total_amount AS INT) AS t FROM rides WHERE CAST(passenger_count AS STRING) = '3' ORDER BY t DESC, v LIMIT 5").show()
`},
	{"sql_select_star_view", `
spark.createDataFrame([(1, "a")], "id INT, v STRING").createOrReplaceTempView("t1")
spark.sql("SELECT * FROM t1").show()
spark.sql("SELECT t1.* FROM t1").printSchema()
`},
	{"sql_replace_view", `
spark.createDataFrame([(1,)], "x INT").createOrReplaceTempView("v")
spark.createDataFrame([("b",)], "y STRING").createOrReplaceTempView("v")
spark.sql("SELECT * FROM v").show()
`},
	{"sql_coalesce_arith", `
nulls().createOrReplaceTempView("n")
spark.sql("SELECT id, coalesce(score, -1) AS s, id * 2 + 1 AS k, id / 2 AS h, abs(score - 3) AS d, round(score / 3, 2) AS r FROM n ORDER BY id").show()
`},
}
