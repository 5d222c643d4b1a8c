package sqltypes

import (
	"strconv"
	"strings"
)

// The fields of a day-time interval type, in Spark's order (DayTimeIntervalType.DAY ...).
const (
	IntervalDay byte = iota
	IntervalHour
	IntervalMinute
	IntervalSecond
)

var dayTimeFieldNames = [...]string{"day", "hour", "minute", "second"}

// Microseconds per day-time interval field.
const (
	MicrosPerSecond = int64(1_000_000)
	MicrosPerMinute = 60 * MicrosPerSecond
	MicrosPerHour   = 60 * MicrosPerMinute
	MicrosPerDay    = 24 * MicrosPerHour
)

// DayTimeIntervalType is Spark's ANSI day-time interval type, from Start to
// End field (IntervalDay ... IntervalSecond): `interval hour`,
// `interval day to second`. Values are microseconds, stored in Arrow as
// duration[us]; the Go value is a time.Duration.
type DayTimeIntervalType struct{ Start, End byte }

// Kind returns KindDayTimeInterval.
func (t DayTimeIntervalType) Kind() Kind { return KindDayTimeInterval }

// SimpleString returns "interval hour" or "interval day to second".
func (t DayTimeIntervalType) SimpleString() string {
	if t.Start == t.End {
		return "interval " + dayTimeFieldNames[t.Start]
	}
	return "interval " + dayTimeFieldNames[t.Start] + " to " + dayTimeFieldNames[t.End]
}

// TypeName returns the simple string, as Spark's typeName does.
func (t DayTimeIntervalType) TypeName() string { return t.SimpleString() }

// String returns "DayTimeIntervalType(start, end)".
func (t DayTimeIntervalType) String() string {
	return "DayTimeIntervalType(" + strconv.Itoa(int(t.Start)) + ", " + strconv.Itoa(int(t.End)) + ")"
}

// FormatDayTimeInterval renders micros as Spark's ANSI interval literal for
// type t (IntervalUtils.toDayTimeIntervalString): INTERVAL '01' HOUR,
// INTERVAL '1 02:03:04.5' DAY TO SECOND.
func FormatDayTimeInterval(micros int64, t DayTimeIntervalType) string {
	from := strings.ToUpper(dayTimeFieldNames[t.Start])
	post := "' " + from
	if t.Start != t.End {
		post += " TO " + strings.ToUpper(dayTimeFieldNames[t.End])
	}
	sign := ""
	rest := uint64(micros)
	if micros < 0 {
		sign = "-"
		rest = uint64(-micros) // two's complement: MinInt64 stays its magnitude
	}
	var b strings.Builder
	b.WriteString("INTERVAL '")
	b.WriteString(sign)
	lead := []uint64{uint64(MicrosPerDay), uint64(MicrosPerHour), uint64(MicrosPerMinute)}
	for f := t.Start; f <= t.End; f++ {
		if f == IntervalSecond {
			if f != t.Start {
				b.WriteByte(':')
			}
			b.WriteString(formatIntervalSeconds(rest))
			break
		}
		v := rest / lead[f]
		rest %= lead[f]
		switch {
		case f == IntervalDay:
			b.WriteString(strconv.FormatUint(v, 10))
		case f == t.Start:
			b.WriteString(pad2(v))
		default:
			if f == IntervalHour {
				b.WriteByte(' ')
			} else {
				b.WriteByte(':')
			}
			b.WriteString(pad2(v))
		}
	}
	b.WriteString(post)
	return b.String()
}

func pad2(v uint64) string {
	if v < 10 {
		return "0" + strconv.FormatUint(v, 10)
	}
	return strconv.FormatUint(v, 10)
}

// formatIntervalSeconds renders micros as seconds with the fraction's
// trailing zeros stripped and at least two integer digits ("04.5", "00").
func formatIntervalSeconds(micros uint64) string {
	s := pad2(micros / uint64(MicrosPerSecond))
	frac := micros % uint64(MicrosPerSecond)
	if frac == 0 {
		return s
	}
	f := strconv.FormatUint(frac+uint64(MicrosPerSecond), 10)[1:]
	return s + "." + strings.TrimRight(f, "0")
}

// The fields of a year-month interval type (YearMonthIntervalType.YEAR,
// MONTH).
const (
	IntervalYear byte = iota
	IntervalMonth
)

var yearMonthFieldNames = [...]string{"year", "month"}

// YearMonthIntervalType is Spark's ANSI year-month interval type:
// `interval month`, `interval year to month`. Values are months, stored in
// Arrow as month_interval; the Go value is an arrow.MonthInterval.
type YearMonthIntervalType struct{ Start, End byte }

// Kind returns KindYearMonthInterval.
func (t YearMonthIntervalType) Kind() Kind { return KindYearMonthInterval }

// SimpleString returns "interval month" or "interval year to month".
func (t YearMonthIntervalType) SimpleString() string {
	if t.Start == t.End {
		return "interval " + yearMonthFieldNames[t.Start]
	}
	return "interval " + yearMonthFieldNames[t.Start] + " to " + yearMonthFieldNames[t.End]
}

// TypeName returns the simple string, as Spark's typeName does.
func (t YearMonthIntervalType) TypeName() string { return t.SimpleString() }

// String returns "YearMonthIntervalType(start, end)".
func (t YearMonthIntervalType) String() string {
	return "YearMonthIntervalType(" + strconv.Itoa(int(t.Start)) + ", " + strconv.Itoa(int(t.End)) + ")"
}

// FormatYearMonthInterval renders months as Spark's ANSI interval literal
// for type t (IntervalUtils.toYearMonthIntervalString): INTERVAL '1' MONTH,
// INTERVAL '1-2' YEAR TO MONTH.
func FormatYearMonthInterval(months int32, t YearMonthIntervalType) string {
	sign := ""
	abs := int64(months)
	if abs < 0 {
		sign = "-"
		abs = -abs
	}
	year := sign + strconv.FormatInt(abs/12, 10)
	if t.Start != t.End {
		return "INTERVAL '" + year + "-" + strconv.FormatInt(abs%12, 10) + "' YEAR TO MONTH"
	}
	if t.Start == IntervalYear {
		return "INTERVAL '" + year + "' YEAR"
	}
	return "INTERVAL '" + strconv.FormatInt(int64(months), 10) + "' MONTH"
}
