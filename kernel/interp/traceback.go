package interp

import (
	"regexp"
	"strings"
	"sync"
)

// yaegi writes one line to the interpreter's stderr for every interpreted
// frame a panic unwinds, such as "3:5: panic: main.f(...)", where 3:5 is
// the start of the frame's function. The positions are cell lines, because
// cells are parsed with line directives. traceTable
// keeps those lines per goroutine, so that the panic's Error can carry them
// as its traceback instead of printing them as output.
type traceTable struct {
	mu    sync.Mutex
	lines map[int64][]string
}

const (
	maxTraceLines      = 32
	maxTraceGoroutines = 1024
)

var panicLine = regexp.MustCompile(`^(?:[^\s:]*:)?(\d+):(\d+): panic: (.*)$`)

func (t *traceTable) init() { t.lines = map[int64][]string{} }

// capture records p if it is one of yaegi's panic lines and reports whether
// it did.
func (t *traceTable) capture(p []byte) bool {
	text := strings.TrimRight(string(p), "\n")
	m := panicLine.FindStringSubmatch(text)
	if m == nil || strings.Contains(text, "\n") {
		return false
	}
	// yaegi reports where the frame's function (or the cell's statements)
	// starts, not the line that panicked.
	fn := strings.TrimSuffix(m[3], "(...)")
	line := "in " + fn + ", which starts at cell line " + m[1] + ", column " + m[2]
	if fn == "main" {
		line = "in the cell's statements from line " + m[1]
	}
	id := goroutineID()
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.lines) >= maxTraceGoroutines {
		// Goroutines that recovered their panics, or that compiled code
		// started, never collect their lines: forget them all.
		t.lines = map[int64][]string{}
	}
	if l := t.lines[id]; len(l) < maxTraceLines {
		// Consecutive frames of one statement repeat the same line.
		if len(l) == 0 || l[len(l)-1] != line {
			t.lines[id] = append(l, line)
		}
	}
	return true
}

// take returns and forgets the lines recorded for goroutine id.
func (t *traceTable) take(id int64) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	l := t.lines[id]
	delete(t.lines, id)
	return l
}
