package dataframe

import (
	"strings"

	"github.com/eddykernel/eddy/dataframe/dataio"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// DataFrameWriter is df.Write(): Format, Mode, Option, Options, PartitionBy,
// Save, Parquet, JSON, CSV, Text.
type DataFrameWriter struct {
	df          *DataFrame
	format      string
	mode        string
	opts        dataio.Options
	partitionBy []string
}

// Write starts a batch write.
func (df *DataFrame) Write() *DataFrameWriter {
	return &DataFrameWriter{df: df, format: "parquet", mode: "errorifexists", opts: dataio.Options{}}
}

// Format sets the output format: parquet (default), json, csv, text, kafka.
func (w *DataFrameWriter) Format(f string) *DataFrameWriter { w.format = strings.ToLower(f); return w }

// Mode sets overwrite, append, errorifexists (default) or ignore.
func (w *DataFrameWriter) Mode(m string) *DataFrameWriter { w.mode = m; return w }

// Option sets an option.
func (w *DataFrameWriter) Option(k string, v any) *DataFrameWriter {
	w.opts[k] = renderOption(v)
	return w
}

// Options sets several options.
func (w *DataFrameWriter) Options(m map[string]any) *DataFrameWriter {
	for k, v := range m {
		w.Option(k, v)
	}
	return w
}

// PartitionBy writes Hive-style col=value folders.
func (w *DataFrameWriter) PartitionBy(cols ...string) *DataFrameWriter {
	w.partitionBy = cols
	return w
}

// BatchWriters write a batch DataFrame for formats implemented outside
// this package (kafka); package streaming registers one per format.
var BatchWriters = map[string]func(df *DataFrame, opts map[string]string) error{}

// Save writes to path (or the "path" option).
func (w *DataFrameWriter) Save(path ...string) error {
	if bw, ok := BatchWriters[w.format]; ok {
		if err := bw(w.df, w.opts); err != nil {
			reportError(err)
			return err
		}
		return nil
	}
	p := w.opts.Get("path", "")
	if len(path) > 0 {
		p = path[0]
	}
	if p == "" {
		err := sparkerr.IllegalArgument("'path' is not specified")
		reportError(err)
		return err
	}
	res, err := w.df.Execute()
	if err != nil {
		return err
	}
	err = dataio.Write(dataio.WriteSpec{Format: w.format, Mode: w.mode, Path: p, PartitionBy: w.partitionBy,
		Options: w.opts, Schema: res.Schema, Batches: res.Batches, Location: w.df.session.Location()})
	if err != nil {
		reportError(err)
	}
	return err
}

// Parquet writes Parquet files.
func (w *DataFrameWriter) Parquet(path string) error { return w.Format("parquet").Save(path) }

// JSON writes JSON lines.
func (w *DataFrameWriter) JSON(path string) error { return w.Format("json").Save(path) }

// CSV writes CSV files.
func (w *DataFrameWriter) CSV(path string) error { return w.Format("csv").Save(path) }

// Text writes a single string column as lines.
func (w *DataFrameWriter) Text(path string) error { return w.Format("text").Save(path) }
