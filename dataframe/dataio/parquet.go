package dataio

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// ReadParquet reads Parquet files with pqarrow.
func ReadParquet(paths []string) (sqltypes.StructType, []arrow.Record, error) {
	files, err := ListFiles(paths)
	if err != nil {
		return sqltypes.StructType{}, nil, err
	}
	var st sqltypes.StructType
	var out []arrow.Record
	partCols := partitionColumns(paths, files)
	for i, f := range files {
		rdr, err := file.OpenParquetFile(f, false)
		if err != nil {
			return st, nil, err
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: BatchSize}, expr.Mem)
		if err != nil {
			rdr.Close()
			return st, nil, err
		}
		tbl, err := fr.ReadTable(context.Background())
		rdr.Close()
		if err != nil {
			return st, nil, err
		}
		fst := sqltypes.StructType{}
		for _, fld := range tbl.Schema().Fields() {
			dt, err := sqltypes.FromArrow(fld.Type)
			if err != nil {
				return st, nil, err
			}
			fst.Fields = append(fst.Fields, sqltypes.StructField{Name: fld.Name, DataType: dt, Nullable: true})
		}
		for _, pc := range partCols {
			fst.Fields = append(fst.Fields, sqltypes.StructField{Name: pc.name, DataType: pc.typ, Nullable: true})
		}
		if i == 0 {
			st = fst
		}
		schema := sqltypes.ToArrowSchema(st)
		tr := array.NewTableReader(tbl, BatchSize)
		for tr.Next() {
			rec := tr.Record()
			cols := make([]arrow.Array, int(rec.NumCols())+len(partCols))
			for k, pc := range partCols {
				cols[int(rec.NumCols())+k] = expr.Broadcast(pc.values[i], pc.typ, int(rec.NumRows()))
			}
			for c := 0; c < int(rec.NumCols()); c++ {
				a := rec.Column(c)
				if c < len(st.Fields) && !arrow.TypeEqual(a.DataType(), schema.Field(c).Type) {
					conv, err := convertArrow(a, st.Fields[c].DataType)
					if err != nil {
						return st, nil, err
					}
					a = conv
				}
				cols[c] = a
			}
			rec.Retain()
			out = append(out, array.NewRecord(schema, cols, rec.NumRows()))
		}
		tr.Release()
	}
	return st, out, nil
}

// convertArrow converts an Arrow array of a foreign type (int16, other time
// units, large strings) to the engine's layout for Spark type t.
func convertArrow(a arrow.Array, t sqltypes.DataType) (arrow.Array, error) {
	b := expr.NewBuilder(t)
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			b.AppendNull()
			continue
		}
		switch x := a.(type) {
		case *array.Timestamp:
			unit := x.DataType().(*arrow.TimestampType).Unit
			v := int64(x.Value(i))
			switch unit {
			case arrow.Second:
				v *= 1e6
			case arrow.Millisecond:
				v *= 1e3
			case arrow.Nanosecond:
				v /= 1e3
			}
			expr.AppendValue(b, v)
		default:
			v := a.GetOneForMarshal(i)
			switch n := v.(type) {
			case int8:
				v = int64(n)
			case int16:
				v = int64(n)
			case uint8:
				v = int64(n)
			}
			expr.AppendValue(b, v)
		}
	}
	return b.NewArray(), nil
}

// WriteParquet writes batches to one Parquet file (snappy).
func WriteParquet(path string, schema *arrow.Schema, batches []arrow.Record) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Snappy))
	w, err := pqarrow.NewFileWriter(schema, f, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		f.Close()
		return err
	}
	for _, b := range batches {
		if err := w.WriteBuffered(b); err != nil {
			w.Close()
			return err
		}
	}
	return w.Close()
}

type partitionColumn struct {
	name   string
	typ    sqltypes.DataType
	values []any // per file
}

// partitionColumns discovers Hive-style k=v directories between the read
// roots and the files; values that all parse as integers become int columns.
func partitionColumns(roots, files []string) []partitionColumn {
	var cols []partitionColumn
	for fi, f := range files {
		var kv [][2]string
		for _, r := range roots {
			rel, err := filepath.Rel(r, filepath.Dir(f))
			if err != nil || strings.HasPrefix(rel, "..") || rel == "." {
				continue
			}
			for _, part := range strings.Split(rel, string(filepath.Separator)) {
				if k, v, ok := strings.Cut(part, "="); ok {
					kv = append(kv, [2]string{k, v})
				}
			}
			break
		}
		if fi == 0 {
			for _, p := range kv {
				cols = append(cols, partitionColumn{name: p[0], typ: sqltypes.IntegerType, values: make([]any, len(files))})
			}
		}
		for k, p := range kv {
			if k < len(cols) {
				v, _ := url.PathUnescape(p[1])
				if v == "__HIVE_DEFAULT_PARTITION__" {
					cols[k].values[fi] = nil
				} else {
					cols[k].values[fi] = v
				}
			}
		}
	}
	for c := range cols {
		allInt := true
		for _, v := range cols[c].values {
			if s, ok := v.(string); ok {
				if _, err := strconv.ParseInt(s, 10, 32); err != nil {
					allInt = false
				}
			}
		}
		if !allInt {
			cols[c].typ = sqltypes.StringType
			continue
		}
		for i, v := range cols[c].values {
			if s, ok := v.(string); ok {
				n, _ := strconv.ParseInt(s, 10, 32)
				cols[c].values[i] = int32(n)
			}
		}
	}
	return cols
}
