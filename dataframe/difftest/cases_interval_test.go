package difftest

import (
	"io"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

var intervalGo = map[string]goCase{
	"interval_literals": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL("SELECT interval 1 hour AS a, INTERVAL 10 MINUTES AS b, interval 1 day 2 hours AS c, interval '10 minutes' AS d, interval '1' hour AS e, interval 1 hour 30 minutes AS f, interval 1500 milliseconds AS g, interval 1 week AS h, interval -1 hour AS i, interval '1 02:03:04.5' day to second AS j, interval '25:30' hour to minute AS k, interval 1 hour 5 microseconds AS l, interval 100 seconds AS m")
		df.PrintSchema()
		df.Show(false)
		spark.SQL("SELECT interval 1 hour, interval '-1 02:03' day to minute").Show(false)
	},
	"interval_timestamp_arithmetic": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL("SELECT TIMESTAMP'2024-01-01 10:00:00' AS t, DATE'2024-03-01' AS d, 'x' AS s, CAST(NULL AS TIMESTAMP) AS z")
		out := df.Select(F.Expr("t + interval 1 hour"), F.Expr("t - interval 10 minutes"), F.Expr("interval 1 hour + t"),
			F.Col("t").Plus(F.Expr("INTERVAL 10 MINUTES")).Alias("x"), F.Col("t").Minus(F.Expr("interval 1 hour")),
			F.Expr("d + interval 1 hour"), F.Expr("s + interval 1 hour"), F.Expr("z + interval 1 day"),
			F.Expr("t - interval '1 02:03:04.5' day to second"))
		out.PrintSchema()
		out.Show(false)
	},
	"interval_interval_arithmetic": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT interval 1 hour + interval 30 minutes, interval 1 hour - interval 2 hours, -interval 1 hour, interval 1 day + interval 1 second").Show(false)
	},
	"interval_date_arithmetic": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL("SELECT DATE'2024-03-01' + interval 1 day AS a, DATE'2024-03-01' - interval 2 days AS b, interval 1 week + DATE'2024-02-28' AS c, DATE'2024-03-01' + interval 1 day 2 hours AS d, CAST(NULL AS DATE) + interval 1 day AS e")
		df.PrintSchema()
		df.Show()
		spark.SQL("SELECT DATE'2024-03-01' + interval 1 day, DATE'2024-03-01' - interval 2 days").Show(false)
	},
	"interval_year_month": func(spark *dataframe.Session, w io.Writer) {
		df := spark.SQL("SELECT interval 1 month AS a, interval 2 years AS b, interval 1 year 2 months AS c, interval '1-2' year to month AS d, interval '-3-1' year to month AS e, interval 14 months AS f, interval -1 month AS g, interval '3 months' AS h")
		df.PrintSchema()
		df.Show(false)
		out := spark.SQL("SELECT DATE'2024-01-31' + interval 1 month AS a, TIMESTAMP'2024-01-31 10:00:00' + interval 1 month AS b, TIMESTAMP'2024-03-31 10:00:00' - interval 1 month AS c, DATE'2023-02-28' + interval 1 year AS d, DATE'2024-02-29' - interval '1-0' year to month AS e, interval 1 year + interval 3 months AS f, -interval 1 month AS g")
		out.PrintSchema()
		out.Show(false)
		spark.SQL("SELECT TIMESTAMP'2024-01-31 10:00:00' + interval 1 month, DATE'2024-01-31' - interval 1 month").Show(false)
	},
	"interval_time_range_join": func(spark *dataframe.Session, w io.Writer) {
		imp := spark.CreateDataFrame([][]any{{1, "2024-01-01 10:00:00"}, {2, "2024-01-01 10:30:00"}, {3, "2024-01-01 11:00:00"}}, "impAdId INT, impTime STRING").WithColumn("impTime", F.Col("impTime").Cast("timestamp"))
		clk := spark.CreateDataFrame([][]any{{1, "2024-01-01 10:20:00"}, {1, "2024-01-01 11:20:00"}, {2, "2024-01-01 11:30:00"}, {3, "2024-01-01 10:59:00"}}, "clickAdId INT, clickTime STRING").WithColumn("clickTime", F.Col("clickTime").Cast("timestamp"))
		imp.Join(clk, F.Expr("clickAdId = impAdId AND clickTime >= impTime AND clickTime <= impTime + interval 1 hour")).OrderBy("impAdId", "clickTime").Show()
		imp.Filter(F.Col("impTime").Gt(F.Lit("2024-01-01 09:00:00").Cast("timestamp").Plus(F.Expr("interval 1 hour 15 minutes")))).Show()
	},
	"interval_type_errors": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT 5 AS n").Select(F.Col("n").Plus(F.Expr("interval 1 hour"))).Show()
	},
}

func init() {
	for name, c := range intervalGo {
		goCases[name] = c
	}
}
