package dataio

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// ListFiles expands paths (files, directories, globs) into data files,
// skipping names starting with "_" or ".", sorted. Hive-style partition
// directories (k=v) are walked recursively.
func ListFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		matches, err := filepath.Glob(p)
		if err != nil || len(matches) == 0 {
			return nil, sparkerr.Analysis("PATH_NOT_FOUND", "Path does not exist: file:%s.", abs(p))
		}
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil {
				return nil, sparkerr.Analysis("PATH_NOT_FOUND", "Path does not exist: file:%s.", abs(m))
			}
			if !st.IsDir() {
				out = append(out, m)
				continue
			}
			err = filepath.Walk(m, func(path string, info os.FileInfo, err error) error {
				if err != nil {
					return err
				}
				base := info.Name()
				if path != m && (strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".")) {
					if info.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if !info.IsDir() && !strings.HasSuffix(base, ".crc") {
					out = append(out, path)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// Options are case-insensitive reader/writer options.
type Options map[string]string

// Get returns an option's value or def.
func (o Options) Get(key, def string) string {
	for k, v := range o {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return def
}

// Bool returns a boolean option.
func (o Options) Bool(key string, def bool) bool {
	v := strings.ToLower(o.Get(key, ""))
	switch v {
	case "true":
		return true
	case "false":
		return false
	}
	return def
}

// withPartitions reads files with read and, when they sit in Hive-style
// k=v folders under the read paths, appends those partition columns (per
// file, so each file is read on its own).
func withPartitions(paths, files []string, read func(files []string) (sqltypes.StructType, []arrow.Record, error)) (sqltypes.StructType, []arrow.Record, error) {
	parts := partitionColumns(paths, files)
	if len(parts) == 0 {
		return read(files)
	}
	var st sqltypes.StructType
	var out []arrow.Record
	for i, f := range files {
		fst, batches, err := read([]string{f})
		if err != nil {
			return st, nil, err
		}
		if i == 0 {
			st = fst
			for _, pc := range parts {
				st.Fields = append(st.Fields, sqltypes.StructField{Name: pc.name, DataType: pc.typ, Nullable: true})
			}
		}
		schema := sqltypes.ToArrowSchema(st)
		for _, b := range batches {
			if int(b.NumCols())+len(parts) != len(st.Fields) {
				continue
			}
			cols := append([]arrow.Array(nil), b.Columns()...)
			for _, pc := range parts {
				cols = append(cols, expr.Broadcast(pc.values[i], pc.typ, int(b.NumRows())))
			}
			out = append(out, array.NewRecord(schema, cols, b.NumRows()))
		}
	}
	return st, out, nil
}
