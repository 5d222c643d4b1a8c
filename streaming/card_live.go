package streaming

import (
	"sync"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
)

// ShowLive shows the query's status card through pub and keeps it up to
// date (display.Live): a live area (liveArea: one display ID, throttled to
// about 4 updates a second, the final state always sent) that every
// progress report of the query redraws, until the query ends. A query that
// has ended, or a plain Go program's Stdout publisher, gets the card once.
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
var cards = &cardBoard{queries: map[*query][]*liveArea{}, streams: map[*manager][]*liveArea{}}

// cardBoard keeps the live cards shown in notebooks and redraws them from
// the queries' listener events. It registers itself as a Listener when the
// first live card is shown.
type cardBoard struct {
	listening sync.Once

	mu      sync.Mutex
	queries map[*query][]*liveArea   // status cards of one query
	streams map[*manager][]*liveArea // spark.Streams() cards of one session
}

// live opens a live area showing first, or shows first once and returns
// nil when the card cannot change: the query has ended, or pub is a
// terminal, where a redrawn card would be printed again and again.
func (c *cardBoard) live(pub display.Publisher, first display.MIMEBundle, active bool) *liveArea {
	if _, plain := pub.(*display.Stdout); plain || !active {
		pub.Display(first, nil, "")
		return nil
	}
	c.listening.Do(func() { AddListener(c) })
	return newLiveArea(pub, first)
}

func (c *cardBoard) showQuery(q *query, pub display.Publisher) display.MIMEBundle {
	h := q.handle()
	first := queryCard(h)
	area := c.live(pub, first, q.IsActive())
	if area == nil {
		return first
	}
	c.mu.Lock()
	c.queries[q] = append(c.queries[q], area)
	c.mu.Unlock()
	if !q.IsActive() {
		c.endQuery(q) // it ended before the card was on the board
	}
	return first
}

func (c *cardBoard) showStreams(m *manager, pub display.Publisher) display.MIMEBundle {
	first := ActiveQueriesCard(&dataframe.StreamingQueryManager{Impl: m})
	area := c.live(pub, first, len(activeQueries(m)) > 0)
	if area == nil {
		return first
	}
	c.mu.Lock()
	c.streams[m] = append(c.streams[m], area)
	c.mu.Unlock()
	c.redrawStreams(m)
	return first
}

// endQuery sends the final card of q to its live areas and forgets them.
func (c *cardBoard) endQuery(q *query) {
	c.mu.Lock()
	areas := c.queries[q]
	delete(c.queries, q)
	c.mu.Unlock()
	if len(areas) == 0 {
		return
	}
	final := queryCard(q.handle())
	for _, a := range areas {
		a.Close(final)
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
	areas := append([]*liveArea(nil), c.queries[q]...)
	c.mu.Unlock()
	if len(areas) > 0 {
		h := q.handle()
		render := func() display.MIMEBundle { return queryCard(h) }
		for _, a := range areas {
			a.SetFunc(render)
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
