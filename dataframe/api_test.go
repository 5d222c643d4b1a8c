package dataframe_test

import (
	"os"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/eddykernel/eddy/dataframe/plan"
	T "github.com/eddykernel/eddy/dataframe/types"
)

type ride struct {
	VendorID int32   `spark:"vendor_id"`
	Amount   float64 `json:"amount"`
	Zone     string
}

func TestCreateDataFrameAndRows(t *testing.T) {
	s := dataframe.NewSession()
	cases := []struct {
		name   string
		df     *dataframe.DataFrame
		schema string
		rows   string
	}{
		{"structs", s.CreateDataFrame([]ride{{1, 9.5, "JFK"}, {2, 1e10, "<b>"}}),
			"struct<vendor_id:int,amount:double,Zone:string>",
			"Row(vendor_id=1, amount=9.5, Zone='JFK')|Row(vendor_id=2, amount=10000000000.0, Zone='<b>')"},
		{"strings", s.CreateDataFrame([]string{"a", "b"}), "struct<value:string>", "Row(value='a')|Row(value='b')"},
		{"rows with names", s.CreateDataFrame([][]any{{1, nil}, {2, "x"}}, []string{"n", "s"}),
			"struct<n:bigint,s:string>", "Row(n=1, s=None)|Row(n=2, s='x')"},
		{"ddl", s.CreateDataFrame([][]any{{1, []any{"p", 2}}}, "a INT, st STRUCT<p: STRING, q: INT>"),
			"struct<a:int,st:struct<p:string,q:int>>", "Row(a=1, st=Row(p='p', q=2))"},
		{"range", s.Range(0, 3), "struct<id:bigint>", "Row(id=0)|Row(id=1)|Row(id=2)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.df.Err() != nil {
				t.Fatal(c.df.Err())
			}
			if got := c.df.Schema().SimpleString(); got != c.schema {
				t.Errorf("schema %s, want %s", got, c.schema)
			}
			var rows []string
			for _, r := range c.df.Collect() {
				rows = append(rows, r.String())
			}
			if got := strings.Join(rows, "|"); got != c.rows {
				t.Errorf("rows %s, want %s", got, c.rows)
			}
		})
	}
}

func TestHTMLAndMIMEBundle(t *testing.T) {
	s := dataframe.NewSession()
	df := s.CreateDataFrame([]ride{{1, 9.5, "<b>&"}})
	html := df.HTML()
	if !strings.Contains(html, "&lt;b&gt;&amp;") || strings.Contains(html, "<b>&") {
		t.Fatalf("HTML not escaped: %s", html)
	}
	if !strings.Contains(html, "vendor_id<br><small>int</small>") {
		t.Fatalf("no column types in header: %s", html)
	}
	bundle := df.MIMEBundle()
	text, _ := df.ShowString()
	if bundle["text/plain"] != text {
		t.Fatalf("text/plain %q differs from Show %q", bundle["text/plain"], text)
	}
	many := s.Range(0, 25)
	if !strings.Contains(many.HTML(), "only showing top 20 rows") || strings.Count(many.HTML(), "<tr>") != 21 {
		t.Fatalf("20-row default or footer missing: %s", many.HTML())
	}
}

func TestBatchActionOnStreamingPlanFails(t *testing.T) {
	s := dataframe.NewSession()
	src := plan.NewStreamSource(T.StructType(T.StructField("value", T.StringType)), "socket", nil)
	df := s.NewDataFrame(src).Select(F.Upper("value"))
	if !df.IsStreaming() {
		t.Fatal("not streaming")
	}
	err := df.Show()
	if err == nil || !strings.Contains(err.Error(), "Queries with streaming sources must be executed with writeStream.start()") {
		t.Fatalf("Show on a streaming plan: %v", err)
	}
}

