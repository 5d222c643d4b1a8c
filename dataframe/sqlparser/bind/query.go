package bind

import (
	"strconv"
	"strings"
	"time"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
)

// Catalog resolves the table and view names of a query.
type Catalog interface {
	LookupView(name string) (plan.Node, error)
}

// Query parses sql and binds it into a resolved plan over the views of cat;
// loc is the session time zone for TIMESTAMP literals (nil means UTC).
func Query(sql string, cat Catalog, loc *time.Location) (plan.Node, error) {
	q, err := sqlparser.ParseQuery(sql)
	if err != nil {
		return nil, err
	}
	if loc == nil {
		loc = time.UTC
	}
	qb := &queryBinder{binder: binder{sql: sql, loc: loc, origins: map[expr.Expr]sqlparser.Pos{}}, cat: cat}
	n, err := qb.query(q, nil)
	if err != nil {
		return nil, qb.locateTypeError(Locate(q, err))
	}
	return n, nil
}

type queryBinder struct {
	binder
	cat Catalog
}

// scope holds the common table expressions visible to a query.
type scope struct {
	ctes   map[string]plan.Node
	parent *scope
}

func (s *scope) lookup(name string) (plan.Node, bool) {
	for ; s != nil; s = s.parent {
		if n, ok := s.ctes[strings.ToLower(name)]; ok {
			return n, true
		}
	}
	return nil, false
}

func (b *queryBinder) query(q *sqlparser.Query, sc *scope) (plan.Node, error) {
	if len(q.With) > 0 {
		sc = &scope{ctes: map[string]plan.Node{}, parent: sc}
		for _, c := range q.With {
			n, err := b.query(c.Query, sc)
			if err != nil {
				return nil, err
			}
			if len(c.Columns) > 0 {
				if n, err = renameColumns(n, c.Columns); err != nil {
					return nil, err
				}
			}
			sc.ctes[strings.ToLower(c.Name)] = plan.NewSubqueryAlias(n, c.Name)
		}
	}
	var node plan.Node
	var err error
	if s, ok := q.Body.(*sqlparser.Select); ok {
		node, err = b.selectNode(s, q.OrderBy, sc)
	} else {
		if node, err = b.body(q.Body, sc); err == nil && len(q.OrderBy) > 0 {
			node, err = b.sortOutput(node, q.OrderBy)
		}
	}
	if err != nil {
		return nil, err
	}
	if q.Offset != nil {
		return nil, unsupported("OFFSET")
	}
	if q.Limit != nil {
		lit, ok := q.Limit.(*sqlparser.Literal)
		if !ok || lit.Kind != sqlparser.LitInt && lit.Kind != sqlparser.LitBigInt {
			return nil, unsupported("a LIMIT that is not an integer constant")
		}
		n, err := strconv.ParseInt(lit.Text, 10, 64)
		if err != nil {
			return nil, err
		}
		return plan.NewLimit(node, n)
	}
	return node, nil
}

func (b *queryBinder) body(body sqlparser.QueryBody, sc *scope) (plan.Node, error) {
	switch x := body.(type) {
	case *sqlparser.Select:
		return b.selectNode(x, nil, sc)
	case *sqlparser.Query:
		return b.query(x, sc)
	case *sqlparser.SetOp:
		l, err := b.body(x.Left, sc)
		if err != nil {
			return nil, err
		}
		r, err := b.body(x.Right, sc)
		if err != nil {
			return nil, err
		}
		if x.Op != "UNION" {
			n, err := exceptIntersect(x, l, r)
			return n, atPos(err, x.At)
		}
		u, err := plan.NewUnion(l, r)
		err = atPos(err, x.At)
		if err != nil || x.All {
			return u, err
		}
		return plan.NewDistinct(u, nil)
	case *sqlparser.Values:
		return b.values(x)
	}
	return nil, unsupported("the query")
}

func itoa(i int) string { return strconv.Itoa(i) }

// renameColumns gives a plan's columns new names (`name(a, b) AS (...)`).
func renameColumns(n plan.Node, names []string) (plan.Node, error) {
	out := n.Output()
	if len(names) != len(out) {
		return nil, sparkerr.Analysis("ASSIGNMENT_ARITY_MISMATCH", "The number of columns or variables assigned or aliased: %d does not match the number of source values: %d.", len(names), len(out))
	}
	es := make([]expr.Expr, len(out))
	for i, a := range out {
		es[i] = expr.NewAlias(&expr.AttributeRef{Attr: a}, names[i])
	}
	return plan.NewProject(n, es)
}

// relations binds the FROM clause; comma-separated relations cross join.
func (b *queryBinder) relations(rels []sqlparser.Relation, sc *scope) (plan.Node, error) {
	if len(rels) == 0 {
		// SELECT without FROM reads one row.
		return plan.NewProject(plan.NewRange(0, 1, 1), nil)
	}
	var node plan.Node
	for _, r := range rels {
		n, err := b.relation(r, sc)
		if err != nil {
			return nil, err
		}
		if node == nil {
			node = n
		} else if node, err = plan.NewJoin(node, n, nil, "cross"); err != nil {
			return nil, err
		}
	}
	return node, nil
}

