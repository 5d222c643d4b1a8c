package difftest

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

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

// card is the Go shape of create_df_structs' rows.
type card struct {
	Name   string    `spark:"name"`
	Amount float64   `spark:"amount"`
	Flag   int64     `spark:"flag"`
	Seen   time.Time `spark:"seen"`
	OK     bool      `spark:"ok"`
}

var createGo = map[string]goCase{
	"create_df_structs": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([]card{
			{"Alice", 120.5, 0, time.Date(2020, 7, 1, 0, 25, 32, 0, time.UTC), true},
			{"Bob", 15.0, 1, time.Date(2020, 7, 1, 1, 0, 0, 0, time.UTC), false},
		})
		df.PrintSchema()
		df.Show()
	},
	"create_df_maps": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([]map[string]any{{"name": "Alice", "amount": 1.5, "n": 3}, {"name": "Bob", "amount": 2.0, "n": nil}})
		df.PrintSchema()
		df.Show()
	},
	"create_df_rows_nulls_infer": func(spark *dataframe.Session, w io.Writer) {
		df := spark.CreateDataFrame([][]any{{1, nil, "x"}, {nil, 2.5, nil}}, []string{"a", "b", "c"})
		df.PrintSchema()
		df.Show()
	},
	"cast_with_more_types": func(spark *dataframe.Session, w io.Writer) {
		df := seed(spark).Select(F.Col("tpep_pickup_datetime").Cast(T.DateType).Alias("d"), F.Col("vendor_id").Cast(T.LongType).Alias("l"),
			F.Col("vendor_id").Cast(T.DoubleType).Alias("x"), F.Lit("ab").Cast(T.BinaryType).Alias("b"))
		df.PrintSchema()
		df.Show(2)
	},
}
