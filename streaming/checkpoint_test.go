package streaming

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
)

func runTextToParquet(t *testing.T, spark *dataframe.Session, in, out, ck string) *dataframe.StreamingQuery {
	t.Helper()
	q := spark.ReadStream().Format("text").Option("maxFilesPerTrigger", 1).Load(in).
		WriteStream().Format("parquet").Option("checkpointLocation", ck).Trigger(AvailableNow()).Start(out)
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	q.AwaitTermination()
	if err := q.Exception(); err != nil {
		t.Fatal(err)
	}
	return q
}

func sortedValues(t *testing.T, df *dataframe.DataFrame) string {
	t.Helper()
	var vals []string
	for _, r := range df.Collect() {
		vals = append(vals, r.GetString(0))
	}
	return fmt.Sprint(sortStrings(vals))
}

func sortStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestCheckpointResume restarts a file → parquet query from its checkpoint:
// only new files are read, batch ids continue, and the sink holds every
// row once.
func TestCheckpointResume(t *testing.T) {
	spark := newSession(t)
	root := t.TempDir()
	in, out, ck := filepath.Join(root, "in"), filepath.Join(root, "out"), filepath.Join(root, "ck")
	writeFile(t, in, "a.txt", "1\n2\n")
	writeFile(t, in, "bb.txt", "3\n")
	q1 := runTextToParquet(t, spark, in, out, ck)
	if n := len(q1.RecentProgress()); n != 2 {
		t.Fatalf("first run: %d batches, want 2", n)
	}
	for _, f := range []string{"metadata", "offsets/0", "offsets/1", "commits/0", "commits/1", "../out/_spark_metadata/0", "../out/_spark_metadata/1"} {
		if _, err := os.Stat(filepath.Join(ck, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	off, _ := os.ReadFile(filepath.Join(ck, "offsets", "1"))
	if lines := strings.Split(string(off), "\n"); len(lines) != 3 || lines[0] != "v1" || lines[2] != "2" || !strings.HasPrefix(lines[1], `{"batchWatermarkMs":0,"batchTimestampMs":`) {
		t.Errorf("offsets/1 = %q", off)
	}
	writeFile(t, in, "ccc.txt", "4\n")
	q2 := runTextToParquet(t, spark, in, out, ck)
	if q2.ID() != q1.ID() || q2.RunID() == q1.RunID() {
		t.Errorf("restart ids: %s/%s vs %s/%s", q2.ID(), q2.RunID(), q1.ID(), q1.RunID())
	}
	ps := q2.RecentProgress()
	if len(ps) != 1 || ps[0]["batchId"] != int64(2) || ps[0]["numInputRows"] != int64(1) {
		t.Fatalf("second run progress %v", ps)
	}
	if got := sortedValues(t, spark.Read().Parquet(out)); got != "[1 2 3 4]" {
		t.Fatalf("sink holds %s", got)
	}
}

// TestUncommittedBatchIsRerunExactly simulates a crash after the sink wrote
// a batch but before commits/N: the restarted query re-runs batch N with
// the logged offsets and the file sink does not duplicate it.
func TestUncommittedBatchIsRerunExactly(t *testing.T) {
	spark := newSession(t)
	root := t.TempDir()
	in, out, ck := filepath.Join(root, "in"), filepath.Join(root, "out"), filepath.Join(root, "ck")
	writeFile(t, in, "a.txt", "1\n2\n")
	writeFile(t, in, "bb.txt", "3\n")
	runTextToParquet(t, spark, in, out, ck)
	if err := os.Remove(filepath.Join(ck, "commits", "1")); err != nil {
		t.Fatal(err)
	}
	q := runTextToParquet(t, spark, in, out, ck)
	ps := q.RecentProgress()
	if len(ps) != 1 || ps[0]["batchId"] != int64(1) {
		t.Fatalf("re-run progress %v", ps)
	}
	if _, err := os.Stat(filepath.Join(ck, "commits", "1")); err != nil {
		t.Fatal("batch 1 was not committed by the re-run")
	}
	if got := sortedValues(t, spark.Read().Parquet(out)); got != "[1 2 3]" {
		t.Fatalf("sink holds %s", got)
	}
}

// TestAggregationStateRestored restarts a complete-mode aggregation from
// its checkpoint and compares it with the same aggregation in batch.
func TestAggregationStateRestored(t *testing.T) {
	spark := newSession(t)
	root := t.TempDir()
	in, ck := filepath.Join(root, "in"), filepath.Join(root, "ck")
	writeFile(t, in, "a.csv", "a,1\nb,2\na,3\n")
	writeFile(t, in, "bb.csv", "c,4\n")
	run := func() []string {
		var last []string
		q := spark.ReadStream().Format("csv").Schema("k STRING, v INT").Option("maxFilesPerTrigger", 1).Load(in).
			GroupBy("k").Sum("v").WriteStream().OutputMode("complete").Option("checkpointLocation", ck).Trigger(AvailableNow()).
			ForeachBatch(func(df *dataframe.DataFrame, id int64) { last = rowsText(df.Collect()) }).Start()
		q.AwaitTermination()
		if err := q.Exception(); err != nil {
			t.Fatal(err)
		}
		return last
	}
	run()
	if _, err := os.Stat(filepath.Join(ck, "state", "0", "1.snapshot")); err != nil {
		t.Fatalf("no state snapshot: %v", err)
	}
	writeFile(t, in, "ccc.csv", "a,10\nc,1\n")
	got := run()
	want := rowsText(spark.Read().Schema("k STRING, v INT").CSV(in).GroupBy("k").Sum("v").Collect())
	if fmt.Sprint(got) != fmt.Sprint(want) || len(want) != 3 {
		t.Fatalf("restarted aggregation %v, batch %v", got, want)
	}
}

func TestCheckpointRequiredForFileSink(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Load().WriteStream().Format("parquet").Start(t.TempDir())
	want := `checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).`
	if q.Err() == nil || q.Err().Error() != want {
		t.Fatalf("error %v", q.Err())
	}
	spark.Conf().Set("spark.sql.streaming.checkpointLocation", t.TempDir())
	q = spark.ReadStream().Format("rate").Load().WriteStream().Format("parquet").QueryName("conf_ck").Start(t.TempDir())
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	q.Stop()
	q = spark.ReadStream().Format("rate").Load().GroupBy("value").Count().WriteStream().Format("parquet").OutputMode("complete").Option("checkpointLocation", t.TempDir()).Start(t.TempDir())
	if q.Err() == nil || q.Err().Error() != "Data source parquet does not support Complete output mode." {
		t.Fatalf("error %v", q.Err())
	}
	_ = strconv.Itoa
}
