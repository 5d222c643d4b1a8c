package streaming

import (
	"fmt"
	"html"
	"strings"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
)

// cardChartBatches is how many recent batches the status card's chart
// plots (issue 5: the last 100).
const cardChartBatches = 100

// QueryCard renders a streaming query's status card: name, id, status
// message, batchId, input and processed rows/s, batch duration, watermark
// and state rows as HTML (and text/plain), plus a Vega-Lite v5 chart
// (application/vnd.vegalite.v5+json) of input against processing rate over
// the last 100 batches. A query that failed to start renders its error.
func QueryCard(q *dataframe.StreamingQuery) display.MIMEBundle {
	if q == nil || q.Handle == nil {
		msg := "StreamingQuery (not started)"
		if q != nil && q.Err() != nil {
			msg += ": " + q.Err().Error()
		}
		return display.MIMEBundle{"text/plain": msg, "text/html": "<div class=\"eddy-query\"><i>" + html.EscapeString(msg) + "</i></div>"}
	}
	return queryCard(q.Handle)
}

// MIMEBundle renders the query's status card (QueryCard).
func (h *Query) MIMEBundle() map[string]any { return queryCard(h) }

// cardField is one labelled value of the card.
type cardField struct{ label, value string }

// queryCard is the whole card as one bundle: the fields (text/plain,
// text/html) and the chart. A frontend shows one of a bundle's types, and
// JupyterLab prefers the HTML, so a live card shows the fields and the chart
// as two outputs (cardFields and cardChart).
func queryCard(h dataframe.QueryHandle) display.MIMEBundle {
	b := cardFields(h)
	b[vegaLiteMIME] = rateChart(ratePoints(h))
	return b
}

// vegaLiteMIME is the MIME type of a Vega-Lite v5 spec.
const vegaLiteMIME = "application/vnd.vegalite.v5+json"

// cardChart is the card's chart alone, with a one-line text form.
func cardChart(h dataframe.QueryHandle) display.MIMEBundle {
	points := ratePoints(h)
	return display.MIMEBundle{
		vegaLiteMIME: rateChart(points),
		"text/plain": fmt.Sprintf("input vs processing rate over the last %d batches", len(points)),
	}
}

// cardFields is the card's labelled fields as text/plain and text/html.
func cardFields(h dataframe.QueryHandle) display.MIMEBundle {
	status := h.Status()
	last := h.LastProgress()
	name := h.Name()
	if name == "" {
		name = "(unnamed)"
	}
	message, _ := status["message"].(string)
	fields := []cardField{{"name", name}, {"id", h.ID()}, {"runId", h.RunID()}, {"status", message}}
	if err := h.Exception(); err != nil {
		fields = append(fields, cardField{"exception", err.Error()})
	}
	if last != nil {
		durations, _ := last["durationMs"].(map[string]any)
		watermark := "-"
		if et, ok := last["eventTime"].(map[string]any); ok {
			if w, ok := et["watermark"].(string); ok {
				watermark = w
			}
		}
		var stateRows int64
		ops, _ := last["stateOperators"].([]any)
		for _, op := range ops {
			if m, ok := op.(map[string]any); ok {
				n, _ := m["numRowsTotal"].(int64)
				stateRows += n
			}
		}
		fields = append(fields,
			cardField{"batchId", fmt.Sprint(last["batchId"])},
			cardField{"input rows/s", fmt.Sprintf("%.1f", last["inputRowsPerSecond"])},
			cardField{"processed rows/s", fmt.Sprintf("%.1f", last["processedRowsPerSecond"])},
			cardField{"batch duration", fmt.Sprintf("%v ms", durations["triggerExecution"])},
			cardField{"watermark", watermark},
			cardField{"state rows", fmt.Sprint(stateRows)})
	} else {
		fields = append(fields, cardField{"batchId", "-"})
	}

	var text, htm strings.Builder
	text.WriteString("StreamingQuery\n")
	htm.WriteString("<div class=\"eddy-query\"><b>StreamingQuery</b><table>")
	for _, f := range fields {
		fmt.Fprintf(&text, "  %-17s %s\n", f.label+":", f.value)
		fmt.Fprintf(&htm, "<tr><th style=\"text-align:left\">%s</th><td style=\"text-align:left\">%s</td></tr>", html.EscapeString(f.label), html.EscapeString(f.value))
	}
	htm.WriteString("</table></div>")
	return display.MIMEBundle{
		"text/plain": strings.TrimRight(text.String(), "\n"),
		"text/html":  htm.String(),
	}
}

// ratePoint is one batch on the card's chart.
type ratePoint struct {
	batchID          int64
	input, processed float64
}

// chartValue is one row of the chart's data (two per batch).
type chartValue struct {
	BatchID       int64   `json:"batchId"`
	Rate          string  `json:"rate"`
	RowsPerSecond float64 `json:"rowsPerSecond"`
}

