package streaming

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// wordEvents are three files of (event time, word), read one per batch:
// the programming guide's windowed word count with late data. Expected
// outputs are PySpark 3.5's (testdata/watermark_goldens.py): in batch 2 the
// 11:50 row's 11:45-11:55 window is behind the late-events watermark
// (11:58, the previous batch's) and dropped, while its 11:50-12:00 window
// is still counted, emitted, and evicted by the 12:04 watermark.
var wordEvents = []string{
	"2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n",
	"2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n",
	"2024-01-01 12:25:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 11:50:00,ghost\n",
}

// runWindowedCounts runs the windowed count (10-minute windows sliding
// every 5 minutes, 10-minute watermark) over wordEvents in a mode and
// returns each batch's rows as "start-end word count", sorted.
func runWindowedCounts(t *testing.T, mode string, dedup bool) ([]string, *dataframe.StreamingQuery) {
	spark := newSession(t)
	dir := filepath.Join(t.TempDir(), "events")
	for i, c := range wordEvents {
		writeFile(t, dir, fmt.Sprintf("part%s.csv", strings.Repeat("x", i)), c)
	}
	events := spark.ReadStream().Format("csv").Schema("ts TIMESTAMP, word STRING").Option("maxFilesPerTrigger", 1).Load(dir).
		WithWatermark("ts", "10 minutes")
	if dedup {
		events = events.DropDuplicates("ts", "word")
	}
	counts := events.GroupBy(F.Window(F.Col("ts"), "10 minutes", "5 minutes"), F.Col("word")).Count()
	var mu sync.Mutex
	var out []string
	q := counts.WriteStream().OutputMode(mode).Trigger(AvailableNow()).ForeachBatch(func(df *dataframe.DataFrame, id int64) {
		rows := df.Select(F.DateFormat(F.Col("window.start"), "HH:mm"), F.DateFormat(F.Col("window.end"), "HH:mm"), F.Col("word"), F.Col("count")).Collect()
		var lines []string
		for _, r := range rows {
			lines = append(lines, fmt.Sprintf("%s-%s %s %d", r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)))
		}
		sort.Strings(lines)
		mu.Lock()
		out = append(out, fmt.Sprintf("batch %d: %s", id, strings.Join(lines, ", ")))
		mu.Unlock()
	}).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	q.AwaitTermination()
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
	return out, q
}

