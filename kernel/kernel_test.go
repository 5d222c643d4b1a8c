package kernel

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

	"github.com/eddykernel/eddy/kernel/wire"
)

// client is a minimal Jupyter client on real zmq4 sockets.
type client struct {
	t       testing.TB
	signer  *wire.Signer
	session *wire.Session
	shell   zmq4.Socket
	control zmq4.Socket
	iopub   zmq4.Socket
	msgs    chan *wire.Message // iopub messages
}

// startKernel runs a kernel in the test process on free ports and connects
// a client to it.
func startKernel(t testing.TB) (*Kernel, *client) {
	t.Helper()
	info := &wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "test-key", SignatureScheme: "hmac-sha256"}
	k, err := New(info, Options{Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = k.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	signer, _ := wire.NewSigner(info.SignatureScheme, []byte(info.Key))
	quiet := zmq4.WithLogger(log.New(io.Discard, "", 0))
	c := &client{t: t, signer: signer, session: wire.NewSession("test"), msgs: make(chan *wire.Message, 10000),
		shell:   zmq4.NewDealer(ctx, quiet, zmq4.WithID(zmq4.SocketIdentity("shell-client"))),
		control: zmq4.NewDealer(ctx, quiet, zmq4.WithID(zmq4.SocketIdentity("control-client"))),
		iopub:   zmq4.NewSub(ctx, quiet),
	}
	t.Cleanup(func() { c.shell.Close(); c.control.Close(); c.iopub.Close() })
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{c.shell, info.ShellPort}, {c.control, info.ControlPort}, {c.iopub, info.IOPubPort}} {
		if err := d.s.Dial(info.Endpoint(d.port)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			msg, err := c.iopub.Recv()
			if err != nil {
				return
			}
			m, err := wire.Decode(msg.Frames, signer)
			if err != nil {
				t.Errorf("iopub: %v", err)
				return
			}
			c.msgs <- m
		}
	}()
	// As jupyter_client does: ask kernel_info until IOPub delivers.
	deadline := time.Now().Add(10 * time.Second)
	for {
		id := c.send(c.shell, "kernel_info_request", map[string]any{})
		c.reply(c.shell, id)
		if c.waitIdle(id, 200*time.Millisecond) {
			return k, c
		}
		if time.Now().After(deadline) {
			t.Fatal("iopub never delivered")
		}
	}
}

func (c *client) send(sock zmq4.Socket, msgType string, content any) string {
	c.t.Helper()
	m, err := c.session.NewMessage(msgType, nil, content)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := sock.SendMulti(zmq4.NewMsgFrom(wire.Encode(m, c.signer)...)); err != nil {
		c.t.Fatal(err)
	}
	return m.Header.MsgID
}

// reply waits for the reply to request id on sock.
func (c *client) reply(sock zmq4.Socket, id string) *wire.Message {
	c.t.Helper()
	type result struct {
		m   *wire.Message
		err error
	}
	ch := make(chan result, 1)
	go func() {
		msg, err := sock.Recv()
		if err != nil {
			ch <- result{err: err}
			return
		}
		m, err := wire.Decode(msg.Frames, c.signer)
		ch <- result{m, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			c.t.Fatal(r.err)
		}
		if r.m.ParentHeader == nil || r.m.ParentHeader.MsgID != id {
			c.t.Fatalf("reply %s has parent %+v, want %s", r.m.Header.MsgType, r.m.ParentHeader, id)
		}
		return r.m
	case <-time.After(20 * time.Second):
		c.t.Fatalf("no reply to %s", id)
		return nil
	}
}

// collect returns the IOPub messages of request id up to its idle status.
func (c *client) collect(id string) []*wire.Message {
	c.t.Helper()
	var out []*wire.Message
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m := <-c.msgs:
			if m.ParentHeader == nil || m.ParentHeader.MsgID != id {
				continue
			}
			out = append(out, m)
			if m.Header.MsgType == "status" && strings.Contains(string(m.Content), `"idle"`) {
				return out
			}
		case <-timeout:
			c.t.Fatalf("no idle status for %s; got %s", id, describe(out))
			return nil
		}
	}
}

func (c *client) waitIdle(id string, d time.Duration) bool {
	timeout := time.After(d)
	for {
		select {
		case m := <-c.msgs:
			if m.ParentHeader != nil && m.ParentHeader.MsgID == id && strings.Contains(string(m.Content), `"idle"`) {
				return true
			}
		case <-timeout:
			return false
		}
	}
}

