package producer

import (
	"bufio"
	"context"
	"encoding/json"
	"math/rand"
	"net"
	"time"
)

// Transaction is one JSON line of the socket producer.
type Transaction struct {
	Name    string  `json:"name"`
	Surname string  `json:"surname"`
	Amount  float64 `json:"amount"`
	DeltaT  float64 `json:"delta_t"`
	Flag    int     `json:"flag"`
}

var (
	firstNames = []string{"Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi"}
	lastNames  = []string{"Smith", "Jones", "Brown", "Taylor", "Wilson", "Davies"}
)

// NewTransaction returns the i-th transaction of a deterministic sequence:
// about one in ten is flagged.
func NewTransaction(r *rand.Rand) Transaction {
	return Transaction{
		Name:    firstNames[r.Intn(len(firstNames))],
		Surname: lastNames[r.Intn(len(lastNames))],
		Amount:  float64(r.Intn(100000)) / 100,
		DeltaT:  float64(r.Intn(1000)) / 10,
		Flag:    map[bool]int{true: 1, false: 0}[r.Intn(10) == 0],
	}
}

// TransactionsConfig configures Transactions.
type TransactionsConfig struct {
	Listen string
	Count  int     // per client; 0 = forever
	Rate   float64 // lines per second; 0 = as fast as possible
	Seed   int64
}

// Transactions serves every client that connects JSON lines of
// transactions until ctx ends. ready, if not nil, receives the listening
// address.
func Transactions(ctx context.Context, cfg TransactionsConfig, ready func(addr string)) error {
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	if ready != nil {
		ready(ln.Addr().String())
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		go serveTransactions(ctx, c, cfg)
	}
}

func serveTransactions(ctx context.Context, c net.Conn, cfg TransactionsConfig) {
	defer c.Close()
	r := rand.New(rand.NewSource(cfg.Seed))
	w := bufio.NewWriterSize(c, 64<<10)
	defer w.Flush()
	enc := json.NewEncoder(w)
	var tick <-chan time.Time
	if cfg.Rate > 0 {
		t := time.NewTicker(time.Duration(float64(time.Second) / cfg.Rate))
		defer t.Stop()
		tick = t.C
	}
	for i := 0; cfg.Count == 0 || i < cfg.Count; i++ {
		if tick != nil {
			select {
			case <-ctx.Done():
				return
			case <-tick:
			}
		} else if ctx.Err() != nil {
			return
		}
		if err := enc.Encode(NewTransaction(r)); err != nil {
			return
		}
		if tick != nil {
			if err := w.Flush(); err != nil { // paced lines go out one by one
				return
			}
		}
	}
}
