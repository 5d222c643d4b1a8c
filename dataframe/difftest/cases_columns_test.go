package difftest

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	T "github.com/eddykernel/eddy/dataframe/types"
)

var selectGo = map[string]goCase{
	"select_names": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("name", "amount").Show()
	},
	"select_alias": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Col("name").Alias("who"), F.Col("amount").Multiply(2).Alias("double_amount")).Show()
	},
	"select_star": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("*").Limit(2).Show()
	},
	"select_expr_strings": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).SelectExpr("name", "amount * 100 AS cents", "flag = 1 AS flagged").Show()
	},
	"select_generated_names": func(spark *dataframe.Session, w io.Writer) {
		df := cards(spark).Select(F.Col("amount").Plus(1), F.Col("flag").Multiply(F.Col("delta_t")), F.Lit(1), F.Lit("x"),
			F.Col("name").IsNull(), F.Col("amount").Cast("int"))
		fmt.Fprintln(w, strings.Join(df.Columns(), ","))
		df.PrintSchema()
	},
	"select_df_col": func(spark *dataframe.Session, w io.Writer) {
		df := cards(spark)
		df.Select(df.Col("name"), df.Col("flag")).Show(2)
	},
	"select_lit_types": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Range(0, 1).Select(F.Lit(1), F.Lit(1.5), F.Lit("s"), F.Lit(true), F.Lit(nil))
		df.PrintSchema()
		df.Show()
	},
	"select_expr_function": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Expr("upper(name) AS n"), F.Expr("amount + delta_t")).Show(3)
	},
	"filter_column": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("flag").Eq(1)).Show()
	},
	"filter_string": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter("amount > 100 AND flag = 0").Show()
	},
	"filter_where_chain": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Where(F.Col("amount").Gt(10)).Where(F.Col("delta_t").Lt(20)).Select("name", "amount").Show()
	},
	"filter_isin": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("name").IsIn("Alice", "Eve")).Show()
	},
	"filter_like": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("surname").Like("%o%")).Show()
	},
	"filter_rlike": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("name").RLike("^[A-C]")).Select("name").Show()
	},
	"filter_between": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("amount").Between(10, 100)).Show()
	},
	"filter_not": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("flag").Eq(1).Not()).Select("name", "flag").Show()
	},
	"filter_and_or": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter(F.Col("amount").Gt(1000).Or(F.Col("flag").Eq(1).And(F.Col("delta_t").Le(2)))).Show()
	},
	"filter_comparisons": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("name",
			F.Col("amount").Eq(15.0).Alias("eq"), F.Col("amount").NotEq(15.0).Alias("ne"),
			F.Col("amount").Gt(100).Alias("gt"), F.Col("amount").Ge(120.5).Alias("ge"),
			F.Col("amount").Lt(10).Alias("lt"), F.Col("amount").Le(15).Alias("le")).Show()
	},
	"with_column_new": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).WithColumn("amount_x2", F.Col("amount").Multiply(2)).Show(4)
	},
	"with_column_replace": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).WithColumn("amount", F.Round(F.Col("amount"))).Show(4)
	},
	"with_column_renamed": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).WithColumnRenamed("delta_t", "dt").PrintSchema()
	},
	"with_column_renamed_missing": func(spark *dataframe.Session, w io.Writer) {
		fmt.Fprintln(w, strings.Join(cards(spark).WithColumnRenamed("nope", "x").Columns(), ","))
	},
	"drop_one": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Drop("surname").Show(3)
	},
	"drop_many": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Drop("surname", "delta_t", "nope").Show(3)
	},
	"columns_list": func(spark *dataframe.Session, w io.Writer) {
		fmt.Fprintln(w, strings.Join(cards(spark).Columns(), ","))
		fmt.Fprintln(w, strings.Join(events(spark).Columns(), ","))
	},
}

var stringGo = map[string]goCase{
	"str_upper_lower_length": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Upper("name"), F.Lower("surname"), F.Length("surname")).Show()
	},
	"str_trim": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame(col1("  a  ", " b", "", nil), "s STRING").Select(F.Trim(F.Col("s")).Alias("t"), F.Length("s")).Show()
	},
	"str_substring": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Substring("surname", 1, 3), F.Substring("name", 2, 10), F.Substring("name", -2, 2)).Show()
	},
	"str_concat": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Concat(F.Col("name"), F.Lit(" "), F.Col("surname")).Alias("full")).Show()
	},
	"str_concat_null": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{"a", "b"}, {"a", nil}, {nil, nil}}, "x STRING, y STRING")
		df.Select(F.Concat("x", "y"), F.ConcatWS("-", "x", "y")).Show()
	},
	"str_concat_ws": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.ConcatWS(", ", "surname", "name")).Show(3)
	},
	"str_concat_numbers": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Concat("name", "amount"), F.ConcatWS("|", "flag", "delta_t")).Show(3)
	},
	"str_split": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Split(F.Col("surname"), "-").Alias("parts")).Show(20, false)
	},
	"str_split_regex": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("a,b;c", "x", "", nil, "1;;2,"), "s STRING")
		df.Select(F.Split(F.Col("s"), "[,;]").Alias("p")).Show()
	},
	"str_split_getitem": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Split(F.Col("surname"), "-").GetItem(0), F.Split(F.Col("surname"), "-").GetItem(3)).Show()
	},
	"str_split_schema": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Split(F.Col("surname"), "-").Alias("parts")).PrintSchema()
	},
	"str_regexp_extract": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.RegexpExtract("surname", "([A-Z])([a-z]+)", 2).Alias("tail"),
			F.RegexpExtract("name", `(\d+)`, 1).Alias("digits")).Show()
	},
	"str_regexp_replace": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.RegexpReplace("surname", "[aeiou]", "*")).Show()
	},
	"str_regexp_replace_groups": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.RegexpReplace("name", `(\w)(\w*)`, "$2$1").Alias("swapped")).Show(4)
	},
	"str_unicode_width": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame(col1("Zoë", "日本語", "a😀", "plain"), "s STRING").Select("s", F.Length("s"), F.Upper("s")).Show()
	},
}

