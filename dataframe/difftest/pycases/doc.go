// Package pycases holds the PySpark half of Eddy's differential suite: for every case, a
// PySpark 3.5 snippet whose printed output is the case's golden file.
//
// The package has no dependency on the engine, so scripts/pyspark_goldens.py can dump the
// snippets (go test ./dataframe/difftest/pycases -run TestDumpCases -args -dump FILE) whatever
// state the engine is in. The Go half of each case, with the same name, lives in package
// difftest, which compares the engine's output with the goldens.
//
// Snippets run with these names bound (see the prelude in scripts/pyspark_goldens.py, mirrored
// by fixtures.go in package difftest): spark, F, T, Row; the fixture paths RIDES, ZONES, SEED_TXT,
// CARDS, EVENTS, NULLS_CSV, BAD_JSON, QUOTED_CSV, TRIPS_PARQUET, MISSING; the loaders rides(), zones(),
// seed(), cards(), events(), ev(), nulls(), jleft(), jright(), tiers(); and the printers
// rows(df) (one Row repr a line) and count(df).
package pycases
