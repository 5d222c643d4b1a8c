package streaming

import (
	"path/filepath"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
)

// TestConsoleSinkGolden runs file-source queries to completion with
// AvailableNow and compares the console sink's text with Spark's.
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
