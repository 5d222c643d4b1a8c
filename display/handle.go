package display

// Handle is an output that can be replaced in place. It remembers the
// publisher it was created with, so updates from a background goroutine land
// in the cell that created it.
type Handle struct {
	id  string
	pub Publisher
}

// NewHandle shows v through the current publisher under a fresh display ID
// and returns its handle.
func NewHandle(v any) *Handle {
	h := &Handle{id: NewID(), pub: Current()}
	h.pub.Display(Bundle(v), nil, h.id)
	return h
}

// ID returns the handle's display_id.
func (h *Handle) ID() string { return h.id }

// Update replaces the shown value with v.
func (h *Handle) Update(v any) { h.pub.Update(Bundle(v), nil, h.id) }

// Clear clears the output area of the cell that created the handle.
func (h *Handle) Clear(wait ...bool) { h.pub.Clear(len(wait) > 0 && wait[0]) }

// String describes the handle; it keeps a handle that is a cell's last value
// from echoing its whole content again.
func (h *Handle) String() string { return "display handle " + h.id }
