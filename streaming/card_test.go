package streaming

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
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
	points := make([]ratePoint, 150)
	for i := range points {
		points[i] = ratePoint{int64(i), 1, 2}
	}
	values := rateChart(points)["data"].(map[string]any)["values"].([]chartValue)
	if len(values) != 200 || values[0] != (chartValue{50, "input rows/s", 1}) || values[199] != (chartValue{149, "processed rows/s", 2}) {
		t.Errorf("chart has %d values from %v to %v", len(values), values[0], values[len(values)-1])
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

// TestQueryAndManagerDisplayAsCards checks what a notebook shows for a
// *dataframe.StreamingQuery or spark.Streams() as a cell's last value.
func TestQueryAndManagerDisplayAsCards(t *testing.T) {
	spark := newSession(t)
	q := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").QueryName("shown_rate").Start()
	defer q.Stop()
	b := display.Bundle(q)
	if _, ok := b["application/vnd.vegalite.v5+json"]; !ok || !strings.Contains(b.Text(), q.ID()) {
		t.Errorf("query bundle has %d entries, text %q", len(b), b.Text())
	}
	if got := display.Bundle(spark.Streams()).Text(); !strings.Contains(got, "shown_rate") {
		t.Errorf("manager text %q", got)
	}
	if got := q.String(); got != "<StreamingQuery id="+q.ID()+" runId="+q.RunID()+" name=shown_rate>" {
		t.Errorf("String() = %q", got)
	}
	failed := spark.ReadStream().Format("rate").Load().WriteStream().Format("memory").Start() // no queryName
	if failed.Err() == nil || !strings.HasPrefix(display.Bundle(failed).Text(), "<StreamingQuery not started: ") {
		t.Errorf("failed query shows %q (err %v)", display.Bundle(failed).Text(), failed.Err())
	}
}

// TestNilQueryAndManagerDisplay shows nil handles as <nil>, live or not,
// instead of panicking.
func TestNilQueryAndManagerDisplay(t *testing.T) {
	var q *dataframe.StreamingQuery
	var m *dataframe.StreamingQueryManager
	for _, v := range []any{q, m} {
		pub := &livePublisher{}
		if b := display.Show(pub, v); b.Text() != "<nil>" {
			t.Errorf("%T shows %q", v, b.Text())
		}
		if b := display.Bundle(v); b.Text() != "<nil>" {
			t.Errorf("%T bundle %q", v, b.Text())
		}
		if calls := pub.snapshot(); len(calls) != 1 || calls[0].id != "" {
			t.Errorf("%T calls %+v", v, calls)
		}
	}
}
