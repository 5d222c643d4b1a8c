package sqltypes

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow/decimal128"
)

// MaxDecimalPrecision is Spark's largest decimal precision.
const MaxDecimalPrecision = 38

// minimumAdjustedScale is Spark's DecimalType.MINIMUM_ADJUSTED_SCALE.
const minimumAdjustedScale = 6

// DecimalType is Spark's DECIMAL(precision, scale): exact numbers with up to
// 38 digits, stored as Arrow decimal128.
type DecimalType struct {
	Precision int
	Scale     int
}

// NewDecimalType returns DECIMAL(p, s).
func NewDecimalType(p, s int) DecimalType { return DecimalType{Precision: p, Scale: s} }

// Kind returns KindDecimal.
func (t DecimalType) Kind() Kind { return KindDecimal }

// SimpleString returns "decimal(p,s)".
func (t DecimalType) SimpleString() string {
	return "decimal(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")"
}

// TypeName returns "decimal(p,s)", as printSchema shows it.
func (t DecimalType) TypeName() string { return t.SimpleString() }

// String returns "DecimalType(p,s)".
func (t DecimalType) String() string {
	return "DecimalType(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")"
}

// DecimalForIntegral returns the decimal type that holds every value of an
// integral type: DECIMAL(10,0) for int and DECIMAL(20,0) for long.
func DecimalForIntegral(t DataType) (DecimalType, bool) {
	switch t.Kind() {
	case KindInteger:
		return DecimalType{10, 0}, true
	case KindLong:
		return DecimalType{20, 0}, true
	case KindDecimal:
		return t.(DecimalType), true
	}
	return DecimalType{}, false
}

// BoundedDecimal returns DECIMAL(min(p,38), min(s,38)).
func BoundedDecimal(p, s int) DecimalType {
	return DecimalType{Precision: min(p, MaxDecimalPrecision), Scale: min(s, MaxDecimalPrecision)}
}

// AdjustedDecimal is Spark's DecimalType.adjustPrecisionScale with
// allowPrecisionLoss: a precision over 38 keeps the integral digits and
// reduces the scale, down to at most 6 digits.
func AdjustedDecimal(p, s int) DecimalType {
	if p <= MaxDecimalPrecision {
		return DecimalType{p, s}
	}
	if s < 0 {
		return DecimalType{MaxDecimalPrecision, s}
	}
	intDigits := p - s
	minScale := min(s, minimumAdjustedScale)
	adjScale := max(MaxDecimalPrecision-intDigits, minScale)
	return DecimalType{MaxDecimalPrecision, adjScale}
}

// Decimal is a decimal value: an unscaled 128-bit integer and its scale.
type Decimal struct {
	Unscaled decimal128.Num
	Scale    int32
}

// BigInt returns the unscaled value.
func (d Decimal) BigInt() *big.Int { return d.Unscaled.BigInt() }

// String prints the value with exactly Scale fraction digits (Java's
// BigDecimal.toPlainString), e.g. "1.50" or "-0.003".
func (d Decimal) String() string {
	s := d.Unscaled.BigInt().String()
	if d.Scale <= 0 {
		if d.Scale < 0 && s != "0" {
			s += strings.Repeat("0", int(-d.Scale))
		}
		return s
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	sc := int(d.Scale)
	if len(s) <= sc {
		s = strings.Repeat("0", sc-len(s)+1) + s
	}
	s = s[:len(s)-sc] + "." + s[len(s)-sc:]
	if neg {
		s = "-" + s
	}
	return s
}

// Float64 returns the nearest double.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(d.String(), 64)
	return f
}

