package streaming

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
)

// TestStreamStreamInnerJoin joins two file streams whose matching rows
// arrive in different micro-batches, and restarts from the checkpoint.
func TestStreamStreamInnerJoin(t *testing.T) {
	spark := newSession(t)
	root := t.TempDir()
	imp, clk, ck := filepath.Join(root, "imp"), filepath.Join(root, "clk"), filepath.Join(root, "ck")
	writeFile(t, imp, "a.csv", "ad1,2024-01-01 12:00:00\nad2,2024-01-01 12:01:00\n")
	writeFile(t, clk, "a.csv", "ad1,2024-01-01 12:02:00\n")
	writeFile(t, imp, "bb.csv", "ad3,2024-01-01 12:03:00\n")
	writeFile(t, clk, "bb.csv", "ad2,2024-01-01 12:04:00\nad3,2024-01-01 12:05:00\n")
	var got []string
	run := func() *dataframe.StreamingQuery {
		impressions := spark.ReadStream().Format("csv").Schema("adId STRING, impTime TIMESTAMP").Option("maxFilesPerTrigger", 1).Load(imp).
			WithWatermark("impTime", "1 hour")
		clicks := spark.ReadStream().Format("csv").Schema("clickAdId STRING, clickTime TIMESTAMP").Option("maxFilesPerTrigger", 1).Load(clk).
			WithWatermark("clickTime", "1 hour")
		joined := impressions.Join(clicks, impressions.Col("adId").Eq(clicks.Col("clickAdId")))
		q := joined.WriteStream().Option("checkpointLocation", ck).Trigger(AvailableNow()).ForeachBatch(func(df *dataframe.DataFrame, id int64) {
			for _, r := range df.Collect() {
				got = append(got, fmt.Sprintf("%d:%s", id, r.GetString(0)))
			}
		}).Start()
		if q.Err() != nil {
			t.Fatal(q.Err())
		}
		q.AwaitTermination()
		if err := q.Exception(); err != nil {
			t.Fatal(err)
		}
		return q
	}
	q := run()
	sort.Strings(got)
	if fmt.Sprint(got) != "[0:ad1 1:ad2 1:ad3]" {
		t.Fatalf("joined %v", got)
	}
	if st := q.LastProgress()["stateOperators"].([]any)[0].(map[string]any); st["numRowsTotal"] != int64(6) {
		t.Errorf("state rows %v", st["numRowsTotal"])
	}
	got = nil
	writeFile(t, clk, "ccc.csv", "ad1,2024-01-01 12:06:00\n")
	run()
	if fmt.Sprint(got) != "[2:ad1]" {
		t.Fatalf("after restart, joined %v (the restored state must hold ad1's impression)", got)
	}
	update := spark.ReadStream().Format("rate").Load().Join(spark.ReadStream().Format("rate").Load(), "value").
		WriteStream().Format("noop").OutputMode("update").Start()
	if update.Err() == nil {
		update.Stop()
		t.Fatal("update mode accepted for a stream-stream join")
	}
}
