package streaming

import (
	"fmt"
	"strings"
	"testing"
	"time"

	F "github.com/eddykernel/eddy/dataframe/functions"
	"github.com/segmentio/kafka-go"
)

// TestSessionStopStopsQueries checks that spark.Stop() stops every query
// cleanly.
func TestSessionStopStopsQueries(t *testing.T) {
	spark := newSession(t)
	q1 := spark.ReadStream().Format("rate").Option("rowsPerSecond", 100).Load().WriteStream().Format("noop").Start()
	q2 := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").Trigger(ProcessingTime("1 hour")).Start()
	spark.Stop()
	for _, q := range []interface {
		IsActive() bool
		Exception() error
	}{q1, q2} {
		if q.IsActive() || q.Exception() != nil {
			t.Fatalf("after spark.Stop: active=%v exception=%v", q.IsActive(), q.Exception())
		}
	}
	if n := len(spark.Streams().Active()); n != 0 {
		t.Fatalf("%d active queries", n)
	}
}

// TestSocketJSONWithTimestampAndMalformedRows parses socket lines with
// from_json: a malformed line gives nulls, and includeTimestamp adds the
// arrival time.
func TestSocketJSONWithTimestampAndMalformedRows(t *testing.T) {
	spark := newSession(t)
	srv := newLineServer(t)
	raw := spark.ReadStream().Format("socket").Option("host", "127.0.0.1").Option("port", srv.port()).Option("includeTimestamp", true).Load()
	if got := raw.Schema().SimpleString(); got != "struct<value:string,timestamp:timestamp>" {
		t.Fatalf("schema %s", got)
	}
	tx := raw.Select(F.FromJSON(F.Col("value"), "name STRING, amount DOUBLE").Alias("data"), F.Col("timestamp")).Select("data.*", "timestamp")
	q := tx.WriteStream().Format("memory").QueryName("tx").Start()
	defer q.Stop()
	c := srv.accept(t)
	before := time.Now().Add(-time.Second)
	send(t, c, `{"name":"ann","amount":1.5}`, `not json`)
	waitRows(t, q, 2)
	rows := spark.Table("tx").Collect()
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0].GetString(0) != "ann" || rows[0].GetFloat64(1) != 1.5 || rows[1].Get(0) != nil || rows[1].Get(1) != nil {
		t.Fatalf("rows %v", rows)
	}
	if ts, ok := rows[0].Get(2).(time.Time); !ok || ts.Before(before) || ts.After(time.Now().Add(time.Second)) {
		t.Fatalf("timestamp %v", rows[0].Get(2))
	}
}

// TestKafkaFailOnDataLoss deletes records a query has not read yet: with
// failOnDataLoss the query fails saying so, without it the query skips
// ahead.
func TestKafkaFailOnDataLoss(t *testing.T) {
	b := startBroker(t, 1, "lossy")
	var msgs []kafka.Message
	for i := 0; i < 10; i++ {
		msgs = append(msgs, kafka.Message{Value: []byte(fmt.Sprint(i))})
	}
	produce(t, b.Addr(), "lossy", msgs...)
	if err := b.DeleteRecords("lossy", 0, 5); err != nil {
		t.Fatal(err)
	}
	for _, fail := range []bool{true, false} {
		t.Run(fmt.Sprint("failOnDataLoss=", fail), func(t *testing.T) {
			spark := newSession(t)
			q := kafkaReader(spark, b.Addr(), "lossy").Option("startingOffsets", `{"lossy":{"0":0}}`).Option("failOnDataLoss", fail).Load().
				SelectExpr("CAST(value AS STRING)").WriteStream().Format("memory").QueryName(fmt.Sprint("lossy_", fail)).Trigger(AvailableNow()).Start()
			q.AwaitTermination(60 * time.Second)
			if fail {
				if err := q.Exception(); err == nil || !strings.Contains(err.Error(), "some data may have been lost") {
					t.Fatalf("exception %v", err)
				}
				return
			}
			if err := q.Exception(); err != nil {
				t.Fatal(err)
			}
			if got := sortedValues(t, spark.Table(fmt.Sprint("lossy_", fail))); got != "[5 6 7 8 9]" {
				t.Fatalf("read %s", got)
			}
		})
	}
}
