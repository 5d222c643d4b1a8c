// Package dataio reads and writes data files as Arrow record batches with
// Spark's options and semantics: CSV (header, inferSchema, sep, quote,
// escape, nullValue, mode PERMISSIVE|DROPMALFORMED|FAILFAST), JSON lines
// (with a schema or inferred, parsed with fastjson), Parquet (pqarrow) and
// text, plus writers with overwrite/append/errorifexists/ignore modes and
// Hive-style partitionBy folders readable by pyarrow.
package dataio
