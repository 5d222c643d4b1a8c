package difftest

import (
	"io"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

var writeGo = map[string]goCase{
	"write_parquet_roundtrip": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/cards_parquet"
		must(cards(spark).Write().Mode("overwrite").Parquet(p))
		df := spark.Read().Parquet(p)
		df.PrintSchema()
		df.OrderBy("amount").Show()
	},
	"write_json_lines": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/cards_json"
		must(cards(spark).Select("name", "amount", "flag").Write().JSON(p))
		spark.Read().Text(p).OrderBy("value").Show(20, false)
		spark.Read().JSON(p).OrderBy("amount").Show(3)
	},
	"write_json_timestamps_nulls": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/nulls_json"
		must(nulls(spark).Write().JSON(p))
		spark.Read().Text(p).OrderBy("value").Show(20, false)
	},
	"write_csv_header": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/seed_csv"
		must(seed(spark).Limit(3).Write().Option("header", true).CSV(p))
		spark.Read().Text(p).OrderBy("value").Show(20, false)
		df := spark.Read().Option("header", true).Option("inferSchema", true).CSV(p)
		df.PrintSchema()
	},
	"write_csv_nulls_quotes": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/quoted_csv"
		must(spark.CreateDataFrame([][]any{{1, "a,b", nil}, {2, `say "hi"`, 1.5}, {3, "", 2.0}}, "id INT, s STRING, d DOUBLE").Write().CSV(p))
		spark.Read().Text(p).OrderBy("value").Show(20, false)
	},
	"write_text": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/names_text"
		must(cards(spark).Select(F.ConcatWS(" ", "name", "surname").Alias("value")).Distinct().Write().Text(p))
		spark.Read().Text(p).OrderBy("value").Show()
	},
	"write_mode_errorifexists": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/exists"
		df := spark.CreateDataFrame(col1(1), "x INT")
		must(df.Write().Parquet(p))
		must(df.Write().Parquet(p))
	},
	"write_mode_ignore": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/ignored"
		must(spark.CreateDataFrame(col1(1), "x INT").Write().Parquet(p))
		must(spark.CreateDataFrame(col1(2), "x INT").Write().Mode("ignore").Parquet(p))
		spark.Read().Parquet(p).Show()
	},
	"write_mode_append": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/appended"
		must(spark.CreateDataFrame(col1(1), "x INT").Write().Parquet(p))
		must(spark.CreateDataFrame(col1(2), "x INT").Write().Mode("append").Parquet(p))
		spark.Read().Parquet(p).OrderBy("x").Show()
	},
	"write_mode_overwrite": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/overwritten"
		must(spark.CreateDataFrame(col1(1), "x INT").Write().Parquet(p))
		must(spark.CreateDataFrame(col1(2, 3), "x INT").Write().Mode("overwrite").Parquet(p))
		spark.Read().Parquet(p).OrderBy("x").Show()
	},
	"write_partition_by": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/by_flag"
		must(cards(spark).Write().PartitionBy("flag").Parquet(p))
		ls(w, p)
		df := spark.Read().Parquet(p)
		df.PrintSchema()
		df.OrderBy("amount").Show()
	},
	"write_partition_by_two": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/by_flag_name"
		must(cards(spark).Select("name", "flag", "amount").Write().PartitionBy("flag", "name").Mode("overwrite").JSON(p))
		ls(w, p)
		ls(w, p+"/flag=1")
		df := spark.Read().JSON(p)
		df.PrintSchema()
		df.Filter("flag = 1").OrderBy("amount").Show()
	},
	"write_format_save": func(spark *dataframe.Session, w io.Writer) {
		p := OUT + "/format_save"
		must(cards(spark).Write().Format("json").Mode("overwrite").Save(p))
		count(w, spark.Read().Format("json").Load(p))
	},
}
