package expr

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// parseJSONBothPaths parses lines with the flat fast path on and off.
func parseJSONBothPaths(t *testing.T, lines []string, nulls []bool, st sqltypes.StructType, corrupt int) (fast, slow arrow.Array, fastBad, slowBad []bool) {
	t.Helper()
	sb := array.NewStringBuilder(Mem)
	for i, l := range lines {
		if nulls != nil && nulls[i] {
			sb.AppendNull()
		} else {
			sb.Append(l)
		}
	}
	in := sb.NewArray()
	defer in.Release()
	defer func() { jsonFastPath = true }()
	var err error
	jsonFastPath = true
	fast, fastBad, err = ParseJSONRows(in, st, JSONOptions{}, corrupt)
	if err != nil {
		t.Fatal(err)
	}
	jsonFastPath = false
	slow, slowBad, err = ParseJSONRows(in, st, JSONOptions{}, corrupt)
	if err != nil {
		t.Fatal(err)
	}
	return fast, slow, fastBad, slowBad
}

func readJSONLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// TestFromJSONFastPathMatchesFastjson checks that the flat scanner gives
// the same struct column and the same malformed rows as the fastjson path
// on tricky inputs (escapes, duplicate keys, big and overflowing integers,
// odd numbers, type mismatches, nested values, malformed text), both on a
// small batch (one goroutine) and on a large one (two halves in parallel).
func TestFromJSONFastPathMatchesFastjson(t *testing.T) {
	tricky := readJSONLines(t, "testdata/from_json_tricky.jsonl")
	st, err := sqltypes.ParseDDL("s STRING, i INT, l BIGINT, d DOUBLE, f FLOAT, b BOOLEAN")
	if err != nil {
		t.Fatal(err)
	}
	withCorrupt, err := sqltypes.ParseDDL("s STRING, _corrupt_record STRING, l BIGINT")
	if err != nil {
		t.Fatal(err)
	}
	big := make([]string, 0, parallelJSONRows+len(tricky))
	for len(big) < parallelJSONRows+len(tricky) {
		big = append(big, tricky...)
	}
	cases := []struct {
		name    string
		lines   []string
		st      sqltypes.StructType
		corrupt int
	}{
		{"small", tricky, st, -1},
		{"parallel", big, st, -1},
		{"corrupt_record", tricky, withCorrupt, 1},
		{"one_field", tricky, sqltypes.StructType{Fields: st.Fields[2:3]}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nulls := make([]bool, len(c.lines))
			for i := range nulls {
				nulls[i] = i%17 == 5
			}
			fast, slow, fastBad, slowBad := parseJSONBothPaths(t, c.lines, nulls, c.st, c.corrupt)
			defer fast.Release()
			defer slow.Release()
			if fast.Len() != len(c.lines) || slow.Len() != len(c.lines) {
				t.Fatalf("lengths %d and %d, want %d", fast.Len(), slow.Len(), len(c.lines))
			}
			for i := range c.lines {
				if fastBad[i] != slowBad[i] {
					t.Errorf("row %d %q: malformed %v on the fast path, %v on the fastjson path", i, c.lines[i], fastBad[i], slowBad[i])
				}
				fs, ss := fmt.Sprintf("%#v", GetValue(fast, i)), fmt.Sprintf("%#v", GetValue(slow, i))
				if fs != ss {
					t.Errorf("row %d %q:\n fast %s\n slow %s", i, c.lines[i], fs, ss)
				}
			}
		})
	}
}

// TestFromJSONFastPathValues pins values the fast path must produce itself.
func TestFromJSONFastPathValues(t *testing.T) {
	st, err := sqltypes.ParseDDL("s STRING, i INT, l BIGINT, d DOUBLE, b BOOLEAN")
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		`{"s":"a","i":-2147483648,"l":9223372036854775807,"d":0.1,"b":true}`,
		`{"l":-9223372036854775808,"i":7,"s":"b","b":false,"d":1e300}`,
		`{"s":"c","i":"bad type"}`,
		`not json`,
	}
	fast, _, bad, _ := parseJSONBothPaths(t, lines, nil, st, -1)
	defer fast.Release()
	want := []string{
		`{"b":true,"d":0.1,"i":-2147483648,"l":9223372036854775807,"s":"a"}`,
		`{"b":false,"d":1e+300,"i":7,"l":-9223372036854775808,"s":"b"}`,
		`{"b":null,"d":null,"i":null,"l":null,"s":"c"}`,
		`{"b":null,"d":null,"i":null,"l":null,"s":null}`,
	}
	wantBad := []bool{false, false, true, true}
	for i := range lines {
		if got := strings.ReplaceAll(fast.ValueStr(i), " ", ""); got != want[i] {
			t.Errorf("row %d: got %s, want %s", i, got, want[i])
		}
		if bad[i] != wantBad[i] {
			t.Errorf("row %d: malformed %v, want %v", i, bad[i], wantBad[i])
		}
	}
}
