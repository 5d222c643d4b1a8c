package dataframe

import (
	"time"

	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// StreamingEngine is implemented by package streaming, which registers
// itself with RegisterStreamingEngine at init (as database/sql drivers do).
type StreamingEngine interface {
	// Load builds a streaming DataFrame for a DataStreamReader.
	Load(r *DataStreamReader, path ...string) *DataFrame
	// Start starts a query for a DataStreamWriter.
	Start(w *DataStreamWriter, path ...string) (*StreamingQuery, error)
	// Manager returns the session's query manager.
	Manager(s *Session) *StreamingQueryManager
	// StopAll stops the session's queries.
	StopAll(s *Session)
}

// StreamEngine is the registered streaming engine (nil until package
// streaming is linked in).
var StreamEngine StreamingEngine

// RegisterStreamingEngine installs the streaming engine.
func RegisterStreamingEngine(e StreamingEngine) { StreamEngine = e }

func errNoStreaming() error {
	return sparkerr.Analysis("UNSUPPORTED_FEATURE", "Streaming is not available: the streaming engine is not linked in.")
}

// DataStreamReader is spark.ReadStream(): Format, Option, Options, Schema,
// Load.
type DataStreamReader struct {
	Session  *Session
	Fmt      string
	Opts     map[string]string
	UserSpec *StructType
}

// ReadStream starts building a streaming source.
func (s *Session) ReadStream() *DataStreamReader {
	return &DataStreamReader{Session: s, Opts: map[string]string{}}
}

// Format sets the source format (socket, kafka, rate, csv, json, ...).
func (r *DataStreamReader) Format(f string) *DataStreamReader { r.Fmt = f; return r }

// Option sets an option; values render as Spark renders them.
func (r *DataStreamReader) Option(k string, v any) *DataStreamReader {
	r.Opts[k] = renderOption(v)
	return r
}

// Options sets several options.
func (r *DataStreamReader) Options(m map[string]any) *DataStreamReader {
	for k, v := range m {
		r.Option(k, v)
	}
	return r
}

// Schema sets the source schema (a StructType or DDL string).
func (r *DataStreamReader) Schema(schema any) *DataStreamReader {
	st, err := toSchema(schema)
	if err != nil {
		reportError(err)
		return r
	}
	r.UserSpec = &st
	return r
}

// Load creates the streaming DataFrame.
func (r *DataStreamReader) Load(path ...string) *DataFrame {
	if StreamEngine == nil {
		return r.Session.ErrDataFrame(errNoStreaming())
	}
	return StreamEngine.Load(r, path...)
}

// DataStreamWriter is df.WriteStream().
type DataStreamWriter struct {
	DF          *DataFrame
	Fmt         string
	Mode        string
	Opts        map[string]string
	Name        string
	Partitions  []string
	TriggerSpec any
	BatchFunc   func(df *DataFrame, batchID int64)
}

// WriteStream starts building a streaming query.
func (df *DataFrame) WriteStream() *DataStreamWriter {
	return &DataStreamWriter{DF: df, Opts: map[string]string{}, Mode: "append"}
}

// Format sets the sink format.
func (w *DataStreamWriter) Format(f string) *DataStreamWriter { w.Fmt = f; return w }

// OutputMode sets append, update or complete.
func (w *DataStreamWriter) OutputMode(m string) *DataStreamWriter { w.Mode = m; return w }

// Option sets an option.
func (w *DataStreamWriter) Option(k string, v any) *DataStreamWriter {
	w.Opts[k] = renderOption(v)
	return w
}

// Options sets several options.
func (w *DataStreamWriter) Options(m map[string]any) *DataStreamWriter {
	for k, v := range m {
		w.Option(k, v)
	}
	return w
}

// QueryName names the query (and the memory sink's table).
func (w *DataStreamWriter) QueryName(n string) *DataStreamWriter { w.Name = n; return w }

// PartitionBy sets the file sink's partition columns.
func (w *DataStreamWriter) PartitionBy(cols ...string) *DataStreamWriter {
	w.Partitions = cols
	return w
}

// Trigger sets the trigger (streaming.ProcessingTime, Once, AvailableNow).
func (w *DataStreamWriter) Trigger(t any) *DataStreamWriter { w.TriggerSpec = t; return w }

// ForeachBatch sets a callback run for every micro-batch.
func (w *DataStreamWriter) ForeachBatch(f func(df *DataFrame, batchID int64)) *DataStreamWriter {
	w.BatchFunc = f
	return w
}

// Start starts the query; it returns at once.
func (w *DataStreamWriter) Start(path ...string) *StreamingQuery {
	if w.DF.err != nil {
		return &StreamingQuery{err: w.DF.err}
	}
	if StreamEngine == nil {
		err := errNoStreaming()
		reportError(err)
		return &StreamingQuery{err: err}
	}
	q, err := StreamEngine.Start(w, path...)
	if err != nil {
		reportError(err)
		return &StreamingQuery{err: err}
	}
	return q
}

// QueryHandle is the streaming engine's side of a StreamingQuery.
type QueryHandle interface {
	ID() string
	RunID() string
	Name() string
	IsActive() bool
	Status() map[string]any
	LastProgress() map[string]any
	RecentProgress() []map[string]any
	AwaitTermination(timeout ...time.Duration) bool
	ProcessAllAvailable()
	Stop()
	Exception() error
	Explain() string
}

// StreamingQuery is a running streaming query.
type StreamingQuery struct {
	Handle QueryHandle
	err    error
}

// NewStreamingQuery wraps an engine handle.
func NewStreamingQuery(h QueryHandle) *StreamingQuery { return &StreamingQuery{Handle: h} }

// Err returns the error that prevented the query from starting.
func (q *StreamingQuery) Err() error { return q.err }

// ID returns the query id.
func (q *StreamingQuery) ID() string {
	if q.Handle == nil {
		return ""
	}
	return q.Handle.ID()
}

// RunID returns the run id.
func (q *StreamingQuery) RunID() string {
	if q.Handle == nil {
		return ""
	}
	return q.Handle.RunID()
}

// Name returns the query name.
func (q *StreamingQuery) Name() string {
	if q.Handle == nil {
		return ""
	}
	return q.Handle.Name()
}

// IsActive reports whether the query runs.
func (q *StreamingQuery) IsActive() bool { return q.Handle != nil && q.Handle.IsActive() }

// Status returns {message, isDataAvailable, isTriggerActive}.
func (q *StreamingQuery) Status() map[string]any {
	if q.Handle == nil {
		return nil
	}
	return q.Handle.Status()
}

// LastProgress returns the last StreamingQueryProgress.
func (q *StreamingQuery) LastProgress() map[string]any {
	if q.Handle == nil {
		return nil
	}
	return q.Handle.LastProgress()
}

// RecentProgress returns recent progress reports.
func (q *StreamingQuery) RecentProgress() []map[string]any {
	if q.Handle == nil {
		return nil
	}
	return q.Handle.RecentProgress()
}

// AwaitTermination waits for the query to end, or for at most timeout, and
// reports whether it has ended. As in Spark, a query that ended with an
// exception raises it here: the error handler (the kernel's fails the cell)
// gets the StreamingQueryException; Go programs read it from Exception().
func (q *StreamingQuery) AwaitTermination(timeout ...time.Duration) bool {
	if q.Handle == nil {
		return true
	}
	ended := q.Handle.AwaitTermination(timeout...)
	if ended {
		reportError(q.Handle.Exception())
	}
	return ended
}

// ProcessAllAvailable blocks until available data is processed. As in
// Spark, it raises the query's StreamingQueryException (through the error
// handler) when the query has failed.
func (q *StreamingQuery) ProcessAllAvailable() {
	if q.Handle != nil {
		q.Handle.ProcessAllAvailable()
		reportError(q.Handle.Exception())
	}
}

// Stop stops the query.
func (q *StreamingQuery) Stop() {
	if q.Handle != nil {
		q.Handle.Stop()
	}
}

// Exception returns the error that ended the query, if any.
func (q *StreamingQuery) Exception() error {
	if q.Handle == nil {
		return q.err
	}
	return q.Handle.Exception()
}

// Explain prints the query plan.
func (q *StreamingQuery) Explain() string {
	if q.Handle == nil {
		return ""
	}
	return q.Handle.Explain()
}

// StreamingQueryManager is spark.Streams().
type StreamingQueryManager struct {
	Impl interface {
		Active() []*StreamingQuery
		Get(id string) *StreamingQuery
		AwaitAnyTermination(timeout ...time.Duration) bool
		ResetTerminated()
		// LastTerminatedException is the exception of the last query
		// that terminated since ResetTerminated, or nil.
		LastTerminatedException() error
	}
}

// Streams returns the session's streaming query manager.
func (s *Session) Streams() *StreamingQueryManager {
	if StreamEngine == nil {
		return &StreamingQueryManager{}
	}
	return StreamEngine.Manager(s)
}

// Active returns the running queries.
func (m *StreamingQueryManager) Active() []*StreamingQuery {
	if m.Impl == nil {
		return nil
	}
	return m.Impl.Active()
}

// Get returns a query by id.
func (m *StreamingQueryManager) Get(id string) *StreamingQuery {
	if m.Impl == nil {
		return nil
	}
	return m.Impl.Get(id)
}

// AwaitAnyTermination waits until any query ends (or one has since the
// last ResetTerminated), or for at most timeout, and reports whether one
// has. As in Spark, when the last query to terminate failed, its
// StreamingQueryException is raised through the error handler.
func (m *StreamingQueryManager) AwaitAnyTermination(timeout ...time.Duration) bool {
	if m.Impl == nil {
		return true
	}
	ended := m.Impl.AwaitAnyTermination(timeout...)
	if ended {
		reportError(m.Impl.LastTerminatedException())
	}
	return ended
}

// ResetTerminated forgets terminated queries.
func (m *StreamingQueryManager) ResetTerminated() {
	if m.Impl != nil {
		m.Impl.ResetTerminated()
	}
}
