package expr

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Cast converts its child to type To with Spark's non-ANSI rules: a string
// that does not parse gives null, doubles truncate towards zero when cast to
// integers, and timestamps accept Spark's string formats.
type Cast struct {
	Child Expr
	To    sqltypes.DataType
	// Implicit marks casts the analyzer inserted; they do not show in names.
	Implicit bool
}

// NewCast returns CAST(child AS to).
func NewCast(child Expr, to sqltypes.DataType) *Cast { return &Cast{Child: child, To: to} }

// Children returns the input.
func (c *Cast) Children() []Expr { return []Expr{c.Child} }

// WithChildren replaces the input.
func (c *Cast) WithChildren(k []Expr) Expr { return &Cast{Child: k[0], To: c.To, Implicit: c.Implicit} }

// DataType returns the target type.
func (c *Cast) DataType() sqltypes.DataType { return c.To }

// Nullable is true unless the cast cannot produce null.
func (c *Cast) Nullable() bool {
	from := c.Child.DataType()
	if to, ok := c.To.(sqltypes.DecimalType); ok && from.Kind() != sqltypes.KindString {
		return c.Child.Nullable() || !nullSafeToDecimal(from, to)
	}
	if from.Kind() == sqltypes.KindDecimal && sqltypes.IsIntegral(c.To) {
		return true
	}
	if sqltypes.IsNumeric(from) && (sqltypes.IsNumeric(c.To) || c.To.Kind() == sqltypes.KindString) {
		return c.Child.Nullable()
	}
	if from.Kind() == c.To.Kind() && from.Kind() != sqltypes.KindStruct {
		return c.Child.Nullable()
	}
	if c.To.Kind() == sqltypes.KindBinary && (from.Kind() == sqltypes.KindString || sqltypes.IsIntegral(from)) {
		// Spark's Cast.forceNullable is false for these: every value has bytes.
		return c.Child.Nullable()
	}
	return true
}

// SQL returns "CAST(x AS TYPE)".
func (c *Cast) SQL() string {
	if c.Implicit {
		return c.Child.SQL()
	}
	return "CAST(" + c.Child.SQL() + " AS " + sqltypes.CatalogString(c.To) + ")"
}

func (c *Cast) resolve() (Expr, error) {
	if !CanCast(c.Child.DataType(), c.To) {
		return nil, sparkerr.Analysis("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "Cannot resolve %s due to data type mismatch: cannot cast %s to %s.", quoteSQL(c), quoteType(c.Child.DataType()), quoteType(c.To))
	}
	return c, nil
}

// CanCast reports whether Spark allows casting from to to.
func CanCast(from, to sqltypes.DataType) bool {
	fk, tk := from.Kind(), to.Kind()
	if fk == sqltypes.KindNull || sqltypes.Equal(from, to) || tk == sqltypes.KindString {
		return true
	}
	switch tk {
	case sqltypes.KindArray:
		fa, ok := from.(sqltypes.ArrayType)
		return ok && CanCast(fa.ElementType, to.(sqltypes.ArrayType).ElementType)
	case sqltypes.KindStruct:
		fs, ok := from.(sqltypes.StructType)
		ts := to.(sqltypes.StructType)
		if !ok || len(fs.Fields) != len(ts.Fields) {
			return false
		}
		for i := range fs.Fields {
			if !CanCast(fs.Fields[i].DataType, ts.Fields[i].DataType) {
				return false
			}
		}
		return true
	case sqltypes.KindMap:
		fm, ok := from.(sqltypes.MapType)
		tm := to.(sqltypes.MapType)
		return ok && CanCast(fm.KeyType, tm.KeyType) && CanCast(fm.ValueType, tm.ValueType)
	case sqltypes.KindBinary:
		return fk == sqltypes.KindString || sqltypes.IsIntegral(from)
	case sqltypes.KindDate:
		return fk == sqltypes.KindString || fk == sqltypes.KindTimestamp
	case sqltypes.KindTimestamp:
		return fk == sqltypes.KindString || fk == sqltypes.KindDate || sqltypes.IsNumeric(from) || fk == sqltypes.KindBoolean
	case sqltypes.KindBoolean, sqltypes.KindInteger, sqltypes.KindLong, sqltypes.KindFloat, sqltypes.KindDouble, sqltypes.KindDecimal:
		return fk == sqltypes.KindString || fk == sqltypes.KindBoolean || sqltypes.IsNumeric(from) || fk == sqltypes.KindTimestamp
	}
	return false
}

// Eval casts the child's values.
func (c *Cast) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	a, err := c.Child.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	return CastArray(ctx, a, c.Child.DataType(), c.To)
}

