package dataframe

import (
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/dataio"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// DataFrameReader is spark.Read(): Format, Option, Options, Schema, Load,
// CSV, JSON, Parquet, Text.
type DataFrameReader struct {
	session *Session
	format  string
	opts    dataio.Options
	schema  *sqltypes.StructType
	err     error
}

// Read starts a batch read.
func (s *Session) Read() *DataFrameReader {
	return &DataFrameReader{session: s, format: "parquet", opts: dataio.Options{}}
}

// Format sets the source format: csv, json, parquet, text.
func (r *DataFrameReader) Format(f string) *DataFrameReader { r.format = strings.ToLower(f); return r }

// Option sets an option; values render as Spark renders them.
func (r *DataFrameReader) Option(k string, v any) *DataFrameReader {
	r.opts[k] = renderOption(v)
	return r
}

// Options sets several options.
func (r *DataFrameReader) Options(m map[string]any) *DataFrameReader {
	for k, v := range m {
		r.Option(k, v)
	}
	return r
}

// Schema sets the schema (StructType or DDL string).
func (r *DataFrameReader) Schema(schema any) *DataFrameReader {
	st, err := toSchema(schema)
	if err != nil {
		r.err = err
		reportError(err)
		return r
	}
	r.schema = &st
	return r
}

// BatchReaders holds batch readers for formats implemented outside this
// package (kafka, registered by package streaming at init): they receive
// the options as given and the user schema (or nil).
var BatchReaders = map[string]func(s *Session, opts map[string]string, schema *StructType) (*DataFrame, error){}

// Load reads the given paths (or the "path" option).
func (r *DataFrameReader) Load(paths ...string) *DataFrame {
	if r.err != nil {
		return r.session.ErrDataFrame(r.err)
	}
	if src, ok := BatchReaders[r.format]; ok {
		if len(paths) > 0 {
			r.opts["path"] = paths[0]
		}
		df, err := src(r.session, r.opts, r.schema)
		if err != nil {
			return r.session.ErrDataFrame(err)
		}
		return df
	}
	if len(paths) == 0 {
		if p := r.opts.Get("path", ""); p != "" {
			paths = []string{p}
		}
	}
	if len(paths) == 0 {
		return r.session.ErrDataFrame(sparkerr.IllegalArgument("'path' is not specified"))
	}
	var st sqltypes.StructType
	var batches []arrow.Record
	var err error
	switch r.format {
	case "csv":
		st, batches, err = dataio.ReadCSV(paths, r.opts, r.schema)
	case "json":
		st, batches, err = dataio.ReadJSON(paths, r.opts, r.schema)
	case "parquet":
		st, batches, err = dataio.ReadParquet(paths)
	case "text":
		st, batches, err = dataio.ReadText(paths)
	default:
		err = sparkerr.Analysis("", "Failed to find data source: %s. Please find packages at `https://spark.apache.org/third-party-projects.html`.", r.format)
	}
	if err != nil {
		return r.session.ErrDataFrame(err)
	}
	return r.session.NewDataFrame(plan.NewLocalRelation(st, batches, r.format))
}

// CSV reads CSV files; the options are set on the reader.
func (r *DataFrameReader) CSV(paths ...string) *DataFrame { return r.Format("csv").Load(paths...) }

// JSON reads JSON-lines files.
func (r *DataFrameReader) JSON(paths ...string) *DataFrame { return r.Format("json").Load(paths...) }

// Parquet reads Parquet files.
func (r *DataFrameReader) Parquet(paths ...string) *DataFrame {
	return r.Format("parquet").Load(paths...)
}

// Text reads text files into a value column.
func (r *DataFrameReader) Text(paths ...string) *DataFrame { return r.Format("text").Load(paths...) }

// Table returns a view.
func (r *DataFrameReader) Table(name string) *DataFrame { return r.session.Table(name) }
