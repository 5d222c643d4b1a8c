// Package bind turns the AST of package sqlparser into the engine's
// unresolved expressions (package expr) and resolved logical plans (package
// plan): spark.SQL statements over the catalog's views (Statement, Query),
// and the expressions of F.Expr, SelectExpr and string filters (Expression).
// Package dataframe installs it as its SQLHook and ExprHook
// (dataframe/sql_hooks.go).
//
// Analysis errors about a name in the text (unresolved or ambiguous column,
// unknown function, missing table) and type mismatches get Spark's
// "; line L pos P" suffix (Locate, LocateExpression).
//
// Tests: testdata/queries.sql runs against rides.csv in Go and in PySpark
// (testdata/gen_goldens.py writes goldens.json) and show() must match byte
// for byte; FuzzBind checks that no input panics.
//
// Binding follows Spark's analyzer where the engine allows:
//
//   - Result columns get Spark's names from the expressions' pretty SQL
//     (`count(DISTINCT vendor_id)`, `(a + 1)`), a cast of a column keeps the
//     column's name, and a struct field access the field's name.
//   - GROUP BY accepts select-list aliases and ordinals; HAVING and ORDER BY
//     may use aggregates that are not in the select list and select aliases;
//     ORDER BY accepts ordinals and columns the select list dropped.
//   - `a BETWEEN x AND y` is `((a >= x) AND (a <= y))`, `a != b` is
//     `(NOT (a = b))`, `a || b || c` is `concat(concat(a, b), c)`, as in
//     Spark 3.5.
//
// Uncorrelated `x [NOT] IN (query)` and `[NOT] EXISTS (query)` conjuncts of
// WHERE become semi and (null-aware) anti joins, EXCEPT and INTERSECT
// [DISTINCT] become anti and semi joins on null-safe equality, and VALUES
// rows become a union of one-row projections named col1, col2, ...
//
// Differences from Spark, because the engine has no such types: DECIMAL
// literals and casts become DOUBLE, TINYINT and SMALLINT become INT, and
// INTERVAL literals become interval strings ("10 minutes"), which is what
// window() takes. Uncorrelated scalar subqueries in SELECT and WHERE are
// left-joined single-row relations. Correlated subqueries, EXCEPT/INTERSECT
// ALL, window functions (OVER), lambdas and OFFSET are reported as
// unsupported.
package bind
