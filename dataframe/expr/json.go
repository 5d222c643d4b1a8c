package expr

import (
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
	"github.com/valyala/fastjson"
)

// JSONOptions are from_json/read.json options.
type JSONOptions struct {
	Mode string // PERMISSIVE (default) or FAILFAST
}

// ParseJSONColumn parses a string column into a struct column of type st.
// PERMISSIVE mode: a malformed record gives a struct of nulls, a field of
// the wrong type gives null for that field; a null input gives null.
func ParseJSONColumn(strs arrow.Array, st sqltypes.StructType, opts JSONOptions) (arrow.Array, error) {
	a, _, err := ParseJSONRows(strs, st, opts, -1)
	return a, err
}

// ParseJSONRows parses JSON lines into a struct column and reports which
// rows are malformed or hold a value of the wrong type. When corrupt >= 0,
// that (string) field receives the raw text of such rows, as Spark's
// _corrupt_record column does.
func ParseJSONRows(strs arrow.Array, st sqltypes.StructType, opts JSONOptions, corrupt int) (arrow.Array, []bool, error) {
	sa := strs.(*array.String)
	bad := make([]bool, sa.Len())
	parseSt := st
	if corrupt >= 0 {
		parseSt = sqltypes.StructType{Fields: append(append([]sqltypes.StructField(nil), st.Fields[:corrupt]...), st.Fields[corrupt+1:]...)}
	}
	inner, err := parseJSONStruct(sa, parseSt, opts, bad)
	if err != nil || corrupt < 0 {
		return inner, bad, err
	}
	is := inner.(*array.Struct)
	cb := array.NewStringBuilder(Mem)
	for i := 0; i < sa.Len(); i++ {
		if bad[i] {
			cb.Append(sa.Value(i))
		} else {
			cb.AppendNull()
		}
	}
	kids := make([]arrow.Array, 0, len(st.Fields))
	for i := 0; i < is.NumField(); i++ {
		if i == corrupt {
			kids = append(kids, cb.NewArray())
		}
		kids = append(kids, is.Field(i))
	}
	if corrupt == is.NumField() {
		kids = append(kids, cb.NewArray())
	}
	out, err := StructFromArrays(st, kids, nil)
	return out, bad, err
}

// parallelJSONRows is the batch size from which from_json's fast path
// parses the two halves of a batch on two goroutines.
const parallelJSONRows = 1 << 15

func parseJSONStruct(sa *array.String, st sqltypes.StructType, opts JSONOptions, bad []bool) (arrow.Array, error) {
	n := sa.Len()
	failfast := strings.EqualFold(opts.Mode, "FAILFAST")
	if failfast || !jsonFastPath || n < parallelJSONRows || runtime.GOMAXPROCS(0) < 2 || newFlatJSONScanner(st) == nil {
		return parseJSONRange(sa, 0, n, st, failfast, bad)
	}
	// Two halves in parallel (rows are independent; bad is written at
	// disjoint indices); the second half is then appended to the first
	// half's builders, which are reserved for the whole batch.
	mid := n / 2
	var second arrow.Array
	var secondErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		sb := newJSONStructBuilder(st, n-mid)
		defer sb.Release()
		if secondErr = parseJSONInto(sb, sa, mid, n, st, false, bad); secondErr == nil {
			second = sb.NewArray()
		}
	}()
	b := newJSONStructBuilder(st, n)
	defer b.Release()
	err := parseJSONInto(b, sa, 0, mid, st, false, bad)
	<-done
	if second != nil {
		defer second.Release()
	}
	if err != nil {
		return nil, err
	}
	if secondErr != nil {
		return nil, secondErr
	}
	appendFlatStruct(b, second.(*array.Struct))
	return b.NewArray(), nil
}

// jsonSampleRows is how many rows the fast path parses before reserving
// string data for the rest of the batch.
const jsonSampleRows = 1024

// jsonFastPath enables flatJSONScanner; tests turn it off to compare the
// fast path with the fastjson path.
var jsonFastPath = true

