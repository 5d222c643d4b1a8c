package functions

import (
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

func col(v any) (expr.Expr, error) { return dataframe.ToExpr(v) }

func call(name string, args ...any) dataframe.Column {
	es := make([]expr.Expr, len(args))
	for i, a := range args {
		var e expr.Expr
		var err error
		switch x := a.(type) {
		case litArg:
			e = expr.Lit(x.v)
		default:
			e, err = col(a)
		}
		if err != nil {
			return dataframe.ErrColumn(err)
		}
		es[i] = e
	}
	return dataframe.NewColumn(expr.NewCall(name, es...))
}

type litArg struct{ v any }

// Col returns a column by name.
func Col(name string) dataframe.Column {
	e, _ := col(name)
	return dataframe.NewColumn(e)
}

// Column is Col.
func Column(name string) dataframe.Column { return Col(name) }

// Lit returns a literal column (a Column is returned as is).
func Lit(v any) dataframe.Column {
	if c, ok := v.(dataframe.Column); ok {
		return c
	}
	return dataframe.NewColumn(expr.Lit(v))
}

// Expr parses a Spark SQL expression.
func Expr(text string) dataframe.Column {
	e, err := dataframe.ParseExpr(text)
	if err != nil {
		return dataframe.ErrColumn(err)
	}
	return dataframe.NewColumn(e)
}

// When starts a CASE WHEN; chain .When and .Otherwise.
func When(cond dataframe.Column, value any) dataframe.Column {
	if cond.Err() != nil {
		return cond
	}
	v, err := dataframe.ToLitExpr(value)
	if err != nil {
		return dataframe.ErrColumn(err)
	}
	return dataframe.NewColumn(expr.NewCaseWhen([]expr.Expr{cond.Expr()}, []expr.Expr{v}, nil))
}

// Coalesce returns the first non-null column.
func Coalesce(cols ...any) dataframe.Column { return call("coalesce", cols...) }

// Struct builds a struct column.
func Struct(cols ...any) dataframe.Column {
	if len(cols) == 1 {
		if ss, ok := cols[0].([]string); ok {
			cols = nil
			for _, s := range ss {
				cols = append(cols, s)
			}
		}
	}
	return call("struct", cols...)
}

// FromJSON parses a JSON string column with a schema (StructType or DDL
// string); PERMISSIVE: malformed rows give a struct of nulls. options may
// hold a map[string]string (e.g. mode).
func FromJSON(c any, schema any, options ...map[string]string) dataframe.Column {
	e, err := col(c)
	if err != nil {
		return dataframe.ErrColumn(err)
	}
	var s expr.Expr
	switch x := schema.(type) {
	case sqltypes.StructType:
		s = &expr.SchemaLiteral{Schema: x}
	case string:
		s = expr.Lit(x)
	case dataframe.Column:
		s = x.Expr()
	default:
		s = expr.Lit(schema)
	}
	args := []expr.Expr{e, s}
	if len(options) > 0 {
		args = append(args, &expr.OptionsLiteral{Options: options[0]})
	}
	return dataframe.NewColumn(expr.NewCall("from_json", args...))
}

// ToJSON serializes a struct, array or map column to JSON.
func ToJSON(c any) dataframe.Column { return call("to_json", c) }

// SchemaOfJSON returns the DDL schema of a JSON string literal.
func SchemaOfJSON(json any) dataframe.Column {
	if s, ok := json.(string); ok {
		return call("schema_of_json", litArg{s})
	}
	return call("schema_of_json", json)
}

// GetJSONObject extracts a JSON path ($.a.b) as a string.
func GetJSONObject(c any, path string) dataframe.Column {
	return call("get_json_object", c, litArg{path})
}

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

// Count counts non-null values; Count("*") counts rows.
func Count(c any) dataframe.Column { return call("count", c) }

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

// Asc sorts by a column ascending.
func Asc(name string) dataframe.Column { return Col(name).Asc() }

// Desc sorts by a column descending.
func Desc(name string) dataframe.Column { return Col(name).Desc() }

// IsNull tests for null.
func IsNull(c any) dataframe.Column { return call("isnull", c) }
