package sqlparser

import "strings"

// TokenKind classifies a lexical token of Spark SQL.
type TokenKind int

// Token kinds. Words (keywords and plain identifiers) share TokWord: Spark's
// keywords are non-reserved by default, so the parser decides from context
// whether a word is a keyword.
const (
	TokEOF           TokenKind = iota
	TokWord                    // unquoted identifier or keyword
	TokQuotedIdent             // `backquoted identifier`
	TokString                  // 'single' or "double" quoted string
	TokInteger                 // 123
	TokDecimal                 // 1.5, .5, 1.
	TokExponent                // 1e3, 1.5E-2
	TokBigIntLit               // 10L
	TokSmallIntLit             // 10S
	TokTinyIntLit              // 10Y
	TokDoubleLit               // 1.5D
	TokFloatLit                // 1.5F
	TokBigDecimalLit           // 1.5BD
	TokEq                      // = or ==
	TokNullSafeEq              // <=>
	TokNeq                     // <>
	TokNeqJ                    // !=
	TokLt                      // <
	TokLte                     // <= or !>
	TokGt                      // >
	TokGte                     // >= or !<
	TokPlus                    // +
	TokMinus                   // -
	TokStar                    // *
	TokSlash                   // /
	TokPercent                 // %
	TokTilde                   // ~
	TokAmp                     // &
	TokPipe                    // |
	TokConcat                  // ||
	TokHat                     // ^
	TokColon                   // :
	TokArrow                   // ->
	TokFatArrow                // =>
	TokLParen                  // (
	TokRParen                  // )
	TokLBracket                // [
	TokRBracket                // ]
	TokComma                   // ,
	TokDot                     // .
	TokSemicolon               // ;
	TokQuestion                // ?
	TokBang                    // ! (Spark's lexer spells NOT as '!' too)
	TokUnrecognized            // any other character
)

// Token is one lexical token with its position in the input.
type Token struct {
	Kind TokenKind
	// Text is the token exactly as written in the input.
	Text string
	// Value is the unescaped content of strings and quoted identifiers;
	// for other tokens it equals Text.
	Value string
	// Offset is the byte offset of the token in the input.
	Offset int
	// Line is 1-based; Col is the 0-based character position in the line,
	// which is what Spark reports as "pos".
	Line, Col int
	// End is the byte offset just past the token.
	End int
}

// Upper returns the token text in upper case, for keyword comparisons.
func (t Token) Upper() string { return strings.ToUpper(t.Text) }

// IsWord reports whether t is the unquoted word kw (case-insensitive).
func (t Token) IsWord(kw string) bool {
	return t.Kind == TokWord && strings.EqualFold(t.Text, kw)
}
