package expr

import (
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// mapStrings applies f to each non-null string.
func mapStrings(a arrow.Array, f func(string) string) arrow.Array {
	sa := a.(*array.String)
	b := array.NewStringBuilder(Mem)
	b.Reserve(sa.Len())
	for i := 0; i < sa.Len(); i++ {
		if IsNullAt(sa, i) {
			b.AppendNull()
			continue
		}
		b.Append(f(sa.Value(i)))
	}
	return b.NewArray()
}

// rowwise evaluates f on the Go values of each row; a null argument gives
// null when strict.
func rowwise(t sqltypes.DataType, args []arrow.Array, n int, strict bool, f func(vals []any) any) arrow.Array {
	b := NewBuilder(t)
	b.Reserve(n)
	vals := make([]any, len(args))
outer:
	for i := 0; i < n; i++ {
		for j, a := range args {
			if IsNullAt(a, i) {
				if strict {
					b.AppendNull()
					continue outer
				}
				vals[j] = nil
				continue
			}
			vals[j] = GetValue(a, i)
		}
		AppendValue(b, f(vals))
	}
	return b.NewArray()
}

func stringFunc(name string, f func(string) string) {
	Register(FuncDef{Name: name, MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) {
		arg, err := requireType(c, 0, c.Args[0], sqltypes.StringType)
		if err != nil {
			return nil, err
		}
		return &ScalarFunc{Name: name, Args: []Expr{arg}, Type: sqltypes.StringType, Null: arg.Nullable(),
			Kernel: func(_ *Context, a []arrow.Array, _ int) (arrow.Array, error) { return mapStrings(a[0], f), nil }}, nil
	}})
}

// generic registers a function with typed arguments and a row-wise body.
func generic(name string, minArgs, maxArgs int, argTypes []sqltypes.DataType, out sqltypes.DataType, strict bool, f func(ctx *Context, vals []any) any) {
	Register(FuncDef{Name: name, MinArgs: minArgs, MaxArgs: maxArgs, Build: func(c *Call) (Expr, error) {
		args := make([]Expr, len(c.Args))
		for i, a := range c.Args {
			t := argTypes[min(i, len(argTypes)-1)]
			if t == nil {
				args[i] = a
				continue
			}
			r, err := requireType(c, i, a, t)
			if err != nil {
				return nil, err
			}
			args[i] = r
		}
		return &ScalarFunc{Name: name, Args: args, Type: out, Null: true,
			Kernel: func(ctx *Context, a []arrow.Array, n int) (arrow.Array, error) {
				return rowwise(out, a, n, strict, func(vals []any) any { return f(ctx, vals) }), nil
			}}, nil
	}})
}

var regexCache sync.Map // pattern → *regexp.Regexp (nil when invalid)

// compileRegex compiles a Java-style pattern with Go's RE2. Differences:
// RE2 has no backreferences or lookaround; those patterns fail to compile
// and the function returns null. Safe for concurrent queries.
func compileRegex(p string) *regexp.Regexp {
	if r, ok := regexCache.Load(p); ok {
		return r.(*regexp.Regexp)
	}
	r, err := regexp.Compile(p)
	if err != nil {
		r = nil
	}
	regexCache.Store(p, r)
	return r
}

func likeToRegex(p string, escape byte) string {
	var b strings.Builder
	b.WriteString("(?s)^")
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == escape && i+1 < len(p):
			i++
			b.WriteString(regexp.QuoteMeta(string(p[i])))
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return b.String()
}

