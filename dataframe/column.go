package dataframe

import (
	"fmt"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Column is an expression over a DataFrame's columns, as returned by F.Col,
// df.Col and the operators below. A Column built from invalid input carries
// the error, which surfaces when a DataFrame uses it.
type Column struct {
	expr expr.Expr
	err  error
}

// NewColumn wraps an expression (for the SQL binder and package functions).
func NewColumn(e expr.Expr) Column { return Column{expr: e} }

// ErrColumn returns a Column that carries an error.
func ErrColumn(err error) Column {
	reportError(err)
	return Column{err: err}
}

// Expr returns the column's expression tree.
func (c Column) Expr() expr.Expr { return c.expr }

// Err returns the error the column carries, if any.
func (c Column) Err() error { return c.err }

// String returns PySpark's repr: Column<'(a + 1)'>.
func (c Column) String() string {
	if c.err != nil {
		return "Column<error: " + c.err.Error() + ">"
	}
	return "Column<'" + columnSQL(c.expr) + "'>"
}

// columnSQL is Spark's toPrettySQL of a column: like Expr.SQL, except that
// aliases at the top show as "child AS name", as PySpark prints them.
func columnSQL(e expr.Expr) string {
	a, ok := e.(*expr.Alias)
	if !ok {
		return e.SQL()
	}
	return columnSQL(a.Child) + " AS " + quoteIfNeeded(a.Name)
}

// quoteIfNeeded back-quotes a name unless it is a plain identifier, as
// Spark's quoteIfNeeded does.
func quoteIfNeeded(name string) string {
	for i, r := range name {
		plain := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !plain {
			return sparkerr.Quote(name)
		}
	}
	if name == "" {
		return "``"
	}
	return name
}

// ToExpr converts a column argument (a Column or a column name) into an
// expression.
func ToExpr(v any) (expr.Expr, error) {
	switch x := v.(type) {
	case Column:
		return x.expr, x.err
	case *Column:
		return x.expr, x.err
	case string:
		if x == "*" {
			return &expr.Star{}, nil
		}
		if len(x) > 2 && x[len(x)-2:] == ".*" {
			return &expr.Star{Target: expr.SplitName(x[:len(x)-2])}, nil
		}
		return expr.Col(x), nil
	case expr.Expr:
		return x, nil
	}
	return nil, sparkerr.IllegalArgument("[NOT_COLUMN_OR_STR] Argument `col` should be a Column or str, got %T.", v)
}

// ToLitExpr converts an operand (a Column or a Go value, a literal) into an
// expression.
func ToLitExpr(v any) (expr.Expr, error) {
	switch x := v.(type) {
	case Column:
		return x.expr, x.err
	case *Column:
		return x.expr, x.err
	case expr.Expr:
		return x, nil
	}
	return expr.Lit(v), nil
}

func (c Column) with(f func(e expr.Expr) (expr.Expr, error)) Column {
	if c.err != nil {
		return c
	}
	e, err := f(c.expr)
	if err != nil {
		return ErrColumn(err)
	}
	return Column{expr: e}
}

func (c Column) binary(other any, f func(l, r expr.Expr) expr.Expr) Column {
	return c.with(func(l expr.Expr) (expr.Expr, error) {
		r, err := ToLitExpr(other)
		if err != nil {
			return nil, err
		}
		return f(l, r), nil
	})
}

// Alias names the column: col.alias("x").
func (c Column) Alias(name string) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return expr.NewAlias(e, name), nil })
}

// Name is Alias.
func (c Column) Name(name string) Column { return c.Alias(name) }

// Cast converts to a type: a DataType or a type name such as "int",
// "string", "timestamp", "array<string>".
func (c Column) Cast(t any) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) {
		dt, err := toDataType(t)
		if err != nil {
			return nil, err
		}
		return expr.NewCast(e, dt), nil
	})
}

// AsType is Cast.
func (c Column) AsType(t any) Column { return c.Cast(t) }

func toDataType(t any) (sqltypes.DataType, error) {
	switch x := t.(type) {
	case sqltypes.DataType:
		return x, nil
	case string:
		dt, err := sqltypes.ParseType(x)
		if err != nil {
			return nil, err
		}
		return dt, nil
	}
	return nil, sparkerr.IllegalArgument("[NOT_DATATYPE_OR_STR] Argument `dataType` should be a DataType or str, got %T.", t)
}

// GetItem returns element key of an array (0-based) or the value of a map key.
func (c Column) GetItem(key any) Column {
	return c.binary(key, func(l, r expr.Expr) expr.Expr { return expr.NewGetItem(l, r) })
}

// GetField returns a struct field.
func (c Column) GetField(name string) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return expr.NewGetField(e, name), nil })
}

// Eq is ==.
func (c Column) Eq(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewComparison("=", l, r) })
}

// EqNullSafe is <=>.
func (c Column) EqNullSafe(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewComparison("<=>", l, r) })
}

// NotEq is !=, which Spark writes as NOT (a = b).
func (c Column) NotEq(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return &expr.Not{Child: expr.NewComparison("=", l, r)} })
}

// Gt is >.
func (c Column) Gt(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewComparison(">", l, r) })
}

// Ge is >=.
func (c Column) Ge(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewComparison(">=", l, r) })
}

// Lt is <.
func (c Column) Lt(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewComparison("<", l, r) })
}

// Le is <=.
func (c Column) Le(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewComparison("<=", l, r) })
}

// And is & (three-valued).
func (c Column) And(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewLogical("AND", l, r) })
}

// Or is | (three-valued).
func (c Column) Or(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewLogical("OR", l, r) })
}

