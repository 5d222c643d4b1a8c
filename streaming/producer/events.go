package producer

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/eddykernel/eddy/streaming/internal/autotopic"
	"github.com/segmentio/kafka-go"
)

// EventsConfig configures Events.
type EventsConfig struct {
	Listen    string
	Bootstrap string
	Topic     string
}

// eventRoutes are the seeds' Flask endpoints: the event type each
// publishes and the text it answers.
var eventRoutes = map[string][2]string{
	"/":                 {"default", "This is the default response!\n"},
	"/purchase_a_sword": {"purchase_sword", "Sword Purchased!\n"},
	"/join_guild":       {"join_guild", "Joined guild!\n"},
	"/return_price":     {"return_price", "Price returned!\n"},
	"/deposit":          {"deposit", "Deposit made!\n"},
	"/withdraw":         {"withdraw", "Withdrawal made!\n"},
}

// EventsHandler returns the HTTP API: each request publishes a JSON event
// with event_type and the request headers to Kafka via publish.
func EventsHandler(publish func(ctx context.Context, event []byte) error) http.Handler {
	mux := http.NewServeMux()
	for path, route := range eventRoutes {
		route := route
		pattern := path
		if path == "/" {
			pattern = "/{$}"
		}
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			ev := map[string]string{"event_type": route[0]}
			for k, v := range r.Header {
				ev[k] = strings.Join(v, ",")
			}
			ev["Host"] = r.Host
			b, _ := json.Marshal(ev)
			if err := publish(r.Context(), b); err != nil {
				http.Error(w, "publishing failed: "+err.Error(), http.StatusBadGateway)
				return
			}
			_, _ = w.Write([]byte(route[1]))
		})
	}
	return mux
}

// Events serves the HTTP events API until ctx ends. ready, if not nil,
// receives the listening address.
func Events(ctx context.Context, cfg EventsConfig, ready func(addr string)) error {
	w := &kafka.Writer{Addr: kafka.TCP(strings.Split(cfg.Bootstrap, ",")...), Topic: cfg.Topic, AllowAutoTopicCreation: true,
		BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll}
	defer w.Close()
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: EventsHandler(func(ctx context.Context, ev []byte) error {
		return autotopic.Write(ctx, w, kafka.Message{Value: ev})
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if ready != nil {
		ready(ln.Addr().String())
	}
	if err := srv.Serve(ln); err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}
