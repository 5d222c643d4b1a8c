package expr

import (
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// TimeAdd is timestamp ± day-time interval (Spark's TimeAdd and
// DatetimeSub): `t + INTERVAL '01' HOUR`. A date operand is cast to a
// timestamp in the session time zone first; the result is a timestamp.
type TimeAdd struct {
	// Start is the timestamp or date operand as written; Interval the
	// day-time interval.
	Start, Interval Expr
	// Sub is set for subtraction.
	Sub bool
}

// Children returns the timestamp and the interval.
func (t *TimeAdd) Children() []Expr { return []Expr{t.Start, t.Interval} }

// WithChildren replaces the operands.
func (t *TimeAdd) WithChildren(k []Expr) Expr {
	return &TimeAdd{Start: k[0], Interval: k[1], Sub: t.Sub}
}

// DataType returns timestamp.
func (t *TimeAdd) DataType() sqltypes.DataType { return sqltypes.TimestampType }

// Nullable is true when an operand is nullable.
func (t *TimeAdd) Nullable() bool { return t.Start.Nullable() || t.Interval.Nullable() }

// SQL returns "start + interval" (or " - "), without parentheses, as Spark
// prints TimeAdd and DatetimeSub.
func (t *TimeAdd) SQL() string {
	op := " + "
	if t.Sub {
		op = " - "
	}
	return t.Start.SQL() + op + t.Interval.SQL()
}

// Eval adds the interval's microseconds to the timestamp's.
func (t *TimeAdd) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	start := t.Start
	if start.DataType().Kind() == sqltypes.KindDate {
		start = &Cast{Child: start, To: sqltypes.TimestampType, Implicit: true}
	}
	sa, err := start.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	op := "+"
	if t.Sub {
		op = "-"
	}
	if v, ok := LiteralValue(t.Interval); ok && v != nil {
		valid, nulls := Validity(sa.Len(), sa)
		return arithScalar(op, sqltypes.ArrowTimestamp, Values[int64](sa), int64(v.(time.Duration)/time.Microsecond), valid, nulls), nil
	}
	ia, err := t.Interval.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	valid, nulls := Validity(sa.Len(), sa, ia)
	return arith(op, sqltypes.ArrowTimestamp, Values[int64](sa), Values[int64](ia), valid, nulls, false), nil
}

func isDayTime(t sqltypes.DataType) bool { return t.Kind() == sqltypes.KindDayTimeInterval }

// resolveIntervalArithmetic types + and - with a day-time interval operand:
// timestamp ± interval, interval + timestamp and interval ± interval. ok is
// false when neither operand is an interval.
func (a *Arithmetic) resolveIntervalArithmetic(l, r Expr) (Expr, bool, error) {
	lt, rt := l.DataType(), r.DataType()
	if !isDayTime(lt) && !isDayTime(rt) {
		return nil, false, nil
	}
	if a.Op == "+" || a.Op == "-" {
		switch {
		case isDayTime(rt) && !isDayTime(lt):
			return timeAdd(l, r, a.Op == "-")
		case a.Op == "+" && isDayTime(lt) && !isDayTime(rt):
			return timeAdd(r, l, false)
		case a.Op == "-" && isDayTime(lt) && !isDayTime(rt):
			return nil, true, mismatchInput(a, 1, "", `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`, a.L)
		default:
			x, y := lt.(sqltypes.DayTimeIntervalType), rt.(sqltypes.DayTimeIntervalType)
			t := sqltypes.DayTimeIntervalType{Start: min(x.Start, y.Start), End: max(x.End, y.End)}
			return &Arithmetic{Op: a.Op, L: l, R: r, typ: t}, true, nil
		}
	}
	if sqltypes.Equal(lt, rt) {
		// interval * interval, ...
		return nil, true, mismatchInput(a, 1, "", `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`, a.L)
	}
	return nil, true, mismatchBinary(a, lt, rt)
}

// timeAdd types start ± interval: a date or timestamp start as it is, a
// null one cast to timestamp, a string one cast to timestamp and the result
// back to string (a malformed string gives null).
func timeAdd(start, interval Expr, sub bool) (Expr, bool, error) {
	if it, ok := interval.DataType().(sqltypes.DayTimeIntervalType); ok && start.DataType().Kind() == sqltypes.KindDate &&
		it.Start == sqltypes.IntervalDay && it.End == sqltypes.IntervalDay {
		// date ± INTERVAL n DAY stays a date (Spark's date_add).
		return &DateAddDays{Start: start, Interval: interval, Sub: sub}, true, nil
	}
	t := &TimeAdd{Start: start, Interval: interval, Sub: sub}
	switch start.DataType().Kind() {
	case sqltypes.KindTimestamp, sqltypes.KindDate:
	case sqltypes.KindNull:
		t.Start = &Cast{Child: start, To: sqltypes.TimestampType, Implicit: true}
	case sqltypes.KindString:
		// Spark casts the string to a timestamp and the sum back to a string.
		t.Start = &Cast{Child: start, To: sqltypes.TimestampType, Implicit: true}
		return &Cast{Child: t, To: sqltypes.StringType, Implicit: true}, true, nil
	default:
		return nil, true, mismatchInput(t, 1, "", `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`, start)
	}
	return t, true, nil
}

// DateAddDays is date ± a day interval (INTERVAL n DAY), a date, as Spark
// rewrites it: date_add(d, extractansiintervaldays(INTERVAL 'n' DAY)).
type DateAddDays struct {
	Start, Interval Expr
	Sub             bool
}

// Children returns the date and the interval.
func (d *DateAddDays) Children() []Expr { return []Expr{d.Start, d.Interval} }

// WithChildren replaces the operands.
func (d *DateAddDays) WithChildren(k []Expr) Expr {
	return &DateAddDays{Start: k[0], Interval: k[1], Sub: d.Sub}
}

// DataType returns date.
func (d *DateAddDays) DataType() sqltypes.DataType { return sqltypes.DateType }

// Nullable is true when an operand is nullable.
func (d *DateAddDays) Nullable() bool { return d.Start.Nullable() || d.Interval.Nullable() }

// SQL returns Spark's text: date_add(d, extractansiintervaldays(i)), with
// the days negated for subtraction.
func (d *DateAddDays) SQL() string {
	days := "extractansiintervaldays(" + d.Interval.SQL() + ")"
	if d.Sub {
		days = "(- " + days + ")"
	}
	return "date_add(" + d.Start.SQL() + ", " + days + ")"
}

// Eval adds whole days to the dates.
func (d *DateAddDays) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	da, err := d.Start.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	ia, err := d.Interval.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	n := da.Len()
	valid, nulls := Validity(n, da, ia)
	dates, micros := Values[int32](da), Values[int64](ia)
	out := make([]int32, n)
	for i := range out {
		if i >= len(dates) || i >= len(micros) {
			break
		}
		days := int32(micros[i] / sqltypes.MicrosPerDay)
		if d.Sub {
			days = -days
		}
		out[i] = dates[i] + days
	}
	return MakeFixed(arrow.FixedWidthTypes.Date32, out, valid, nulls), nil
}