// parseJSONRange parses rows [lo, hi) of sa into a struct column.
func parseJSONRange(sa *array.String, lo, hi int, st sqltypes.StructType, failfast bool, bad []bool) (arrow.Array, error) {
	b := newJSONStructBuilder(st, hi-lo)
	defer b.Release()
	if err := parseJSONInto(b, sa, lo, hi, st, failfast, bad); err != nil {
		return nil, err
	}
	return b.NewArray(), nil
}

// newJSONStructBuilder returns a struct builder for st with n rows
// reserved in it and its children. Without the fast path, strings get a
// share of the input's bytes; with it, parseJSONInto reserves string data
// once the first rows show how much each field takes (arrow zeroes what is
// reserved, so reserving too much costs as much as copying).
func newJSONStructBuilder(st sqltypes.StructType, n int) *array.StructBuilder {
	b := NewBuilder(st).(*array.StructBuilder)
	b.Reserve(n)
	for f := range st.Fields {
		b.FieldBuilder(f).Reserve(n)
	}
	return b
}

// parseJSONInto appends rows [lo, hi) of sa to b.
func parseJSONInto(b *array.StructBuilder, sa *array.String, lo, hi int, st sqltypes.StructType, failfast bool, bad []bool) error {
	n := hi - lo
	var p fastjson.Parser
	var fast *flatJSONScanner
	if jsonFastPath {
		fast = newFlatJSONScanner(st)
	}
	if n > 0 && fast == nil {
		share := (sa.ValueOffset(hi-1) + sa.ValueLen(hi-1) - sa.ValueOffset(lo)) / max(1, len(st.Fields))
		for f := range st.Fields {
			if sb, ok := b.FieldBuilder(f).(*array.StringBuilder); ok {
				sb.ReserveData(share)
			}
		}
	}
	sampleEnd := -1
	if fast != nil && n > 2*jsonSampleRows {
		sampleEnd = lo + jsonSampleRows
	}
	hasNulls := sa.NullN() > 0
	for i := lo; i < hi; i++ {
		if i == sampleEnd {
			for f := range st.Fields {
				if sb, ok := b.FieldBuilder(f).(*array.StringBuilder); ok {
					used := sb.DataLen()
					sb.ReserveData(used*(hi-i)/jsonSampleRows*9/8 + 64)
				}
			}
		}
		if hasNulls && sa.IsNull(i) {
			b.AppendNull()
			continue
		}
		row := sa.Value(i)
		if fast != nil && fast.appendRow(b, unsafe.Slice(unsafe.StringData(row), len(row))) {
			continue
		}
		v, err := p.Parse(row)
		if err != nil || v.Type() != fastjson.TypeObject {
			bad[i] = true
			if failfast {
				return sparkerr.Runtime("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are detected in record parsing: [%s] at row %d. Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.", sa.Value(i), i+1)
			}
			b.Append(true)
			for f := 0; f < b.NumField(); f++ {
				b.FieldBuilder(f).AppendNull()
			}
			continue
		}
		if !appendJSONStruct(b, v, st) {
			bad[i] = true
			if failfast {
				return sparkerr.Runtime("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are detected in record parsing: [%s] at row %d. Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.", sa.Value(i), i+1)
			}
		}
	}
	return nil
}

func appendJSONStruct(b *array.StructBuilder, v *fastjson.Value, st sqltypes.StructType) bool {
	b.Append(true)
	obj, _ := v.Object()
	ok := true
	for f, field := range st.Fields {
		fv := obj.Get(field.Name)
		if fv == nil {
			// Spark matches field names case-sensitively.
			b.FieldBuilder(f).AppendNull()
			continue
		}
		if !appendJSONValue(b.FieldBuilder(f), fv, field.DataType) {
			ok = false
		}
	}
	return ok
}

