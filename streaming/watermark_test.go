package streaming

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// wordEvents are three files of (event time, word), read one per batch:
// the programming guide's windowed word count with late data. The last
// file's 11:50 row is behind the 12:04 watermark and is dropped.
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

func TestWindowedWatermarkModes(t *testing.T) {
	tests := []struct {
		mode string
		want []string
	}{
		{"update", []string{
			"batch 0: 12:00-12:10 dog 1, 12:00-12:10 owl 1, 12:05-12:15 dog 1, 12:05-12:15 owl 1",
			"batch 1: 12:00-12:10 cat 1, 12:05-12:15 cat 1, 12:05-12:15 dog 2, 12:10-12:20 dog 1",
			"batch 2: 12:00-12:10 dog 2, 12:05-12:15 dog 3, 12:20-12:30 cat 1, 12:25-12:35 cat 1",
			"batch 3: ",
		}},
		{"append", []string{
			"batch 0: ",
			"batch 1: ",
			"batch 2: ",
			"batch 3: 12:00-12:10 cat 1, 12:00-12:10 dog 2, 12:00-12:10 owl 1, 12:05-12:15 cat 1, 12:05-12:15 dog 3, 12:05-12:15 owl 1",
		}},
		{"complete", []string{
			"batch 0: 12:00-12:10 dog 1, 12:00-12:10 owl 1, 12:05-12:15 dog 1, 12:05-12:15 owl 1",
			"batch 1: 12:00-12:10 cat 1, 12:00-12:10 dog 1, 12:00-12:10 owl 1, 12:05-12:15 cat 1, 12:05-12:15 dog 2, 12:05-12:15 owl 1, 12:10-12:20 dog 1",
			"batch 2: 12:00-12:10 cat 1, 12:00-12:10 dog 2, 12:00-12:10 owl 1, 12:05-12:15 cat 1, 12:05-12:15 dog 3, 12:05-12:15 owl 1, 12:10-12:20 dog 1, 12:20-12:30 cat 1, 12:25-12:35 cat 1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			got, q := runWindowedCounts(t, tt.mode, false)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var dropped int64
			for _, p := range q.RecentProgress() {
				for _, op := range p["stateOperators"].([]any) {
					dropped += op.(map[string]any)["numRowsDroppedByWatermark"].(int64)
				}
			}
			if tt.mode != "complete" && dropped != 2 {
				t.Errorf("numRowsDroppedByWatermark = %d, want 2 (the 11:50 row's two windows)", dropped)
			}
			first := q.RecentProgress()[0]
			if wm := first["eventTime"].(map[string]any)["watermark"]; wm != "1970-01-01T00:00:00.000Z" {
				t.Errorf("first batch watermark %v", wm)
			}
			if tt.mode == "append" {
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
		t.Errorf("dropped %d late rows, want 1 (dog 12:07 behind the 12:20 watermark)", dropped)
	}
}
