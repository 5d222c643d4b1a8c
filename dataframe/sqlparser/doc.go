// Package sqlparser is a hand-written lexer and recursive-descent parser for
// the Spark SQL 3.5 dialect that Eddy's DataFrame engine accepts: queries for
// spark.SQL, expressions for F.Expr, SelectExpr and string filters, and data
// types for CAST and DDL schema strings.
//
// The parser produces an unresolved AST (Expr, Query, Relation, DataType)
// and has no dependency on the engine; the dataframe package binds the AST
// onto its logical plan (files dataframe/sql_*.go).
//
// Entry points:
//
//	ParseStatement(sql)      // spark.sql: a query, CREATE [OR REPLACE] TEMP VIEW, DROP VIEW, SHOW TABLES
//	ParseQuery(sql)          // a query: [WITH] SELECT ... FROM ... [JOIN] WHERE GROUP BY HAVING ORDER BY LIMIT
//	ParseExpression(s)       // F.expr / selectExpr / filter: an expression with an optional alias
//	ParseDataType(s)         // "int", "decimal(10,2)", "array<int>", "map<string,int>", "struct<a:int>"
//	ParseTableSchema(ddl)    // "name STRING, amount DOUBLE NOT NULL"
//	ParseSchema(ddl)         // StructType.fromDDL: a column list, else a single data type
//
// The grammar follows Spark's SqlBaseParser.g4 with its default (non-ANSI)
// settings: keywords are non-reserved, so `SELECT from FROM t` selects a
// column named "from", and a word is taken as a keyword only where the
// keyword's clause can continue. Operator precedence follows Spark, loosest
// first: OR; AND; NOT; predicates (IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN,
// [NOT] LIKE, RLIKE) applied to a value expression; comparisons (=, ==, <>,
// !=, <, <=, >, >=, <=>); |; ^; &; +, - and ||; *, /, %, DIV; unary -, +
// and ~; then postfix subscripts and field access.
//
// Literals keep their text so that the binder can follow Spark's typing:
// integers are INT, or BIGINT or DECIMAL when they do not fit; 1.5 is a
// DECIMAL; 1e3 and 1.5D are DOUBLE; 1.5F is FLOAT; 10L, 10S, 10Y are
// BIGINT, SMALLINT, TINYINT; 1.5BD is DECIMAL.
//
// Errors are *ParseException values whose Error() text is exactly what
// PySpark 3.5 prints for the same input, e.g. for "SELECT 1 2":
//
//	\n[PARSE_SYNTAX_ERROR] Syntax error at or near '2': extra input '2'.(line 1, pos 9)\n\n== SQL ==\nSELECT 1 2\n---------^^^\n
//
// Where ANTLR's adaptive prediction would back off from a keyword (an IN
// list, ORDER BY, LIMIT, CASE or OVER that does not parse), the parser
// backtracks the same way, memoizing failed attempts so that parsing stays
// polynomial; the error is then reported where Spark reports it.
//
// Hints (`/*+ BROADCAST(t) */`) are read as comments: they only steer
// Spark's physical planning.
//
// Inspect walks the expressions of a parsed tree; DumpQuery and DumpExpr
// render trees for tests. Sub-package bind turns the AST into the engine's
// expressions and plans.
//
// The golden tests in testdata/ hold the AST dump of each accepted input and
// the error text PySpark gives for each rejected one; the tree shapes of
// accepted expressions and queries are also compared with the unresolved
// trees Spark's own parser prints (spark_render_test.go,
// spark_plan_test.go); testdata/gen_spark.py
// regenerates the Spark side from the PySpark venv:
//
//	.venv-spark/bin/python dataframe/sqlparser/testdata/gen_spark.py
//	go test ./dataframe/sqlparser -update   # rewrite ast.golden after a parser change
//	go test ./dataframe/sqlparser -fuzz FuzzParse -fuzztime 1m
package sqlparser
