package difftest

import (
	"io"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	T "github.com/eddykernel/eddy/dataframe/types"
)

// goCases holds the Go half of every case, by name (the PySpark halves are in package pycases).
var goCases = merge(readGo, selectGo, stringGo, castGo, arithGo, nullGo, aggGo, joinGo, unionGo,
	orderGo, windowGo, jsonGo, sqlGo, schemaGo, showGo, rowGo, timeGo, errorGo, extraGo, writeGo, moreGo, streamGo, createGo)

func merge(groups ...map[string]goCase) map[string]goCase {
	all := map[string]goCase{}
	for _, g := range groups {
		for name, run := range g {
			if _, dup := all[name]; dup {
				panic("duplicate Go case " + name)
			}
			all[name] = run
		}
	}
	return all
}

var readGo = map[string]goCase{
	"read_rides_schema": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Option("header", true).Option("inferSchema", true).CSV(RIDES)
		df.PrintSchema()
	},
	"read_rides_no_infer": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Option("header", true).CSV(RIDES).PrintSchema()
	},
	"read_rides_count": func(spark *dataframe.Session, w io.Writer) {
		count(w, rides(spark))
	},
	"read_rides_show_default": func(spark *dataframe.Session, w io.Writer) {
		rides(spark).Select("VendorID", "tpep_pickup_datetime", "trip_distance", "PULocationID", "total_amount").Show()
	},
	"read_rides_show_wide": func(spark *dataframe.Session, w io.Writer) {
		rides(spark).Show(3)
	},
	"read_rides_format_load": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Format("csv").Option("header", "true").Option("inferSchema", "true").Load(RIDES)
		df.Select("VendorID", "store_and_fwd_flag", "fare_amount").Show(2)
	},
	"read_rides_ddl_schema": func(spark *dataframe.Session, w io.Writer) {
		ddl := "VendorID INT, tpep_pickup_datetime TIMESTAMP, tpep_dropoff_datetime TIMESTAMP, passenger_count INT, " +
			"trip_distance DOUBLE, RatecodeID INT, store_and_fwd_flag STRING, PULocationID INT, DOLocationID INT, " +
			"payment_type INT, fare_amount DOUBLE, extra DOUBLE, mta_tax DOUBLE, tip_amount DOUBLE, tolls_amount DOUBLE, " +
			"improvement_surcharge DOUBLE, total_amount FLOAT, congestion_surcharge DOUBLE"
		df := spark.Read().Schema(ddl).Option("header", true).CSV(RIDES)
		df.PrintSchema()
		df.Select("tpep_dropoff_datetime", "trip_distance", "total_amount").Show(3)
	},
	"read_rides_struct_schema": func(spark *dataframe.Session, w io.Writer) {
		schema := T.StructType(
			T.StructField("vendor", T.IntegerType),
			T.StructField("pickup", T.TimestampType),
			T.StructField("dropoff", T.StringType),
			T.StructField("passengers", T.LongType),
			T.StructField("distance", T.FloatType),
		)
		df := spark.Read().Schema(schema).Option("header", true).CSV(RIDES)
		df.PrintSchema()
		df.Show(3)
	},
	"read_zones_schema": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).PrintSchema()
	},
	"read_zones_show_truncate_false": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).Show(5, false)
	},
	"read_zones_show_default": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).Show()
	},
	"read_zones_by_borough": func(spark *dataframe.Session, w io.Writer) {
		zones(spark).GroupBy("Borough").Count().OrderBy("Borough").Show()
	},
	"read_seed_schema": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).PrintSchema()
	},
	"read_seed_show": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).Show(5)
	},
	"read_seed_sql_count_distinct": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).CreateOrReplaceTempView("rides")
		spark.SQL("select count(distinct(vendor_id)) from rides").Show()
	},
	"read_seed_groupby_vendor": func(spark *dataframe.Session, w io.Writer) {
		seed(spark).GroupBy("vendor_id").Count().OrderBy("vendor_id").Show()
	},
	"read_seed_rows": func(spark *dataframe.Session, w io.Writer) {
		rows(w, seed(spark).Limit(3))
	},
	"read_seed_text": func(spark *dataframe.Session, w io.Writer) {
		raw := spark.Read().Text(SEED_TXT)
		raw.PrintSchema()
		raw.Show(2)
		raw.Show(2, false)
	},
	"read_csv_as_text_split": func(spark *dataframe.Session, w io.Writer) {
		raw := spark.Read().Text(RIDES).Filter("value NOT LIKE 'VendorID%'")
		parts := F.Split(F.Col("value"), ",")
		df := raw.Select(parts.GetItem(0).Cast("int").Alias("vendor"), parts.GetItem(16).Cast("double").Alias("total"))
		df.GroupBy("vendor").Agg(F.Count("*"), F.Round(F.Sum("total"), 2)).OrderBy("vendor").Show()
	},
	"read_quoted_csv_sep": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Option("header", true).Option("inferSchema", true).Option("sep", ";").CSV(QUOTED_CSV)
		df.PrintSchema()
		df.Show(20, false)
	},
	"read_quoted_csv_wrong_sep": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Option("header", true).CSV(QUOTED_CSV).Show(20, false)
	},
	"read_csv_no_header": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Option("sep", ";").CSV(QUOTED_CSV)
		df.PrintSchema()
		df.Show()
	},
	"read_text_zones": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Text(ZONES).Show(3, false)
	},
	"read_missing_file": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Option("header", true).CSV(MISSING).Show()
	},
	"read_cards_schema": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).PrintSchema()
	},
	"read_cards_show": func(spark *dataframe.Session, w io.Writer) {
		cards(spark).Show()
	},
	"read_cards_ddl_schema": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Schema("name STRING, surname STRING, amount DOUBLE, delta_t INT, flag INT").JSON(CARDS)
		df.PrintSchema()
		df.Show(3)
	},
	"read_events_schema": func(spark *dataframe.Session, w io.Writer) {
		events(spark).PrintSchema()
	},
	"read_events_show": func(spark *dataframe.Session, w io.Writer) {
		events(spark).Select("event_type", "Host", "price", "attributes").Show(20, false)
	},
	"read_nulls_csv_infer": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().Option("header", true).Option("inferSchema", true).CSV(NULLS_CSV)
		df.PrintSchema()
		df.Show()
	},
	"read_nulls_csv_schema": func(spark *dataframe.Session, w io.Writer) {
		nulls(spark).Show()
	},
	"read_nulls_csv_dropmalformed": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Schema("id INT, name STRING, score DOUBLE, ts TIMESTAMP, active BOOLEAN").Option("header", true).
			Option("mode", "DROPMALFORMED").CSV(NULLS_CSV).Show()
	},
	"read_nulls_csv_failfast": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Schema("id INT, name STRING, score DOUBLE, ts TIMESTAMP, active BOOLEAN").Option("header", true).
			Option("mode", "FAILFAST").CSV(NULLS_CSV).Show()
	},
	"read_bad_json_infer": func(spark *dataframe.Session, w io.Writer) {
		df := spark.Read().JSON(BAD_JSON)
		df.PrintSchema()
		df.Show(20, false)
	},
	"read_bad_json_schema": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Schema("id INT, name STRING, score DOUBLE").JSON(BAD_JSON).Show()
	},
	"read_bad_json_dropmalformed": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Schema("id INT, name STRING, score DOUBLE").Option("mode", "DROPMALFORMED").JSON(BAD_JSON).Show()
	},
	"read_bad_json_corrupt_column": func(spark *dataframe.Session, w io.Writer) {
		spark.Read().Schema("id INT, name STRING, score DOUBLE, _corrupt_record STRING").JSON(BAD_JSON).Show(20, false)
	},
}
