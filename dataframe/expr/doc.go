// Package expr holds the DataFrame engine's expression trees: column
// references, literals, arithmetic, comparisons, three-valued logic, casts
// with Spark's non-ANSI rules, CASE/COALESCE/IN, struct and array access,
// time windows, aggregate functions, and the registry of named functions
// (upper, split, from_json, date_format, ...) shared by package functions
// and the SQL binder.
//
// Trees are built unresolved (expr.Col("a"), expr.NewCall("upper", x)) and
// resolved against a plan's output attributes by Resolve, which binds
// columns to ordinals, looks functions up, checks types and inserts Spark's
// implicit casts, reporting AnalysisExceptions with Spark's error classes.
// A resolved tree evaluates column-at-a-time over an Arrow record batch
// (Eval), with typed loops over the value buffers and validity bitmaps, so
// no per-row interpretation happens in notebook code.
//
// Regular expressions use Go's RE2 (see package functions for the
// differences from Java's regex).
package expr
