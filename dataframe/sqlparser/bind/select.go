package bind

import (
	"strconv"
	"strings"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
)

// selectNode binds a SELECT block together with the ORDER BY of its query,
// which may refer to select aliases, ordinals, dropped columns and
// aggregates.
func (b *queryBinder) selectNode(s *sqlparser.Select, orderBy []sqlparser.SortItem, sc *scope) (plan.Node, error) {
	child, err := b.relations(s.From, sc)
	if err != nil {
		return nil, err
	}
	visible := child.Output()
	if child, err = b.scalarSubqueries(child, s, sc); err != nil {
		return nil, err
	}
	if s.Where != nil {
		var rest []sqlparser.Expr
		if child, rest, err = b.subqueryFilters(child, s.Where, sc); err != nil {
			return nil, err
		}
		if len(rest) > 0 {
			cond, err := b.expr(andAll(rest))
			if err != nil {
				return nil, err
			}
			if child, err = plan.NewFilter(child, cond); err != nil {
				return nil, err
			}
		}
	}
	items, err := b.exprs(s.Items)
	if err != nil {
		return nil, err
	}
	for i, it := range s.Items {
		if _, ok := it.(*sqlparser.ScalarSubquery); ok {
			items[i] = expr.NewAlias(items[i], "scalarsubquery()")
		}
	}
	if len(child.Output()) != len(visible) {
		// `*` must not show the joined scalar subquery columns.
		var expanded []expr.Expr
		for _, it := range items {
			if st, ok := it.(*expr.Star); ok && len(st.Target) == 0 {
				for _, a := range visible {
					expanded = append(expanded, &expr.AttributeRef{Attr: a})
				}
				continue
			}
			expanded = append(expanded, it)
		}
		items = expanded
	}
	aggregate := len(s.GroupBy) > 0 || s.GroupByAll || s.Having != nil
	for _, it := range items {
		aggregate = aggregate || expr.ContainsAggregate(it)
	}
	if aggregate {
		return b.aggregateNode(s, child, items, orderBy)
	}
	node, err := plan.NewProject(child, items)
	if err != nil {
		return nil, err
	}
	if s.Distinct {
		if node, err = plan.NewDistinct(node, nil); err != nil {
			return nil, err
		}
	}
	if len(orderBy) == 0 {
		return node, nil
	}
	sorted, err := b.sortOutput(node, orderBy)
	if err == nil || s.Distinct {
		return sorted, err
	}
	// Spark also sorts by input columns the select list dropped: sort below
	// the projection, with select aliases replaced by their expressions.
	orders, err2 := b.sortOrders(orderBy, nil, aliasesOf(items))
	if err2 != nil {
		return nil, err
	}
	below, err2 := plan.NewSort(child, orders)
	if err2 != nil {
		return nil, err
	}
	return plan.NewProject(below, items)
}

// aliasesOf maps the lower-case alias names of select items to their
// expressions.
func aliasesOf(items []expr.Expr) map[string]expr.Expr {
	m := map[string]expr.Expr{}
	for _, it := range items {
		if a, ok := it.(*expr.Alias); ok {
			if _, dup := m[strings.ToLower(a.Name)]; !dup {
				m[strings.ToLower(a.Name)] = a.Child
			}
		}
	}
	return m
}

// substituteAliases replaces column names that start with a select alias
// (and, when input is given, with no input column or relation) by the
// aliased expression (and its fields).
func substituteAliases(e expr.Expr, aliases map[string]expr.Expr, input []expr.Attribute) expr.Expr {
	if len(aliases) == 0 {
		return e
	}
	return expr.Transform(e, func(x expr.Expr) expr.Expr {
		u, ok := x.(*expr.UnresolvedAttribute)
		if !ok {
			return x
		}
		target, ok := aliases[strings.ToLower(u.NameParts[0])]
		if !ok {
			return x
		}
		for _, a := range input {
			if strings.EqualFold(a.Name, u.NameParts[0]) || strings.EqualFold(a.Qualifier, u.NameParts[0]) {
				return x
			}
		}
		// alias.field reads a field of the aliased struct.
		for _, f := range u.NameParts[1:] {
			target = expr.NewGetField(target, f)
		}
		return target
	})
}

