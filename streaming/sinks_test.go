package streaming

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
)

// TestMemorySinkRetentionWarns caps a memory table and checks that the
// oldest rows are dropped with a visible warning.
func TestMemorySinkRetentionWarns(t *testing.T) {
	out := captureStdout(t)
	spark := newSession(t)
	dir := filepath.Join(t.TempDir(), "in")
	writeFile(t, dir, "a.txt", "1\n2\n3\n")
	writeFile(t, dir, "bb.txt", "4\n5\n")
	q := spark.ReadStream().Format("text").Option("maxFilesPerTrigger", 1).Load(dir).
		WriteStream().Format("memory").QueryName("capped").Option("maxRows", 3).Trigger(AvailableNow()).Start()
	q.AwaitTermination()
	if got := sortedValues(t, spark.Table("capped")); got != "[3 4 5]" {
		t.Fatalf("capped table holds %s", got)
	}
	if !strings.Contains(out.String(), `WARN memory sink "capped": dropped 2 oldest rows so far to keep maxRows=3`) {
		t.Fatalf("no warning in output %q", out.String())
	}
}

func TestMemorySinkNeedsQueryName(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Load().WriteStream().Format("memory").Start()
	if q.Err() == nil || q.Err().Error() != "queryName must be specified for memory sink." {
		t.Fatalf("error %v", q.Err())
	}
}

// TestStreamStaticJoin joins a stream with a static DataFrame, inner and
// left outer.
func TestStreamStaticJoin(t *testing.T) {
	for _, how := range []string{"inner", "left_outer"} {
		t.Run(how, func(t *testing.T) {
			spark := newSession(t)
			zones := spark.CreateDataFrame([][]any{{int32(1), "Bronx"}, {int32(2), "Queens"}}, "id INT, zone STRING")
			dir := filepath.Join(t.TempDir(), "rides")
			writeFile(t, dir, "a.csv", "1,10.0\n2,5.5\n3,1.0\n")
			rides := spark.ReadStream().Format("csv").Schema("id INT, amount DOUBLE").Load(dir)
			var got []string
			q := rides.Join(zones, "id", how).WriteStream().Trigger(AvailableNow()).
				ForeachBatch(func(df *dataframe.DataFrame, id int64) { got = rowsText(df.Collect()) }).Start()
			if q.Err() != nil {
				t.Fatal(q.Err())
			}
			q.AwaitTermination()
			if err := q.Exception(); err != nil {
				t.Fatal(err)
			}
			want := "[Row(id=1, amount=10.0, zone='Bronx') Row(id=2, amount=5.5, zone='Queens')]"
			if how == "left_outer" {
				want = "[Row(id=1, amount=10.0, zone='Bronx') Row(id=2, amount=5.5, zone='Queens') Row(id=3, amount=1.0, zone=None)]"
			}
			if fmt.Sprint(got) != want {
				t.Fatalf("got %v, want %s", got, want)
			}
		})
	}
	spark := newSession(t)
	zones := spark.CreateDataFrame([][]any{{int32(1), "Bronx"}}, "id INT, zone STRING")
	rides := spark.ReadStream().Format("rate").Load().SelectExpr("CAST(value AS INT) AS id")
	q := zones.Join(rides, "id", "left_outer").WriteStream().Format("noop").Start()
	if q.Err() == nil || !strings.HasPrefix(q.Err().Error(), "LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported") {
		t.Fatalf("error %v", q.Err())
	}
}

func TestBatchActionOnStreamFails(t *testing.T) {
	spark := newSession(t)
	df := spark.ReadStream().Format("rate").Load()
	if !df.IsStreaming() {
		t.Fatal("rate source is not streaming")
	}
	if _, err := df.CountE(); err == nil || !strings.Contains(err.Error(), "Queries with streaming sources must be executed with writeStream.start()") {
		t.Fatalf("error %v", err)
	}
	if got := df.Schema().TreeString(); got != "root\n |-- timestamp: timestamp (nullable = true)\n |-- value: long (nullable = true)\n" {
		t.Errorf("schema %q", got)
	}
}
