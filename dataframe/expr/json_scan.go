package expr

import (
	"math"
	"sync"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/valyala/fastjson/fastfloat"
)

// flatJSONScanner is from_json's fast path for a schema of flat primitive
// fields (string, int, bigint, float, double, boolean). It scans one row's
// bytes once, without building a fastjson tree, and appends straight into
// the typed builders. It only accepts rows in a conservative subset of JSON:
// one object whose keys and string values hold no escapes, whose values are
// strings, plain numbers, true, false or null, with no duplicate schema key,
// and whose every value fits its field exactly. Any other row (escapes,
// nested values, type mismatches, malformed text, ...) is reported as not
// handled so that the caller parses it with the fastjson path, which keeps
// Spark's semantics for those rows.
type flatJSONScanner struct {
	kinds []sqltypes.Kind
	names [][]byte
	slots []jsonSlot
	ints  []int64
	next  int // the field expected next: keys usually come in schema order

	// The typed field builders of the struct builder last bound.
	bound    *array.StructBuilder
	builders []array.Builder
	strs     []*array.StringBuilder
	i32s     []*array.Int32Builder
	i64s     []*array.Int64Builder
	f32s     []*array.Float32Builder
	f64s     []*array.Float64Builder
	bools    []*array.BooleanBuilder
}

type jsonSlotKind uint8

const (
	slotAbsent jsonSlotKind = iota
	slotNull
	slotString
	slotNumber
	slotTrue
	slotFalse
)

type jsonSlot struct {
	kind       jsonSlotKind
	start, end int
}

// newFlatJSONScanner returns a scanner for st, or nil when st has a field
// the fast path does not handle.
func newFlatJSONScanner(st sqltypes.StructType) *flatJSONScanner {
	if len(st.Fields) == 0 {
		return nil
	}
	n := len(st.Fields)
	s := &flatJSONScanner{slots: make([]jsonSlot, n), ints: make([]int64, n),
		builders: make([]array.Builder, n), strs: make([]*array.StringBuilder, n),
		i32s: make([]*array.Int32Builder, n), i64s: make([]*array.Int64Builder, n),
		f32s: make([]*array.Float32Builder, n), f64s: make([]*array.Float64Builder, n),
		bools: make([]*array.BooleanBuilder, n)}
	for _, f := range st.Fields {
		s.kinds = append(s.kinds, f.DataType.Kind())
		switch f.DataType.Kind() {
		case sqltypes.KindString, sqltypes.KindInteger, sqltypes.KindLong,
			sqltypes.KindDouble, sqltypes.KindFloat, sqltypes.KindBoolean:
		default:
			return nil
		}
		s.names = append(s.names, []byte(f.Name))
	}
	return s
}

// sameJSONKey compares a key with a field name; inlined, it beats a call
// to the runtime's memequal on short names.
func sameJSONKey(name, key []byte) bool {
	if len(name) != len(key) {
		return false
	}
	for i := range name {
		if name[i] != key[i] {
			return false
		}
	}
	return true
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	return i
}

// scanPlainString returns the index just past the closing quote of the
// string whose opening quote is at b[i-1], or -1 when it holds an escape or
// is unterminated.
func scanPlainString(b []byte, i int) int {
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			return i + 1
		case '\\':
			return -1
		}
	}
	return -1
}

// scanStrictNumber returns the end of a strict JSON number starting at i
// (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), or -1.
func scanStrictNumber(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return -1
	}
	if b[i] == '0' {
		i++
	} else if b[i] >= '1' && b[i] <= '9' {
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	} else {
		return -1
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return -1
		}
	}
	return i
}

func hasLiteral(b []byte, i int, lit string) bool {
	return len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit
}

