package benchdata

import (
	"bufio"
	"fmt"
	"os"
)

// RidesHeader is the header line of the rides CSV that WriteRidesCSV writes.
const RidesHeader = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,payment_type,total_amount"

// RidesDDL is the schema of the rides CSV, as a Spark DDL string.
const RidesDDL = "VendorID INT, tpep_pickup_datetime TIMESTAMP, tpep_dropoff_datetime TIMESTAMP, passenger_count INT, trip_distance DOUBLE, payment_type INT, total_amount DOUBLE"

// WriteRidesCSV writes a header and n synthetic rides to path. Row i is the row of
// pyspark_bench.py and dataframe's BenchmarkCSVRead: vendor 1+i%2, passenger count i%4,
// payment type 1+i%4, distance and amount cycling over 30 and 90 values.
func WriteRidesCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(RidesHeader + "\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "%d,2020-07-01 00:%02d:%02d,2020-07-01 01:%02d:%02d,%d,%d.%02d,%d,%d.%02d\n",
			1+i%2, i%60, i%60, i%60, (i+7)%60, i%4, i%30, i%100, 1+i%4, i%90, i%100)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteKeys writes n distinct lines, key0 to key<n-1>, to path: the input of the
// state-memory benchmark (one aggregation key per line).
func WriteKeys(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "key%d\n", i)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
