//go:build race

package interp

// fastCheck is off under the race detector: every injected check calls
// _eddy.Check, whose flag read is atomic (see pending.go).
const fastCheck = false
