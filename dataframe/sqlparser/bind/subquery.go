package bind

import (
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
)

// conjuncts splits a condition on its top-level ANDs.
func conjuncts(e sqlparser.Expr) []sqlparser.Expr {
	if b, ok := e.(*sqlparser.BinaryExpr); ok && b.Op == "AND" {
		return append(conjuncts(b.L), conjuncts(b.R)...)
	}
	return []sqlparser.Expr{e}
}

// subqueryFilters applies the uncorrelated subquery predicates among the
// WHERE conjuncts as joins, as Spark's optimizer plans them: `x IN (query)`
// is a left semi join, `x NOT IN (query)` a null-aware left anti join,
// `[NOT] EXISTS (query)` a semi (anti) join without condition. It returns the
// joined child and the remaining conjuncts.
func (b *queryBinder) subqueryFilters(child plan.Node, where sqlparser.Expr, sc *scope) (plan.Node, []sqlparser.Expr, error) {
	var rest []sqlparser.Expr
	for _, c := range conjuncts(where) {
		not := false
		inner := c
		if u, ok := c.(*sqlparser.UnaryExpr); ok && u.Op == "NOT" {
			if _, isExists := u.X.(*sqlparser.Exists); isExists {
				not, inner = true, u.X
			}
		}
		var err error
		switch x := inner.(type) {
		case *sqlparser.InSubquery:
			child, err = b.inSubquery(child, x, sc)
		case *sqlparser.Exists:
			var sub plan.Node
			if sub, err = b.query(x.Query, sc); err == nil {
				how := "left_semi"
				if not {
					how = "left_anti"
				}
				child, err = plan.NewJoin(child, plan.NewSubqueryAlias(sub, "__exists"), expr.Lit(true), how)
			}
		default:
			rest = append(rest, c)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return child, rest, nil
}

func (b *queryBinder) inSubquery(child plan.Node, x *sqlparser.InSubquery, sc *scope) (plan.Node, error) {
	sub, err := b.query(x.Query, sc)
	if err != nil {
		return nil, err
	}
	out := sub.Output()
	if len(out) != 1 {
		return nil, sparkerr.Analysis("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", "Cannot resolve \"(%s IN (listquery()))\" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: 1): [%s], right hand side columns(length: %d): [%s].", "...", "...", len(out), "...")
	}
	lhs, err := b.expr(x.X)
	if err != nil {
		return nil, err
	}
	const alias, column = "__in_subquery", "__in_value"
	if sub, err = renameColumns(sub, []string{column}); err != nil {
		return nil, err
	}
	rhs := &expr.UnresolvedAttribute{NameParts: []string{alias, column}}
	var cond expr.Expr = expr.NewComparison("=", lhs, rhs)
	how := "left_semi"
	if x.Not {
		// Null-aware: a null comparison also excludes the row.
		cond = expr.NewLogical("OR", cond, &expr.IsNull{Child: expr.NewComparison("=", lhs, rhs)})
		how = "left_anti"
	}
	return plan.NewJoin(child, plan.NewSubqueryAlias(sub, alias), cond, how)
}

// andAll rebuilds a conjunction.
func andAll(list []sqlparser.Expr) sqlparser.Expr {
	var out sqlparser.Expr
	for _, e := range list {
		if out == nil {
			out = e
		} else {
			out = &sqlparser.BinaryExpr{At: e.Position(), Op: "AND", L: out, R: e}
		}
	}
	return out
}

// values binds an inline table: each row is a one-row projection named
// col1, col2, ..., and the rows are unioned.
func (b *queryBinder) values(v *sqlparser.Values) (plan.Node, error) {
	var node plan.Node
	for i, row := range v.Rows {
		if len(row) != len(v.Rows[0]) {
			return nil, sparkerr.Analysis("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", "Invalid inline table. Inline table expected %d columns but found %d columns in row %d.", len(v.Rows[0]), len(row), i)
		}
		cols := make([]expr.Expr, len(row))
		for j, e := range row {
			x, err := b.expr(e)
			if err != nil {
				return nil, err
			}
			cols[j] = expr.NewAlias(x, "col"+itoa(j+1))
		}
		one, err := plan.NewProject(plan.NewRange(0, 1, 1), cols)
		if err != nil {
			return nil, err
		}
		if node == nil {
			node = one
		} else if node, err = plan.NewUnion(node, one); err != nil {
			return nil, err
		}
	}
	return node, nil
}

// scalarSubqueries binds the uncorrelated scalar subqueries of a SELECT's
// items and WHERE: each becomes a one-column relation left-joined to child
// (so that an empty result gives NULL), and the subquery expression a
// reference to its column. Unaliased, such an item is named
// "scalarsubquery()", as in Spark.
func (b *queryBinder) scalarSubqueries(child plan.Node, s *sqlparser.Select, sc *scope) (plan.Node, error) {
	var found []*sqlparser.ScalarSubquery
	visit := func(e sqlparser.Expr) bool {
		if q, ok := e.(*sqlparser.ScalarSubquery); ok {
			found = append(found, q)
			return false
		}
		return true
	}
	for _, it := range s.Items {
		sqlparser.Inspect(it, visit)
	}
	sqlparser.Inspect(s.Where, visit)
	for i, q := range found {
		sub, err := b.query(q.Query, sc)
		if err != nil {
			return nil, err
		}
		out := sub.Output()
		if len(out) != 1 {
			return nil, atPos(sparkerr.Analysis("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN", "Invalid subquery: Scalar subquery must return only one column, but got %d.", len(out)), q.At)
		}
		alias, column := "__scalar"+itoa(i), "__scalar_value"
		if sub, err = renameColumns(sub, []string{column}); err != nil {
			return nil, err
		}
		if child, err = plan.NewJoin(child, plan.NewSubqueryAlias(sub, alias), expr.Lit(true), "left_outer"); err != nil {
			return nil, err
		}
		if b.scalars == nil {
			b.scalars = map[*sqlparser.ScalarSubquery]expr.Expr{}
		}
		b.scalars[q] = &expr.UnresolvedAttribute{NameParts: []string{alias, column}}
	}
	return child, nil
}