func appendJSONValue(b array.Builder, v *fastjson.Value, t sqltypes.DataType) bool {
	if v == nil || v.Type() == fastjson.TypeNull {
		b.AppendNull()
		return true
	}
	switch t.Kind() {
	case sqltypes.KindString:
		sb := b.(*array.StringBuilder)
		if v.Type() == fastjson.TypeString {
			sb.BinaryBuilder.Append(v.GetStringBytes())
		} else {
			sb.Append(string(v.MarshalTo(nil)))
		}
	case sqltypes.KindInteger, sqltypes.KindLong:
		if v.Type() != fastjson.TypeNumber {
			b.AppendNull()
			return false
		}
		n, err := v.Int64()
		if err != nil {
			b.AppendNull()
			return false
		}
		if t.Kind() == sqltypes.KindInteger {
			if n < math.MinInt32 || n > math.MaxInt32 {
				b.AppendNull()
				return false
			}
			b.(*array.Int32Builder).Append(int32(n))
			return true
		}
		b.(*array.Int64Builder).Append(n)
	case sqltypes.KindDouble, sqltypes.KindFloat:
		var f float64
		switch v.Type() {
		case fastjson.TypeNumber:
			f = v.GetFloat64()
		case fastjson.TypeString:
			switch string(v.GetStringBytes()) {
			case "NaN":
				f = math.NaN()
			case "Infinity", "+Infinity":
				f = math.Inf(1)
			case "-Infinity":
				f = math.Inf(-1)
			default:
				b.AppendNull()
				return false
			}
		default:
			b.AppendNull()
			return false
		}
		if t.Kind() == sqltypes.KindFloat {
			b.(*array.Float32Builder).Append(float32(f))
		} else {
			b.(*array.Float64Builder).Append(f)
		}
	case sqltypes.KindDecimal:
		var text string
		switch v.Type() {
		case fastjson.TypeNumber:
			text = string(v.MarshalTo(nil))
		case fastjson.TypeString:
			text = string(v.GetStringBytes())
		default:
			b.AppendNull()
			return false
		}
		d, ok := sqltypes.ParseDecimal(text, t.(sqltypes.DecimalType))
		if !ok {
			b.AppendNull()
			return false
		}
		b.(*array.Decimal128Builder).Append(d.Unscaled)
	case sqltypes.KindBoolean:
		switch v.Type() {
		case fastjson.TypeTrue:
			b.(*array.BooleanBuilder).Append(true)
		case fastjson.TypeFalse:
			b.(*array.BooleanBuilder).Append(false)
		default:
			b.AppendNull()
		}
	case sqltypes.KindTimestamp:
		if v.Type() == fastjson.TypeString {
			if us, ok := ParseTimestamp(string(v.GetStringBytes()), time.UTC); ok {
				b.(*array.TimestampBuilder).Append(arrow.Timestamp(us))
				return true
			}
		}
		b.AppendNull()
	case sqltypes.KindDate:
		if v.Type() == fastjson.TypeString {
			if d, ok := ParseDate(string(v.GetStringBytes())); ok {
				b.(*array.Date32Builder).Append(arrow.Date32(d))
				return true
			}
		}
		b.AppendNull()
	case sqltypes.KindStruct:
		if v.Type() != fastjson.TypeObject {
			b.AppendNull()
			return false
		}
		return appendJSONStruct(b.(*array.StructBuilder), v, t.(sqltypes.StructType))
	case sqltypes.KindArray:
		if v.Type() != fastjson.TypeArray {
			b.AppendNull()
			return false
		}
		lb := b.(*array.ListBuilder)
		lb.Append(true)
		ok := true
		for _, e := range v.GetArray() {
			if !appendJSONValue(lb.ValueBuilder(), e, t.(sqltypes.ArrayType).ElementType) {
				ok = false
			}
		}
		return ok
	case sqltypes.KindMap:
		if v.Type() != fastjson.TypeObject {
			b.AppendNull()
			return false
		}
		mb := b.(*array.MapBuilder)
		mb.Append(true)
		obj, _ := v.Object()
		ok := true
		obj.Visit(func(k []byte, e *fastjson.Value) {
			mb.KeyBuilder().(*array.StringBuilder).Append(string(k))
			if !appendJSONValue(mb.ItemBuilder(), e, t.(sqltypes.MapType).ValueType) {
				ok = false
			}
		})
		return ok
	default:
		b.AppendNull()
		return false
	}
	return true
}

// InferJSONSchema infers a schema from JSON-object lines as Spark does:
// fields sorted by name, integers as bigint, other numbers as double,
// nulls-only fields as string.
func InferJSONSchema(lines []string) sqltypes.StructType {
	st, _ := InferJSONSchemaMalformed(lines)
	return st
}

