//go:build !race

package interp

// fastCheck makes the injected interrupt check read the plain bool
// slowFlag (exported to cells as _eddy.Pending) before calling
// _eddy.Check. The read is not synchronized: a cell may see the flag a few
// iterations late, which an interrupt tolerates. Race-detector builds use
// the synchronized call instead (pending_race.go).
const fastCheck = true
