package streaming

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/display"
)

var cardBatch = regexp.MustCompile(`batchId:\s+(\d+)`)

// chartValues returns the number of points of a status card's Vega-Lite
// chart.
func chartValues(t *testing.T, b display.MIMEBundle) int {
	t.Helper()
	spec, ok := b["application/vnd.vegalite.v5+json"].(map[string]any)
	if !ok {
		t.Fatalf("card without a Vega-Lite chart: %v", b)
	}
	return len(spec["data"].(map[string]any)["values"].([]any))
}

// TestQueryCardUpdatesLive shows a running query's card as a notebook does
// (display.Show with the cell's publisher): one display with a display ID,
// then throttled updates of that ID with growing batchIds and a growing
// chart, and the final card (status Stopped) after Stop.
func TestQueryCardUpdatesLive(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Option("rowsPerSecond", 100).Load().
		WriteStream().Format("noop").QueryName("live_card").Trigger(ProcessingTime("50 milliseconds")).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	pub := &livePublisher{}
	first := display.Show(pub, q)
	time.Sleep(1500 * time.Millisecond)
	q.Stop()
	calls := pub.snapshot()
	if len(calls) < 3 || calls[0].kind != "display" || calls[0].id == "" || calls[0].data.Text() != first.Text() {
		t.Fatalf("calls %+v", calls)
	}
	var batches []int
	var points []int
	for i, c := range calls[1:] {
		if c.kind != "update" || c.id != calls[0].id {
			t.Fatalf("call %d: %s of %q, want an update of %q", i+1, c.kind, c.id, calls[0].id)
		}
		m := cardBatch.FindStringSubmatch(c.data.Text())
		if m == nil {
			t.Fatalf("update without a batchId:\n%s", c.data.Text())
		}
		n, _ := strconv.Atoi(m[1])
		batches = append(batches, n)
		points = append(points, chartValues(t, c.data))
	}
	for i := 1; i < len(batches); i++ {
		if batches[i] < batches[i-1] || points[i] < points[i-1] {
			t.Fatalf("batchIds %v, chart points %v: not growing", batches, points)
		}
	}
	if batches[len(batches)-1] <= batches[0] || points[len(points)-1] <= points[0] {
		t.Errorf("batchIds %v, chart points %v: did not grow", batches, points)
	}
	// 1.5 s of 20 batches a second: throttled to about 4 updates a second.
	if len(calls) > 10 {
		t.Errorf("%d calls in 1.5 s", len(calls))
	}
	for i := 2; i < len(calls)-1; i++ {
		if gap := calls[i].at.Sub(calls[i-1].at); gap < liveInterval-20*time.Millisecond {
			t.Errorf("updates %d and %d %v apart", i-1, i, gap)
		}
	}
	final := calls[len(calls)-1].data.Text()
	if !strings.Contains(final, "status:           Stopped") {
		t.Errorf("final card:\n%s", final)
	}
	// Nothing more after the final state.
	time.Sleep(2 * liveInterval)
	if n := len(pub.snapshot()); n != len(calls) {
		t.Errorf("%d calls after the final card, want %d", n, len(calls))
	}
}

// TestEndedQueryCardIsStatic shows the card of a query that has ended: a
// single display without a display ID.
func TestEndedQueryCardIsStatic(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").Start()
	q.Stop()
	pub := &livePublisher{}
	display.Show(pub, q)
	time.Sleep(2 * liveInterval)
	if calls := pub.snapshot(); len(calls) != 1 || calls[0].id != "" || !strings.Contains(calls[0].data.Text(), "Stopped") {
		t.Errorf("calls %+v", calls)
	}
}

// TestStreamsCardUpdatesLive shows spark.Streams() while two queries run:
// it redraws as a second query starts, and its final state, once both
// stopped, lists none.
func TestStreamsCardUpdatesLive(t *testing.T) {
	spark := newSession(t)
	start := func(name string) interface{ Stop() } {
		q := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").QueryName(name).
			Trigger(ProcessingTime("50 milliseconds")).Start()
		if q.Err() != nil {
			t.Fatal(q.Err())
		}
		return q
	}
	a := start("streams_a")
	pub := &livePublisher{}
	first := display.Show(pub, spark.Streams())
	if !strings.HasPrefix(first.Text(), "1 active streaming queries") {
		t.Fatalf("first card %q", first.Text())
	}
	b := start("streams_b")
	time.Sleep(3 * liveInterval)
	calls := pub.snapshot()
	last := calls[len(calls)-1].data.Text()
	if !strings.HasPrefix(last, "2 active streaming queries") || !strings.Contains(last, "streams_b") {
		t.Errorf("card after the second start:\n%s", last)
	}
	a.Stop()
	b.Stop()
	calls = pub.snapshot()
	for _, c := range calls[1:] {
		if c.kind != "update" || c.id != calls[0].id || calls[0].id == "" {
			t.Fatalf("calls %+v", calls)
		}
	}
	if final := calls[len(calls)-1].data.Text(); final != "0 active streaming queries" {
		t.Errorf("final card %q", final)
	}
	time.Sleep(2 * liveInterval)
	if n := len(pub.snapshot()); n != len(calls) {
		t.Errorf("%d calls after the final card, want %d", n, len(calls))
	}
}
