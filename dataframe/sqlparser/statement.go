package sqlparser

import "strings"

// Statement is a parsed SQL statement: a *Query, *CreateView, *DropView or
// *ShowTables.
type Statement interface {
	statementNode()
}

// CreateView is `CREATE [OR REPLACE] [GLOBAL] [TEMP|TEMPORARY] VIEW [IF NOT
// EXISTS] name [(col, ...)] AS query`.
type CreateView struct {
	At          Pos
	Name        []string
	Columns     []string
	Replace     bool
	Temporary   bool
	Global      bool
	IfNotExists bool
	Query       *Query
}

// DropView is `DROP VIEW|TABLE [IF EXISTS] name`.
type DropView struct {
	At       Pos
	Name     []string
	IfExists bool
	Table    bool
}

// ShowTables is `SHOW TABLES`.
type ShowTables struct {
	At Pos
}

func (*Query) statementNode()      {}
func (*CreateView) statementNode() {}
func (*DropView) statementNode()   {}
func (*ShowTables) statementNode() {}

// ParseStatement parses one statement as spark.sql does: a query, or one of
// the catalog statements CREATE VIEW, DROP VIEW/TABLE and SHOW TABLES.
func ParseStatement(sql string) (Statement, error) {
	return parseWith(sql, true, (*parser).parseStatement)
}

func (p *parser) parseStatement() Statement {
	t := p.cur()
	switch {
	case t.IsWord("CREATE") && !isTerminator(p.peek(1)):
		return p.parseCreateView()
	case t.IsWord("DROP") && (p.peek(1).IsWord("VIEW") || p.peek(1).IsWord("TABLE")):
		p.advance()
		d := &DropView{At: tokPos(t), Table: p.advance().IsWord("TABLE")}
		if p.isWord("IF") && p.peek(1).IsWord("EXISTS") {
			p.advance()
			p.advance()
			d.IfExists = true
		}
		d.Name = p.parseMultipartName()
		return d
	case t.IsWord("SHOW") && p.peek(1).IsWord("TABLES"):
		p.advance()
		p.advance()
		return &ShowTables{At: tokPos(t)}
	}
	return p.parseQuery()
}

func (p *parser) parseCreateView() Statement {
	start := p.advance() // CREATE
	cv := &CreateView{At: tokPos(start)}
	if p.isWord("OR") {
		p.advance()
		p.expectWord("REPLACE")
		cv.Replace = true
	}
	if p.acceptWord("GLOBAL") {
		cv.Global = true
	}
	if p.isWord("TEMP") || p.isWord("TEMPORARY") {
		p.advance()
		cv.Temporary = true
	}
	p.expectWord("VIEW")
	if p.isWord("IF") && p.peek(1).IsWord("NOT") && p.peek(2).IsWord("EXISTS") {
		p.advance()
		p.advance()
		p.advance()
		cv.IfNotExists = true
	}
	cv.Name = p.parseMultipartName()
	if p.cur().Kind == TokLParen {
		cv.Columns = p.parseIdentList()
	}
	p.expectWord("AS")
	cv.Query = p.parseQuery()
	if cv.Temporary && cv.IfNotExists {
		p.raiseErr(&ParseException{Message: "It is not allowed to define a TEMPORARY view with IF NOT EXISTS.",
			Line: start.Line, Col: start.Col, HasPos: true, SQL: p.src})
	}
	return cv
}

// parseMultipartName parses `a.b.c`.
func (p *parser) parseMultipartName() []string {
	name := []string{p.parseIdentifier()}
	for p.cur().Kind == TokDot {
		p.advance()
		name = append(name, p.parseIdentifier())
	}
	return name
}

// DumpStatement renders a statement for tests.
func DumpStatement(st Statement) string {
	switch s := st.(type) {
	case *Query:
		return DumpQuery(s)
	case *CreateView:
		var b strings.Builder
		b.WriteString("CreateView " + dumpName(s.Name))
		if len(s.Columns) > 0 {
			b.WriteString("(" + strings.Join(s.Columns, ", ") + ")")
		}
		for _, f := range []struct {
			on   bool
			name string
		}{{s.Replace, " replace"}, {s.Temporary, " temporary"}, {s.Global, " global"}, {s.IfNotExists, " if-not-exists"}} {
			if f.on {
				b.WriteString(f.name)
			}
		}
		b.WriteByte('\n')
		dumpQuery(&b, s.Query, "  ")
		return b.String()
	case *DropView:
		kind := "DropView "
		if s.Table {
			kind = "DropTable "
		}
		if s.IfExists {
			kind += "if-exists "
		}
		return kind + dumpName(s.Name) + "\n"
	case *ShowTables:
		return "ShowTables\n"
	}
	return "<unknown statement>\n"
}
