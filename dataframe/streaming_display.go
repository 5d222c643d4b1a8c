package dataframe

import (
	"fmt"

	"github.com/eddykernel/eddy/display"
)

// String identifies the query as PySpark's repr does not, but usefully:
// its name, id and run id, or the error that kept it from starting.
func (q *StreamingQuery) String() string {
	if q == nil {
		return "<nil>"
	}
	if q.Handle == nil {
		if q.err != nil {
			return "<StreamingQuery not started: " + q.err.Error() + ">"
		}
		return "<StreamingQuery>"
	}
	if s, ok := q.Handle.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("<StreamingQuery id=%s runId=%s name=%s>", q.ID(), q.RunID(), q.Name())
}

// MIMEBundle renders the query as a cell's last value: the streaming engine's
// status card (name, id, status, rates, watermark, state rows and a rate
// chart) when the engine provides one, its String form otherwise.
func (q *StreamingQuery) MIMEBundle() map[string]any {
	if q == nil {
		return map[string]any{"text/plain": "<nil>"}
	}
	if b, ok := q.Handle.(display.MIMEBundler); ok {
		return b.MIMEBundle()
	}
	return map[string]any{"text/plain": q.String()}
}

// MIMEBundle renders spark.Streams() as a card of the active queries when the
// streaming engine provides one.
func (m *StreamingQueryManager) MIMEBundle() map[string]any {
	if m == nil {
		return map[string]any{"text/plain": "<nil>"}
	}
	if b, ok := m.Impl.(display.MIMEBundler); ok {
		return b.MIMEBundle()
	}
	n := 0
	if m.Impl != nil {
		n = len(m.Impl.Active())
	}
	return map[string]any{"text/plain": fmt.Sprintf("<StreamingQueryManager: %d active queries>", n)}
}

// ShowLive shows the query's status card through pub and keeps it updating
// in place while the query runs (display.Live), when the streaming engine
// provides a live card; otherwise the card is shown once.
func (q *StreamingQuery) ShowLive(pub display.Publisher) display.MIMEBundle {
	if q == nil {
		return display.Show(pub, display.MIMEBundle{"text/plain": "<nil>"})
	}
	if l, ok := q.Handle.(display.Live); ok {
		return l.ShowLive(pub)
	}
	return display.Show(pub, display.Bundle(q))
}

// ShowLive shows spark.Streams()'s card of the active queries through pub
// and keeps it updating while queries run, when the streaming engine
// provides a live card; otherwise the card is shown once.
func (m *StreamingQueryManager) ShowLive(pub display.Publisher) display.MIMEBundle {
	if m == nil {
		return display.Show(pub, display.MIMEBundle{"text/plain": "<nil>"})
	}
	if l, ok := m.Impl.(display.Live); ok {
		return l.ShowLive(pub)
	}
	return display.Show(pub, display.Bundle(m))
}
