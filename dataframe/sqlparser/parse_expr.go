package sqlparser

import "strings"

// parseNamedExpr parses Spark's namedExpression: an expression with an
// optional alias.
func (p *parser) parseNamedExpr() Expr {
	at := p.pos()
	e := p.parseExpr()
	if p.isWord("AS") && (isTerminator(p.peek(1)) || startsClause(p.peek(1), p.peek(2))) {
		// `x AS` names the column "AS", as in Spark.
		return &Alias{At: at, X: e, Name: p.advance().Text}
	}
	if p.acceptWord("AS") {
		if p.cur().Kind == TokLParen {
			return &MultiAlias{At: at, X: e, Names: p.parseIdentList()}
		}
		return &Alias{At: at, X: e, Name: p.parseIdentifier()}
	}
	if p.cur().Kind == TokLParen && p.isIdentListAhead() {
		return &MultiAlias{At: at, X: e, Names: p.parseIdentList()}
	}
	if p.isImplicitAlias() {
		return &Alias{At: at, X: e, Name: p.parseIdentifier()}
	}
	return e
}

// isIdentListAhead reports whether "(" starts a parenthesized list of
// identifiers followed by a terminator, like `(a, b)` in `stack(...) (a, b)`.
func (p *parser) isIdentListAhead() bool {
	n := 1
	for {
		if k := p.peek(n).Kind; k != TokWord && k != TokQuotedIdent {
			return false
		}
		n++
		switch p.peek(n).Kind {
		case TokComma:
			n++
		case TokRParen:
			return isTerminator(p.peek(n+1)) || p.peek(n+1).IsWord("FROM")
		default:
			return false
		}
	}
}

// isImplicitAlias reports whether the current token is an alias written
// without AS. Spark's keywords are non-reserved, so a clause keyword is an
// alias only where its clause could not follow.
func (p *parser) isImplicitAlias() bool {
	t := p.cur()
	if t.Kind == TokQuotedIdent {
		return true
	}
	if t.Kind != TokWord {
		return false
	}
	return !startsClause(t, p.peek(1))
}

// clauseWords start a clause after a select item or a relation when followed
// by something other than a terminator.
var clauseWords = map[string]bool{
	"FROM": true, "WHERE": true, "HAVING": true, "LIMIT": true, "OFFSET": true, "UNION": true,
	"EXCEPT": true, "INTERSECT": true, "MINUS": true, "SETMINUS": true, "WINDOW": true,
	"LATERAL": true, "INTO": true, "QUALIFY": true,
}

// byClauseWords start a clause when followed by BY.
var byClauseWords = map[string]bool{"GROUP": true, "ORDER": true, "SORT": true, "CLUSTER": true, "DISTRIBUTE": true}

func startsClause(t, next Token) bool {
	u := t.Upper()
	if byClauseWords[u] {
		return next.IsWord("BY")
	}
	return clauseWords[u] && !isTerminator(next)
}

// isTerminator reports whether t ends an expression list.
func isTerminator(t Token) bool {
	switch t.Kind {
	case TokEOF, TokSemicolon, TokRParen, TokComma:
		return true
	}
	return false
}

// startsOperand reports whether t can begin an operand of a keyword
// operator such as AND or LIKE.
func startsOperand(t Token) bool {
	switch t.Kind {
	case TokWord, TokQuotedIdent, TokString, TokInteger, TokDecimal, TokExponent, TokBigIntLit,
		TokSmallIntLit, TokTinyIntLit, TokDoubleLit, TokFloatLit, TokBigDecimalLit, TokLParen,
		TokMinus, TokPlus, TokTilde, TokBang, TokStar:
		return true
	}
	return false
}

// parseExpr parses Spark's booleanExpression.
func (p *parser) parseExpr() Expr {
	p.enter()
	defer p.leave()
	return p.parseOr()
}

func (p *parser) parseOr() Expr {
	return p.parseLogicalChain("OR", p.parseAnd)
}

func (p *parser) parseAnd() Expr {
	return p.parseLogicalChain("AND", p.parseNot)
}

