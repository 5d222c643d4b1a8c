package dataio

import (
	"context"
	"sort"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/compute"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
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
	return withPartitions(paths, files, func(files []string) (sqltypes.StructType, []arrow.Record, error) {
		return readJSONFiles(files, opts, schema)
	})
}

func readJSONFiles(files []string, opts Options, schema *sqltypes.StructType) (sqltypes.StructType, []arrow.Record, error) {
	var lines []string
	var origin []lineOrigin // file and line number of each kept line
	for fi, f := range files {
		ls, err := ReadLines(f)
		if err != nil {
			return sqltypes.StructType{}, nil, err
		}
		for i, l := range ls {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
				origin = append(origin, lineOrigin{fi, i + 1})
			}
		}
	}
	corruptName := opts.Get("columnNameOfCorruptRecord", "_corrupt_record")
	mode := strings.ToUpper(opts.Get("mode", "PERMISSIVE"))
	var st sqltypes.StructType
	if schema != nil {
		st = *schema
	} else {
		var malformed bool
		st, malformed = expr.InferJSONSchemaMalformed(lines)
		if malformed && mode == "PERMISSIVE" {
			st.Fields = append(st.Fields, sqltypes.StructField{Name: corruptName, DataType: sqltypes.StringType, Nullable: true})
			sort.SliceStable(st.Fields, func(i, j int) bool { return st.Fields[i].Name < st.Fields[j].Name })
		}
	}
	corrupt := -1
	if mode == "PERMISSIVE" {
		for i, f := range st.Fields {
			if f.Name == corruptName && f.DataType.Kind() == sqltypes.KindString {
				corrupt = i
			}
		}
	}
	aschema := sqltypes.ToArrowSchema(st)
	var out []arrow.Record
	for start := 0; start < len(lines); start += BatchSize {
		end := min(start+BatchSize, len(lines))
		sb := array.NewStringBuilder(expr.Mem)
		sb.AppendValues(lines[start:end], nil)
		parseMode := mode
		if mode == "FAILFAST" {
			parseMode = "PERMISSIVE" // report the first bad line with its file below
		}
		parsed, bad, err := expr.ParseJSONRows(sb.NewArray(), st, expr.JSONOptions{Mode: parseMode}, corrupt)
		if err != nil {
			return st, nil, err
		}
		if mode == "FAILFAST" {
			for i, b := range bad {
				if b {
					o := origin[start+i]
					return st, nil, sparkerr.Runtime("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are detected in record parsing: [%s].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. (line %d of file %s)", lines[start+i], o.line, files[o.file])
				}
			}
		}
		sa := parsed.(*array.Struct)
		cols := make([]arrow.Array, sa.NumField())
		for i := range cols {
			cols[i] = sa.Field(i)
		}
		var rec arrow.Record = array.NewRecord(aschema, cols, int64(end-start))
		if mode == "DROPMALFORMED" {
			var keep []int32
			for i, b := range bad {
				if !b {
					keep = append(keep, int32(i))
				}
			}
			if rec, err = takeRows(rec, keep); err != nil {
				return st, nil, err
			}
		}
		out = append(out, rec)
	}
	return st, out, nil
}

func takeRows(rec arrow.Record, keep []int32) (arrow.Record, error) {
	idx := expr.MakeFixed(arrow.PrimitiveTypes.Int32, keep, nil, 0)
	cols := make([]arrow.Array, rec.NumCols())
	for i := range cols {
		c, err := compute.TakeArray(context.Background(), rec.Column(i), idx)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	return array.NewRecord(rec.Schema(), cols, int64(len(keep))), nil
}

type lineOrigin struct{ file, line int }
