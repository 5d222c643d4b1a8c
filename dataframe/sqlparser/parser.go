package sqlparser

import (
	"fmt"
	"strings"
)

// parser is a recursive-descent parser over the token list of one input.
// Errors are raised by panicking with a *ParseException wrapped in bailout
// and recovered by the entry points; any other panic is a bug.
type parser struct {
	src  string
	toks []Token
	i    int
	// depth guards against stack exhaustion on deeply nested input.
	depth int
	// inWhere is set while parsing a WHERE condition.
	inWhere bool
	// failed memoizes speculative parses that failed, by construct and
	// token index, so that backtracking stays polynomial.
	failed map[tryKey]bool
}

// tryKey identifies one speculative parse: a construct at a token index.
type tryKey struct {
	construct string
	index     int
}

type bailout struct{ err error }

// maxDepth bounds the nesting of expressions and queries.
const maxDepth = 1000

// ParseQuery parses one SQL statement as spark.sql does (a query, optionally
// followed by semicolons).
func ParseQuery(sql string) (*Query, error) {
	return parseWith(sql, true, (*parser).parseQuery)
}

// ParseExpression parses one expression as F.expr, selectExpr and string
// filters do (Spark's singleExpression rule): an expression with an optional
// alias, `x AS name`, `x name` or `x AS (a, b)`. An aliased expression is
// returned as *Alias or *MultiAlias.
func ParseExpression(s string) (Expr, error) {
	return parseWith(s, false, (*parser).parseNamedExpr)
}

// ParseDataType parses a Spark SQL type such as `int`, `decimal(10,2)`,
// `array<int>`, `map<string,int>` or `struct<a:int,b string>`.
func ParseDataType(s string) (*DataType, error) {
	return parseWith(s, false, (*parser).parseDataType)
}

// ParseTableSchema parses a DDL column list such as
// `name STRING, amount DOUBLE NOT NULL COMMENT 'x'` (Spark's
// singleTableSchema rule) into struct fields.
func ParseTableSchema(s string) ([]StructField, error) {
	return parseWith(s, false, (*parser).parseColumnList)
}

// ParseSchema parses a schema string the way Spark's StructType.fromDDL does:
// first as a column list, then, if that fails, as a single data type. The
// error of the column-list attempt is returned when both fail.
func ParseSchema(s string) ([]StructField, *DataType, error) {
	fields, err := ParseTableSchema(s)
	if err == nil {
		return fields, nil, nil
	}
	if t, err2 := ParseDataType(s); err2 == nil {
		return nil, t, nil
	}
	return nil, nil, err
}

// parseWith parses src with rule, which must consume all the input (and,
// for statements, trailing semicolons).
func parseWith[T any](src string, statement bool, rule func(*parser) T) (T, error) {
	var out T
	err := run(src, func(p *parser) {
		out = rule(p)
		p.endOfInput(statement)
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

func run(src string, f func(p *parser)) (err error) {
	lx := tokenize(src)
	if lx.unclosedComment != nil {
		return &ParseException{ErrorClass: "UNCLOSED_BRACKETED_COMMENT",
			Message: "Found an unclosed bracketed comment. Please, append */ at the end of the comment.",
			SQL:     src}
	}
	p := &parser{src: src, toks: lx.toks}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			err = b.err
		}
	}()
	f(p)
	return nil
}

// endOfInput checks that only semicolons (when allowed) remain. A single
// stray token right before the end is reported as ANTLR does, as extra input.
func (p *parser) endOfInput(semicolons bool) {
	sawSemicolon := false
	if semicolons {
		for p.cur().Kind == TokSemicolon {
			p.i++
			sawSemicolon = true
		}
	}
	t := p.cur()
	if t.Kind == TokEOF {
		return
	}
	if sawSemicolon {
		// ANTLR's sync in the `SEMICOLON*` loop reports any token as extra.
		p.failHint(t, ": extra input "+tokenDisplay(t))
	}
	next := p.peek(1).Kind
	if next == TokEOF || semicolons && next == TokSemicolon {
		p.failHint(t, ": extra input "+tokenDisplay(t))
	}
	p.fail(t)
}

func (p *parser) cur() Token { return p.toks[p.i] }

// peek returns the token n positions after the current one (EOF past the end).
func (p *parser) peek(n int) Token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) advance() Token {
	t := p.toks[p.i]
	if t.Kind != TokEOF {
		p.i++
	}
	return t
}

