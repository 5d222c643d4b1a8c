package streaming

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/display"
)

// Spark's StreamingQueryStatus messages.
const (
	statusInitializing = "Initializing sources"
	statusWaitingData  = "Waiting for data to arrive"
	statusProcessing   = "Processing new data"
	statusWaitTrigger  = "Waiting for next trigger"
	statusStopped      = "Stopped"
	statusGetOffsets   = "Getting offsets from "
)

// pollDelay is how long the default trigger waits before looking for new
// data again (spark.sql.streaming.pollingDelay).
const pollDelay = 10 * time.Millisecond

// progressHistory is how many progress reports RecentProgress keeps
// (spark.sql.streaming.numRecentProgressUpdates).
const progressHistory = 100

// statusReporter is implemented by sources that report their waits (a
// Kafka broker that is down) in the query's status message.
type statusReporter interface {
	reportStatus(func(msg string))
}

// querySource is one StreamSource leaf of a running query.
type querySource struct {
	leaf      *plan.StreamSource
	src       Source
	committed Offset
	// started is set once a batch has committed an offset for the source
	// (in this run or, through the checkpoint, an earlier one).
	started bool
}

// positionedSource is implemented by sources whose offset is defined from
// the start (rate, socket, kafka), so that, as in Spark, the first trigger
// runs batch 0 even when it holds no rows.
type positionedSource interface {
	definedFromStart() bool
}

// Query is a running streaming query: one goroutine runs its micro-batches.
// It implements dataframe.QueryHandle; notebooks use it through
// *dataframe.StreamingQuery.
type Query struct{ *query }

type query struct {
	engine     *engine
	session    *dataframe.Session
	id, runID  string
	name       string
	plan       plan.Node
	root       stage
	stateful   []statefulStage
	sources    []*querySource
	sink       Sink
	sinkName   string
	mode       string
	trigger    Trigger
	opts       options
	partitions []string
	batchFunc  func(df *dataframe.DataFrame, batchID int64)
	publisher  display.Publisher
	ckpt       *checkpoint

	ctx    context.Context
	cancel context.CancelFunc
	// waitCtx is cancelled by Stop: sources use it for blocking waits
	// (connecting, retrying), never for reading a batch in progress.
	waitCtx    context.Context
	waitCancel context.CancelFunc
	stopCh     chan struct{}
	stop       sync.Once
	done       chan struct{}
	wake       chan struct{}

	mu            sync.Mutex
	cond          *sync.Cond
	message       string
	dataAvailable bool
	triggerActive bool
	active        bool
	err           error
	nextBatch     int64
	batchesRun    int64
	progress      []*Progress
	iter, idle    int64
	watermark     int64 // eviction watermark of the last batch, microseconds
	// floorWM is the next batch's watermark restored from a checkpoint's
	// commit log (event times seen before the restart are not kept).
	floorWM      int64
	hasFloor     bool
	hasWatermark bool
	eventMax     map[*plan.Watermark]int64
	lastTrigger  time.Time
	startedAt    time.Time
	inCallback   atomic.Bool
}

func (q *query) handle() *Query { return &Query{q} }

func (q *query) setStatus(msg string, data, trigger bool) {
	q.mu.Lock()
	q.message, q.dataAvailable, q.triggerActive = msg, data, trigger
	q.mu.Unlock()
}

// ID returns the query id, kept across restarts from a checkpoint.
func (q *query) ID() string { return q.id }

// RunID returns the id of this run.
func (q *query) RunID() string { return q.runID }

// Name returns the query name, or "".
func (q *query) Name() string { return q.name }

// IsActive reports whether the query is running.
func (q *query) IsActive() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.active
}

// Status returns Spark's StreamingQueryStatus: message, isDataAvailable,
// isTriggerActive.
func (q *query) Status() map[string]any {
	q.mu.Lock()
	defer q.mu.Unlock()
	return map[string]any{"message": q.message, "isDataAvailable": q.dataAvailable, "isTriggerActive": q.triggerActive}
}

// LastProgress returns the most recent StreamingQueryProgress, or nil.
func (q *query) LastProgress() map[string]any {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.progress) == 0 {
		return nil
	}
	return q.progress[len(q.progress)-1].Map()
}

// RecentProgress returns the last progress reports, oldest first.
func (q *query) RecentProgress() []map[string]any {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]map[string]any, len(q.progress))
	for i, p := range q.progress {
		out[i] = p.Map()
	}
	return out
}

