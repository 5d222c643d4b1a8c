package streaming

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/dataio"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// fileSource reads csv, json, parquet and text files that appear in a
// directory. Its offset is the number of files seen so far, in the order
// they were discovered (modification time, then name); at most
// maxFilesPerTrigger new files go into one batch.
type fileSource struct {
	format   string
	path     string
	opts     options
	schema   sqltypes.StructType
	maxFiles int64

	mu   sync.Mutex
	seen []string
	set  map[string]bool
}

var errStreamSchema = "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it."

// fileSourceSchema returns the schema of a file stream: the user's, text's
// fixed one, or (with spark.sql.streaming.schemaInference) one inferred
// from the files present now.
func fileSourceSchema(format string, path string, opts options, user *sqltypes.StructType, infer bool) (sqltypes.StructType, error) {
	if format == "text" {
		return sqltypes.NewStructType(sqltypes.NewStructField("value", sqltypes.StringType, true)), nil
	}
	if user != nil {
		return *user, nil
	}
	if !infer {
		return sqltypes.StructType{}, illegalArgument("%s", errStreamSchema)
	}
	st, _, err := readFiles(format, []string{path}, opts, nil)
	return st, err
}

func readFiles(format string, files []string, opts options, schema *sqltypes.StructType) (sqltypes.StructType, []arrow.Record, error) {
	o := dataio.Options{}
	for k, v := range opts {
		o[k] = v
	}
	switch format {
	case "csv":
		return dataio.ReadCSV(files, o, schema)
	case "json":
		return dataio.ReadJSON(files, o, schema)
	case "parquet":
		return dataio.ReadParquet(files)
	default:
		return dataio.ReadText(files)
	}
}

func newFileSource(spec *sourceSpec) (Source, error) {
	maxFiles, err := spec.opts.int("maxFilesPerTrigger", 0)
	if err != nil {
		return nil, err
	}
	if spec.opts.has("maxFilesPerTrigger") && maxFiles <= 0 {
		return nil, illegalArgument("Invalid value '%d' for option 'maxFilesPerTrigger', must be a positive integer", maxFiles)
	}
	return &fileSource{format: spec.format, path: spec.paths[0], opts: spec.opts, schema: spec.schema, maxFiles: maxFiles, set: map[string]bool{}}, nil
}

func (s *fileSource) Open(context.Context) error { return nil }

func (s *fileSource) Initial() (Offset, error) { return longOffset(0), nil }

// discover appends files not seen before, oldest first.
func (s *fileSource) discover() error {
	if _, err := os.Stat(s.path); err != nil {
		if matches, _ := filepath.Glob(s.path); len(matches) == 0 {
			return nil // the directory may appear later
		}
	}
	files, err := dataio.ListFiles([]string{s.path})
	if err != nil {
		return err
	}
	type fileInfo struct {
		name string
		mod  int64
	}
	var fresh []fileInfo
	for _, f := range files {
		if s.set[f] {
			continue
		}
		st, err := os.Stat(f)
		if err != nil {
			continue
		}
		fresh = append(fresh, fileInfo{f, st.ModTime().UnixNano()})
	}
	sort.Slice(fresh, func(i, j int) bool {
		if fresh[i].mod != fresh[j].mod {
			return fresh[i].mod < fresh[j].mod
		}
		return fresh[i].name < fresh[j].name
	})
	for _, f := range fresh {
		s.set[f.name] = true
		s.seen = append(s.seen, f.name)
	}
	return nil
}

func (s *fileSource) Latest(from Offset, limit bool) (Offset, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.discover(); err != nil {
		return "", err
	}
	n := int64(len(s.seen))
	if lo := max(parseLongOffset(from), 0); limit && s.maxFiles > 0 && n-lo > s.maxFiles {
		n = lo + s.maxFiles
	}
	return longOffset(n), nil
}

func (s *fileSource) Batch(from, to Offset) ([]arrow.Record, error) {
	lo, hi := max(parseLongOffset(from), 0), parseLongOffset(to)
	s.mu.Lock()
	for int64(len(s.seen)) < hi {
		if err := s.discover(); err != nil {
			s.mu.Unlock()
			return nil, err
		}
		if int64(len(s.seen)) < hi {
			s.mu.Unlock()
			return nil, illegalArgument("file source: offset %d is beyond the %d files found in %s", hi, len(s.seen), s.path)
		}
	}
	files := append([]string(nil), s.seen[lo:hi]...)
	s.mu.Unlock()
	if len(files) == 0 {
		return nil, nil
	}
	schema := s.schema
	_, recs, err := readFiles(s.format, files, s.opts, &schema)
	return recs, err
}

func (s *fileSource) Commit(Offset) {}

func (s *fileSource) Close() error { return nil }

func (s *fileSource) Description() string {
	abs, err := filepath.Abs(s.path)
	if err != nil {
		abs = s.path
	}
	return "FileStreamSource[file:" + abs + "]"
}