// Not is ~.
func (c Column) Not() Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return &expr.Not{Child: e}, nil })
}

// Plus is +.
func (c Column) Plus(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewArithmetic("+", l, r) })
}

// Minus is -.
func (c Column) Minus(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewArithmetic("-", l, r) })
}

// Multiply is *.
func (c Column) Multiply(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewArithmetic("*", l, r) })
}

// Divide is / (always a double).
func (c Column) Divide(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewArithmetic("/", l, r) })
}

// Mod is %.
func (c Column) Mod(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewArithmetic("%", l, r) })
}

// Negate is unary minus.
func (c Column) Negate() Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return &expr.Negate{Child: e}, nil })
}

// IsNull is "IS NULL".
func (c Column) IsNull() Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return &expr.IsNull{Child: e}, nil })
}

// IsNotNull is "IS NOT NULL".
func (c Column) IsNotNull() Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return &expr.IsNull{Child: e, Negated: true}, nil })
}

// IsIn is "IN (values...)"; a single slice argument is expanded.
func (c Column) IsIn(values ...any) Column {
	if len(values) == 1 {
		if xs := expandSlice(values[0]); xs != nil {
			values = xs
		}
	}
	return c.with(func(e expr.Expr) (expr.Expr, error) {
		list := make([]expr.Expr, len(values))
		for i, v := range values {
			x, err := ToLitExpr(v)
			if err != nil {
				return nil, err
			}
			list[i] = x
		}
		return expr.NewIn(e, list...), nil
	})
}

// Like is SQL LIKE with % and _ wildcards.
func (c Column) Like(pattern string) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return expr.NewCall("like", e, expr.Lit(pattern)), nil })
}

// ILike is case-insensitive LIKE.
func (c Column) ILike(pattern string) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return expr.NewCall("ilike", e, expr.Lit(pattern)), nil })
}

// RLike matches a regular expression (Go RE2 syntax; see package functions).
func (c Column) RLike(pattern string) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return expr.NewCall("rlike", e, expr.Lit(pattern)), nil })
}

// Contains tests for a substring.
func (c Column) Contains(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewCall("contains", l, r) })
}

// StartsWith tests a prefix.
func (c Column) StartsWith(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewCall("startswith", l, r) })
}

// EndsWith tests a suffix.
func (c Column) EndsWith(o any) Column {
	return c.binary(o, func(l, r expr.Expr) expr.Expr { return expr.NewCall("endswith", l, r) })
}

// Substr returns the substring from 1-based pos of length n.
func (c Column) Substr(pos, n any) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) {
		p, err := ToLitExpr(pos)
		if err != nil {
			return nil, err
		}
		l, err := ToLitExpr(n)
		if err != nil {
			return nil, err
		}
		return expr.NewCall("substring", e, p, l), nil
	})
}

// Between is lower <= c AND c <= upper.
func (c Column) Between(lower, upper any) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) {
		lo, err := ToLitExpr(lower)
		if err != nil {
			return nil, err
		}
		hi, err := ToLitExpr(upper)
		if err != nil {
			return nil, err
		}
		return expr.NewLogical("AND", expr.NewComparison(">=", e, lo), expr.NewComparison("<=", e, hi)), nil
	})
}

// Asc sorts ascending, nulls first.
func (c Column) Asc() Column { return c.sortKey(true, true) }

// AscNullsFirst sorts ascending, nulls first.
func (c Column) AscNullsFirst() Column { return c.sortKey(true, true) }

// AscNullsLast sorts ascending, nulls last.
func (c Column) AscNullsLast() Column { return c.sortKey(true, false) }

// Desc sorts descending, nulls last.
func (c Column) Desc() Column { return c.sortKey(false, false) }

// DescNullsFirst sorts descending, nulls first.
func (c Column) DescNullsFirst() Column { return c.sortKey(false, true) }

// DescNullsLast sorts descending, nulls last.
func (c Column) DescNullsLast() Column { return c.sortKey(false, false) }

func (c Column) sortKey(asc, nullsFirst bool) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) { return expr.NewSortKey(e, asc, nullsFirst), nil })
}

// When adds a branch to a CASE built by F.When.
func (c Column) When(cond Column, value any) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) {
		cw, ok := e.(*expr.CaseWhen)
		if !ok || cw.Else != nil {
			return nil, sparkerr.IllegalArgument("when() can only be applied on a Column previously generated by when() function")
		}
		if cond.err != nil {
			return nil, cond.err
		}
		v, err := ToLitExpr(value)
		if err != nil {
			return nil, err
		}
		return expr.NewCaseWhen(append(append([]expr.Expr{}, cw.Conds...), cond.expr), append(append([]expr.Expr{}, cw.Values...), v), nil), nil
	})
}

// Otherwise sets the ELSE value of a CASE built by F.When.
func (c Column) Otherwise(value any) Column {
	return c.with(func(e expr.Expr) (expr.Expr, error) {
		cw, ok := e.(*expr.CaseWhen)
		if !ok || cw.Else != nil {
			return nil, sparkerr.IllegalArgument("otherwise() can only be applied on a Column previously generated by when()")
		}
		v, err := ToLitExpr(value)
		if err != nil {
			return nil, err
		}
		return expr.NewCaseWhen(cw.Conds, cw.Values, v), nil
	})
}

// Over is not supported yet: window functions over partitions.
func (c Column) Over(window ...any) Column {
	return ErrColumn(sparkerr.Analysis("UNSUPPORTED_FEATURE", "Window functions (Column.Over) are not supported by Eddy yet."))
}

func expandSlice(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []int:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []int64:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []float64:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	}
	return nil
}

var _ = fmt.Sprint
