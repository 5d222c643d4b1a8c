package display

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

// Metadata is the metadata dictionary that travels with a MIME bundle.
type Metadata = map[string]any

// Publisher receives rich output. Implementations must be safe for concurrent
// use: background queries publish from their own goroutines.
type Publisher interface {
	// Display shows data as a new output. A non-empty displayID lets later
	// Update calls replace it in place.
	Display(data MIMEBundle, metadata Metadata, displayID string)
	// Update replaces every output that was shown with displayID.
	Update(data MIMEBundle, metadata Metadata, displayID string)
	// Clear clears the output area; with wait, the clearing happens when the
	// next output arrives, which avoids flicker.
	Clear(wait bool)
}

// Stdout is the Publisher for plain Go programs: it prints the text/plain form
// of every display and update to W (os.Stdout when W is nil) and ignores Clear.
type Stdout struct {
	W  io.Writer
	mu sync.Mutex
}

// Display prints the text/plain form of data.
func (s *Stdout) Display(data MIMEBundle, _ Metadata, _ string) { s.print(data) }

// Update prints the text/plain form of data again: a terminal cannot redraw.
func (s *Stdout) Update(data MIMEBundle, _ Metadata, _ string) { s.print(data) }

// Clear does nothing on a terminal.
func (s *Stdout) Clear(bool) {}

func (s *Stdout) print(data MIMEBundle) {
	text := data.Text()
	if text == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.W
	if w == nil {
		w = os.Stdout
	}
	if text[len(text)-1] != '\n' {
		text += "\n"
	}
	fmt.Fprint(w, text)
}

var (
	resolverMu sync.RWMutex
	resolver   func() Publisher
	stdout     = &Stdout{}
)

// SetResolver installs the function that Current calls to find the publisher
// for the calling code. The kernel installs one that returns the publisher of
// the cell the caller belongs to. Passing nil restores the Stdout publisher.
func SetResolver(f func() Publisher) {
	resolverMu.Lock()
	resolver = f
	resolverMu.Unlock()
}

// Current returns the publisher for the calling code: the cell that is
// running (or that started the calling goroutine) inside the kernel, the
// Stdout publisher elsewhere. Long-lived producers such as streaming queries
// call Current once, when they start, and keep the result so that their
// output keeps going to the cell that started them.
func Current() Publisher {
	resolverMu.RLock()
	f := resolver
	resolverMu.RUnlock()
	if f != nil {
		if p := f(); p != nil {
			return p
		}
	}
	return stdout
}

var displayIDs atomic.Uint64

// NewID returns a fresh display ID, unique within the process.
func NewID() string {
	return fmt.Sprintf("eddy-%d-%d", os.Getpid(), displayIDs.Add(1))
}
