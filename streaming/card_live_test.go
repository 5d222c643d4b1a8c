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
	return len(spec["data"].(map[string]any)["values"].([]chartValue))
}

// TestQueryCardUpdatesLive shows a running query's card as a notebook does
// (display.Show with the cell's publisher): two displays with display IDs,
// the fields and the chart, then throttled updates of each with growing
// batchIds and a growing chart, and the final card (status Stopped) after
// Stop.
func TestQueryCardUpdatesLive(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Option("rowsPerSecond", 100).Load().
		WriteStream().Format("noop").QueryName("live_card").Trigger(ProcessingTime("50 milliseconds")).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	pub := &livePublisher{}
	start := time.Now()
	first := display.Show(pub, q)
	// The rate source has new rows once a second: wait for three more
	// batches (longer on a loaded machine).
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b := q.LastProgress(); b != nil && b["batchId"].(int64) >= 3 {
			break
		}
	}
	q.Stop()
	elapsed := time.Since(start)
	calls := pub.snapshot()
	if len(calls) < 4 || calls[0].kind != "display" || calls[1].kind != "display" || calls[0].id == "" ||
		calls[1].id == "" || calls[0].id == calls[1].id || calls[0].data.Text() != first.Text() {
		t.Fatalf("calls %+v", calls)
	}
	if !strings.Contains(first.Text(), "live_card") {
		t.Errorf("fields %q", first.Text())
	}
	fieldsID, chartID := calls[0].id, calls[1].id
	var fields, charts []liveCall
	for i, c := range calls[2:] {
		switch {
		case c.kind == "update" && c.id == fieldsID:
			fields = append(fields, c)
		case c.kind == "update" && c.id == chartID:
			charts = append(charts, c)
		default:
			t.Fatalf("call %d: %s of %q", i+2, c.kind, c.id)
		}
	}
	var batches, points []int
	for _, c := range fields {
		m := cardBatch.FindStringSubmatch(c.data.Text())
		if m == nil {
			t.Fatalf("fields update without a batchId:\n%s", c.data.Text())
		}
		n, _ := strconv.Atoi(m[1])
		batches = append(batches, n)
	}
	for _, c := range charts {
		points = append(points, chartValues(t, c.data))
	}
	for i := 1; i < len(batches); i++ {
		if batches[i] < batches[i-1] {
			t.Fatalf("batchIds %v: not growing", batches)
		}
	}
	for i := 1; i < len(points); i++ {
		if points[i] < points[i-1] {
			t.Fatalf("chart points %v: not growing", points)
		}
	}
	if len(batches) < 2 || batches[len(batches)-1] <= batches[0] || len(points) < 2 || points[len(points)-1] <= points[0] {
		t.Errorf("batchIds %v, chart points %v: did not grow", batches, points)
	}
	for _, updates := range [][]liveCall{fields, charts} {
		// At most 4 updates a second, plus the final state.
		if limit := int(4*elapsed.Seconds()) + 2; len(updates) > limit {
			t.Errorf("%d updates of one display in %v", len(updates), elapsed)
		}
		for i := 1; i < len(updates)-1; i++ {
			if gap := updates[i].at.Sub(updates[i-1].at); gap < liveInterval-20*time.Millisecond {
				t.Errorf("updates %d and %d %v apart", i-1, i, gap)
			}
		}
	}
	if final := fields[len(fields)-1].data.Text(); !strings.Contains(final, "status:           Stopped") {
		t.Errorf("final card:\n%s", final)
	}
	// Nothing more after the final state.
	time.Sleep(2 * liveInterval)
	if n := len(pub.snapshot()); n != len(calls) {
		t.Errorf("%d calls after the final card, want %d", n, len(calls))
	}
}

// TestEndedQueryCardIsStatic shows the card of a query that has ended: its
// fields and chart once, without display IDs.
func TestEndedQueryCardIsStatic(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").Start()
	q.Stop()
	pub := &livePublisher{}
	display.Show(pub, q)
	time.Sleep(2 * liveInterval)
	calls := pub.snapshot()
	if len(calls) != 2 || calls[0].id != "" || calls[1].id != "" || !strings.Contains(calls[0].data.Text(), "Stopped") {
		t.Fatalf("calls %+v", calls)
	}
	chartValues(t, calls[1].data)
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
	var calls []liveCall
	last := ""
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.HasPrefix(last, "2 "); time.Sleep(50 * time.Millisecond) {
		calls = pub.snapshot()
		last = calls[len(calls)-1].data.Text()
	}
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
