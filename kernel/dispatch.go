package kernel

import (
	"fmt"
	"runtime/debug"

	"github.com/eddykernel/eddy/kernel/wire"
)

// handler serves one request type. It sends its reply with k.reply.
type handler func(k *Kernel, r *request)

// handlers maps each msg_type to its handler. Messages of other types are
// logged and get no reply, as in ipykernel.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"kernel_info_request": (*Kernel).kernelInfo,
		"execute_request":     (*Kernel).execute,
		"is_complete_request": (*Kernel).isComplete,
		"complete_request":    (*Kernel).complete,
		"inspect_request":     (*Kernel).inspect,
		"history_request":     (*Kernel).historyRequest,
		"comm_info_request":   (*Kernel).commInfo,
		"comm_open":           (*Kernel).commOpen,
		"comm_msg":            (*Kernel).commMsg,
		"comm_close":          (*Kernel).commClose,
		"interrupt_request":   (*Kernel).interruptRequest,
		"shutdown_request":    (*Kernel).shutdownRequest,
	}
}

// receive reads messages from sock until it closes, decodes them and hands
// them to serve. Malformed and badly signed messages are logged and dropped.
func (k *Kernel) receive(sock *wire.Socket, serve func(*request)) {
	for {
		frames, err := sock.Recv()
		if err != nil {
			select {
			case <-k.done:
				return
			default:
			}
			k.log.Printf("%s: receive: %v", sock.Name, err)
			return
		}
		msg, err := wire.Decode(frames, k.signer)
		if err != nil {
			k.log.Printf("%s: dropped a message: %v", sock.Name, err)
			continue
		}
		serve(&request{msg: msg, sock: sock})
	}
}

func (k *Kernel) enqueueShell(r *request) {
	select {
	case k.shellQueue <- r:
	case <-k.done:
	}
}

// serveShell serves shell requests one at a time, in order.
func (k *Kernel) serveShell() {
	for {
		select {
		case r := <-k.shellQueue:
			k.aborting = k.abortQueued > 0
			if k.aborting {
				k.abortQueued--
			}
			k.dispatch(r)
		case <-k.done:
			return
		}
	}
}

// serveControl serves a control request at once, on the control receive
// goroutine, so that it is not held up by a running cell.
func (k *Kernel) serveControl(r *request) { k.dispatch(r) }

// dispatch runs the handler for r between busy and idle status messages.
// A panic in a handler is logged; the kernel keeps running.
func (k *Kernel) dispatch(r *request) {
	parent := &r.msg.Header
	if !k.served.Swap(true) {
		_ = k.iopub.SetGreeting("status", nil)
	}
	k.status(parent, "busy")
	k.handle(r)
	k.status(parent, "idle")
	k.idle.touch()
	if k.shuttingDown.Load() {
		k.stop()
	}
}

func (k *Kernel) handle(r *request) {
	parent := &r.msg.Header
	defer func() {
		if p := recover(); p != nil {
			k.log.Printf("%s: panic serving %s: %v\n%s", r.sock.Name, parent.MsgType, p, debug.Stack())
		}
	}()
	if r.sock == k.sockets.Shell && k.aborting && parent.MsgType == "execute_request" {
		k.reply(r, map[string]any{"status": "aborted", "execution_count": k.execCount}, map[string]any{"status": "aborted"})
		return
	}
	h := handlers[parent.MsgType]
	if h == nil {
		k.log.Printf("%s: unknown message type %q", r.sock.Name, parent.MsgType)
		return
	}
	h(k, r)
}

// reply sends the reply to r on the socket r came in on. The reply type is
// the request type with _request replaced by _reply.
func (k *Kernel) reply(r *request, content any, metadata ...any) {
	t := r.msg.Header.MsgType
	if len(t) > len("_request") && t[len(t)-len("_request"):] == "_request" {
		t = t[:len(t)-len("_request")]
	}
	m, err := k.session.NewMessage(t+"_reply", &r.msg.Header, content)
	if err != nil {
		k.log.Printf("%s: encoding %s: %v", r.sock.Name, t+"_reply", err)
		m, _ = k.session.NewMessage(t+"_reply", &r.msg.Header, map[string]any{
			"status": "error", "ename": "EncodingError", "evalue": err.Error(), "traceback": []string{},
		})
	}
	if len(metadata) > 0 {
		if md, err := jsonRaw(metadata[0]); err == nil {
			m.Metadata = md
		}
	}
	m.Identities = r.msg.Identities
	if err := r.sock.Send(m); err != nil {
		k.log.Printf("%s: sending %s: %v", r.sock.Name, m.Header.MsgType, err)
	}
}

// status publishes the kernel's execution state on IOPub.
func (k *Kernel) status(parent *wire.Header, state string) {
	k.publish("status", parent, map[string]string{"execution_state": state})
}

// publish sends a message that the IOPub queue never drops.
func (k *Kernel) publish(msgType string, parent *wire.Header, content any) {
	if err := k.iopub.Publish(msgType, parent, content); err != nil {
		k.log.Printf("iopub: encoding %s: %v", msgType, err)
		if msgType != "error" {
			k.publish("error", parent, errorContent("EncodingError", fmt.Sprintf("%s: %v", msgType, err), nil))
		}
	}
}

func errorContent(ename, evalue string, traceback []string) map[string]any {
	if traceback == nil {
		traceback = []string{}
	}
	return map[string]any{"ename": ename, "evalue": evalue, "traceback": traceback}
}
