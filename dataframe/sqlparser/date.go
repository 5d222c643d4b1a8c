package sqlparser

import "strings"

// ValidDate reports whether s is a date string Spark's DATE literal and
// cast accept (DateTimeUtils.stringToDate): `[+-]yyyy[y...]`,
// `yyyy-[m]m`, `yyyy-[m]m-[d]d`, optionally followed by a space or `T` and
// anything, with surrounding whitespace ignored.
func ValidDate(s string) bool {
	_, _, _, ok := ParseDate(s)
	return ok
}

// ParseDate parses a date string the way Spark's stringToDate does and
// returns its year, month and day.
func ParseDate(s string) (year, month, day int, ok bool) {
	b := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if b == "" {
		return 0, 0, 0, false
	}
	segments := [3]int{1, 1, 1}
	sign := 1
	j := 0
	if b[0] == '-' || b[0] == '+' {
		if b[0] == '-' {
			sign = -1
		}
		j++
	}
	validDigits := func(seg, digits int) bool {
		return seg == 0 && digits >= 4 && digits <= 7 || seg != 0 && digits > 0 && digits <= 2
	}
	i, value, digits := 0, 0, 0
	for j < len(b) && i < 3 && b[j] != ' ' && b[j] != 'T' {
		c := b[j]
		if i < 2 && c == '-' {
			if !validDigits(i, digits) {
				return 0, 0, 0, false
			}
			segments[i] = value
			value, digits = 0, 0
			i++
		} else {
			if c < '0' || c > '9' {
				return 0, 0, 0, false
			}
			value = value*10 + int(c-'0')
			digits++
		}
		j++
	}
	if !validDigits(i, digits) {
		return 0, 0, 0, false
	}
	if i < 2 && j < len(b) {
		return 0, 0, 0, false
	}
	segments[i] = value
	year, month, day = sign*segments[0], segments[1], segments[2]
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return 0, 0, 0, false
	}
	return year, month, day, true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
