package streaming

import (
	"sync"
	"time"

	"github.com/eddykernel/eddy/display"
)

// liveInterval is the shortest time between two updates of one live
// display (issue 5: at most about 4 updates a second); a variable for tests.
var liveInterval = 250 * time.Millisecond

// liveArea is a throttled display area with one display ID. Set keeps only
// the latest pending bundle; it is sent at once when the previous update
// went out more than liveInterval ago, else by a timer when the interval
// has passed, so a fast stream never floods the frontend. The interval is
// counted from the end of the previous send (render, encoding and
// queueing), so that updates leave at least liveInterval apart even when
// rendering is slow. Close sends the final state at once.
//
// With the Stdout publisher of a plain Go program nothing is coalesced:
// every bundle is printed, as Spark prints every batch to its terminal.
type liveArea struct {
	pub      display.Publisher
	id       string
	throttle bool

	mu       sync.Mutex
	pending  func() display.MIMEBundle
	last     time.Time // when the previous send ended
	timer    *time.Timer
	inFlight bool // a send is running; it schedules the pending bundle
	closed   bool
	sending  sync.Mutex // serializes sends, so updates arrive in order
}

// newLiveArea opens a live area showing first.
func newLiveArea(pub display.Publisher, first display.MIMEBundle) *liveArea {
	_, plain := pub.(*display.Stdout)
	a := &liveArea{pub: pub, id: display.NewID(), throttle: !plain}
	pub.Display(first, nil, a.id)
	return a
}

// Set makes b the area's content: sent now, or within liveInterval.
func (a *liveArea) Set(b display.MIMEBundle) {
	a.SetFunc(func() display.MIMEBundle { return b })
}

// SetFunc makes render's result the area's content; render runs only when
// the content is sent (on any goroutine), so a coalesced update costs
// nothing.
func (a *liveArea) SetFunc(render func() display.MIMEBundle) {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return
	}
	if !a.throttle {
		a.mu.Unlock()
		a.send(render())
		return
	}
	a.pending = render
	if a.inFlight || a.timer != nil {
		a.mu.Unlock() // the running send or the timer takes it
		return
	}
	if wait := liveInterval - time.Since(a.last); wait > 0 {
		a.timer = time.AfterFunc(wait, a.flush)
		a.mu.Unlock()
		return
	}
	a.inFlight = true // a concurrent Set leaves its bundle to this send's tail
	a.mu.Unlock()
	a.flush()
}

// flush sends the pending bundle, if any; a bundle that became pending
// during the send is scheduled liveInterval after it.
func (a *liveArea) flush() {
	a.sending.Lock()
	defer a.sending.Unlock()
	a.mu.Lock()
	b := a.pending
	a.pending = nil
	a.timer = nil
	a.inFlight = b != nil
	a.mu.Unlock()
	if b == nil {
		return
	}
	a.pub.Update(b(), nil, a.id)
	a.mu.Lock()
	a.inFlight = false
	a.last = time.Now()
	if a.pending != nil && a.timer == nil && !a.closed {
		a.timer = time.AfterFunc(liveInterval, a.flush)
	}
	a.mu.Unlock()
}

func (a *liveArea) send(b display.MIMEBundle) {
	a.sending.Lock()
	defer a.sending.Unlock()
	a.pub.Update(b, nil, a.id)
}

// Close sends final (or the pending bundle when final is nil) at once and
// stops updates. An unthrottled (Stdout) area has printed everything
// already and sends nothing more.
func (a *liveArea) Close(final display.MIMEBundle) {
	a.mu.Lock()
	if a.closed || !a.throttle {
		a.closed = true
		a.mu.Unlock()
		return
	}
	a.closed = true
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	if final != nil {
		a.pending = func() display.MIMEBundle { return final }
	}
	a.mu.Unlock()
	a.flush()
}

// ID returns the area's display ID.
func (a *liveArea) ID() string { return a.id }
