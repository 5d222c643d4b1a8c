package sqlparser

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// numberLiteral builds the literal of numeric token num, negated when neg
// (start is the first token, the minus sign when neg).
func (p *parser) numberLiteral(start, num Token, neg bool) Expr {
	at := tokPos(start)
	text := num.Text
	sign := ""
	if neg {
		sign = "-"
	}
	strip := func(n int) string { return sign + text[:len(text)-n] }
	lit := &Literal{At: at}
	switch num.Kind {
	case TokInteger:
		lit.Text = sign + text
		v, ok := new(big.Int).SetString(lit.Text, 10)
		switch {
		case ok && v.IsInt64() && v.Int64() >= math.MinInt32 && v.Int64() <= math.MaxInt32:
			lit.Kind = LitInt
		case ok && v.IsInt64():
			lit.Kind = LitBigInt
		default:
			lit.Kind = LitDecimal
			p.checkDecimal(start, lit.Text)
		}
	case TokDecimal:
		lit.Kind, lit.Text = LitDecimal, sign+text
		p.checkDecimal(start, lit.Text)
	case TokBigDecimalLit:
		lit.Kind, lit.Text = LitDecimal, strip(2)
		p.checkDecimal(start, lit.Text)
	case TokExponent:
		lit.Kind, lit.Text = LitDouble, sign+text
		p.checkFloat(start, lit.Text, 64, "double")
	case TokDoubleLit:
		lit.Kind, lit.Text = LitDouble, strip(1)
		p.checkFloat(start, lit.Text, 64, "double")
	case TokFloatLit:
		lit.Kind, lit.Text = LitFloat, strip(1)
		p.checkFloat(start, lit.Text, 32, "float")
	case TokBigIntLit:
		lit.Kind, lit.Text = LitBigInt, strip(1)
		p.checkInt(start, lit.Text, math.MinInt64, math.MaxInt64, "bigint")
	case TokSmallIntLit:
		lit.Kind, lit.Text = LitSmallInt, strip(1)
		p.checkInt(start, lit.Text, math.MinInt16, math.MaxInt16, "smallint")
	case TokTinyIntLit:
		lit.Kind, lit.Text = LitTinyInt, strip(1)
		p.checkInt(start, lit.Text, math.MinInt8, math.MaxInt8, "tinyint")
	}
	return lit
}

func rangeError(value, typ, lo, hi string) string {
	return "Numeric literal " + value + " is outside the valid range for " + typ +
		" with minimum value of " + lo + " and maximum value of " + hi + ". Please adjust the value accordingly."
}

func (p *parser) checkInt(at Token, text string, lo, hi int64, typ string) {
	v, ok := new(big.Int).SetString(text, 10)
	if !ok || v.Cmp(big.NewInt(lo)) < 0 || v.Cmp(big.NewInt(hi)) > 0 {
		p.raise(at, "INVALID_NUMERIC_LITERAL_RANGE", rangeError(text, typ, strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)))
	}
}

func (p *parser) checkFloat(at Token, text string, bits int, typ string) {
	v, ok := new(big.Float).SetString(text)
	max := math.MaxFloat64
	lo, hi := "-1.7976931348623157E+308", "1.7976931348623157E+308"
	if bits == 32 {
		max = math.MaxFloat32
		lo, hi = "-3.4028234663852886E+38", "3.4028234663852886E+38"
	}
	if !ok || v.Abs(v).Cmp(big.NewFloat(max)) > 0 {
		p.raise(at, "INVALID_NUMERIC_LITERAL_RANGE", rangeError(text, typ, lo, hi))
	}
}

// checkDecimal rejects decimal literals beyond Spark's 38 digits of precision.
func (p *parser) checkDecimal(at Token, text string) {
	prec, _ := DecimalPrecisionScale(text)
	if prec > 38 {
		p.raiseErr(&ArithmeticException{ErrorClass: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
			Message: "Decimal precision " + strconv.Itoa(prec) + " exceeds max precision 38."})
	}
}

