// Package dataio reads and writes data files as Arrow record batches with
// Spark's options and semantics: CSV (header, inferSchema, sep, quote,
// escape, nullValue, mode PERMISSIVE|DROPMALFORMED|FAILFAST), JSON lines
// (with a schema or inferred, parsed with fastjson), Parquet (pqarrow) and
// text, plus writers with overwrite/append/errorifexists/ignore modes and
// Hive-style partitionBy folders readable by pyarrow.
//
// CSV files are cut into chunks of about BatchSize lines at line ends and
// parsed on every core. With a schema of numbers, timestamps, dates and
// strings in PERMISSIVE mode, a chunk is converted in one pass from the
// file's bytes straight into typed columns (csv_fast.go); a chunk with quotes
// or rows of the wrong width, and every other case, takes the general path
// (fields located in place, then converted column by column), with the same
// results. Decimal columns are parsed exactly (HALF_UP to the column's scale).
package dataio
