package kernel

import "sync"

// comms tracks open comms. Eddy registers no comm targets yet, so a
// comm_open is answered with a comm_close, as ipykernel does for an unknown
// target, and the table stays empty; it exists for the targets to come.
type comms struct {
	mu     sync.Mutex
	open   map[string]string // comm_id → target_name
	target map[string]bool   // registered target names
}

type commMessage struct {
	CommID     string `json:"comm_id"`
	TargetName string `json:"target_name"`
}

func (k *Kernel) commInfo(r *request) {
	var req struct {
		TargetName string `json:"target_name"`
	}
	_ = r.msg.DecodeContent(&req)
	k.comms.mu.Lock()
	out := map[string]any{}
	for id, target := range k.comms.open {
		if req.TargetName == "" || req.TargetName == target {
			out[id] = map[string]string{"target_name": target}
		}
	}
	k.comms.mu.Unlock()
	k.reply(r, map[string]any{"status": "ok", "comms": out})
}

func (k *Kernel) commOpen(r *request) {
	var m commMessage
	if err := r.msg.DecodeContent(&m); err != nil || m.CommID == "" {
		k.log.Printf("comm_open: malformed: %v", err)
		return
	}
	k.comms.mu.Lock()
	known := k.comms.target[m.TargetName]
	if known {
		if k.comms.open == nil {
			k.comms.open = map[string]string{}
		}
		k.comms.open[m.CommID] = m.TargetName
	}
	k.comms.mu.Unlock()
	if !known {
		k.log.Printf("comm_open: no such comm target registered: %q", m.TargetName)
		k.publish("comm_close", &r.msg.Header, map[string]any{"comm_id": m.CommID, "data": map[string]any{}})
	}
}

func (k *Kernel) commMsg(r *request) {
	var m commMessage
	_ = r.msg.DecodeContent(&m)
	k.comms.mu.Lock()
	_, ok := k.comms.open[m.CommID]
	k.comms.mu.Unlock()
	if !ok {
		k.log.Printf("comm_msg: no such comm: %q", m.CommID)
	}
}

func (k *Kernel) commClose(r *request) {
	var m commMessage
	_ = r.msg.DecodeContent(&m)
	k.comms.mu.Lock()
	delete(k.comms.open, m.CommID)
	k.comms.mu.Unlock()
}
