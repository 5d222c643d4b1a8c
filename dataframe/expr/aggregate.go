package expr

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// AggregateFunc is a resolved aggregate: count, sum, avg, min, max, first,
// last, collect_list, approx_count_distinct, optionally DISTINCT. The
// aggregation operator evaluates Arg and folds it into per-group state
// (see package exec); AggregateFunc itself cannot be evaluated row-wise.
type AggregateFunc struct {
	Func     string
	Arg      Expr // nil for count(*)
	Distinct bool
	typ      sqltypes.DataType
	star     bool
	multi    bool
	// IgnoreNulls makes first/last skip nulls.
	IgnoreNulls bool
}

// Children returns the argument.
func (a *AggregateFunc) Children() []Expr {
	if a.Arg == nil {
		return nil
	}
	return []Expr{a.Arg}
}

// WithChildren replaces the argument.
func (a *AggregateFunc) WithChildren(k []Expr) Expr {
	c := *a
	if len(k) > 0 {
		c.Arg = k[0]
	}
	return &c
}

// DataType returns the result type.
func (a *AggregateFunc) DataType() sqltypes.DataType { return a.typ }

// Nullable is false for count, collect_list and approx_count_distinct.
func (a *AggregateFunc) Nullable() bool {
	switch a.Func {
	case "count", "collect_list", "approx_count_distinct", "collect_set":
		return false
	}
	return true
}

// SQL returns Spark's name, e.g. "count(1)", "sum(amount)",
// "count(DISTINCT vendor_id)".
func (a *AggregateFunc) SQL() string {
	arg := "1"
	if a.Arg != nil && !a.star {
		arg = a.Arg.SQL()
		if a.multi {
			arg = sqlList(a.Arg.Children())
		}
	}
	if a.Distinct {
		return a.Func + "(DISTINCT " + arg + ")"
	}
	return a.Func + "(" + arg + ")"
}

// Eval fails: aggregates are computed by the aggregation operator.
func (a *AggregateFunc) Eval(*Context, arrow.Record) (arrow.Array, error) {
	return nil, sparkerr.Analysis("UNSUPPORTED_EXPR_FOR_OPERATOR", "A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [%s]", a.SQL())
}

// IsStar reports whether this is count(*).
func (a *AggregateFunc) IsStar() bool { return a.star }

// ContainsAggregate reports whether e contains an aggregate function.
func ContainsAggregate(e Expr) bool {
	found := false
	Walk(e, func(x Expr) bool {
		if _, ok := x.(*AggregateFunc); ok {
			found = true
		}
		if c, ok := x.(*Call); ok {
			if d, ok := registry[c.Name]; ok && d.Aggregate {
				found = true
			}
		}
		return !found
	})
	return found
}

func registerAggregate(name string) {
	maxArgs := 1
	switch name {
	case "count":
		maxArgs = -1
	case "first", "last":
		maxArgs = 2
	}
	Register(FuncDef{Name: name, MinArgs: 1, MaxArgs: maxArgs, Aggregate: true, Build: func(c *Call) (Expr, error) {
		arg := c.Args[0]
		a := &AggregateFunc{Func: name, Arg: arg, Distinct: c.Distinct}
		if (name == "first" || name == "last") && len(c.Args) == 2 {
			v, ok := LiteralValue(c.Args[1])
			b, isBool := v.(bool)
			if !ok || !isBool {
				return nil, sparkerr.Analysis("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "Cannot resolve \"%s\" due to data type mismatch: Parameter 2 requires the \"BOOLEAN\" type, however %s has the type %s.", c.SQL(), quoteSQL(c.Args[1]), quoteType(c.Args[1].DataType()))
			}
			a.IgnoreNulls = b
		} else if len(c.Args) > 1 {
			// count(a, b): rows where every argument is non-null.
			a.Arg = &allOrNull{CreateStruct: &CreateStruct{Args: c.Args, Names: make([]string, len(c.Args))}}
			for i := range c.Args {
				a.Arg.(*allOrNull).Names[i] = "col" + itoa(i+1)
			}
			a.multi = true
		}
		if _, ok := arg.(*Star); ok {
			if name != "count" {
				return nil, sparkerr.Analysis("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' in expression `%s`.", name)
			}
			a.Arg, a.star = nil, true
		}
		t := sqltypes.NullType
		if a.Arg != nil {
			t = a.Arg.DataType()
		}
		switch name {
		case "count", "approx_count_distinct":
			a.typ = sqltypes.LongType
		case "sum":
			switch {
			case t.Kind() == sqltypes.KindDecimal:
				d := t.(sqltypes.DecimalType)
				a.typ = sqltypes.BoundedDecimal(d.Precision+10, d.Scale)
			case sqltypes.IsIntegral(t):
				a.typ = sqltypes.LongType
			case sqltypes.IsNumeric(t):
				a.typ = sqltypes.DoubleType
			case t.Kind() == sqltypes.KindString || t.Kind() == sqltypes.KindNull:
				a.Arg = castIfNeeded(a.Arg, sqltypes.DoubleType)
				a.typ = sqltypes.DoubleType
			default:
				return nil, mismatchInput(a, 1, "", `"NUMERIC" or "ANSI INTERVAL"`, a.Arg)
			}
		case "avg", "mean":
			a.Func = "avg"
			if !sqltypes.IsNumeric(t) && t.Kind() != sqltypes.KindString && t.Kind() != sqltypes.KindNull {
				return nil, mismatchInput(a, 1, "", `"NUMERIC" or "ANSI INTERVAL"`, a.Arg)
			}
			if d, ok := t.(sqltypes.DecimalType); ok {
				a.typ = sqltypes.BoundedDecimal(d.Precision+4, d.Scale+4)
				break
			}
			a.Arg = castIfNeeded(a.Arg, sqltypes.DoubleType)
			a.typ = sqltypes.DoubleType
		case "collect_list", "collect_set":
			a.typ = sqltypes.ArrayType{ElementType: t, ContainsNull: false}
		default: // min, max, first, last
			a.typ = t
		}
		return a, nil
	}})
}

func init() {
	for _, n := range []string{"count", "sum", "avg", "mean", "min", "max", "first", "last", "collect_list", "collect_set", "approx_count_distinct"} {
		registerAggregate(n)
	}
	// SQL spellings of the same aggregates.
	Register(FuncDef{Name: "first_value", MinArgs: 1, MaxArgs: 1, Aggregate: true, Build: registry["first"].Build})
	Register(FuncDef{Name: "last_value", MinArgs: 1, MaxArgs: 1, Aggregate: true, Build: registry["last"].Build})
}

// allOrNull is a struct of its arguments that is null when any argument is
// null (multi-argument count).
type allOrNull struct{ *CreateStruct }

// WithChildren replaces the arguments.
func (s *allOrNull) WithChildren(k []Expr) Expr {
	return &allOrNull{CreateStruct: &CreateStruct{Args: k, Names: s.Names}}
}

// Nullable returns true.
func (s *allOrNull) Nullable() bool { return true }

// Eval builds the struct with nulls where any argument is null.
func (s *allOrNull) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	kids := make([]arrow.Array, len(s.Args))
	for i, a := range s.Args {
		k, err := a.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		kids[i] = k
	}
	n := int(b.NumRows())
	valid, nulls := Validity(n, kids...)
	st, err := StructFromArrays(s.DataType().(sqltypes.StructType), kids, nil)
	if err != nil || nulls == 0 {
		return st, err
	}
	d := st.Data()
	return array.MakeFromData(array.NewData(d.DataType(), n, []*memory.Buffer{valid}, d.Children(), nulls, 0)), nil
}