// DecimalPrecisionScale returns the precision and scale Spark gives a decimal
// literal written as text (digits with an optional sign, dot and exponent),
// following java.math.BigDecimal and Spark's DecimalType.fromDecimal: the
// precision is at least the scale, and a negative scale counts as zero.
func DecimalPrecisionScale(text string) (precision, scale int) {
	s := strings.TrimLeft(text, "+-")
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp, _ = strconv.Atoi(s[i+1:])
		s = s[:i]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	scale = len(frac) - exp
	precision = len(digits)
	if precision == 0 {
		precision = 1
	}
	if scale < 0 {
		precision -= scale
		scale = 0
	}
	if precision < scale {
		precision = scale
	}
	return precision, scale
}

// parseStringLiteral parses one or more adjacent string tokens, which Spark
// concatenates.
func (p *parser) parseStringLiteral() Expr {
	t := p.expect(TokString)
	var b strings.Builder
	b.WriteString(t.Value)
	for p.cur().Kind == TokString {
		b.WriteString(p.advance().Value)
	}
	return &Literal{At: tokPos(t), Kind: LitString, Text: b.String()}
}

// intervalUnits maps the unit words of interval literals to their singular
// upper-case form.
var intervalUnits = map[string]string{}

func init() {
	for _, u := range []string{"YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND"} {
		intervalUnits[u] = u
		intervalUnits[u+"S"] = u
	}
}

func isIntervalUnit(t Token) bool {
	_, ok := intervalUnits[t.Upper()]
	return t.Kind == TokWord && ok
}

// intervalValueLen returns the number of tokens of an interval value at
// offset n (an optional sign, then a number or a string), or 0.
func (p *parser) intervalValueLen(n int) int {
	k := 0
	if t := p.peek(n).Kind; t == TokPlus || t == TokMinus {
		k = 1
	}
	switch p.peek(n + k).Kind {
	case TokInteger, TokDecimal, TokString:
		return k + 1
	}
	return 0
}

// startsInterval reports whether INTERVAL starts a literal with units.
func (p *parser) startsInterval() bool {
	n := p.intervalValueLen(1)
	if n == 0 {
		return false
	}
	// A number after INTERVAL commits to an interval literal; a string
	// without a unit is a typed literal.
	return isIntervalUnit(p.peek(1+n)) || p.peek(n).Kind != TokString
}

func (p *parser) parseInterval() Expr {
	at := p.pos()
	p.advance() // INTERVAL
	iv := &Interval{}
	for {
		n := p.intervalValueLen(0)
		if n == 0 || !isIntervalUnit(p.peek(n)) {
			if len(iv.Values) == 0 {
				// INTERVAL <number> must be followed by a unit.
				p.i += n
				p.fail(p.cur())
			}
			break
		}
		v := ""
		if n == 2 {
			if p.advance().Kind == TokMinus {
				v = "-"
			}
		}
		v += p.advance().Value
		unit := intervalUnits[p.advance().Upper()]
		if len(iv.Values) == 0 && p.isWord("TO") {
			p.advance()
			to := p.cur()
			if !isIntervalUnit(to) {
				p.fail(to)
			}
			p.advance()
			iv.Values, iv.From, iv.To = []string{v}, unit, intervalUnits[to.Upper()]
			break
		}
		iv.Values = append(iv.Values, v)
		iv.Units = append(iv.Units, unit)
	}
	return &Literal{At: at, Kind: LitInterval, Text: iv.String(), Interval: iv}
}

// String renders the interval in the form Spark's SQL text uses,
// e.g. "INTERVAL '10' MINUTE" or "INTERVAL '1-2' YEAR TO MONTH".
func (iv *Interval) String() string {
	var b strings.Builder
	b.WriteString("INTERVAL")
	switch {
	case iv.From != "":
		b.WriteString(" '" + iv.Values[0] + "' " + iv.From + " TO " + iv.To)
	case len(iv.Units) == 0 && len(iv.Values) == 1:
		b.WriteString(" '" + iv.Values[0] + "'")
	default:
		for i, v := range iv.Values {
			b.WriteString(" '" + v + "' " + iv.Units[i])
		}
	}
	return b.String()
}
