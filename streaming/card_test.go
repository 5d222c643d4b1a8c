package streaming

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/display"
)

// TestQueryCard runs an aggregation over two files to its end and renders
// its status card: the fields come from the last progress report, and the
// Vega-Lite chart plots both rates for every batch.
func TestQueryCard(t *testing.T) {
	spark := newSession(t)
	dir := filepath.Join(t.TempDir(), "in")
	writeFile(t, dir, "a.csv", "1,alice,10.5\n2,bob,3.25\n")
	writeFile(t, dir, "b.csv", "3,carol,7.0\n1,alice,1.0\n")
	q := spark.ReadStream().Format("csv").Schema("id INT, name STRING, amount DOUBLE").Option("maxFilesPerTrigger", 1).Load(dir).
		GroupBy("name").Count().WriteStream().Format("memory").QueryName("card_counts").OutputMode("complete").Trigger(AvailableNow()).Start()
	if q.Err() != nil {
		t.Fatal(q.Err())
	}
	q.AwaitTermination()

	b := QueryCard(q)
	text := b.Text()
	for _, want := range []string{"name:             card_counts", "id:               " + q.ID(), "status:           Stopped",
		"batchId:          1", "state rows:       3", "watermark:        -", "batch duration:   "} {
		if !strings.Contains(text, want) {
			t.Errorf("card text lacks %q:\n%s", want, text)
		}
	}
	if htm := b["text/html"].(string); !strings.Contains(htm, "<th style=\"text-align:left\">state rows</th><td style=\"text-align:left\">3</td>") {
		t.Errorf("card HTML:\n%s", htm)
	}
	raw, err := json.Marshal(b["application/vnd.vegalite.v5+json"])
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Schema string `json:"$schema"`
		Data   struct {
			Values []struct {
				BatchID int64   `json:"batchId"`
				Rate    string  `json:"rate"`
				Rows    float64 `json:"rowsPerSecond"`
			} `json:"values"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Schema != "https://vega.github.io/schema/vega-lite/v5.json" || len(spec.Data.Values) != 4 ||
		spec.Data.Values[2].BatchID != 1 || spec.Data.Values[3].Rate != "processed rows/s" {
		t.Errorf("chart spec %s", raw)
	}
	// The engine's handle renders the same card, so that the notebook
	// display of *dataframe.StreamingQuery can delegate to it.
	if h, ok := q.Handle.(display.MIMEBundler); !ok || h.MIMEBundle()["text/plain"] != text {
		t.Errorf("the query handle %T does not render the card", q.Handle)
	}
}

// TestQueryCardChartKeepsLast100Batches bounds the chart's history.
func TestQueryCardChartKeepsLast100Batches(t *testing.T) {
	recent := make([]map[string]any, 150)
	for i := range recent {
		recent[i] = map[string]any{"batchId": int64(i), "inputRowsPerSecond": 1.0, "processedRowsPerSecond": 2.0}
	}
	values := rateChart(recent)["data"].(map[string]any)["values"].([]any)
	if len(values) != 200 || values[0].(map[string]any)["batchId"] != int64(50) {
		t.Errorf("chart has %d values starting at %v", len(values), values[0])
	}
}

// TestActiveQueriesCard lists the running queries of spark.Streams().
func TestActiveQueriesCard(t *testing.T) {
	spark := newSession(t)
	if got := ActiveQueriesCard(spark.Streams()).Text(); got != "0 active streaming queries" {
		t.Errorf("no queries: %q", got)
	}
	q := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").QueryName("card_rate").Start()
	defer q.Stop()
	b := ActiveQueriesCard(spark.Streams())
	lines := strings.Split(b.Text(), "\n")
	if len(lines) != 2 || lines[0] != "1 active streaming queries" || !strings.HasPrefix(lines[1], "  card_rate  "+q.ID()+"  ") {
		t.Errorf("card text %q", b.Text())
	}
	if !strings.Contains(b["text/html"].(string), "<td>card_rate</td><td>"+q.ID()+"</td>") {
		t.Errorf("card HTML %s", b["text/html"])
	}
	if h, ok := spark.Streams().Impl.(display.MIMEBundler); !ok || h.MIMEBundle()["text/plain"] == "" {
		t.Errorf("the manager %T does not render the card", spark.Streams().Impl)
	}
}
