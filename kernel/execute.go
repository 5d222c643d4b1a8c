package kernel

import (
	"context"
	"encoding/json"

	"github.com/eddykernel/eddy/display"
	"github.com/eddykernel/eddy/kernel/interp"
)

// executeRequest is the content of an execute_request.
type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      bool              `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

// execute runs a cell: execute_input, the cell's outputs, execute_result or
// error, then the reply. execution_count follows ipykernel: it grows by one
// for each request with store_history (the default); silent implies no
// history and broadcasts neither execute_input nor execute_result.
func (k *Kernel) execute(r *request) {
	var req executeRequest
	if err := r.msg.DecodeContent(&req); err != nil {
		k.replyError(r, errorContent("BadRequest", "execute_request: "+err.Error(), nil))
		return
	}
	storeHistory := !req.Silent && (req.StoreHistory == nil || *req.StoreHistory)
	stopOnError := !req.Silent && (req.StopOnError == nil || *req.StopOnError)
	if storeHistory {
		k.execCount++
	}
	count := k.execCount
	parent := &r.msg.Header
	if !req.Silent {
		k.publish("execute_input", parent, map[string]any{"code": req.Code, "execution_count": count})
	}

	if name, detail, ok := helpTarget(req.Code); ok {
		if storeHistory {
			k.history.add(count, req.Code, "")
		}
		k.reply(r, map[string]any{
			"status":           "ok",
			"execution_count":  count,
			"user_expressions": map[string]any{},
			"payload":          pagePayload(k.help(name, detail)),
		}, map[string]any{"status": "ok"})
		return
	}

	in, err := k.engine()
	if err != nil {
		e := errorContent("InterpreterError", err.Error(), nil)
		k.publish("error", parent, e)
		k.finishError(r, e, count, stopOnError)
		return
	}
	k.running.Store(parent)
	k.lastCell.Store(parent)
	res := in.Execute(context.Background(), parent, req.Code)
	k.running.Store(nil)
	k.syncCapture()

	var output string
	if res.Err != nil {
		e := interpError(res.Err)
		k.publish("error", parent, e)
		if storeHistory {
			k.history.add(count, req.Code, "")
		}
		k.finishError(r, e, count, stopOnError)
		return
	}
	if live, ok := res.Value.(display.Live); ok && res.HasValue && !req.Silent {
		// A live value (a running query's status card) becomes display_data
		// with a display ID that it keeps updating: frontends replace
		// display_data outputs in place, never an execute_result.
		output = live.ShowLive(k.publisherFor(parent)).Text()
	} else if res.HasValue && !req.Silent {
		bundle := display.Bundle(res.Value)
		output = bundle.Text()
		k.publish("execute_result", parent, map[string]any{
			"execution_count": count,
			"data":            bundleJSON(bundle),
			"metadata":        map[string]any{},
		})
	}
	if storeHistory {
		k.history.add(count, req.Code, output)
	}
	k.reply(r, map[string]any{
		"status":           "ok",
		"execution_count":  count,
		"user_expressions": k.userExpressions(in, req.UserExpressions),
		"payload":          []any{},
	}, map[string]any{"status": "ok"})
}

func (k *Kernel) finishError(r *request, e map[string]any, count int, stopOnError bool) {
	content := map[string]any{"status": "error", "execution_count": count}
	for key, v := range e {
		content[key] = v
	}
	// The requests queued before the reply goes out are aborted; what the
	// frontend sends once it has seen the error runs normally.
	if stopOnError {
		k.abortQueued = len(k.shellQueue)
	}
	k.reply(r, content, map[string]any{"status": "error"})
}

func (k *Kernel) replyError(r *request, e map[string]any) {
	content := map[string]any{"status": "error"}
	for key, v := range e {
		content[key] = v
	}
	k.reply(r, content)
}

// userExpressions evaluates the user_expressions of a successful cell.
func (k *Kernel) userExpressions(in *interp.Interpreter, exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, expr := range exprs {
		v, err := in.EvalExpression(expr)
		if err != nil {
			e := interpError(err)
			e["status"] = "error"
			out[name] = e
			continue
		}
		out[name] = map[string]any{"status": "ok", "data": bundleJSON(display.Bundle(v)), "metadata": map[string]any{}}
	}
	return out
}

func interpError(e *interp.Error) map[string]any {
	return errorContent(e.Name, e.Value, e.Traceback)
}

// bundleJSON returns the bundle as JSON, falling back to its text/plain form
// when some entry cannot be encoded.
func bundleJSON(b display.MIMEBundle) json.RawMessage {
	raw, err := json.Marshal(b)
	if err != nil {
		raw, _ = json.Marshal(map[string]string{"text/plain": b.Text()})
	}
	return raw
}

// interrupt stops the running cell; goroutines started by earlier cells go on.
func (k *Kernel) interrupt() {
	select {
	case <-k.ready:
		if k.interp != nil {
			k.interp.Interrupt()
		}
	default:
	}
}
