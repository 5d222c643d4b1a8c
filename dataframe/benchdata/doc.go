// Package benchdata writes the data files that the benchmarks of both engines read: the Go
// benchmarks (dataframe, bench/cmd/eddy-bench) and their PySpark counterparts
// (pyspark_bench.py, bench/pyspark/workloads.py), so that Eddy and PySpark read the same bytes.
package benchdata
