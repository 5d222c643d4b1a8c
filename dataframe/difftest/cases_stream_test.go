package difftest

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	T "github.com/eddykernel/eddy/dataframe/types"
	// The streaming engine, linked in as in the kernel, serves spark.ReadStream().
	_ "github.com/eddykernel/eddy/streaming"
)

var streamGo = map[string]goCase{
	"stream_rate_schema": func(spark *dataframe.Session, w io.Writer) {
		df := spark.ReadStream().Format("rate").Option("rowsPerSecond", 1).Load()
		fmt.Fprintln(w, pyBool(df.IsStreaming()))
		df.PrintSchema()
	},
	"stream_socket_schema": func(spark *dataframe.Session, w io.Writer) {
		spark.ReadStream().Format("socket").Option("host", "localhost").Option("port", 9999).Load().PrintSchema()
		spark.ReadStream().Format("socket").Option("host", "localhost").Option("port", 9999).Option("includeTimestamp", true).Load().PrintSchema()
	},
	"stream_batch_action_error": func(spark *dataframe.Session, w io.Writer) {
		spark.ReadStream().Format("rate").Load().Count()
	},
	"stream_batch_show_error": func(spark *dataframe.Session, w io.Writer) {
		spark.ReadStream().Format("rate").Load().Select("value").Show()
	},
	"stream_json_source_schema": func(spark *dataframe.Session, w io.Writer) {
		df := spark.ReadStream().Format("json").Schema("name STRING, amount DOUBLE, flag INT").Load(filepath.Dir(CARDS))
		fmt.Fprintln(w, pyBool(df.IsStreaming()))
		df.PrintSchema()
	},
	"stream_transformed_schema": func(spark *dataframe.Session, w io.Writer) {
		raw := spark.ReadStream().Format("socket").Option("host", "localhost").Option("port", 9999).Load()
		schema := T.StructType(T.StructField("name", T.StringType), T.StructField("amount", T.DoubleType), T.StructField("flag", T.IntegerType))
		tx := raw.Select(F.FromJSON(F.Col("value"), schema).Alias("data")).Select("data.*")
		agg := tx.Filter("flag = 1").GroupBy("name").Count()
		fmt.Fprintln(w, pyBool(agg.IsStreaming()))
		agg.PrintSchema()
	},
	"stream_watermark_window_schema": func(spark *dataframe.Session, w io.Writer) {
		df := spark.ReadStream().Format("rate").Load().WithWatermark("timestamp", "10 seconds")
		df.GroupBy(F.Window("timestamp", "10 seconds"), F.Col("value").Mod(3).Alias("k")).Agg(F.Count("*").Alias("n"), F.Sum("value")).PrintSchema()
	},
	"stream_seed_parse_schema": func(spark *dataframe.Session, w io.Writer) {
		raw := spark.ReadStream().Format("socket").Option("host", "localhost").Option("port", 9999).Load()
		parts := F.Split(F.Col("value"), ", ")
		rides := raw.Select(parts.GetItem(0).Cast("int").Alias("vendor_id"), parts.GetItem(1).Cast(T.TimestampType).Alias("tpep_pickup_datetime"), parts.GetItem(6).Cast("float").Alias("total_amount"))
		rides.GroupBy("vendor_id").Count().PrintSchema()
	},
}
