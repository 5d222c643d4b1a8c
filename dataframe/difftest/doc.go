// Package difftest is Eddy's differential suite: DataFrame calls and SQL strings run on Eddy
// and compared, byte for byte, with what PySpark 3.5 prints for the same code on the same data.
//
// Each case has a name, a PySpark snippet (package pycases, free of any engine dependency) and
// a Go function written against the notebook API (cases_*_test.go). The snippet's output is the
// golden file testdata/golden/<name>.txt; TestDifferential runs the Go function with the
// session's output captured and diffs the two. Regenerate the goldens (a few minutes, one
// local[2] SparkSession; Java 17 needed) with
//
//	python3 -m venv .venv-spark && .venv-spark/bin/pip install -r requirements-spark.txt
//	.venv-spark/bin/python scripts/pyspark_goldens.py [name-prefix...]
//
// A new case is a snippet in pycases plus a function of the same name here, then a run of the
// script with its name. Writer cases write under a fresh folder printed as $OUT; paths under
// the repository print as $ROOT.
//
// Cases listed in testdata/known_failures.txt (open engine bugs) are run and their diffs logged
// without failing the test, unless DIFFTEST_STRICT=1; a listed case that matches is reported.
//
// Errors print as one line on both sides, "ERROR <ExceptionName>: <message>", where the
// message stops before Spark's appended plan or SQL excerpt.
//
// Fixtures: the seed data in data/ and the files in testdata/data (credit-card records, game
// events, rows with nulls and malformed values, a quoted CSV, rides.csv in the seed's ", "
// format, and trips.parquet, written by scripts/pyspark_fixtures.py).
package difftest