// sparkWindowedGoldens reads testdata/watermark_goldens.txt, PySpark's
// output of the same queries: per mode, the dropped-row count and the
// batches.
func sparkWindowedGoldens(t *testing.T) map[string][]string {
	data, err := os.ReadFile(filepath.Join("testdata", "watermark_goldens.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	mode := ""
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(line, "== ") {
			f := strings.Fields(line)
			mode = f[1]
			out[mode] = append(out[mode], "dropped "+f[3])
			continue
		}
		out[mode] = append(out[mode], strings.TrimRight(line, " "))
	}
	return out
}

// TestWindowedWatermarkModes compares the windowed count in update, append
// and complete modes with PySpark 3.5's per-batch output and dropped-row
// counts.
func TestWindowedWatermarkModes(t *testing.T) {
	goldens := sparkWindowedGoldens(t)
	for _, mode := range []string{"update", "append", "complete"} {
		t.Run(mode, func(t *testing.T) {
			got, q := runWindowedCounts(t, mode, false)
			var dropped int64
			for _, p := range q.RecentProgress() {
				for _, op := range p["stateOperators"].([]any) {
					dropped += op.(map[string]any)["numRowsDroppedByWatermark"].(int64)
				}
			}
			lines := []string{fmt.Sprint("dropped ", dropped)}
			for _, g := range got {
				lines = append(lines, strings.TrimRight(g, " "))
			}
			if want := goldens[mode]; strings.Join(lines, "\n") != strings.Join(want, "\n") {
				t.Fatalf("got\n%s\nPySpark\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
			}
			first := q.RecentProgress()[0]
			if wm := first["eventTime"].(map[string]any)["watermark"]; wm != "1970-01-01T00:00:00.000Z" {
				t.Errorf("first batch watermark %v", wm)
			}
			if mode == "append" {
				last := q.LastProgress()
				if wm := last["eventTime"].(map[string]any)["watermark"]; wm != "2024-01-01T12:15:00.000Z" {
					t.Errorf("watermark %v", wm)
				}
				if n := last["stateOperators"].([]any)[0].(map[string]any)["numRowsTotal"]; n != int64(3) {
					t.Errorf("state rows after eviction = %v, want 3", n)
				}
			}
		})
	}
}

// TestDropDuplicatesWithWatermark checks that duplicates are removed across
// batches and late rows dropped.
func TestDropDuplicatesWithWatermark(t *testing.T) {
	spark := newSession(t)
	dir := filepath.Join(t.TempDir(), "events")
	writeFile(t, dir, "a.csv", "2024-01-01 12:07:00,dog\n2024-01-01 12:07:00,dog\n2024-01-01 12:30:00,cat\n")
	writeFile(t, dir, "bb.csv", "2024-01-01 12:07:00,dog\n2024-01-01 12:30:00,cat\n2024-01-01 12:31:00,cat\n")
	writeFile(t, dir, "ccc.csv", "2024-01-01 12:07:00,dog\n")
	q := spark.ReadStream().Format("csv").Schema("ts TIMESTAMP, word STRING").Option("maxFilesPerTrigger", 1).Load(dir).
		WithWatermark("ts", "10 minutes").DropDuplicates("word", "ts").
		WriteStream().Format("memory").QueryName("dedup").Trigger(AvailableNow()).Start()
	q.AwaitTermination()
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
	got := spark.Table("dedup").Count()
	if got != 3 {
		t.Fatalf("%d rows, want 3 (dog 12:07, cat 12:30, cat 12:31)", got)
	}
	var dropped int64
	for _, p := range q.RecentProgress() {
		dropped += p["stateOperators"].([]any)[0].(map[string]any)["numRowsDroppedByWatermark"].(int64)
	}
	if dropped != 1 {
		t.Errorf("dropped %d late rows, want 1 (the third file's dog 12:07, behind the 12:20 late-events watermark)", dropped)
	}
}

// TestMultipleWatermarkPolicy unions two streams with different delays:
// the query's watermark is the smaller one, or the larger with
// spark.sql.streaming.multipleWatermarkPolicy=max.
func TestMultipleWatermarkPolicy(t *testing.T) {
	for policy, want := range map[string]string{"min": "2024-01-01T11:40:00.000Z", "max": "2024-01-01T11:50:00.000Z"} {
		t.Run(policy, func(t *testing.T) {
			spark := newSession(t)
			spark.Conf().Set("spark.sql.streaming.multipleWatermarkPolicy", policy)
			root := t.TempDir()
			for _, d := range []string{"a", "b"} {
				writeFile(t, filepath.Join(root, d), "1.csv", "2024-01-01 12:00:00,x\n")
				writeFile(t, filepath.Join(root, d), "22.csv", "2024-01-01 12:01:00,y\n")
			}
			read := func(d, delay string) *dataframe.DataFrame {
				return spark.ReadStream().Format("csv").Schema("ts TIMESTAMP, w STRING").Option("maxFilesPerTrigger", 1).
					Load(filepath.Join(root, d)).WithWatermark("ts", delay)
			}
			q := read("a", "10 minutes").Union(read("b", "20 minutes")).WriteStream().Format("noop").Trigger(AvailableNow()).Start()
			if q.Err() != nil {
				t.Fatal(q.Err())
			}
			q.AwaitTermination()
			if err := q.Exception(); err != nil {
				t.Fatal(err)
			}
			ps := q.RecentProgress()
			if len(ps) != 2 {
				t.Fatalf("%d batches, want 2", len(ps))
			}
			// Batch 1 runs with the watermark computed after batch 0.
			if got := ps[1]["eventTime"].(map[string]any)["watermark"]; got != want {
				t.Fatalf("watermark %v, want %s", got, want)
			}
		})
	}
}
