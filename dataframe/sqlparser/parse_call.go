package sqlparser

import "strings"

// parseCall parses a function call whose name has been read; the current
// token is "(".
func (p *parser) parseCall(at Pos, name []string) Expr {
	lparen := p.i
	p.expect(TokLParen)
	f := &FuncCall{At: at, Name: name}
	special := ""
	if len(name) == 1 {
		special = strings.ToUpper(name[0])
	}
	switch special {
	case "EXTRACT":
		if (p.cur().Kind == TokWord || p.cur().Kind == TokQuotedIdent) && p.peek(1).IsWord("FROM") {
			ft := p.cur()
			field := p.parseIdentifier()
			p.advance() // FROM
			f.Args = []Expr{&Literal{At: tokPos(ft), Kind: LitString, Text: field}, p.parseComparison()}
			p.expect(TokRParen)
			return f
		}
	case "SUBSTR", "SUBSTRING":
		if p.cur().Kind != TokRParen {
			str := p.parseComparison()
			if p.acceptWord("FROM") {
				f.Args = []Expr{str, p.parseComparison()}
				if p.acceptWord("FOR") {
					f.Args = append(f.Args, p.parseComparison())
				}
				p.expect(TokRParen)
				return f
			}
			f.Args = []Expr{str}
			for p.accept(TokComma) {
				f.Args = append(f.Args, p.parseExpr())
			}
			p.expect(TokRParen)
			return p.parseCallSuffix(f)
		}
	case "TRIM":
		if fc, ok := p.parseTrim(f); ok {
			return fc
		}
	case "POSITION":
		if p.cur().Kind != TokRParen {
			save := p.i
			sub := p.parseComparison()
			if p.acceptWord("IN") {
				f.Args = []Expr{sub, p.parseComparison()}
				p.expect(TokRParen)
				return f
			}
			p.i = save
		}
	}
	if p.cur().Kind != TokRParen {
		if p.isWord("DISTINCT") && startsOperand(p.peek(1)) {
			p.advance()
			f.Distinct = true
		} else if p.isWord("ALL") && startsOperand(p.peek(1)) {
			p.advance()
		}
		named := special == "STRUCT"
		for {
			var arg Expr
			if named {
				arg = p.parseNamedExpr()
			} else {
				arg = p.parseExpr()
			}
			f.Args = append(f.Args, arg)
			if !p.accept(TokComma) {
				break
			}
		}
		if (special == "FIRST" || special == "LAST" || special == "ANY_VALUE") && p.isWord("IGNORE") && p.peek(1).IsWord("NULLS") {
			p.advance()
			p.advance()
			f.IgnoreNulls = true
		}
		// ANTLR inserts the missing ")" after a single column argument when
		// the next token could follow the call.
		if c, ok := f.Args[0].(*ColumnRef); ok && len(f.Args) == 1 && len(c.Parts) == 1 && (p.cur().Kind == TokEOF || p.isWord("FROM")) {
			if p.inWhere {
				// In WHERE nothing can follow the call: ANTLR backs off to
				// the name and fails at the parenthesis.
				p.fail(p.toks[lparen])
			}
			p.expectClose(TokRParen, ")")
		}
		if len(f.Args) >= 2 && p.isWord("FROM") {
			p.failHint(p.cur(), ": extra input "+tokenDisplay(p.cur()))
		}
	}
	p.expect(TokRParen)
	return p.parseCallSuffix(f)
}

// parseCallSuffix parses FILTER (WHERE ...), IGNORE|RESPECT NULLS and OVER.
func (p *parser) parseCallSuffix(f *FuncCall) Expr {
	if p.isWord("FILTER") && p.peek(1).Kind == TokLParen && p.peek(2).IsWord("WHERE") {
		p.advance()
		p.advance()
		p.advance()
		f.Filter = p.parseExpr()
		p.expect(TokRParen)
	}
	if (p.isWord("IGNORE") || p.isWord("RESPECT")) && p.peek(1).IsWord("NULLS") {
		f.IgnoreNulls = p.advance().IsWord("IGNORE")
		p.advance()
	}
	if p.isWord("OVER") && (p.peek(1).Kind == TokLParen || p.peek(1).Kind == TokQuotedIdent ||
		p.peek(1).Kind == TokWord && !startsClause(p.peek(1), p.peek(2)) && !p.peek(1).IsWord("AS")) {
		// An OVER clause that does not parse leaves OVER to be read as an
		// alias, as ANTLR's prediction does.
		p.try("over", func() {
			p.advance()
			f.Over = p.parseWindowSpec()
		})
	}
	return f
}

