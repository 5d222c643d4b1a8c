package functions

import (
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
)

// Count counts non-null values. Count("*") counts rows: as in Spark's
// functions.count, it becomes count(1).
func Count(c any) dataframe.Column {
	if c == "*" {
		return call("count", Lit(1))
	}
	return call("count", c)
}

// CountDistinct counts distinct values: count(DISTINCT x).
func CountDistinct(cols ...any) dataframe.Column {
	c := call("count", cols...)
	if cl, ok := c.Expr().(*expr.Call); ok {
		cl.Distinct = true
	}
	return c
}

// Sum sums a column.
func Sum(c any) dataframe.Column { return call("sum", c) }

// SumDistinct sums distinct values.
func SumDistinct(c any) dataframe.Column {
	col := call("sum", c)
	if cl, ok := col.Expr().(*expr.Call); ok {
		cl.Distinct = true
	}
	return col
}

// Avg averages a column.
func Avg(c any) dataframe.Column { return call("avg", c) }

// Mean is Avg.
func Mean(c any) dataframe.Column { return call("avg", c) }

// Min takes the minimum.
func Min(c any) dataframe.Column { return call("min", c) }

// Max takes the maximum.
func Max(c any) dataframe.Column { return call("max", c) }

// First takes the first value of each group; First(c, true) skips nulls.
func First(c any, ignoreNulls ...bool) dataframe.Column {
	if len(ignoreNulls) > 0 {
		return call("first", c, litArg{ignoreNulls[0]})
	}
	return call("first", c)
}

// Last takes the last value of each group; Last(c, true) skips nulls.
func Last(c any, ignoreNulls ...bool) dataframe.Column {
	if len(ignoreNulls) > 0 {
		return call("last", c, litArg{ignoreNulls[0]})
	}
	return call("last", c)
}

// CollectList gathers the non-null values of each group.
func CollectList(c any) dataframe.Column { return call("collect_list", c) }

// CollectSet gathers the distinct non-null values of each group.
func CollectSet(c any) dataframe.Column { return call("collect_set", c) }

// ApproxCountDistinct counts distinct values (exactly, in Eddy).
func ApproxCountDistinct(c any) dataframe.Column { return call("approx_count_distinct", c) }