var castGo = map[string]goCase{
	"cast_string_to_numbers": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("1", "2.5", "abc", " 7 ", nil, "2147483648", "-0", "1e3"), "s STRING")
		df.Select("s", F.Col("s").Cast("int"), F.Col("s").Cast("long"), F.Col("s").Cast("double")).Show()
	},
	"cast_string_to_boolean": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("true", "FALSE", "t", "f", "yes", "no", "y", "n", "1", "0", "maybe", nil), "s STRING")
		df.Select("s", F.Col("s").Cast("boolean")).Show()
	},
	"cast_string_to_timestamp": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("2020-07-01 00:25:32", "2020-07-01T00:25:32", "2020-07-01", "2020-07-01 00:25:32.123456",
			"2020-07-01 00:25", "2020-7-1 1:2:3", "2020-07-01T00:25:32Z", "2020-07-01 00:25:32+02:00", "not a time", ""), "s STRING")
		df.Select("s", F.Col("s").Cast("timestamp").Alias("ts")).Show(20, false)
	},
	"cast_string_to_date": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("2020-07-01", "2020-07-01 12:00:00", "2020/07/01", "x"), "s STRING")
		df.Select("s", F.Col("s").Cast("date").Alias("d")).Show()
	},
	"cast_numeric": func(spark *dataframe.Session, w io.Writer) {
		spark.Range(0, 1).Select(F.Lit(3.99).Cast("int"), F.Lit(-3.99).Cast("int"), F.Lit(int64(3000000000)).Cast("int"),
			F.Lit(1.5).Cast("string"), F.Lit(10000000.0).Cast("string"), F.Lit(7).Cast("double"),
			F.Lit(1).Cast("boolean"), F.Lit(0.1).Cast("float")).Show()
	},
	"cast_timestamp_to_others": func(spark *dataframe.Session, w io.Writer) {
		c := F.Col("tpep_pickup_datetime")
		seed(spark).Select(c, c.Cast("long"), c.Cast("string"), c.Cast("date"), c.Cast("double")).Show(3)
	},
	"cast_with_types": func(spark *dataframe.Session, w io.Writer) {
		df := cards(spark).Select(F.Col("flag").Cast(T.BooleanType), F.Col("amount").Cast(T.IntegerType),
			F.Col("delta_t").Cast(T.StringType), F.Col("amount").Cast(T.FloatType))
		df.PrintSchema()
		df.Show(3)
	},
	"cast_sql": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT CAST('12' AS INT) AS a, CAST('x' AS INT) AS b, CAST(1.9 AS INT) AS c, CAST('2020-07-01 10:00:00' AS TIMESTAMP) AS d, CAST(NULL AS STRING) AS e, CAST(true AS INT) AS f").Show()
	},
	"cast_float_values": func(spark *dataframe.Session, w io.Writer) {
		df := seed(spark).Select("trip_distance", "total_amount")
		df.Show(5)
		rows(w, df.Limit(3))
	},
	"cast_double_formatting": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(0.0, math.Copysign(0, -1), 1.0, 0.1, 1e-4, 0.001, 1234567.0, 1e7, 12345678.9, 1e21,
			math.NaN(), math.Inf(1), nil), "d DOUBLE")
		df.Show()
		rows(w, df)
	},
	"cast_float_formatting": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(0.1, 1e7, 3.14159, 2.5, nil), "f FLOAT")
		df.Show()
		rows(w, df)
	},
}

