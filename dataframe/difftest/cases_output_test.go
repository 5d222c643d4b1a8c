package difftest

import (
	"fmt"
	"io"
	"strings"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	T "github.com/eddykernel/eddy/dataframe/types"
)

// pyBool prints a bool as Python does.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

var schemaGo = map[string]goCase{
	"schema_nested_types": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame([][]any{}, "a INT NOT NULL, s STRUCT<x: STRING, y: ARRAY<STRUCT<z: DOUBLE>>>, m MAP<STRING, ARRAY<INT>>, b BINARY, d DATE, t TIMESTAMP, f FLOAT, l LONG, bo BOOLEAN").PrintSchema()
	},
	"schema_struct_api": func(spark *dataframe.Session, w io.Writer) {
		schema := T.StructType(T.StructField("a", T.IntegerType), T.StructField("b", T.ArrayType(T.StringType), false))
		schema = schema.Add(T.StructField("m", T.MapType(T.StringType, T.DoubleType)))
		fmt.Fprintln(w, schema.SimpleString())
		fmt.Fprintln(w, strings.Join(schema.FieldNames(), ","))
		fmt.Fprintln(w, schema.JSON())
	},
	"schema_parse_ddl": func(spark *dataframe.Session, w io.Writer) {
		s, err := T.ParseDDL("a INT, b ARRAY<STRING>, c MAP<STRING, DOUBLE>, d STRUCT<e: TIMESTAMP, f: BINARY>, g LONG NOT NULL")
		if err != nil {
			panic(err)
		}
		fmt.Fprintln(w, s.SimpleString())
		fmt.Fprintln(w, s.JSON())
	},
	"schema_df_fields": func(spark *dataframe.Session, w io.Writer) {
		for _, f := range cards(spark).Schema().Fields {
			fmt.Fprintln(w, f.Name, f.DataType.SimpleString(), pyBool(f.Nullable))
		}
		fmt.Fprintln(w, events(spark).Schema().SimpleString())
	},
	"schema_create_df_struct": func(spark *dataframe.Session, w io.Writer) {
		schema := T.StructType(T.StructField("id", T.LongType, false), T.StructField("tags", T.ArrayType(T.StringType)), T.StructField("ok", T.BooleanType))
		df := spark.CreateDataFrame([][]any{{1, []any{"a", "b"}, true}, {2, []any{}, nil}}, schema)
		df.PrintSchema()
		df.Show()
	},
	"schema_create_df_names": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{1, "a", 1.5, true}, {2, "b", nil, false}}, []string{"id", "s", "d", "b"})
		df.PrintSchema()
		df.Show()
	},
	"schema_range": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Range(0, 5)
		df.PrintSchema()
		df.Show()
	},
	"schema_window_struct": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).Select(F.Window("ts", "5 minutes").Alias("w"), "ts").PrintSchema()
	},
}

var showGo = map[string]goCase{
	"show_n": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Show(2)
	},
	"show_truncate_false": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.ConcatWS(" ", "name", "surname", "surname")).Show(20, false)
	},
	"show_truncate_int": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).Show(5, 8)
	},
	"show_truncate_small": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).Show(3, 2)
	},
	"show_vertical": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Show(3, true, true)
	},
	"show_vertical_truncate": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).Show(2, 5, true)
	},
	"show_vertical_empty": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter("flag = 9").Show(20, true, true)
	},
	"show_more_than_rows": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Show(100)
	},
	"show_twenty_boundary": func(spark *dataframe.Session, w io.Writer) {
		spark.Range(0, 20).Show()
		spark.Range(0, 21).Show()
	},
	"show_zero": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Show(0)
	},
	"show_booleans_timestamps": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).Select("tpep_pickup_datetime", F.Col("vendor_id").Eq(1).Alias("is_one"), F.Col("passenger_count").IsNull()).Show(3)
	},
	"show_long_header": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame([][]any{{1, "v"}}, "a_very_long_column_name_exceeding_twenty INT, b STRING").Show()
	},
	"show_binary": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame(col1([]byte("ab"), []byte{0x00, 0xff}, nil), "b BINARY").Show()
	},
	"show_time_zone": func(spark *dataframe.Session, w io.Writer) {
		spark.Conf().Set("spark.sql.session.timeZone", "America/New_York")
		seed(spark).Select("tpep_pickup_datetime", F.Col("tpep_pickup_datetime").Cast("long").Alias("epoch")).Show(2)
		spark.SQL("SELECT CAST('2020-07-01 00:00:00' AS TIMESTAMP) AS t, CAST(CAST('2020-07-01 00:00:00' AS TIMESTAMP) AS LONG) AS e").Show()
		spark.Conf().Set("spark.sql.session.timeZone", "UTC")
	},
	"show_arrays_maps": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(`{"a": [1, null, 3], "m": {"x": 1.5, "y": null}, "s": {"p": "q", "r": [true]}}`), "v STRING")
		d := df.Select(F.FromJSON(F.Col("v"), "a ARRAY<INT>, m MAP<STRING, DOUBLE>, s STRUCT<p: STRING, r: ARRAY<BOOLEAN>>").Alias("d")).Select("d.*")
		d.Show()
		d.Show(20, true, true)
	},
	"show_negative_numbers_alignment": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame([][]any{{-1, -1.5, "x"}, {100000, 2.25, "longer text"}, {nil, nil, nil}}, "i INT, d DOUBLE, s STRING").Show()
	},
}