// parseLogicalChain parses `x op y op z ...` for op AND or OR and builds a
// balanced tree, as Spark's AstBuilder.visitLogicalBinary does: `a AND b AND
// c AND d` is ((a AND b) AND (c AND d)), which shows in generated column
// names.
func (p *parser) parseLogicalChain(op string, operand func() Expr) Expr {
	operands := []Expr{operand()}
	var ops []Pos
	for p.isWord(op) && startsOperand(p.peek(1)) {
		ops = append(ops, tokPos(p.advance()))
		operands = append(operands, operand())
	}
	var build func(low, high int) Expr
	build = func(low, high int) Expr {
		switch high - low {
		case 0:
			return operands[low]
		case 1:
			return &BinaryExpr{At: ops[low], Op: op, L: operands[low], R: operands[high]}
		}
		mid := low + (high-low)/2
		return &BinaryExpr{At: ops[mid], Op: op, L: build(low, mid), R: build(mid+1, high)}
	}
	return build(0, len(operands)-1)
}

func (p *parser) parseNot() Expr {
	p.enter()
	defer p.leave()
	t := p.cur()
	if (t.Kind == TokBang || t.IsWord("NOT")) && startsOperand(p.peek(1)) {
		p.advance()
		return &UnaryExpr{At: tokPos(t), Op: "NOT", X: p.parseNot()}
	}
	if t.IsWord("EXISTS") && p.peek(1).Kind == TokLParen && startsQuery(p.peek(2)) {
		p.advance()
		p.expect(TokLParen)
		q := p.parseQuery()
		p.expect(TokRParen)
		return &Exists{At: tokPos(t), Query: q}
	}
	return p.parsePredicated()
}

// parsePredicated parses a value expression followed by at most one
// predicate (BETWEEN, IN, LIKE, RLIKE, IS ...).
func (p *parser) parsePredicated() Expr {
	at := p.pos()
	x := p.parseComparison()
	if p.isWord("IN") {
		// Spark predicts IN adaptively: when the IN list does not parse,
		// the word is read as an alias or left for the caller to reject.
		var e Expr
		if p.try("in", func() { e = p.parsePredicate(at, x) }) {
			return e
		}
		return x
	}
	return p.parsePredicate(at, x)
}

// parsePredicate parses the optional predicate that follows value x.
func (p *parser) parsePredicate(at Pos, x Expr) Expr {
	not := false
	if (p.isWord("NOT") || p.cur().Kind == TokBang) && isPredicateWord(p.peek(1)) && startsOperand(p.peek(2)) {
		p.advance()
		not = true
	} else if !isPredicateWord(p.cur()) || !startsOperand(p.peek(1)) {
		if p.isWord("IS") {
			return p.parseIs(at, x)
		}
		return x
	}
	switch p.advance().Upper() {
	case "BETWEEN":
		lo := p.parseComparison()
		p.expectWord("AND")
		hi := p.parseComparison()
		return &Between{At: at, X: x, Lo: lo, Hi: hi, Not: not}
	case "IN":
		p.expect(TokLParen)
		if startsQuery(p.cur()) {
			q := p.parseQuery()
			p.expect(TokRParen)
			return &InSubquery{At: at, X: x, Query: q, Not: not}
		}
		list := []Expr{p.parseExpr()}
		for p.accept(TokComma) {
			list = append(list, p.parseExpr())
		}
		p.expect(TokRParen)
		return &In{At: at, X: x, List: list, Not: not}
	case "RLIKE", "REGEXP":
		return &Like{At: at, Op: "RLIKE", X: x, Pattern: p.parseComparison(), Not: not}
	default: // LIKE, ILIKE
		op := p.toks[p.i-1].Upper()
		l := &Like{At: at, Op: op, X: x, Pattern: p.parseComparison(), Not: not}
		if p.isWord("ESCAPE") && p.peek(1).Kind == TokString {
			p.advance()
			esc := p.advance()
			if len([]rune(esc.Value)) != 1 {
				p.raise(esc, "INVALID_ESC", "The escape character "+esc.Value+" is invalid.")
			}
			l.Escape = esc.Value
		}
		return l
	}
}

