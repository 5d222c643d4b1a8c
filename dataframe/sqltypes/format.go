package sqltypes

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// FormatDouble formats a double as Java's Double.toString does (which Spark
// uses for show() and casts to string): "1.0", "0.001", "1.0E7", "1.0E-4",
// "NaN", "Infinity".
func FormatDouble(f float64) string { return formatJava(f, 64) }

// FormatFloat formats a float as Java's Float.toString does.
func FormatFloat(f float32) string {
	// Java prints integral floats with the exact digits of their value.
	if v := float64(f); v == math.Trunc(v) && math.Abs(v) >= 1e7 && math.Abs(v) < 1e10 {
		digits := strconv.FormatInt(int64(math.Abs(v)), 10)
		exp := len(digits) - 1
		mant := strings.TrimRight(digits[1:], "0")
		if mant == "" {
			mant = "0"
		}
		sign := ""
		if v < 0 {
			sign = "-"
		}
		return sign + digits[:1] + "." + mant + "E" + strconv.Itoa(exp)
	}
	return formatJava(float64(f), 32)
}

func formatJava(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	abs := math.Abs(f)
	if abs >= 1e-3 && abs < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, bits)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(f, 'E', -1, bits) // e.g. 1.2345E+07
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	if exp[0] == '+' {
		exp = exp[1:]
	}
	if neg := exp[0] == '-'; neg {
		exp = "-" + strings.TrimLeft(exp[1:], "0")
	} else {
		exp = strings.TrimLeft(exp, "0")
	}
	return mant + "E" + exp
}

// FormatTimestamp formats microseconds since the epoch in loc as Spark casts
// timestamps to strings: "2020-07-01 00:25:32", with a fraction of up to six
// digits when it is not zero ("...:32.5").
func FormatTimestamp(micros int64, loc *time.Location) string {
	t := time.UnixMicro(micros).In(loc)
	s := t.Format("2006-01-02 15:04:05")
	if frac := micros % 1_000_000; frac != 0 {
		if frac < 0 {
			frac += 1_000_000
		}
		fs := strconv.FormatInt(frac+1_000_000, 10)[1:]
		s += "." + strings.TrimRight(fs, "0")
	}
	return s
}

// FormatDate formats days since the epoch as "yyyy-MM-dd".
func FormatDate(days int32) string {
	return time.Unix(int64(days)*86400, 0).UTC().Format("2006-01-02")
}