// InferJSONSchemaMalformed is InferJSONSchema that also reports whether some
// line is not a JSON object.
func InferJSONSchemaMalformed(lines []string) (sqltypes.StructType, bool) {
	var p fastjson.Parser
	var acc sqltypes.DataType = sqltypes.NullType
	malformed := false
	for _, l := range lines {
		v, err := p.Parse(l)
		if err != nil || v.Type() != fastjson.TypeObject {
			malformed = true
			continue
		}
		acc = mergeInferred(acc, inferJSON(v))
	}
	st, ok := finishInferred(acc).(sqltypes.StructType)
	if !ok {
		return sqltypes.StructType{}, malformed
	}
	return st, malformed
}

func inferJSON(v *fastjson.Value) sqltypes.DataType {
	switch v.Type() {
	case fastjson.TypeString:
		return sqltypes.StringType
	case fastjson.TypeNumber:
		raw := string(v.MarshalTo(nil))
		if !strings.ContainsAny(raw, ".eE") {
			if _, err := strconv.ParseInt(raw, 10, 64); err == nil {
				return sqltypes.LongType
			}
		}
		return sqltypes.DoubleType
	case fastjson.TypeTrue, fastjson.TypeFalse:
		return sqltypes.BooleanType
	case fastjson.TypeArray:
		var et sqltypes.DataType = sqltypes.NullType
		for _, e := range v.GetArray() {
			et = mergeInferred(et, inferJSON(e))
		}
		return sqltypes.ArrayType{ElementType: et, ContainsNull: true}
	case fastjson.TypeObject:
		st := sqltypes.StructType{}
		obj, _ := v.Object()
		obj.Visit(func(k []byte, e *fastjson.Value) {
			st.Fields = append(st.Fields, sqltypes.StructField{Name: string(k), DataType: inferJSON(e), Nullable: true})
		})
		sort.SliceStable(st.Fields, func(i, j int) bool { return st.Fields[i].Name < st.Fields[j].Name })
		return st
	}
	return sqltypes.NullType
}

func mergeInferred(a, b sqltypes.DataType) sqltypes.DataType {
	switch {
	case a.Kind() == sqltypes.KindNull:
		return b
	case b.Kind() == sqltypes.KindNull:
		return a
	}
	if as, ok := a.(sqltypes.StructType); ok {
		if bs, ok := b.(sqltypes.StructType); ok {
			out := sqltypes.StructType{Fields: append([]sqltypes.StructField(nil), as.Fields...)}
			for _, f := range bs.Fields {
				idx := -1
				for i, g := range out.Fields {
					if g.Name == f.Name {
						idx = i
					}
				}
				if idx < 0 {
					out.Fields = append(out.Fields, f)
				} else {
					out.Fields[idx].DataType = mergeInferred(out.Fields[idx].DataType, f.DataType)
				}
			}
			sort.SliceStable(out.Fields, func(i, j int) bool { return out.Fields[i].Name < out.Fields[j].Name })
			return out
		}
		return sqltypes.StringType
	}
	if aa, ok := a.(sqltypes.ArrayType); ok {
		if ba, ok := b.(sqltypes.ArrayType); ok {
			return sqltypes.ArrayType{ElementType: mergeInferred(aa.ElementType, ba.ElementType), ContainsNull: true}
		}
		return sqltypes.StringType
	}
	if sqltypes.IsNumeric(a) && sqltypes.IsNumeric(b) {
		return WiderNumeric(a, b)
	}
	if sqltypes.Equal(a, b) {
		return a
	}
	return sqltypes.StringType
}

func finishInferred(t sqltypes.DataType) sqltypes.DataType {
	switch x := t.(type) {
	case sqltypes.StructType:
		out := sqltypes.StructType{}
		for _, f := range x.Fields {
			f.DataType = finishInferred(f.DataType)
			out.Fields = append(out.Fields, f)
		}
		return out
	case sqltypes.ArrayType:
		return sqltypes.ArrayType{ElementType: finishInferred(x.ElementType), ContainsNull: true}
	}
	if t.Kind() == sqltypes.KindNull {
		return sqltypes.StringType
	}
	return t
}

