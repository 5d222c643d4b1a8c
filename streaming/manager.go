package streaming

import (
	"sort"
	"sync"
	"time"

	"github.com/eddykernel/eddy/dataframe"
)

// manager is a session's StreamingQueryManager (spark.Streams()).
type manager struct {
	mu         sync.Mutex
	cond       *sync.Cond
	active     map[string]*query
	terminates int // queries terminated since the last ResetTerminated
	// lastErr is the exception of the last query that failed since the
	// last ResetTerminated (Spark's lastTerminatedQueryException: a query
	// that ends cleanly does not hide an earlier failure).
	lastErr error
	started map[*query]time.Time
}

func newManager() *manager {
	m := &manager{active: map[string]*query{}, started: map[*query]time.Time{}}
	m.cond = sync.NewCond(&m.mu)
	return m
}

func (m *manager) add(q *query) {
	m.mu.Lock()
	m.active[q.id] = q
	m.started[q] = time.Now()
	m.mu.Unlock()
}

func (m *manager) activeNamed(name string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, q := range m.active {
		if q.name == name {
			return true
		}
	}
	return false
}

func (m *manager) terminated(q *query) {
	m.mu.Lock()
	if m.active[q.id] == q {
		delete(m.active, q.id)
	}
	delete(m.started, q)
	m.terminates++
	if err := q.Exception(); err != nil {
		m.lastErr = err
	}
	m.cond.Broadcast()
	m.mu.Unlock()
}

func (m *manager) list() []*query {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*query, 0, len(m.active))
	for _, q := range m.active {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return m.started[out[i]].Before(m.started[out[j]]) })
	return out
}

// Active returns the running queries, oldest first.
func (m *manager) Active() []*dataframe.StreamingQuery {
	var out []*dataframe.StreamingQuery
	for _, q := range m.list() {
		out = append(out, dataframe.NewStreamingQuery(q.handle()))
	}
	return out
}

// Get returns the active query with the given id, or nil.
func (m *manager) Get(id string) *dataframe.StreamingQuery {
	m.mu.Lock()
	q, ok := m.active[id]
	m.mu.Unlock()
	if !ok {
		return nil
	}
	return dataframe.NewStreamingQuery(q.handle())
}

// AwaitAnyTermination waits until a query terminates (or one has since the
// last ResetTerminated), or for at most timeout; it reports whether one
// did.
func (m *manager) AwaitAnyTermination(timeout ...time.Duration) bool {
	var deadline time.Time
	if len(timeout) > 0 {
		deadline = time.Now().Add(timeout[0])
		t := time.AfterFunc(timeout[0], func() {
			m.mu.Lock()
			m.cond.Broadcast()
			m.mu.Unlock()
		})
		defer t.Stop()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for m.terminates == 0 {
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			return false
		}
		m.cond.Wait()
	}
	return true
}

// ResetTerminated forgets terminated queries, so that AwaitAnyTermination
// waits for a new one.
func (m *manager) ResetTerminated() {
	m.mu.Lock()
	m.terminates = 0
	m.lastErr = nil
	m.mu.Unlock()
}

// LastTerminatedException returns the StreamingQueryException of the last
// query that failed since the last ResetTerminated, or nil.
func (m *manager) LastTerminatedException() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lastErr
}

func (m *manager) stopAll() {
	for _, q := range m.list() {
		q.Stop()
	}
}