// ordinal returns the 1-based position a sort or group key names, if the
// key is an integer literal.
func ordinal(e sqlparser.Expr) (int, bool) {
	lit, ok := e.(*sqlparser.Literal)
	if !ok || lit.Kind != sqlparser.LitInt {
		return 0, false
	}
	n, err := strconv.Atoi(lit.Text)
	return n, err == nil
}

// sortOrders converts ORDER BY items. Ordinals refer to output; names of
// select aliases are replaced by their expressions when aliases is given.
func (b *queryBinder) sortOrders(items []sqlparser.SortItem, output []expr.Attribute, aliases map[string]expr.Expr) ([]plan.SortOrder, error) {
	orders := make([]plan.SortOrder, len(items))
	for i, it := range items {
		var key expr.Expr
		if n, ok := ordinal(it.X); ok && output != nil {
			if n < 1 || n > len(output) {
				return nil, sparkerr.Analysis("ORDER_BY_POS_OUT_OF_RANGE", "ORDER BY position %d is not in select list (valid range is [1, %d]).", n, len(output))
			}
			key = &expr.AttributeRef{Attr: output[n-1]}
		} else {
			var err error
			if key, err = b.expr(it.X); err != nil {
				return nil, err
			}
			key = substituteAliases(key, aliases, nil)
		}
		nullsFirst := !it.Desc
		if it.NullsFirst != nil {
			nullsFirst = *it.NullsFirst
		}
		orders[i] = plan.SortOrder{Expr: key, Ascending: !it.Desc, NullsFirst: nullsFirst}
	}
	return orders, nil
}

// sortOutput sorts a node by keys over its own output.
func (b *queryBinder) sortOutput(node plan.Node, items []sqlparser.SortItem) (plan.Node, error) {
	orders, err := b.sortOrders(items, node.Output(), nil)
	if err != nil {
		return nil, err
	}
	return plan.NewSort(node, orders)
}

