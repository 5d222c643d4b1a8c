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

// consoleSink is Spark's console sink as a live area in the starting cell
// (liveArea: one display ID, throttled updates, the final state always
// sent). text/plain is exactly Spark's console text for the latest batch
// (43 dashes, "Batch: N", 43 dashes, show() text and a blank line);
// text/html shows "Batch: N", the batch as an HTML table, a progress line
// and, when the query ends, "stopped after N batches" or the exception.
// Option("keepBatches", true) keeps every batch instead of only the
// latest. With the Stdout publisher of a plain Go program this prints
// Spark's text for every batch and nothing else.
type consoleSink struct {
	area     *liveArea
	numRows  int
	truncate int
	keep     bool
	q        *query

	batches int64
	// text and sections are the shown batches (only the latest unless keep).
	text     []string
	sections []string
	progress string
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
	keep := false
	switch v := strings.ToLower(q.opts.get("keepBatches", "false")); v {
	case "true":
		keep = true
	case "false":
	default:
		return nil, illegalArgument("keepBatches should be boolean, but was %s", v)
	}
	s := &consoleSink{numRows: int(n), truncate: truncate, keep: keep, q: q}
	// Start opens the live area in the starting cell at once; its text form
	// is empty so that a terminal prints only Spark's batches.
	s.area = newLiveArea(q.publisher, display.MIMEBundle{"text/html": consoleHTML("<i>Waiting for the first batch…</i>"), "text/plain": ""})
	return s, nil
}

func consoleHTML(body string) string { return "<div class=\"eddy-console\">" + body + "</div>" }

// ConsoleText returns Spark's console sink text for one batch.
func ConsoleText(batchID int64, t *format.Table, numRows, truncate int) string {
	return consoleDashes + "\nBatch: " + strconv.FormatInt(batchID, 10) + "\n" + consoleDashes + "\n" +
		t.Show(numRows, truncate, false) + "\n"
}

func (s *consoleSink) AddBatch(batchID int64, schema sqltypes.StructType, batches []arrow.Record) error {
	t := format.NewTable(schema, batches, s.numRows, s.q.session.Location())
	text := ConsoleText(batchID, t, s.numRows, s.truncate)
	section := "<div class=\"eddy-batch\"><b>Batch: " + strconv.FormatInt(batchID, 10) + "</b>\n" + t.HTML(s.numRows) + "</div>"
	if s.keep {
		s.text = append(s.text, text)
		s.sections = append(s.sections, section)
	} else {
		s.text, s.sections = []string{text}, []string{section}
	}
	s.progress = ""
	s.batches++
	s.area.Set(s.bundle(""))
	return nil
}

// batchProgress adds the progress line of the batch just written.
func (s *consoleSink) batchProgress(p *Progress) {
	if !s.area.throttle {
		return // a terminal shows Spark's text only
	}
	s.progress = progressLine(p)
	s.area.Set(s.bundle(""))
}

// progressLine summarizes one batch's progress report.
func progressLine(p *Progress) string {
	return fmt.Sprintf("%d rows · input %.1f rows/s · processed %.1f rows/s · batch duration %d ms",
		p.NumInputRows, p.InputRowsPerSecond, p.ProcessedRowsPerSecond, p.DurationMs["triggerExecution"])
}

func (s *consoleSink) bundle(final string) display.MIMEBundle {
	var b strings.Builder
	for _, sec := range s.sections {
		b.WriteString(sec)
	}
	if s.progress != "" {
		b.WriteString("<div class=\"eddy-progress\" style=\"color:#666\">" + html.EscapeString(s.progress) + "</div>")
	}
	if final != "" {
		b.WriteString(final)
	}
	return display.MIMEBundle{"text/plain": strings.Join(s.text, ""), "text/html": consoleHTML(b.String())}
}

func (s *consoleSink) Stop(err error, batches int64) {
	msg := fmt.Sprintf("stopped after %d batches", batches)
	if err != nil {
		msg = "query failed: " + err.Error()
	}
	s.area.Close(s.bundle("<div class=\"eddy-final\"><i>" + html.EscapeString(msg) + "</i></div>"))
}

func (s *consoleSink) Description() string {
	return fmt.Sprintf("org.apache.spark.sql.execution.streaming.ConsoleTable$@%s", s.area.ID())
}