// Cmp compares two decimals numerically.
func (d Decimal) Cmp(o Decimal) int {
	if d.Scale == o.Scale {
		return d.Unscaled.Cmp(o.Unscaled)
	}
	a, b := d.BigInt(), o.BigInt()
	if d.Scale < o.Scale {
		a.Mul(a, pow10(int(o.Scale-d.Scale)))
	} else {
		b.Mul(b, pow10(int(d.Scale-o.Scale)))
	}
	return a.Cmp(b)
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// DecimalFromBig rounds the exact value num/10^scale HALF_UP to t's scale; it
// reports false when the result does not fit t's precision (Spark's
// non-ANSI overflow gives null).
func DecimalFromBig(num *big.Int, scale int, t DecimalType) (Decimal, bool) {
	v := new(big.Int).Set(num)
	switch {
	case t.Scale > scale:
		v.Mul(v, pow10(t.Scale-scale))
	case t.Scale < scale:
		v = divHalfUp(v, pow10(scale-t.Scale))
	}
	if new(big.Int).Abs(v).Cmp(pow10(t.Precision)) >= 0 {
		return Decimal{}, false
	}
	return Decimal{Unscaled: decimal128.FromBigInt(v), Scale: int32(t.Scale)}, true
}

// divHalfUp divides a by b (b > 0... or any sign), rounding half away from zero.
func divHalfUp(a, b *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(a, b, new(big.Int))
	if r.Sign() == 0 {
		return q
	}
	r2 := new(big.Int).Abs(r)
	r2.Lsh(r2, 1)
	if r2.Cmp(new(big.Int).Abs(b)) >= 0 {
		if (a.Sign() < 0) != (b.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// DecimalQuo returns a/b (exact values with scales sa and sb) rounded
// HALF_UP to t; false for division by zero or overflow.
func DecimalQuo(a *big.Int, sa int, b *big.Int, sb int, t DecimalType) (Decimal, bool) {
	if b.Sign() == 0 {
		return Decimal{}, false
	}
	// a/10^sa / (b/10^sb) = a*10^(sb+t.Scale-sa)/b / 10^t.Scale
	num := new(big.Int).Set(a)
	den := new(big.Int).Set(b)
	e := sb + t.Scale - sa
	if e >= 0 {
		num.Mul(num, pow10(e))
	} else {
		den.Mul(den, pow10(-e))
	}
	return DecimalFromBig(divHalfUp(num, den), t.Scale, t)
}

// ParseDecimal parses text such as "12.5", "-3", "1e3" or " 7.25 " into
// DECIMAL t, rounding HALF_UP; false for invalid text or overflow.
func ParseDecimal(s string, t DecimalType) (Decimal, bool) {
	s = strings.TrimSpace(s)
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			return Decimal{}, false
		}
		exp, s = e, s[:i]
	}
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
	}
	if intPart == "" && frac == "" {
		return Decimal{}, false
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return Decimal{}, false
		}
	}
	v, _ := new(big.Int).SetString("0"+intPart+frac, 10)
	if neg {
		v.Neg(v)
	}
	scale := len(frac) - exp
	if scale < 0 {
		v.Mul(v, pow10(-scale))
		scale = 0
	}
	return DecimalFromBig(v, scale, t)
}

// DecimalFromFloat converts a double to DECIMAL t through its shortest
// decimal text (as Spark's Decimal(double) does); NaN, infinities and
// overflow give false.
func DecimalFromFloat(f float64, t DecimalType) (Decimal, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Decimal{}, false
	}
	return ParseDecimal(strconv.FormatFloat(f, 'g', -1, 64), t)
}

// DecimalFromInt converts an integer to DECIMAL t; false on overflow.
func DecimalFromInt(i int64, t DecimalType) (Decimal, bool) {
	return DecimalFromBig(big.NewInt(i), 0, t)
}

// GobEncode encodes the value as its text, so that aggregation state holding
// decimals can be serialized.
func (d Decimal) GobEncode() ([]byte, error) {
	return []byte(strconv.Itoa(int(d.Scale)) + ":" + d.BigInt().String()), nil
}

// GobDecode decodes GobEncode's text.
func (d *Decimal) GobDecode(b []byte) error {
	s := string(b)
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return strconv.ErrSyntax
	}
	sc, err := strconv.Atoi(s[:i])
	if err != nil {
		return err
	}
	v, ok := new(big.Int).SetString(s[i+1:], 10)
	if !ok {
		return strconv.ErrSyntax
	}
	d.Unscaled, d.Scale = decimal128.FromBigInt(v), int32(sc)
	return nil
}
