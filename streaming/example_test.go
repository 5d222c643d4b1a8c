package streaming_test

import (
	"os"
	"path/filepath"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/streaming"
)

// A plain Go program gets Spark's console sink text on stdout.
func Example() {
	dir, _ := os.MkdirTemp("", "eddy-example")
	defer os.RemoveAll(dir)
	_ = os.WriteFile(filepath.Join(dir, "words.txt"), []byte("spark\neddy\nspark\n"), 0o644)

	spark := dataframe.NewSession()
	defer spark.Stop()
	q := spark.ReadStream().Format("text").Load(dir).
		GroupBy("value").Count().OrderBy("value").
		WriteStream().Format("console").OutputMode("complete").
		Trigger(streaming.AvailableNow()).
		Start()
	q.AwaitTermination()
	// Output:
	// -------------------------------------------
	// Batch: 0
	// -------------------------------------------
	// +-----+-----+
	// |value|count|
	// +-----+-----+
	// | eddy|    1|
	// |spark|    2|
	// +-----+-----+
}