// AppendJSON appends a value (GetValue form) of type t as Spark's to_json
// writes it: struct fields in order with nulls omitted, doubles as Java
// prints them, timestamps as yyyy-MM-dd'T'HH:mm:ss.SSSXXX.
func AppendJSON(buf []byte, v any, t sqltypes.DataType, loc *time.Location) []byte {
	if v == nil {
		return append(buf, "null"...)
	}
	switch x := v.(type) {
	case string:
		return strconv.AppendQuote(buf, x)
	case bool:
		return strconv.AppendBool(buf, x)
	case int32:
		return strconv.AppendInt(buf, int64(x), 10)
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case sqltypes.Decimal:
		return append(buf, x.String()...)
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return strconv.AppendQuote(buf, sqltypes.FormatFloat(x))
		}
		return append(buf, sqltypes.FormatFloat(x)...)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.AppendQuote(buf, sqltypes.FormatDouble(x))
		}
		return append(buf, sqltypes.FormatDouble(x)...)
	case []byte:
		return strconv.AppendQuote(buf, string(x))
	case time.Time:
		if t.Kind() == sqltypes.KindDate {
			return append(append(append(buf, '"'), x.UTC().Format("2006-01-02")...), '"')
		}
		s := x.In(loc).Format("2006-01-02T15:04:05.000Z07:00")
		return strconv.AppendQuote(buf, s)
	case StructValue:
		st, _ := t.(sqltypes.StructType)
		buf = append(buf, '{')
		first := true
		for i, fv := range x {
			if fv == nil || i >= len(st.Fields) {
				continue
			}
			if !first {
				buf = append(buf, ',')
			}
			first = false
			buf = strconv.AppendQuote(buf, st.Fields[i].Name)
			buf = append(buf, ':')
			buf = AppendJSON(buf, fv, st.Fields[i].DataType, loc)
		}
		return append(buf, '}')
	case []any:
		var et sqltypes.DataType = sqltypes.StringType
		if at, ok := t.(sqltypes.ArrayType); ok {
			et = at.ElementType
		}
		buf = append(buf, '[')
		for i, e := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendJSON(buf, e, et, loc)
		}
		return append(buf, ']')
	case MapValue:
		var kt, vt sqltypes.DataType = sqltypes.StringType, sqltypes.StringType
		if mt, ok := t.(sqltypes.MapType); ok {
			kt, vt = mt.KeyType, mt.ValueType
		}
		buf = append(buf, '{')
		for i := range x.Keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendQuote(buf, ValueString(x.Keys[i], kt, loc))
			buf = append(buf, ':')
			buf = AppendJSON(buf, x.Values[i], vt, loc)
		}
		return append(buf, '}')
	}
	return buf
}

