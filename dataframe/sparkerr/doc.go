// Package sparkerr holds the DataFrame engine's error values. Each carries
// Spark's exception name (AnalysisException, ParseException,
// IllegalArgumentException, ...), reported by ExceptionName, and Spark's
// message, reported by Error, so that the kernel can render a Jupyter error
// whose ename and evalue match PySpark's.
package sparkerr
