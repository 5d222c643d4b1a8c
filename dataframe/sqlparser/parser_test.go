package sqlparser

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/ast.golden from the parser's output")

// testCase is one input of testdata/cases.txt.
type testCase struct {
	Kind, Input string
}

// sparkResult is PySpark's verdict on a case (testdata/spark.json, written
// by testdata/gen_spark.py).
type sparkResult struct {
	Kind      string `json:"kind"`
	Input     string `json:"input"`
	OK        bool   `json:"ok"`
	Spark     string `json:"spark"`
	Exception string `json:"exception"`
	Error     string `json:"error"`
}

// readCases parses the "=== kind" sections of a cases file.
func readCases(t *testing.T, path string) []testCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	var cur *testCase
	var lines []string
	flush := func() {
		if cur != nil {
			cur.Input = strings.TrimRight(strings.Join(lines, "\n"), "\n")
			cases = append(cases, *cur)
		}
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "=== ") {
			flush()
			cur = &testCase{Kind: strings.TrimSpace(line[4:])}
			lines = nil
			continue
		}
		lines = append(lines, line)
	}
	flush()
	return cases
}

// parseCase runs the entry point for the case kind and returns the AST dump
// or the error.
func parseCase(c testCase) (string, error) {
	switch c.Kind {
	case "query":
		q, err := ParseQuery(c.Input)
		if err != nil {
			return "", err
		}
		return DumpQuery(q), nil
	case "statement":
		st, err := ParseStatement(c.Input)
		if err != nil {
			return "", err
		}
		return DumpStatement(st), nil
	case "expr":
		e, err := ParseExpression(c.Input)
		if err != nil {
			return "", err
		}
		return DumpExpr(e) + "\n", nil
	case "type":
		dt, err := ParseDataType(c.Input)
		if err != nil {
			return "", err
		}
		return dt.String() + "\n", nil
	case "schema":
		fields, err := ParseTableSchema(c.Input)
		if err != nil {
			return "", err
		}
		return (&DataType{Name: "struct", Fields: fields}).String() + "\n", nil
	}
	return "", nil
}

func readGolden(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if *update {
			return nil
		}
		t.Fatal(err)
	}
	golden := map[string]string{}
	for _, entry := range strings.Split(string(data), "\n=== ")[1:] {
		head, body, ok := strings.Cut(entry, "\n---\n")
		if !ok {
			t.Fatalf("malformed golden entry %q", entry)
		}
		golden[head] = body
	}
	return golden
}

// TestGolden checks every case against PySpark's verdict: inputs Spark
// rejects must give Spark's exact error text, inputs Spark accepts must parse
// to the AST recorded in testdata/ast.golden.
func TestGolden(t *testing.T) {
	cases := readCases(t, filepath.Join("testdata", "cases.txt"))
	data, err := os.ReadFile(filepath.Join("testdata", "spark.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spark []sparkResult
	if err := json.Unmarshal(data, &spark); err != nil {
		t.Fatal(err)
	}
	if len(spark) != len(cases) {
		t.Fatalf("spark.json has %d results for %d cases: run testdata/gen_spark.py", len(spark), len(cases))
	}
	goldenPath := filepath.Join("testdata", "ast.golden")
	golden := readGolden(t, goldenPath)
	var out strings.Builder
	out.WriteString("AST dumps of the inputs of cases.txt that Spark accepts (go test -update rewrites this file).\n")
	for i, c := range cases {
		s := spark[i]
		if s.Kind != c.Kind || s.Input != c.Input {
			t.Fatalf("spark.json is stale at case %d (%q): run testdata/gen_spark.py", i, c.Input)
		}
		got, err := parseCase(c)
		if !s.OK {
			if err == nil {
				t.Errorf("%s %q: Spark rejects it with %q, we parsed:\n%s", c.Kind, c.Input, s.Error, got)
			} else if err.Error() != s.Error {
				t.Errorf("%s %q:\n got error %q\nwant error %q", c.Kind, c.Input, err.Error(), s.Error)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %q: Spark accepts it (%s), we fail: %v", c.Kind, c.Input, s.Spark, err)
			continue
		}
		key := c.Kind + "\n" + c.Input
		out.WriteString("\n=== " + key + "\n---\n" + got)
		if *update {
			continue
		}
		if want, ok := golden[key]; !ok {
			t.Errorf("%s %q: no golden AST: run go test -update", c.Kind, c.Input)
		} else if got != want {
			t.Errorf("%s %q:\n got %s\nwant %s\n(Spark: %s)", c.Kind, c.Input, got, want, s.Spark)
		}
	}
	if *update {
		if err := os.WriteFile(goldenPath, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
