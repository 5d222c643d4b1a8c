package difftest

import (
	"fmt"
	"io"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	T "github.com/eddykernel/eddy/dataframe/types"
)

var jsonGo = map[string]goCase{
	"json_from_json_struct": func(spark *dataframe.Session, w io.Writer) {
		schema := T.StructType(T.StructField("event_type", T.StringType), T.StructField("price", T.DoubleType), T.StructField("Host", T.StringType))
		spark.Read().Text(EVENTS).Select(F.FromJSON(F.Col("value"), schema).Alias("data")).Select("data.*").Show()
	},
	"json_from_json_ddl": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Text(EVENTS).Select(F.FromJSON(F.Col("value"), "event_type STRING, attributes STRUCT<level: INT, tags: ARRAY<STRING>>").Alias("d"))
		df.PrintSchema()
		df.Show(20, false)
	},
	"json_from_json_malformed": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(`{"a": 1, "b": "x"}`, `{"a": "oops", "b": "y"}`, `not json`, `{"a": 2`, nil, `{}`, `[1,2]`, `{"a": 3.0, "b": 4}`), "value STRING")
		df.Select(F.FromJSON(F.Col("value"), "a INT, b STRING").Alias("d")).Select("d", "d.a", "d.b").Show()
	},
	"json_to_json": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.ToJSON(F.Struct("name", "amount", "flag")).Alias("j")).Show(20, false)
	},
	"json_to_json_nulls_nested": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(`{"a": 1.0, "b": null, "c": [1, 2], "d": {"e": "x", "f": null}, "g": 1e10, "h": 0.1}`, `{"a": null, "c": [], "d": null}`), "value STRING")
		s := df.Select(F.FromJSON(F.Col("value"), "a DOUBLE, b STRING, c ARRAY<INT>, d STRUCT<e: STRING, f: INT>, g DOUBLE, h FLOAT").Alias("s"))
		s.Select(F.ToJSON(F.Col("s")).Alias("j")).Show(20, false)
	},
	"json_schema_of_json": func(spark *dataframe.Session, w io.Writer) {
		spark.Range(0, 1).Select(F.SchemaOfJSON(F.Lit(`{"a": 1, "b": [1.5], "c": {"d": "x"}, "e": null, "f": true}`))).Show(20, false)
	},
	"json_schema_of_json_event": func(spark *dataframe.Session, w io.Writer) {
		line := `{"Accept": "*/*", "Host": "localhost:5000", "User-Agent": "curl/7.47.0", "event_type": "purchase_sword", "price": 10}`
		spark.Range(0, 1).Select(F.SchemaOfJSON(F.Lit(line)).Alias("schema")).Show(20, false)
	},
	"json_get_json_object": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Text(EVENTS).Select(F.GetJSONObject("value", "$.event_type").Alias("t"),
			F.GetJSONObject("value", "$.attributes.level").Alias("level"),
			F.GetJSONObject("value", "$.attributes.tags[0]").Alias("tag0"),
			F.GetJSONObject("value", "$.attributes").Alias("attrs")).Show(20, false)
	},
	"json_get_json_object_edge": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(`{"a": {"b": [10, 20]}, "c": "s", "d": 1.50, "e": null}`, "nope", nil), "j STRING")
		df.Select(F.GetJSONObject("j", "$.a.b[1]"), F.GetJSONObject("j", "$.a.b"), F.GetJSONObject("j", "$.c"),
			F.GetJSONObject("j", "$.d"), F.GetJSONObject("j", "$.e"), F.GetJSONObject("j", "$.zz")).Show()
	},
	"json_struct_fields": func(spark *dataframe.Session, w io.Writer) {
		events(spark).Select("event_type", F.Col("attributes").GetField("level"), F.Col("attributes.tags").GetItem(1), "attributes.tags").Show()
	},
	"json_from_json_group": func(spark *dataframe.Session, w io.Writer) {
		d := spark.Read().Text(EVENTS).Select(F.FromJSON(F.Col("value"), "event_type STRING, price DOUBLE").Alias("d"))
		d.GroupBy("d.event_type").Agg(F.Count("*"), F.Sum("d.price")).OrderBy("event_type").Show()
	},
	"json_df_to_json": func(spark *dataframe.Session, w io.Writer) {
		for _, r := range cards(spark).Limit(3).ToJSON().Collect() {
			fmt.Fprintln(w, r.GetString(0))
		}
	},
	"json_sql_functions": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL(`SELECT from_json('{"a":1}', 'a INT') AS j, get_json_object('{"a":{"b":2}}', '$.a.b') AS g, to_json(named_struct('x', 1, 'y', 'z')) AS t`).Show()
	},
	"json_cards_socket_style": func(spark *dataframe.Session, w io.Writer) {
		schema := T.StructType(T.StructField("name", T.StringType), T.StructField("amount", T.DoubleType), T.StructField("flag", T.IntegerType))
		tx := spark.Read().Text(CARDS).Select(F.FromJSON(F.Col("value"), schema).Alias("data")).Select("data.*")
		tx.Filter("flag = 1").GroupBy("name").Count().CreateOrReplaceTempView("flagged")
		spark.SQL("SELECT name, count FROM flagged WHERE count > 1 ORDER BY name").Show()
	},
	"json_nested_values": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(`{"a":[{"z":1.5},{"z":null}],"m":{"k":[1,2]},"s":{"x":"a","y":[]}}`, `{"a":[],"m":{},"s":null}`), "value STRING")
		d := df.Select(F.FromJSON(F.Col("value"), "a ARRAY<STRUCT<z: DOUBLE>>, m MAP<STRING, ARRAY<INT>>, s STRUCT<x: STRING, y: ARRAY<STRING>>").Alias("d")).Select("d.*")
		d.PrintSchema()
		d.Show(20, false)
		rows(w, d)
	},
}

