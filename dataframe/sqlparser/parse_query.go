package sqlparser

// startsQuery reports whether t begins a query inside parentheses.
func startsQuery(t Token) bool {
	return t.IsWord("SELECT") || t.IsWord("WITH") || t.IsWord("VALUES") || t.IsWord("TABLE") || t.IsWord("FROM")
}

// parseQuery parses Spark's query rule: [WITH ...] queryTerm
// queryOrganization.
func (p *parser) parseQuery() *Query {
	p.enter()
	defer p.leave()
	q := &Query{At: p.pos()}
	if p.isWord("WITH") && !isTerminator(p.peek(1)) {
		p.advance()
		for {
			cte := CTE{Name: p.parseIdentifier()}
			if p.cur().Kind == TokLParen {
				cte.Columns = p.parseIdentList()
			}
			p.acceptWord("AS")
			p.expect(TokLParen)
			cte.Query = p.parseQuery()
			p.expect(TokRParen)
			q.With = append(q.With, cte)
			if !p.accept(TokComma) {
				break
			}
		}
	}
	q.Body = p.parseSetOps(0)
	if p.isWord("ORDER") && p.peek(1).IsWord("BY") {
		// Spark predicts ORDER BY adaptively: when it does not parse, ORDER
		// is left for the caller, which reports it.
		p.try("order by", func() {
			p.advance()
			p.advance()
			q.OrderBy = p.parseSortItems()
		})
	}
	if p.isWord("LIMIT") {
		// Like ORDER BY, a LIMIT that does not parse is left for the caller.
		p.try("limit", func() {
			p.advance()
			if !p.acceptWord("ALL") {
				q.Limit = p.parseExpr()
			}
		})
	}
	if p.isWord("OFFSET") {
		p.advance()
		q.Offset = p.parseExpr()
	}
	return q
}

// parseSetOps parses set operations; INTERSECT binds tighter than UNION and
// EXCEPT (level 0 parses UNION/EXCEPT, level 1 INTERSECT).
func (p *parser) parseSetOps(level int) QueryBody {
	at := p.pos()
	var l QueryBody
	if level == 0 {
		l = p.parseSetOps(1)
	} else {
		l = p.parseQueryPrimary()
	}
	for {
		t := p.cur()
		op := ""
		switch u := t.Upper(); {
		case t.Kind != TokWord:
		case level == 0 && (u == "UNION" || u == "EXCEPT"):
			op = u
		case level == 0 && (u == "MINUS" || u == "SETMINUS"):
			op = "EXCEPT"
		case level == 1 && u == "INTERSECT":
			op = u
		}
		if op == "" {
			return l
		}
		p.advance()
		all := false
		if p.acceptWord("ALL") {
			all = true
		} else {
			p.acceptWord("DISTINCT")
		}
		var r QueryBody
		if level == 0 {
			r = p.parseSetOps(1)
		} else {
			r = p.parseQueryPrimary()
		}
		l = &SetOp{At: at, Op: op, All: all, Left: l, Right: r}
	}
}

func (p *parser) parseQueryPrimary() QueryBody {
	t := p.cur()
	switch {
	case t.IsWord("SELECT"):
		return p.parseSelect()
	case t.IsWord("VALUES"):
		return p.parseValues()
	case t.IsWord("TABLE"):
		at := tokPos(p.advance())
		return &Select{At: at, Items: []Expr{&Star{At: at}}, From: []Relation{p.parseTableName()}, Table: true}
	case t.Kind == TokLParen:
		p.advance()
		q := p.parseQuery()
		p.expect(TokRParen)
		return q
	}
	p.fail(t)
	return nil
}

func (p *parser) parseSelect() *Select {
	s := &Select{At: tokPos(p.advance())}
	if (p.isWord("DISTINCT") || p.isWord("ALL")) && startsOperand(p.peek(1)) {
		s.Distinct = p.advance().IsWord("DISTINCT")
	}
	s.Items = []Expr{p.parseNamedExpr()}
	for p.accept(TokComma) {
		s.Items = append(s.Items, p.parseNamedExpr())
	}
	if p.isWord("FROM") {
		p.advance()
		s.From = []Relation{p.parseRelation()}
		for p.accept(TokComma) {
			s.From = append(s.From, p.parseRelation())
		}
	}
	if p.isWord("WHERE") {
		p.advance()
		outer := p.inWhere
		p.inWhere = true
		s.Where = p.parseExpr()
		p.inWhere = outer
	}
	if p.isWord("GROUP") {
		p.advance()
		p.expectWord("BY")
		if p.isWord("ALL") && (isTerminator(p.peek(1)) || startsClause(p.peek(1), p.peek(2))) {
			p.advance()
			s.GroupByAll = true
		} else {
			s.GroupBy = p.parseExprList()
		}
	}
	if p.isWord("HAVING") {
		p.advance()
		s.Having = p.parseExpr()
	}
	return s
}

func (p *parser) parseValues() *Values {
	v := &Values{At: tokPos(p.advance())}
	for {
		var row []Expr
		if p.cur().Kind == TokLParen && !startsQuery(p.peek(1)) {
			e := p.parseExpr()
			if rc, ok := e.(*RowConstructor); ok {
				row = rc.Fields
			} else {
				row = []Expr{e}
			}
		} else {
			row = []Expr{p.parseExpr()}
		}
		v.Rows = append(v.Rows, row)
		if !p.accept(TokComma) {
			return v
		}
	}
}