func init() {
	Register(FuncDef{Name: "from_json", MinArgs: 2, MaxArgs: 3, Build: func(c *Call) (Expr, error) {
		var st sqltypes.StructType
		switch s := c.Args[1].(type) {
		case *SchemaLiteral:
			st = s.Schema
		default:
			text, ok := literalString(c.Args[1])
			if !ok {
				return nil, sparkerr.Analysis("INVALID_SCHEMA.NON_STRING_LITERAL", "The input schema %s must be a string literal.", quoteSQL(c.Args[1]))
			}
			p, err := sqltypes.ParseDDL(text)
			if err != nil {
				dt, jerr := sqltypes.ParseJSONType(text)
				if jerr != nil {
					dt, jerr = sqltypes.ParseType(text)
				}
				if jerr != nil {
					return nil, err
				}
				if k := dt.Kind(); k == sqltypes.KindArray || k == sqltypes.KindMap {
					return fromJSONValue(c, dt)
				}
				p, _ = dt.(sqltypes.StructType)
			}
			st = p
		}
		if bad := invalidMapKey(st); bad != nil {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE", "Cannot resolve \"from_json(%s)\" due to data type mismatch: Input schema %s can only contain STRING as a key type for a MAP.", c.Args[0].SQL(), quoteType(st))
		}
		arg := c.Args[0]
		if k := arg.DataType().Kind(); k != sqltypes.KindString && k != sqltypes.KindNull {
			return nil, mismatchInput(&Call{Name: "from_json", Args: c.Args[:1]}, 1, "", `"STRING"`, arg)
		}
		arg = castIfNeeded(arg, sqltypes.StringType)
		opts := JSONOptions{}
		if len(c.Args) > 2 {
			if m, ok := c.Args[2].(*OptionsLiteral); ok {
				for k, v := range m.Options {
					if strings.EqualFold(k, "mode") {
						opts.Mode = v
					}
				}
			}
		}
		return &ScalarFunc{Name: "from_json", Args: []Expr{arg}, Type: st, Null: true,
			Kernel: func(_ *Context, a []arrow.Array, _ int) (arrow.Array, error) {
				return ParseJSONColumn(a[0], st, opts)
			}}, nil
	}})
	Register(FuncDef{Name: "to_json", MinArgs: 1, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		t := c.Args[0].DataType()
		if t.Kind() != sqltypes.KindStruct && t.Kind() != sqltypes.KindArray && t.Kind() != sqltypes.KindMap {
			return nil, mismatchInput(c, 1, "", `("STRUCT" or "ARRAY" or "MAP")`, c.Args[0])
		}
		return &ScalarFunc{Name: "to_json", Args: c.Args[:1], Type: sqltypes.StringType, Null: true,
			Kernel: func(ctx *Context, a []arrow.Array, n int) (arrow.Array, error) {
				sb := array.NewStringBuilder(Mem)
				var buf []byte
				for i := 0; i < n; i++ {
					if IsNullAt(a[0], i) {
						sb.AppendNull()
						continue
					}
					buf = AppendJSON(buf[:0], GetValue(a[0], i), t, ctx.Location)
					sb.BinaryBuilder.Append(buf)
				}
				return sb.NewArray(), nil
			}}, nil
	}})
	Register(FuncDef{Name: "schema_of_json", MinArgs: 1, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		text, ok := literalString(c.Args[0])
		if !ok {
			return nil, sparkerr.Analysis("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "Cannot resolve %s due to data type mismatch: the input json should be a foldable \"STRING\" expression; however, got %s.", quoteSQL(c), quoteSQL(c.Args[0]))
		}
		var p fastjson.Parser
		v, err := p.Parse(text)
		ddl := "STRING"
		if err == nil {
			ddl = sqltypes.SQLString(finishInferred(inferJSON(v)))
		}
		return &ScalarFunc{Name: "schema_of_json", Args: c.Args[:1], Type: sqltypes.StringType,
			Kernel: func(_ *Context, _ []arrow.Array, n int) (arrow.Array, error) {
				return Broadcast(ddl, sqltypes.StringType, n), nil
			}}, nil
	}})
	Register(FuncDef{Name: "get_json_object", MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		path, _ := literalString(c.Args[1])
		arg, err := requireType(c, 0, c.Args[0], sqltypes.StringType)
		if err != nil {
			return nil, err
		}
		keys, ok := parseJSONPath(path)
		return &ScalarFunc{Name: "get_json_object", Args: []Expr{arg, c.Args[1]}, Type: sqltypes.StringType, Null: true,
			Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
				sa := a[0].(*array.String)
				sb := array.NewStringBuilder(Mem)
				var p fastjson.Parser
				for i := 0; i < n; i++ {
					if !ok || IsNullAt(sa, i) {
						sb.AppendNull()
						continue
					}
					v, err := p.Parse(sa.Value(i))
					if err != nil {
						sb.AppendNull()
						continue
					}
					for _, k := range keys {
						if v == nil {
							break
						}
						if idx, err := strconv.Atoi(k); err == nil && v.Type() == fastjson.TypeArray {
							arr := v.GetArray()
							if idx < len(arr) {
								v = arr[idx]
							} else {
								v = nil
							}
							continue
						}
						v = v.Get(k)
					}
					switch {
					case v == nil || v.Type() == fastjson.TypeNull:
						sb.AppendNull()
					case v.Type() == fastjson.TypeString:
						sb.Append(string(v.GetStringBytes()))
					case v.Type() == fastjson.TypeNumber:
						raw := string(v.MarshalTo(nil))
						if strings.ContainsAny(raw, ".eE") {
							raw = sqltypes.FormatDouble(v.GetFloat64())
						}
						sb.Append(raw)
					default:
						sb.Append(string(v.MarshalTo(nil)))
					}
				}
				return sb.NewArray(), nil
			}}, nil
	}})
}