func describe(ms []*wire.Message) string {
	var parts []string
	for _, m := range ms {
		s := m.Header.MsgType
		if m.Header.MsgType == "status" {
			var st struct {
				ExecutionState string `json:"execution_state"`
			}
			_ = json.Unmarshal(m.Content, &st)
			s += ":" + st.ExecutionState
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func content(t testing.TB, m *wire.Message) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(m.Content, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func (c *client) execute(code string, extra map[string]any) (reply map[string]any, iopub []*wire.Message) {
	c.t.Helper()
	req := map[string]any{"code": code, "silent": false}
	for k, v := range extra {
		req[k] = v
	}
	id := c.send(c.shell, "execute_request", req)
	r := c.reply(c.shell, id)
	if r.Header.MsgType != "execute_reply" {
		c.t.Fatalf("reply type %s", r.Header.MsgType)
	}
	return content(c.t, r), c.collect(id)
}

func TestKernelInfo(t *testing.T) {
	_, c := startKernel(t)
	for _, sock := range []zmq4.Socket{c.shell, c.control} {
		id := c.send(sock, "kernel_info_request", map[string]any{})
		r := c.reply(sock, id)
		got := content(t, r)
		if r.Header.MsgType != "kernel_info_reply" || got["protocol_version"] != "5.3" || got["implementation"] != "eddy" || got["status"] != "ok" {
			t.Fatalf("reply %s: %v", r.Header.MsgType, got)
		}
		li := got["language_info"].(map[string]any)
		if li["name"] != "go" || li["mimetype"] != "text/x-go" || li["file_extension"] != ".go" || li["version"] != GoVersion {
			t.Fatalf("language_info = %v", li)
		}
		if seq := describe(c.collect(id)); seq != "status:busy status:idle" {
			t.Fatalf("iopub = %s", seq)
		}
	}
}

func TestExecuteOnePlusOne(t *testing.T) {
	_, c := startKernel(t)
	for n := 1; n <= 2; n++ {
		reply, iopub := c.execute("1+1", nil)
		if reply["status"] != "ok" || reply["execution_count"] != float64(n) {
			t.Fatalf("reply = %v", reply)
		}
		if seq := describe(iopub); seq != "status:busy execute_input execute_result status:idle" {
			t.Fatalf("iopub = %s", seq)
		}
		res := content(t, iopub[2])
		if res["data"].(map[string]any)["text/plain"] != "2" || res["execution_count"] != float64(n) {
			t.Fatalf("execute_result = %v", res)
		}
	}
	// silent: no count, no execute_input, no execute_result
	reply, iopub := c.execute("1+1", map[string]any{"silent": true})
	if reply["execution_count"] != float64(2) || describe(iopub) != "status:busy status:idle" {
		t.Fatalf("silent: reply %v, iopub %s", reply, describe(iopub))
	}
	// store_history false: no count
	reply, _ = c.execute("1+1", map[string]any{"store_history": false})
	if reply["execution_count"] != float64(2) {
		t.Fatalf("store_history false: reply %v", reply)
	}
}

func TestExecuteOutputAndErrors(t *testing.T) {
	_, c := startKernel(t)
	reply, iopub := c.execute("import \"fmt\"\nfmt.Println(\"hello\")\ny := 20", map[string]any{"user_expressions": map[string]string{"double": "y*2", "bad": "nope("}})
	if reply["status"] != "ok" {
		t.Fatalf("reply = %v", reply)
	}
	if seq := describe(iopub); seq != "status:busy execute_input stream status:idle" {
		t.Fatalf("iopub = %s", seq)
	}
	if s := content(t, iopub[2]); s["name"] != "stdout" || s["text"] != "hello\n" {
		t.Fatalf("stream = %v", s)
	}
	ue := reply["user_expressions"].(map[string]any)
	if d := ue["double"].(map[string]any); d["status"] != "ok" || d["data"].(map[string]any)["text/plain"] != "40" {
		t.Fatalf("user_expressions double = %v", d)
	}
	if b := ue["bad"].(map[string]any); b["status"] != "error" || b["ename"] == "" {
		t.Fatalf("user_expressions bad = %v", b)
	}

	reply, iopub = c.execute(`panic("boom")`, nil)
	if reply["status"] != "error" || reply["ename"] != "panic" || reply["evalue"] != "boom" {
		t.Fatalf("reply = %v", reply)
	}
	if seq := describe(iopub); seq != "status:busy execute_input error status:idle" {
		t.Fatalf("iopub = %s", seq)
	}
	if e := content(t, iopub[2]); e["ename"] != "panic" || len(e["traceback"].([]any)) == 0 {
		t.Fatalf("error = %v", e)
	}

	reply, iopub = c.execute(`display.HTML("<b>hi</b>")`+"\nh := display.New(1)\nh.Update(2)\ndisplay.Clear()", nil)
	if reply["status"] != "ok" {
		t.Fatalf("reply = %v", reply)
	}
	if seq := describe(iopub); seq != "status:busy execute_input display_data display_data update_display_data clear_output status:idle" {
		t.Fatalf("iopub = %s", seq)
	}
	d, u := content(t, iopub[3]), content(t, iopub[4])
	id := d["transient"].(map[string]any)["display_id"]
	if id == nil || id == "" || u["transient"].(map[string]any)["display_id"] != id {
		t.Fatalf("display %v, update %v", d, u)
	}
}

func TestStopOnErrorAbortsQueuedRequests(t *testing.T) {
	_, c := startKernel(t)
	if reply, _ := c.execute(`import "time"`, nil); reply["status"] != "ok" {
		t.Fatalf("import: %v", reply)
	}
	failing := c.send(c.shell, "execute_request", map[string]any{"code": "time.Sleep(300*time.Millisecond)\npanic(\"first\")"})
	queued := []string{
		c.send(c.shell, "execute_request", map[string]any{"code": "1+1"}),
		c.send(c.shell, "execute_request", map[string]any{"code": "2+2"}),
	}
	info := c.send(c.shell, "kernel_info_request", map[string]any{})
	if r := content(t, c.reply(c.shell, failing)); r["status"] != "error" {
		t.Fatalf("failing cell: %v", r)
	}
	for _, id := range queued {
		if r := content(t, c.reply(c.shell, id)); r["status"] != "aborted" {
			t.Fatalf("queued cell: %v", r)
		}
	}
	if r := content(t, c.reply(c.shell, info)); r["status"] != "ok" {
		t.Fatalf("kernel_info after abort: %v", r)
	}
	// the queue emptied: the next cell runs
	if reply, _ := c.execute("3+3", nil); reply["status"] != "ok" {
		t.Fatalf("after abort: %v", reply)
	}
	// stop_on_error false: nothing is aborted
	failing = c.send(c.shell, "execute_request", map[string]any{"code": "time.Sleep(200*time.Millisecond)\npanic(\"x\")", "stop_on_error": false})
	next := c.send(c.shell, "execute_request", map[string]any{"code": "4+4"})
	c.reply(c.shell, failing)
	if r := content(t, c.reply(c.shell, next)); r["status"] != "ok" {
		t.Fatalf("stop_on_error false: %v", r)
	}
}

func TestInterruptOnControlWhileRunning(t *testing.T) {
	_, c := startKernel(t)
	run := c.send(c.shell, "execute_request", map[string]any{"code": "for {}"})
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	intr := c.send(c.control, "interrupt_request", map[string]any{})
	if r := c.reply(c.control, intr); r.Header.MsgType != "interrupt_reply" || content(t, r)["status"] != "ok" {
		t.Fatalf("interrupt reply %s %s", r.Header.MsgType, r.Content)
	}
	r := content(t, c.reply(c.shell, run))
	if r["status"] != "error" {
		t.Fatalf("interrupted cell: %v", r)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("interrupt took %v", d)
	}
	if reply, _ := c.execute("1+1", map[string]any{"stop_on_error": false}); reply["status"] != "ok" {
		t.Fatalf("after interrupt: %v", reply)
	}
}

func TestBadMessagesAreDroppedAndKernelAnswers(t *testing.T) {
	_, c := startKernel(t)
	m, _ := c.session.NewMessage("kernel_info_request", nil, map[string]any{})
	frames := wire.Encode(m, c.signer)
	bad := append([][]byte(nil), frames...)
	bad[1] = []byte(strings.Repeat("0", 64))
	unsigned := append([][]byte(nil), frames...)
	unsigned[1] = nil
	for _, f := range [][][]byte{
		bad, unsigned,
		{[]byte("no delimiter")},
		{[]byte(wire.Delimiter), []byte("x")},
	} {
		if err := c.shell.SendMulti(zmq4.NewMsgFrom(f...)); err != nil {
			t.Fatal(err)
		}
	}
	// malformed JSON content, correctly signed
	h := c.session.NewHeader("execute_request")
	hj, _ := json.Marshal(h)
	junk := []byte(`{"code": `)
	if err := c.shell.SendMulti(zmq4.NewMsgFrom([]byte(wire.Delimiter), c.signer.Sign(hj, []byte("{}"), []byte("{}"), junk), hj, []byte("{}"), []byte("{}"), junk)); err != nil {
		t.Fatal(err)
	}
	// an unknown msg_type gets busy/idle and no reply
	unknown := c.send(c.shell, "no_such_request", map[string]any{})
	if seq := describe(c.collect(unknown)); seq != "status:busy status:idle" {
		t.Fatalf("unknown msg_type: %s", seq)
	}
	reply, _ := c.execute("1+1", nil)
	if reply["status"] != "ok" {
		t.Fatalf("after bad messages: %v", reply)
	}
}

func TestOtherRequests(t *testing.T) {
	_, c := startKernel(t)
	for _, code := range []string{"a := 1", "a + 1", "b := 2"} {
		c.execute(code, nil)
	}
	ask := func(msgType string, req map[string]any) map[string]any {
		id := c.send(c.shell, msgType+"_request", req)
		r := c.reply(c.shell, id)
		if r.Header.MsgType != msgType+"_reply" {
			t.Fatalf("%s: reply type %s", msgType, r.Header.MsgType)
		}
		return content(t, r)
	}
	hist := func(req map[string]any) string {
		return fmt.Sprint(ask("history", req)["history"])
	}
	if got := hist(map[string]any{"hist_access_type": "tail", "n": 2}); got != "[[1 2 a + 1] [1 3 b := 2]]" {
		t.Errorf("tail = %s", got)
	}
	if got := hist(map[string]any{"hist_access_type": "range", "session": 0, "start": 1, "stop": 3}); got != "[[1 1 a := 1] [1 2 a + 1]]" {
		t.Errorf("range = %s", got)
	}
	if got := hist(map[string]any{"hist_access_type": "search", "pattern": "?*:=*"}); got != "[[1 1 a := 1] [1 3 b := 2]]" {
		t.Errorf("search = %s", got)
	}
	if got := hist(map[string]any{"hist_access_type": "tail", "n": 1, "output": true}); got != "[[1 3 [b := 2 <nil>]]]" {
		t.Errorf("tail with output = %s", got)
	}
	if got := hist(map[string]any{"hist_access_type": "range", "start": 2, "stop": 3, "output": true}); got != "[[1 2 [a + 1 2]]]" {
		t.Errorf("range with output = %s", got)
	}
	if r := ask("is_complete", map[string]any{"code": "func f() {"}); r["status"] != "incomplete" {
		t.Errorf("is_complete = %v", r)
	}
	if r := ask("is_complete", map[string]any{"code": "a + 1"}); r["status"] != "complete" {
		t.Errorf("is_complete = %v", r)
	}
	r := ask("complete", map[string]any{"code": "x := é; a", "cursor_pos": 9})
	if r["cursor_start"] != float64(8) || r["cursor_end"] != float64(9) || !strings.Contains(fmt.Sprint(r["matches"]), "a") {
		t.Errorf("complete = %v", r)
	}
	if r := ask("inspect", map[string]any{"code": "a", "cursor_pos": 1, "detail_level": 0}); r["found"] != true {
		t.Errorf("inspect = %v", r)
	}
	if r := ask("comm_info", map[string]any{}); fmt.Sprint(r["comms"]) != "map[]" {
		t.Errorf("comm_info = %v", r)
	}
	id := c.send(c.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	if seq := describe(c.collect(id)); seq != "status:busy comm_close status:idle" {
		t.Errorf("comm_open: %s", seq)
	}
}

func TestShutdownOnControl(t *testing.T) {
	k, c := startKernel(t)
	id := c.send(c.control, "shutdown_request", map[string]any{"restart": true})
	r := c.reply(c.control, id)
	if r.Header.MsgType != "shutdown_reply" || content(t, r)["restart"] != true {
		t.Fatalf("reply %s %s", r.Header.MsgType, r.Content)
	}
	select {
	case <-k.done:
	case <-time.After(5 * time.Second):
		t.Fatal("kernel still running after shutdown")
	}
}

func TestInterruptWhileIdle(t *testing.T) {
	_, c := startKernel(t)
	for i := 0; i < 2; i++ {
		id := c.send(c.control, "interrupt_request", map[string]any{})
		if r := c.reply(c.control, id); content(t, r)["status"] != "ok" {
			t.Fatalf("interrupt reply %s", r.Content)
		}
	}
	// the pending interrupt must not hit the next cell
	if reply, _ := c.execute("import \"time\"\ntime.Sleep(50 * time.Millisecond)\n1+1", nil); reply["status"] != "ok" {
		t.Fatalf("cell after idle interrupts: %v", reply)
	}
}
