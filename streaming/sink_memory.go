package streaming

import (
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/eddykernel/eddy/display"
)

// memorySink is Spark's memory sink: the query's output is a temp view
// named after queryName. Complete mode replaces its content every batch;
// append and update modes add the batch's rows. The option maxRows caps
// how many rows are kept: older rows are dropped and a visible warning
// (through the query's display publisher) says how many.
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
}

func init() { registerSink("memory", newMemorySink) }

func newMemorySink(q *query) (Sink, error) {
	if q.name == "" {
		return nil, analysis("queryName must be specified for memory sink.")
	}
	maxRows, err := q.opts.int("maxRows", 0)
	if err != nil {
		return nil, err
	}
	s := &memorySink{q: q, name: q.name, schema: plan.Schema(q.plan), maxRows: maxRows, lastID: -1}
	s.publish()
	return s, nil
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

func (s *memorySink) Stop(error, int64) {}

func (s *memorySink) Description() string { return "MemorySink" }