// ratePoints returns the last cardChartBatches batches' rates. An engine
// query's reports are read directly: the chart is redrawn up to 4 times a
// second per card, and the map form of 100 reports (RecentProgress) costs
// far more than the chart.
func ratePoints(h dataframe.QueryHandle) []ratePoint {
	if q, ok := h.(*Query); ok {
		q.mu.Lock()
		defer q.mu.Unlock()
		recent := q.progress[max(0, len(q.progress)-cardChartBatches):]
		points := make([]ratePoint, len(recent))
		for i, p := range recent {
			points[i] = ratePoint{p.BatchID, p.InputRowsPerSecond, p.ProcessedRowsPerSecond}
		}
		return points
	}
	recent := h.RecentProgress()
	recent = recent[max(0, len(recent)-cardChartBatches):]
	points := make([]ratePoint, len(recent))
	for i, p := range recent {
		id, _ := p["batchId"].(int64)
		in, _ := p["inputRowsPerSecond"].(float64)
		out, _ := p["processedRowsPerSecond"].(float64)
		points[i] = ratePoint{id, in, out}
	}
	return points
}

// rateChart is a Vega-Lite v5 line chart of input and processed rows/s per
// batch over the last cardChartBatches points.
func rateChart(points []ratePoint) map[string]any {
	points = points[max(0, len(points)-cardChartBatches):]
	values := make([]chartValue, 0, 2*len(points))
	for _, p := range points {
		values = append(values,
			chartValue{p.batchID, "input rows/s", p.input},
			chartValue{p.batchID, "processed rows/s", p.processed})
	}
	return map[string]any{
		"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
		"title":   "Input vs processing rate",
		"width":   400,
		"height":  150,
		"data":    map[string]any{"values": values},
		"mark":    map[string]any{"type": "line", "point": true},
		"encoding": map[string]any{
			"x": map[string]any{"field": "batchId", "type": "quantitative", "title": "batch",
				"axis": map[string]any{"tickMinStep": 1, "format": "d"}},
			// Processing is often orders of magnitude above input: a
			// symmetric log scale keeps both lines readable (and takes 0).
			"y": map[string]any{"field": "rowsPerSecond", "type": "quantitative", "title": "rows/s",
				"scale": map[string]any{"type": "symlog"}},
			"color": map[string]any{"field": "rate", "type": "nominal", "title": null()},
		},
	}
}

// null is JSON null in a Vega-Lite spec (a title: null hides the legend's
// title).
func null() any { return nil }

// ActiveQueriesCard renders spark.Streams(): one row per active query with
// its name, id, status message, last batchId and rates.
func ActiveQueriesCard(m *dataframe.StreamingQueryManager) display.MIMEBundle {
	var text, htm strings.Builder
	active := activeQueries(m.Impl)
	fmt.Fprintf(&text, "%d active streaming queries", len(active))
	htm.WriteString("<div class=\"eddy-queries\"><b>" + html.EscapeString(text.String()) + "</b>")
	if len(active) > 0 {
		htm.WriteString("<table><tr><th>name</th><th>id</th><th>status</th><th>batchId</th><th>input rows/s</th><th>processed rows/s</th></tr>")
	}
	for _, q := range active {
		name := q.Name()
		if name == "" {
			name = "(unnamed)"
		}
		message, _ := q.Status()["message"].(string)
		batch, in, out := "-", "-", "-"
		if p := q.LastProgress(); p != nil {
			batch = fmt.Sprint(p["batchId"])
			in = fmt.Sprintf("%.1f", p["inputRowsPerSecond"])
			out = fmt.Sprintf("%.1f", p["processedRowsPerSecond"])
		}
		cells := []string{name, q.ID(), message, batch, in, out}
		fmt.Fprintf(&text, "\n  %s  %s  %s  batch %s  input %s rows/s  processed %s rows/s", cells[0], cells[1], cells[2], batch, in, out)
		htm.WriteString("<tr>")
		for _, c := range cells {
			htm.WriteString("<td>" + html.EscapeString(c) + "</td>")
		}
		htm.WriteString("</tr>")
	}
	if len(active) > 0 {
		htm.WriteString("</table>")
	}
	htm.WriteString("</div>")
	return display.MIMEBundle{"text/plain": text.String(), "text/html": htm.String()}
}

// activeLister lists a session's active queries (the manager).
type activeLister interface {
	Active() []*dataframe.StreamingQuery
}

// activeQueries returns m's active queries in start order, leaving out a
// query that is ending (its listeners are told before the manager forgets
// it).
func activeQueries(m activeLister) []*dataframe.StreamingQuery {
	if m == nil {
		return nil
	}
	var out []*dataframe.StreamingQuery
	for _, q := range m.Active() {
		if q.IsActive() {
			out = append(out, q)
		}
	}
	return out
}

// MIMEBundle renders the session's active queries (ActiveQueriesCard), so
// that the notebook display of *dataframe.StreamingQueryManager can
// delegate to its engine side.
func (m *manager) MIMEBundle() map[string]any {
	return ActiveQueriesCard(&dataframe.StreamingQueryManager{Impl: m})
}
