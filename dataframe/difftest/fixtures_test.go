package difftest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/eddykernel/eddy/dataframe"
	F "github.com/eddykernel/eddy/dataframe/functions"
	T "github.com/eddykernel/eddy/dataframe/types"
)

// Fixture paths, absolute as in scripts/pyspark_goldens.py (error messages quote them).
var (
	RIDES         = abs("../../data/rides.csv")
	ZONES         = abs("../../data/taxi_zone_lookup.csv")
	SEED_TXT      = abs("testdata/data/rides_seed.txt")
	CARDS         = abs("testdata/data/cards.json")
	EVENTS        = abs("testdata/data/events.json")
	NULLS_CSV     = abs("testdata/data/nulls.csv")
	BAD_JSON      = abs("testdata/data/bad.json")
	QUOTED_CSV    = abs("testdata/data/quoted.csv")
	TRIPS_PARQUET = abs("testdata/data/trips.parquet")
	MISSING       = abs("testdata/data/missing.csv")
)

// OUT is the folder writer cases write under; TestDifferential makes a fresh one per run and
// prints it as $OUT, as the golden script does.
var OUT string

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return a
}

// newSession returns the session every case runs in, configured as the golden script's
// SparkSession is.
func newSession() *dataframe.Session {
	spark := dataframe.NewSession()
	spark.Conf().Set("spark.sql.session.timeZone", "UTC")
	spark.Conf().Set("spark.sql.shuffle.partitions", 2)
	return spark
}

// The helpers below mirror the PRELUDE of scripts/pyspark_goldens.py.

func rows(w io.Writer, df *dataframe.DataFrame) {
	for _, r := range df.Collect() {
		fmt.Fprintln(w, r.String())
	}
}

func count(w io.Writer, df *dataframe.DataFrame) { fmt.Fprintln(w, df.Count()) }

// ls prints a folder's entries, without hidden and bookkeeping files (".x", "_SUCCESS").
func ls(w io.Writer, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "_") {
			fmt.Fprintln(w, e.Name())
		}
	}
}

// must panics with a writer's error, as the notebook error handler would.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

func rides(spark *dataframe.Session) *dataframe.DataFrame {
	return spark.Read().Option("header", true).Option("inferSchema", true).CSV(RIDES)
}

func zones(spark *dataframe.Session) *dataframe.DataFrame {
	return spark.Read().Option("header", true).Option("inferSchema", true).CSV(ZONES)
}

func cards(spark *dataframe.Session) *dataframe.DataFrame { return spark.Read().JSON(CARDS) }

func events(spark *dataframe.Session) *dataframe.DataFrame { return spark.Read().JSON(EVENTS) }

func ev(spark *dataframe.Session) *dataframe.DataFrame {
	return events(spark).WithColumn("ts", F.Col("timestamp").Cast("timestamp"))
}

func nulls(spark *dataframe.Session) *dataframe.DataFrame {
	return spark.Read().Schema("id INT, name STRING, score DOUBLE, ts TIMESTAMP, active BOOLEAN").
		Option("header", true).CSV(NULLS_CSV)
}

func seed(spark *dataframe.Session) *dataframe.DataFrame {
	raw := spark.Read().Text(SEED_TXT)
	parts := F.Split(F.Col("value"), ", ")
	return raw.Select(
		parts.GetItem(0).Cast("int").Alias("vendor_id"),
		parts.GetItem(1).Cast(T.TimestampType).Alias("tpep_pickup_datetime"),
		parts.GetItem(2).Cast(T.TimestampType).Alias("tpep_dropoff_datetime"),
		parts.GetItem(3).Cast("int").Alias("passenger_count"),
		parts.GetItem(4).Cast("float").Alias("trip_distance"),
		parts.GetItem(7).Cast("int").Alias("pu_location_id"),
		parts.GetItem(8).Cast("int").Alias("do_location_id"),
		parts.GetItem(16).Cast("float").Alias("total_amount"),
	)
}

func jleft(spark *dataframe.Session) *dataframe.DataFrame {
	return spark.CreateDataFrame([][]any{{1, "a"}, {2, "b"}, {3, "c"}, {nil, "n"}}, "id INT, l STRING")
}

func jright(spark *dataframe.Session) *dataframe.DataFrame {
	return spark.CreateDataFrame([][]any{{2, "x"}, {3, "y"}, {3, "z"}, {4, "w"}, {nil, "m"}}, "id INT, r STRING")
}

func tiers(spark *dataframe.Session) *dataframe.DataFrame {
	return spark.CreateDataFrame([][]any{{"Alice", "Smith", "gold"}, {"Bob", "Jones", "new"}, {"Dave", "Brown", "gold"}},
		"name STRING, surname STRING, tier STRING")
}

// col1 makes one-column rows from values.
func col1(vals ...any) [][]any {
	out := make([][]any, len(vals))
	for i, v := range vals {
		out[i] = []any{v}
	}
	return out
}
