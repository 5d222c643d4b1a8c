package functions

import (
	"github.com/eddykernel/eddy/dataframe"
)

// CurrentTimestamp returns the query's current time.
func CurrentTimestamp() dataframe.Column { return call("current_timestamp") }

// CurrentDate returns the query's current date.
func CurrentDate() dataframe.Column { return call("current_date") }

// ToTimestamp parses a string into a timestamp, optionally with a Java
// date pattern.
func ToTimestamp(c any, format ...string) dataframe.Column {
	if len(format) > 0 {
		return call("to_timestamp", c, litArg{format[0]})
	}
	return call("to_timestamp", c)
}

// ToDate converts to a date.
func ToDate(c any) dataframe.Column { return call("to_date", c) }

// DateFormat formats a timestamp with a Java date pattern.
func DateFormat(c any, format string) dataframe.Column {
	return call("date_format", c, litArg{format})
}

// Hour returns the hour of a timestamp.
func Hour(c any) dataframe.Column { return call("hour", c) }

// Minute returns the minute of a timestamp.
func Minute(c any) dataframe.Column { return call("minute", c) }

// Year returns the year of a timestamp.
func Year(c any) dataframe.Column { return call("year", c) }

// Window groups rows into tumbling or sliding event-time windows:
// Window(col, "10 minutes"[, slide[, start]]).
func Window(c any, windowDuration string, slideAndStart ...string) dataframe.Column {
	args := []any{c, litArg{windowDuration}}
	for _, s := range slideAndStart {
		args = append(args, litArg{s})
	}
	return call("window", args...)
}
