package bind

import (
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Expression parses and binds one SQL expression (F.Expr, SelectExpr, string
// filters). Timestamp literals are read in UTC.
func Expression(text string) (expr.Expr, error) {
	e, err := sqlparser.ParseExpression(text)
	if err != nil {
		return nil, err
	}
	b := &binder{sql: text, loc: time.UTC}
	return b.expr(e)
}

// LocateExpression adds Spark's "; line L pos P" suffix to an analysis error
// raised while resolving the expression parsed from text (see Locate).
func LocateExpression(text string, err error) error {
	e, perr := sqlparser.ParseExpression(text)
	if perr != nil {
		return err
	}
	return Locate(e, err)
}

// binder converts AST expressions into unresolved engine expressions.
type binder struct {
	sql string         // the parsed text, for errors with positions
	loc *time.Location // session time zone, for TIMESTAMP literals
	// scalars maps the scalar subqueries of the SELECT being bound to the
	// columns that hold their values (see queryBinder.scalarSubqueries).
	scalars map[*sqlparser.ScalarSubquery]expr.Expr
	// origins records where in the text each bound expression starts, to
	// locate type errors (see locateTypeError); nil disables it.
	origins map[expr.Expr]sqlparser.Pos
}

func (b *binder) exprs(list []sqlparser.Expr) ([]expr.Expr, error) {
	out := make([]expr.Expr, len(list))
	for i, e := range list {
		x, err := b.expr(e)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// literalFunctions are the functions Spark calls without parentheses.
var literalFunctions = map[string]bool{"current_date": true, "current_timestamp": true}

func (b *binder) expr(e sqlparser.Expr) (expr.Expr, error) {
	x, err := b.bindExpr(e)
	if err == nil && b.origins != nil && x != nil {
		if _, seen := b.origins[x]; !seen {
			b.origins[x] = origin(e)
		}
	}
	return x, err
}

// origin returns where Spark's parser context of e starts: a binary
// operation starts at its left operand.
func origin(e sqlparser.Expr) sqlparser.Pos {
	for {
		be, ok := e.(*sqlparser.BinaryExpr)
		if !ok {
			return e.Position()
		}
		e = be.L
	}
}

func (b *binder) bindExpr(e sqlparser.Expr) (expr.Expr, error) {
	switch e := e.(type) {
	case *sqlparser.ColumnRef:
		if len(e.Parts) == 1 && literalFunctions[strings.ToLower(e.Parts[0])] {
			return expr.NewCall(strings.ToLower(e.Parts[0])), nil
		}
		return &expr.UnresolvedAttribute{NameParts: append([]string(nil), e.Parts...)}, nil
	case *sqlparser.Star:
		return &expr.Star{Target: append([]string(nil), e.Qualifier...)}, nil
	case *sqlparser.Literal:
		return b.literal(e)
	case *sqlparser.BinaryExpr:
		return b.binary(e)
	case *sqlparser.Case:
		return b.caseWhen(e)
	case *sqlparser.FuncCall:
		return b.call(e)
	case *sqlparser.ScalarSubquery:
		if col, ok := b.scalars[e]; ok {
			return col, nil
		}
		return nil, unsupported("scalar subqueries outside SELECT and WHERE")
	case *sqlparser.InSubquery, *sqlparser.Exists:
		return nil, unsupported("IN and EXISTS subqueries outside top-level WHERE conditions")
	case *sqlparser.MultiAlias:
		return nil, unsupported("multiple aliases AS (...)")
	case *sqlparser.Lambda:
		return nil, unsupported("lambda functions")
	case *sqlparser.Like:
		if e.Escape != "" && e.Escape != "\\" {
			return nil, unsupported("LIKE with ESCAPE")
		}
	case *sqlparser.Cast:
		if e.Try {
			return nil, unsupported("TRY_CAST")
		}
	}
	ops := operands(e)
	if ops == nil {
		return nil, unsupported("the expression")
	}
	k, err := b.exprs(ops)
	if err != nil {
		return nil, err
	}
	return compose(e, k)
}

// operands returns the sub-expressions of the nodes that compose bind
// generically, or nil for other nodes.
func operands(e sqlparser.Expr) []sqlparser.Expr {
	switch e := e.(type) {
	case *sqlparser.UnaryExpr:
		return []sqlparser.Expr{e.X}
	case *sqlparser.IsNull:
		return []sqlparser.Expr{e.X}
	case *sqlparser.IsBool:
		return []sqlparser.Expr{e.X}
	case *sqlparser.IsDistinctFrom:
		return []sqlparser.Expr{e.X, e.Y}
	case *sqlparser.In:
		return append([]sqlparser.Expr{e.X}, e.List...)
	case *sqlparser.Between:
		return []sqlparser.Expr{e.X, e.Lo, e.Hi}
	case *sqlparser.Like:
		return []sqlparser.Expr{e.X, e.Pattern}
	case *sqlparser.Cast:
		return []sqlparser.Expr{e.X}
	case *sqlparser.Subscript:
		return []sqlparser.Expr{e.X, e.Index}
	case *sqlparser.FieldAccess:
		return []sqlparser.Expr{e.X}
	case *sqlparser.Alias:
		return []sqlparser.Expr{e.X}
	case *sqlparser.RowConstructor:
		return e.Fields
	}
	return nil
}

// negateIf wraps e in NOT when not is set.
func negateIf(not bool, e expr.Expr) expr.Expr {
	if not {
		return &expr.Not{Child: e}
	}
	return e
}

// compose builds the engine expression of e from its bound operands k.
func compose(e sqlparser.Expr, k []expr.Expr) (expr.Expr, error) {
	switch e := e.(type) {
	case *sqlparser.UnaryExpr:
		switch e.Op {
		case "-":
			return &expr.Negate{Child: k[0]}, nil
		case "+":
			return k[0], nil
		case "NOT":
			return &expr.Not{Child: k[0]}, nil
		}
		return expr.NewCall("~", k[0]), nil
	case *sqlparser.IsNull:
		return &expr.IsNull{Child: k[0], Negated: e.Not}, nil
	case *sqlparser.IsBool:
		var v expr.Expr = expr.Lit(nil)
		if e.Value != "UNKNOWN" {
			v = expr.Lit(e.Value == "TRUE")
		}
		return negateIf(e.Not, expr.NewComparison("<=>", k[0], v)), nil
	case *sqlparser.IsDistinctFrom:
		return negateIf(!e.Not, expr.NewComparison("<=>", k[0], k[1])), nil
	case *sqlparser.In:
		return negateIf(e.Not, expr.NewIn(k[0], k[1:]...)), nil
	case *sqlparser.Between:
		return negateIf(e.Not, expr.NewLogical("AND", expr.NewComparison(">=", k[0], k[1]), expr.NewComparison("<=", k[0], k[2]))), nil
	case *sqlparser.Like:
		return negateIf(e.Not, expr.NewCall(strings.ToLower(e.Op), k[0], k[1])), nil
	case *sqlparser.Cast:
		t, err := DataType(e.Type)
		if err != nil {
			return nil, err
		}
		return expr.NewCast(k[0], t), nil
	case *sqlparser.Subscript:
		return expr.NewGetItem(k[0], k[1]), nil
	case *sqlparser.FieldAccess:
		return expr.NewGetField(k[0], e.Field), nil
	case *sqlparser.Alias:
		return expr.NewAlias(k[0], e.Name), nil
	case *sqlparser.RowConstructor:
		return expr.NewCreateStruct(k...), nil
	}
	return nil, unsupported("the expression")
}

func (b *binder) binary(e *sqlparser.BinaryExpr) (expr.Expr, error) {
	l, err := b.expr(e.L)
	if err != nil {
		return nil, err
	}
	r, err := b.expr(e.R)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case "AND", "OR":
		return expr.NewLogical(e.Op, l, r), nil
	case "=", "==":
		return expr.NewComparison("=", l, r), nil
	case "!=", "<>":
		return &expr.Not{Child: expr.NewComparison("=", l, r)}, nil
	case "<", "<=", ">", ">=", "<=>":
		return expr.NewComparison(e.Op, l, r), nil
	case "+", "-", "*", "/", "%":
		return expr.NewArithmetic(e.Op, l, r), nil
	case "||":
		// Spark 3.5 names a || b || c `concat(concat(a, b), c)`.
		return expr.NewCall("concat", l, r), nil
	case "DIV":
		return &integralDivide{L: l, R: r}, nil
	}
	return nil, unsupported("the operator " + e.Op)
}

func (b *binder) caseWhen(e *sqlparser.Case) (expr.Expr, error) {
	var operand expr.Expr
	if e.Operand != nil {
		var err error
		if operand, err = b.expr(e.Operand); err != nil {
			return nil, err
		}
	}
	var conds, values []expr.Expr
	for _, w := range e.Whens {
		c, err := b.expr(w.Cond)
		if err != nil {
			return nil, err
		}
		if operand != nil {
			c = expr.NewComparison("=", operand, c)
		}
		v, err := b.expr(w.Result)
		if err != nil {
			return nil, err
		}
		conds, values = append(conds, c), append(values, v)
	}
	var elseValue expr.Expr
	if e.Else != nil {
		var err error
		if elseValue, err = b.expr(e.Else); err != nil {
			return nil, err
		}
	}
	return expr.NewCaseWhen(conds, values, elseValue), nil
}

func (b *binder) call(e *sqlparser.FuncCall) (expr.Expr, error) {
	if e.Over != nil {
		return nil, unsupported("window functions (OVER)")
	}
	if e.Filter != nil {
		return nil, unsupported("FILTER (WHERE ...) in aggregate functions")
	}
	name := strings.ToLower(e.Name[len(e.Name)-1])
	if len(e.Name) > 1 {
		return nil, sparkerr.Analysis("UNRESOLVED_ROUTINE", "Cannot resolve function %s on search path [%s].",
			sparkerr.QuoteName(strings.Join(e.Name, ".")), "`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`")
	}
	args, err := b.exprs(e.Args)
	if err != nil {
		return nil, err
	}
	switch name {
	case "window":
		return b.window(e, args)
	case "coalesce":
		return expr.NewCoalesce(args...), nil
	case "struct":
		return expr.NewCreateStruct(args...), nil
	case "named_struct":
		return namedStruct(e, args)
	}
	if e.IgnoreNulls {
		// first(x) IGNORE NULLS is Spark's first(x, true).
		args = append(args, expr.Lit(true))
	}
	c := expr.NewCall(name, args...)
	c.Distinct = e.Distinct
	return c, nil
}

// window binds window(ts, duration[, slide[, start]]); the durations must be
// constant strings or intervals.
func (b *binder) window(e *sqlparser.FuncCall, args []expr.Expr) (expr.Expr, error) {
	if len(args) < 2 || len(args) > 4 {
		return nil, sparkerr.Analysis("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `window` requires [2, 3, 4] parameters but the actual number is %d. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", len(args))
	}
	durations := make([]string, 3)
	for i, a := range e.Args[1:] {
		lit, ok := a.(*sqlparser.Literal)
		if !ok || lit.Kind != sqlparser.LitString && lit.Kind != sqlparser.LitInterval {
			return nil, unsupported("window() with a non-constant duration")
		}
		durations[i] = literalDuration(lit)
	}
	return expr.NewTimeWindow(args[0], durations[0], durations[1], durations[2])
}

// literalDuration renders a string or interval literal as an interval
// string such as "10 minutes".
func literalDuration(l *sqlparser.Literal) string {
	if l.Kind != sqlparser.LitInterval {
		return l.Text
	}
	iv := l.Interval
	if len(iv.Units) == 0 {
		return iv.Values[0]
	}
	parts := make([]string, len(iv.Values))
	for i, v := range iv.Values {
		parts[i] = v + " " + strings.ToLower(iv.Units[i])
	}
	return strings.Join(parts, " ")
}

func (b *binder) literal(l *sqlparser.Literal) (expr.Expr, error) {
	switch l.Kind {
	case sqlparser.LitNull:
		return expr.Lit(nil), nil
	case sqlparser.LitBool:
		return expr.Lit(l.Bool), nil
	case sqlparser.LitTinyInt, sqlparser.LitSmallInt, sqlparser.LitInt:
		v, err := strconv.ParseInt(l.Text, 10, 32)
		if err != nil {
			return nil, err
		}
		return expr.TypedLit(int32(v), sqltypes.IntegerType), nil
	case sqlparser.LitBigInt:
		v, err := strconv.ParseInt(l.Text, 10, 64)
		if err != nil {
			return nil, err
		}
		return expr.TypedLit(v, sqltypes.LongType), nil
	case sqlparser.LitDecimal:
		p, sc := sqlparser.DecimalPrecisionScale(l.Text)
		t := sqltypes.DecimalType{Precision: p, Scale: sc}
		d, ok := sqltypes.ParseDecimal(l.Text, t)
		if !ok {
			return nil, unsupported("the decimal literal " + l.Text)
		}
		return expr.TypedLit(d, t), nil
	case sqlparser.LitDouble:
		v, err := strconv.ParseFloat(l.Text, 64)
		if err != nil {
			return nil, err
		}
		return expr.TypedLit(v, sqltypes.DoubleType), nil
	case sqlparser.LitFloat:
		v, err := strconv.ParseFloat(l.Text, 32)
		if err != nil {
			return nil, err
		}
		return expr.TypedLit(float32(v), sqltypes.FloatType), nil
	case sqlparser.LitString:
		return expr.Lit(l.Text), nil
	case sqlparser.LitDate:
		y, m, d, ok := sqlparser.ParseDate(l.Text)
		if !ok {
			return nil, b.invalidTyped(l, "DATE")
		}
		return expr.TypedLit(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), sqltypes.DateType), nil
	case sqlparser.LitTimestamp, sqlparser.LitTimestampNTZ:
		loc := b.loc
		if l.Kind == sqlparser.LitTimestampNTZ {
			loc = time.UTC
		}
		micros, ok := expr.ParseTimestamp(l.Text, loc)
		if !ok {
			name := "TIMESTAMP"
			if l.Kind == sqlparser.LitTimestampNTZ {
				name = "TIMESTAMP_NTZ"
			}
			return nil, b.invalidTyped(l, name)
		}
		return expr.TypedLit(time.UnixMicro(micros).UTC(), sqltypes.TimestampType), nil
	case sqlparser.LitBinary:
		s := l.Text
		if len(s)%2 == 1 {
			s = "0" + s
		}
		v, err := hex.DecodeString(s)
		if err != nil {
			return nil, b.invalidTyped(l, "X")
		}
		return expr.TypedLit(v, sqltypes.BinaryType), nil
	case sqlparser.LitInterval:
		return b.intervalLiteral(l)
	}
	return nil, unsupported("the literal " + l.Text)
}

func (b *binder) invalidTyped(l *sqlparser.Literal, typ string) error {
	return sqlparser.ErrorAt(b.sql, l.At, "INVALID_TYPED_LITERAL", `The value of the typed literal "`+typ+`" is invalid: '`+l.Text+`'.`)
}

// namedStruct binds named_struct('name1', value1, ...): the names must be
// string literals.
func namedStruct(e *sqlparser.FuncCall, args []expr.Expr) (expr.Expr, error) {
	if len(args)%2 != 0 || len(args) == 0 {
		return nil, sparkerr.Analysis("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `named_struct` requires 2n (n > 0) parameters but the actual number is %d. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", len(args))
	}
	s := &expr.CreateStruct{}
	for i := 0; i < len(args); i += 2 {
		lit, ok := e.Args[i].(*sqlparser.Literal)
		if !ok || lit.Kind != sqlparser.LitString {
			return nil, unsupported("named_struct with non-literal field names")
		}
		s.Names = append(s.Names, lit.Text)
		s.Args = append(s.Args, args[i+1])
	}
	return s, nil
}
