package streaming

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
)

// TestConsoleSinkGolden runs file-source queries to completion with
// AvailableNow and compares the console sink's text with Spark's: the
// goldens are PySpark 3.5's own console output (testdata/console_goldens.py).
func TestConsoleSinkGolden(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		build func(df *dataframe.DataFrame) *dataframe.DataStreamWriter
	}{
		{
			name:  "console_append_two_batches",
			files: map[string]string{"a.csv": "1,alice,10.5\n2,bob,3.25\n", "b.csv": "3,carol,7.0\n"},
			build: func(df *dataframe.DataFrame) *dataframe.DataStreamWriter {
				return df.WriteStream().Format("console").Option("maxFilesPerTrigger", 1)
			},
		},
		{
			name:  "console_complete_count",
			files: map[string]string{"a.csv": "1,alice,10.5\n2,bob,3.25\n1,alice,1.0\n"},
			build: func(df *dataframe.DataFrame) *dataframe.DataStreamWriter {
				return df.GroupBy("id").Count().OrderBy("id").WriteStream().Format("console").OutputMode("complete")
			},
		},
		{
			name:  "console_numrows_truncate",
			files: map[string]string{"a.csv": "1,a name longer than twenty characters,1.0\n2,b,2.0\n3,c,3.0\n"},
			build: func(df *dataframe.DataFrame) *dataframe.DataStreamWriter {
				return df.WriteStream().Format("console").Option("numRows", 2).Option("truncate", false)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := captureStdout(t)
			spark := newSession(t)
			dir := filepath.Join(t.TempDir(), "in")
			for _, name := range []string{"a.csv", "b.csv"} {
				if c, ok := tt.files[name]; ok {
					writeFile(t, dir, name, c)
				}
			}
			df := spark.ReadStream().Format("csv").Schema("id INT, name STRING, amount DOUBLE").Option("maxFilesPerTrigger", 1).Load(dir)
			q := tt.build(df).Trigger(AvailableNow()).Start()
			if err := q.Err(); err != nil {
				t.Fatal(err)
			}
			if !q.AwaitTermination() || q.Exception() != nil {
				t.Fatalf("query failed: %v", q.Exception())
			}
			golden(t, tt.name+".txt", out.String())
		})
	}
}

type recordingPublisher struct {
	mu    sync.Mutex
	calls []string
}

func (p *recordingPublisher) Display(d display.MIMEBundle, _ display.Metadata, id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, fmt.Sprintf("display %t %q", id != "", firstLine(d.Text())))
}
func (p *recordingPublisher) Update(d display.MIMEBundle, _ display.Metadata, id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, fmt.Sprintf("update %t %q", id != "", strings.Split(d.Text(), "\n")[1]))
}
func (p *recordingPublisher) Clear(bool) {}

func firstLine(s string) string { return strings.Split(s, "\n")[0] }

// TestConsoleSinkPublishesLiveArea checks the display protocol: Start
// opens the area with a display ID; the first batch updates it at once and
// the second (within the throttle interval) with the final line when the
// query ends — all through the publisher captured at Start.
func TestConsoleSinkPublishesLiveArea(t *testing.T) {
	pub := &recordingPublisher{}
	display.SetResolver(func() display.Publisher { return pub })
	spark := newSession(t)
	dir := filepath.Join(t.TempDir(), "in")
	writeFile(t, dir, "a.txt", "x\n")
	writeFile(t, dir, "bb.txt", "y\n")
	q := spark.ReadStream().Format("text").Option("maxFilesPerTrigger", 1).Load(dir).WriteStream().Format("console").Trigger(AvailableNow()).Start()
	display.SetResolver(nil) // later cells must not receive the query's output
	q.AwaitTermination()
	pub.mu.Lock()
	defer pub.mu.Unlock()
	want := `display true ""; update true "Batch: 0"; update true "Batch: 1"`
	if got := strings.Join(pub.calls, "; "); got != want {
		t.Fatalf("publisher calls\n%s\nwant\n%s", got, want)
	}
}
