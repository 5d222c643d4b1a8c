package dataio

import (
	"bufio"
	"os"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// TextSchema is the schema of the text source: value string.
var TextSchema = sqltypes.StructType{Fields: []sqltypes.StructField{{Name: "value", DataType: sqltypes.StringType, Nullable: true}}}

// ReadText reads files line by line into a value column.
func ReadText(paths []string) (sqltypes.StructType, []arrow.Record, error) {
	files, err := ListFiles(paths)
	if err != nil {
		return TextSchema, nil, err
	}
	schema := sqltypes.ToArrowSchema(TextSchema)
	var out []arrow.Record
	for _, f := range files {
		lines, err := ReadLines(f)
		if err != nil {
			return TextSchema, nil, err
		}
		for start := 0; start < len(lines); start += BatchSize {
			end := min(start+BatchSize, len(lines))
			b := array.NewStringBuilder(expr.Mem)
			b.AppendValues(lines[start:end], nil)
			out = append(out, array.NewRecord(schema, []arrow.Array{b.NewArray()}, int64(end-start)))
		}
	}
	return TextSchema, out, nil
}

// ReadLines returns a file's lines without line terminators.
func ReadLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	var lines []string
	for sc.Scan() {
		l := sc.Text()
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		lines = append(lines, l)
	}
	return lines, sc.Err()
}
