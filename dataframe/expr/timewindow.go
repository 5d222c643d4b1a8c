package expr

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// WindowType is the type of window(...): struct<start:timestamp,end:timestamp>.
var WindowType = sqltypes.StructType{Fields: []sqltypes.StructField{
	{Name: "start", DataType: sqltypes.TimestampType, Nullable: true},
	{Name: "end", DataType: sqltypes.TimestampType, Nullable: true},
}}

// TimeWindow is window(ts, windowDuration[, slideDuration[, startTime]]).
// As an expression it yields the first window a row falls in; grouping by a
// sliding window (Slide < Size) expands each row into every window that
// contains it, which the aggregation operator does with Windows.
type TimeWindow struct {
	TS                  Expr
	Size, Slide, Offset int64 // microseconds
}

// NewTimeWindow returns a window expression; durations are Spark interval
// strings ("10 minutes"). slide and start may be "".
func NewTimeWindow(ts Expr, size, slide, start string) (*TimeWindow, error) {
	w := &TimeWindow{TS: ts}
	var ok bool
	if w.Size, ok = ParseInterval(size); !ok || w.Size <= 0 {
		return nil, badInterval(size)
	}
	w.Slide = w.Size
	if slide != "" {
		if w.Slide, ok = ParseInterval(slide); !ok || w.Slide <= 0 {
			return nil, badInterval(slide)
		}
		if w.Slide > w.Size {
			return nil, sparkerr.Analysis("", "The slide duration (%d) must be less than or equal to the windowDuration (%d).", w.Slide, w.Size)
		}
	}
	if start != "" {
		if w.Offset, ok = ParseInterval(start); !ok {
			return nil, badInterval(start)
		}
	}
	return w, nil
}

// Children returns the time column.
func (w *TimeWindow) Children() []Expr { return []Expr{w.TS} }

// WithChildren replaces the time column.
func (w *TimeWindow) WithChildren(k []Expr) Expr {
	c := *w
	c.TS = k[0]
	return &c
}

// DataType returns the window struct type.
func (w *TimeWindow) DataType() sqltypes.DataType { return WindowType }

// Nullable returns false, as Spark's window column is declared.
func (w *TimeWindow) Nullable() bool { return false }

// SQL returns "window".
func (w *TimeWindow) SQL() string { return "window" }

func (w *TimeWindow) resolve() (Expr, error) {
	k := w.TS.DataType().Kind()
	if k != sqltypes.KindTimestamp {
		if k == sqltypes.KindString || k == sqltypes.KindDate {
			c := *w
			c.TS = castIfNeeded(w.TS, sqltypes.TimestampType)
			return &c, nil
		}
		return nil, mismatchInput(w, 1, "", `"TIMESTAMP"`, w.TS)
	}
	return w, nil
}

// Count returns how many windows contain each timestamp.
func (w *TimeWindow) Count() int {
	return int((w.Size + w.Slide - 1) / w.Slide)
}

// Windows returns, for window number k (0 = the latest start), the window
// start of timestamp ts, and whether ts lies in it.
func (w *TimeWindow) Windows(ts int64, k int) (int64, bool) {
	last := ts - mod(ts-w.Offset, w.Slide)
	start := last - int64(k)*w.Slide
	return start, ts >= start && ts < start+w.Size
}

func mod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// EvalWindow returns the struct array of window number k for every row, with
// nulls where the row's timestamp is null or not inside that window.
func (w *TimeWindow) EvalWindow(ctx *Context, b arrow.Record, k int) (arrow.Array, []bool, error) {
	a, err := w.TS.Eval(ctx, b)
	if err != nil {
		return nil, nil, err
	}
	n := a.Len()
	ts := Values[int64](a)
	starts := make([]int64, n)
	ends := make([]int64, n)
	keep := make([]bool, n)
	for i := 0; i < n; i++ {
		if IsNullAt(a, i) {
			continue
		}
		s, ok := w.Windows(ts[i], k)
		starts[i], ends[i], keep[i] = s, s+w.Size, ok
	}
	valid, nulls := Validity(n, a)
	sa := MakeFixed(sqltypes.ArrowTimestamp, starts, nil, 0)
	ea := MakeFixed(sqltypes.ArrowTimestamp, ends, nil, 0)
	st, err := StructFromArrays(WindowType, []arrow.Array{sa, ea}, nil)
	if err != nil {
		return nil, nil, err
	}
	if nulls > 0 {
		d := st.Data()
		st = array.MakeFromData(array.NewData(d.DataType(), n, []*memory.Buffer{valid}, d.Children(), nulls, 0))
	}
	return st, keep, nil
}

// Eval returns each row's first window.
func (w *TimeWindow) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	a, _, err := w.EvalWindow(ctx, b, 0)
	return a, err
}

func badInterval(s string) error {
	return sparkerr.Analysis("CANNOT_PARSE_INTERVAL", "Unable to parse '%s'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.", s)
}
