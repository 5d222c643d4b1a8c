package dataio

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// ReadJSON reads JSON-lines files: with a schema each line is parsed into
// it (PERMISSIVE: malformed lines give nulls); without one the schema is
// inferred from every line (fields sorted by name, as Spark does).
func ReadJSON(paths []string, opts Options, schema *sqltypes.StructType) (sqltypes.StructType, []arrow.Record, error) {
	files, err := ListFiles(paths)
	if err != nil {
		return sqltypes.StructType{}, nil, err
	}
	var lines []string
	for _, f := range files {
		ls, err := ReadLines(f)
		if err != nil {
			return sqltypes.StructType{}, nil, err
		}
		for _, l := range ls {
			if l != "" {
				lines = append(lines, l)
			}
		}
	}
	var st sqltypes.StructType
	if schema != nil {
		st = *schema
	} else {
		st = expr.InferJSONSchema(lines)
	}
	aschema := sqltypes.ToArrowSchema(st)
	var out []arrow.Record
	for start := 0; start < len(lines); start += BatchSize {
		end := min(start+BatchSize, len(lines))
		sb := array.NewStringBuilder(expr.Mem)
		sb.AppendValues(lines[start:end], nil)
		parsed, err := expr.ParseJSONColumn(sb.NewArray(), st, expr.JSONOptions{Mode: opts.Get("mode", "PERMISSIVE")})
		if err != nil {
			return st, nil, err
		}
		sa := parsed.(*array.Struct)
		cols := make([]arrow.Array, sa.NumField())
		for i := range cols {
			cols[i] = sa.Field(i)
		}
		out = append(out, array.NewRecord(aschema, cols, int64(end-start)))
	}
	return st, out, nil
}
