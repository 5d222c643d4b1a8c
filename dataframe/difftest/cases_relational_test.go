package difftest

import (
	"fmt"
	"io"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

var aggGo = map[string]goCase{
	"agg_count": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Count().OrderBy("name").Show()
	},
	"agg_sum": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Sum("amount").OrderBy("name").Show()
	},
	"agg_sum_multi": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("flag").Sum("amount", "delta_t").OrderBy("flag").Show()
	},
	"agg_avg_mean": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("flag").Avg("amount").OrderBy("flag").Show()
		cards(spark).GroupBy("flag").Mean("delta_t").OrderBy("flag").Show()
	},
	"agg_min_max": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("surname").Min("amount").OrderBy("surname").Show()
		cards(spark).GroupBy("surname").Max("delta_t").OrderBy("surname").Show()
	},
	"agg_all_numeric": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("flag").Sum().OrderBy("flag").Show()
	},
	"agg_functions": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Agg(F.Count("amount"), F.CountDistinct("flag"), F.Sum("amount"), F.Avg("delta_t"),
			F.Min("amount"), F.Max("amount")).OrderBy("name").Show()
	},
	"agg_aliases": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Agg(F.Sum("amount").Alias("total"), F.Count("*").Alias("n")).OrderBy(F.Col("total").Desc()).Show()
	},
	"agg_first_last": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Agg(F.First("amount"), F.Last("amount")).OrderBy("name").Show()
	},
	"agg_collect_list": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Agg(F.CollectList("amount")).OrderBy("name").Show(20, false)
	},
	"agg_approx_count_distinct": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("flag").Agg(F.ApproxCountDistinct("name")).OrderBy("flag").Show()
	},
	"agg_global": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy().Agg(F.Count("*"), F.Sum("amount"), F.Max("delta_t")).Show()
	},
	"agg_global_count": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy().Count().Show()
	},
	"agg_multi_key": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name", "flag").Count().OrderBy("name", "flag").Show()
	},
	"agg_having_filter": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Agg(F.Sum("amount").Alias("total")).Filter("total > 100").OrderBy("name").Show()
	},
	"agg_count_distinct_select": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select(F.CountDistinct("name", "surname"), F.CountDistinct("flag")).Show()
	},
	"agg_schema": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("name").Agg(F.Count("amount"), F.Sum("delta_t"), F.Sum("amount"), F.Avg("flag"),
			F.CollectList("delta_t"), F.First("surname"), F.Max("amount")).PrintSchema()
	},
	"agg_rides_by_vendor": func(spark *dataframe.Session, w io.Writer) {
		rides(spark).GroupBy("VendorID").Agg(F.Round(F.Avg("total_amount"), 2).Alias("avg_total"), F.Max("trip_distance"),
			F.Sum("passenger_count")).OrderBy("VendorID").Show()
	},
	"agg_rides_payment_type": func(spark *dataframe.Session, w io.Writer) {
		rides(spark).GroupBy("payment_type").Count().OrderBy(F.Col("count").Desc(), "payment_type").Show()
	},
	"agg_expression_key": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy(F.Col("amount").Gt(100).Alias("big")).Count().OrderBy("big").Show()
	},
	"agg_count_star_name": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).GroupBy("flag").Agg(F.Count("*")).OrderBy("flag").Show()
	},
	"agg_sum_float": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).GroupBy("vendor_id").Agg(F.Sum("total_amount"), F.Avg("trip_distance")).OrderBy("vendor_id").Show()
	},
	"agg_rides_location_top": func(spark *dataframe.Session, w io.Writer) {
		rides(spark).GroupBy("PULocationID").Agg(F.Count("*").Alias("n"), F.Round(F.Sum("fare_amount"), 2).Alias("fares")).
			OrderBy(F.Col("n").Desc(), "PULocationID").Limit(5).Show()
	},
}

var joinGo = map[string]goCase{
	"join_inner_name": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), "id").OrderBy("id", "r").Show()
	},
	"join_inner_list": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), []string{"id"}, "inner").OrderBy("id", "r").Show()
	},
	"join_left": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), "id", "left").OrderBy("id", "r").Show()
	},
	"join_right": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), "id", "right").OrderBy("id", "r").Show()
	},
	"join_full": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), "id", "full").OrderBy("id", "l", "r").Show()
	},
	"join_outer_expression": func(spark *dataframe.Session, w io.Writer) {
		a, b := jleft(spark), jright(spark)
		a.Join(b, a.Col("id").Eq(b.Col("id")), "outer").OrderBy("l", "r").Show()
	},
	"join_left_semi": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), "id", "left_semi").OrderBy("id").Show()
	},
	"join_left_anti": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), "id", "left_anti").OrderBy("l").Show()
	},
	"join_expression_inner": func(spark *dataframe.Session, w io.Writer) {
		a, b := jleft(spark), jright(spark)
		a.Join(b, a.Col("id").Eq(b.Col("id"))).OrderBy("l", "r").Show()
	},
	"join_expression_nonequi": func(spark *dataframe.Session, w io.Writer) {
		a, b := jleft(spark), jright(spark)
		a.Join(b, a.Col("id").Lt(b.Col("id")).And(b.Col("r").NotEq("w")), "inner").OrderBy("l", "r").Show()
	},
	"join_how_aliases": func(spark *dataframe.Session, w io.Writer) {
		for _, how := range []string{"inner", "left_outer", "leftouter", "right_outer", "full_outer", "fullouter", "semi", "leftsemi", "anti", "leftanti"} {
			fmt.Fprintln(w, how, jleft(spark).Join(jright(spark), "id", how).Count())
		}
	},
	"join_alias_sides": func(spark *dataframe.Session, w io.Writer) {
		a := jleft(spark).Alias("a")
		b := jright(spark).Alias("b")
		a.Join(b, F.Col("a.id").Eq(F.Col("b.id"))).Select("a.id", "a.l", "b.r").OrderBy("id", "r").Show()
	},
	"join_multiple_keys": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Join(tiers(spark), []string{"name", "surname"}, "left").OrderBy("name", "amount").Show()
	},
	"join_rides_zones": func(spark *dataframe.Session, w io.Writer) {
		rides(spark).Join(zones(spark), F.Col("PULocationID").Eq(F.Col("LocationID"))).GroupBy("Borough").Count().OrderBy("Borough").Show()
	},
	"join_rides_zones_using": func(spark *dataframe.Session, w io.Writer) {
		z := zones(spark).WithColumnRenamed("LocationID", "PULocationID")
		rides(spark).Join(z, "PULocationID", "left").Select("PULocationID", "Zone", "total_amount").
			OrderBy("PULocationID", "total_amount").Show(5)
	},
	"join_schema": func(spark *dataframe.Session, w io.Writer) {
		jleft(spark).Join(jright(spark), "id", "full").PrintSchema()
		a, b := jleft(spark), jright(spark)
		a.Join(b, a.Col("id").Eq(b.Col("id")), "left").PrintSchema()
	},
	"join_then_filter": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Join(tiers(spark), "name").Filter(F.Col("amount").Gt(100)).Select("name", "amount", "tier").OrderBy("amount").Show()
	},
}

