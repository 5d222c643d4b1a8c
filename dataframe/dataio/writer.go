package dataio

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// WriteSpec describes one batch write.
type WriteSpec struct {
	Format      string // parquet, json, csv, text
	Mode        string // overwrite, append, errorifexists (error), ignore
	Path        string
	PartitionBy []string
	Options     Options
	Schema      sqltypes.StructType
	Batches     []arrow.Record
	Location    *time.Location
}

// Write writes the batches under Path as Spark does: part files plus a
// _SUCCESS marker, Hive-style col=value folders for partition columns
// (which are dropped from the files).
func Write(ws WriteSpec) error {
	mode := strings.ToLower(ws.Mode)
	if mode == "" {
		mode = "errorifexists"
	}
	if _, err := os.Stat(ws.Path); err == nil {
		switch mode {
		case "overwrite":
			if err := os.RemoveAll(ws.Path); err != nil {
				return err
			}
		case "append":
		case "ignore":
			return nil
		case "error", "errorifexists", "default":
			return sparkerr.Analysis("PATH_ALREADY_EXISTS", "Path file:%s already exists. Set mode as \"overwrite\" to overwrite the existing path.", abs(ws.Path))
		default:
			return sparkerr.IllegalArgument("Unknown save mode: %s. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.", ws.Mode)
		}
	}
	if err := os.MkdirAll(ws.Path, 0o755); err != nil {
		return err
	}
	var partIdx []int
	for _, p := range ws.PartitionBy {
		idx := ws.Schema.FieldIndex(p)
		if idx < 0 {
			return sparkerr.Analysis("", "Partition column `%s` not found in schema %s", p, ws.Schema.SimpleString())
		}
		partIdx = append(partIdx, idx)
	}
	loc := ws.Location
	if loc == nil {
		loc = time.UTC
	}
	// Group rows by partition directory.
	groups := map[string][]arrow.Record{}
	var dataCols []int
	for i := range ws.Schema.Fields {
		isPart := false
		for _, p := range partIdx {
			if p == i {
				isPart = true
			}
		}
		if !isPart {
			dataCols = append(dataCols, i)
		}
	}
	dataSchema := sqltypes.StructType{}
	for _, i := range dataCols {
		dataSchema.Fields = append(dataSchema.Fields, ws.Schema.Fields[i])
	}
	arrowData := sqltypes.ToArrowSchema(dataSchema)
	for _, b := range ws.Batches {
		rowsByDir := map[string][]int32{}
		var order []string
		for r := 0; r < int(b.NumRows()); r++ {
			var parts []string
			for _, p := range partIdx {
				v := "__HIVE_DEFAULT_PARTITION__"
				if b.Column(p).IsValid(r) {
					v = escapePathValue(expr.ValueString(expr.GetValue(b.Column(p), r), ws.Schema.Fields[p].DataType, loc))
				}
				parts = append(parts, ws.Schema.Fields[p].Name+"="+v)
			}
			dir := filepath.Join(parts...)
			if _, ok := rowsByDir[dir]; !ok {
				order = append(order, dir)
			}
			rowsByDir[dir] = append(rowsByDir[dir], int32(r))
		}
		for _, dir := range order {
			idx := rowsByDir[dir]
			cols := make([]arrow.Array, len(dataCols))
			for k, c := range dataCols {
				col := b.Column(c)
				if len(idx) != int(b.NumRows()) {
					t, err := takeRows(array.NewRecord(arrow.NewSchema([]arrow.Field{{Name: "c", Type: col.DataType(), Nullable: true}}, nil), []arrow.Array{col}, b.NumRows()), idx)
					if err != nil {
						return err
					}
					col = t.Column(0)
				}
				cols[k] = col
			}
			groups[dir] = append(groups[dir], array.NewRecord(arrowData, cols, int64(len(idx))))
		}
	}
	if len(groups) == 0 && len(partIdx) == 0 {
		groups[""] = nil
	}
	dirs := make([]string, 0, len(groups))
	for d := range groups {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	stamp := time.Now().UnixNano()
	for n, d := range dirs {
		ext := map[string]string{"parquet": ".snappy.parquet", "json": ".json", "csv": ".csv", "text": ".txt"}[ws.Format]
		name := fmt.Sprintf("part-%05d-%x-c000%s", n, stamp, ext)
		path := filepath.Join(ws.Path, d, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		var err error
		switch ws.Format {
		case "parquet":
			err = WriteParquet(path, arrowData, groups[d])
		case "json":
			err = writeLines(path, groups[d], func(rec arrow.Record, r int) string {
				vals := make(expr.StructValue, rec.NumCols())
				for c := range vals {
					vals[c] = expr.GetValue(rec.Column(c), r)
				}
				return string(expr.AppendJSON(nil, vals, dataSchema, loc))
			})
		case "text":
			err = writeLines(path, groups[d], func(rec arrow.Record, r int) string {
				return expr.ValueString(expr.GetValue(rec.Column(0), r), dataSchema.Fields[0].DataType, loc)
			})
		case "csv":
			err = writeCSV(path, groups[d], dataSchema, ws.Options, loc)
		default:
			err = sparkerr.Analysis("", "Failed to find data source: %s.", ws.Format)
		}
		if err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(ws.Path, "_SUCCESS"), nil, 0o644)
}

func escapePathValue(s string) string {
	if s == "" {
		return "__HIVE_DEFAULT_PARTITION__"
	}
	return strings.ReplaceAll(url.PathEscape(s), "%20", " ")
}

func writeLines(path string, batches []arrow.Record, line func(arrow.Record, int) string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, b := range batches {
		for r := 0; r < int(b.NumRows()); r++ {
			w.WriteString(line(b, r))
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeCSV(path string, batches []arrow.Record, st sqltypes.StructType, opts Options, loc *time.Location) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	sep := opts.Get("sep", opts.Get("delimiter", ","))
	nullValue := opts.Get("nullValue", "")
	if opts.Bool("header", false) {
		names := st.FieldNames()
		for i, n := range names {
			names[i] = csvQuote(n, sep)
		}
		w.WriteString(strings.Join(names, sep) + "\n")
	}
	rec := make([]string, len(st.Fields))
	for _, b := range batches {
		for r := 0; r < int(b.NumRows()); r++ {
			for c := range rec {
				col := b.Column(c)
				if expr.IsNullAt(col, r) {
					rec[c] = nullValue
					continue
				}
				v := expr.GetValue(col, r)
				switch st.Fields[c].DataType.Kind() {
				case sqltypes.KindTimestamp:
					rec[c] = v.(time.Time).In(loc).Format("2006-01-02T15:04:05.000Z07:00")
				case sqltypes.KindString:
					rec[c] = csvQuote(v.(string), sep)
				default:
					rec[c] = csvQuote(expr.ValueString(v, st.Fields[c].DataType, loc), sep)
				}
			}
			w.WriteString(strings.Join(rec, sep))
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// csvQuote renders a value as Spark's CSV writer does (univocity with
// ignoreLeading/TrailingWhiteSpace on write): surrounding whitespace is
// dropped; empty strings and values holding the separator, a quote or a
// line break are quoted, with quotes escaped as \".
func csvQuote(s, sep string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.Contains(s, sep) && !strings.ContainsAny(s, "\"\n\r") {
		return s
	}
	return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\""
}