// Progress returns the most recent progress report, or nil.
func (q *query) Progress() *Progress {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.progress) == 0 {
		return nil
	}
	return q.progress[len(q.progress)-1]
}

// AwaitTermination waits until the query ends, or for at most timeout; it
// reports whether the query has ended.
func (q *query) AwaitTermination(timeout ...time.Duration) bool {
	if len(timeout) == 0 {
		<-q.done
		return true
	}
	select {
	case <-q.done:
		return true
	case <-time.After(timeout[0]):
		return false
	}
}

// ProcessAllAvailable blocks until every record available when it was
// called has been processed and committed, or the query has ended.
func (q *query) ProcessAllAvailable() {
	q.mu.Lock()
	start := q.iter
	q.mu.Unlock()
	q.nudge()
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.active && q.idle <= start {
		q.cond.Wait()
	}
}

func (q *query) nudge() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// Stop stops the query after the running micro-batch is committed and
// waits for it to end.
func (q *query) Stop() {
	q.stop.Do(func() {
		close(q.stopCh)
		q.waitCancel()
	})
	if q.inCallback.Load() {
		// Called from the query's own foreachBatch function (or while it
		// runs): waiting would deadlock; the query ends after this batch.
		return
	}
	<-q.done
}

// Exception returns the StreamingQueryException that ended the query, or
// nil.
func (q *query) Exception() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// Explain returns the query's plan as explain() prints it.
func (q *query) Explain() string {
	return "== Physical Plan ==\n" + plan.Explain(q.plan)
}

// String describes the query as PySpark's repr does.
func (q *query) String() string {
	return "<StreamingQuery id=" + q.id + " runId=" + q.runID + " name=" + q.name + ">"
}

func (q *query) stopped() bool {
	select {
	case <-q.stopCh:
		return true
	default:
		return false
	}
}

// run is the query's goroutine.
func (q *query) run() {
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
		q.finish(err)
	}()
	err = q.loop()
	if err != nil && q.stopped() && errors.Is(err, context.Canceled) {
		err = nil // stopped while waiting for a source
	}
}

func (q *query) finish(err error) {
	for _, s := range q.sources {
		if s.src != nil {
			_ = s.src.Close()
		}
	}
	q.cancel()
	var qe error
	if err != nil {
		qe = &QueryException{QueryID: q.id, RunID: q.runID, Cause: err}
	}
	func() {
		defer func() { _ = recover() }()
		q.sink.Stop(qe, q.batchesRun)
	}()
	if q.ckpt != nil {
		q.ckpt.remove()
	}
	q.mu.Lock()
	q.err = qe
	q.active = false
	q.message, q.dataAvailable, q.triggerActive = statusStopped, false, false
	q.cond.Broadcast()
	q.mu.Unlock()
	// Listeners hear of the end before AwaitTermination returns, so that a
	// final status is shown by the time the waiting cell ends.
	notify(func(l Listener) {
		l.OnQueryTerminated(QueryTerminatedEvent{ID: q.id, RunID: q.runID, Query: q.handle(), Exception: qe})
	})
	q.engine.terminated(q)
	close(q.done)
}

func (q *query) loop() error {
	q.setStatus(statusInitializing, false, false)
	for _, s := range q.sources {
		if rs, ok := s.src.(statusReporter); ok {
			rs.reportStatus(func(msg string) { q.setStatus(msg, false, true) })
		}
		if err := s.src.Open(q.waitCtx); err != nil {
			return err
		}
	}
	if err := q.recover(); err != nil {
		return err
	}
	var target []Offset
	if q.trigger.Kind == TriggerAvailableNow {
		for _, s := range q.sources {
			o, err := s.src.Latest(s.committed, false)
			if err != nil {
				return err
			}
			target = append(target, o)
		}
	}
	for !q.stopped() {
		start := time.Now()
		ran, err := q.runTrigger(target)
		if err != nil {
			return err
		}
		switch q.trigger.Kind {
		case TriggerOnce:
			return nil // Spark's SingleBatchExecutor: one batch, even with a moved watermark
		case TriggerAvailableNow:
			if !ran {
				return nil
			}
			continue
		case TriggerProcessingTime:
			if ran {
				q.setStatus(statusWaitTrigger, false, false)
			}
			wait := q.trigger.Interval - time.Since(start)
			if !ran && wait < pollDelay {
				wait = pollDelay // ProcessingTime("0 seconds") must not spin
			}
			if wait > 0 {
				select {
				case <-q.stopCh:
				case <-time.After(wait):
				}
			}
		default:
			if !ran {
				select {
				case <-q.stopCh:
				case <-q.wake:
				case <-time.After(pollDelay):
				}
			}
		}
	}
	return nil
}