// CastArray casts an array of Spark type from to Spark type to.
func CastArray(ctx *Context, a arrow.Array, from, to sqltypes.DataType) (arrow.Array, error) {
	if sqltypes.Equal(from, to) && from.Kind() != sqltypes.KindStruct {
		return a, nil
	}
	n := a.Len()
	loc := time.UTC
	if ctx != nil && ctx.Location != nil {
		loc = ctx.Location
	}
	if from.Kind() == sqltypes.KindNull {
		return Broadcast(nil, to, n), nil
	}
	decimal := from.Kind() == sqltypes.KindDecimal || to.Kind() == sqltypes.KindDecimal
	switch to.Kind() {
	case sqltypes.KindString:
		return castToString(a, from, loc), nil
	case sqltypes.KindInteger, sqltypes.KindLong, sqltypes.KindFloat, sqltypes.KindDouble:
		if sqltypes.IsNumeric(from) && !decimal {
			return castNumeric(a, from, to), nil
		}
	}
	if sa, ok := a.(*array.String); ok && !decimal {
		if out := castFromString(sa, to, loc); out != nil {
			return out, nil
		}
	}
	switch x := to.(type) {
	case sqltypes.StructType:
		sa, ok := a.(*array.Struct)
		fs := from.(sqltypes.StructType)
		if !ok {
			break
		}
		kids := make([]arrow.Array, len(x.Fields))
		names := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			k, err := CastArray(ctx, sa.Field(i), fs.Fields[i].DataType, f.DataType)
			if err != nil {
				return nil, err
			}
			kids[i], names[i] = k, f.Name
		}
		return StructFromArrays(x, kids, sa)
	}
	bld := NewBuilder(to)
	bld.Reserve(n)
	for i := 0; i < n; i++ {
		if IsNullAt(a, i) {
			bld.AppendNull()
			continue
		}
		AppendValue(bld, castValue(GetValue(a, i), from, to, loc))
	}
	return bld.NewArray(), nil
}

// StructFromArrays builds a struct array of type st from field arrays,
// taking nulls from like (may be nil).
func StructFromArrays(st sqltypes.StructType, kids []arrow.Array, like arrow.Array) (arrow.Array, error) {
	n := 0
	if like != nil {
		n = like.Len()
	} else if len(kids) > 0 {
		n = kids[0].Len()
	}
	datas := make([]arrow.ArrayData, len(kids))
	for i, k := range kids {
		datas[i] = k.Data()
	}
	var valid = (*[0]byte)(nil)
	_ = valid
	buf, nulls := Validity(n, like)
	if like == nil {
		buf, nulls = nil, 0
	}
	data := array.NewData(sqltypes.ToArrow(st), n, []*memory.Buffer{buf}, datas, nulls, 0)
	return array.MakeFromData(data), nil
}

func castNumeric(a arrow.Array, from, to sqltypes.DataType) arrow.Array {
	valid, nulls := Validity(a.Len(), a)
	dt := sqltypes.ToArrow(to)
	switch from.Kind() {
	case sqltypes.KindInteger:
		return convertFrom(Values[int32](a), dt, to, valid, nulls)
	case sqltypes.KindLong:
		return convertFrom(Values[int64](a), dt, to, valid, nulls)
	case sqltypes.KindFloat:
		return convertFrom(Values[float32](a), dt, to, valid, nulls)
	default:
		return convertFrom(Values[float64](a), dt, to, valid, nulls)
	}
}

func convertFrom[S Fixed](in []S, dt arrow.DataType, to sqltypes.DataType, valid *memory.Buffer, nulls int) arrow.Array {
	switch to.Kind() {
	case sqltypes.KindInteger:
		out := make([]int32, len(in))
		for i, v := range in {
			out[i] = int32(toInt64(v))
		}
		return MakeFixed(dt, out, valid, nulls)
	case sqltypes.KindLong:
		out := make([]int64, len(in))
		for i, v := range in {
			out[i] = toInt64(v)
		}
		return MakeFixed(dt, out, valid, nulls)
	case sqltypes.KindFloat:
		out := make([]float32, len(in))
		for i, v := range in {
			out[i] = float32(v)
		}
		return MakeFixed(dt, out, valid, nulls)
	default:
		out := make([]float64, len(in))
		for i, v := range in {
			out[i] = float64(v)
		}
		return MakeFixed(dt, out, valid, nulls)
	}
}

