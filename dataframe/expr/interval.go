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

func isYearMonth(t sqltypes.DataType) bool { return t.Kind() == sqltypes.KindYearMonthInterval }

func isInterval(t sqltypes.DataType) bool { return isDayTime(t) || isYearMonth(t) }

// resolveIntervalArithmetic types + and - with an interval operand:
// datetime ± interval, interval + datetime and interval ± interval of the
// same family. ok is false when neither operand is an interval.
func (a *Arithmetic) resolveIntervalArithmetic(l, r Expr) (Expr, bool, error) {
	lt, rt := l.DataType(), r.DataType()
	if !isInterval(lt) && !isInterval(rt) {
		return nil, false, nil
	}
	if a.Op == "+" || a.Op == "-" {
		switch {
		case isInterval(rt) && !isInterval(lt):
			return timeAdd(l, r, a.Op == "-")
		case a.Op == "+" && isInterval(lt) && !isInterval(rt):
			return timeAdd(r, l, false)
		case a.Op == "-" && isInterval(lt) && !isInterval(rt):
			return nil, true, mismatchInput(a, 1, "", `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`, a.L)
		case isDayTime(lt) && isDayTime(rt):
			x, y := lt.(sqltypes.DayTimeIntervalType), rt.(sqltypes.DayTimeIntervalType)
			t := sqltypes.DayTimeIntervalType{Start: min(x.Start, y.Start), End: max(x.End, y.End)}
			return &Arithmetic{Op: a.Op, L: l, R: r, typ: t}, true, nil
		case isYearMonth(lt) && isYearMonth(rt):
			x, y := lt.(sqltypes.YearMonthIntervalType), rt.(sqltypes.YearMonthIntervalType)
			t := sqltypes.YearMonthIntervalType{Start: min(x.Start, y.Start), End: max(x.End, y.End)}
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
// back to string (a malformed string gives null). A date plus days, or
// plus months, stays a date.
func timeAdd(start, interval Expr, sub bool) (Expr, bool, error) {
	it := interval.DataType()
	if dt, ok := it.(sqltypes.DayTimeIntervalType); ok && start.DataType().Kind() == sqltypes.KindDate &&
		dt.Start == sqltypes.IntervalDay && dt.End == sqltypes.IntervalDay {
		// date ± INTERVAL n DAY stays a date (Spark's date_add).
		return &DateAddDays{Start: start, Interval: interval, Sub: sub}, true, nil
	}
	var t Expr = &TimeAdd{Start: start, Interval: interval, Sub: sub}
	if isYearMonth(it) {
		t = &AddMonths{Start: start, Interval: interval, Sub: sub}
	}
	switch start.DataType().Kind() {
	case sqltypes.KindTimestamp, sqltypes.KindDate:
	case sqltypes.KindNull, sqltypes.KindString:
		cast := &Cast{Child: start, To: sqltypes.TimestampType, Implicit: true}
		if x, ok := t.(*TimeAdd); ok {
			x.Start = cast
		} else {
			t.(*AddMonths).Start = cast
		}
		if start.DataType().Kind() == sqltypes.KindString {
			// Spark casts the string to a timestamp and the sum back to a string.
			return &Cast{Child: t, To: sqltypes.StringType, Implicit: true}, true, nil
		}
	default:
		return nil, true, mismatchInput(t, 1, "", `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`, start)
	}
	return t, true, nil
}

// AddMonths is date or timestamp ± year-month interval (Spark's
// DateAddYMInterval and TimestampAddYMInterval): the months are added to
// the calendar date in the session time zone, and a day past the end of
// the month becomes its last day (2024-01-31 + 1 month = 2024-02-29).
type AddMonths struct {
	Start, Interval Expr
	Sub             bool
}

// Children returns the date or timestamp and the interval.
func (m *AddMonths) Children() []Expr { return []Expr{m.Start, m.Interval} }

// WithChildren replaces the operands.
func (m *AddMonths) WithChildren(k []Expr) Expr {
	return &AddMonths{Start: k[0], Interval: k[1], Sub: m.Sub}
}

// DataType returns the start's type: date or timestamp.
func (m *AddMonths) DataType() sqltypes.DataType {
	if m.Start.DataType().Kind() == sqltypes.KindDate {
		return sqltypes.DateType
	}
	return sqltypes.TimestampType
}

// Nullable is true when an operand is nullable.
func (m *AddMonths) Nullable() bool { return m.Start.Nullable() || m.Interval.Nullable() }

// SQL returns "start + interval" (or " - ").
func (m *AddMonths) SQL() string {
	op := " + "
	if m.Sub {
		op = " - "
	}
	return m.Start.SQL() + op + m.Interval.SQL()
}

// Eval adds the months row by row.
func (m *AddMonths) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	sa, err := m.Start.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	ia, err := m.Interval.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	n := sa.Len()
	valid, nulls := Validity(n, sa, ia)
	months := Values[int32](ia)
	sign := 1
	if m.Sub {
		sign = -1
	}
	if m.DataType().Kind() == sqltypes.KindDate {
		days := Values[int32](sa)
		out := make([]int32, n)
		for i := range out {
			if i < len(days) && i < len(months) {
				d := time.Unix(int64(days[i])*86400, 0).UTC()
				out[i] = int32(floorDiv(addMonthsClamped(d, sign*int(months[i])).Unix(), 86400))
			}
		}
		return MakeFixed(arrow.FixedWidthTypes.Date32, out, valid, nulls), nil
	}
	loc := time.UTC
	if ctx != nil && ctx.Location != nil {
		loc = ctx.Location
	}
	micros := Values[int64](sa)
	out := make([]int64, n)
	for i := range out {
		if i < len(micros) && i < len(months) {
			t := time.UnixMicro(micros[i]).In(loc)
			out[i] = addMonthsClamped(t, sign*int(months[i])).UnixMicro()
		}
	}
	return MakeFixed(sqltypes.ArrowTimestamp, out, valid, nulls), nil
}

// addMonthsClamped adds months to t's calendar date in t's location, as
// java.time's plusMonths does: a day past the target month's end becomes
// its last day.
func addMonthsClamped(t time.Time, months int) time.Time {
	y, mo, d := t.Date()
	total := int(mo) - 1 + months
	ny, nm := y+total/12, total%12
	if nm < 0 {
		nm += 12
		ny--
	}
	last := time.Date(ny, time.Month(nm+2), 0, 0, 0, 0, 0, time.UTC).Day()
	if d > last {
		d = last
	}
	h, mi, s := t.Clock()
	return time.Date(ny, time.Month(nm+1), d, h, mi, s, t.Nanosecond(), t.Location())
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
