package sqlparser

import (
	"strings"
	"unicode/utf8"
)

// lexer splits Spark SQL text into tokens following the longest-match rules
// of Spark's ANTLR lexer (SqlBaseLexer.g4).
type lexer struct {
	src  string
	off  int
	line int
	col  int // characters since the start of the line
	toks []Token
	// unclosedComment is the token position of a bracketed comment without
	// its closing "*/", or nil.
	unclosedComment *Token
}

// tokenize returns the tokens of src, ending with a TokEOF token.
func tokenize(src string) *lexer {
	lx := &lexer{src: src, line: 1}
	for {
		lx.skipSpaceAndComments()
		if lx.off >= len(lx.src) {
			lx.toks = append(lx.toks, Token{Kind: TokEOF, Text: "<EOF>", Offset: lx.off, End: lx.off, Line: lx.line, Col: lx.col})
			return lx
		}
		lx.toks = append(lx.toks, lx.next())
	}
}

// advance moves past n bytes, keeping line and column counts.
func (lx *lexer) advance(n int) {
	end := lx.off + n
	for lx.off < end {
		r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
		lx.off += size
		if r == '\n' {
			lx.line++
			lx.col = 0
		} else {
			lx.col++
		}
	}
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002',
		'\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a',
		'\u2028', '\u202f', '\u205f', '\u3000':
		return true
	}
	return false
}

func (lx *lexer) skipSpaceAndComments() {
	for lx.off < len(lx.src) {
		rest := lx.src[lx.off:]
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case isSpace(r):
			lx.advance(size)
		case strings.HasPrefix(rest, "--"):
			n := 2
			for n < len(rest) && rest[n] != '\n' {
				if rest[n] == '\\' && n+1 < len(rest) && rest[n+1] == '\n' {
					n += 2
					continue
				}
				n++
			}
			lx.advance(n)
		case strings.HasPrefix(rest, "/*"):
			start := Token{Offset: lx.off, Line: lx.line, Col: lx.col}
			n, ok := bracketedCommentLen(rest)
			if !ok && lx.unclosedComment == nil {
				lx.unclosedComment = &start
			}
			lx.advance(n)
		default:
			return
		}
	}
}

// bracketedCommentLen returns the length of the (possibly nested) comment at
// the start of s and whether it is closed.
func bracketedCommentLen(s string) (int, bool) {
	depth := 0
	i := 0
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(s[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i, true
			}
		default:
			i++
		}
	}
	return len(s), false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// operators lists the punctuation tokens, longest first.
var operators = []struct {
	text string
	kind TokenKind
}{
	{"<=>", TokNullSafeEq},
	{"==", TokEq}, {"<>", TokNeq}, {"!=", TokNeqJ}, {"<=", TokLte}, {"!>", TokLte},
	{">=", TokGte}, {"!<", TokGte}, {"||", TokConcat}, {"->", TokArrow}, {"=>", TokFatArrow},
	{"=", TokEq}, {"<", TokLt}, {">", TokGt}, {"+", TokPlus}, {"-", TokMinus}, {"*", TokStar},
	{"/", TokSlash}, {"%", TokPercent}, {"~", TokTilde}, {"&", TokAmp}, {"|", TokPipe},
	{"^", TokHat}, {":", TokColon}, {"(", TokLParen}, {")", TokRParen}, {"[", TokLBracket},
	{"]", TokRBracket}, {",", TokComma}, {".", TokDot}, {";", TokSemicolon}, {"?", TokQuestion},
	{"!", TokBang},
}

func (lx *lexer) next() Token {
	rest := lx.src[lx.off:]
	tok := Token{Offset: lx.off, Line: lx.line, Col: lx.col}
	n, kind, value := lx.match(rest)
	tok.Kind = kind
	tok.Text = rest[:n]
	tok.Value = value
	if kind != TokString && kind != TokQuotedIdent {
		tok.Value = tok.Text
	}
	lx.advance(n)
	tok.End = lx.off
	return tok
}

// match finds the longest token at the start of s.
func (lx *lexer) match(s string) (int, TokenKind, string) {
	c := s[0]
	switch {
	case c == '\'' || c == '"':
		if n, ok := quotedLen(s, c, true); ok {
			return n, TokString, unescapeSQLString(s[1 : n-1])
		}
	case (c == 'r' || c == 'R') && len(s) > 1 && (s[1] == '\'' || s[1] == '"'):
		if n, ok := quotedLen(s[1:], s[1], false); ok {
			return n + 1, TokString, s[2:n]
		}
	case c == '`':
		if n, ok := backquotedLen(s); ok {
			return n, TokQuotedIdent, strings.ReplaceAll(s[1:n-1], "``", "`")
		}
	}
	if isWordByte(c) || c == '.' && len(s) > 1 && isDigit(s[1]) {
		wordLen := 0
		for wordLen < len(s) && isWordByte(s[wordLen]) {
			wordLen++
		}
		numLen, numKind := numberToken(s)
		if numLen > 0 && numLen >= wordLen {
			return numLen, numKind, ""
		}
		if wordLen > 0 {
			return wordLen, TokWord, ""
		}
	}
	for _, op := range operators {
		if strings.HasPrefix(s, op.text) {
			return len(op.text), op.kind, ""
		}
	}
	_, size := utf8.DecodeRuneInString(s)
	return size, TokUnrecognized, ""
}