var arithGo = map[string]goCase{
	"arith_int_ops": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{7, 2}, {1, 3}, {5, 0}, {-7, 2}, {nil, 1}}, "a INT, b INT")
		a, b := F.Col("a"), F.Col("b")
		df.Select("a", "b", a.Divide(b), a.Mod(b), a.Plus(b), a.Minus(b), a.Multiply(b)).Show()
	},
	"arith_int_ops_schema": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{7, 2}}, "a INT, b INT")
		a, b := F.Col("a"), F.Col("b")
		df.Select(a.Divide(b), a.Mod(b), a.Plus(b), a.Multiply(1.5)).PrintSchema()
	},
	"arith_mixed_types": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.Col("amount").Plus(F.Col("flag")), F.Col("delta_t").Multiply(2), F.Col("delta_t").Divide(4),
			F.Col("amount").Mod(7)).Show(4)
	},
	"arith_overflow": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{2147483647, int64(9223372036854775807)}}, "i INT, l LONG")
		df.Select(F.Col("i").Plus(1), F.Col("l").Plus(1), F.Col("i").Multiply(2)).Show()
	},
	"arith_sql_literals": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL("SELECT 7/2 AS a, 7 % 3 AS c, -7 % 3 AS d, 2 * 3 + 1 AS e, 1/0 AS f, 10 - 2 - 3 AS g")
		df.PrintSchema()
		df.Show()
	},
	"arith_decimal_literal": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL("SELECT 1.5 AS x, 0.1 + 0.2 AS y")
		df.PrintSchema()
		df.Show()
	},
	"math_round_abs": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(2.5, -2.5, 1.005, 123.456, -0.4, nil), "x DOUBLE")
		df.Select("x", F.Round("x"), F.Round("x", 1), F.Round("x", -1), F.Abs("x")).Show()
	},
	"math_round_int": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(15, -25), "i INT").Select(F.Round("i", -1), F.Abs("i"))
		df.PrintSchema()
		df.Show()
	},
	"arith_string_coercion": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1("10", "x"), "s STRING").Select(F.Col("s").Plus(1), F.Col("s").Multiply(2.5))
		df.PrintSchema()
		df.Show()
	},
}

var nullGo = map[string]goCase{
	"null_three_valued_logic": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{true, nil}, {false, nil}, {nil, nil}, {true, false}}, "a BOOLEAN, b BOOLEAN")
		df.Select("a", "b", F.Col("a").And(F.Col("b")), F.Col("a").Or(F.Col("b")), F.Col("a").Not()).Show()
	},
	"null_equality": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{1, nil}, {nil, nil}, {1, 1}}, "a INT, b INT")
		df.Select(F.Col("a").Eq(F.Col("b")), F.Expr("a <=> b"), F.Col("a").NotEq(F.Col("b")), F.Col("a").Gt(F.Col("b"))).Show()
	},
	"null_is_null": func(spark *dataframe.Session, w io.Writer) {
		df := nulls(spark)
		df.Filter(F.Col("name").IsNull()).Show()
		count(w, df.Filter(F.Col("score").IsNotNull()))
	},
	"null_filter_unknown_dropped": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).Filter(F.Col("id").Gt(3)).Select("id", "name").Show()
	},
	"null_coalesce": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).Select("id", F.Coalesce(F.Col("name"), F.Lit("?")), F.Coalesce(F.Col("score"), F.Lit(0.0)).Alias("score")).Show()
	},
	"null_when_otherwise": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("name", F.When(F.Col("amount").Gt(1000), "big").When(F.Col("amount").Gt(100), "medium").
			Otherwise("small").Alias("size")).Show()
	},
	"null_when_no_otherwise": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("name", F.When(F.Col("flag").Eq(1), F.Col("amount"))).Show()
	},
	"null_in_list": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame(col1(1, 2, nil), "a INT")
		df.Select("a", F.Col("a").IsIn(1, nil), F.Col("a").IsIn(2, 3)).Show()
	},
	"null_aggregates": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{"a", nil}, {"a", nil}, {"b", 1}, {"b", nil}}, "k STRING, v INT")
		df.GroupBy("k").Agg(F.Count("v"), F.Sum("v"), F.Avg("v"), F.Min("v"), F.Max("v"), F.Count("*")).OrderBy("k").Show()
	},
	"null_groupby_key": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).GroupBy("active").Count().OrderBy("active").Show()
	},
	"null_distinct": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame(col1(nil, nil, 1), "a INT").Distinct().OrderBy("a").Show()
	},
	"null_order_asc_desc": func(spark *dataframe.Session, w io.Writer) {
		df := nulls(spark).Select("id", "score")
		df.OrderBy("score").Show()
		df.OrderBy(F.Col("score").Desc()).Show()
	},
	"null_show_text": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame([][]any{{nil, nil, nil, nil}}, "a STRING, b INT, c ARRAY<INT>, d DOUBLE").Show()
	},
	"null_sum_all_null": func(spark *dataframe.Session, w io.Writer) {
		spark.CreateDataFrame(col1(nil, nil), "v INT").GroupBy().Sum("v").Show()
	},
	"null_count_distinct": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{"a", 1}, {"a", nil}, {nil, 1}, {"b", 2}, {"b", 2}}, "x STRING, y INT")
		df.Select(F.CountDistinct("x"), F.CountDistinct("x", "y"), F.Count("x")).Show()
	},
	"null_arith_propagation": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).Select("id", F.Col("id").Plus(1), F.Col("score").Multiply(2), F.Upper("name"), F.Length("name")).Show()
	},
}
