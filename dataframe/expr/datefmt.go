package expr

import (
	"strconv"
	"strings"
	"time"
)

// FormatJavaTime formats t with a Java DateTimeFormatter pattern as Spark's
// date_format does: letters y M d H h m s S a E D z Z X and quoted 'text';
// a run of n letters selects the width or text form as in Java.
func FormatJavaTime(t time.Time, pattern string) string {
	var b strings.Builder
	for i := 0; i < len(pattern); {
		c := pattern[i]
		if c == '\'' {
			j := strings.IndexByte(pattern[i+1:], '\'')
			if j < 0 {
				b.WriteString(pattern[i+1:])
				break
			}
			if j == 0 {
				b.WriteByte('\'')
			} else {
				b.WriteString(pattern[i+1 : i+1+j])
			}
			i += j + 2
			continue
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b.WriteByte(c)
			i++
			continue
		}
		n := 1
		for i+n < len(pattern) && pattern[i+n] == c {
			n++
		}
		i += n
		b.WriteString(javaField(t, c, n))
	}
	return b.String()
}

func pad(v, n int) string {
	s := strconv.Itoa(v)
	for len(s) < n {
		s = "0" + s
	}
	return s
}

func javaField(t time.Time, c byte, n int) string {
	switch c {
	case 'y', 'u':
		if n == 2 {
			return pad(t.Year()%100, 2)
		}
		return pad(t.Year(), n)
	case 'M', 'L':
		switch {
		case n >= 4:
			return t.Month().String()
		case n == 3:
			return t.Month().String()[:3]
		}
		return pad(int(t.Month()), n)
	case 'd':
		return pad(t.Day(), n)
	case 'D':
		return pad(t.YearDay(), n)
	case 'H':
		return pad(t.Hour(), n)
	case 'h':
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		return pad(h, n)
	case 'k':
		h := t.Hour()
		if h == 0 {
			h = 24
		}
		return pad(h, n)
	case 'K':
		return pad(t.Hour()%12, n)
	case 'm':
		return pad(t.Minute(), n)
	case 's':
		return pad(t.Second(), n)
	case 'S':
		frac := pad(t.Nanosecond(), 9)
		if n <= 9 {
			return frac[:n]
		}
		return frac + strings.Repeat("0", n-9)
	case 'a':
		if t.Hour() < 12 {
			return "AM"
		}
		return "PM"
	case 'E':
		if n >= 4 {
			return t.Weekday().String()
		}
		return t.Weekday().String()[:3]
	case 'z':
		name, _ := t.Zone()
		return name
	case 'Z':
		return t.Format("-0700")
	case 'X', 'x':
		if c == 'X' && t.Format("-07:00") == "+00:00" {
			return "Z"
		}
		switch n {
		case 1:
			return t.Format("-07")
		case 2:
			return t.Format("-0700")
		}
		return t.Format("-07:00")
	case 'V':
		return t.Location().String()
	}
	return strings.Repeat(string(c), n)
}
