package streaming

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/dataio"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// fileSink is Spark's file sink (parquet, json, csv, text) with its
// exactly-once metadata log, path/_spark_metadata/<batch>. A batch is
// written in three steps:
//
//  1. the part files are written under a hidden directory
//     path/.eddy-tmp-<batch>, which readers (Eddy's, pyarrow's, Spark's)
//     ignore;
//  2. the metadata log entry listing their final paths is written
//     atomically: from here on the batch is committed in the sink;
//  3. the files are renamed into place.
//
// A batch that is run again after a restart finds its log entry, finishes
// any renames step 3 did not complete, and writes nothing new, so readers
// never see duplicates or uncommitted files.
type fileSink struct {
	q       *query
	format  string
	path    string
	parts   []string
	options dataio.Options
}

func init() {
	for _, f := range []string{"parquet", "json", "csv", "text"} {
		f := f
		registerSink(f, func(q *query) (Sink, error) { return newFileSink(q, f) })
	}
}

func newFileSink(q *query, format string) (Sink, error) {
	if q.mode != "append" {
		return nil, analysis("Data source %s does not support %s output mode.", format, titleMode(q.mode))
	}
	path := q.opts.get("path", "")
	if path == "" {
		return nil, illegalArgument("'path' is not specified")
	}
	st := schemaOf(q.plan)
	for _, p := range q.partitions {
		if st.FieldIndex(p) < 0 {
			return nil, analysis("Partition column `%s` not found in schema %s", p, st.SimpleString())
		}
	}
	opts := dataio.Options{}
	for k, v := range q.opts {
		opts[k] = v
	}
	if err := os.MkdirAll(filepath.Join(path, "_spark_metadata"), 0o755); err != nil {
		return nil, err
	}
	return &fileSink{q: q, format: format, path: path, parts: q.partitions, options: opts}, nil
}

func titleMode(m string) string {
	if m == "" {
		return m
	}
	return strings.ToUpper(m[:1]) + m[1:]
}

// fileEntry is one line of a _spark_metadata log entry.
type fileEntry struct {
	Path             string `json:"path"`
	Size             int64  `json:"size"`
	IsDir            bool   `json:"isDir"`
	ModificationTime int64  `json:"modificationTime"`
	BlockReplication int    `json:"blockReplication"`
	BlockSize        int64  `json:"blockSize"`
	Action           string `json:"action"`
}

func (s *fileSink) logPath(batchID int64) string {
	return filepath.Join(s.path, "_spark_metadata", strconv.FormatInt(batchID, 10))
}

func (s *fileSink) tmpDir(batchID int64) string {
	return filepath.Join(s.path, fmt.Sprintf(".eddy-tmp-%d", batchID))
}

func (s *fileSink) AddBatch(batchID int64, schema sqltypes.StructType, batches []arrow.Record) error {
	tmp := s.tmpDir(batchID)
	if data, err := os.ReadFile(s.logPath(batchID)); err == nil {
		return s.finish(batchID, data)
	}
	_ = os.RemoveAll(tmp)
	if numRows(batches) > 0 {
		err := dataio.Write(dataio.WriteSpec{Format: s.format, Mode: "overwrite", Path: tmp, PartitionBy: s.parts,
			Options: s.options, Schema: schema, Batches: batches, Location: s.q.session.Location()})
		if err != nil {
			return err
		}
	}
	var entries []fileEntry
	abs, _ := filepath.Abs(s.path)
	_ = filepath.Walk(tmp, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.HasPrefix(info.Name(), "_") || strings.HasPrefix(info.Name(), ".") {
			return nil
		}
		rel, _ := filepath.Rel(tmp, p)
		entries = append(entries, fileEntry{Path: "file://" + filepath.Join(abs, rel), Size: info.Size(),
			ModificationTime: info.ModTime().UnixMilli(), BlockReplication: 1, BlockSize: 33554432, Action: "add"})
		return nil
	})
	var b strings.Builder
	b.WriteString("v1")
	for _, e := range entries {
		line, _ := json.Marshal(e)
		b.WriteString("\n")
		b.Write(line)
	}
	if err := writeFileAtomic(s.logPath(batchID), []byte(b.String())); err != nil {
		return err
	}
	return s.finish(batchID, []byte(b.String()))
}

// finish moves a committed batch's files into place.
func (s *fileSink) finish(batchID int64, log []byte) error {
	tmp := s.tmpDir(batchID)
	abs, _ := filepath.Abs(s.path)
	for _, line := range strings.Split(string(log), "\n")[1:] {
		var e fileEntry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			return fmt.Errorf("file sink: corrupt metadata log %s: %w", s.logPath(batchID), err)
		}
		final := strings.TrimPrefix(e.Path, "file://")
		rel, err := filepath.Rel(abs, final)
		if err != nil {
			return err
		}
		if _, err := os.Stat(final); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(tmp, rel), final); err != nil {
			return fmt.Errorf("file sink: batch %d: %w", batchID, err)
		}
	}
	return os.RemoveAll(tmp)
}

func (s *fileSink) Stop(error, int64) {}

func (s *fileSink) Description() string {
	abs, _ := filepath.Abs(s.path)
	return "FileSink[file:" + abs + "]"
}
