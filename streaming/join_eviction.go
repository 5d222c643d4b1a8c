package streaming

import (
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/exec"
	"github.com/eddykernel/eddy/dataframe/expr"
)

// A stream-stream join keeps both sides' rows as state. As in Spark's
// StreamingSymmetricHashJoinHelper, a conjunct of the join condition that
// bounds one side's event time from below by the other side's, such as
// `clickTime >= impTime` or `impTime > clickTime - interval 1 hour`, lets
// state be evicted: rows of the other side that are still to come have event
// times above the watermark, so a stored row whose event time is at or
// below (watermark + offset) can never match again.

// timeBound is the eviction bound that one conjunct gives a side: rows with
// event time <= watermark + offset can be evicted.
type timeBound struct {
	offset int64 // microseconds
	ok     bool
}

// tighter keeps the larger of two bounds (each alone is safe).
func (b timeBound) tighter(o timeBound) timeBound {
	if !o.ok || (b.ok && b.offset >= o.offset) {
		return b
	}
	return o
}

// joinTimeBounds derives the eviction bounds of the left and right state
// from cond (over left++right; nLeft left columns) given each side's
// event-time column (-1 when the side has no watermark).
func joinTimeBounds(cond expr.Expr, nLeft, lEvt, rEvt int) (left, right timeBound) {
	if cond == nil || lEvt < 0 || rEvt < 0 {
		return
	}
	lCol, rCol := lEvt, nLeft+rEvt
	for _, c := range conjuncts(cond) {
		cmp, ok := c.(*expr.Comparison)
		if !ok {
			continue
		}
		a, ca, okA := timeTerm(cmp.L)
		b, cb, okB := timeTerm(cmp.R)
		if !okA || !okB {
			continue
		}
		// a op b + c
		c := cb - ca
		op := cmp.Op
		switch {
		case a == lCol && b == rCol:
		case a == rCol && b == lCol:
			// Swap so that a is the left column.
			a, b, c, op = b, a, -c, flip(op)
		default:
			continue
		}
		// left op right + c.
		if lb, ok := lowerBound(op, c); ok {
			left = left.tighter(lb)
		}
		// right flip(op) left - c.
		if rb, ok := lowerBound(flip(op), -c); ok {
			right = right.tighter(rb)
		}
	}
	return
}

// lowerBound is the bound for x when `x op y + c`: for > and >= (and =)
// x is bounded below by y + c, and since every future y is above the
// watermark, Spark evicts x <= wm + c (strict) or x <= wm + c - 1ms.
func lowerBound(op string, c int64) (timeBound, bool) {
	switch op {
	case ">":
		return timeBound{offset: c, ok: true}, true
	case ">=", "=", "<=>":
		return timeBound{offset: c - int64(time.Millisecond/time.Microsecond), ok: true}, true
	}
	return timeBound{}, false
}

func flip(op string) string {
	switch op {
	case "<":
		return ">"
	case "<=":
		return ">="
	case ">":
		return "<"
	case ">=":
		return "<="
	}
	return op
}

// conjuncts splits a condition at its ANDs.
func conjuncts(e expr.Expr) []expr.Expr {
	if l, ok := e.(*expr.Logical); ok && l.Op == "AND" {
		return append(conjuncts(l.L), conjuncts(l.R)...)
	}
	return []expr.Expr{e}
}

// timeTerm reads e as column + constant microseconds: a column, or a
// column plus or minus day-time interval literals.
func timeTerm(e expr.Expr) (col int, offset int64, ok bool) {
	switch x := e.(type) {
	case *expr.BoundRef:
		return x.Ordinal, 0, true
	case *expr.TimeAdd:
		v, isLit := expr.LiteralValue(x.Interval)
		d, isDur := v.(time.Duration)
		if !isLit || !isDur {
			return 0, 0, false
		}
		col, off, ok := timeTerm(x.Start)
		if x.Sub {
			d = -d
		}
		return col, off + int64(d/time.Microsecond), ok
	}
	return 0, 0, false
}

// evictRows drops, from recs, the rows whose event time (column col) is at
// or below bound; it returns the kept records and the number dropped.
func evictRows(recs []arrow.Record, col int, bound int64) ([]arrow.Record, int64, error) {
	var out []arrow.Record
	var removed int64
	for _, r := range recs {
		a := r.Column(col)
		vals := expr.Values[int64](a)
		n := 0
		for i, v := range vals {
			if !a.IsNull(i) && v <= bound {
				n++
			}
		}
		if n == 0 {
			out = append(out, r)
			continue
		}
		removed += int64(n)
		if n == len(vals) {
			continue
		}
		keep := make([]bool, len(vals))
		for i, v := range vals {
			keep[i] = a.IsNull(i) || v > bound
		}
		fr, err := exec.FilterRecord(r, boolArray(keep))
		if err != nil {
			return nil, 0, err
		}
		out = append(out, fr)
	}
	return out, removed, nil
}