// quotedLen returns the length of the quoted string at the start of s,
// including both quotes. With escapes, a backslash escapes the next character.
func quotedLen(s string, quote byte, escapes bool) (int, bool) {
	for i := 1; i < len(s); i++ {
		switch {
		case escapes && s[i] == '\\':
			i++
		case s[i] == quote:
			return i + 1, true
		}
	}
	return 0, false
}

func backquotedLen(s string) (int, bool) {
	for i := 1; i < len(s); i++ {
		if s[i] == '`' {
			if i+1 < len(s) && s[i+1] == '`' {
				i++
				continue
			}
			return i + 1, true
		}
	}
	return 0, false
}

// numberToken returns the length and kind of the longest numeric literal at
// the start of s, or 0. It follows the lexer rules INTEGER_VALUE,
// DECIMAL_VALUE, EXPONENT_VALUE and the suffixed literals, including the
// isValidDecimal predicate: a literal with a dot must not be followed by a
// letter, digit or underscore.
func numberToken(s string) (int, TokenKind) {
	digits := func(i int) int {
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		return i
	}
	exponent := func(i int) int { // returns end of exponent or -1
		if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
			j := i + 1
			if j < len(s) && (s[j] == '+' || s[j] == '-') {
				j++
			}
			if k := digits(j); k > j {
				return k
			}
		}
		return -1
	}
	validAfter := func(i int) bool { return i >= len(s) || !isWordByte(s[i]) }
	suffix := func(i int) (int, TokenKind) {
		if i < len(s) {
			switch s[i] {
			case 'd', 'D':
				return i + 1, TokDoubleLit
			case 'f', 'F':
				return i + 1, TokFloatLit
			case 'b', 'B':
				if i+1 < len(s) && (s[i+1] == 'd' || s[i+1] == 'D') {
					return i + 2, TokBigDecimalLit
				}
			}
		}
		return -1, 0
	}
	bestLen, bestKind := 0, TokenKind(0)
	consider := func(n int, k TokenKind) {
		if n > bestLen {
			bestLen, bestKind = n, k
		}
	}
	intEnd := digits(0)
	if intEnd > 0 {
		consider(intEnd, TokInteger)
		if intEnd < len(s) {
			switch s[intEnd] {
			case 'l', 'L':
				consider(intEnd+1, TokBigIntLit)
			case 's', 'S':
				consider(intEnd+1, TokSmallIntLit)
			case 'y', 'Y':
				consider(intEnd+1, TokTinyIntLit)
			}
		}
		e := exponent(intEnd)
		if e > 0 {
			consider(e, TokExponent)
		}
		for _, base := range []int{intEnd, e} {
			if base > 0 {
				if n, k := suffix(base); n > 0 {
					consider(n, k)
				}
			}
		}
	}
	// DECIMAL_DIGITS: DIGIT+ '.' DIGIT* | '.' DIGIT+
	decEnd := -1
	if intEnd < len(s) && s[intEnd] == '.' {
		end := digits(intEnd + 1)
		if intEnd > 0 || end > intEnd+1 {
			decEnd = end
		}
	}
	if decEnd > 0 {
		if validAfter(decEnd) {
			consider(decEnd, TokDecimal)
		}
		e := exponent(decEnd)
		if e > 0 && validAfter(e) {
			consider(e, TokExponent)
		}
		for _, base := range []int{decEnd, e} {
			if base > 0 {
				if n, k := suffix(base); n > 0 && validAfter(n) {
					consider(n, k)
				}
			}
		}
	}
	return bestLen, bestKind
}

// unescapeSQLString decodes the escapes of a Spark SQL string literal body,
// following Spark's ParserUtils.unescapeSQLString.
func unescapeSQLString(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		n := s[i]
		switch {
		case n == 'u' && i+4 < len(s) && isHex(s[i+1:i+5]):
			r := hexValue(s[i+1 : i+5])
			b.WriteRune(rune(r))
			i += 4
		case isOctalTriple(s[i:]):
			v := int(s[i]-'0')<<6 | int(s[i+1]-'0')<<3 | int(s[i+2]-'0')
			b.WriteRune(rune(v))
			i += 2
		default:
			switch n {
			case '0':
				b.WriteByte(0)
			case '\'':
				b.WriteByte('\'')
			case '"':
				b.WriteByte('"')
			case 'b':
				b.WriteByte('\b')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'Z':
				b.WriteByte(0x1a)
			case '\\':
				b.WriteByte('\\')
			case '%':
				b.WriteString("\\%")
			case '_':
				b.WriteString("\\_")
			default:
				b.WriteByte(n)
			}
		}
	}
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func hexValue(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			v = v*16 + int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + int(c-'a'+10)
		default:
			v = v*16 + int(c-'A'+10)
		}
	}
	return v
}

// isOctalTriple matches Spark's three-digit octal escape: [0-3][0-7][0-7].
func isOctalTriple(s string) bool {
	return len(s) >= 3 && s[0] >= '0' && s[0] <= '3' && s[1] >= '0' && s[1] <= '7' && s[2] >= '0' && s[2] <= '7'
}
