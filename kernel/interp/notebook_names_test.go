package interp

import (
	"context"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
)

// The notebook names of API.md (spark, F, T, streaming) work in cells with
// the real dataframe and streaming packages.
func TestNotebookNames(t *testing.T) {
	it, r := newTestInterpreter(t)
	ctx := context.Background()
	setup := `df := spark.CreateDataFrame([][]any{{1, "a"}, {2, "b"}}, "id INT, name STRING")`
	if res := it.Execute(ctx, "setup", setup); res.Err != nil {
		t.Fatalf("%s: %v", setup, res.Err)
	}
	cases := []struct {
		name, code string
		value      string // display.Text of the value, when not ""
		output     string // an event that the cell must record, when not ""
		ename      string // the error name, when not ""
		evalue     string // a prefix of the error value
	}{
		{name: "show", code: "df.Show()",
			output: `[show] stdout "+---+----+\n| id|name|\n+---+----+\n|  1|   a|\n|  2|   b|\n+---+----+\n\n"`},
		{name: "unresolved column", code: "x := 1\ndf.Select(\"nope\")\nx = 2", ename: "AnalysisException",
			evalue: "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `nope` cannot be resolved."},
		{name: "struct type", code: `T.StructType(T.StructField("a", T.StringType)).SimpleString()`, value: "struct<a:string>"},
		{name: "column value receiver", code: `F.Col("id").Alias("b")`, value: "Column<"},
		{name: "sql show", code: `spark.SQL("SELECT 1 AS x").Show()`,
			output: `[sql show] stdout "+---+\n|  x|\n+---+\n|  1|\n+---+\n\n"`},
		{name: "mixed column args", code: `df.Select(F.Col("id"), "name").Filter(F.Col("id").Gt(1)).Count()`, value: "1"},
		{name: "row value receiver", code: `df.First().GetString(1)`, value: "a"},
		{name: "interface field", code: `df.Schema().Fields[0].DataType.SimpleString()`, value: "int"},
		{name: "grouped", code: `df.GroupBy("name").Agg(F.Count("id").Alias("n")).OrderBy(F.Col("name").Desc()).First()`,
			value: "Row(name='b', n=1)"},
		{name: "trigger", code: `streaming.ProcessingTime("5 seconds")`, value: "ProcessingTimeTrigger(5s)"},
		{name: "dataframe package without import", code: `var d *dataframe.DataFrame = df
d.Columns()`, value: "[id name]"},
		{name: "streaming memory sink", code: `q := spark.ReadStream().Format("rate").Option("rowsPerSecond", 10).Load().
	WriteStream().Format("memory").QueryName("rates").Trigger(streaming.AvailableNow()).Start()
q.ProcessAllAvailable()
q.AwaitTermination()
spark.SQL("SELECT count(*) >= 0 AS ok FROM rates").First().AsMap()["ok"]`, value: "true"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r.take()
			res := it.Execute(ctx, c.name, c.code)
			events := r.take()
			switch {
			case c.ename != "":
				if res.Err == nil || res.Err.Name != c.ename || !strings.HasPrefix(res.Err.Value, c.evalue) {
					t.Fatalf("got %+v, want %s: %s...", res.Err, c.ename, c.evalue)
				}
				return
			case res.Err != nil:
				t.Fatalf("error %s: %s\n%s", res.Err.Name, res.Err.Value, strings.Join(res.Err.Traceback, "\n"))
			}
			if c.value != "" && (!res.HasValue || !strings.HasPrefix(display.Text(res.Value), c.value)) {
				t.Errorf("value %v (%v), want %q", display.Text(res.Value), res.HasValue, c.value)
			}
			if c.output != "" && !hasEvent(events, c.output) {
				t.Errorf("events %q lack %q", events, c.output)
			}
		})
	}
	// The cell that built an invalid plan stopped at that call.
	if res := it.Execute(ctx, "x", "x"); res.Value != 1 {
		t.Errorf("x = %v, %v; the statement after the failing call ran", res.Value, res.Err)
	}
}

// A DataFrame as a cell's last value is returned as is; display.Bundle
// renders it as HTML and Show's text.
func TestDataFrameValue(t *testing.T) {
	it, _ := newTestInterpreter(t)
	res := it.Execute(context.Background(), "c", `spark.CreateDataFrame([][]any{{1, "a"}}, "id INT, name STRING")`)
	df, ok := res.Value.(*dataframe.DataFrame)
	if !ok {
		t.Fatalf("value %T %v, %v; want *dataframe.DataFrame", res.Value, res.Value, res.Err)
	}
	b := display.Bundle(df)
	if !strings.Contains(b["text/plain"].(string), "|  1|   a|") || !strings.Contains(b["text/html"].(string), "<td>a</td>") {
		t.Errorf("bundle %q", b)
	}
}

