package functions

import (
	"github.com/eddykernel/eddy/dataframe"
)

// Concat concatenates strings; null if any input is null.
func Concat(cols ...any) dataframe.Column { return call("concat", cols...) }

// ConcatWS joins strings with a separator, skipping nulls.
func ConcatWS(sep string, cols ...any) dataframe.Column {
	return call("concat_ws", append([]any{litArg{sep}}, cols...)...)
}

// Split splits a string around a regex (RE2; see the package doc).
func Split(c any, pattern string, limit ...int) dataframe.Column {
	if len(limit) > 0 {
		return call("split", c, litArg{pattern}, litArg{limit[0]})
	}
	return call("split", c, litArg{pattern})
}

// Upper upper-cases a string.
func Upper(c any) dataframe.Column { return call("upper", c) }

// Lower lower-cases a string.
func Lower(c any) dataframe.Column { return call("lower", c) }

// Trim removes leading and trailing spaces.
func Trim(c any) dataframe.Column { return call("trim", c) }

// LTrim removes leading spaces.
func LTrim(c any) dataframe.Column { return call("ltrim", c) }

// RTrim removes trailing spaces.
func RTrim(c any) dataframe.Column { return call("rtrim", c) }

// Length returns the character length.
func Length(c any) dataframe.Column { return call("length", c) }

// Substring returns len characters from 1-based pos.
func Substring(c any, pos, length int) dataframe.Column {
	return call("substring", c, litArg{pos}, litArg{length})
}

// RegexpExtract returns group idx of the first match.
func RegexpExtract(c any, pattern string, idx int) dataframe.Column {
	return call("regexp_extract", c, litArg{pattern}, litArg{idx})
}

// RegexpReplace replaces every match.
func RegexpReplace(c any, pattern, replacement string) dataframe.Column {
	return call("regexp_replace", c, litArg{pattern}, litArg{replacement})
}
