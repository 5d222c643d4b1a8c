package kernel

import (
	"os"
	"strconv"
	"time"
)

// watchParent stops the kernel when the process that started it dies, as
// ipykernel's parent poller does: jupyter_client sets JPY_PARENT_PID, and a
// kernel whose frontend crashed must not linger. It checks once a second.
func (k *Kernel) watchParent() {
	pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || pid <= 1 {
		return
	}
	start := os.Getppid()
	if start != pid {
		return // started through an intermediate process; nothing reliable to watch
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if os.Getppid() != start {
				k.log.Printf("parent process %d exited; shutting down", pid)
				k.stop()
				return
			}
		case <-k.done:
			return
		}
	}
}
