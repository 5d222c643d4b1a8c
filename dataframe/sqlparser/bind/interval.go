package bind

import (
	"strconv"

	"github.com/apache/arrow/go/v15/arrow"
	"strings"
	"time"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// intervalUnit is a unit of an interval literal: its length in
// microseconds and the day-time field it belongs to.
type intervalUnit struct {
	micros int64
	field  byte
}

var dayTimeUnits = map[string]intervalUnit{
	"WEEK":        {7 * sqltypes.MicrosPerDay, sqltypes.IntervalDay},
	"DAY":         {sqltypes.MicrosPerDay, sqltypes.IntervalDay},
	"HOUR":        {sqltypes.MicrosPerHour, sqltypes.IntervalHour},
	"MINUTE":      {sqltypes.MicrosPerMinute, sqltypes.IntervalMinute},
	"SECOND":      {sqltypes.MicrosPerSecond, sqltypes.IntervalSecond},
	"MILLISECOND": {1000, sqltypes.IntervalSecond},
	"MICROSECOND": {1, sqltypes.IntervalSecond},
}

// intervalLiteral binds an INTERVAL literal as Spark 3.5 does with ANSI
// intervals: `INTERVAL 1 DAY 2 HOURS`, `INTERVAL '10 minutes'` and
// `INTERVAL '1 02:03' DAY TO MINUTE` become day-time interval literals
// whose type spans the smallest to the largest unit written.
func (b *binder) intervalLiteral(l *sqlparser.Literal) (expr.Expr, error) {
	iv := l.Interval
	if iv.From == "YEAR" && iv.To == "MONTH" || iv.From == "YEAR" && iv.To == "YEAR" || iv.From == "MONTH" && iv.To == "MONTH" {
		months, t, err := yearToMonth(iv.Values[0], iv.From, iv.To)
		if err != nil {
			return nil, sqlparser.ErrorAt(b.sql, l.At, "", err.Error())
		}
		return expr.TypedLit(arrow.MonthInterval(months), t), nil
	}
	if iv.From != "" {
		micros, t, err := unitToUnit(iv.Values[0], iv.From, iv.To)
		if err != nil {
			return nil, sqlparser.ErrorAt(b.sql, l.At, "", err.Error())
		}
		return expr.TypedLit(time.Duration(micros)*time.Microsecond, t), nil
	}
	values, units := iv.Values, iv.Units
	if len(units) == 0 {
		var err error
		if values, units, err = splitIntervalString(values[0]); err != nil {
			return nil, sqlparser.ErrorAt(b.sql, l.At, "", err.Error())
		}
	}
	var micros int64
	var months int64
	var ym, dt bool
	t := sqltypes.DayTimeIntervalType{Start: sqltypes.IntervalSecond, End: sqltypes.IntervalDay}
	ymt := sqltypes.YearMonthIntervalType{Start: sqltypes.IntervalMonth, End: sqltypes.IntervalYear}
	for i, v := range values {
		unit := strings.TrimSuffix(strings.ToUpper(units[i]), "S")
		if unit == "YEAR" || unit == "MONTH" {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32)
			if err != nil {
				return nil, sqlparser.ErrorAt(b.sql, l.At, "", "Error parsing ' "+v+" "+strings.ToLower(unit)+"s' to interval, '"+strings.ToLower(unit)+"s' cannot have fractional part.")
			}
			f := sqltypes.IntervalMonth
			if unit == "YEAR" {
				n, f = 12*n, sqltypes.IntervalYear
			}
			months += n
			ymt.Start, ymt.End = min(ymt.Start, f), max(ymt.End, f)
			ym = true
			continue
		}
		u, ok := dayTimeUnits[unit]
		if !ok {
			return nil, sqlparser.ErrorAt(b.sql, l.At, "", "Error parsing '"+l.Text+"' to interval, invalid unit '"+strings.ToLower(units[i])+"'.")
		}
		dt = true
		n, err := unitValue(v, unit, u)
		if err != nil {
			return nil, sqlparser.ErrorAt(b.sql, l.At, "", err.Error())
		}
		micros += n
		t.Start, t.End = min(t.Start, u.field), max(t.End, u.field)
	}
	if ym && dt {
		return nil, sqlparser.ErrorAt(b.sql, l.At, "", "Cannot mix year-month and day-time fields: "+strings.ToLower(l.Text[:len("interval")])+l.Text[len("interval"):]+".")
	}
	if ym {
		return expr.TypedLit(arrow.MonthInterval(months), ymt), nil
	}
	return expr.TypedLit(time.Duration(micros)*time.Microsecond, t), nil
}

type intervalError string

func (e intervalError) Error() string { return string(e) }

