package functions

import (
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
)

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

// Asc sorts by a column ascending.
func Asc(name string) dataframe.Column { return Col(name).Asc() }

// Desc sorts by a column descending.
func Desc(name string) dataframe.Column { return Col(name).Desc() }

// IsNull tests for null.
func IsNull(c any) dataframe.Column { return call("isnull", c) }