// parseJSONPath parses "$.a.b[0]" into keys.
func parseJSONPath(p string) ([]string, bool) {
	if !strings.HasPrefix(p, "$") {
		return nil, false
	}
	p = p[1:]
	var keys []string
	for len(p) > 0 {
		switch p[0] {
		case '.':
			j := strings.IndexAny(p[1:], ".[")
			if j < 0 {
				keys = append(keys, p[1:])
				p = ""
			} else {
				keys = append(keys, p[1:1+j])
				p = p[1+j:]
			}
		case '[':
			j := strings.IndexByte(p, ']')
			if j < 0 {
				return nil, false
			}
			keys = append(keys, strings.Trim(p[1:j], "'\""))
			p = p[j+1:]
		default:
			return nil, false
		}
	}
	return keys, true
}

// SchemaLiteral carries a StructType argument (from_json's schema).
type SchemaLiteral struct {
	leaf
	Schema sqltypes.StructType
}

// WithChildren returns the node.
func (s *SchemaLiteral) WithChildren([]Expr) Expr { return s }

// DataType returns the schema.
func (s *SchemaLiteral) DataType() sqltypes.DataType { return s.Schema }

// Nullable returns false.
func (s *SchemaLiteral) Nullable() bool { return false }

// SQL returns the schema's DDL.
func (s *SchemaLiteral) SQL() string { return s.Schema.SimpleString() }

// Eval returns nulls; schemas are consumed at resolution.
func (s *SchemaLiteral) Eval(_ *Context, b arrow.Record) (arrow.Array, error) {
	return NullArray(int(b.NumRows())), nil
}

// OptionsLiteral carries function options (from_json's options map).
type OptionsLiteral struct {
	leaf
	Options map[string]string
}

// WithChildren returns the node.
func (o *OptionsLiteral) WithChildren([]Expr) Expr { return o }

// DataType returns NullType.
func (o *OptionsLiteral) DataType() sqltypes.DataType { return sqltypes.NullType }

// Nullable returns true.
func (o *OptionsLiteral) Nullable() bool { return true }

// SQL returns "map(...)".
func (o *OptionsLiteral) SQL() string { return "map()" }

// Eval returns nulls.
func (o *OptionsLiteral) Eval(_ *Context, b arrow.Record) (arrow.Array, error) {
	return NullArray(int(b.NumRows())), nil
}

// invalidMapKey returns a map type nested in t whose key is not a string.
func invalidMapKey(t sqltypes.DataType) sqltypes.DataType {
	switch x := t.(type) {
	case sqltypes.MapType:
		if x.KeyType.Kind() != sqltypes.KindString {
			return x
		}
		return invalidMapKey(x.ValueType)
	case sqltypes.ArrayType:
		return invalidMapKey(x.ElementType)
	case sqltypes.StructType:
		for _, f := range x.Fields {
			if m := invalidMapKey(f.DataType); m != nil {
				return m
			}
		}
	}
	return nil
}

// fromJSONValue is from_json with an ARRAY or MAP schema: each string is
// parsed as one JSON value of that type (null when malformed).
func fromJSONValue(c *Call, t sqltypes.DataType) (Expr, error) {
	if bad := invalidMapKey(t); bad != nil {
		return nil, sparkerr.Analysis("DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE", "Cannot resolve \"from_json(%s)\" due to data type mismatch: Input schema %s can only contain STRING as a key type for a MAP.", c.Args[0].SQL(), quoteType(t))
	}
	arg := c.Args[0]
	if k := arg.DataType().Kind(); k != sqltypes.KindString && k != sqltypes.KindNull {
		return nil, mismatchInput(&Call{Name: "from_json", Args: c.Args[:1]}, 1, "", `"STRING"`, arg)
	}
	arg = castIfNeeded(arg, sqltypes.StringType)
	return &ScalarFunc{Name: "from_json", Args: []Expr{arg}, Type: t, Null: true,
		Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
			sa := a[0].(*array.String)
			b := NewBuilder(t)
			var p fastjson.Parser
			for i := 0; i < n; i++ {
				if IsNullAt(sa, i) {
					b.AppendNull()
					continue
				}
				v, err := p.Parse(sa.Value(i))
				if err != nil {
					b.AppendNull()
					continue
				}
				appendJSONValue(b, v, t)
			}
			return b.NewArray(), nil
		}}, nil
}