func isPredicateWord(t Token) bool {
	if t.Kind != TokWord {
		return false
	}
	switch t.Upper() {
	case "BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP":
		return true
	}
	return false
}

// parseIs parses `IS [NOT] NULL|TRUE|FALSE|UNKNOWN|DISTINCT FROM y`.
func (p *parser) parseIs(at Pos, x Expr) Expr {
	save := p.i
	p.advance() // IS
	not := p.acceptWord("NOT")
	switch {
	case p.isWord("NULL"):
		p.advance()
		return &IsNull{At: at, X: x, Not: not}
	case p.isWord("TRUE"), p.isWord("FALSE"), p.isWord("UNKNOWN"):
		return &IsBool{At: at, X: x, Not: not, Value: p.advance().Upper()}
	case p.isWord("DISTINCT") && p.peek(1).IsWord("FROM"):
		p.advance()
		p.advance()
		return &IsDistinctFrom{At: at, X: x, Y: p.parseComparison(), Not: not}
	}
	if !not && isTerminator(p.cur()) {
		// `x IS` with nothing after it: IS is an alias, as in Spark.
		p.i = save
		return x
	}
	p.fail(p.cur())
	return nil
}

// Binary operator levels of Spark's valueExpression, loosest first.
var binaryLevels = [][]TokenKind{
	{TokEq, TokNullSafeEq, TokNeq, TokNeqJ, TokLt, TokLte, TokGt, TokGte},
	{TokPipe},
	{TokHat},
	{TokAmp},
	{TokPlus, TokMinus, TokConcat},
	{TokStar, TokSlash, TokPercent}, // and DIV
}

func (p *parser) parseComparison() Expr { return p.parseBinary(0) }

func (p *parser) parseBinary(level int) Expr {
	if level == len(binaryLevels) {
		return p.parseUnary()
	}
	l := p.parseBinary(level + 1)
	for {
		t := p.cur()
		op, ok := binaryOp(t, level)
		if !ok && level == len(binaryLevels)-1 && t.IsWord("DIV") && startsOperand(p.peek(1)) {
			op, ok = "DIV", true
		}
		if !ok {
			return l
		}
		p.advance()
		r := p.parseBinary(level + 1)
		l = &BinaryExpr{At: tokPos(t), Op: op, L: l, R: r}
	}
}

func binaryOp(t Token, level int) (string, bool) {
	for _, k := range binaryLevels[level] {
		if t.Kind == k {
			switch t.Text {
			case "!>":
				return "<=", true
			case "!<":
				return ">=", true
			}
			return t.Text, true
		}
	}
	return "", false
}

// parseUnary parses `-x`, `+x`, `~x` and signed numeric literals.
func (p *parser) parseUnary() Expr {
	p.enter()
	defer p.leave()
	t := p.cur()
	switch t.Kind {
	case TokMinus:
		if isNumberToken(p.peek(1).Kind) {
			p.advance()
			return p.parsePostfix(p.numberLiteral(t, p.advance(), true))
		}
		p.advance()
		return &UnaryExpr{At: tokPos(t), Op: "-", X: p.parseUnary()}
	case TokPlus, TokTilde:
		p.advance()
		return &UnaryExpr{At: tokPos(t), Op: t.Text, X: p.parseUnary()}
	}
	return p.parsePostfix(p.parsePrimary())
}

// parsePostfix applies subscripts `[i]` and field accesses `.name`.
func (p *parser) parsePostfix(e Expr) Expr {
	for {
		switch p.cur().Kind {
		case TokLBracket:
			p.advance()
			idx := p.parseComparison()
			p.expectClose(TokRBracket, "]")
			e = &Subscript{At: e.Position(), X: e, Index: idx}
		case TokDot:
			p.advance()
			name := p.parseIdentifier()
			if c, ok := e.(*ColumnRef); ok {
				c.Parts = append(c.Parts, name)
			} else {
				e = &FieldAccess{At: e.Position(), X: e, Field: name}
			}
		default:
			return e
		}
	}
}

