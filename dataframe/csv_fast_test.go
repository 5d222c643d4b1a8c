package dataframe_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
)

// TestCSVFastPathMatchesGeneralPath reads the same file through the one-pass
// typed CSV parser (a schema of supported types, PERMISSIVE) and through the
// general path (the same schema plus a trailing BOOLEAN column, which the
// fast parser does not take), and expects the same rows: nulls, invalid and
// out-of-range values, timestamps across dates, dates, empty strings,
// comments and blank lines.
func TestCSVFastPathMatchesGeneralPath(t *testing.T) {
	body := "i,l,d,f,ts,dt,s\n" +
		"1,10,1.5,2.5,2020-07-01 00:25:32,2020-07-01,a\n" +
		"\n" +
		"x,9999999999,abc,1e3,2020-07-01 23:59:59,2020-02-30,\n" +
		"3000000000,-1,-0.0,NaN,2020-07-02 00:00:00,bad,b b\n" +
		",,,,,,\r\n" +
		"# a comment line\n" +
		" 7 , 8 ,1e-5,Infinity,2020-07-02T10:11:12,2021-12-31,trailing \n" +
		"4,5,6,7,2020-07-02 24:00:00,2020-01-01,last"
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	ddl := "i INT, l BIGINT, d DOUBLE, f FLOAT, ts TIMESTAMP, dt DATE, s STRING"
	s := dataframe.NewSession()
	read := func(schema string) string {
		df := s.Read().Option("header", true).Option("comment", "#").Schema(schema).CSV(path).Select("i", "l", "d", "f", "ts", "dt", "s")
		rows, err := df.CollectE()
		if err != nil {
			t.Fatal(err)
		}
		return rowsText(rows)
	}
	fast, general := read(ddl), read(ddl+", extra BOOLEAN")
	if fast != general {
		t.Fatalf("fast path:\n%s\ngeneral path:\n%s", fast, general)
	}
	if n := len(s.Read().Option("header", true).Option("comment", "#").Schema(ddl).CSV(path).Collect()); n != 6 {
		t.Fatalf("rows = %d, want 6", n)
	}
}

// TestCSVLargeFileBufferReuse reads two large files (whose read buffer is
// pooled and reused) and checks that the first read's rows and column names
// are unchanged after the second read overwrote the buffer.
func TestCSVLargeFileBufferReuse(t *testing.T) {
	dir := t.TempDir()
	write := func(name, head, word string) string {
		var b strings.Builder
		b.WriteString(head + "\n")
		for i := 0; b.Len() < 9<<20; i++ {
			fmt.Fprintf(&b, "%s-%07d,%d,\"q%s\"\n", word, i, i, word)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b := write("a.csv", "name_a,n_a,q_a", "alpha"), write("b.csv", "name_b,n_b,q_b", "omega")
	s := dataframe.NewSession()
	dfA := s.Read().Option("header", true).CSV(a)
	s.Read().Option("header", true).Option("inferSchema", true).CSV(b).Collect()
	if got := strings.Join(dfA.Columns(), ","); got != "name_a,n_a,q_a" {
		t.Fatalf("columns of the first file: %s", got)
	}
	rows := dfA.Limit(2).Collect()
	if got := rowsText(rows); got != "Row(name_a='alpha-0000000', n_a='0', q_a='qalpha') Row(name_a='alpha-0000001', n_a='1', q_a='qalpha')" {
		t.Fatalf("rows of the first file: %s", got)
	}
}