// scan fills s.slots from one row; false means the row needs the fastjson
// path.
func (s *flatJSONScanner) scan(b []byte) bool {
	for f := range s.slots {
		s.slots[f].kind = slotAbsent
	}
	s.next = 0
	i := skipJSONSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipJSONSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipJSONSpace(b, i+1) == len(b)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		ke := scanPlainString(b, i+1)
		if ke < 0 {
			return false
		}
		key := b[i+1 : ke-1]
		field := -1
		if g := s.next; g < len(s.names) && sameJSONKey(s.names[g], key) {
			field = g
		} else {
			for f, name := range s.names {
				if string(name) == string(key) {
					field = f
					break
				}
			}
		}
		if field >= 0 {
			s.next = field + 1
		}
		i = skipJSONSpace(b, ke)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipJSONSpace(b, i+1)
		if i >= len(b) {
			return false
		}
		var slot jsonSlot
		switch c := b[i]; {
		case c == '"':
			e := scanPlainString(b, i+1)
			if e < 0 {
				return false
			}
			slot = jsonSlot{slotString, i + 1, e - 1}
			i = e
		case c == '-' || (c >= '0' && c <= '9'):
			e := scanStrictNumber(b, i)
			if e < 0 {
				return false
			}
			slot = jsonSlot{slotNumber, i, e}
			i = e
		case c == 't' && hasLiteral(b, i, "true"):
			slot.kind = slotTrue
			i += 4
		case c == 'f' && hasLiteral(b, i, "false"):
			slot.kind = slotFalse
			i += 5
		case c == 'n' && hasLiteral(b, i, "null"):
			slot.kind = slotNull
			i += 4
		default:
			return false
		}
		if field >= 0 {
			if s.slots[field].kind != slotAbsent {
				return false // duplicate key: leave it to the fastjson path
			}
			s.slots[field] = slot
		}
		i = skipJSONSpace(b, i)
		if i >= len(b) {
			return false
		}
		if b[i] == '}' {
			return skipJSONSpace(b, i+1) == len(b)
		}
		if b[i] != ',' {
			return false
		}
		i = skipJSONSpace(b, i+1)
	}
}

