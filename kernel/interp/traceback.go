package interp

import (
	"regexp"
	"strconv"
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
	var line string
	switch {
	case fn == "main":
		line = topLevelFrame + m[1]
	case strings.HasPrefix(fn, "main."):
		line = "in " + fn + ", which starts at cell line " + m[1] + ", column " + m[2]
	default:
		// A function of a source package (slices, maps): its lines are
		// not cell lines.
		line = "in " + fn
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

// topLevelFrame starts the traceback line of a cell's top-level statements;
// placeTopLevel replaces it with the line of the statement that failed.
const topLevelFrame = "in the cell's statements from line "

// placeTopLevel rewrites the top-level frame of e's traceback to name the
// top-level statement that was running (line, 0 when unknown).
func placeTopLevel(e *Error, line int64) {
	if line <= 0 {
		return
	}
	for i, l := range e.Traceback {
		if strings.HasPrefix(strings.TrimSpace(l), topLevelFrame) {
			e.Traceback[i] = "    at cell line " + strconv.FormatInt(line, 10)
		}
	}
}