func isNumberToken(k TokenKind) bool {
	switch k {
	case TokInteger, TokDecimal, TokExponent, TokBigIntLit, TokSmallIntLit, TokTinyIntLit,
		TokDoubleLit, TokFloatLit, TokBigDecimalLit:
		return true
	}
	return false
}

// typedLiteralWords are the type names Spark accepts before a string literal.
var typedLiteralWords = map[string]LiteralKind{
	"DATE": LitDate, "TIMESTAMP": LitTimestamp, "TIMESTAMP_LTZ": LitTimestamp,
	"TIMESTAMP_NTZ": LitTimestampNTZ, "X": LitBinary, "INTERVAL": LitInterval,
}

func (p *parser) parsePrimary() Expr {
	t := p.cur()
	at := tokPos(t)
	switch t.Kind {
	case TokString:
		return p.parseStringLiteral()
	case TokStar:
		p.advance()
		return &Star{At: at}
	case TokLParen:
		return p.parseParenthesized()
	case TokQuotedIdent:
		return p.parseNameOrCall()
	case TokWord:
	default:
		if isNumberToken(t.Kind) {
			return p.numberLiteral(t, p.advance(), false)
		}
		p.fail(t)
	}
	next := p.peek(1)
	switch u := t.Upper(); {
	case u == "NULL":
		p.advance()
		return &Literal{At: at, Kind: LitNull, Text: "NULL"}
	case u == "TRUE" || u == "FALSE":
		p.advance()
		return &Literal{At: at, Kind: LitBool, Text: strings.ToLower(u), Bool: u == "TRUE"}
	case u == "INTERVAL" && p.startsInterval():
		return p.parseInterval()
	case next.Kind == TokString:
		kind, ok := typedLiteralWords[u]
		if !ok {
			p.raise(t, "UNSUPPORTED_TYPED_LITERAL", `Literals of the type "`+u+`" are not supported. Supported types are "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X".`)
		}
		p.advance()
		s := p.parseStringLiteral().(*Literal)
		lit := &Literal{At: at, Kind: kind, Text: s.Text}
		if kind == LitDate && !ValidDate(s.Text) {
			p.raise(t, "INVALID_TYPED_LITERAL", `The value of the typed literal "DATE" is invalid: '`+s.Text+`'.`)
		}
		if kind == LitInterval {
			lit.Interval = &Interval{Values: []string{s.Text}}
			lit.Text = lit.Interval.String()
		}
		return lit
	case u == "CASE" && p.startsCase():
		var e Expr
		if p.try("case", func() { e = p.parseCase() }) {
			return e
		}
		// Spark falls back to a column named "case".
	case (u == "CAST" || u == "TRY_CAST") && next.Kind == TokLParen:
		return p.parseCast()
	case next.Kind == TokArrow:
		p.advance()
		p.advance()
		return &Lambda{At: at, Params: []string{t.Text}, Body: p.parseExpr()}
	}
	return p.parseNameOrCall()
}

// startsCase reports whether CASE begins a CASE expression rather than
// naming a column called "case".
func (p *parser) startsCase() bool {
	next := p.peek(1)
	if next.IsWord("WHEN") {
		return true
	}
	return startsOperand(next) && !startsClause(next, p.peek(2)) && !next.IsWord("AS")
}

func (p *parser) parseCase() Expr {
	at := p.pos()
	p.advance() // CASE
	c := &Case{At: at}
	if !p.isWord("WHEN") {
		c.Operand = p.parseExpr()
	}
	for p.isWord("WHEN") {
		p.advance()
		cond := p.parseExpr()
		p.expectWord("THEN")
		c.Whens = append(c.Whens, WhenClause{Cond: cond, Result: p.parseExpr()})
	}
	if len(c.Whens) == 0 {
		p.fail(p.cur())
	}
	if p.acceptWord("ELSE") {
		c.Else = p.parseExpr()
	}
	p.expectWord("END")
	return c
}