// parseJSONInt64 parses an optionally negative run of digits exactly.
func parseJSONInt64(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg = true
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var u uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// bind caches the typed field builders of b.
func (s *flatJSONScanner) bind(b *array.StructBuilder) {
	s.bound = b
	for f, k := range s.kinds {
		fb := b.FieldBuilder(f)
		s.builders[f] = fb
		switch k {
		case sqltypes.KindString:
			s.strs[f] = fb.(*array.StringBuilder)
		case sqltypes.KindInteger:
			s.i32s[f] = fb.(*array.Int32Builder)
		case sqltypes.KindLong:
			s.i64s[f] = fb.(*array.Int64Builder)
		case sqltypes.KindFloat:
			s.f32s[f] = fb.(*array.Float32Builder)
		case sqltypes.KindDouble:
			s.f64s[f] = fb.(*array.Float64Builder)
		case sqltypes.KindBoolean:
			s.bools[f] = fb.(*array.BooleanBuilder)
		}
	}
}

// appendRow scans one row and, when every value fits its field, appends it
// to b; false means nothing was appended and the row needs the fastjson path.
func (s *flatJSONScanner) appendRow(b *array.StructBuilder, row []byte) bool {
	if !s.scan(row) {
		return false
	}
	// Check every value before appending anything.
	for f, k := range s.kinds {
		sl := s.slots[f]
		if sl.kind == slotAbsent || sl.kind == slotNull {
			continue
		}
		switch k {
		case sqltypes.KindString:
			if sl.kind != slotString {
				return false
			}
		case sqltypes.KindInteger, sqltypes.KindLong:
			if sl.kind != slotNumber {
				return false
			}
			n, ok := parseJSONInt64(row[sl.start:sl.end])
			if !ok || (k == sqltypes.KindInteger && (n < math.MinInt32 || n > math.MaxInt32)) {
				return false
			}
			s.ints[f] = n
		case sqltypes.KindDouble, sqltypes.KindFloat:
			if sl.kind != slotNumber {
				return false
			}
		case sqltypes.KindBoolean:
			if sl.kind != slotTrue && sl.kind != slotFalse {
				return false
			}
		}
	}
	if s.bound != b {
		s.bind(b)
	}
	b.Append(true)
	for f, k := range s.kinds {
		sl := s.slots[f]
		if sl.kind == slotAbsent || sl.kind == slotNull {
			s.builders[f].AppendNull()
			continue
		}
		switch k {
		case sqltypes.KindString:
			s.strs[f].BinaryBuilder.Append(row[sl.start:sl.end])
		case sqltypes.KindInteger:
			if s.i32s[f].Len() < s.i32s[f].Cap() {
				s.i32s[f].UnsafeAppend(int32(s.ints[f]))
			} else {
				s.i32s[f].Append(int32(s.ints[f]))
			}
		case sqltypes.KindLong:
			if s.i64s[f].Len() < s.i64s[f].Cap() {
				s.i64s[f].UnsafeAppend(s.ints[f])
			} else {
				s.i64s[f].Append(s.ints[f])
			}
		case sqltypes.KindDouble, sqltypes.KindFloat:
			num := row[sl.start:sl.end]
			// fastjson's GetFloat64, without copying the bytes.
			x := fastfloat.ParseBestEffort(unsafe.String(unsafe.SliceData(num), len(num)))
			if k == sqltypes.KindFloat {
				s.f32s[f].Append(float32(x))
			} else if s.f64s[f].Len() < s.f64s[f].Cap() {
				s.f64s[f].UnsafeAppend(x)
			} else {
				s.f64s[f].Append(x)
			}
		case sqltypes.KindBoolean:
			s.bools[f].Append(sl.kind == slotTrue)
		}
	}
	return true
}

// appendFlatStruct appends src, a struct column of the flat primitive
// fields flatJSONScanner handles, to dst (same type).
func appendFlatStruct(dst *array.StructBuilder, src *array.Struct) {
	n := src.Len()
	var valid []bool
	if src.NullN() > 0 {
		valid = make([]bool, n)
		for i := range valid {
			valid[i] = src.IsValid(i)
		}
	}
	if valid == nil {
		for i := 0; i < n; i++ {
			dst.Append(true)
		}
	} else {
		dst.AppendValues(valid)
	}
	// The fields' builders are independent: merge them concurrently.
	var wg sync.WaitGroup
	for f := 0; f < src.NumField(); f++ {
		wg.Add(1)
		go func(f int) {
			defer wg.Done()
			appendFlatColumn(dst.FieldBuilder(f), src.Field(f))
		}(f)
	}
	wg.Wait()
}

// appendFlatColumn appends col to fb, a builder of the same primitive type.
func appendFlatColumn(fb array.Builder, col arrow.Array) {
	n := col.Len()
	var cv []bool
	if col.NullN() > 0 {
		cv = make([]bool, n)
		for i := range cv {
			cv[i] = col.IsValid(i)
		}
	}
	switch c := col.(type) {
	case *array.Int32:
		fb.(*array.Int32Builder).AppendValues(c.Int32Values(), cv)
	case *array.Int64:
		fb.(*array.Int64Builder).AppendValues(c.Int64Values(), cv)
	case *array.Float32:
		fb.(*array.Float32Builder).AppendValues(c.Float32Values(), cv)
	case *array.Float64:
		fb.(*array.Float64Builder).AppendValues(c.Float64Values(), cv)
	case *array.Boolean:
		bb := fb.(*array.BooleanBuilder)
		for i := 0; i < n; i++ {
			if c.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(c.Value(i))
			}
		}
	case *array.String:
		sb := fb.(*array.StringBuilder)
		if n > 0 {
			sb.ReserveData(c.ValueOffset(n-1) + c.ValueLen(n-1) - c.ValueOffset(0))
		}
		for i := 0; i < n; i++ {
			if c.IsNull(i) {
				sb.AppendNull()
			} else {
				sb.Append(c.Value(i))
			}
		}
	default:
		for i := 0; i < n; i++ {
			AppendValue(fb, GetValue(col, i))
		}
	}
}