// unitValue converts "5", "-1" or "4.5" (seconds only) of a unit to
// microseconds.
func unitValue(v, unit string, u intervalUnit) (int64, error) {
	s := strings.TrimSpace(v)
	whole, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac && u.micros != sqltypes.MicrosPerSecond {
		return 0, intervalError("Error parsing ' " + s + " " + strings.ToLower(unit) + "s' to interval, '" + strings.ToLower(unit) + "s' cannot have fractional part.")
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, intervalError("Error parsing ' " + s + " " + strings.ToLower(unit) + "s' to interval, invalid value '" + s + "'.")
	}
	micros := n * u.micros
	if hasFrac {
		if len(frac) > 6 {
			frac = frac[:6]
		}
		f, err := strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
		if err != nil {
			return 0, intervalError("Error parsing ' " + s + " seconds' to interval, invalid value '" + s + "'.")
		}
		if strings.HasPrefix(whole, "-") {
			f = -f
		}
		micros += f
	}
	return micros, nil
}

// splitIntervalString splits '1 hour 2 minutes' (optionally prefixed by
// "interval") into values and units.
func splitIntervalString(s string) ([]string, []string, error) {
	f := strings.Fields(s)
	if len(f) > 0 && strings.EqualFold(f[0], "interval") {
		f = f[1:]
	}
	if len(f) == 0 || len(f)%2 != 0 {
		return nil, nil, intervalError("Error parsing '" + s + "' to interval, unrecognized number '" + s + "'.")
	}
	var values, units []string
	for i := 0; i < len(f); i += 2 {
		values = append(values, f[i])
		units = append(units, f[i+1])
	}
	return values, units, nil
}

// unitToUnit parses `'1 02:03:04.5' DAY TO SECOND` and its narrower forms.
func unitToUnit(v, from, to string) (int64, sqltypes.DataType, error) {
	fu, ok1 := dayTimeUnits[from]
	tu, ok2 := dayTimeUnits[to]
	if !ok1 || !ok2 || from == "WEEK" || to == "WEEK" || fu.field > tu.field || from == "MILLISECOND" || from == "MICROSECOND" || to == "MILLISECOND" || to == "MICROSECOND" {
		if from == "YEAR" || from == "MONTH" {
			return 0, nil, unsupported("year-month interval literals (INTERVAL '" + v + "' " + from + " TO " + to + ")")
		}
		return 0, nil, intervalError("Intervals FROM " + strings.ToLower(from) + " TO " + strings.ToLower(to) + " are not supported.")
	}
	t := sqltypes.DayTimeIntervalType{Start: fu.field, End: tu.field}
	bad := intervalError("Interval string does not match day-time format of `" + strings.ToLower(t.SimpleString()[len("interval "):]) + "` when cast to " + strings.ToLower(t.SimpleString()) + ": " + v + ".")
	s := strings.TrimSpace(v)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var parts []string
	rest := s
	if fu.field == sqltypes.IntervalDay && tu.field > sqltypes.IntervalDay {
		d, r, ok := strings.Cut(rest, " ")
		if !ok {
			return 0, nil, bad
		}
		parts, rest = append(parts, d), r
		parts = append(parts, strings.Split(rest, ":")...)
	} else {
		parts = strings.Split(rest, ":")
	}
	if len(parts) != int(tu.field-fu.field)+1 {
		return 0, nil, bad
	}
	lens := []int64{sqltypes.MicrosPerDay, sqltypes.MicrosPerHour, sqltypes.MicrosPerMinute, sqltypes.MicrosPerSecond}
	var micros int64
	for i, p := range parts {
		f := fu.field + byte(i)
		u := intervalUnit{lens[f], f}
		if f != sqltypes.IntervalSecond && strings.Contains(p, ".") || p == "" || strings.ContainsAny(p, "+-") {
			return 0, nil, bad
		}
		n, err := unitValue(p, "second", u)
		if err != nil {
			return 0, nil, bad
		}
		micros += n
	}
	if neg {
		micros = -micros
	}
	return micros, t, nil
}

// yearToMonth parses `'1-2' YEAR TO MONTH` (and '-1-2').
func yearToMonth(v, from, to string) (int32, sqltypes.YearMonthIntervalType, error) {
	t := sqltypes.YearMonthIntervalType{Start: sqltypes.IntervalYear, End: sqltypes.IntervalMonth}
	if from == to {
		if from == "MONTH" {
			t.Start = sqltypes.IntervalMonth
		} else {
			t.End = sqltypes.IntervalYear
		}
	}
	bad := intervalError("Interval string does not match year-month format of `y-m` when cast to " + t.SimpleString() + ": " + v + ".")
	s := strings.TrimSpace(v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	y, m, ok := strings.Cut(s, "-")
	if !ok || from == to {
		return 0, t, bad
	}
	yn, err1 := strconv.ParseInt(y, 10, 32)
	mn, err2 := strconv.ParseInt(m, 10, 32)
	if err1 != nil || err2 != nil || mn > 11 || yn < 0 || mn < 0 {
		return 0, t, bad
	}
	months := int32(yn*12 + mn)
	if neg {
		months = -months
	}
	return months, t, nil
}
