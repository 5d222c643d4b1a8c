package sqlparser

// Inspect calls f for every expression of node, parents first and in source
// order; node is an Expr, a *Query, a QueryBody or a Relation. When f
// returns false the expression's children are skipped.
func Inspect(node any, f func(Expr) bool) {
	switch n := node.(type) {
	case nil:
	case *Query:
		if n == nil {
			return
		}
		for _, c := range n.With {
			Inspect(c.Query, f)
		}
		Inspect(n.Body, f)
		for _, s := range n.OrderBy {
			Inspect(s.X, f)
		}
		Inspect(n.Limit, f)
		Inspect(n.Offset, f)
	case *Select:
		for _, it := range n.Items {
			Inspect(it, f)
		}
		for _, r := range n.From {
			Inspect(r, f)
		}
		Inspect(n.Where, f)
		for _, g := range n.GroupBy {
			Inspect(g, f)
		}
		Inspect(n.Having, f)
	case *SetOp:
		Inspect(n.Left, f)
		Inspect(n.Right, f)
	case *Values:
		for _, row := range n.Rows {
			for _, e := range row {
				Inspect(e, f)
			}
		}
	case *TableRef:
	case *TableFuncRef:
		for _, a := range n.Args {
			Inspect(a, f)
		}
	case *SubqueryRef:
		Inspect(n.Query, f)
	case *Join:
		Inspect(n.Left, f)
		Inspect(n.Right, f)
		Inspect(n.On, f)
	case Expr:
		inspectExpr(n, f)
	}
}

func inspectExpr(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	var kids []Expr
	switch x := e.(type) {
	case *UnaryExpr:
		kids = []Expr{x.X}
	case *BinaryExpr:
		kids = []Expr{x.L, x.R}
	case *IsNull:
		kids = []Expr{x.X}
	case *IsBool:
		kids = []Expr{x.X}
	case *IsDistinctFrom:
		kids = []Expr{x.X, x.Y}
	case *In:
		kids = append([]Expr{x.X}, x.List...)
	case *InSubquery:
		inspectExpr(x.X, f)
		Inspect(x.Query, f)
	case *Between:
		kids = []Expr{x.X, x.Lo, x.Hi}
	case *Like:
		kids = []Expr{x.X, x.Pattern}
	case *Cast:
		kids = []Expr{x.X}
	case *Case:
		kids = []Expr{x.Operand}
		for _, w := range x.Whens {
			kids = append(kids, w.Cond, w.Result)
		}
		kids = append(kids, x.Else)
	case *FuncCall:
		kids = append(kids, x.Args...)
		kids = append(kids, x.Filter)
		if x.Over != nil {
			kids = append(kids, x.Over.PartitionBy...)
			for _, s := range x.Over.OrderBy {
				kids = append(kids, s.X)
			}
		}
	case *Subscript:
		kids = []Expr{x.X, x.Index}
	case *FieldAccess:
		kids = []Expr{x.X}
	case *Alias:
		kids = []Expr{x.X}
	case *MultiAlias:
		kids = []Expr{x.X}
	case *ScalarSubquery:
		Inspect(x.Query, f)
	case *Exists:
		Inspect(x.Query, f)
	case *Lambda:
		kids = []Expr{x.Body}
	case *RowConstructor:
		kids = x.Fields
	}
	for _, k := range kids {
		if k != nil {
			inspectExpr(k, f)
		}
	}
}
