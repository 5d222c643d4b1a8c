package streaming

import (
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
)

// TestOutputModeRules starts each query shape in each output mode and
// checks that Start accepts it or fails with Spark's message (checked
// against PySpark 3.5; Spark appends ";" and the plan).
func TestOutputModeRules(t *testing.T) {
	const (
		appendNoWM   = "Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark"
		completeNoAg = "Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets"
		sorting      = "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode"
		unknownMode  = "Unknown output mode bogus. Accepted output modes are 'append', 'complete', 'update'"
	)
	shapes := map[string]func(df *dataframe.DataFrame) *dataframe.DataFrame{
		"stateless":   func(df *dataframe.DataFrame) *dataframe.DataFrame { return df.Filter("value > 1") },
		"aggregation": func(df *dataframe.DataFrame) *dataframe.DataFrame { return df.GroupBy("value").Count() },
		"aggregation_wm": func(df *dataframe.DataFrame) *dataframe.DataFrame {
			return df.WithWatermark("timestamp", "10 minutes").GroupBy(F.Window(F.Col("timestamp"), "10 minutes")).Count()
		},
		"aggregation_wm_nokey": func(df *dataframe.DataFrame) *dataframe.DataFrame {
			return df.WithWatermark("timestamp", "10 minutes").GroupBy("value").Count()
		},
		"dropDuplicates": func(df *dataframe.DataFrame) *dataframe.DataFrame { return df.DropDuplicates("value") },
		"sort":           func(df *dataframe.DataFrame) *dataframe.DataFrame { return df.OrderBy("value") },
		"streamJoin": func(df *dataframe.DataFrame) *dataframe.DataFrame {
			other := df.Session().ReadStream().Format("rate").Load().WithColumnRenamed("timestamp", "ts2")
			return df.Join(other, "value")
		},
		"limit": func(df *dataframe.DataFrame) *dataframe.DataFrame { return df.Limit(3) },
		"distinctAgg": func(df *dataframe.DataFrame) *dataframe.DataFrame {
			return df.GroupBy("value").Agg(F.CountDistinct("timestamp"))
		},
		"aggregation_sorted": func(df *dataframe.DataFrame) *dataframe.DataFrame {
			return df.GroupBy("value").Count().OrderBy("value")
		},
	}
	tests := []struct {
		shape, mode, err string
	}{
		{"stateless", "append", ""},
		{"stateless", "update", ""},
		{"stateless", "complete", completeNoAg},
		{"aggregation", "append", appendNoWM},
		{"aggregation", "update", ""},
		{"aggregation", "complete", ""},
		{"aggregation_wm", "append", ""},
		{"aggregation_wm", "update", ""},
		{"aggregation_wm", "complete", ""},
		{"aggregation_wm_nokey", "append", appendNoWM},
		{"dropDuplicates", "append", ""},
		{"dropDuplicates", "update", ""},
		{"dropDuplicates", "complete", completeNoAg},
		{"sort", "append", sorting},
		{"sort", "complete", completeNoAg},
		{"aggregation_sorted", "complete", ""},
		{"aggregation_sorted", "update", sorting},
		{"stateless", "bogus", unknownMode},
		{"limit", "update", "Limits are not supported on streaming DataFrames/Datasets in Update output mode;"},
		{"distinctAgg", "complete", "Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.;"},
		{"streamJoin", "append", ""},
		{"streamJoin", "update", "Join between two streaming DataFrames/Datasets is not supported in Update output mode, only in Append output mode"},
		{"streamJoin", "complete", completeNoAg},
	}
	spark := newSession(t)
	for _, tt := range tests {
		t.Run(tt.shape+"_"+tt.mode, func(t *testing.T) {
			src := spark.ReadStream().Format("rate").Option("rowsPerSecond", 1).Load()
			q := shapes[tt.shape](src).WriteStream().Format("noop").OutputMode(tt.mode).Start()
			err := q.Err()
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Start: %v", err)
				}
				q.Stop()
				if e := q.Exception(); e != nil {
					t.Fatalf("query failed: %v", e)
				}
				return
			}
			if err == nil {
				q.Stop()
				t.Fatalf("Start accepted the query, want %q", tt.err)
			}
			if !strings.HasPrefix(err.Error(), tt.err) {
				t.Fatalf("error %q, want prefix %q", err, tt.err)
			}
			if name := err.(interface{ ExceptionName() string }).ExceptionName(); name != "AnalysisException" && name != "IllegalArgumentException" {
				t.Errorf("exception %s", name)
			}
		})
	}
}