// aggregateNode binds a grouped SELECT: GROUP BY keys (expressions, select
// aliases, ordinals or ALL), HAVING and ORDER BY, which may use aggregates
// that are not selected; those are computed as hidden columns and projected
// away.
func (b *queryBinder) aggregateNode(s *sqlparser.Select, child plan.Node, items []expr.Expr, orderBy []sqlparser.SortItem) (plan.Node, error) {
	windowGroup, err := b.windowGroup(s.GroupBy, child)
	if err != nil {
		return nil, err
	}
	if windowGroup != nil {
		// Spark names a grouping window(...) column "window": select items
		// may refer to it and its fields.
		items = append([]expr.Expr(nil), items...)
		for i, it := range items {
			if u, ok := it.(*expr.UnresolvedAttribute); ok && len(u.NameParts) > 1 && strings.EqualFold(u.NameParts[0], "window") {
				items[i] = expr.NewAlias(replaceWindow(it, windowGroup, child), u.NameParts[len(u.NameParts)-1])
			} else {
				items[i] = replaceWindow(it, windowGroup, child)
			}
		}
	}
	aliases := aliasesOf(items)
	unaliased := func(e expr.Expr) expr.Expr {
		if a, ok := e.(*expr.Alias); ok {
			return a.Child
		}
		return e
	}
	var groups []expr.Expr
	if s.GroupByAll {
		for _, it := range items {
			if !expr.ContainsAggregate(it) {
				groups = append(groups, unaliased(it))
			}
		}
	}
	for _, g := range s.GroupBy {
		if n, ok := ordinal(g); ok {
			if n < 1 || n > len(items) {
				return nil, sparkerr.Analysis("GROUP_BY_POS_OUT_OF_RANGE", "GROUP BY position %d is not in select list (valid range is [1, %d]).", n, len(items))
			}
			if expr.ContainsAggregate(items[n-1]) {
				return nil, sparkerr.Analysis("GROUP_BY_POS_AGGREGATE", "GROUP BY %d refers to an expression %s that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.", n, unaliased(items[n-1]).SQL())
			}
			groups = append(groups, unaliased(items[n-1]))
			continue
		}
		if fc, ok := g.(*sqlparser.FuncCall); ok && windowGroup != nil && isWindowCall(fc) {
			groups = append(groups, windowGroup)
			continue
		}
		ge, err := b.expr(g)
		if err != nil {
			return nil, err
		}
		groups = append(groups, substituteAliases(ge, aliases, child.Output()))
	}
	results := append([]expr.Expr(nil), items...)
	var havingIdx = -1
	if s.Having != nil {
		h, err := b.expr(s.Having)
		if err != nil {
			return nil, err
		}
		havingIdx = len(results)
		if windowGroup != nil {
			h = replaceWindow(h, windowGroup, child)
		}
		results = append(results, expr.NewAlias(substituteAliases(h, aliases, nil), "__having"))
	}
	// Sort keys that are not ordinals become hidden results.
	type sortKey struct {
		ordinal int // 1-based select position, or 0
		hidden  int // index in results
	}
	keys := make([]sortKey, len(orderBy))
	if !s.Distinct {
		for i, it := range orderBy {
			if n, ok := ordinal(it.X); ok {
				keys[i].ordinal = n
				continue
			}
			k, err := b.expr(it.X)
			if err != nil {
				return nil, err
			}
			keys[i].hidden = len(results)
			if windowGroup != nil {
				k = replaceWindow(k, windowGroup, child)
			}
			results = append(results, expr.NewAlias(substituteAliases(k, aliases, nil), "__sort"+strconv.Itoa(i)))
		}
	}
	agg, err := plan.NewAggregate(child, groups, results)
	if err != nil {
		return nil, err
	}
	out := agg.Output()
	var node = agg
	if havingIdx >= 0 {
		if node, err = plan.NewFilter(node, &expr.AttributeRef{Attr: out[havingIdx]}); err != nil {
			return nil, err
		}
	}
	if len(orderBy) > 0 && !s.Distinct {
		orders := make([]plan.SortOrder, len(orderBy))
		for i, it := range orderBy {
			var key expr.Expr
			if n := keys[i].ordinal; n != 0 {
				if n < 1 || n > len(items) {
					return nil, sparkerr.Analysis("ORDER_BY_POS_OUT_OF_RANGE", "ORDER BY position %d is not in select list (valid range is [1, %d]).", n, len(items))
				}
				key = &expr.AttributeRef{Attr: out[n-1]}
			} else {
				key = &expr.AttributeRef{Attr: out[keys[i].hidden]}
			}
			nullsFirst := !it.Desc
			if it.NullsFirst != nil {
				nullsFirst = *it.NullsFirst
			}
			orders[i] = plan.SortOrder{Expr: key, Ascending: !it.Desc, NullsFirst: nullsFirst}
		}
		if node, err = plan.NewSort(node, orders); err != nil {
			return nil, err
		}
	}
	if len(results) > len(items) {
		visible := make([]expr.Expr, len(items))
		for i := range items {
			visible[i] = &expr.AttributeRef{Attr: out[i]}
		}
		if node, err = plan.NewProject(node, visible); err != nil {
			return nil, err
		}
	}
	if s.Distinct {
		if node, err = plan.NewDistinct(node, nil); err != nil {
			return nil, err
		}
		if len(orderBy) > 0 {
			return b.sortOutput(node, orderBy)
		}
	}
	return node, nil
}

func isWindowCall(fc *sqlparser.FuncCall) bool {
	return len(fc.Name) == 1 && strings.EqualFold(fc.Name[0], "window")
}

// windowGroup returns the bound window(...) expression of a GROUP BY, if any.
func (b *queryBinder) windowGroup(groupBy []sqlparser.Expr, child plan.Node) (expr.Expr, error) {
	for _, g := range groupBy {
		if fc, ok := g.(*sqlparser.FuncCall); ok && isWindowCall(fc) {
			for _, a := range child.Output() {
				if strings.EqualFold(a.Name, "window") {
					return nil, nil
				}
			}
			return b.expr(fc)
		}
	}
	return nil, nil
}

// replaceWindow replaces references to the column "window" (and its
// fields) by the grouping window expression w.
func replaceWindow(e, w expr.Expr, child plan.Node) expr.Expr {
	return expr.Transform(e, func(x expr.Expr) expr.Expr {
		u, ok := x.(*expr.UnresolvedAttribute)
		if !ok || !strings.EqualFold(u.NameParts[0], "window") {
			return x
		}
		var r = w
		for _, f := range u.NameParts[1:] {
			r = expr.NewGetField(r, f)
		}
		return r
	})
}
