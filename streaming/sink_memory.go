package streaming

import (
	"fmt"
	"html"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/format"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/eddykernel/eddy/display"
)

// memorySink is Spark's memory sink: the query's output is a temp view
// named after queryName. Complete mode replaces its content every batch;
// append and update modes add the batch's rows. The option maxRows caps
// how many rows are kept: older rows are dropped and a visible warning
// (through the query's display publisher) says how many.
//
// In a notebook the sink also shows a live table in the starting cell
// (liveArea, throttled): the whole table in complete mode (up to
// memoryLiveMaxRows rows), or the last numRows rows (default 20) and the
// total count in append and update modes; the final line says when the query
// stopped. A plain Go program (Stdout publisher) prints nothing, as Spark.
type memorySink struct {
	q       *query
	name    string
	schema  sqltypes.StructType
	maxRows int64
	batches []arrow.Record
	rows    int64
	dropped int64
	warnID  string
	lastID  int64

	area     *liveArea
	numRows  int
	rendered func() display.MIMEBundle // the live table's latest content
}

// memoryLiveMaxRows caps the rows the live table of a complete-mode memory
// sink shows.
const memoryLiveMaxRows = 1000

func init() { registerSink("memory", newMemorySink) }

func newMemorySink(q *query) (Sink, error) {
	if q.name == "" {
		return nil, analysis("queryName must be specified for memory sink.")
	}
	maxRows, err := q.opts.int("maxRows", 0)
	if err != nil {
		return nil, err
	}
	numRows, err := q.opts.int("numRows", 20)
	if err != nil {
		return nil, err
	}
	s := &memorySink{q: q, name: q.name, schema: plan.Schema(q.plan), maxRows: maxRows, lastID: -1, numRows: int(numRows)}
	s.publish()
	if _, plain := q.publisher.(*display.Stdout); !plain {
		msg := fmt.Sprintf("memory table %s: waiting for the first batch…", s.name)
		s.area = newLiveArea(q.publisher, display.MIMEBundle{"text/plain": msg, "text/html": "<div class=\"eddy-memory\"><i>" + html.EscapeString(msg) + "</i></div>"})
	}
	return s, nil
}

// showLive updates the live table with the table's content after batchID.
func (s *memorySink) showLive(batchID int64) {
	if s.area == nil {
		return
	}
	records, total := append([]arrow.Record(nil), s.batches...), s.rows
	complete, name, schema, loc := s.q.mode == "complete", s.name, s.schema, s.q.session.Location()
	n := s.numRows
	if complete {
		n = memoryLiveMaxRows
	} else {
		records = lastRows(records, int64(n))
	}
	s.rendered = func() display.MIMEBundle {
		t := format.NewTable(schema, records, n, loc)
		what := "all rows"
		if !complete {
			what = fmt.Sprintf("the last %d rows", min(int64(n), total))
		}
		head := fmt.Sprintf("memory table %s after batch %d: %d rows in total, showing %s", name, batchID, total, what)
		return display.MIMEBundle{
			"text/plain": head + "\n" + t.Show(n, 20, false),
			"text/html":  "<div class=\"eddy-memory\"><b>" + html.EscapeString(head) + "</b>\n" + t.HTML(n) + "</div>",
		}
	}
	s.area.SetFunc(s.rendered)
}

// lastRows returns the records holding the last n rows.
func lastRows(records []arrow.Record, n int64) []arrow.Record {
	var out []arrow.Record
	for i := len(records) - 1; i >= 0 && n > 0; i-- {
		b := records[i]
		if b.NumRows() > n {
			b = b.NewSlice(b.NumRows()-n, b.NumRows())
		}
		n -= b.NumRows()
		out = append([]arrow.Record{b}, out...)
	}
	return out
}

func (s *memorySink) publish() {
	s.q.session.Catalog().RegisterView(s.name, plan.NewLocalRelation(s.schema, append([]arrow.Record(nil), s.batches...), "MemoryPlan"))
}

func (s *memorySink) AddBatch(batchID int64, schema sqltypes.StructType, batches []arrow.Record) error {
	if batchID <= s.lastID {
		return nil // already written (a batch re-run after a restart)
	}
	s.lastID = batchID
	if s.q.mode == "complete" {
		s.batches, s.rows = nil, 0
	}
	for _, b := range batches {
		if b.NumRows() > 0 {
			s.batches = append(s.batches, b)
			s.rows += b.NumRows()
		}
	}
	if s.maxRows > 0 && s.rows > s.maxRows {
		drop := s.rows - s.maxRows
		s.dropped += drop
		for drop > 0 && len(s.batches) > 0 {
			b := s.batches[0]
			if b.NumRows() <= drop {
				drop -= b.NumRows()
				s.rows -= b.NumRows()
				s.batches = s.batches[1:]
				continue
			}
			s.batches[0] = b.NewSlice(drop, b.NumRows())
			s.rows -= drop
			drop = 0
		}
		s.warn()
	}
	s.publish()
	s.showLive(batchID)
	return nil
}

func (s *memorySink) warn() {
	msg := fmt.Sprintf("WARN memory sink %q: dropped %d oldest rows so far to keep maxRows=%d", s.name, s.dropped, s.maxRows)
	b := display.MIMEBundle{"text/plain": msg, "text/html": "<div style=\"color:#a60\">" + msg + "</div>"}
	if s.warnID == "" {
		s.warnID = display.NewID()
		s.q.publisher.Display(b, nil, s.warnID)
		return
	}
	s.q.publisher.Update(b, nil, s.warnID)
}

func (s *memorySink) Stop(err error, batches int64) {
	if s.area == nil {
		return
	}
	msg := fmt.Sprintf("stopped after %d batches", batches)
	if err != nil {
		msg = "query failed: " + err.Error()
	}
	b := display.MIMEBundle{"text/plain": "memory table " + s.name, "text/html": ""}
	if s.rendered != nil {
		b = s.rendered()
	}
	b["text/html"] = b["text/html"].(string) + "<div class=\"eddy-final\"><i>" + html.EscapeString(msg) + "</i></div>"
	s.area.Close(b)
}

func (s *memorySink) Description() string { return "MemorySink" }
