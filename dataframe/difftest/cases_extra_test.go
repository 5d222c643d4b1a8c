package difftest

import (
	"fmt"
	"io"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

var extraGo = map[string]goCase{
	"read_parquet_schema": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Parquet(TRIPS_PARQUET).PrintSchema()
	},
	"read_parquet_show": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Parquet(TRIPS_PARQUET).Show(20, false)
	},
	"read_parquet_query": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Format("parquet").Load(TRIPS_PARQUET)
		df.Filter(F.Col("fare").Gt(5)).GroupBy("vendor").Agg(F.Count("*").Alias("n"), F.Sum("fare"), F.Max("pickup")).OrderBy("vendor").Show()
		rows(w, df.Filter(F.Col("trip_id").Eq(3)))
	},
	"read_options_map": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Options(map[string]any{"header": true, "inferSchema": true, "sep": ";"}).CSV(QUOTED_CSV)
		df.PrintSchema()
	},
	"create_df_strings": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([]string{"a,1", "b,2", "c"})
		df.PrintSchema()
		df.Select(F.Split("value", ",").GetItem(1).Cast("int").Alias("n")).Show()
	},
	"df_is_streaming": func(spark *dataframe.Session, w io.Writer) {
		fmt.Fprintln(w, pyBool(cards(spark).IsStreaming()))
	},
	"sql_view_of_parquet": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Parquet(TRIPS_PARQUET).CreateOrReplaceTempView("trips")
		spark.SQL("SELECT vendor, count(*) AS n, round(avg(fare), 2) AS avg_fare FROM trips WHERE vendor IS NOT NULL GROUP BY vendor HAVING n > 1 ORDER BY n DESC, vendor").Show()
	},
	"sql_case_nulls_in_list": func(spark *dataframe.Session, w io.Writer) {
		spark.SQL("SELECT 1 IN (2, NULL) AS a, 1 IN (1, NULL) AS b, NULL IN (1) AS c, 2 NOT IN (1, NULL) AS d, CASE WHEN CAST(NULL AS BOOLEAN) THEN 'y' ELSE 'n' END AS e").Show()
	},
}
