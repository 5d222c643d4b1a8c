// Package format renders query results as Spark 3.5 does: show() tables
// (truncation, alignment, vertical mode, the "only showing top N rows"
// footer), cell text for every type (NULL, doubles as Java prints them,
// timestamps in the session time zone, binary as hex bytes, arrays,
// structs and maps), and an escaped HTML table for notebooks with the column
// types in the header.
package format