func init() {
	stringFunc("upper", strings.ToUpper)
	stringFunc("ucase", strings.ToUpper)
	stringFunc("lower", strings.ToLower)
	stringFunc("lcase", strings.ToLower)
	stringFunc("trim", func(s string) string { return strings.Trim(s, " ") })
	stringFunc("ltrim", func(s string) string { return strings.TrimLeft(s, " ") })
	stringFunc("rtrim", func(s string) string { return strings.TrimRight(s, " ") })
	stringFunc("reverse", func(s string) string {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return string(r)
	})
	stringFunc("initcap", func(s string) string {
		words := strings.Split(s, " ")
		for i, w := range words {
			if w != "" {
				r := []rune(strings.ToLower(w))
				r[0] = []rune(strings.ToUpper(string(r[0])))[0]
				words[i] = string(r)
			}
		}
		return strings.Join(words, " ")
	})
	S, I, B := sqltypes.StringType, sqltypes.IntegerType, sqltypes.BooleanType
	generic("length", 1, 1, []sqltypes.DataType{S}, I, true, func(_ *Context, v []any) any { return int32(utf8.RuneCountInString(v[0].(string))) })
	generic("char_length", 1, 1, []sqltypes.DataType{S}, I, true, func(_ *Context, v []any) any { return int32(utf8.RuneCountInString(v[0].(string))) })
	generic("substring", 2, 3, []sqltypes.DataType{S, I, I}, S, true, func(_ *Context, v []any) any {
		r := []rune(v[0].(string))
		pos := int(v[1].(int32))
		ln := math.MaxInt32
		if len(v) > 2 {
			ln = int(v[2].(int32))
		}
		start := pos - 1
		if pos < 0 {
			start = len(r) + pos
		} else if pos == 0 {
			start = 0
		}
		end := start + ln
		if ln > len(r)+1 {
			end = len(r)
		}
		start, end = max(start, 0), min(end, len(r))
		if start >= end {
			return ""
		}
		return string(r[start:end])
	})
	Register(FuncDef{Name: "substr", MinArgs: 2, MaxArgs: 3, Build: func(c *Call) (Expr, error) { return registry["substring"].Build(c) }})
	generic("contains", 2, 2, []sqltypes.DataType{S, S}, B, true, func(_ *Context, v []any) any { return strings.Contains(v[0].(string), v[1].(string)) })
	generic("startswith", 2, 2, []sqltypes.DataType{S, S}, B, true, func(_ *Context, v []any) any { return strings.HasPrefix(v[0].(string), v[1].(string)) })
	generic("endswith", 2, 2, []sqltypes.DataType{S, S}, B, true, func(_ *Context, v []any) any { return strings.HasSuffix(v[0].(string), v[1].(string)) })
	generic("instr", 2, 2, []sqltypes.DataType{S, S}, I, true, func(_ *Context, v []any) any {
		i := strings.Index(v[0].(string), v[1].(string))
		if i < 0 {
			return int32(0)
		}
		return int32(utf8.RuneCountInString(v[0].(string)[:i]) + 1)
	})
	Register(FuncDef{Name: "concat", MinArgs: 0, MaxArgs: -1, Build: func(c *Call) (Expr, error) {
		args := make([]Expr, len(c.Args))
		for i, a := range c.Args {
			r, err := requireType(c, i, a, S)
			if err != nil {
				return nil, err
			}
			args[i] = r
		}
		return &ScalarFunc{Name: "concat", Args: args, Type: S, Null: true, Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(S, a, n, true, func(v []any) any {
				var sb strings.Builder
				for _, x := range v {
					sb.WriteString(x.(string))
				}
				return sb.String()
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "concat_ws", MinArgs: 1, MaxArgs: -1, Build: func(c *Call) (Expr, error) {
		args := make([]Expr, len(c.Args))
		for i, a := range c.Args {
			if a.DataType().Kind() == sqltypes.KindArray {
				args[i] = a
				continue
			}
			r, err := requireType(c, i, a, S)
			if err != nil {
				return nil, err
			}
			args[i] = r
		}
		return &ScalarFunc{Name: "concat_ws", Args: args, Type: S, Null: true, Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(S, a, n, false, func(v []any) any {
				if v[0] == nil {
					return nil
				}
				var parts []string
				for _, x := range v[1:] {
					switch y := x.(type) {
					case string:
						parts = append(parts, y)
					case []any:
						for _, e := range y {
							if s, ok := e.(string); ok {
								parts = append(parts, s)
							}
						}
					}
				}
				return strings.Join(parts, v[0].(string))
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "split", MinArgs: 2, MaxArgs: 3, Build: func(c *Call) (Expr, error) {
		args := []Expr{}
		for i, a := range c.Args {
			t := S
			if i == 2 {
				t = I
			}
			r, err := requireType(c, i, a, t)
			if err != nil {
				return nil, err
			}
			args = append(args, r)
		}
		if len(args) == 2 {
			args = append(args, Lit(-1))
		}
		out := sqltypes.ArrayType{ElementType: S, ContainsNull: false}
		return &ScalarFunc{Name: "split", Args: args, Type: out, Null: true, Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
			return splitKernel(a, n), nil
		}}, nil
	}})
	generic("regexp_extract", 2, 3, []sqltypes.DataType{S, S, I}, S, true, func(_ *Context, v []any) any {
		re := compileRegex(v[1].(string))
		if re == nil {
			return nil
		}
		idx := 1
		if len(v) > 2 {
			idx = int(v[2].(int32))
		}
		m := re.FindStringSubmatch(v[0].(string))
		if m == nil || idx >= len(m) {
			return ""
		}
		return m[idx]
	})
	Register(FuncDef{Name: "regexp_replace", MinArgs: 3, MaxArgs: 4, Build: func(c *Call) (Expr, error) {
		args := []Expr{}
		for i, a := range c.Args {
			t := S
			if i == 3 {
				t = I
			}
			r, err := requireType(c, i, a, t)
			if err != nil {
				return nil, err
			}
			args = append(args, r)
		}
		if len(args) == 3 {
			args = append(args, Lit(1))
		}
		return &ScalarFunc{Name: "regexp_replace", Args: args, Type: S, Null: true, Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(S, a, n, true, func(v []any) any {
				re := compileRegex(v[1].(string))
				if re == nil {
					return nil
				}
				s := v[0].(string)
				pos := int(v[3].(int32)) - 1
				if pos < 0 || pos > len(s) {
					pos = 0
				}
				return s[:pos] + re.ReplaceAllString(s[pos:], javaReplacement(v[2].(string)))
			}), nil
		}}, nil
	}})
	like := func(name string, fold bool) {
		Register(FuncDef{Name: name, MinArgs: 2, MaxArgs: 3, Build: func(c *Call) (Expr, error) {
			l, err := requireType(c, 0, c.Args[0], S)
			if err != nil {
				return nil, err
			}
			r, err := requireType(c, 1, c.Args[1], S)
			if err != nil {
				return nil, err
			}
			escape, suffix := byte('\\'), ""
			if len(c.Args) == 3 {
				e, ok := literalString(c.Args[2])
				if !ok || len(e) != 1 {
					return nil, sparkerr.Analysis("INVALID_ESCAPE_CHAR", "The escape character must be a single character literal, got %s.", c.Args[2].SQL())
				}
				escape, suffix = e[0], " ESCAPE '"+e+"'"
			}
			return &ScalarFunc{Name: name, Args: []Expr{l, r}, Type: B, Null: true,
				prettyFn: func(a []Expr) string { return a[0].SQL() + " " + strings.ToUpper(name) + " " + a[1].SQL() + suffix },
				Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
					return rowwise(B, a, n, true, func(v []any) any {
						p := likeToRegex(v[1].(string), escape)
						if fold {
							p = "(?i)" + p
						}
						re := compileRegex(p)
						return re != nil && re.MatchString(v[0].(string))
					}), nil
				}}, nil
		}})
	}
	like("like", false)
	like("ilike", true)
	Register(FuncDef{Name: "rlike", MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) {
		l, err := requireType(c, 0, c.Args[0], S)
		if err != nil {
			return nil, err
		}
		r, err := requireType(c, 1, c.Args[1], S)
		if err != nil {
			return nil, err
		}
		return &ScalarFunc{Name: "RLIKE", Args: []Expr{l, r}, Type: B, Null: true, Kernel: func(_ *Context, a []arrow.Array, n int) (arrow.Array, error) {
			return rowwise(B, a, n, true, func(v []any) any {
				re := compileRegex(v[1].(string))
				return re != nil && re.MatchString(v[0].(string))
			}), nil
		}}, nil
	}})
	Register(FuncDef{Name: "regexp", MinArgs: 2, MaxArgs: 2, Build: func(c *Call) (Expr, error) { return registry["rlike"].Build(c) }})
	Register(FuncDef{Name: "coalesce", MinArgs: 1, MaxArgs: -1, Build: func(c *Call) (Expr, error) { return (&Coalesce{Args: c.Args}).resolve() }})
	Register(FuncDef{Name: "struct", MinArgs: 0, MaxArgs: -1, Build: func(c *Call) (Expr, error) { return (&CreateStruct{Args: c.Args}).resolve() }})
	Register(FuncDef{Name: "named_struct", MinArgs: 0, MaxArgs: -1, Build: func(c *Call) (Expr, error) {
		if len(c.Args)%2 != 0 {
			return nil, wrongArgs("named_struct", FuncDef{MinArgs: 2, MaxArgs: -1}, len(c.Args))
		}
		cs := &CreateStruct{}
		for i := 0; i < len(c.Args); i += 2 {
			name, ok := literalString(c.Args[i])
			if !ok {
				return nil, mismatchInput(c, i+1, "", `"STRING"`, c.Args[i])
			}
			cs.Names = append(cs.Names, name)
			cs.Args = append(cs.Args, c.Args[i+1])
		}
		return &namedStruct{CreateStruct: cs, pretty: "named_struct(" + sqlList(c.Args) + ")"}, nil
	}})
	Register(FuncDef{Name: "isnull", MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) { return &IsNull{Child: c.Args[0]}, nil }})
	Register(FuncDef{Name: "isnotnull", MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) { return &IsNull{Child: c.Args[0], Negated: true}, nil }})
	Register(FuncDef{Name: "lit", MinArgs: 1, MaxArgs: 1, Build: func(c *Call) (Expr, error) { return c.Args[0], nil }})
	_ = sparkerr.Quote
}

// javaReplacement converts Java's $1 group references (already Go's form)
// and escapes; Go's ReplaceAllString uses the same $n syntax.
func javaReplacement(s string) string { return strings.ReplaceAll(s, `\$`, `$$`) }

func splitKernel(a []arrow.Array, n int) arrow.Array {
	sa := a[0].(*array.String)
	lb := array.NewListBuilder(Mem, arrow.BinaryTypes.String)
	vb := lb.ValueBuilder().(*array.StringBuilder)
	for i := 0; i < n; i++ {
		if IsNullAt(sa, i) || IsNullAt(a[1], i) {
			lb.AppendNull()
			continue
		}
		pat := a[1].(*array.String).Value(i)
		limit := int(a[2].(*array.Int32).Value(i))
		if limit <= 0 {
			limit = -1
		}
		s := sa.Value(i)
		var parts []string
		if isLiteralPattern(pat) {
			parts = strings.SplitN(s, pat, limit)
		} else if re := compileRegex(pat); re != nil {
			parts = re.Split(s, limit)
		} else {
			lb.AppendNull()
			continue
		}
		if limit < 0 && pat != "" {
			for len(parts) > 0 && parts[len(parts)-1] == "" && false {
				parts = parts[:len(parts)-1]
			}
		}
		lb.Append(true)
		for _, p := range parts {
			vb.Append(p)
		}
	}
	return lb.NewArray()
}

func isLiteralPattern(p string) bool {
	return p != "" && !strings.ContainsAny(p, `\.[]{}()*+?^$|`)
}