func (p *parser) pos() Pos { return tokPos(p.cur()) }

func tokPos(t Token) Pos { return Pos{Line: t.Line, Col: t.Col, Offset: t.Offset} }

// isWord reports whether the current token is one of the given keywords.
func (p *parser) isWord(kws ...string) bool {
	t := p.cur()
	if t.Kind != TokWord {
		return false
	}
	for _, kw := range kws {
		if strings.EqualFold(t.Text, kw) {
			return true
		}
	}
	return false
}

func (p *parser) acceptWord(kw string) bool {
	if p.isWord(kw) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectWord(kw string) Token {
	if !p.isWord(kw) {
		p.fail(p.cur())
	}
	return p.advance()
}

func (p *parser) accept(k TokenKind) bool {
	if p.cur().Kind == k {
		p.i++
		return true
	}
	return false
}

func (p *parser) expect(k TokenKind) Token {
	if p.cur().Kind != k {
		p.fail(p.cur())
	}
	return p.advance()
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.cur())
	}
}

func (p *parser) leave() { p.depth-- }

// try runs f speculatively: when f fails, the parser is rewound to where it
// was and try returns false. It emulates ANTLR's adaptive prediction, which
// falls back to the other reading of an ambiguous keyword.
func (p *parser) try(construct string, f func()) (ok bool) {
	save, depth, inWhere := p.i, p.depth, p.inWhere
	key := tryKey{construct, save}
	if p.failed[key] {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			p.i, p.depth, p.inWhere = save, depth, inWhere
			if p.failed == nil {
				p.failed = map[tryKey]bool{}
			}
			p.failed[key] = true
			ok = false
		}
	}()
	f()
	return true
}

// expectClose matches a closing token; when it is missing and the current
// token could follow it, the error carries ANTLR's ": missing 'X'" hint.
func (p *parser) expectClose(k TokenKind, text string) {
	t := p.cur()
	if t.Kind == k {
		p.advance()
		return
	}
	switch t.Kind {
	case TokEOF, TokWord, TokQuotedIdent, TokComma, TokRParen, TokSemicolon:
		p.failHint(t, ": missing '"+text+"'")
	}
	p.fail(t)
}

// fail raises Spark's PARSE_SYNTAX_ERROR at token t.
func (p *parser) fail(t Token) {
	p.failHint(t, "")
}

func (p *parser) failHint(t Token, hint string) {
	p.raise(t, "PARSE_SYNTAX_ERROR", "Syntax error at or near "+tokenDisplay(t)+hint+".")
}

// raise aborts parsing with an error of the given class at token t.
func (p *parser) raise(t Token, class, msg string) {
	panic(bailout{&ParseException{ErrorClass: class, Message: msg, Line: t.Line, Col: t.Col, HasPos: true, SQL: p.src}})
}

// raiseErr aborts parsing with err.
func (p *parser) raiseErr(err error) { panic(bailout{err}) }

// raiseAt aborts parsing with an error at a position.
func (p *parser) raiseAt(at Pos, class, msg string) {
	panic(bailout{&ParseException{ErrorClass: class, Message: msg, Line: at.Line, Col: at.Col, HasPos: true, SQL: p.src}})
}

// tokenDisplay renders a token as ANTLR's getTokenErrorDisplay does in
// Spark: quoted, with control characters escaped, and "end of input" for EOF.
func tokenDisplay(t Token) string {
	if t.Kind == TokEOF {
		return "end of input"
	}
	s := strings.NewReplacer("\n", "\\n", "\r", "\\r", "\t", "\\t").Replace(t.Text)
	return "'" + s + "'"
}

// String renders a parse position for debugging.
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }
