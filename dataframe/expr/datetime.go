package expr

import (
	"strconv"
	"strings"
	"time"
)

// ParseTimestamp parses the timestamp strings Spark's cast accepts, in loc
// unless the text carries a zone: "yyyy", "yyyy-[m]m", "yyyy-[m]m-[d]d",
// followed by " " or "T" and "[h]h:[m]m[:[s]s[.ffffff]]", then an optional
// zone ("Z", "UTC", "+hh:mm", "-hhmm", a region id). It returns
// microseconds since the epoch.
func ParseTimestamp(s string, loc *time.Location) (int64, bool) {
	if us, ok := parseTimestampFast(s, loc); ok {
		return us, true
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	i := 0
	num := func(minD, maxD int) (int, bool) {
		j := i
		for j < len(s) && j-i < maxD && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i < minD {
			return 0, false
		}
		v, _ := strconv.Atoi(s[i:j])
		i = j
		return v, true
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i++
	}
	year, ok := num(4, 6)
	if !ok {
		return 0, false
	}
	if neg {
		year = -year
	}
	month, day := 1, 1
	hour, minute, sec, micros := 0, 0, 0, 0
	if i < len(s) && s[i] == '-' {
		i++
		if month, ok = num(1, 2); !ok {
			return 0, false
		}
		if i < len(s) && s[i] == '-' {
			i++
			if day, ok = num(1, 2); !ok {
				return 0, false
			}
		}
	}
	zone := ""
	if i < len(s) && (s[i] == ' ' || s[i] == 'T') {
		i++
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if hour, ok = num(1, 2); !ok {
				return 0, false
			}
			if i >= len(s) || s[i] != ':' {
				return 0, false
			}
			i++
			if minute, ok = num(1, 2); !ok {
				return 0, false
			}
			if i < len(s) && s[i] == ':' {
				i++
				if sec, ok = num(1, 2); !ok {
					return 0, false
				}
				if i < len(s) && s[i] == '.' {
					i++
					j := i
					for j < len(s) && s[j] >= '0' && s[j] <= '9' {
						j++
					}
					frac := s[i:j]
					if len(frac) > 9 {
						return 0, false
					}
					if len(frac) > 6 {
						frac = frac[:6]
					}
					for len(frac) < 6 {
						frac += "0"
					}
					micros, _ = strconv.Atoi(frac)
					i = j
				}
			}
		}
		zone = strings.TrimSpace(s[i:])
	} else if i < len(s) {
		return 0, false
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return 0, false
	}
	if day > daysIn(month, year) {
		return 0, false
	}
	l := loc
	if zone != "" {
		z, ok := parseZone(zone)
		if !ok {
			return 0, false
		}
		l = z
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, micros*1000, l)
	return t.UnixMicro(), true
}

func daysIn(m, y int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

func parseZone(z string) (*time.Location, bool) {
	switch strings.ToUpper(z) {
	case "Z", "UTC", "GMT", "UT":
		return time.UTC, true
	}
	if z[0] == '+' || z[0] == '-' {
		sign := 1
		if z[0] == '-' {
			sign = -1
		}
		d := strings.ReplaceAll(z[1:], ":", "")
		if len(d) != 2 && len(d) != 4 && len(d) != 1 {
			return nil, false
		}
		h, err := strconv.Atoi(d[:min(2, len(d))])
		if err != nil {
			return nil, false
		}
		m := 0
		if len(d) == 4 {
			m, err = strconv.Atoi(d[2:])
			if err != nil {
				return nil, false
			}
		}
		return time.FixedZone(z, sign*(h*3600+m*60)), true
	}
	l, err := time.LoadLocation(z)
	if err != nil {
		return nil, false
	}
	return l, true
}

// ParseDate parses "yyyy[-[m]m[-[d]d]]" optionally followed by " ..." or
// "T...", returning days since the epoch.
func ParseDate(s string) (int32, bool) {
	s = strings.TrimSpace(s)
	if k := strings.IndexAny(s, " T"); k > 0 {
		s = s[:k]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) < 4 {
		return 0, false
	}
	vals := []int{0, 1, 1}
	for i, p := range parts {
		if p == "" || len(p) > 6 || (i > 0 && len(p) > 2) {
			return 0, false
		}
		v, err := strconv.Atoi(p)
		if err != nil {
			return 0, false
		}
		vals[i] = v
	}
	if vals[1] < 1 || vals[1] > 12 || vals[2] < 1 || vals[2] > daysIn(vals[1], vals[0]) {
		return 0, false
	}
	t := time.Date(vals[0], time.Month(vals[1]), vals[2], 0, 0, 0, 0, time.UTC)
	return int32(floorDiv(t.Unix(), 86400)), true
}

// ParseInterval parses Spark's window duration strings such as "10 minutes",
// "1 hour", "30 seconds", "1 day 2 hours" or "interval 5 minutes" into
// microseconds.
func ParseInterval(s string) (int64, bool) {
	f := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	if len(f) > 0 && f[0] == "interval" {
		f = f[1:]
	}
	if len(f) == 0 || len(f)%2 != 0 {
		return 0, false
	}
	var total int64
	for i := 0; i < len(f); i += 2 {
		n, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return 0, false
		}
		unit := strings.TrimSuffix(f[i+1], "s")
		var mul float64
		switch unit {
		case "microsecond":
			mul = 1
		case "millisecond":
			mul = 1e3
		case "second", "sec":
			mul = 1e6
		case "minute", "min":
			mul = 60e6
		case "hour":
			mul = 3600e6
		case "day":
			mul = 86400e6
		case "week":
			mul = 7 * 86400e6
		default:
			return 0, false
		}
		total += int64(n * mul)
	}
	return total, true
}

// parseTimestampFast handles the common "yyyy-MM-dd HH:mm:ss" form in UTC
// without allocating or calling time.Date.
func parseTimestampFast(s string, loc *time.Location) (int64, bool) {
	if loc != time.UTC || len(s) != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
		return 0, false
	}
	d := func(i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
	for _, i := range [...]int{0, 2, 5, 8, 11, 14, 17} {
		if s[i] < '0' || s[i] > '9' || s[i+1] < '0' || s[i+1] > '9' {
			return 0, false
		}
	}
	y, m, dd, hh, mm, ss := d(0)*100+d(2), d(5), d(8), d(11), d(14), d(17)
	if m < 1 || m > 12 || dd < 1 || dd > daysIn(m, y) || hh > 23 || mm > 59 || ss > 59 {
		return 0, false
	}
	days := daysFromCivil(y, m, dd)
	return ((days*24+int64(hh))*60+int64(mm))*60_000_000 + int64(ss)*1_000_000, true
}

// daysFromCivil returns days since 1970-01-01 (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
