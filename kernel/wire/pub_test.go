package wire

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// subscribe connects a real zmq4 SUB socket to p and waits until p delivers
// to it.
func subscribe(t *testing.T, p *PubSocket, s *Signer) zmq4.Socket {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sub := zmq4.NewSub(ctx, zmq4.WithLogger(log.New(io.Discard, "", 0)))
	t.Cleanup(func() { sub.Close() })
	if err := sub.Dial("tcp://" + p.Addr().String()); err != nil {
		t.Fatal(err)
	}
	if err := sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	got := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-got:
				return
			default:
			}
			_ = p.Publish("status", nil, map[string]string{"execution_state": "probe"})
			time.Sleep(5 * time.Millisecond)
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		m := recvMessage(t, sub, s)
		if m.Header.MsgType == "status" {
			close(got)
			<-stopped
			_ = p.Publish("status", nil, map[string]string{"execution_state": "sentinel"})
			for !strings.Contains(string(recvMessage(t, sub, s).Content), "sentinel") {
			}
			return sub
		}
	}
	t.Fatal("the subscriber never received a message")
	return nil
}

func recvMessage(t *testing.T, sub zmq4.Socket, s *Signer) *Message {
	t.Helper()
	msg, err := sub.Recv()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode(msg.Frames, s)
	if err != nil {
		t.Fatalf("decoding %d frames: %v", len(msg.Frames), err)
	}
	if !strings.HasPrefix(string(m.Identities[0]), "kernel.") {
		t.Fatalf("topic = %q", m.Identities[0])
	}
	return m
}

func TestPubSlowSubscriberNeverBlocksNorLosesEssentials(t *testing.T) {
	signer, _ := NewSigner("hmac-sha256", []byte("key"))
	p, err := ListenPub("tcp://127.0.0.1:0", NewSession("kernel"), signer, 1<<20, log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	sub := subscribe(t, p, signer)

	// The subscriber stops reading while 200 MB of output is published.
	const n = 3200
	chunk := []byte(strings.Repeat("z", 64<<10))
	start := time.Now()
	for i := 0; i < n; i++ {
		parent := &Header{MsgID: fmt.Sprint("cell", i)}
		p.Stream(parent, "stdout", chunk)
		if err := p.UpdateDisplay(parent, "live", map[string]any{"data": map[string]any{"text/plain": i}}); err != nil {
			t.Fatal(err)
		}
		if err := p.Publish("error", parent, map[string]any{"ename": "E", "evalue": fmt.Sprint(i), "traceback": []string{}}); err != nil {
			t.Fatal(err)
		}
	}
	// Publishing cannot have waited for the subscriber, which read nothing.
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Fatalf("publishing took %v: the producer was blocked", elapsed)
	}
	// Now the subscriber reads: every error arrives, in order.
	seq, streamBytes := 0, 0
	deadline := time.Now().Add(60 * time.Second)
	for seq < n && time.Now().Before(deadline) {
		m := recvMessage(t, sub, signer)
		switch m.Header.MsgType {
		case "error":
			var c struct{ Evalue string }
			if err := json.Unmarshal(m.Content, &c); err != nil {
				t.Fatal(err)
			}
			if c.Evalue != fmt.Sprint(seq) {
				t.Fatalf("error %d has evalue %s", seq, c.Evalue)
			}
			if m.ParentHeader == nil || m.ParentHeader.MsgID != fmt.Sprint("cell", seq) {
				t.Fatalf("error %d has parent %+v", seq, m.ParentHeader)
			}
			seq++
		case "stream":
			var c StreamContent
			_ = json.Unmarshal(m.Content, &c)
			streamBytes += len(c.Text)
		}
	}
	if seq != n {
		t.Fatalf("received %d of %d error messages", seq, n)
	}
	if streamBytes >= n*len(chunk) {
		t.Logf("no stream output was dropped (%d bytes): the subscriber kept up", streamBytes)
	}
}

func TestSocketsHeartbeatEchoes(t *testing.T) {
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256", Key: "k"}
	signer, _ := NewSigner(ci.SignatureScheme, []byte(ci.Key))
	ss, err := Listen(ci, NewSession("kernel"), signer, log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	if ci.ShellPort == 0 || ci.HBPort == 0 || ci.IOPubPort == 0 || ci.ControlPort == 0 || ci.StdinPort == 0 {
		t.Fatalf("ports not chosen: %+v", ci)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := zmq4.NewReq(ctx, zmq4.WithLogger(log.New(io.Discard, "", 0)))
	defer req.Close()
	if err := req.Dial(ci.Endpoint(ci.HBPort)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		ping := fmt.Sprint("ping ", i)
		if err := req.Send(zmq4.NewMsgString(ping)); err != nil {
			t.Fatal(err)
		}
		msg, err := req.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if string(msg.Frames[0]) != ping {
			t.Fatalf("heartbeat echoed %q, want %q", msg.Frames[0], ping)
		}
	}
}
