// Package dataframe is Eddy's Spark-compatible DataFrame API on Apache Arrow:
// Session (bound as spark in notebook cells), DataFrame, Column, Row,
// GroupedData, readers, writers and the catalog. Names follow
// /work/shared/API.md: PySpark's names in Go spelling.
//
// # Layers
//
// The engine is layered as in Spark Catalyst and DataFusion:
//
//   - dataframe/sqltypes: data types, StructType, DDL parser, Arrow mapping
//     (re-exported here with type aliases: StructType, StructField, ...).
//   - dataframe/expr: expression trees, resolution and vectorized evaluation.
//   - dataframe/plan: the logical plan; its constructors are the analyzer.
//   - dataframe/exec: physical, vectorized execution over record batches.
//   - dataframe/format: show(), printSchema and HTML rendering.
//   - dataframe/dataio: CSV, JSON, Parquet and text readers and writers.
//   - dataframe/functions (F) and dataframe/types (T): the notebook names.
//
// # Errors
//
// Builders never panic: an invalid plan is kept in the returned DataFrame,
// reported by Err and by every action. SetErrorHandler installs a callback
// (the kernel's panics) invoked where the invalid plan is built. Error values
// carry Spark's exception name via ExceptionName().
//
// # Hooks for the SQL binder
//
// The SQL engineer's files (dataframe/sql_*.go, dataframe/sqlparser) plug in
// through two variables set from an init function:
//
//   - SQLHook func(s *Session, query string) (plan.Node, error) — spark.SQL.
//   - ExprHook func(text string) (expr.Expr, error) — F.Expr, SelectExpr and
//     string filters.
//
// A binder builds unresolved expressions with expr.Col, expr.Lit,
// expr.NewCall (any registered function, see expr.FunctionNames),
// expr.NewCast, expr.NewArithmetic, expr.NewComparison, expr.NewLogical,
// &expr.Not{}, &expr.IsNull{}, expr.NewCaseWhen, expr.NewIn,
// expr.NewCoalesce, expr.NewGetField, expr.NewGetItem, expr.NewAlias,
// &expr.Star{}, expr.NewSortKey and expr.NewTimeWindow, and plans with
// plan.NewProject, NewFilter, NewAggregate, NewJoin, NewJoinUsing, NewUnion,
// NewSort, NewLimit, NewDistinct and NewSubqueryAlias; Session.LookupView
// returns a temp view's plan. LIKE is expr.NewCall("like", x, pattern[,
// escape]) and RLIKE expr.NewCall("rlike", x, pattern). ParseExpr wraps
// parsed text in expr.SQLText so that analysis errors get Spark's
// "; line L pos P" suffix through LocateSQLError (sql_hooks.go).
//
// DECIMAL(p,s) is stored as Arrow decimal128; literals such as 1.5, casts and
// arithmetic follow Spark's DecimalPrecision rules (decimal arithmetic is
// exact, row by row, with null on overflow).
//
// Known gaps: no window functions over partitions (Column.Over reports UNSUPPORTED_FEATURE),
// approx_count_distinct is Spark's HyperLogLog++ but without its empirical
// bias correction (estimates between about 1280 and 2560 may differ from Spark's),
// and regular expressions use Go's RE2 (see package functions).
//
// # Extension points for package streaming
//
//   - RegisterStreamingEngine: DataStreamReader.Load, DataStreamWriter.Start,
//     Session.Streams and Stop delegate to the registered engine.
//   - BatchReaders and BatchWriters: batch formats implemented elsewhere
//     (kafka) for Read().Format(f).Load() and Write().Format(f).Save().
//   - Catalog.RegisterView: the memory sink's tables.
//
// # Streaming
//
// A streaming DataFrame's plan has a plan.StreamSource leaf; the streaming
// engine executes the same analyzed plan once per micro-batch with
// exec.Execute, supplying that batch's records (exec.Env.Sources) and keeping
// aggregation state (exec.AggState: Update is the partial step, Merge and
// Final the merge and final steps; MarshalBinary serializes it; Touched,
// KeyValues and Evict serve update mode and watermarks). A batch action on a
// streaming DataFrame fails with Spark's "Queries with streaming sources
// must be executed with writeStream.start()".
//
// # Tests and benchmarks
//
//	go test ./dataframe/...                  unit, golden (PySpark) and property tests
//	go test ./dataframe/difftest             the differential suite against PySpark goldens
//	go test -run X -bench . ./dataframe/     benchmarks (rows/s; see benchdata/README.md)
//
// testdata/gen_goldens.py regenerates testdata/*.golden with PySpark 3.5, and
// benchdata/pyspark_bench.py measures the same workloads on PySpark local[2].
package dataframe
