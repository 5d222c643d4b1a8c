package display

// Live is implemented by values whose display keeps changing after it is
// shown, such as a running streaming query's status card. Shown as a cell's
// last value or through display(v), such a value is not sent once as a
// static bundle: ShowLive displays it through pub under a display ID of its
// own (display_data) and keeps replacing that display (update_display_data,
// with the parent header of the cell that showed it) until the value reaches
// its final state. It returns the bundle it showed first.
type Live interface {
	ShowLive(pub Publisher) MIMEBundle
}

// Show shows v through pub: live when v is Live, else as its Bundle. It
// returns the bundle shown.
func Show(pub Publisher, v any) MIMEBundle {
	if l, ok := v.(Live); ok {
		return l.ShowLive(pub)
	}
	b := Bundle(v)
	pub.Display(b, nil, "")
	return b
}
