package streaming

import (
	"context"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Offset is a source position as Spark writes it in the offsets log: a
// number for socket, rate and file sources, a JSON object for Kafka. The
// empty Offset is "before the first record".
type Offset string

// Source is a streaming source instance, created for each run of a query.
// The query calls Open once, then for every trigger Latest and, when the
// offset moved, Batch(from, to), and after the batch is committed Commit.
type Source interface {
	// Open connects the source. It is called on the query's goroutine.
	Open(ctx context.Context) error
	// Initial returns the offset the first batch starts from when there is
	// no checkpoint (startingOffsets).
	Initial() (Offset, error)
	// Latest returns the end of the data available now. With limit set the
	// source applies its per-trigger cap (maxOffsetsPerTrigger,
	// maxFilesPerTrigger) counted from from.
	Latest(from Offset, limit bool) (Offset, error)
	// Batch returns the records in (from, to].
	Batch(from, to Offset) ([]arrow.Record, error)
	// Commit tells the source that everything up to to is processed.
	Commit(to Offset)
	// Close releases connections and goroutines.
	Close() error
	// Description is the sources[].description of a progress report.
	Description() string
}

// sourceSpec is what spark.ReadStream().Load() records in the plan's
// StreamSource leaf. Start creates a fresh Source from it for every run.
type sourceSpec struct {
	format string
	opts   options
	schema sqltypes.StructType
	paths  []string
	newFn  func(spec *sourceSpec) (Source, error)
}

// options are a reader's or writer's options, looked up case-insensitively
// as Spark does.
type options map[string]string

func newOptions(m map[string]string) options {
	o := options{}
	for k, v := range m {
		o[strings.ToLower(k)] = v
	}
	return o
}

func (o options) get(key, def string) string {
	if v, ok := o[strings.ToLower(key)]; ok {
		return v
	}
	return def
}

func (o options) has(key string) bool {
	_, ok := o[strings.ToLower(key)]
	return ok
}

func (o options) int(key string, def int64) (int64, error) {
	v, ok := o[strings.ToLower(key)]
	if !ok {
		return def, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, illegalArgument("Invalid value '%s' for option '%s', must be an integer", v, key)
	}
	return n, nil
}

func (o options) bool(key string, def bool) (bool, error) {
	v, ok := o[strings.ToLower(key)]
	if !ok {
		return def, nil
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, illegalArgument("%s should be boolean, but was %s", key, v)
}

func parseLongOffset(o Offset) int64 {
	if o == "" {
		return -1
	}
	n, err := strconv.ParseInt(string(o), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

func longOffset(n int64) Offset { return Offset(strconv.FormatInt(n, 10)) }
