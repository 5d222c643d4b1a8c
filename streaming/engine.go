package streaming

import (
	"context"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/eddykernel/eddy/display"
)

// engine implements dataframe.StreamingEngine.
type engine struct {
	mu       sync.Mutex
	managers map[*dataframe.Session]*manager
}

var theEngine = &engine{managers: map[*dataframe.Session]*manager{}}

func init() { dataframe.RegisterStreamingEngine(theEngine) }

// sourceFormats maps DataStreamReader.Format names to their constructors.
var sourceFormats = map[string]func(spec *sourceSpec) (Source, error){
	"rate":    newRateSource,
	"socket":  newSocketSource,
	"csv":     newFileSource,
	"json":    newFileSource,
	"parquet": newFileSource,
	"text":    newFileSource,
}

// Load builds the streaming DataFrame of spark.ReadStream()...Load().
func (e *engine) Load(r *dataframe.DataStreamReader, path ...string) *dataframe.DataFrame {
	s := r.Session
	df, err := e.load(r, path)
	if err != nil {
		return s.ErrDataFrame(err)
	}
	return df
}

func (e *engine) load(r *dataframe.DataStreamReader, path []string) (*dataframe.DataFrame, error) {
	format := strings.ToLower(r.Fmt)
	if format == "" {
		format = strings.ToLower(r.Session.Conf().Get("spark.sql.sources.default", "parquet"))
	}
	opts := newOptions(r.Opts)
	spec := &sourceSpec{format: format, opts: opts}
	newFn, ok := sourceFormats[format]
	if !ok {
		return nil, analysis("Failed to find data source: %s. Please find packages at `https://spark.apache.org/third-party-projects.html`.", r.Fmt)
	}
	spec.newFn = newFn
	switch format {
	case "rate":
		spec.schema = rateSchema
		if r.UserSpec != nil {
			return nil, analysis("The rate source does not support a user-specified schema.")
		}
	case "socket":
		if err := validateSocket(opts); err != nil {
			return nil, err
		}
		ts, _ := opts.bool("includeTimestamp", false)
		spec.schema = socketSchema(ts)
	case "kafka":
		if err := validateKafkaSource(opts); err != nil {
			return nil, err
		}
		spec.schema = kafkaSchema(opts.get("includeHeaders", "false") == "true")
	default:
		if len(path) == 0 && opts.has("path") {
			path = []string{opts.get("path", "")}
		}
		if len(path) == 0 {
			return nil, illegalArgument("'path' is not specified")
		}
		spec.paths = path
		infer := strings.EqualFold(r.Session.Conf().Get("spark.sql.streaming.schemaInference", "false"), "true")
		st, err := fileSourceSchema(format, path[0], opts, r.UserSpec, infer)
		if err != nil {
			return nil, err
		}
		spec.schema = st
	}
	leaf := plan.NewStreamSource(spec.schema, format, spec)
	return r.Session.NewDataFrame(leaf), nil
}

// newUUID returns a random RFC 4122 version 4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Start starts a query for df.WriteStream()...Start().
func (e *engine) Start(w *dataframe.DataStreamWriter, path ...string) (*dataframe.StreamingQuery, error) {
	q, err := e.start(w, path)
	if err != nil {
		return nil, err
	}
	return dataframe.NewStreamingQuery(q.handle()), nil
}