var rowGo = map[string]goCase{
	"row_take": func(spark *dataframe.Session, w io.Writer) {
		for _, r := range cards(spark).Take(2) {
			fmt.Fprintln(w, r.String())
		}
	},
	"row_first": func(spark *dataframe.Session, w io.Writer) {
		fmt.Fprintln(w, cards(spark).First().String())
		fmt.Fprintln(w, events(spark).First().String())
	},
	"row_collect_types": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL("SELECT 1 AS i, CAST(2 AS BIGINT) AS l, CAST(1.5 AS FLOAT) AS f, 2.25D AS d, 'x' AS s, true AS b, CAST('ab' AS BINARY) AS bin, DATE '2020-07-01' AS dt, TIMESTAMP '2020-07-01 00:25:32.5' AS ts, CAST(NULL AS INT) AS n")
		rows(w, df)
	},
	"row_collect_quotes": func(spark *dataframe.Session, w io.Writer) {
		rows(w, spark.CreateDataFrame(col1("it's", `say "hi"`, `back\slash`, "tab\there"), "s STRING"))
	},
	"row_count_filter": func(spark *dataframe.Session, w io.Writer) {
		count(w, cards(spark).Filter("flag = 1"))
		count(w, cards(spark).Filter(F.Col("amount").Gt(1e6)))
	},
	"row_conf_get": func(spark *dataframe.Session, w io.Writer) {
		fmt.Fprintln(w, spark.Conf().Get("spark.sql.shuffle.partitions"))
		fmt.Fprintln(w, spark.Conf().Get("spark.sql.session.timeZone"))
	},
}

var timeGo = map[string]goCase{
	"ts_to_timestamp_default": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("2020-07-01 00:25:32", "2020-07-01", "bad", nil), "s STRING")
		df.Select("s", F.ToTimestamp("s")).Show()
	},
	"ts_to_timestamp_format": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("01/07/2020 13:05", "31/12/2020 23:59", "2020-07-01 13:05"), "s STRING")
		df.Select("s", F.ToTimestamp("s", "dd/MM/yyyy HH:mm").Alias("t")).Show()
	},
	"ts_date_format": func(spark *dataframe.Session, w io.Writer) {
		c := F.Col("tpep_pickup_datetime")
		seed(spark).Select(F.DateFormat(c, "yyyy-MM-dd HH:mm"), F.DateFormat(c, "EEE, d MMM yyyy"), F.DateFormat(c, "HH:mm:ss.SSS")).Show(3, false)
	},
	"ts_hour": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).GroupBy(F.Hour("tpep_pickup_datetime").Alias("h")).Count().OrderBy("h").Show()
	},
	"ts_current_timestamp": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Range(0, 1).Select(F.CurrentTimestamp().Alias("now"))
		df.PrintSchema()
		count(w, df.Filter(F.Col("now").Gt(F.Lit("2020-01-01").Cast("timestamp"))))
	},
	"ts_filter_string_compare": func(spark *dataframe.Session, w io.Writer) {
		count(w, seed(spark).Filter(F.Col("tpep_pickup_datetime").Ge("2020-07-01 01:45:00")))
	},
	"ts_fractional_show": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("2020-07-01 00:00:00.5", "2020-07-01 00:00:00.123456", "2020-07-01 00:00:00.100", "2020-07-01 00:00:00"), "s STRING")
		df.Select(F.Col("s").Cast("timestamp").Alias("t")).Show(20, false)
	},
	"ts_trip_minutes": func(spark *dataframe.Session, w io.Writer) {
		d := seed(spark).Select(F.Col("tpep_dropoff_datetime").Cast("long").Minus(F.Col("tpep_pickup_datetime").Cast("long")).Divide(60).Alias("minutes"))
		d.OrderBy(F.Col("minutes").Desc()).Show(5)
	},
	"ts_date_show": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("2020-07-01", "1999-12-31"), "s STRING").Select(F.Col("s").Cast("date").Alias("d"))
		df.PrintSchema()
		df.Show()
		rows(w, df)
	},
}