func (b *queryBinder) relation(r sqlparser.Relation, sc *scope) (plan.Node, error) {
	switch x := r.(type) {
	case *sqlparser.TableRef:
		name := strings.Join(x.Name, ".")
		n, ok := sc.lookup(name)
		if !ok {
			var err error
			if n, err = b.cat.LookupView(name); err != nil {
				return nil, err
			}
		}
		alias := x.Alias
		if alias == "" {
			alias = x.Name[len(x.Name)-1]
		}
		return plan.NewSubqueryAlias(n, alias), nil
	case *sqlparser.SubqueryRef:
		n, err := b.query(x.Query, sc)
		if err != nil {
			return nil, err
		}
		if len(x.Columns) > 0 {
			if n, err = renameColumns(n, x.Columns); err != nil {
				return nil, err
			}
		}
		if x.Alias == "" {
			return n, nil
		}
		return plan.NewSubqueryAlias(n, x.Alias), nil
	case *sqlparser.TableFuncRef:
		n, err := b.tableFunction(x)
		if err != nil {
			return nil, err
		}
		if x.Alias != "" {
			return plan.NewSubqueryAlias(n, x.Alias), nil
		}
		return n, nil
	case *sqlparser.Join:
		l, err := b.relation(x.Left, sc)
		if err != nil {
			return nil, err
		}
		rt, err := b.relation(x.Right, sc)
		if err != nil {
			return nil, err
		}
		if x.Natural {
			// NATURAL JOIN is USING (the columns both sides have).
			var common []string
			for _, la := range l.Output() {
				for _, ra := range rt.Output() {
					if strings.EqualFold(la.Name, ra.Name) {
						common = append(common, la.Name)
						break
					}
				}
			}
			return plan.NewJoinUsing(l, rt, common, string(x.Type))
		}
		if len(x.Using) > 0 {
			return plan.NewJoinUsing(l, rt, x.Using, string(x.Type))
		}
		var cond expr.Expr
		if x.On != nil {
			if cond, err = b.expr(x.On); err != nil {
				return nil, err
			}
		}
		return plan.NewJoin(l, rt, cond, string(x.Type))
	}
	return nil, unsupported("the relation")
}

// exceptIntersect binds EXCEPT [DISTINCT] and INTERSECT [DISTINCT] as Spark
// plans them: the distinct rows of the left side, anti- or semi-joined with
// the right side on null-safe equality of every column.
func exceptIntersect(x *sqlparser.SetOp, l, r plan.Node) (plan.Node, error) {
	if x.All {
		return nil, unsupported(x.Op + " ALL")
	}
	lo, ro := l.Output(), r.Output()
	if len(lo) != len(ro) {
		return nil, sparkerr.Analysis("NUM_COLUMNS_MISMATCH", "%s can only be performed on inputs with the same number of columns, but the first input has %d columns and the second input has %d columns.", x.Op, len(lo), len(ro))
	}
	distinct, err := plan.NewDistinct(l, nil)
	if err != nil {
		return nil, err
	}
	const left, right = "__setop_left", "__setop_right"
	var cond expr.Expr
	for i := range lo {
		eq := expr.NewComparison("<=>",
			&expr.UnresolvedAttribute{NameParts: []string{left, lo[i].Name}},
			&expr.UnresolvedAttribute{NameParts: []string{right, ro[i].Name}})
		if cond == nil {
			cond = eq
		} else {
			cond = expr.NewLogical("AND", cond, eq)
		}
	}
	how := "left_anti"
	if x.Op == "INTERSECT" {
		how = "left_semi"
	}
	j, err := plan.NewJoin(plan.NewSubqueryAlias(distinct, left), plan.NewSubqueryAlias(r, right), cond, how)
	if err != nil {
		return nil, err
	}
	out := j.Output()
	cols := make([]expr.Expr, len(out))
	for i, a := range out {
		cols[i] = expr.NewAlias(&expr.AttributeRef{Attr: a}, a.Name)
	}
	return plan.NewProject(j, cols)
}

// tableFunction binds a table-valued function of FROM; range(end),
// range(start, end) and range(start, end, step) are supported.
func (b *queryBinder) tableFunction(x *sqlparser.TableFuncRef) (plan.Node, error) {
	name := strings.ToLower(strings.Join(x.Name, "."))
	if name != "range" {
		return nil, unsupported("the table-valued function " + sparkerr.QuoteName(strings.Join(x.Name, ".")))
	}
	if len(x.Args) < 1 || len(x.Args) > 4 {
		return nil, sparkerr.Analysis("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `range` requires [1, 2, 3, 4] parameters but the actual number is %d. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", len(x.Args))
	}
	vals := make([]int64, len(x.Args))
	for i, a := range x.Args {
		lit, ok := a.(*sqlparser.Literal)
		if !ok || lit.Kind != sqlparser.LitInt && lit.Kind != sqlparser.LitBigInt {
			return nil, unsupported("range() with non-integer-literal arguments")
		}
		v, err := strconv.ParseInt(lit.Text, 10, 64)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	start, end, step := int64(0), vals[0], int64(1)
	if len(vals) >= 2 {
		start, end = vals[0], vals[1]
	}
	if len(vals) >= 3 {
		step = vals[2]
	}
	if step == 0 {
		return nil, sparkerr.IllegalArgument("requirement failed: step (0) cannot be 0")
	}
	return plan.NewRange(start, end, step), nil
}