func (p *parser) parseTrim(f *FuncCall) (Expr, bool) {
	save := p.i
	option := ""
	if p.isWord("BOTH") || p.isWord("LEADING") || p.isWord("TRAILING") {
		option = p.advance().Upper()
	}
	var trimStr Expr
	if !p.isWord("FROM") {
		if option == "" && !p.hasFromAhead() {
			p.i = save
			return nil, false
		}
		trimStr = p.parseComparison()
	}
	p.expectWord("FROM")
	src := p.parseComparison()
	p.expect(TokRParen)
	switch option {
	case "LEADING":
		f.Name = []string{"ltrim"}
	case "TRAILING":
		f.Name = []string{"rtrim"}
	}
	f.Args = []Expr{src}
	if trimStr != nil {
		f.Args = append(f.Args, trimStr)
	}
	return f, true
}

// hasFromAhead reports whether a FROM keyword occurs before the ")" that
// closes the current call (at nesting depth zero).
func (p *parser) hasFromAhead() bool {
	depth := 0
	for n := 0; ; n++ {
		t := p.peek(n)
		switch {
		case t.Kind == TokEOF:
			return false
		case t.Kind == TokLParen:
			depth++
		case t.Kind == TokRParen:
			if depth == 0 {
				return false
			}
			depth--
		case depth == 0 && t.IsWord("FROM"):
			return true
		}
	}
}

func (p *parser) parseWindowSpec() *WindowSpec {
	if p.cur().Kind != TokLParen {
		return &WindowSpec{Name: p.parseIdentifier()}
	}
	p.advance()
	w := &WindowSpec{}
	if (p.isWord("PARTITION") || p.isWord("DISTRIBUTE")) && p.peek(1).IsWord("BY") {
		p.advance()
		p.advance()
		w.PartitionBy = p.parseExprList()
	}
	if (p.isWord("ORDER") || p.isWord("SORT")) && p.peek(1).IsWord("BY") {
		p.advance()
		p.advance()
		w.OrderBy = p.parseSortItems()
	}
	if p.isWord("ROWS") || p.isWord("RANGE") {
		fr := &WindowFrame{Type: p.advance().Upper()}
		if p.acceptWord("BETWEEN") {
			fr.Start = p.parseFrameBound()
			p.expectWord("AND")
			fr.End = p.parseFrameBound()
		} else {
			fr.Start = p.parseFrameBound()
			fr.End = FrameBound{Kind: "CURRENT ROW"}
		}
		w.Frame = fr
	}
	p.expect(TokRParen)
	return w
}

func (p *parser) parseFrameBound() FrameBound {
	switch {
	case p.isWord("UNBOUNDED"):
		p.advance()
		if p.isWord("PRECEDING") || p.isWord("FOLLOWING") {
			return FrameBound{Kind: "UNBOUNDED " + p.advance().Upper()}
		}
		p.fail(p.cur())
	case p.isWord("CURRENT") && p.peek(1).IsWord("ROW"):
		p.advance()
		p.advance()
		return FrameBound{Kind: "CURRENT ROW"}
	}
	off := p.parseComparison()
	if p.isWord("PRECEDING") || p.isWord("FOLLOWING") {
		return FrameBound{Kind: p.advance().Upper(), Offset: off}
	}
	p.fail(p.cur())
	return FrameBound{}
}

func (p *parser) parseExprList() []Expr {
	list := []Expr{p.parseExpr()}
	for p.accept(TokComma) {
		list = append(list, p.parseExpr())
	}
	return list
}
