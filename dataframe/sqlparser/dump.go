package sqlparser

import (
	"fmt"
	"strconv"
	"strings"
)

// DumpExpr renders an expression as a compact S-expression, used by the
// golden tests and for debugging, e.g. `(+ a (* int:2 b))`.
func DumpExpr(e Expr) string {
	var b strings.Builder
	dumpExpr(&b, e)
	return b.String()
}

// DumpQuery renders a query as an indented tree, one clause per line.
func DumpQuery(q *Query) string {
	var b strings.Builder
	dumpQuery(&b, q, "")
	return b.String()
}

func quoteIdent(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) < 0 {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

func dumpName(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = quoteIdent(p)
	}
	return strings.Join(q, ".")
}

func dumpList(b *strings.Builder, list []Expr) {
	b.WriteByte('[')
	for i, e := range list {
		if i > 0 {
			b.WriteByte(' ')
		}
		dumpExpr(b, e)
	}
	b.WriteByte(']')
}

func dumpExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case nil:
		b.WriteString("<nil>")
	case *ColumnRef:
		b.WriteString(dumpName(e.Parts))
	case *Star:
		if len(e.Qualifier) > 0 {
			b.WriteString(dumpName(e.Qualifier) + ".")
		}
		b.WriteByte('*')
	case *Literal:
		switch e.Kind {
		case LitNull:
			b.WriteString("null")
		case LitString, LitDate, LitTimestamp, LitTimestampNTZ, LitBinary:
			b.WriteString(e.Kind.String() + ":" + strconv.Quote(e.Text))
		default:
			b.WriteString(e.Kind.String() + ":" + e.Text)
		}
	case *UnaryExpr:
		fmt.Fprintf(b, "(%s ", e.Op)
		dumpExpr(b, e.X)
		b.WriteByte(')')
	case *BinaryExpr:
		fmt.Fprintf(b, "(%s ", e.Op)
		dumpExpr(b, e.L)
		b.WriteByte(' ')
		dumpExpr(b, e.R)
		b.WriteByte(')')
	case *IsNull:
		b.WriteString(not(e.Not, "(IS NULL ", "(IS NOT NULL "))
		dumpExpr(b, e.X)
		b.WriteByte(')')
	case *IsBool:
		b.WriteString(not(e.Not, "(IS ", "(IS NOT ") + e.Value + " ")
		dumpExpr(b, e.X)
		b.WriteByte(')')
	case *IsDistinctFrom:
		b.WriteString(not(e.Not, "(IS DISTINCT FROM ", "(IS NOT DISTINCT FROM "))
		dumpExpr(b, e.X)
		b.WriteByte(' ')
		dumpExpr(b, e.Y)
		b.WriteByte(')')
	case *In:
		b.WriteString(not(e.Not, "(IN ", "(NOT IN "))
		dumpExpr(b, e.X)
		b.WriteByte(' ')
		dumpList(b, e.List)
		b.WriteByte(')')
	case *InSubquery:
		b.WriteString(not(e.Not, "(IN ", "(NOT IN "))
		dumpExpr(b, e.X)
		b.WriteString(" (subquery " + oneLine(e.Query) + "))")
	case *Between:
		b.WriteString(not(e.Not, "(BETWEEN ", "(NOT BETWEEN "))
		dumpExpr(b, e.X)
		b.WriteByte(' ')
		dumpExpr(b, e.Lo)
		b.WriteByte(' ')
		dumpExpr(b, e.Hi)
		b.WriteByte(')')
	case *Like:
		b.WriteString(not(e.Not, "(", "(NOT ") + e.Op + " ")
		dumpExpr(b, e.X)
		b.WriteByte(' ')
		dumpExpr(b, e.Pattern)
		if e.Escape != "" {
			b.WriteString(" ESCAPE " + strconv.Quote(e.Escape))
		}
		b.WriteByte(')')
	case *Cast:
		b.WriteString(not(!e.Try, "(TRY_CAST ", "(CAST "))
		dumpExpr(b, e.X)
		b.WriteString(" AS " + e.Type.String() + ")")
	case *Case:
		b.WriteString("(CASE")
		if e.Operand != nil {
			b.WriteByte(' ')
			dumpExpr(b, e.Operand)
		}
		for _, w := range e.Whens {
			b.WriteString(" (WHEN ")
			dumpExpr(b, w.Cond)
			b.WriteByte(' ')
			dumpExpr(b, w.Result)
			b.WriteByte(')')
		}
		if e.Else != nil {
			b.WriteString(" (ELSE ")
			dumpExpr(b, e.Else)
			b.WriteByte(')')
		}
		b.WriteByte(')')
	case *FuncCall:
		b.WriteString("(call " + dumpName(e.Name))
		if e.Distinct {
			b.WriteString(" DISTINCT")
		}
		for _, a := range e.Args {
			b.WriteByte(' ')
			dumpExpr(b, a)
		}
		if e.IgnoreNulls {
			b.WriteString(" IGNORE NULLS")
		}
		if e.Filter != nil {
			b.WriteString(" FILTER ")
			dumpExpr(b, e.Filter)
		}
		if e.Over != nil {
			b.WriteString(" OVER ")
			dumpWindow(b, e.Over)
		}
		b.WriteByte(')')
	case *Subscript:
		b.WriteString("([] ")
		dumpExpr(b, e.X)
		b.WriteByte(' ')
		dumpExpr(b, e.Index)
		b.WriteByte(')')
	case *FieldAccess:
		b.WriteString("(. ")
		dumpExpr(b, e.X)
		b.WriteString(" " + quoteIdent(e.Field) + ")")
	case *Alias:
		b.WriteString("(AS ")
		dumpExpr(b, e.X)
		b.WriteString(" " + quoteIdent(e.Name) + ")")
	case *MultiAlias:
		b.WriteString("(AS ")
		dumpExpr(b, e.X)
		b.WriteString(" (" + dumpName(e.Names) + "))")
	case *ScalarSubquery:
		b.WriteString("(subquery " + oneLine(e.Query) + ")")
	case *Exists:
		b.WriteString("(EXISTS " + oneLine(e.Query) + ")")
	case *Lambda:
		b.WriteString("(lambda (" + strings.Join(e.Params, " ") + ") ")
		dumpExpr(b, e.Body)
		b.WriteByte(')')
	case *RowConstructor:
		b.WriteString("(row")
		for _, f := range e.Fields {
			b.WriteByte(' ')
			dumpExpr(b, f)
		}
		b.WriteByte(')')
	default:
		fmt.Fprintf(b, "<%T>", e)
	}
}