var errorGo = map[string]goCase{
	"err_unknown_column_select": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("nme").Show()
	},
	"err_unknown_column_filter_string": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter("amout > 1").Show()
	},
	"err_unknown_column_col": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Col("flg").Plus(1)).Show()
	},
	"err_unknown_column_no_suggestion": func(spark *dataframe.Session, w io.Writer) {
		spark.Range(0, 3).Select("zzzzzzzz").Show()
	},
	"err_unknown_function_sql": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT foo(name) FROM cards").Show()
	},
	"err_unknown_function_expr": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Expr("bar(amount)")).Show()
	},
	"err_parse_sql": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT FROM cards WHERE").Show()
	},
	"err_parse_select_expr": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).SelectExpr("amount +").Show()
	},
	"err_parse_filter": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter("flag = = 1").Show()
	},
	"err_parse_unclosed_string": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT 'abc FROM cards").Show()
	},
	"err_parse_missing_paren": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT count(name FROM cards").Show()
	},
	"err_type_and_double": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Col("amount").And(F.Col("flag"))).Show()
	},
	"err_type_from_json_int": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.FromJSON(F.Col("flag"), "a INT")).Show()
	},
	"err_type_filter_not_boolean": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("amount")).Show()
	},
	"err_type_getitem_string": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Col("name").GetItem(0)).Show()
	},
	"err_cast_array_to_int": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Split("name", "a").Cast("int")).Show()
	},
	"err_cast_unknown_type": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Col("amount").Cast("money")).Show()
	},
	"err_table_not_found_sql": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT * FROM nope").Show()
	},
	"err_table_not_found_api": func(spark *dataframe.Session, w io.Writer) {
		spark.Table("nope").Show()
	},
	"err_missing_aggregation": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).CreateOrReplaceTempView("cards")
		spark.SQL("SELECT name, amount FROM cards GROUP BY name").Show()
	},
	"err_union_column_count": func(spark *dataframe.Session, w io.Writer) {
		a := spark.CreateDataFrame([][]any{{1, "x"}}, "a INT, b STRING")
		a.Union(spark.CreateDataFrame(col1(1), "a INT")).Show()
	},
	"err_union_by_name_missing": func(spark *dataframe.Session, w io.Writer) {
		a := spark.CreateDataFrame([][]any{{1, "x"}}, "a INT, b STRING")
		a.UnionByName(spark.CreateDataFrame(col1(1), "a INT")).Show()
	},
	"err_ambiguous_join_column": func(spark *dataframe.Session, w io.Writer) {
		a, b := jleft(spark), jright(spark)
		a.Join(b, a.Col("id").Eq(b.Col("id"))).Select("id").Show()
	},
	"err_group_by_unknown": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("nope").Count().Show()
	},
	"err_sum_non_numeric": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Sum("surname").Show()
	},
	"err_order_by_unknown": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).OrderBy("nope").Show()
	},
	"err_drop_duplicates_unknown": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).DropDuplicates("nope").Show()
	},
	"err_renamed_old_name": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).WithColumnRenamed("name", "who").Select("name").Show()
	},
	"err_star_non_struct": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("name.*").Show()
	},
	"err_create_df_bad_ddl": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame(col1(1), "a INTT").Show()
	},
	"err_window_bad_duration": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).GroupBy(F.Window("ts", "10 parsecs")).Count().Show()
	},
	"err_output_before_error": func(spark *dataframe.Session, w io.Writer) {
		df := cards(spark)
		df.Select("name").Show(1)
		df.Select("nope").Show()
	},
}
