package producer

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eddykernel/eddy/streaming/broker"
	"github.com/segmentio/kafka-go"
)

func TestRideMessage(t *testing.T) {
	rec := strings.Split("1,2020-07-01 00:25:32,2020-07-01 00:33:39,1,1.50,1,N,238,75,2,8,0.5,0.5,0,0,0.3,9.3,0", ",")
	key, value, err := RideMessage(rec)
	if err != nil {
		t.Fatal(err)
	}
	if key != "1" || value != "1, 2020-07-01 00:25:32, 2020-07-01 00:33:39, 1, 1.50, 2, 9.3" {
		t.Fatalf("key %q value %q", key, value)
	}
	if _, _, err := RideMessage([]string{"1"}); err == nil {
		t.Fatal("short record accepted")
	}
}

func readAll(t *testing.T, addr, topic string, n int) []kafka.Message {
	t.Helper()
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{addr}, Topic: topic, Partition: 0, MaxWait: 50 * time.Millisecond})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out []kafka.Message
	for len(out) < n {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			t.Fatalf("after %d messages: %v", len(out), err)
		}
		out = append(out, m)
	}
	return out
}

func TestRidesLoopCount(t *testing.T) {
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Topics: []string{"rides_csv"}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	file := filepath.Join(t.TempDir(), "rides.csv")
	csv := "VendorID,a,b,c,d,e,f,g,h,payment,i,j,k,l,m,n,total,o\n" +
		"1,p1,d1,1,1.5,x,y,z,w,2,8,0,0,0,0,0,9.3,0\n" +
		"2,p2,d2,2,2.5,x,y,z,w,1,8,0,0,0,0,0,7.1,0\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := Rides(context.Background(), RidesConfig{Bootstrap: b.Addr(), Topic: "rides_csv", File: file, Count: 5, Loop: true})
	if err != nil || n != 5 {
		t.Fatalf("sent %d: %v", n, err)
	}
	msgs := readAll(t, b.Addr(), "rides_csv", 5)
	var got []string
	for _, m := range msgs {
		got = append(got, string(m.Key)+"="+string(m.Value))
	}
	want := "1=1, p1, d1, 1, 1.5, 2, 9.3|2=2, p2, d2, 2, 2.5, 1, 7.1|1=1, p1, d1, 1, 1.5, 2, 9.3|2=2, p2, d2, 2, 2.5, 1, 7.1|1=1, p1, d1, 1, 1.5, 2, 9.3"
	if strings.Join(got, "|") != want {
		t.Fatalf("messages\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}

func TestTransactionsServer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrCh := make(chan string, 1)
	go func() {
		_ = Transactions(ctx, TransactionsConfig{Listen: "127.0.0.1:0", Count: 20, Seed: 7}, func(a string) { addrCh <- a })
	}()
	c, err := net.Dial("tcp", <-addrCh)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sc := bufio.NewScanner(c)
	lines := 0
	flagged := 0
	for sc.Scan() {
		var tx map[string]any
		if err := json.Unmarshal(sc.Bytes(), &tx); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		for _, k := range []string{"name", "surname", "amount", "delta_t", "flag"} {
			if _, ok := tx[k]; !ok {
				t.Fatalf("line %q lacks %s", sc.Text(), k)
			}
		}
		if tx["flag"] == float64(1) {
			flagged++
		}
		lines++
	}
	if lines != 20 {
		t.Fatalf("%d lines, want 20 then EOF", lines)
	}
}

func TestEventsHandler(t *testing.T) {
	var mu sync.Mutex
	var events []map[string]string
	h := EventsHandler(func(_ context.Context, ev []byte) error {
		var m map[string]string
		if err := json.Unmarshal(ev, &m); err != nil {
			return err
		}
		mu.Lock()
		events = append(events, m)
		mu.Unlock()
		return nil
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for path, want := range map[string]string{"/": "This is the default response!\n", "/purchase_a_sword": "Sword Purchased!\n", "/join_guild": "Joined guild!\n"} {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("User-Agent", "test-agent")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != want {
			t.Errorf("%s answered %q", path, body)
		}
	}
	if resp, _ := http.Get(srv.URL + "/nope"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown path: %d", resp.StatusCode)
	}
	types := map[string]bool{}
	for _, e := range events {
		types[e["event_type"]] = true
		if e["User-Agent"] != "test-agent" || e["Host"] == "" {
			t.Errorf("event lacks headers: %v", e)
		}
	}
	if len(events) != 3 || !types["default"] || !types["purchase_sword"] || !types["join_guild"] {
		t.Fatalf("events %v", events)
	}
}

// TestEventsToKafka runs the HTTP events API against the embedded broker
// and reads the published events back.
func TestEventsToKafka(t *testing.T) {
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", Topics: []string{"events"}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrCh := make(chan string, 1)
	go func() {
		_ = Events(ctx, EventsConfig{Listen: "127.0.0.1:0", Bootstrap: b.Addr(), Topic: "events"}, func(a string) { addrCh <- a })
	}()
	base := "http://" + <-addrCh
	for _, p := range []string{"/", "/purchase_a_sword", "/deposit"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", p, resp.StatusCode)
		}
	}
	msgs := readAll(t, b.Addr(), "events", 3)
	var types []string
	for _, m := range msgs {
		var ev map[string]string
		if err := json.Unmarshal(m.Value, &ev); err != nil {
			t.Fatal(err)
		}
		types = append(types, ev["event_type"])
	}
	if strings.Join(types, ",") != "default,purchase_sword,deposit" {
		t.Fatalf("events %v", types)
	}
}