func not(neg bool, pos, negated string) string {
	if neg {
		return negated
	}
	return pos
}

func dumpSortItems(b *strings.Builder, items []SortItem) {
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		dumpExpr(b, it.X)
		if it.Desc {
			b.WriteString(" DESC")
		} else {
			b.WriteString(" ASC")
		}
		if it.NullsFirst != nil {
			b.WriteString(not(*it.NullsFirst, " NULLS LAST", " NULLS FIRST"))
		}
	}
}

func dumpWindow(b *strings.Builder, w *WindowSpec) {
	if w.Name != "" {
		b.WriteString(quoteIdent(w.Name))
		return
	}
	b.WriteString("(window")
	if len(w.PartitionBy) > 0 {
		b.WriteString(" PARTITION BY ")
		dumpList(b, w.PartitionBy)
	}
	if len(w.OrderBy) > 0 {
		b.WriteString(" ORDER BY [")
		dumpSortItems(b, w.OrderBy)
		b.WriteByte(']')
	}
	if f := w.Frame; f != nil {
		b.WriteString(" " + f.Type + " BETWEEN ")
		for i, fb := range []FrameBound{f.Start, f.End} {
			if i > 0 {
				b.WriteString(" AND ")
			}
			if fb.Offset != nil {
				dumpExpr(b, fb.Offset)
				b.WriteByte(' ')
			}
			b.WriteString(fb.Kind)
		}
	}
	b.WriteByte(')')
}

func oneLine(q *Query) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(DumpQuery(q), "\n", " ; ")), " ")
}

