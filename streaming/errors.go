package streaming

import (
	"fmt"

	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// QueryException is Spark's StreamingQueryException: the error that ended a
// query, with the query's ids and the cause.
type QueryException struct {
	QueryID, RunID string
	Cause          error
}

// Error returns Spark 3.5's message:
// "[STREAM_FAILED] Query [id = ..., runId = ...] terminated with exception: cause".
func (e *QueryException) Error() string {
	return fmt.Sprintf("[STREAM_FAILED] Query [id = %s, runId = %s] terminated with exception: %s", e.QueryID, e.RunID, e.Cause)
}

// ExceptionName returns "StreamingQueryException".
func (e *QueryException) ExceptionName() string { return "StreamingQueryException" }

// ErrorClass returns "STREAM_FAILED".
func (e *QueryException) ErrorClass() string { return "STREAM_FAILED" }

// Unwrap returns the cause.
func (e *QueryException) Unwrap() error { return e.Cause }

func analysis(format string, args ...any) error { return sparkerr.Analysis("", format, args...) }

func illegalArgument(format string, args ...any) error {
	return sparkerr.IllegalArgument(format, args...)
}

// panicError turns a recovered panic value into an error.
func panicError(r any) error {
	if err, ok := r.(error); ok {
		return err
	}
	return fmt.Errorf("panic: %v", r)
}
