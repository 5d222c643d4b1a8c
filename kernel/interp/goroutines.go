package interp

import (
	"runtime"
	"sync"
)

// goroutineID returns the id of the calling goroutine, parsed from the first
// line of its stack trace ("goroutine 42 [running]:"). It costs about a
// microsecond, so it is only called on output, on go statements and on the
// slow path of interrupt checks.
func goroutineID() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = "goroutine "
	if len(b) < len(prefix) {
		return 0
	}
	var id int64
	for _, c := range b[len(prefix):] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}

// goroutineTable maps the goroutines that run cell code (a cell's eval
// goroutine and the goroutines its go statements start) to their origin.
type goroutineTable struct {
	mu  sync.RWMutex
	ids map[int64]Origin
}

func (t *goroutineTable) init() { t.ids = map[int64]Origin{} }

func (t *goroutineTable) register(id int64, o Origin) {
	t.mu.Lock()
	t.ids[id] = o
	t.mu.Unlock()
}

func (t *goroutineTable) unregister(id int64) {
	t.mu.Lock()
	delete(t.ids, id)
	t.mu.Unlock()
}

func (t *goroutineTable) origin(id int64) (Origin, bool) {
	t.mu.RLock()
	o, ok := t.ids[id]
	t.mu.RUnlock()
	return o, ok
}