func (p *parser) parseCast() Expr {
	t := p.advance()
	p.expect(TokLParen)
	x := p.parseExpr()
	if !p.isWord("AS") && p.peek(1).Kind == TokRParen {
		// CAST is also a function name: ANTLR reads a stray type as extra
		// input in its argument list.
		p.failHint(p.cur(), ": extra input "+tokenDisplay(p.cur()))
	}
	p.expectWord("AS")
	dt := p.parseDataType()
	p.expectClose(TokRParen, ")")
	return &Cast{At: tokPos(t), X: x, Type: dt, Try: t.IsWord("TRY_CAST")}
}

// parseParenthesized parses what follows "(": a scalar subquery, a lambda
// parameter list, a row constructor or a parenthesized expression.
func (p *parser) parseParenthesized() Expr {
	at := p.pos()
	if startsQuery(p.peek(1)) {
		p.advance()
		q := p.parseQuery()
		p.expect(TokRParen)
		return &ScalarSubquery{At: at, Query: q}
	}
	if params, ok := p.lambdaParamsAhead(); ok {
		return &Lambda{At: at, Params: params, Body: p.parseExpr()}
	}
	p.advance()
	first := p.parseNamedExpr()
	if p.cur().Kind == TokComma {
		fields := []Expr{first}
		for p.accept(TokComma) {
			fields = append(fields, p.parseNamedExpr())
		}
		p.expect(TokRParen)
		return &RowConstructor{At: at, Fields: fields}
	}
	p.expect(TokRParen)
	switch first.(type) {
	case *Alias, *MultiAlias:
		p.fail(p.toks[p.i-1])
	}
	return first
}

// lambdaParamsAhead consumes `(a, b) ->` and returns the parameter names.
func (p *parser) lambdaParamsAhead() ([]string, bool) {
	n := 1
	var params []string
	for {
		t := p.peek(n)
		if t.Kind != TokWord && t.Kind != TokQuotedIdent {
			return nil, false
		}
		params = append(params, t.Value)
		n++
		switch p.peek(n).Kind {
		case TokComma:
			n++
			continue
		case TokRParen:
			if p.peek(n+1).Kind != TokArrow {
				return nil, false
			}
			p.i += n + 2
			return params, true
		}
		return nil, false
	}
}

// parseNameOrCall parses a column reference, a qualified star `t.*`, or a
// function call.
func (p *parser) parseNameOrCall() Expr {
	at := p.pos()
	parts := []string{p.parseIdentifier()}
	for p.cur().Kind == TokDot {
		next := p.peek(1)
		if next.Kind == TokStar {
			p.advance()
			p.advance()
			return &Star{At: at, Qualifier: parts}
		}
		p.advance()
		parts = append(parts, p.parseIdentifier())
	}
	if p.cur().Kind == TokLParen {
		return p.parseCall(at, parts)
	}
	return &ColumnRef{At: at, Parts: parts}
}

// parseIdentifier parses a plain or backquoted identifier.
func (p *parser) parseIdentifier() string {
	t := p.cur()
	if t.Kind != TokWord && t.Kind != TokQuotedIdent {
		p.fail(t)
	}
	p.advance()
	return t.Value
}

// parseIdentListClosed parses `(a, b, ...)`, reporting a missing ")" with
// ANTLR's hint.
func (p *parser) parseIdentListClosed() []string {
	p.expect(TokLParen)
	names := []string{p.parseIdentifier()}
	for p.accept(TokComma) {
		names = append(names, p.parseIdentifier())
	}
	p.expectClose(TokRParen, ")")
	return names
}

// parseIdentList parses `(a, b, ...)`.
func (p *parser) parseIdentList() []string {
	p.expect(TokLParen)
	names := []string{p.parseIdentifier()}
	for p.accept(TokComma) {
		names = append(names, p.parseIdentifier())
	}
	p.expect(TokRParen)
	return names
}