func (e *engine) start(w *dataframe.DataStreamWriter, path []string) (*query, error) {
	df := w.DF
	if err := df.Err(); err != nil {
		return nil, err
	}
	session := df.Session()
	p := df.Plan()
	if !plan.IsStreaming(p) {
		return nil, sparkerr.Analysis("WRITE_STREAM_NOT_ALLOWED", "`writeStream` can be called only on streaming Dataset/DataFrame.")
	}
	mode, err := normalizeOutputMode(w.Mode)
	if err != nil {
		return nil, err
	}
	if err := validateOutputMode(p, mode); err != nil {
		return nil, err
	}
	trig, err := toTrigger(w.TriggerSpec)
	if err != nil {
		return nil, err
	}
	format := strings.ToLower(w.Fmt)
	if w.BatchFunc != nil {
		format = "foreachbatch"
	}
	if format == "" {
		format = strings.ToLower(session.Conf().Get("spark.sql.sources.default", "parquet"))
	}
	opts := newOptions(w.Opts)
	if len(path) > 0 {
		opts["path"] = path[0]
	}
	m := e.manager(session)
	if w.Name != "" && m.activeNamed(w.Name) {
		return nil, illegalArgument("Cannot start query with name %s as a query with that name is already active in this SparkSession", w.Name)
	}
	q := &query{engine: e, session: session, runID: newUUID(), name: w.Name, plan: p, mode: mode, trigger: trig,
		opts: opts, partitions: w.Partitions, batchFunc: w.BatchFunc, sinkName: format, publisher: display.Current(),
		stopCh: make(chan struct{}), done: make(chan struct{}), wake: make(chan struct{}, 1),
		eventMax: map[*plan.Watermark]int64{}, active: true, message: statusInitializing, startedAt: time.Now()}
	q.cond = sync.NewCond(&q.mu)
	q.id = newUUID()
	// As in Spark, a query with withWatermark starts with watermark 0.
	q.hasWatermark = findWatermark(p) != nil

	loc := opts.get("checkpointLocation", "")
	if loc == "" {
		if c := session.Conf().Get("spark.sql.streaming.checkpointLocation", ""); c != "" {
			name := w.Name
			if name == "" {
				name = newUUID()
			}
			loc = filepath.Join(c, name)
		}
	}
	if loc == "" && !tempCheckpoint[format] {
		return nil, analysis("checkpointLocation must be specified either through option(\"checkpointLocation\", ...) or SparkSession.conf.set(\"spark.sql.streaming.checkpointLocation\", ...).")
	}
	if loc != "" {
		ck, err := openCheckpoint(loc, false)
		if err != nil {
			return nil, err
		}
		if q.id, err = ck.queryID(q.id); err != nil {
			return nil, err
		}
		q.ckpt = ck
	}

	c := &compiler{mode: mode}
	root, err := c.compile(p)
	if err != nil {
		return nil, err
	}
	q.root, q.stateful = root, c.stateful
	if err := q.createSources(p); err != nil {
		return nil, err
	}
	var sink Sink
	if format == "foreachbatch" {
		sink, err = newForeachBatchSink(q)
	} else if f, ok := sinkFormats[format]; ok {
		sink, err = f(q)
	} else {
		err = illegalArgument("Data source %s does not support streamed writing", w.Fmt)
	}
	if err != nil {
		return nil, err
	}
	q.sink = sink
	q.ctx, q.cancel = context.WithCancel(context.Background())
	q.waitCtx, q.waitCancel = context.WithCancel(q.ctx)
	m.add(q)
	notify(func(l Listener) {
		l.OnQueryStarted(QueryStartedEvent{ID: q.id, RunID: q.runID, Name: q.name, Timestamp: sparkTimestamp(time.Now()), Query: q.handle()})
	})
	go q.run()
	return q, nil
}

// createSources instantiates a Source for every StreamSource leaf.
func (q *query) createSources(n plan.Node) error {
	if leaf, ok := n.(*plan.StreamSource); ok {
		spec, ok := leaf.Source.(*sourceSpec)
		if !ok {
			return analysis("streaming source %s was not created by spark.ReadStream()", leaf.Format)
		}
		src, err := spec.newFn(spec)
		if err != nil {
			return err
		}
		q.sources = append(q.sources, &querySource{leaf: leaf, src: src})
		return nil
	}
	for _, k := range n.Children() {
		if err := q.createSources(k); err != nil {
			return err
		}
	}
	return nil
}

func (e *engine) manager(s *dataframe.Session) *manager {
	e.mu.Lock()
	defer e.mu.Unlock()
	m, ok := e.managers[s]
	if !ok {
		m = newManager()
		e.managers[s] = m
	}
	return m
}

// Manager returns spark.Streams().
func (e *engine) Manager(s *dataframe.Session) *dataframe.StreamingQueryManager {
	return &dataframe.StreamingQueryManager{Impl: e.manager(s)}
}

// StopAll stops every query of the session (spark.Stop()).
func (e *engine) StopAll(s *dataframe.Session) { e.manager(s).stopAll() }

func (e *engine) terminated(q *query) { e.manager(q.session).terminated(q) }

// schemaOf is a helper for tests and sinks.
func schemaOf(n plan.Node) sqltypes.StructType { return plan.Schema(n) }
