package streaming

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
)

// catchReported installs a dataframe error handler that records what it
// is given, as the kernel's (which panics) would see it.
func catchReported(t *testing.T) *[]error {
	t.Helper()
	var got []error
	dataframe.SetErrorHandler(func(err error) { got = append(got, err) })
	t.Cleanup(func() { dataframe.SetErrorHandler(nil) })
	return &got
}

func wantStreamFailed(t *testing.T, what string, got []error, q *dataframe.StreamingQuery, cause string) {
	t.Helper()
	if len(got) != 1 {
		t.Fatalf("%s reported %d errors, want 1: %v", what, len(got), got)
	}
	var qe *QueryException
	if !errors.As(got[0], &qe) || qe.ExceptionName() != "StreamingQueryException" {
		t.Fatalf("%s reported %T %v", what, got[0], got[0])
	}
	prefix := "[STREAM_FAILED] Query [id = " + q.ID() + ", runId = " + q.RunID() + "] terminated with exception: "
	if !strings.HasPrefix(got[0].Error(), prefix) || !strings.Contains(got[0].Error(), cause) {
		t.Errorf("%s reported %q", what, got[0])
	}
}

// failingQuery starts a text-file query whose foreachBatch panics.
func failingQuery(t *testing.T, spark *dataframe.Session) *dataframe.StreamingQuery {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "hello\n")
	q := spark.ReadStream().Format("text").Load(dir).WriteStream().
		ForeachBatch(func(df *dataframe.DataFrame, id int64) { panic("boom in batch") }).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	return q
}

// TestAwaitTerminationRaisesTheQueryException checks that, as in Spark,
// awaitTermination, processAllAvailable and awaitAnyTermination raise the
// StreamingQueryException of a failed query through the error handler,
// while Go programs still get the bool and Exception().
func TestAwaitTerminationRaisesTheQueryException(t *testing.T) {
	spark := newSession(t)
	got := catchReported(t)
	q := failingQuery(t, spark)

	if !q.AwaitTermination(30 * time.Second) {
		t.Fatal("the failing query did not end")
	}
	wantStreamFailed(t, "AwaitTermination(timeout)", *got, q, "boom in batch")
	if q.Exception() == nil || q.Exception() != (*got)[0] {
		t.Errorf("Exception() = %v, reported %v", q.Exception(), (*got)[0])
	}

	*got = nil
	if !q.AwaitTermination() {
		t.Fatal("AwaitTermination() returned false")
	}
	wantStreamFailed(t, "AwaitTermination()", *got, q, "boom in batch")

	*got = nil
	q.ProcessAllAvailable()
	wantStreamFailed(t, "ProcessAllAvailable", *got, q, "boom in batch")

	*got = nil
	if !spark.Streams().AwaitAnyTermination(5 * time.Second) {
		t.Fatal("AwaitAnyTermination did not see the failed query")
	}
	wantStreamFailed(t, "AwaitAnyTermination", *got, q, "boom in batch")

	// A query that then stops cleanly does not hide the earlier failure;
	// ResetTerminated forgets both.
	ok := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").Start()
	ok.Stop()
	*got = nil
	spark.Streams().AwaitAnyTermination()
	wantStreamFailed(t, "AwaitAnyTermination after a clean stop", *got, q, "boom in batch")
	spark.Streams().ResetTerminated()
	*got = nil
	if spark.Streams().AwaitAnyTermination(5*time.Millisecond) || len(*got) != 0 {
		t.Errorf("after ResetTerminated: reported %v", *got)
	}
}

// TestAwaitTerminationCleanStopReportsNothing checks that a stopped query
// and a wait that times out raise nothing.
func TestAwaitTerminationCleanStopReportsNothing(t *testing.T) {
	spark := newSession(t)
	got := catchReported(t)
	q := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").Start()
	if q.AwaitTermination(5 * time.Millisecond) {
		t.Fatal("a running query reported ended")
	}
	q.ProcessAllAvailable()
	q.Stop()
	if !q.AwaitTermination() || !spark.Streams().AwaitAnyTermination() {
		t.Fatal("the stopped query did not report ended")
	}
	q.ProcessAllAvailable()
	if len(*got) != 0 || q.Exception() != nil {
		t.Errorf("a clean stop reported %v (Exception %v)", *got, q.Exception())
	}
}
