package kernel

import (
	"runtime/debug"
	"sync"
	"time"
)

// idleRelease is how long the kernel waits after a request before it
// returns freed memory to the operating system.
const idleRelease = 2 * time.Second

// idleMemory returns freed heap to the operating system once the kernel has
// been idle for idleRelease, so that an idle kernel stays small; a kernel
// that keeps working does not pay for it.
type idleMemory struct {
	once  sync.Once
	timer *time.Timer
}

// touch restarts the idle countdown.
func (m *idleMemory) touch() {
	m.once.Do(func() { m.timer = time.AfterFunc(idleRelease, debug.FreeOSMemory) })
	m.timer.Reset(idleRelease)
}