// toInt64 converts with Java semantics: NaN gives 0, out-of-range doubles
// saturate, integers pass through.
func toInt64[S Fixed](v S) int64 {
	f := float64(v)
	if f != f {
		return 0
	}
	if f >= 9.223372036854775807e18 {
		return math.MaxInt64
	}
	if f <= -9.223372036854775808e18 {
		return math.MinInt64
	}
	return int64(v)
}

func castToString(a arrow.Array, from sqltypes.DataType, loc *time.Location) arrow.Array {
	n := a.Len()
	b := array.NewStringBuilder(Mem)
	b.Reserve(n)
	switch x := a.(type) {
	case *array.Int32:
		var buf []byte
		for i := 0; i < n; i++ {
			if IsNullAt(x, i) {
				b.AppendNull()
				continue
			}
			buf = strconv.AppendInt(buf[:0], int64(x.Value(i)), 10)
			b.BinaryBuilder.Append(buf)
		}
		return b.NewArray()
	case *array.Int64:
		var buf []byte
		for i := 0; i < n; i++ {
			if IsNullAt(x, i) {
				b.AppendNull()
				continue
			}
			buf = strconv.AppendInt(buf[:0], x.Value(i), 10)
			b.BinaryBuilder.Append(buf)
		}
		return b.NewArray()
	case *array.Binary:
		// The same bytes, offsets and validity: Spark keeps the bytes as
		// they are (no UTF-8 check), so the string array shares the
		// binary array's buffers instead of copying them.
		b.Release()
		d := x.Data()
		return array.MakeFromData(array.NewData(arrow.BinaryTypes.String, d.Len(), d.Buffers(), nil, d.NullN(), d.Offset()))
	}
	for i := 0; i < n; i++ {
		if IsNullAt(a, i) {
			b.AppendNull()
			continue
		}
		b.Append(ValueString(GetValue(a, i), from, loc))
	}
	return b.NewArray()
}

