package sqlparser

// Pos is a position in the parsed text: Line is 1-based, Col is the 0-based
// character position in the line (Spark's "pos"), Offset the byte offset.
type Pos struct {
	Line, Col, Offset int
}

// Expr is a parsed, unresolved Spark SQL expression.
type Expr interface {
	// Position returns where the expression starts in the parsed text.
	Position() Pos
	exprNode()
}

// ColumnRef is a possibly qualified name such as `a`, `t.a` or `data.name`.
// Whether a leading part names a relation or a struct column is decided by
// the analyzer, as in Spark.
type ColumnRef struct {
	At    Pos
	Parts []string
}

// Star is `*` or `qualifier.*`.
type Star struct {
	At        Pos
	Qualifier []string
}

// LiteralKind identifies the Spark type a literal is written as.
type LiteralKind int

// Literal kinds. Integer literals without a suffix become LitInt, LitBigInt
// or LitDecimal depending on their size, as in Spark.
const (
	LitNull LiteralKind = iota
	LitBool
	LitTinyInt
	LitSmallInt
	LitInt
	LitBigInt
	LitDecimal
	LitFloat
	LitDouble
	LitString
	LitDate
	LitTimestamp
	LitTimestampNTZ
	LitBinary
	LitInterval
)

var literalKindNames = [...]string{"null", "boolean", "tinyint", "smallint", "int", "bigint",
	"decimal", "float", "double", "string", "date", "timestamp", "timestamp_ntz", "binary", "interval"}

// String returns the Spark type name of the literal kind.
func (k LiteralKind) String() string { return literalKindNames[k] }

// Literal is a constant. Text holds the value's canonical text: for numbers
// the digits without any type suffix (a leading minus included), for
// booleans "true"/"false", for strings, dates, timestamps and binary the
// unescaped content, for intervals the interval string. Bool holds a boolean
// literal's value.
type Literal struct {
	At   Pos
	Kind LiteralKind
	Text string
	Bool bool
	// Interval is set for LitInterval.
	Interval *Interval
}

// Interval is the content of an INTERVAL literal. With units, each Value is
// paired with the Unit at the same index (`INTERVAL 1 DAY 2 HOURS`); a
// unit-to-unit literal (`INTERVAL '1-2' YEAR TO MONTH`) has one Value and
// sets From and To; a bare string (`INTERVAL '10 minutes'`) has one Value and
// no units.
type Interval struct {
	Values []string
	Units  []string // upper case, singular: YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND
	From   string
	To     string
}

// UnaryExpr is `-x`, `+x`, `~x` or `NOT x` (Op is "-", "+", "~" or "NOT").
type UnaryExpr struct {
	At Pos
	Op string
	X  Expr
}

// BinaryExpr is a binary operator. Op is one of AND, OR, =, ==, <>, !=, <,
// <=, >, >=, <=>, +, -, *, /, %, DIV, ||, &, |, ^ (comparison operators are
// kept as written; `!>` is stored as "<=" and `!<` as ">=").
type BinaryExpr struct {
	At   Pos
	Op   string
	L, R Expr
}

// IsNull is `x IS [NOT] NULL`.
type IsNull struct {
	At  Pos
	X   Expr
	Not bool
}

// IsBool is `x IS [NOT] TRUE|FALSE|UNKNOWN` (Value upper case).
type IsBool struct {
	At    Pos
	X     Expr
	Not   bool
	Value string
}

// IsDistinctFrom is `x IS [NOT] DISTINCT FROM y`.
type IsDistinctFrom struct {
	At   Pos
	X, Y Expr
	Not  bool
}

// In is `x [NOT] IN (list...)`.
type In struct {
	At   Pos
	X    Expr
	List []Expr
	Not  bool
}

// InSubquery is `x [NOT] IN (query)`.
type InSubquery struct {
	At    Pos
	X     Expr
	Query *Query
	Not   bool
}

// Between is `x [NOT] BETWEEN lo AND hi`.
type Between struct {
	At     Pos
	X      Expr
	Lo, Hi Expr
	Not    bool
}

// Like is `x [NOT] LIKE|ILIKE|RLIKE pattern [ESCAPE 'c']`. Op is "LIKE",
// "ILIKE" or "RLIKE" (REGEXP is stored as RLIKE).
type Like struct {
	At      Pos
	Op      string
	X       Expr
	Pattern Expr
	Escape  string // empty when absent
	Not     bool
}

// Cast is `CAST(x AS type)` or `TRY_CAST(x AS type)`.
type Cast struct {
	At   Pos
	X    Expr
	Type *DataType
	Try  bool
}

// WhenClause is one `WHEN cond THEN result` branch of a CASE.
type WhenClause struct {
	Cond, Result Expr
}

// Case is `CASE [operand] WHEN ... THEN ... [ELSE ...] END`. Operand is nil
// for the searched form.
type Case struct {
	At      Pos
	Operand Expr
	Whens   []WhenClause
	Else    Expr
}

// FuncCall is a function call such as `count(*)`, `count(DISTINCT x)`,
// `db.f(x)` or `window(ts, '10 minutes')`. `count(*)` has a single *Star
// argument. Name parts keep their spelling; Spark matches function names
// case-insensitively.
type FuncCall struct {
	At          Pos
	Name        []string
	Distinct    bool
	Args        []Expr
	IgnoreNulls bool
	Filter      Expr        // FILTER (WHERE cond), or nil
	Over        *WindowSpec // OVER (...), or nil
}

