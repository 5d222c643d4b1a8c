package streaming

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/dataframe/plan"
)

// TestJoinTimeBounds checks the eviction bounds derived from join
// conditions, as Spark's StreamingJoinHelper derives state watermarks.
func TestJoinTimeBounds(t *testing.T) {
	spark := newSession(t)
	imp := spark.SQL("SELECT 'a' AS adId, TIMESTAMP'2024-01-01 00:00:00' AS impTime")
	clk := spark.SQL("SELECT 'a' AS clickAdId, TIMESTAMP'2024-01-01 00:00:00' AS clickTime")
	ms := int64(time.Millisecond / time.Microsecond)
	hour := int64(time.Hour / time.Microsecond)
	cases := []struct {
		cond        string
		left, right timeBound
	}{
		{"clickAdId = adId AND clickTime >= impTime AND clickTime <= impTime + interval 1 hour",
			timeBound{-hour - ms, true}, timeBound{-ms, true}},
		{"clickAdId = adId AND clickTime BETWEEN impTime AND impTime + interval 1 hour",
			timeBound{-hour - ms, true}, timeBound{-ms, true}},
		{"adId = clickAdId AND impTime > clickTime - interval 1 hour AND impTime < clickTime",
			timeBound{-hour, true}, timeBound{0, true}},
		{"clickAdId = adId AND clickTime = impTime", timeBound{-ms, true}, timeBound{-ms, true}},
		{"clickAdId = adId AND clickTime >= impTime + interval 10 minutes",
			timeBound{}, timeBound{10*60*1000*ms - ms, true}},
		{"clickAdId = adId", timeBound{}, timeBound{}},
		{"clickAdId = adId OR clickTime > impTime", timeBound{}, timeBound{}},
	}
	for _, c := range cases {
		j := imp.Join(clk, F.Expr(c.cond))
		if j.Err() != nil {
			t.Fatal(j.Err())
		}
		jn := findJoin(j.Plan())
		l, r := joinTimeBounds(jn.Cond, len(jn.Left.Output()), 1, 1)
		if l != c.left || r != c.right {
			t.Errorf("%s: bounds %+v %+v, want %+v %+v", c.cond, l, r, c.left, c.right)
		}
	}
}

// TestStreamStreamJoinEvictsState runs a time-bounded impressions/clicks
// join over many micro-batches: the state stays bounded, rows are evicted
// after the watermark passes them, and the output equals the batch join of
// the same input.
func TestStreamStreamJoinEvictsState(t *testing.T) {
	spark := newSession(t)
	root := t.TempDir()
	impDir, clkDir := filepath.Join(root, "imp"), filepath.Join(root, "clk")
	base := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	const files, perFile = 40, 5
	ts := func(d time.Duration) string { return base.Add(d).Format("2006-01-02 15:04:05") }
	for i := 0; i < files; i++ {
		var imps, clks strings.Builder
		for j := 0; j < perFile; j++ {
			at := time.Duration(i)*5*time.Minute + time.Duration(j)*time.Second
			fmt.Fprintf(&imps, "ad%d_%d,%s\n", i, j, ts(at))
			if i >= 2 {
				// Clicks on the impressions of two files earlier: 8 minutes
				// after (inside the hour) and, for j == 0, 70 minutes after
				// the impressions of 14 files earlier (outside it).
				prev := time.Duration(i-2)*5*time.Minute + time.Duration(j)*time.Second
				fmt.Fprintf(&clks, "ad%d_%d,%s\n", i-2, j, ts(prev+8*time.Minute))
			}
			if i >= 11 && j == 1 {
				// A click 50 minutes after an impression 55 minutes
				// earlier: the impression must still be in state.
				prev := time.Duration(i-11)*5*time.Minute + time.Second
				fmt.Fprintf(&clks, "ad%d_%d,%s\n", i-11, j, ts(prev+50*time.Minute))
			}
			if i >= 14 && j == 0 {
				prev := time.Duration(i-14) * 5 * time.Minute
				fmt.Fprintf(&clks, "ad%d_%d,%s\n", i-14, j, ts(prev+70*time.Minute))
			}
		}
		writeFile(t, impDir, fmt.Sprintf("f%03d.csv", i), imps.String())
		writeFile(t, clkDir, fmt.Sprintf("f%03d.csv", i), clks.String()+"none,"+ts(time.Duration(i)*5*time.Minute)+"\n")
	}
	const cond = "clickAdId = adId AND clickTime >= impTime AND clickTime <= impTime + interval 1 hour"
	impressions := spark.ReadStream().Format("csv").Schema("adId STRING, impTime TIMESTAMP").Option("maxFilesPerTrigger", 1).Load(impDir).
		WithWatermark("impTime", "10 minutes")
	clicks := spark.ReadStream().Format("csv").Schema("clickAdId STRING, clickTime TIMESTAMP").Option("maxFilesPerTrigger", 1).Load(clkDir).
		WithWatermark("clickTime", "10 minutes")
	var got []string
	q := impressions.Join(clicks, F.Expr(cond)).WriteStream().Trigger(AvailableNow()).
		ForeachBatch(func(df *dataframe.DataFrame, id int64) {
			for _, r := range df.Collect() {
				got = append(got, r.String())
			}
		}).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	q.AwaitTermination()
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}

	batch := spark.Read().Schema("adId STRING, impTime TIMESTAMP").CSV(impDir).
		Join(spark.Read().Schema("clickAdId STRING, clickTime TIMESTAMP").CSV(clkDir), F.Expr(cond))
	var want []string
	for _, r := range batch.Collect() {
		want = append(want, r.String())
	}
	sort.Strings(got)
	sort.Strings(want)
	if len(want) != (files-2)*perFile+files-11 { // the 70-minute clicks are outside the hour
		t.Fatalf("the batch join has %d rows", len(want))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("streaming join (%d rows) differs from the batch join (%d rows)", len(got), len(want))
	}

	var maxTotal, removed, batches int64
	for _, p := range q.RecentProgress() {
		op := p["stateOperators"].([]any)[0].(map[string]any)
		total := op["numRowsTotal"].(int64)
		removed += op["numRowsRemoved"].(int64)
		maxTotal = max(maxTotal, total)
		batches++
	}
	input := int64(files*perFile + (files-2)*perFile + (files - 11) + (files - 14) + files)
	// Impressions live about 70 minutes of event time (14 files) and clicks
	// about 10 (2 files): at most ~16 files' rows, never the whole input.
	if batches < files || maxTotal > 16*(2*perFile+2) || removed < input/2 {
		t.Errorf("%d batches: state peaked at %d rows of %d input rows, %d removed", batches, maxTotal, input, removed)
	}
	t.Logf("%d batches, state peaked at %d of %d input rows, %d removed", batches, maxTotal, input, removed)
}

func findJoin(n plan.Node) *plan.Join {
	if j, ok := n.(*plan.Join); ok {
		return j
	}
	for _, k := range n.Children() {
		if j := findJoin(k); j != nil {
			return j
		}
	}
	return nil
}
