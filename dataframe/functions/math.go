package functions

import (
	"github.com/eddykernel/eddy/dataframe"
)

// Round rounds HALF_UP to scale decimals (default 0).
func Round(c any, scale ...int) dataframe.Column {
	s := 0
	if len(scale) > 0 {
		s = scale[0]
	}
	return call("round", c, litArg{s})
}

// Abs is the absolute value.
func Abs(c any) dataframe.Column { return call("abs", c) }