// WindowSpec is the OVER clause of a window function call.
type WindowSpec struct {
	Name        string // OVER name refers to a WINDOW clause; other fields empty
	PartitionBy []Expr
	OrderBy     []SortItem
	Frame       *WindowFrame
}

// WindowFrame is `ROWS|RANGE BETWEEN start AND end` (or just `start`).
type WindowFrame struct {
	Type       string // ROWS or RANGE
	Start, End FrameBound
}

// FrameBound is one end of a window frame: Kind is UNBOUNDED PRECEDING,
// UNBOUNDED FOLLOWING, CURRENT ROW, PRECEDING or FOLLOWING (the last two
// with Offset).
type FrameBound struct {
	Kind   string
	Offset Expr
}

// Subscript is `x[index]`.
type Subscript struct {
	At    Pos
	X     Expr
	Index Expr
}

// FieldAccess is `x.field` where x is not a plain column name, e.g.
// `f(a).b` or `arr[0].b`.
type FieldAccess struct {
	At    Pos
	X     Expr
	Field string
}

// Alias is `x [AS] name`.
type Alias struct {
	At   Pos
	X    Expr
	Name string
}

// MultiAlias is `x AS (a, b)`.
type MultiAlias struct {
	At    Pos
	X     Expr
	Names []string
}

// ScalarSubquery is `(SELECT ...)` used as a value.
type ScalarSubquery struct {
	At    Pos
	Query *Query
}

// Exists is `EXISTS (query)`.
type Exists struct {
	At    Pos
	Query *Query
}

// Lambda is `x -> body` or `(x, y) -> body`.
type Lambda struct {
	At     Pos
	Params []string
	Body   Expr
}

// RowConstructor is `(a, b, ...)`, a struct of its fields.
type RowConstructor struct {
	At     Pos
	Fields []Expr
}

// Position returns where the ColumnRef starts.
func (e *ColumnRef) Position() Pos { return e.At }

// Position returns where the Star starts.
func (e *Star) Position() Pos { return e.At }

// Position returns where the Literal starts.
func (e *Literal) Position() Pos { return e.At }

// Position returns where the UnaryExpr starts.
func (e *UnaryExpr) Position() Pos { return e.At }

// Position returns where the BinaryExpr starts.
func (e *BinaryExpr) Position() Pos { return e.At }

// Position returns where the IsNull starts.
func (e *IsNull) Position() Pos { return e.At }

// Position returns where the IsBool starts.
func (e *IsBool) Position() Pos { return e.At }

// Position returns where the IsDistinctFrom starts.
func (e *IsDistinctFrom) Position() Pos { return e.At }

// Position returns where the In starts.
func (e *In) Position() Pos { return e.At }

// Position returns where the InSubquery starts.
func (e *InSubquery) Position() Pos { return e.At }

// Position returns where the Between starts.
func (e *Between) Position() Pos { return e.At }

// Position returns where the Like starts.
func (e *Like) Position() Pos { return e.At }

// Position returns where the Cast starts.
func (e *Cast) Position() Pos { return e.At }

// Position returns where the Case starts.
func (e *Case) Position() Pos { return e.At }

// Position returns where the FuncCall starts.
func (e *FuncCall) Position() Pos { return e.At }

// Position returns where the Subscript starts.
func (e *Subscript) Position() Pos { return e.At }

// Position returns where the FieldAccess starts.
func (e *FieldAccess) Position() Pos { return e.At }

// Position returns where the Alias starts.
func (e *Alias) Position() Pos { return e.At }

// Position returns where the MultiAlias starts.
func (e *MultiAlias) Position() Pos { return e.At }

// Position returns where the ScalarSubquery starts.
func (e *ScalarSubquery) Position() Pos { return e.At }

// Position returns where the Exists starts.
func (e *Exists) Position() Pos { return e.At }

// Position returns where the Lambda starts.
func (e *Lambda) Position() Pos { return e.At }

// Position returns where the RowConstructor starts.
func (e *RowConstructor) Position() Pos { return e.At }

func (*ColumnRef) exprNode()      {}
func (*Star) exprNode()           {}
func (*Literal) exprNode()        {}
func (*UnaryExpr) exprNode()      {}
func (*BinaryExpr) exprNode()     {}
func (*IsNull) exprNode()         {}
func (*IsBool) exprNode()         {}
func (*IsDistinctFrom) exprNode() {}
func (*In) exprNode()             {}
func (*InSubquery) exprNode()     {}
func (*Between) exprNode()        {}
func (*Like) exprNode()           {}
func (*Cast) exprNode()           {}
func (*Case) exprNode()           {}
func (*FuncCall) exprNode()       {}
func (*Subscript) exprNode()      {}
func (*FieldAccess) exprNode()    {}
func (*Alias) exprNode()          {}
func (*MultiAlias) exprNode()     {}
func (*ScalarSubquery) exprNode() {}
func (*Exists) exprNode()         {}
func (*Lambda) exprNode()         {}
func (*RowConstructor) exprNode() {}
