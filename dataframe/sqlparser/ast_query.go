package sqlparser

// Query is a full query: optional common table expressions, a body (a SELECT
// or a set operation), and the ORDER BY / LIMIT / OFFSET that apply to the
// whole body.
type Query struct {
	At      Pos
	With    []CTE
	Body    QueryBody
	OrderBy []SortItem
	Limit   Expr // nil when absent (LIMIT ALL also gives nil)
	Offset  Expr
}

// CTE is one `name AS (query)` of a WITH clause.
type CTE struct {
	Name    string
	Columns []string
	Query   *Query
}

// QueryBody is a *Select, a *SetOp, a *Values or a parenthesized *Query.
type QueryBody interface {
	queryBody()
}

// Select is one SELECT ... FROM ... WHERE ... GROUP BY ... HAVING block.
type Select struct {
	At       Pos
	Distinct bool
	// Items are the select list; aliased items are *Alias.
	Items []Expr
	// From holds the comma-separated relations (an implicit cross join);
	// empty for SELECT without FROM.
	From    []Relation
	Where   Expr
	GroupBy []Expr
	// GroupByAll is set for GROUP BY ALL.
	GroupByAll bool
	// Table is set for the `TABLE name` shorthand of SELECT * FROM name.
	Table  bool
	Having Expr
}

// SetOp is `left UNION|EXCEPT|INTERSECT [ALL|DISTINCT] right`. Op is
// "UNION", "EXCEPT" (MINUS too) or "INTERSECT".
type SetOp struct {
	At          Pos // where the left operand starts
	Op          string
	All         bool
	Left, Right QueryBody
}

// Values is an inline table: `VALUES (1, 'a'), (2, 'b')`.
type Values struct {
	At   Pos
	Rows [][]Expr
}

func (*Select) queryBody() {}
func (*SetOp) queryBody()  {}
func (*Values) queryBody() {}
func (*Query) queryBody()  {}

// SortItem is one `expr [ASC|DESC] [NULLS FIRST|LAST]` of ORDER BY.
// NullsFirst is nil when unspecified (Spark: nulls first for ASC, last for
// DESC).
type SortItem struct {
	X          Expr
	Desc       bool
	NullsFirst *bool
}

// Relation is a FROM item: *TableRef, *TableFuncRef, *SubqueryRef or *Join. An inline
// VALUES table in FROM is a *SubqueryRef whose query body is *Values.
type Relation interface {
	relationNode()
}

// TableRef is a table or view name with an optional alias.
type TableRef struct {
	At    Pos
	Name  []string
	Alias string
}

// SubqueryRef is `(query) [AS] alias`.
type SubqueryRef struct {
	At      Pos
	Query   *Query
	Alias   string
	Columns []string // alias column list: (query) AS t(a, b)
}

// JoinType is the kind of a join.
type JoinType string

// Join types, spelled as Spark's DataFrame API spells them.
const (
	JoinInner    JoinType = "inner"
	JoinLeft     JoinType = "left_outer"
	JoinRight    JoinType = "right_outer"
	JoinFull     JoinType = "full_outer"
	JoinLeftSemi JoinType = "left_semi"
	JoinLeftAnti JoinType = "left_anti"
	JoinCross    JoinType = "cross"
)

// Join is `left [type] JOIN right [ON cond | USING (cols)]`.
type Join struct {
	At      Pos
	Type    JoinType
	Natural bool
	Left    Relation
	Right   Relation
	On      Expr
	Using   []string
}

// TableFuncRef is a table-valued function call in FROM, e.g. `range(10)`.
type TableFuncRef struct {
	At    Pos
	Name  []string
	Args  []Expr
	Alias string
}

func (*TableFuncRef) relationNode() {}
func (*TableRef) relationNode()     {}
func (*SubqueryRef) relationNode()  {}
func (*Join) relationNode()         {}
