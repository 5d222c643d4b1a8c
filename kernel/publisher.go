package kernel

import (
	"github.com/eddykernel/eddy/display"
	"github.com/eddykernel/eddy/kernel/interp"
	"github.com/eddykernel/eddy/kernel/wire"
)

// cellPublisher is the display.Publisher of one cell: it sends display_data,
// update_display_data and clear_output with the cell's parent header.
type cellPublisher struct {
	k      *Kernel
	parent *wire.Header
}

type displayContent struct {
	Data      display.MIMEBundle `json:"data"`
	Metadata  display.Metadata   `json:"metadata"`
	Transient map[string]string  `json:"transient"`
}

func newDisplayContent(data display.MIMEBundle, md display.Metadata, id string) displayContent {
	if md == nil {
		md = display.Metadata{}
	}
	if data == nil {
		data = display.MIMEBundle{}
	}
	c := displayContent{Data: data, Metadata: md, Transient: map[string]string{}}
	if id != "" {
		c.Transient["display_id"] = id
	}
	return c
}

// Display sends display_data.
func (p cellPublisher) Display(data display.MIMEBundle, md display.Metadata, displayID string) {
	p.k.publish("display_data", p.parent, newDisplayContent(data, md, displayID))
}

// Update sends update_display_data; a queued update of the same display that
// a slow frontend has not received yet is replaced.
func (p cellPublisher) Update(data display.MIMEBundle, md display.Metadata, displayID string) {
	if err := p.k.iopub.UpdateDisplay(p.parent, displayID, newDisplayContent(data, md, displayID)); err != nil {
		p.k.publish("error", p.parent, errorContent("EncodingError", "update_display_data: "+err.Error(), nil))
	}
}

// Clear sends clear_output.
func (p cellPublisher) Clear(wait bool) {
	p.k.publish("clear_output", p.parent, map[string]bool{"wait": wait})
}

// publisherFor returns the publisher of the cell whose parent header is
// origin, or of the last cell when origin is not one.
func (k *Kernel) publisherFor(origin interp.Origin) display.Publisher {
	h, _ := origin.(*wire.Header)
	if h == nil {
		h = k.lastCell.Load()
	}
	return cellPublisher{k: k, parent: h}
}

// currentPublisher is the display resolver: the publisher of the cell the
// calling code belongs to.
func (k *Kernel) currentPublisher() display.Publisher {
	return k.publisherFor(k.interp.CurrentOrigin())
}

// interpOutput sends text written by interpreted code as a stream message.
func (k *Kernel) interpOutput(origin interp.Origin, stream, text string) {
	h, _ := origin.(*wire.Header)
	if h == nil {
		h = k.lastCell.Load()
	}
	k.iopub.Stream(h, stream, []byte(text))
}

// goroutinePanic reports a panic in a goroutine started by a cell as an
// error output of that cell.
func (k *Kernel) goroutinePanic(origin interp.Origin, err *interp.Error) {
	h, _ := origin.(*wire.Header)
	if h == nil {
		h = k.lastCell.Load()
	}
	k.publish("error", h, interpError(err))
}

// streamCaptured sends text captured from file descriptor 1 or 2 to the
// running cell, or to the last cell when none runs.
func (k *Kernel) streamCaptured(stream string, text []byte) {
	h := k.running.Load()
	if h == nil {
		h = k.lastCell.Load()
	}
	k.iopub.Stream(h, stream, text)
}