var unionGo = map[string]goCase{
	"union_basic": func(spark *dataframe.Session, w io.Writer) {
		df := cards(spark).Select("name", "flag")
		u := df.Union(df)
		count(w, u)
		u.GroupBy("name").Count().OrderBy("name").Show()
	},
	"union_positional": func(spark *dataframe.Session, w io.Writer) {
		a := spark.CreateDataFrame([][]any{{1, "x"}}, "a INT, b STRING")
		b := spark.CreateDataFrame([][]any{{"y", 2}}, "b STRING, a INT")
		u := a.Union(b)
		u.PrintSchema()
		u.Show()
	},
	"union_by_name": func(spark *dataframe.Session, w io.Writer) {
		a := spark.CreateDataFrame([][]any{{1, "x"}}, "a INT, b STRING")
		b := spark.CreateDataFrame([][]any{{"y", 2}}, "b STRING, a INT")
		a.UnionByName(b).Show()
	},
	"union_type_widening": func(spark *dataframe.Session, w io.Writer) {
		u := spark.CreateDataFrame(col1(1), "x INT").Union(spark.CreateDataFrame(col1(2.5), "x DOUBLE"))
		u.PrintSchema()
		u.Show()
	},
	"union_distinct": func(spark *dataframe.Session, w io.Writer) {
		df := cards(spark).Select("name")
		count(w, df.Union(df).Distinct())
	},
}

var orderGo = map[string]goCase{
	"order_multi_key": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).OrderBy("name", F.Col("amount").Desc()).Show()
	},
	"order_nulls_strings": func(spark *dataframe.Session, w io.Writer) {
		df := nulls(spark).Select("id", "name")
		df.OrderBy(F.Col("name").Asc()).Show()
		df.OrderBy(F.Col("name").Desc()).Show()
	},
	"order_sort_limit": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Sort(F.Col("delta_t").Desc(), "name").Limit(5).Show()
	},
	"order_timestamp": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).OrderBy(F.Col("tpep_pickup_datetime").Desc()).Select("vendor_id", "tpep_pickup_datetime", "total_amount").Show(5)
	},
	"limit_basic": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Limit(3).Show()
		cards(spark).Limit(0).Show()
	},
	"distinct_basic": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Select("name", "surname").Distinct().OrderBy("name").Show()
	},
	"drop_duplicates_subset": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).DropDuplicates("name").OrderBy("name").Select("name", "amount").Show()
	},
	"drop_duplicates_all": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{1, "a"}, {1, "a"}, {2, "a"}, {1, "b"}}, "x INT, y STRING")
		df.DropDuplicates().OrderBy("x", "y").Show()
	},
	"show_empty": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Filter("flag = 5").Show()
	},
}

var windowGo = map[string]goCase{
	"window_tumbling": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).GroupBy(F.Window("ts", "10 minutes")).Count().OrderBy("window").Show(20, false)
	},
	"window_sliding": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).GroupBy(F.Window("ts", "10 minutes", "5 minutes"), "event_type").Count().OrderBy("window", "event_type").Show(20, false)
	},
	"window_schema": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).GroupBy(F.Window("ts", "15 minutes")).Agg(F.Sum("price")).PrintSchema()
	},
	"window_fields": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).GroupBy(F.Window("ts", "10 minutes")).Count().Select(F.Col("window.start"), F.Col("window.end"), "count").OrderBy("start").Show()
	},
	"window_default_truncate": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).GroupBy(F.Window("ts", "30 minutes")).Agg(F.Max("price")).OrderBy("window").Show()
	},
	"window_sql": func(spark *dataframe.Session, w io.Writer) {
		ev(spark).CreateOrReplaceTempView("ev")
		spark.SQL("SELECT window(ts, '10 minutes') AS w, count(*) AS n FROM ev GROUP BY window(ts, '10 minutes') ORDER BY w").Show(20, false)
	},
	"window_rides": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).GroupBy(F.Window("tpep_pickup_datetime", "30 minutes"), "vendor_id").
			Agg(F.Count("*").Alias("rides"), F.Round(F.Sum("total_amount"), 2).Alias("total")).
			OrderBy("window", "vendor_id").Show(20, false)
	},
}
