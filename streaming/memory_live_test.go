package streaming

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
)

// TestMemorySinkLiveTable checks the memory sink's live table in a
// notebook: the last numRows rows and the total in append mode, the whole
// table in complete mode, and the final line; a plain Go program prints
// nothing.
func TestMemorySinkLiveTable(t *testing.T) {
	tests := []struct {
		name      string
		build     func(df *dataframe.DataFrame) *dataframe.DataStreamWriter
		wantHead  string
		wantTable string
	}{
		{
			name: "append shows the last rows",
			build: func(df *dataframe.DataFrame) *dataframe.DataStreamWriter {
				return df.Select("id", "name").WriteStream().Format("memory").QueryName("live_append").Option("numRows", 2)
			},
			wantHead:  "memory table live_append after batch 1: 3 rows in total, showing the last 2 rows",
			wantTable: "+---+-----+\n| id| name|\n+---+-----+\n|  2|  bob|\n|  3|carol|\n+---+-----+\n",
		},
		{
			name: "complete shows the whole table",
			build: func(df *dataframe.DataFrame) *dataframe.DataStreamWriter {
				return df.GroupBy("name").Count().OrderBy("name").WriteStream().Format("memory").QueryName("live_complete").OutputMode("complete")
			},
			wantHead:  "memory table live_complete after batch 1: 3 rows in total, showing all rows",
			wantTable: "+-----+-----+\n| name|count|\n+-----+-----+\n|alice|    1|\n|  bob|    1|\n|carol|    1|\n+-----+-----+\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub := &livePublisher{}
			spark := newSession(t)
			dir := filepath.Join(t.TempDir(), "in")
			writeFile(t, dir, "a.csv", "1,alice,10.5\n2,bob,3.25\n")
			writeFile(t, dir, "b.csv", "3,carol,7.0\n")
			df := spark.ReadStream().Format("csv").Schema("id INT, name STRING, amount DOUBLE").Option("maxFilesPerTrigger", 1).Load(dir)
			q := startLive(pub, func() *dataframe.StreamingQuery { return tt.build(df).Trigger(AvailableNow()).Start() })
			if q.Err() != nil {
				t.Fatal(q.Err())
			}
			q.AwaitTermination()
			calls := pub.snapshot()
			if len(calls) < 2 || calls[0].kind != "display" || calls[0].id == "" {
				t.Fatalf("want a display with an ID, then updates; got %d calls", len(calls))
			}
			last := calls[len(calls)-1]
			if last.kind != "update" || last.id != calls[0].id {
				t.Fatalf("last call %s %q", last.kind, last.id)
			}
			if want := tt.wantHead + "\n" + tt.wantTable; last.data.Text() != want {
				t.Errorf("text/plain\n%s\nwant\n%s", last.data.Text(), want)
			}
			if htm := last.data["text/html"].(string); !strings.Contains(htm, "stopped after 2 batches") || !strings.Contains(htm, "<td>carol</td>") {
				t.Errorf("final HTML:\n%s", htm)
			}
		})
	}
	t.Run("plain Go program", func(t *testing.T) {
		out := captureStdout(t)
		spark := newSession(t)
		dir := filepath.Join(t.TempDir(), "in")
		writeFile(t, dir, "a.csv", "1,alice,10.5\n")
		q := spark.ReadStream().Format("csv").Schema("id INT, name STRING, amount DOUBLE").Load(dir).
			WriteStream().Format("memory").QueryName("live_plain").Trigger(AvailableNow()).Start()
		q.AwaitTermination()
		if out.String() != "" {
			t.Errorf("the memory sink printed %q", out.String())
		}
	})
}
