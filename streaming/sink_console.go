package streaming

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/format"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/eddykernel/eddy/display"
)

// consoleDashes is the rule Spark's console sink prints around "Batch: N".
const consoleDashes = "-------------------------------------------"

// consoleSink is Spark's console sink. Each batch is rendered as Spark
// prints it (43 dashes, "Batch: N", 43 dashes, show() text and a blank
// line) in text/plain, and as an HTML table in text/html, through the
// display.Publisher captured when the query started: Start shows a
// placeholder with a display ID and every batch updates it in place. With the
// Stdout publisher of a plain Go program this prints Spark's text for every
// batch.
type consoleSink struct {
	pub      display.Publisher
	id       string
	numRows  int
	truncate int
	q        *query
	shown    bool
	batches  int64
}

func init() { registerSink("console", newConsoleSink) }

func newConsoleSink(q *query) (Sink, error) {
	n, err := q.opts.int("numRows", 20)
	if err != nil {
		return nil, err
	}
	truncate := 20
	if v := q.opts.get("truncate", "true"); v != "" {
		switch strings.ToLower(v) {
		case "true":
		case "false":
			truncate = 0
		default:
			t, err := strconv.Atoi(v)
			if err != nil {
				return nil, illegalArgument("truncate should be boolean, but was %s", v)
			}
			truncate = t
		}
	}
	s := &consoleSink{pub: q.publisher, id: display.NewID(), numRows: int(n), truncate: truncate, q: q}
	// Start opens the live area in the starting cell at once; its text form
	// is empty so that a terminal prints only Spark's batches.
	s.pub.Display(display.MIMEBundle{"text/html": "<div class=\"eddy-console\"><i>Waiting for the first batch…</i></div>", "text/plain": ""}, nil, s.id)
	s.shown = true
	return s, nil
}

// ConsoleText returns Spark's console sink text for one batch.
func ConsoleText(batchID int64, t *format.Table, numRows, truncate int) string {
	return consoleDashes + "\nBatch: " + strconv.FormatInt(batchID, 10) + "\n" + consoleDashes + "\n" +
		t.Show(numRows, truncate, false) + "\n"
}

func (s *consoleSink) AddBatch(batchID int64, schema sqltypes.StructType, batches []arrow.Record) error {
	t := format.NewTable(schema, batches, s.numRows, s.q.session.Location())
	text := ConsoleText(batchID, t, s.numRows, s.truncate)
	htm := "<div class=\"eddy-console\"><b>Batch: " + strconv.FormatInt(batchID, 10) + "</b>\n" + t.HTML(s.numRows) + "</div>"
	s.pub.Update(display.MIMEBundle{"text/plain": text, "text/html": htm}, nil, s.id)
	s.batches++
	return nil
}

func (s *consoleSink) Stop(err error, batches int64) {
	if s.batches == 0 && err == nil {
		s.pub.Update(display.MIMEBundle{"text/html": "<div class=\"eddy-console\"><i>stopped before the first batch</i></div>", "text/plain": ""}, nil, s.id)
		return
	}
	msg := fmt.Sprintf("stopped after %d batches", batches)
	if err != nil {
		msg = "query failed: " + err.Error()
	}
	// A separate, text-less output, so that a terminal keeps Spark's text.
	s.pub.Display(display.MIMEBundle{"text/html": "<i>" + html.EscapeString(msg) + "</i>", "text/plain": ""}, nil, "")
}

func (s *consoleSink) Description() string {
	return fmt.Sprintf("org.apache.spark.sql.execution.streaming.ConsoleTable$@%s", s.id)
}