// Shift-Tab on F.Col, spark.Read and df.Show shows their godoc.
func TestInspectNotebookNames(t *testing.T) {
	it, _ := newTestInterpreter(t)
	it.Execute(context.Background(), "c", `df := spark.Range(1)`)
	for code, want := range map[string]string{
		"F.Col":                  "Col returns",
		"spark.Read":             "Read starts a batch read",
		"df.Show":                "Show ",
		"T.StructType":           "StructType returns",
		"streaming.AvailableNow": "AvailableNow",
		"spark":                  "Session is the entry point",
	} {
		text, found := it.Inspect(code, len(code), 0)
		if !found || !strings.Contains(text, want) {
			t.Errorf("Inspect(%q) = %q, %v; want godoc with %q", code, text, found, want)
		}
	}
}

func hasEvent(events []string, s string) bool {
	for _, e := range events {
		if e == s {
			return true
		}
	}
	return false
}

// A cell may declare a type or function named like a bound package (T, F):
// the declaration replaces the package, as re-declarations do.
func TestDeclarationShadowsBoundPackage(t *testing.T) {
	it, _ := newTestInterpreter(t)
	ctx := context.Background()
	for code, want := range map[string]string{
		"type T struct{ X int }\nT{1}.X":        "1",
		"func F() string { return \"f\" }\nF()": "f",
		`streaming := "s"` + "\nstreaming":      "s",
	} {
		res := it.Execute(ctx, "c", code)
		if res.Err != nil || display.Text(res.Value) != want {
			t.Errorf("%q = %v, %v; want %s", code, res.Value, res.Err, want)
		}
	}
}

// A foreachBatch function that panics (here: an invalid plan) fails its
// query with the error, as in Spark: the cell that waits for the query
// fails with StreamingQueryException, and the kernel goes on.
func TestForeachBatchPanicFailsTheQuery(t *testing.T) {
	it, _ := newTestInterpreter(t)
	ctx := context.Background()
	res := it.Execute(ctx, "c", `q := spark.ReadStream().Format("rate").Option("rowsPerSecond", 100).Load().
	WriteStream().Trigger(streaming.ProcessingTime("50 milliseconds")).
	ForeachBatch(func(b *dataframe.DataFrame, id int64) { b.Select("nope") }).Start()
q.AwaitTermination(10 * time.Second)`)
	if res.Err == nil || res.Err.Name != "StreamingQueryException" || !strings.Contains(res.Err.Error(), "UNRESOLVED_COLUMN") {
		t.Fatalf("q.AwaitTermination() = %v, %v; want a StreamingQueryException with the foreachBatch function's AnalysisException", res.Value, res.Err)
	}
	if res := it.Execute(ctx, "c", "q.Exception().Error()"); !strings.Contains(display.Text(res.Value), "UNRESOLVED_COLUMN") {
		t.Errorf("q.Exception() = %v, %v", res.Value, res.Err)
	}
	if res := it.Execute(ctx, "c", "q.IsActive()"); res.Value != false {
		t.Errorf("q.IsActive() = %v, %v", res.Value, res.Err)
	}
}

// The types of API.md can be named without a package, as API.md writes
// them, and a cell's own type of the same name replaces the bound one.
func TestPreludeTypes(t *testing.T) {
	it, _ := newTestInterpreter(t)
	ctx := context.Background()
	for _, c := range []struct{ code, want string }{
		{"func total(df *DataFrame, id int64) int64 { return df.Count() + id }\ntotal(spark.Range(3), 1)", "4"},
		{"var r Row = spark.Range(1).First()\nr", "Row(id=0)"},
		{"var s StructType = T.StructType(T.StructField(\"a\", T.LongType))\ns.SimpleString()", "struct<a:bigint>"},
		{"type Row struct{ A int }\nRow{3}", "{A:3}"},
		{"var again Row\nagain", "{A:0}"},
	} {
		res := it.Execute(ctx, "c", c.code)
		if res.Err != nil || display.Text(res.Value) != c.want {
			t.Errorf("%q = %v, %v; want %s", c.code, display.Text(res.Value), res.Err, c.want)
		}
	}
	if m, _, _ := it.Complete("DataF", 5); len(m) != 1 || m[0] != "DataFrame" {
		t.Errorf("completion of DataF: %q", m)
	}
}