// parseSortItems parses `expr [ASC|DESC] [NULLS FIRST|LAST], ...`.
func (p *parser) parseSortItems() []SortItem {
	var items []SortItem
	for {
		it := SortItem{X: p.parseExpr()}
		if p.isWord("ASC") || p.isWord("DESC") {
			it.Desc = p.advance().IsWord("DESC")
		}
		if p.isWord("NULLS") {
			p.advance()
			if !p.isWord("FIRST") && !p.isWord("LAST") {
				p.fail(p.cur())
			}
			first := p.advance().IsWord("FIRST")
			it.NullsFirst = &first
		}
		items = append(items, it)
		if !p.accept(TokComma) {
			return items
		}
	}
}

// strictNonReserved are the words Spark never takes as a table alias.
var strictNonReserved = map[string]bool{
	"ANTI": true, "CROSS": true, "EXCEPT": true, "FULL": true, "INNER": true, "INTERSECT": true,
	"JOIN": true, "LATERAL": true, "LEFT": true, "MINUS": true, "NATURAL": true, "ON": true,
	"RIGHT": true, "SEMI": true, "SETMINUS": true, "UNION": true, "USING": true,
}

// parseRelation parses a relation followed by any joins.
func (p *parser) parseRelation() Relation {
	p.enter()
	defer p.leave()
	left := p.parseRelationPrimary()
	for {
		at := p.pos()
		typ, natural, ok := p.parseJoinType()
		if !ok {
			return left
		}
		right := p.parseRelationPrimary()
		j := &Join{At: at, Type: typ, Natural: natural, Left: left, Right: right}
		if !natural {
			if p.isWord("ON") {
				p.advance()
				j.On = p.parseExpr()
			} else if p.isWord("USING") {
				p.advance()
				p.expectClose(TokLParen, "(")
				p.i--
				j.Using = p.parseIdentListClosed()
			}
		}
		left = j
	}
}

// parseJoinType consumes `[NATURAL] [INNER|CROSS|LEFT [OUTER]|LEFT SEMI|...]
// JOIN` and returns the join type.
func (p *parser) parseJoinType() (JoinType, bool, bool) {
	save := p.i
	natural := p.acceptWord("NATURAL")
	typ := JoinInner
	switch {
	case p.acceptWord("INNER"):
	case p.acceptWord("CROSS"):
		typ = JoinCross
	case p.acceptWord("LEFT"):
		switch {
		case p.acceptWord("SEMI"):
			typ = JoinLeftSemi
		case p.acceptWord("ANTI"):
			typ = JoinLeftAnti
		default:
			p.acceptWord("OUTER")
			typ = JoinLeft
		}
	case p.acceptWord("SEMI"):
		typ = JoinLeftSemi
	case p.acceptWord("ANTI"):
		typ = JoinLeftAnti
	case p.acceptWord("RIGHT"):
		p.acceptWord("OUTER")
		typ = JoinRight
	case p.acceptWord("FULL"):
		p.acceptWord("OUTER")
		typ = JoinFull
	}
	if p.isWord("JOIN") {
		p.advance()
		return typ, natural, true
	}
	if p.i != save {
		p.fail(p.cur())
	}
	return "", false, false
}

func (p *parser) parseRelationPrimary() Relation {
	t := p.cur()
	at := tokPos(t)
	if t.Kind == TokLParen {
		if startsQuery(p.peek(1)) || p.peek(1).Kind == TokLParen {
			p.advance()
			q := p.parseQuery()
			p.expectClose(TokRParen, ")")
			sq := &SubqueryRef{At: at, Query: q}
			sq.Alias, sq.Columns = p.parseTableAlias()
			return sq
		}
		p.advance()
		r := p.parseRelation()
		p.expect(TokRParen)
		if alias, _ := p.parseTableAlias(); alias != "" {
			return &SubqueryRef{At: at, Query: &Query{At: at, Body: &Select{At: at, Items: []Expr{&Star{At: at}}, From: []Relation{r}}}, Alias: alias}
		}
		return r
	}
	if t.IsWord("VALUES") && !isTerminator(p.peek(1)) {
		v := p.parseValues()
		sq := &SubqueryRef{At: at, Query: &Query{At: at, Body: v}}
		sq.Alias, sq.Columns = p.parseTableAlias()
		return sq
	}
	return p.parseTableName()
}

func (p *parser) parseTableName() Relation {
	tr := &TableRef{At: p.pos(), Name: []string{p.parseIdentifier()}}
	for p.cur().Kind == TokDot {
		p.advance()
		tr.Name = append(tr.Name, p.parseIdentifier())
	}
	if p.cur().Kind == TokLParen {
		p.advance()
		tf := &TableFuncRef{At: tr.At, Name: tr.Name}
		if p.cur().Kind != TokRParen {
			tf.Args = p.parseExprList()
		}
		p.expect(TokRParen)
		tf.Alias, _ = p.parseTableAlias()
		return tf
	}
	tr.Alias, _ = p.parseTableAlias()
	return tr
}

// parseTableAlias parses `[AS] alias [(col, ...)]`.
func (p *parser) parseTableAlias() (string, []string) {
	t := p.cur()
	switch {
	case t.IsWord("AS") && isTerminator(p.peek(1)):
		// `t AS` names the table "AS", as in Spark.
		p.advance()
		return t.Text, nil
	case t.IsWord("AS"):
		p.advance()
	case t.Kind == TokQuotedIdent:
	case t.Kind == TokWord && !strictNonReserved[t.Upper()] && !startsClause(t, p.peek(1)):
	default:
		return "", nil
	}
	name := p.parseIdentifier()
	var cols []string
	if p.cur().Kind == TokLParen {
		cols = p.parseIdentList()
	}
	return name, cols
}