func dumpQuery(b *strings.Builder, q *Query, ind string) {
	b.WriteString(ind + "Query\n")
	in := ind + "  "
	for _, c := range q.With {
		b.WriteString(in + "with " + quoteIdent(c.Name))
		if len(c.Columns) > 0 {
			b.WriteString("(" + strings.Join(c.Columns, ", ") + ")")
		}
		b.WriteString(":\n")
		dumpQuery(b, c.Query, in+"  ")
	}
	dumpBody(b, q.Body, in)
	if len(q.OrderBy) > 0 {
		b.WriteString(in + "order by: ")
		dumpSortItems(b, q.OrderBy)
		b.WriteByte('\n')
	}
	if q.Limit != nil {
		b.WriteString(in + "limit: " + DumpExpr(q.Limit) + "\n")
	}
	if q.Offset != nil {
		b.WriteString(in + "offset: " + DumpExpr(q.Offset) + "\n")
	}
}

func dumpBody(b *strings.Builder, body QueryBody, ind string) {
	switch s := body.(type) {
	case *Select:
		b.WriteString(ind + "Select")
		if s.Distinct {
			b.WriteString(" DISTINCT")
		}
		b.WriteByte('\n')
		in := ind + "  "
		for _, it := range s.Items {
			b.WriteString(in + "item: " + DumpExpr(it) + "\n")
		}
		for _, r := range s.From {
			b.WriteString(in + "from:\n")
			dumpRelation(b, r, in+"  ")
		}
		if s.Where != nil {
			b.WriteString(in + "where: " + DumpExpr(s.Where) + "\n")
		}
		if s.GroupByAll {
			b.WriteString(in + "group by: ALL\n")
		}
		if len(s.GroupBy) > 0 {
			var gb strings.Builder
			dumpList(&gb, s.GroupBy)
			b.WriteString(in + "group by: " + gb.String() + "\n")
		}
		if s.Having != nil {
			b.WriteString(in + "having: " + DumpExpr(s.Having) + "\n")
		}
	case *SetOp:
		b.WriteString(ind + s.Op)
		if s.All {
			b.WriteString(" ALL")
		}
		b.WriteByte('\n')
		dumpBody(b, s.Left, ind+"  ")
		dumpBody(b, s.Right, ind+"  ")
	case *Values:
		b.WriteString(ind + "Values\n")
		for _, row := range s.Rows {
			var rb strings.Builder
			dumpList(&rb, row)
			b.WriteString(ind + "  row: " + rb.String() + "\n")
		}
	case *Query:
		dumpQuery(b, s, ind)
	}
}

func dumpRelation(b *strings.Builder, r Relation, ind string) {
	switch r := r.(type) {
	case *TableRef:
		b.WriteString(ind + "table " + dumpName(r.Name))
		if r.Alias != "" {
			b.WriteString(" AS " + quoteIdent(r.Alias))
		}
		b.WriteByte('\n')
	case *TableFuncRef:
		var args strings.Builder
		dumpList(&args, r.Args)
		b.WriteString(ind + "table function " + dumpName(r.Name) + args.String())
		if r.Alias != "" {
			b.WriteString(" AS " + quoteIdent(r.Alias))
		}
		b.WriteByte('\n')
	case *SubqueryRef:
		b.WriteString(ind + "subquery")
		if r.Alias != "" {
			b.WriteString(" AS " + quoteIdent(r.Alias))
		}
		if len(r.Columns) > 0 {
			b.WriteString("(" + strings.Join(r.Columns, ", ") + ")")
		}
		b.WriteByte('\n')
		dumpQuery(b, r.Query, ind+"  ")
	case *Join:
		b.WriteString(ind + "join " + string(r.Type))
		if r.Natural {
			b.WriteString(" natural")
		}
		if r.On != nil {
			b.WriteString(" on " + DumpExpr(r.On))
		}
		if len(r.Using) > 0 {
			b.WriteString(" using (" + strings.Join(r.Using, ", ") + ")")
		}
		b.WriteByte('\n')
		dumpRelation(b, r.Left, ind+"  ")
		dumpRelation(b, r.Right, ind+"  ")
	}
}
