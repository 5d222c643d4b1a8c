package dataio

import (
	"context"
	"os"
	"path/filepath"

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
		if i == 0 {
			st = fst
		}
		schema := sqltypes.ToArrowSchema(st)
		tr := array.NewTableReader(tbl, BatchSize)
		for tr.Next() {
			rec := tr.Record()
			cols := make([]arrow.Array, rec.NumCols())
			for c := range cols {
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
