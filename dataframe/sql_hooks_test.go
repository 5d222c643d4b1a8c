package dataframe_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
)

// TestSQLCatalogStatements drives spark.SQL's catalog statements through a
// real session: CREATE VIEW registers a view that later queries and
// spark.Table see, SHOW TABLES lists it, DROP VIEW removes it.
func TestSQLCatalogStatements(t *testing.T) {
	spark := dataframe.NewSession()
	var out strings.Builder
	spark.SetOutput(&out)
	spark.Range(5).CreateOrReplaceTempView("t")
	if err := spark.SQL("CREATE TEMP VIEW v (d) AS SELECT id * 2 FROM t WHERE id > 2").Err(); err != nil {
		t.Fatal(err)
	}
	rows := spark.Table("v").Collect()
	if len(rows) != 2 || rows[0].String() != "Row(d=6)" || rows[1].String() != "Row(d=8)" {
		t.Fatalf("view v: %v", rows)
	}
	err := spark.SQL("CREATE TEMP VIEW v AS SELECT 1").Err()
	if err == nil || !strings.HasPrefix(err.Error(), "[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS]") {
		t.Fatalf("re-creating v: %v", err)
	}
	var names []string
	for _, r := range spark.SQL("SHOW TABLES").Collect() {
		names = append(names, r.GetString(1))
	}
	if strings.Join(names, ",") != "t,v" {
		t.Fatalf("SHOW TABLES: %v", names)
	}
	if err := spark.SQL("DROP VIEW v").Err(); err != nil {
		t.Fatal(err)
	}
	if err := spark.SQL("SELECT * FROM v").Err(); err == nil || !strings.Contains(err.Error(), "TABLE_OR_VIEW_NOT_FOUND") {
		t.Fatalf("query of a dropped view: %v", err)
	}
}

// TestSQLParseErrorsAreValues checks that a syntax error in spark.SQL, F.Expr
// style strings and filters is a ParseException value with Spark's text,
// never a panic.
func TestSQLParseErrorsAreValues(t *testing.T) {
	spark := dataframe.NewSession()
	df := spark.SQL("SELECT count(vendor_id FROM rides")
	var pe *sqlparser.ParseException
	if !errors.As(df.Err(), &pe) || pe.ExceptionName() != "ParseException" {
		t.Fatalf("spark.SQL: %T %v", df.Err(), df.Err())
	}
	want := "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM': missing ')'.(line 1, pos 23)\n\n== SQL ==\nSELECT count(vendor_id FROM rides\n-----------------------^^^\n"
	if df.Err().Error() != want {
		t.Fatalf("got %q\nwant %q", df.Err().Error(), want)
	}
	if err := spark.Range(3).Filter("id = = 1").Err(); !errors.As(err, &pe) || pe.Col != 5 {
		t.Fatalf("Filter: %v", err)
	}
}
