package dataframe

import (
	"sync"

	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// Error is the engine's error type: Spark's exception name (ExceptionName)
// and message (Error).
type Error = sparkerr.Error

var (
	handlerMu    sync.RWMutex
	errorHandler func(error)
)

// SetErrorHandler installs a function called with every error at the call
// that produced it (building an invalid plan, a failing action). The kernel
// installs one that panics so the cell fails there; nil removes it.
func SetErrorHandler(h func(error)) {
	handlerMu.Lock()
	errorHandler = h
	handlerMu.Unlock()
}

func reportError(err error) {
	if err == nil {
		return
	}
	handlerMu.RLock()
	h := errorHandler
	handlerMu.RUnlock()
	if h != nil {
		h(err)
	}
}

// errStreamingBatch is Spark's error for a batch action on a streaming plan.
func errStreamingBatch() error {
	return sparkerr.Analysis("", "Queries with streaming sources must be executed with writeStream.start();")
}
