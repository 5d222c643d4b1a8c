package display

// Func is the type of the display name bound in every cell: calling it shows
// a value, and its methods show one kind of content or create handles.
//
//	display(df)                    // shows a value
//	display.HTML("<b>hi</b>")      // shows HTML
//	h := display.New("starting")   // shows a value and keeps a handle
//	h.Update("done")               // replaces it in place
type Func func(v any)

// Display is the display function bound in every cell. A Live value (a
// running query's status card) keeps updating in place.
var Display Func = func(v any) { Show(Current(), v) }

// HTML shows the HTML s.
func (Func) HTML(s string) { Current().Display(HTMLBundle(s), nil, "") }

// Markdown shows the Markdown s.
func (Func) Markdown(s string) { Current().Display(MarkdownBundle(s), nil, "") }

// JSON shows v as an interactive JSON tree.
func (Func) JSON(v any) { Current().Display(JSONBundle(v), nil, "") }

// VegaLite shows a Vega-Lite v5 chart given as a map, struct or JSON string.
func (Func) VegaLite(spec any) { Current().Display(VegaLiteBundle(spec), nil, "") }

// PNG shows the PNG image b.
func (Func) PNG(b []byte) { Current().Display(PNGBundle(b), nil, "") }

// SVG shows the SVG image s.
func (Func) SVG(s string) { Current().Display(SVGBundle(s), nil, "") }

// Clear clears the cell's output. With wait true, the output is cleared when
// the next output arrives.
func (Func) Clear(wait ...bool) { Current().Clear(len(wait) > 0 && wait[0]) }

// New shows v and returns a handle whose Update replaces it in place.
func (Func) New(v any) *Handle { return NewHandle(v) }

// Bundle returns the MIME bundle that shows v; see the package function.
func (Func) Bundle(v any) MIMEBundle { return Bundle(v) }