func TestJoinsUnionsAndOrdering(t *testing.T) {
	s := dataframe.NewSession()
	l := s.CreateDataFrame([][]any{{1, "a"}, {2, "b"}, {nil, "n"}}, "id INT, l STRING")
	r := s.CreateDataFrame([][]any{{2, "x"}, {3, "y"}}, "id INT, r STRING")
	count := func(df *dataframe.DataFrame) int64 {
		if df.Err() != nil {
			t.Fatal(df.Err())
		}
		return df.Count()
	}
	for how, want := range map[string]int64{"inner": 1, "left": 3, "right": 2, "full": 4, "left_semi": 1, "left_anti": 2, "leftouter": 3, "outer": 4} {
		if got := count(l.Join(r, "id", how)); got != want {
			t.Errorf("%s join: %d rows, want %d", how, got, want)
		}
	}
	if got := count(l.Join(r, l.Col("id").Eq(r.Col("id")), "left")); got != 3 {
		t.Errorf("expression join: %d", got)
	}
	if got := count(l.Union(l).Distinct()); got != 3 {
		t.Errorf("union+distinct: %d", got)
	}
	if got := count(l.UnionByName(s.CreateDataFrame([][]any{{"z", 9}}, "l STRING, id INT"))); got != 4 {
		t.Errorf("unionByName: %d", got)
	}
	first := l.OrderBy(F.Col("id").Desc()).First()
	if first.GetInt64(0) != 2 {
		t.Errorf("desc order first row %v", first)
	}
	if err := l.Join(r, "id", "sideways").Err(); err == nil || !strings.Contains(err.Error(), "Unsupported join type 'sideways'") {
		t.Errorf("bad join type: %v", err)
	}
}

func TestFailFastNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	csvPath, jsonPath := dir+"/bad.csv", dir+"/bad.json"
	if err := os.WriteFile(csvPath, []byte("a,b\n1,x\nzz,y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(jsonPath, []byte("{\"a\": 1}\n\n{\"a\": \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := dataframe.NewSession()
	for _, c := range []struct {
		df   *dataframe.DataFrame
		want string
	}{
		{s.Read().Option("header", true).Option("mode", "FAILFAST").Schema("a INT, b STRING").CSV(csvPath), "line 3 of file " + csvPath},
		{s.Read().Option("mode", "FAILFAST").Schema("a INT").JSON(jsonPath), "line 3 of file " + jsonPath},
	} {
		err := c.df.Err()
		if err == nil || !strings.HasPrefix(err.Error(), "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION]") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("FAILFAST error %v, want one naming %q", err, c.want)
		}
	}
	// PERMISSIVE keeps every row, with nulls for what does not parse.
	rows := s.Read().Option("header", true).Schema("a INT, b STRING").CSV(csvPath).Collect()
	if len(rows) != 2 || rows[1].Get(0) != nil || rows[1].GetString(1) != "y" {
		t.Errorf("PERMISSIVE rows %v", rows)
	}
}

func TestShowEscapesControlCharacters(t *testing.T) {
	s := dataframe.NewSession()
	got, err := s.CreateDataFrame([]string{"a\nb\tc"}).ToDF("s").ShowString()
	if err != nil {
		t.Fatal(err)
	}
	// PySpark 3.5: spark.createDataFrame([("a\nb\tc",)], "s string").show()
	want := "+-------+\n|      s|\n+-------+\n|a\\nb\\tc|\n+-------+\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFromJSONArrayAndMapSchemas(t *testing.T) {
	s := dataframe.NewSession()
	df := s.CreateDataFrame([]string{`[{"a": 1}, {"a": 2}]`, `{"k": 3}`, `oops`})
	rows := df.Select(
		F.FromJSON(F.Col("value"), "array<struct<a:int>>").Alias("arr"),
		F.FromJSON(F.Col("value"), "map<string,int>").Alias("m")).Collect()
	got := []string{rows[0].String(), rows[1].String(), rows[2].String()}
	want := []string{"Row(arr=[Row(a=1), Row(a=2)], m=None)", "Row(arr=None, m={'k': 3})", "Row(arr=None, m=None)"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %s, want %s", i, got[i], want[i])
		}
	}
}