var sqlGo = map[string]goCase{
	"sql_select_where": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, amount FROM cards WHERE amount > 100 ORDER BY amount").Show()
	},
	"sql_case_when": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, amount, CASE WHEN amount > 1000 THEN 'big' WHEN amount > 50 THEN 'mid' ELSE 'small' END AS size FROM cards ORDER BY name, amount").Show()
	},
	"sql_case_simple": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, CASE flag WHEN 1 THEN 'fraud' ELSE 'ok' END AS status FROM cards ORDER BY amount").Show()
	},
	"sql_in_not_in": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, surname, amount FROM cards WHERE name IN ('Alice', 'Bob', 'Dave') AND surname NOT IN ('Jones') ORDER BY amount").Show()
	},
	"sql_between": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, amount FROM cards WHERE amount BETWEEN 10 AND 100 ORDER BY amount").Show()
		spark.SQL("SELECT name, amount FROM cards WHERE amount NOT BETWEEN 10 AND 1000 ORDER BY amount").Show()
	},
	"sql_like": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, surname FROM cards WHERE surname LIKE 'B%' OR name LIKE '_ve' OR surname NOT LIKE '%i%' ORDER BY amount").Show()
	},
	"sql_is_null": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).CreateOrReplaceTempView("n")
		spark.SQL("SELECT id, name, score FROM n WHERE name IS NULL OR score IS NOT NULL ORDER BY id").Show()
	},
	"sql_backticks": func(spark *dataframe.Session, w io.Writer) {
		events(spark).CreateOrReplaceTempView("ev")
		spark.SQL("SELECT `User-Agent` AS ua, count(*) AS n FROM ev GROUP BY `User-Agent` ORDER BY ua").Show()
		spark.SQL("SELECT `event_type` AS `event type` FROM ev LIMIT 2").Show()
	},
	"sql_table_aliases": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT c.name AS n, c.amount a FROM cards AS c WHERE c.flag = 1 ORDER BY a").Show()
	},
	"sql_data_star": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Text(EVENTS).CreateOrReplaceTempView("raw")
		spark.SQL("SELECT data.* FROM (SELECT from_json(value, 'event_type STRING, price DOUBLE') AS data FROM raw) WHERE data.price IS NOT NULL ORDER BY price, event_type").Show()
	},
	"sql_count_distinct": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT count(DISTINCT name) AS names, count(*) AS n, count(name), count(DISTINCT flag) FROM cards").Show()
	},
	"sql_group_having_order_limit": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, sum(amount) AS total, count(*) AS n FROM cards GROUP BY name HAVING count(*) > 1 ORDER BY total DESC LIMIT 2").Show()
	},
	"sql_having_alias": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT flag, count(*) c FROM cards GROUP BY flag HAVING c > 5").Show()
	},
	"sql_subquery": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, total FROM (SELECT name, sum(amount) AS total FROM cards GROUP BY name) t WHERE total > 100 ORDER BY total").Show()
	},
	"sql_join": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		tiers(spark).CreateOrReplaceTempView("tiers")
		spark.SQL("SELECT c.name, c.amount, t.tier FROM cards c JOIN tiers t ON c.name = t.name AND c.surname = t.surname ORDER BY c.amount").Show()
	},
	"sql_left_join_group": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).CreateOrReplaceTempView("zones")
		rides(spark).CreateOrReplaceTempView("rides")
		spark.SQL("SELECT z.Borough, count(r.VendorID) AS rides FROM zones z LEFT JOIN rides r ON r.PULocationID = z.LocationID GROUP BY z.Borough ORDER BY z.Borough").Show()
	},
	"sql_distinct": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT DISTINCT flag FROM cards ORDER BY flag").Show()
		spark.SQL("SELECT DISTINCT name, flag FROM cards ORDER BY name, flag").Show()
	},
	"sql_literals": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL(`SELECT 1 AS i, 2147483648 AS l, 1.5e0 AS d, 'it''s' AS s, "dq" AS s2, true AS b, NULL AS n, TIMESTAMP '2020-07-01 00:00:00' AS ts, DATE '2020-07-01' AS dt, -5 AS neg`)
		df.PrintSchema()
		df.Show()
	},
	"sql_string_functions": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT upper(name), lower(surname), length(surname), substring(surname, 2, 3), concat(name, '-', surname), concat_ws('/', name, surname), trim('  x  ') FROM cards ORDER BY amount LIMIT 3").Show()
	},
	"sql_hour_group": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).CreateOrReplaceTempView("rides")
		spark.SQL("SELECT hour(tpep_pickup_datetime) AS h, count(*) AS n FROM rides GROUP BY hour(tpep_pickup_datetime) ORDER BY h").Show()
	},
	"sql_time_functions": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT date_format(TIMESTAMP '2020-07-01 13:05:09', 'yyyy/MM/dd HH:mm') AS a, to_timestamp('01/07/2020 13:05', 'dd/MM/yyyy HH:mm') AS b, to_timestamp('2020-07-01 13:05:09') AS c, hour('2020-07-01 13:05:09') AS h").Show()
	},
	"sql_window_fields": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).CreateOrReplaceTempView("ev")
		spark.SQL("SELECT window.start, window.end, count(*) AS n FROM ev GROUP BY window(ts, '10 minutes') ORDER BY start").Show()
	},
	"sql_nested_fields": func(spark *dataframe.Session, w io.Writer) {
		events(spark).CreateOrReplaceTempView("ev")
		spark.SQL("SELECT event_type, attributes.level, attributes.tags[0] AS first_tag FROM ev WHERE attributes IS NOT NULL ORDER BY timestamp").Show()
	},
	"sql_order_nulls": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).CreateOrReplaceTempView("n")
		spark.SQL("SELECT id, score FROM n ORDER BY score DESC NULLS FIRST, id").Show()
		spark.SQL("SELECT id, name FROM n ORDER BY name ASC NULLS LAST").Show()
	},
	"sql_filter_string_functions": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter("upper(name) = 'ALICE' AND amount BETWEEN 100 AND 500").Show()
	},
	"sql_select_expr_kafka_style": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{[]byte("k1"), []byte("v, 1")}, {nil, []byte("x")}}, "key BINARY, value BINARY")
		df.Show()
		s := df.SelectExpr("CAST(key AS STRING)", "CAST(value AS STRING)")
		s.PrintSchema()
		s.Show()
	},
	"sql_aggregate_names": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT count(*), count(1), count(flag), sum(flag), avg(amount), min(name), max(name) FROM cards").Show()
	},
	"sql_table_api": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		count(w, spark.Table("cards"))
		spark.Table("cards").Filter("flag = 1").Select("name").Show()
	},
	"sql_between_timestamps": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).CreateOrReplaceTempView("rides")
		spark.SQL("SELECT count(*) FROM rides WHERE tpep_pickup_datetime BETWEEN '2020-07-01 00:30:00' AND '2020-07-01 01:00:00'").Show()
	},
	"sql_cast_in_where": func(spark *dataframe.Session, w io.Writer) {
		rides(spark).CreateOrReplaceTempView("rides")
		spark.SQL("SELECT CAST(VendorID AS STRING) AS v, CAST(total_amount AS INT) AS t FROM rides WHERE CAST(passenger_count AS STRING) = '3' ORDER BY t DESC, v LIMIT 5").Show()
	},
	"sql_select_star_view": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame([][]any{{1, "a"}}, "id INT, v STRING").CreateOrReplaceTempView("t1")
		spark.SQL("SELECT * FROM t1").Show()
		spark.SQL("SELECT t1.* FROM t1").PrintSchema()
	},
	"sql_replace_view": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame(col1(1), "x INT").CreateOrReplaceTempView("v")
		spark.CreateDataFrame(col1("b"), "y STRING").CreateOrReplaceTempView("v")
		spark.SQL("SELECT * FROM v").Show()
	},
	"sql_coalesce_arith": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).CreateOrReplaceTempView("n")
		spark.SQL("SELECT id, coalesce(score, -1) AS s, id * 2 + 1 AS k, id / 2 AS h, abs(score - 3) AS d, round(score / 3, 2) AS r FROM n ORDER BY id").Show()
	},
}
