package streaming

import (
	"sync"
)

// QueryStartedEvent is passed to Listener.OnQueryStarted. It is delivered
// synchronously on the goroutine that called Start, so a listener can
// capture caller context there (the kernel captures the starting cell).
type QueryStartedEvent struct {
	ID, RunID, Name string
	Timestamp       string
	// Query is the started query.
	Query *Query
}

// QueryProgressEvent is passed to Listener.OnQueryProgress after every
// micro-batch, on the query's goroutine.
type QueryProgressEvent struct {
	Query    *Query
	Progress *Progress
}

// QueryTerminatedEvent is passed to Listener.OnQueryTerminated when a query
// ends; Exception is nil after a clean stop.
type QueryTerminatedEvent struct {
	ID, RunID string
	Query     *Query
	Exception error
}

// Listener is Spark's StreamingQueryListener: the hook the kernel uses to
// render live status cards. Implementations must be quick and safe for
// concurrent use; a panic in a listener is recovered and ignored.
type Listener interface {
	OnQueryStarted(e QueryStartedEvent)
	OnQueryProgress(e QueryProgressEvent)
	OnQueryTerminated(e QueryTerminatedEvent)
}

var (
	listenersMu sync.RWMutex
	listeners   []Listener
)

// AddListener registers a listener for every query of the process.
func AddListener(l Listener) {
	listenersMu.Lock()
	listeners = append(listeners, l)
	listenersMu.Unlock()
}

// RemoveListener unregisters a listener.
func RemoveListener(l Listener) {
	listenersMu.Lock()
	defer listenersMu.Unlock()
	for i, x := range listeners {
		if x == l {
			listeners = append(listeners[:i:i], listeners[i+1:]...)
			return
		}
	}
}

func notify(f func(l Listener)) {
	listenersMu.RLock()
	ls := append([]Listener(nil), listeners...)
	listenersMu.RUnlock()
	for _, l := range ls {
		func() {
			defer func() { _ = recover() }()
			f(l)
		}()
	}
}