// needsNoDataBatch reports whether a batch without new data must run
// because the watermark moved and stateful operators may emit or evict.
func (q *query) needsNoDataBatch() bool {
	uses := false
	for _, st := range q.stateful {
		uses = uses || st.usesWatermark()
	}
	if !uses || q.mode == "complete" {
		return false
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	next, ok := q.nextWatermark()
	return ok && (!q.hasWatermark || next > q.watermark)
}

// nextWatermark computes the watermark after the last batch: the smallest,
// over withWatermark nodes, of max event time minus delay. q.mu is held.
func (q *query) nextWatermark() (int64, bool) {
	if len(q.eventMax) == 0 && !q.hasFloor {
		return 0, false
	}
	// spark.sql.streaming.multipleWatermarkPolicy: min (default) or max.
	useMax := strings.EqualFold(q.session.Conf().Get("spark.sql.streaming.multipleWatermarkPolicy", "min"), "max")
	first := true
	var wm int64
	for node, m := range q.eventMax {
		v := m - node.DelayMicros
		if first || (!useMax && v < wm) || (useMax && v > wm) {
			wm, first = v, false
		}
	}
	if q.hasFloor && (first || wm < q.floorWM) {
		wm = q.floorWM
	}
	if q.hasWatermark && wm < q.watermark {
		wm = q.watermark
	}
	return wm, true
}

// runTrigger runs one trigger: it asks the sources for new data and, when
// there is some (or the watermark moved), runs a micro-batch. target, when
// set (AvailableNow), bounds the offsets.
func (q *query) runTrigger(target []Offset) (bool, error) {
	q.mu.Lock()
	q.iter++
	iter := q.iter
	now := time.Now()
	q.mu.Unlock()
	triggerStart := now

	ends := make([]Offset, len(q.sources))
	hasData := false
	limit := q.trigger.Kind != TriggerOnce
	latestStart := time.Now()
	for i, s := range q.sources {
		q.setStatus(statusGetOffsets+s.src.Description(), false, true)
		o, err := s.src.Latest(s.committed, limit)
		if err != nil {
			return false, err
		}
		if target != nil && offsetBeyond(o, target[i]) {
			o = target[i]
		}
		ends[i] = o
		if o != s.committed {
			hasData = true
		}
		if ps, ok := s.src.(positionedSource); ok && !s.started && ps.definedFromStart() {
			hasData = true
		}
	}
	latestMs := time.Since(latestStart).Milliseconds()
	if !hasData && !q.needsNoDataBatch() {
		q.idleProgress(triggerStart, ends)
		q.mu.Lock()
		q.idle = iter
		q.message, q.dataAvailable, q.triggerActive = statusWaitingData, false, false
		q.cond.Broadcast()
		q.mu.Unlock()
		return false, nil
	}
	q.setStatus(statusProcessing, hasData, true)
	return true, q.runBatch(iter, triggerStart, ends, latestMs)
}

// noDataProgressInterval is how often an idle query still reports
// progress (spark.sql.streaming.noDataProgressEventInterval); a variable
// for tests.
var noDataProgressInterval = 10 * time.Second

// idleProgress adds a progress report without input rows when the query
// has been idle for noDataProgressInterval, as Spark does.
func (q *query) idleProgress(now time.Time, ends []Offset) {
	q.mu.Lock()
	last := q.startedAt
	if len(q.progress) > 0 {
		last = q.progress[len(q.progress)-1].Timestamp
	}
	if now.Sub(last) < noDataProgressInterval {
		q.mu.Unlock()
		return
	}
	p := &Progress{ID: q.id, RunID: q.runID, Name: q.name, Timestamp: now, BatchID: q.nextBatch,
		DurationMs: map[string]int64{"latestOffset": 0, "triggerExecution": 0},
		Sink:       SinkProgress{Description: q.sink.Description()}}
	for i, s := range q.sources {
		p.Sources = append(p.Sources, SourceProgress{Description: s.src.Description(), StartOffset: s.committed, EndOffset: s.committed, LatestOffset: ends[i]})
	}
	for _, st := range q.stateful {
		m := st.metrics()
		m.NumRowsUpdated, m.NumRowsRemoved, m.NumRowsDroppedByWatermark = 0, 0, 0
		p.StateOperators = append(p.StateOperators, m)
	}
	q.progress = append(q.progress, p)
	if len(q.progress) > progressHistory {
		q.progress = q.progress[len(q.progress)-progressHistory:]
	}
	q.mu.Unlock()
	notify(func(l Listener) { l.OnQueryProgress(QueryProgressEvent{Query: q.handle(), Progress: p}) })
}

// offsetBeyond reports whether a numeric offset is past a target; Kafka
// offsets are compared by the source itself.
func offsetBeyond(o, target Offset) bool {
	a, b := parseLongOffset(o), parseLongOffset(target)
	if a >= 0 && b >= 0 {
		return a > b
	}
	if strings.HasPrefix(string(o), "{") {
		return kafkaOffsetBeyond(o, target)
	}
	return false
}

func (q *query) runBatch(iter int64, triggerStart time.Time, ends []Offset, latestMs int64) error {
	q.mu.Lock()
	batchID := q.nextBatch
	// Spark 3.5 uses two watermarks per batch: late rows are those behind
	// the previous batch's eviction watermark, and state is emitted and
	// evicted with the new one.
	late := q.watermark
	wm, hasWM := q.nextWatermark()
	if hasWM {
		q.watermark, q.hasWatermark = wm, true
	}
	watermark, hasWatermark := q.watermark, q.hasWatermark
	q.mu.Unlock()

	starts := make([]Offset, len(q.sources))
	for i, s := range q.sources {
		starts[i] = s.committed
	}
	walStart := time.Now()
	if q.ckpt != nil {
		if err := q.ckpt.writeOffsets(batchID, watermark/1000, ends); err != nil {
			return err
		}
	}
	walMs := time.Since(walStart).Milliseconds()
	return q.execute(iter, batchID, triggerStart, starts, ends, watermark, late, hasWatermark, latestMs, walMs)
}

// execute runs batchID over (starts, ends], writes the sink and commits.
func (q *query) execute(iter, batchID int64, triggerStart time.Time, starts, ends []Offset, watermark, late int64, hasWatermark bool, latestMs, walMs int64) error {
	getStart := time.Now()
	b := &batchRun{ctx: q.session.EvalContext(), sources: map[*plan.StreamSource][]arrow.Record{}, watermark: watermark, lateWatermark: late,
		hasWatermark: hasWatermark, eventMax: map[*plan.Watermark]int64{}, mode: q.mode}
	var srcProgress []SourceProgress
	var inputRows int64
	for i, s := range q.sources {
		var recs []arrow.Record
		if ends[i] != starts[i] {
			var err error
			recs, err = s.src.Batch(starts[i], ends[i])
			if err != nil {
				return err
			}
		}
		b.sources[s.leaf] = recs
		n := numRows(recs)
		inputRows += n
		srcProgress = append(srcProgress, SourceProgress{Description: s.src.Description(), StartOffset: starts[i], EndOffset: ends[i], LatestOffset: ends[i], NumInputRows: n})
	}
	getMs := time.Since(getStart).Milliseconds()
	addStart := time.Now()
	out, err := q.root.run(b)
	if err != nil {
		return err
	}
	schema := plan.Schema(q.plan)
	if err := q.sink.AddBatch(batchID, schema, out); err != nil {
		return err
	}
	addMs := time.Since(addStart).Milliseconds()
	q.mu.Lock()
	for node, m := range b.eventMax {
		if cur, ok := q.eventMax[node]; !ok || m > cur {
			q.eventMax[node] = m
		}
	}
	nextWM, _ := q.nextWatermark()
	q.mu.Unlock()
	commitStart := time.Now()
	if q.ckpt != nil {
		for i, st := range q.stateful {
			data, err := st.snapshot()
			if err != nil {
				return err
			}
			if err := q.ckpt.writeState(i, batchID, data); err != nil {
				return err
			}
		}
		if err := q.ckpt.writeCommit(batchID, nextWM/1000); err != nil {
			return err
		}
	}
	for i, s := range q.sources {
		s.committed = ends[i]
		s.started = true
		s.src.Commit(ends[i])
	}
	commitMs := time.Since(commitStart).Milliseconds()

	total := time.Since(triggerStart)
	p := &Progress{ID: q.id, RunID: q.runID, Name: q.name, Timestamp: triggerStart, BatchID: batchID, NumInputRows: inputRows,
		ProcessedRowsPerSecond: rate(inputRows, total),
		DurationMs: map[string]int64{"addBatch": addMs, "getBatch": getMs, "latestOffset": latestMs, "queryPlanning": 0,
			"triggerExecution": total.Milliseconds(), "walCommit": walMs, "commitOffsets": commitMs},
		Sources: srcProgress, Sink: SinkProgress{Description: q.sink.Description(), NumOutputRows: numRows(out)}}
	for _, st := range q.stateful {
		p.StateOperators = append(p.StateOperators, st.metrics())
	}
	if b.eventCount > 0 || hasWatermark {
		p.EventTime = map[string]string{}
		if b.eventCount > 0 {
			p.EventTime["min"] = sparkTimestamp(time.UnixMicro(b.eventMin))
			p.EventTime["max"] = sparkTimestamp(time.UnixMicro(b.eventMaxAll))
			p.EventTime["avg"] = sparkTimestamp(time.UnixMilli(b.eventSum / b.eventCount))
		}
		p.EventTime["watermark"] = sparkTimestamp(time.UnixMicro(watermark))
	}
	q.mu.Lock()
	if !q.lastTrigger.IsZero() {
		p.InputRowsPerSecond = rate(inputRows, triggerStart.Sub(q.lastTrigger))
	}
	for i := range p.Sources {
		p.Sources[i].InputRowsPerSecond = p.InputRowsPerSecond
		p.Sources[i].ProcessedRowsPerSecond = rate(p.Sources[i].NumInputRows, total)
	}
	q.lastTrigger = triggerStart
	q.nextBatch = batchID + 1
	q.batchesRun++
	q.progress = append(q.progress, p)
	if len(q.progress) > progressHistory {
		q.progress = q.progress[len(q.progress)-progressHistory:]
	}
	q.cond.Broadcast()
	q.mu.Unlock()
	if ps, ok := q.sink.(progressSink); ok {
		ps.batchProgress(p)
	}
	notify(func(l Listener) { l.OnQueryProgress(QueryProgressEvent{Query: q.handle(), Progress: p}) })
	return nil
}

// recover resumes from the checkpoint: committed offsets, watermark and
// state of the last committed batch; a batch whose offsets were written but
// not committed is run again with the same offsets.
func (q *query) recover() error {
	if q.ckpt == nil {
		return q.initialOffsets()
	}
	lastOffsets := q.ckpt.latest("offsets")
	lastCommit := q.ckpt.latest("commits")
	if lastOffsets < 0 {
		return q.initialOffsets()
	}
	if lastCommit >= 0 {
		offs, wmMs, err := q.ckpt.readOffsets(lastCommit)
		if err != nil {
			return err
		}
		if len(offs) != len(q.sources) {
			return errors.New("the checkpoint's offsets log does not match the query's sources: use a new checkpointLocation for a changed query")
		}
		for i, s := range q.sources {
			s.committed = offs[i]
			s.started = true
			s.src.Commit(offs[i])
		}
		nextWM, err := q.ckpt.readCommit(lastCommit)
		if err != nil {
			return err
		}
		q.watermark = wmMs * 1000
		q.floorWM, q.hasFloor = nextWM*1000, q.hasWatermark
		for i, st := range q.stateful {
			data, err := q.ckpt.readState(i, lastCommit)
			if err != nil {
				return err
			}
			if err := st.restore(data); err != nil {
				return err
			}
		}
	} else {
		if err := q.initialOffsets(); err != nil {
			return err
		}
	}
	q.nextBatch = lastCommit + 1
	if lastOffsets > lastCommit {
		// Re-run the uncommitted batch exactly.
		ends, wmMs, err := q.ckpt.readOffsets(lastOffsets)
		if err != nil {
			return err
		}
		if len(ends) != len(q.sources) {
			return errors.New("the checkpoint's offsets log does not match the query's sources: use a new checkpointLocation for a changed query")
		}
		starts := make([]Offset, len(q.sources))
		for i, s := range q.sources {
			starts[i] = s.committed
		}
		q.nextBatch = lastOffsets
		late := q.watermark
		q.watermark = max(q.watermark, wmMs*1000)
		return q.execute(0, lastOffsets, time.Now(), starts, ends, q.watermark, late, q.hasWatermark, 0, 0)
	}
	return nil
}

func (q *query) initialOffsets() error {
	for _, s := range q.sources {
		o, err := s.src.Initial()
		if err != nil {
			return err
		}
		s.committed = o
	}
	return nil
}