// ValueString renders a value as Spark's cast to string does.
func ValueString(v any, t sqltypes.DataType, loc *time.Location) string {
	if v == nil {
		return "null"
	}
	switch x := v.(type) {
	case string:
		return x
	case time.Duration:
		if it, ok := t.(sqltypes.DayTimeIntervalType); ok {
			return sqltypes.FormatDayTimeInterval(x.Microseconds(), it)
		}
		return x.String()
	case arrow.MonthInterval:
		it, _ := t.(sqltypes.YearMonthIntervalType)
		return sqltypes.FormatYearMonthInterval(int32(x), it)
	case bool:
		return strconv.FormatBool(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case float32:
		return sqltypes.FormatFloat(x)
	case float64:
		return sqltypes.FormatDouble(x)
	case sqltypes.Decimal:
		return x.String()
	case []byte:
		return string(x)
	case time.Time:
		if t.Kind() == sqltypes.KindDate {
			return x.UTC().Format("2006-01-02")
		}
		return sqltypes.FormatTimestamp(x.UnixMicro(), loc)
	case StructValue:
		st, _ := t.(sqltypes.StructType)
		parts := make([]string, len(x))
		for i, fv := range x {
			var ft sqltypes.DataType = sqltypes.StringType
			if i < len(st.Fields) {
				ft = st.Fields[i].DataType
			}
			parts[i] = ValueString(fv, ft, loc)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any:
		at, _ := t.(sqltypes.ArrayType)
		et := at.ElementType
		if et == nil {
			et = sqltypes.StringType
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = ValueString(e, et, loc)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case MapValue:
		mt, _ := t.(sqltypes.MapType)
		kt, vt := mt.KeyType, mt.ValueType
		if kt == nil {
			kt, vt = sqltypes.StringType, sqltypes.StringType
		}
		parts := make([]string, len(x.Keys))
		for i := range x.Keys {
			parts[i] = ValueString(x.Keys[i], kt, loc) + " -> " + ValueString(x.Values[i], vt, loc)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// castValue converts one non-null value; nil means null.
func castValue(v any, from, to sqltypes.DataType, loc *time.Location) any {
	switch to.Kind() {
	case sqltypes.KindBoolean:
		switch x := v.(type) {
		case string:
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "t", "true", "y", "yes", "1":
				return true
			case "f", "false", "n", "no", "0":
				return false
			}
			return nil
		case bool:
			return x
		case time.Time:
			return x.UnixMicro() != 0
		}
		f, _ := toFloat(v)
		return f != 0
	case sqltypes.KindInteger, sqltypes.KindLong:
		var n int64
		switch x := v.(type) {
		case string:
			p, ok := ParseIntegral(x)
			if !ok {
				return nil
			}
			if to.Kind() == sqltypes.KindInteger {
				if p < math.MinInt32 || p > math.MaxInt32 {
					return nil
				}
			}
			n = p
		case bool:
			if x {
				n = 1
			}
		case time.Time:
			n = floorDiv(x.UnixMicro(), 1_000_000)
		case sqltypes.Decimal:
			i := x.BigInt()
			i.Quo(i, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(x.Scale)), nil))
			if !i.IsInt64() {
				return nil
			}
			n = i.Int64()
			if to.Kind() == sqltypes.KindInteger && (n < math.MinInt32 || n > math.MaxInt32) {
				return nil
			}
		case int32:
			n = int64(x)
		case int64:
			n = x
		default:
			return nil
		}
		if to.Kind() == sqltypes.KindInteger {
			return int32(n)
		}
		return n
	case sqltypes.KindFloat, sqltypes.KindDouble:
		var f float64
		switch x := v.(type) {
		case string:
			p, ok := ParseDouble(x)
			if !ok {
				return nil
			}
			f = p
		case bool:
			if x {
				f = 1
			}
		case time.Time:
			f = float64(x.UnixMicro()) / 1e6
		case sqltypes.Decimal:
			f = x.Float64()
		default:
			return nil
		}
		if to.Kind() == sqltypes.KindFloat {
			return float32(f)
		}
		return f
	case sqltypes.KindDecimal:
		dt := to.(sqltypes.DecimalType)
		var d sqltypes.Decimal
		var ok bool
		switch x := v.(type) {
		case bool:
			if x {
				d, ok = sqltypes.DecimalFromInt(1, dt)
			} else {
				d, ok = sqltypes.DecimalFromInt(0, dt)
			}
		case time.Time:
			d, ok = sqltypes.DecimalFromBig(big.NewInt(x.UnixMicro()), 6, dt)
		default:
			d, ok = toDecimal(v, &arrow.Decimal128Type{Precision: int32(dt.Precision), Scale: int32(dt.Scale)})
		}
		if !ok {
			return nil
		}
		return d
	case sqltypes.KindTimestamp:
		switch x := v.(type) {
		case string:
			us, ok := ParseTimestamp(x, loc)
			if !ok {
				return nil
			}
			return us
		case time.Time:
			if from.Kind() == sqltypes.KindDate {
				d := x.UTC()
				return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc).UnixMicro()
			}
			return x.UnixMicro()
		case bool:
			if x {
				return int64(1)
			}
			return int64(0)
		}
		f, ok := toFloat(v)
		if !ok {
			return nil
		}
		return int64(f * 1e6)
	case sqltypes.KindDate:
		switch x := v.(type) {
		case string:
			d, ok := ParseDate(x)
			if !ok {
				return nil
			}
			return d
		case time.Time:
			t := x.In(loc)
			return int32(floorDiv(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix(), 86400))
		}
		return nil
	case sqltypes.KindBinary:
		switch x := v.(type) {
		case string:
			return []byte(x)
		case []byte:
			return x
		}
		return nil
	case sqltypes.KindArray:
		xs, ok := v.([]any)
		if !ok {
			return nil
		}
		fe := from.(sqltypes.ArrayType).ElementType
		te := to.(sqltypes.ArrayType).ElementType
		out := make([]any, len(xs))
		for i, e := range xs {
			if e != nil {
				out[i] = canonical(castValue(e, fe, te, loc), te)
			}
		}
		return out
	case sqltypes.KindMap:
		m, ok := v.(MapValue)
		if !ok {
			return nil
		}
		fm, tm := from.(sqltypes.MapType), to.(sqltypes.MapType)
		out := MapValue{}
		for i := range m.Keys {
			out.Keys = append(out.Keys, canonical(castValue(m.Keys[i], fm.KeyType, tm.KeyType, loc), tm.KeyType))
			var val any
			if m.Values[i] != nil {
				val = canonical(castValue(m.Values[i], fm.ValueType, tm.ValueType, loc), tm.ValueType)
			}
			out.Values = append(out.Values, val)
		}
		return out
	}
	return v
}

// canonical turns the internal forms castValue returns (micros, days) into
// GetValue's forms so nested values can be re-cast.
func canonical(v any, t sqltypes.DataType) any {
	switch x := v.(type) {
	case int64:
		if t.Kind() == sqltypes.KindTimestamp {
			return time.UnixMicro(x).UTC()
		}
	case int32:
		if t.Kind() == sqltypes.KindDate {
			return time.Unix(int64(x)*86400, 0).UTC()
		}
	}
	return v
}

// ParseIntegral parses a string as Spark's UTF8String.toLong does: trimmed,
// optional sign, digits, and an optional fraction that is truncated.
func ParseIntegral(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		frac := s[dot+1:]
		for _, c := range frac {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		s = s[:dot]
		if s == "" || s == "-" || s == "+" {
			if frac == "" {
				return 0, false
			}
			return 0, true
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// ParseDouble parses a string as Spark's cast to double does (trimmed; NaN,
// Infinity and a trailing d/f suffix accepted).
func ParseDouble(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if l := s[len(s)-1]; l == 'd' || l == 'D' || l == 'f' || l == 'F' {
		s = s[:len(s)-1]
	}
	if strings.ContainsAny(s, "_xXpP") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// castFromString is the vectorized fast path for casting strings to the
// common atomic types; it returns nil for other targets.
func castFromString(sa *array.String, to sqltypes.DataType, loc *time.Location) arrow.Array {
	return CastStrings(sa.Len(), func(i int) (string, bool) {
		if sa.IsNull(i) {
			return "", false
		}
		return sa.Value(i), true
	}, to, loc)
}

// CastStrings casts n strings, given by get (false = null), to an atomic
// type with the vectorized parsers; it returns nil for unsupported targets.
func CastStrings(n int, get func(i int) (string, bool), to sqltypes.DataType, loc *time.Location) arrow.Array {
	valid := make([]byte, bitutil.BytesForBits(int64(n)))
	nulls := 0
	ok := func(i int, good bool) {
		if good {
			valid[i>>3] |= 1 << (uint(i) & 7)
		} else {
			nulls++
		}
	}
	finish := func(mk func(v *memory.Buffer) arrow.Array) arrow.Array {
		if nulls == 0 {
			return mk(nil)
		}
		return mk(memory.NewBufferBytes(valid))
	}
	switch to.Kind() {
	case sqltypes.KindInteger, sqltypes.KindLong:
		vals := make([]int64, n)
		for i := 0; i < n; i++ {
			str, present := get(i)
			if !present {
				ok(i, false)
				continue
			}
			v, good := parseIntFast(str)
			if good && to.Kind() == sqltypes.KindInteger && (v < math.MinInt32 || v > math.MaxInt32) {
				good = false
			}
			vals[i] = v
			ok(i, good)
		}
		if to.Kind() == sqltypes.KindLong {
			return finish(func(v *memory.Buffer) arrow.Array { return MakeFixed(arrow.PrimitiveTypes.Int64, vals, v, nulls) })
		}
		v32 := make([]int32, n)
		for i, v := range vals {
			v32[i] = int32(v)
		}
		return finish(func(v *memory.Buffer) arrow.Array { return MakeFixed(arrow.PrimitiveTypes.Int32, v32, v, nulls) })
	case sqltypes.KindDouble, sqltypes.KindFloat:
		vals := make([]float64, n)
		for i := 0; i < n; i++ {
			str, present := get(i)
			if !present {
				ok(i, false)
				continue
			}
			f, good := parseDoubleFast(str)
			vals[i] = f
			ok(i, good)
		}
		if to.Kind() == sqltypes.KindDouble {
			return finish(func(v *memory.Buffer) arrow.Array { return MakeFixed(arrow.PrimitiveTypes.Float64, vals, v, nulls) })
		}
		v32 := make([]float32, n)
		for i, v := range vals {
			v32[i] = float32(v)
		}
		return finish(func(v *memory.Buffer) arrow.Array { return MakeFixed(arrow.PrimitiveTypes.Float32, v32, v, nulls) })
	case sqltypes.KindTimestamp:
		vals := make([]int64, n)
		var tc TimestampCache
		for i := 0; i < n; i++ {
			str, present := get(i)
			if !present {
				ok(i, false)
				continue
			}
			us, good := tc.Parse(str, loc)
			vals[i] = us
			ok(i, good)
		}
		return finish(func(v *memory.Buffer) arrow.Array { return MakeFixed(sqltypes.ArrowTimestamp, vals, v, nulls) })
	case sqltypes.KindDate:
		vals := make([]int32, n)
		for i := 0; i < n; i++ {
			str, present := get(i)
			if !present {
				ok(i, false)
				continue
			}
			d, good := ParseDate(str)
			vals[i] = d
			ok(i, good)
		}
		return finish(func(v *memory.Buffer) arrow.Array { return MakeFixed(arrow.FixedWidthTypes.Date32, vals, v, nulls) })
	}
	return nil
}

// parseIntFast parses plain decimal integers without allocating and falls
// back to ParseIntegral for everything else (spaces, fractions).
func parseIntFast(s string) (int64, bool) {
	if len(s) > 0 && len(s) < 19 {
		neg := s[0] == '-'
		i := 0
		if neg || s[0] == '+' {
			i = 1
		}
		if i < len(s) {
			var v int64
			j := i
			for ; j < len(s); j++ {
				c := s[j]
				if c < '0' || c > '9' {
					break
				}
				v = v*10 + int64(c-'0')
			}
			if j == len(s) {
				if neg {
					v = -v
				}
				return v, true
			}
		}
	}
	return ParseIntegral(s)
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseDoubleFast parses plain decimals ("-12.345") exactly: with at most
// 15 digits the mantissa and the power of ten are exact doubles, so one
// division is correctly rounded (Clinger's fast path). Anything else goes
// to ParseDouble.
func parseDoubleFast(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 17 {
		return ParseDouble(s)
	}
	i := 0
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i = 1
	}
	var m uint64
	digits, frac := 0, -1
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return ParseDouble(s)
		}
	}
	if digits == 0 || digits > 15 {
		return ParseDouble(s)
	}
	f := float64(m)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

// nullSafeToDecimal is Spark's Cast.canNullSafeCastToDecimal: every value of
// from fits in to.
func nullSafeToDecimal(from sqltypes.DataType, to sqltypes.DecimalType) bool {
	var f sqltypes.DecimalType
	switch from.Kind() {
	case sqltypes.KindBoolean:
		f = sqltypes.DecimalType{Precision: 1}
	case sqltypes.KindInteger, sqltypes.KindLong:
		f, _ = sqltypes.DecimalForIntegral(from)
	case sqltypes.KindDecimal:
		f = from.(sqltypes.DecimalType)
		if to.Precision-to.Scale > f.Precision-f.Scale {
			return true
		}
	case sqltypes.KindNull:
		return true
	default:
		return false
	}
	return to.Precision-to.Scale >= f.Precision-f.Scale && to.Scale >= f.Scale
}

// parseClock parses "HH:MM:SS" into microseconds since midnight.
func parseClock(s string) (int64, bool) {
	if len(s) != 8 || s[2] != ':' || s[5] != ':' {
		return 0, false
	}
	for _, i := range [...]int{0, 1, 3, 4, 6, 7} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	hh := int64(s[0]-'0')*10 + int64(s[1]-'0')
	mm := int64(s[3]-'0')*10 + int64(s[4]-'0')
	ss := int64(s[6]-'0')*10 + int64(s[7]-'0')
	if hh > 23 || mm > 59 || ss > 59 {
		return 0, false
	}
	return ((hh*60+mm)*60 + ss) * 1_000_000, true
}

// TimestampCache parses timestamp strings as ParseTimestamp does, reusing
// the day of the previous "yyyy-MM-dd HH:mm:ss" value in UTC: consecutive
// values of a column usually share their date.
type TimestampCache struct {
	date string
	base int64
}

// Parse returns s as microseconds since the epoch.
func (c *TimestampCache) Parse(s string, loc *time.Location) (int64, bool) {
	simple := len(s) == 19 && loc == time.UTC && (s[10] == ' ' || s[10] == 'T')
	if simple && c.date != "" && s[:10] == c.date {
		if t, ok := parseClock(s[11:]); ok {
			return c.base + t, true
		}
	}
	us, ok := ParseTimestamp(s, loc)
	if ok && simple {
		if t, ok2 := parseClock(s[11:]); ok2 {
			c.date, c.base = s[:10], us-t
		}
	}
	return us, ok
}

// ParseIntText parses a CSV or cast string as an integral number, as
// CastStrings does for int and bigint.
func ParseIntText(s string) (int64, bool) { return parseIntFast(s) }

// ParseDoubleText parses a CSV or cast string as a double, as CastStrings
// does for float and double.
func ParseDoubleText(s string) (float64, bool) { return parseDoubleFast(s) }
