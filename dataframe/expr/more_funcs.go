package expr

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// More of Spark's built-in functions, for SQL text and F.Expr: math
// (floor, ceil, sqrt, pow, exp, log, ...), conditionals (if, nvl, ifnull,
// nullif, nvl2, greatest, least), strings (lpad, rpad, replace, repeat,
// substring_index, locate, ascii, md5, sha1, sha2, base64), arrays (size,
// array_contains, element_at, array_join, array) and dates (date_add,
// date_sub, datediff, date_trunc, from_unixtime, dayofyear, quarter,
// weekofyear).
func init() {
	S, I, L, D, B := sqltypes.StringType, sqltypes.IntegerType, sqltypes.LongType, sqltypes.DoubleType, sqltypes.BooleanType
	T, DT := sqltypes.TimestampType, sqltypes.DateType
	unaryD := func(name string, f func(float64) float64) {
		generic(name, 1, 1, []sqltypes.DataType{D}, D, true, func(_ *Context, v []any) any {
			r := f(v[0].(float64))
			if math.IsNaN(r) && !math.IsNaN(v[0].(float64)) {
				return nil
			}
			return r
		})
	}
	unaryD("sqrt", math.Sqrt)
	unaryD("exp", math.Exp)
	unaryD("ln", func(x float64) float64 {
		if x <= 0 {
			return math.NaN()
		}
		return math.Log(x)
	})
	unaryD("log10", func(x float64) float64 {
		if x <= 0 {
			return math.NaN()
		}
		return math.Log10(x)
	})
	unaryD("log2", func(x float64) float64 {
		if x <= 0 {
			return math.NaN()
		}
		return math.Log2(x)
	})
	unaryD("cbrt", math.Cbrt)
	unaryD("sin", math.Sin)
	unaryD("cos", math.Cos)
	unaryD("tan", math.Tan)
	unaryD("signum", func(x float64) float64 {
		switch {
		case x > 0:
			return 1
		case x < 0:
			return -1
		}
		return x
	})
	Register(FuncDef{Name: "sign", MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) { return registry["signum"].Build(c) }})
	generic("log", 1, 2, []sqltypes.DataType{D, D}, D, true, func(_ *Context, v []any) any {
		if len(v) == 1 {
			if v[0].(float64) <= 0 {
				return nil
			}
			return math.Log(v[0].(float64))
		}
		b, x := v[0].(float64), v[1].(float64)
		if b <= 0 || x <= 0 {
			return nil
		}
		return math.Log(x) / math.Log(b)
	})
	generic("pow", 2, 2, []sqltypes.DataType{D, D}, D, true, func(_ *Context, v []any) any { return math.Pow(v[0].(float64), v[1].(float64)) })
	Register(FuncDef{Name: "power", MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) { return registry["pow"].Build(c) }})
	floorCeil := func(name string, f func(float64) float64) {
		Register(FuncDef{Name: name, MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) {
			a := c.Args[0]
			if sqltypes.IsIntegral(a.DataType()) {
				return &ScalarFunc{Name: name, Args: []Expr{castIfNeeded(a, L)}, Type: L, Null: a.Nullable(),
					Kernel: func(_ *Context, x []arrow.Array, _ int) (arrow.Array, error) { return x[0], nil }}, nil
			}
			arg, err := requireType(c, 0, a, D)
			if err != nil {
				return nil, err
			}
			return &ScalarFunc{Name: name, Args: []Expr{arg}, Type: L, Null: true, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
				return rowwise(L, x, n, true, func(v []any) any { return toInt64(f(v[0].(float64))) }), nil
			}}, nil
		}})
	}
	floorCeil("floor", math.Floor)
	floorCeil("ceil", math.Ceil)
	floorCeil("ceiling", math.Ceil)
	generic("pmod", 2, 2, []sqltypes.DataType{D, D}, D, true, func(_ *Context, v []any) any {
		a, b := v[0].(float64), v[1].(float64)
		if b == 0 {
			return nil
		}
		m := math.Mod(a, b)
		if m < 0 {
			m += math.Abs(b)
		}
		return m
	})
	// Conditionals.
	Register(FuncDef{Name: "if", MinArgs: 3, MaxArgs: 3, Build: func(c *Call) (Expr, error) {
		r, err := (&CaseWhen{Conds: c.Args[:1], Values: c.Args[1:2], Else: c.Args[2]}).resolve()
		if err != nil {
			return nil, err
		}
		return &renamed{Expr: r, sql: "(IF(" + sqlList(c.Args) + "))"}, nil
	}})
	Register(FuncDef{Name: "iff", MinArgs: 3, MaxArgs: 3, Build: registry["if"].Build})
	for _, n := range []string{"nvl", "ifnull"} {
		name := n
		Register(FuncDef{Name: name, MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
			r, err := (&Coalesce{Args: c.Args}).resolve()
			if err != nil {
				return nil, err
			}
			return &renamed{Expr: r, sql: name + "(" + sqlList(c.Args) + ")"}, nil
		}})
	}
	Register(FuncDef{Name: "nvl2", MinArgs: 3, MaxArgs: 3, Build: func(c *Call) (Expr, error) {
		r, err := (&CaseWhen{Conds: []Expr{&IsNull{Child: c.Args[0], Negated: true}}, Values: c.Args[1:2], Else: c.Args[2]}).resolve()
		if err != nil {
			return nil, err
		}
		return &renamed{Expr: r, sql: "nvl2(" + sqlList(c.Args) + ")"}, nil
	}})
	Register(FuncDef{Name: "nullif", MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		eq, err := (&Comparison{Op: "=", L: c.Args[0], R: c.Args[1]}).resolve()
		if err != nil {
			return nil, err
		}
		r, err := (&CaseWhen{Conds: []Expr{eq}, Values: []Expr{&Literal{Type: sqltypes.NullType}}, Else: c.Args[0]}).resolve()
		if err != nil {
			return nil, err
		}
		return &renamed{Expr: r, sql: "nullif(" + sqlList(c.Args) + ")"}, nil
	}})
	for _, n := range []string{"greatest", "least"} {
		name := n
		Register(FuncDef{Name: name, MinArgs: 2, MaxArgs: -1, Build: func(c *Call) (Expr, error) {
			t := sqltypes.NullType
			for _, a := range c.Args {
				nt, ok := CommonType(t, a.DataType())
				if !ok {
					return nil, sparkerr.Analysis("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: Input to `%s` should all be the same type, but it's [%s].", quoteSQL(c), name, typeList(c.Args))
				}
				t = nt
			}
			args := make([]Expr, len(c.Args))
			for i, a := range c.Args {
				args[i] = castIfNeeded(a, t)
			}
			return &ScalarFunc{Name: name, Args: args, Type: t, Null: true, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
				return rowwise(t, x, n, false, func(v []any) any {
					var best any
					for _, e := range v {
						if e == nil {
							continue
						}
						if best == nil || (name == "greatest" && CompareValues(e, best) > 0) || (name == "least" && CompareValues(e, best) < 0) {
							best = e
						}
					}
					return canonicalOut(best)
				}), nil
			}}, nil
		}})
	}
	// Strings.
	pad := func(name string, left bool) {
		generic(name, 2, 3, []sqltypes.DataType{S, I, S}, S, true, func(_ *Context, v []any) any {
			s, n := []rune(v[0].(string)), int(v[1].(int32))
			p := " "
			if len(v) > 2 {
				p = v[2].(string)
			}
			if n <= len(s) {
				if n < 0 {
					n = 0
				}
				return string(s[:n])
			}
			if p == "" {
				return string(s)
			}
			fill := []rune(strings.Repeat(p, n))[:n-len(s)]
			if left {
				return string(fill) + string(s)
			}
			return string(s) + string(fill)
		})
	}
	pad("lpad", true)
	pad("rpad", false)
	generic("replace", 2, 3, []sqltypes.DataType{S, S, S}, S, true, func(_ *Context, v []any) any {
		rep := ""
		if len(v) > 2 {
			rep = v[2].(string)
		}
		if v[1].(string) == "" {
			return v[0]
		}
		return strings.ReplaceAll(v[0].(string), v[1].(string), rep)
	})
	generic("repeat", 2, 2, []sqltypes.DataType{S, I}, S, true, func(_ *Context, v []any) any {
		n := int(v[1].(int32))
		if n < 0 {
			n = 0
		}
		return strings.Repeat(v[0].(string), n)
	})
	generic("substring_index", 3, 3, []sqltypes.DataType{S, S, I}, S, true, func(_ *Context, v []any) any {
		s, d, n := v[0].(string), v[1].(string), int(v[2].(int32))
		if d == "" || n == 0 {
			return ""
		}
		parts := strings.Split(s, d)
		if n > 0 {
			if n >= len(parts) {
				return s
			}
			return strings.Join(parts[:n], d)
		}
		if -n >= len(parts) {
			return s
		}
		return strings.Join(parts[len(parts)+n:], d)
	})
	generic("locate", 2, 3, []sqltypes.DataType{S, S, I}, I, true, func(_ *Context, v []any) any {
		sub, s := v[0].(string), v[1].(string)
		start := 1
		if len(v) > 2 {
			start = int(v[2].(int32))
		}
		r := []rune(s)
		if start < 1 || start > len(r)+1 {
			return int32(0)
		}
		i := strings.Index(string(r[start-1:]), sub)
		if i < 0 {
			return int32(0)
		}
		return int32(start + utf8.RuneCountInString(string(r[start-1:])[:i]))
	})
	generic("ascii", 1, 1, []sqltypes.DataType{S}, I, true, func(_ *Context, v []any) any {
		s := v[0].(string)
		if s == "" {
			return int32(0)
		}
		r, _ := utf8.DecodeRuneInString(s)
		return int32(r)
	})
	hexHash := func(name string, f func([]byte) []byte) {
		generic(name, 1, 1, []sqltypes.DataType{sqltypes.BinaryType}, S, true, func(_ *Context, v []any) any { return hex.EncodeToString(f(v[0].([]byte))) })
	}
	hexHash("md5", func(b []byte) []byte { h := md5.Sum(b); return h[:] })
	hexHash("sha1", func(b []byte) []byte { h := sha1.Sum(b); return h[:] })
	Register(FuncDef{Name: "sha", MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) { return registry["sha1"].Build(c) }})
	generic("sha2", 2, 2, []sqltypes.DataType{sqltypes.BinaryType, I}, S, true, func(_ *Context, v []any) any {
		b := v[0].([]byte)
		switch v[1].(int32) {
		case 0, 256:
			h := sha256.Sum256(b)
			return hex.EncodeToString(h[:])
		case 224:
			h := sha256.Sum224(b)
			return hex.EncodeToString(h[:])
		case 384:
			h := sha512.Sum384(b)
			return hex.EncodeToString(h[:])
		case 512:
			h := sha512.Sum512(b)
			return hex.EncodeToString(h[:])
		}
		return nil
	})
	generic("base64", 1, 1, []sqltypes.DataType{sqltypes.BinaryType}, S, true, func(_ *Context, v []any) any { return base64.StdEncoding.EncodeToString(v[0].([]byte)) })
	generic("unbase64", 1, 1, []sqltypes.DataType{S}, sqltypes.BinaryType, true, func(_ *Context, v []any) any {
		b, err := base64.StdEncoding.DecodeString(v[0].(string))
		if err != nil {
			return nil
		}
		return b
	})
	// Arrays.
	Register(FuncDef{Name: "size", MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) {
		k := c.Args[0].DataType().Kind()
		if k != sqltypes.KindArray && k != sqltypes.KindMap {
			return nil, mismatchInput(c, 1, "", `("ARRAY" or "MAP")`, c.Args[0])
		}
		return &ScalarFunc{Name: "size", Args: c.Args, Type: I, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(I, x, n, false, func(v []any) any {
				switch y := v[0].(type) {
				case []any:
					return int32(len(y))
				case MapValue:
					return int32(len(y.Keys))
				}
				return int32(-1)
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "array_contains", MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		at, ok := c.Args[0].DataType().(sqltypes.ArrayType)
		if !ok {
			return nil, mismatchInput(c, 1, "", `"ARRAY"`, c.Args[0])
		}
		val := castIfNeeded(c.Args[1], at.ElementType)
		return &ScalarFunc{Name: "array_contains", Args: []Expr{c.Args[0], val}, Type: B, Null: true, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(B, x, n, true, func(v []any) any {
				sawNull := false
				for _, e := range v[0].([]any) {
					if e == nil {
						sawNull = true
					} else if CompareValues(e, v[1]) == 0 {
						return true
					}
				}
				if sawNull {
					return nil
				}
				return false
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "element_at", MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		switch t := c.Args[0].DataType().(type) {
		case sqltypes.ArrayType:
			idx := castIfNeeded(c.Args[1], I)
			return &ScalarFunc{Name: "element_at", Args: []Expr{c.Args[0], idx}, Type: t.ElementType, Null: true, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
				return rowwise(t.ElementType, x, n, true, func(v []any) any {
					arr, i := v[0].([]any), int(v[1].(int32))
					if i < 0 {
						i = len(arr) + i + 1
					}
					if i < 1 || i > len(arr) {
						return nil
					}
					return canonicalOut(arr[i-1])
				}), nil
			}}, nil
		case sqltypes.MapType:
			return (&GetItem{Child: c.Args[0], Key: c.Args[1]}).resolve()
		}
		return nil, mismatchInput(c, 1, "", `("ARRAY" or "MAP")`, c.Args[0])
	}})
	Register(FuncDef{Name: "array_join", MinArgs: 2, MaxArgs: 3, Build: func(c *Call) (Expr, error) {
		if _, ok := c.Args[0].DataType().(sqltypes.ArrayType); !ok {
			return nil, mismatchInput(c, 1, "", `"ARRAY<STRING>"`, c.Args[0])
		}
		arr := castIfNeeded(c.Args[0], sqltypes.ArrayType{ElementType: S, ContainsNull: true})
		args := []Expr{arr}
		for i, a := range c.Args[1:] {
			r, err := requireType(c, i+1, a, S)
			if err != nil {
				return nil, err
			}
			args = append(args, r)
		}
		return &ScalarFunc{Name: "array_join", Args: args, Type: S, Null: true, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(S, x, n, true, func(v []any) any {
				var parts []string
				for _, e := range v[0].([]any) {
					if e != nil {
						parts = append(parts, e.(string))
					} else if len(v) > 2 {
						parts = append(parts, v[2].(string))
					}
				}
				return strings.Join(parts, v[1].(string))
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "array", MinArgs: 0, MaxArgs: -1, Build: func(c *Call) (Expr, error) {
		t := sqltypes.NullType
		for _, a := range c.Args {
			nt, ok := commonTypeForValues(t, a.DataType())
			if !ok {
				return nil, sparkerr.Analysis("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: Input to `array` should all be the same type, but it's [%s].", quoteSQL(c), typeList(c.Args))
			}
			t = nt
		}
		if t.Kind() == sqltypes.KindNull {
			t = S
		}
		args := make([]Expr, len(c.Args))
		for i, a := range c.Args {
			args[i] = castIfNeeded(a, t)
		}
		at := sqltypes.ArrayType{ElementType: t, ContainsNull: true}
		return &ScalarFunc{Name: "array", Args: args, Type: at, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(at, x, n, false, func(v []any) any {
				out := make([]any, len(v))
				for i, e := range v {
					out[i] = canonicalOut(e)
				}
				return out
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "map", MinArgs: 0, MaxArgs: -1, Build: func(c *Call) (Expr, error) {
		if len(c.Args)%2 != 0 {
			return nil, sparkerr.Analysis("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `map` requires 2n (n > 0) parameters but the actual number is %d.", len(c.Args))
		}
		kt, vt := sqltypes.DataType(sqltypes.NullType), sqltypes.DataType(sqltypes.NullType)
		for i := 0; i < len(c.Args); i += 2 {
			var ok bool
			if kt, ok = commonTypeForValues(kt, c.Args[i].DataType()); !ok {
				return nil, sparkerr.Analysis("DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: Input to `map` should all be the same type for keys.", quoteSQL(c))
			}
			if vt, ok = commonTypeForValues(vt, c.Args[i+1].DataType()); !ok {
				return nil, sparkerr.Analysis("DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES", "Cannot resolve %s due to data type mismatch: Input to `map` should all be the same type for values.", quoteSQL(c))
			}
		}
		if kt.Kind() == sqltypes.KindNull {
			kt = S
		}
		if vt.Kind() == sqltypes.KindNull {
			vt = S
		}
		args := make([]Expr, len(c.Args))
		for i, a := range c.Args {
			if i%2 == 0 {
				args[i] = castIfNeeded(a, kt)
			} else {
				args[i] = castIfNeeded(a, vt)
			}
		}
		mt := sqltypes.MapType{KeyType: kt, ValueType: vt, ValueContainsNull: true}
		return &ScalarFunc{Name: "map", Args: args, Type: mt, Kernel: func(_ *Context, x []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(mt, x, n, false, func(v []any) any {
				m := MapValue{}
				for i := 0; i+1 < len(v); i += 2 {
					m.Keys = append(m.Keys, v[i])
					m.Values = append(m.Values, v[i+1])
				}
				return m
			}), nil
		}}, nil
	}})
	// Dates.
	dateShift := func(name string, sign int) {
		generic(name, 2, 2, []sqltypes.DataType{DT, I}, DT, true, func(_ *Context, v []any) any {
			d := v[0].(time.Time).AddDate(0, 0, sign*int(v[1].(int32)))
			return int32(floorDiv(d.Unix(), 86400))
		})
	}
	dateShift("date_add", 1)
	dateShift("date_sub", -1)
	generic("datediff", 2, 2, []sqltypes.DataType{DT, DT}, I, true, func(_ *Context, v []any) any {
		return int32((v[0].(time.Time).Unix() - v[1].(time.Time).Unix()) / 86400)
	})
	generic("dayofyear", 1, 1, []sqltypes.DataType{T}, I, true, func(ctx *Context, v []any) any { return int32(v[0].(time.Time).In(ctx.Location).YearDay()) })
	generic("quarter", 1, 1, []sqltypes.DataType{T}, I, true, func(ctx *Context, v []any) any {
		return int32((int(v[0].(time.Time).In(ctx.Location).Month())-1)/3 + 1)
	})
	generic("weekofyear", 1, 1, []sqltypes.DataType{T}, I, true, func(ctx *Context, v []any) any {
		_, w := v[0].(time.Time).In(ctx.Location).ISOWeek()
		return int32(w)
	})
	Register(FuncDef{Name: "from_unixtime", MinArgs: 1, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		if len(c.Args) == 1 {
			c = &Call{Name: c.Name, Args: []Expr{c.Args[0], Lit("yyyy-MM-dd HH:mm:ss")}}
		}
		e, err := registry["from_unixtime_"].Build(c)
		if err != nil {
			return nil, err
		}
		f := e.(*ScalarFunc)
		f.Name = "from_unixtime"
		return f, nil
	}})
	generic("from_unixtime_", 1, 2, []sqltypes.DataType{L, S}, S, true, func(ctx *Context, v []any) any {
		f := "yyyy-MM-dd HH:mm:ss"
		if len(v) > 1 {
			f = v[1].(string)
		}
		return FormatJavaTime(time.Unix(v[0].(int64), 0).In(ctx.Location), f)
	})
	generic("date_trunc", 2, 2, []sqltypes.DataType{S, T}, T, true, func(ctx *Context, v []any) any {
		t := v[1].(time.Time).In(ctx.Location)
		y, mo, d := t.Date()
		switch strings.ToUpper(v[0].(string)) {
		case "YEAR", "YYYY", "YY":
			return time.Date(y, 1, 1, 0, 0, 0, 0, ctx.Location).UnixMicro()
		case "QUARTER":
			return time.Date(y, time.Month((int(mo)-1)/3*3+1), 1, 0, 0, 0, 0, ctx.Location).UnixMicro()
		case "MONTH", "MM", "MON":
			return time.Date(y, mo, 1, 0, 0, 0, 0, ctx.Location).UnixMicro()
		case "WEEK":
			wd := (int(t.Weekday()) + 6) % 7
			return time.Date(y, mo, d-wd, 0, 0, 0, 0, ctx.Location).UnixMicro()
		case "DAY", "DD":
			return time.Date(y, mo, d, 0, 0, 0, 0, ctx.Location).UnixMicro()
		case "HOUR":
			return t.Truncate(time.Hour).UnixMicro()
		case "MINUTE":
			return t.Truncate(time.Minute).UnixMicro()
		case "SECOND":
			return t.Truncate(time.Second).UnixMicro()
		}
		return nil
	})
}

// canonicalOut converts GetValue forms into what AppendValue accepts for the
// same type (time.Time for timestamps and dates is accepted as is).
func canonicalOut(v any) any { return v }

// renamed is a resolved expression shown under another function's name
// (nvl, ifnull, nullif, nvl2 are rewritten to COALESCE and CASE).
type renamed struct {
	Expr
	sql string
}

// SQL returns the original call's text.
func (r *renamed) SQL() string { return r.sql }

// WithChildren keeps the name.
func (r *renamed) WithChildren(k []Expr) Expr {
	return &renamed{Expr: r.Expr.WithChildren(k), sql: r.sql}
}
