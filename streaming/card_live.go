package streaming

import (
	"sync"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
)

// ShowLive shows the query's status card through pub and keeps it up to
// date (display.Live): its fields and its rate chart are two live areas
// (liveArea: one display ID each, throttled to about 4 updates a second, the
// final state always sent), since a frontend shows only one type of a
// bundle and JupyterLab would pick the HTML over the chart. Every progress
// report of the query redraws them until the query ends. A query that has
// ended gets the card once; a plain Go program's Stdout publisher prints its
// text once.
func (h *Query) ShowLive(pub display.Publisher) display.MIMEBundle {
	return cards.showQuery(h.query, pub)
}

// ShowLive shows spark.Streams()'s card of the active queries through pub
// and redraws it (throttled) whenever one of the session's queries starts,
// reports progress or ends, until no query is active.
func (m *manager) ShowLive(pub display.Publisher) display.MIMEBundle {
	return cards.showStreams(m, pub)
}

// cards is the process's board of live status cards.
var cards = &cardBoard{queries: map[*query][]*liveCard{}, streams: map[*manager][]*liveArea{}}

// liveCard is one shown status card: the live areas of its fields and of
// its chart.
type liveCard struct{ fields, chart *liveArea }

// cardBoard keeps the live cards shown in notebooks and redraws them from
// the queries' listener events. It registers itself as a Listener when the
// first live card is shown.
type cardBoard struct {
	listening sync.Once

	mu      sync.Mutex
	queries map[*query][]*liveCard   // status cards of one query
	streams map[*manager][]*liveArea // spark.Streams() cards of one session
}

// listen registers the board as a Listener, once.
func (c *cardBoard) listen() { c.listening.Do(func() { AddListener(c) }) }

// static reports whether a card shown through pub cannot change: its
// content has ended, or pub is a terminal, where a redrawn card would be
// printed again and again.
func static(pub display.Publisher, active bool) bool {
	_, plain := pub.(*display.Stdout)
	return plain || !active
}

func (c *cardBoard) showQuery(q *query, pub display.Publisher) display.MIMEBundle {
	h := q.handle()
	if _, plain := pub.(*display.Stdout); plain {
		b := queryCard(h)
		pub.Display(b, nil, "")
		return b
	}
	fields, chart := cardFields(h), cardChart(h)
	if !q.IsActive() {
		pub.Display(fields, nil, "")
		pub.Display(chart, nil, "")
		return fields
	}
	c.listen()
	card := &liveCard{fields: newLiveArea(pub, fields), chart: newLiveArea(pub, chart)}
	c.mu.Lock()
	c.queries[q] = append(c.queries[q], card)
	c.mu.Unlock()
	if !q.IsActive() {
		c.endQuery(q) // it ended before the card was on the board
	}
	return fields
}

func (c *cardBoard) showStreams(m *manager, pub display.Publisher) display.MIMEBundle {
	first := ActiveQueriesCard(&dataframe.StreamingQueryManager{Impl: m})
	if static(pub, len(activeQueries(m)) > 0) {
		pub.Display(first, nil, "")
		return first
	}
	c.listen()
	area := newLiveArea(pub, first)
	c.mu.Lock()
	c.streams[m] = append(c.streams[m], area)
	c.mu.Unlock()
	c.redrawStreams(m)
	return first
}

// endQuery sends the final card of q to its live areas and forgets them.
func (c *cardBoard) endQuery(q *query) {
	c.mu.Lock()
	shown := c.queries[q]
	delete(c.queries, q)
	c.mu.Unlock()
	if len(shown) == 0 {
		return
	}
	h := q.handle()
	fields, chart := cardFields(h), cardChart(h)
	for _, card := range shown {
		card.fields.Close(fields)
		card.chart.Close(chart)
	}
}

// redrawStreams schedules a redraw of m's spark.Streams() cards; when no
// query of m is active any more, the cards get their final state and leave
// the board.
func (c *cardBoard) redrawStreams(m *manager) {
	done := len(activeQueries(m)) == 0
	c.mu.Lock()
	areas := c.streams[m]
	if done {
		delete(c.streams, m)
	}
	c.mu.Unlock()
	if len(areas) == 0 {
		return
	}
	render := func() display.MIMEBundle { return ActiveQueriesCard(&dataframe.StreamingQueryManager{Impl: m}) }
	for _, a := range areas {
		if done {
			a.Close(render())
		} else {
			a.SetFunc(render)
		}
	}
}

// OnQueryStarted redraws the session's spark.Streams() cards.
func (c *cardBoard) OnQueryStarted(e QueryStartedEvent) {
	c.redrawStreams(e.Query.engine.manager(e.Query.session))
}

// OnQueryProgress redraws the query's status cards and its session's
// spark.Streams() cards; each card renders only when its update is sent.
func (c *cardBoard) OnQueryProgress(e QueryProgressEvent) {
	q := e.Query.query
	c.mu.Lock()
	shown := append([]*liveCard(nil), c.queries[q]...)
	c.mu.Unlock()
	if len(shown) > 0 {
		h := q.handle()
		fields := func() display.MIMEBundle { return cardFields(h) }
		chart := func() display.MIMEBundle { return cardChart(h) }
		for _, card := range shown {
			card.fields.SetFunc(fields)
			card.chart.SetFunc(chart)
		}
	}
	c.redrawStreams(q.engine.manager(q.session))
}

// OnQueryTerminated sends the query's final card and redraws the session's
// spark.Streams() cards (final once no query is active).
func (c *cardBoard) OnQueryTerminated(e QueryTerminatedEvent) {
	q := e.Query.query
	c.endQuery(q)
	c.redrawStreams(q.engine.manager(q.session))
}
