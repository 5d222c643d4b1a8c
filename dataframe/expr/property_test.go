package expr

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// The property test builds random, well-typed expression trees over random
// columns with nulls, evaluates them vectorized, and compares every row with
// a deliberately simple row-at-a-time reference evaluator written from
// Spark's rules (three-valued logic, null propagation, division by zero is
// null, integer overflow wraps, casts truncate).

var propCols = []Attribute{
	{ID: 1, Name: "i", Type: sqltypes.IntegerType, Null: true},
	{ID: 2, Name: "l", Type: sqltypes.LongType, Null: true},
	{ID: 3, Name: "d", Type: sqltypes.DoubleType, Null: true},
	{ID: 4, Name: "s", Type: sqltypes.StringType, Null: true},
	{ID: 5, Name: "b", Type: sqltypes.BooleanType, Null: true},
}

func randomBatch(r *rand.Rand, n int) (arrow.Record, [][]any) {
	rows := make([][]any, n)
	bs := make([]array.Builder, len(propCols))
	for i, c := range propCols {
		bs[i] = NewBuilder(c.Type)
	}
	strs := []string{"", "a", "Ab", "12", "-7", " 3 ", "x y", "1.5", "zz"}
	for k := 0; k < n; k++ {
		row := make([]any, len(propCols))
		for i, c := range propCols {
			if r.Intn(5) == 0 {
				row[i] = nil
			} else {
				switch c.Type.Kind() {
				case sqltypes.KindInteger:
					row[i] = int32(r.Intn(21) - 10)
					if r.Intn(10) == 0 {
						row[i] = int32(math.MaxInt32 - int32(r.Intn(3)))
					}
				case sqltypes.KindLong:
					row[i] = int64(r.Intn(2001) - 1000)
				case sqltypes.KindDouble:
					row[i] = float64(r.Intn(200)-100) / 8
				case sqltypes.KindString:
					row[i] = strs[r.Intn(len(strs))]
				case sqltypes.KindBoolean:
					row[i] = r.Intn(2) == 0
				}
			}
			AppendValue(bs[i], row[i])
		}
		rows[k] = row
	}
	cols := make([]arrow.Array, len(bs))
	for i, b := range bs {
		cols[i] = b.NewArray()
	}
	return array.NewRecord(sqltypes.ToArrowSchema(SchemaOf(propCols)), cols, int64(n)), rows
}

func colOf(r *rand.Rand, k sqltypes.Kind) Expr {
	for _, c := range propCols {
		if c.Type.Kind() == k {
			return &AttributeRef{Attr: c}
		}
	}
	panic("no column")
}

var numKinds = []sqltypes.Kind{sqltypes.KindInteger, sqltypes.KindLong, sqltypes.KindDouble}

func genNum(r *rand.Rand, depth int) Expr {
	if depth == 0 || r.Intn(3) == 0 {
		switch r.Intn(4) {
		case 0:
			return Lit(r.Intn(7) - 3)
		case 1:
			return Lit(float64(r.Intn(9)) / 2)
		default:
			return colOf(r, numKinds[r.Intn(3)])
		}
	}
	switch r.Intn(6) {
	case 0, 1, 2:
		ops := []string{"+", "-", "*", "/", "%"}
		return NewArithmetic(ops[r.Intn(len(ops))], genNum(r, depth-1), genNum(r, depth-1))
	case 3:
		return NewCast(genAny(r, depth-1), []sqltypes.DataType{sqltypes.IntegerType, sqltypes.LongType, sqltypes.DoubleType}[r.Intn(3)])
	case 4:
		return NewCoalesce(genNum(r, depth-1), genNum(r, depth-1))
	default:
		return NewCaseWhen([]Expr{genBool(r, depth-1)}, []Expr{genNum(r, depth-1)}, genNum(r, depth-1))
	}
}

func genStr(r *rand.Rand, depth int) Expr {
	if depth == 0 || r.Intn(3) == 0 {
		if r.Intn(3) == 0 {
			return Lit([]string{"a", "B", "", "7"}[r.Intn(4)])
		}
		return colOf(r, sqltypes.KindString)
	}
	switch r.Intn(4) {
	case 0:
		return NewCall("upper", genStr(r, depth-1))
	case 1:
		return NewCall("concat", genStr(r, depth-1), genStr(r, depth-1))
	case 2:
		return NewCast(genNum(r, depth-1), sqltypes.StringType)
	default:
		return NewCall("trim", genStr(r, depth-1))
	}
}

func genBool(r *rand.Rand, depth int) Expr {
	if depth == 0 || r.Intn(4) == 0 {
		if r.Intn(4) == 0 {
			return Lit([]any{true, false, nil}[r.Intn(3)])
		}
		return colOf(r, sqltypes.KindBoolean)
	}
	switch r.Intn(6) {
	case 0, 1:
		ops := []string{"=", "<", "<=", ">", ">=", "<=>"}
		return NewComparison(ops[r.Intn(len(ops))], genNum(r, depth-1), genNum(r, depth-1))
	case 2:
		return NewComparison([]string{"=", "<"}[r.Intn(2)], genStr(r, depth-1), genStr(r, depth-1))
	case 3:
		return NewLogical([]string{"AND", "OR"}[r.Intn(2)], genBool(r, depth-1), genBool(r, depth-1))
	case 4:
		return &Not{Child: genBool(r, depth-1)}
	default:
		return &IsNull{Child: genAny(r, depth-1), Negated: r.Intn(2) == 0}
	}
}

func genAny(r *rand.Rand, depth int) Expr {
	switch r.Intn(3) {
	case 0:
		return genNum(r, depth)
	case 1:
		return genStr(r, depth)
	}
	return genBool(r, depth)
}

// ref evaluates a resolved tree on one row.
func ref(e Expr, row []any) any {
	switch x := e.(type) {
	case *BoundRef:
		return row[x.Ordinal]
	case *Literal:
		return x.Value
	case *foldedLiteral:
		return x.Value
	case *Alias:
		return ref(x.Child, row)
	case *Arithmetic:
		l, r := ref(x.L, row), ref(x.R, row)
		if l == nil || r == nil {
			return nil
		}
		switch a := l.(type) {
		case int32:
			b := r.(int32)
			switch x.Op {
			case "+":
				return a + b
			case "-":
				return a - b
			case "*":
				return a * b
			case "%":
				if b == 0 {
					return nil
				}
				if b == -1 {
					return int32(0)
				}
				return a % b
			}
		case int64:
			b := r.(int64)
			switch x.Op {
			case "+":
				return a + b
			case "-":
				return a - b
			case "*":
				return a * b
			case "%":
				if b == 0 {
					return nil
				}
				if b == -1 {
					return int64(0)
				}
				return a % b
			}
		case float64:
			b := r.(float64)
			switch x.Op {
			case "+":
				return a + b
			case "-":
				return a - b
			case "*":
				return a * b
			case "/":
				if b == 0 {
					return nil
				}
				return a / b
			case "%":
				if b == 0 {
					return nil
				}
				return math.Mod(a, b)
			}
		}
		panic(fmt.Sprintf("ref arithmetic %T %s", l, x.Op))
	case *Comparison:
		l, r := ref(x.L, row), ref(x.R, row)
		if x.Op == "<=>" {
			if l == nil || r == nil {
				return l == nil && r == nil
			}
			return CompareValues(l, r) == 0
		}
		if l == nil || r == nil {
			return nil
		}
		c := refCompare(l, r)
		switch x.Op {
		case "=":
			return c == 0
		case "<":
			return c < 0
		case "<=":
			return c <= 0
		case ">":
			return c > 0
		default:
			return c >= 0
		}
	case *Logical:
		l, r := ref(x.L, row), ref(x.R, row)
		if x.Op == "AND" {
			if l == false || r == false {
				return false
			}
			if l == nil || r == nil {
				return nil
			}
			return true
		}
		if l == true || r == true {
			return true
		}
		if l == nil || r == nil {
			return nil
		}
		return false
	case *Not:
		v := ref(x.Child, row)
		if v == nil {
			return nil
		}
		return !v.(bool)
	case *IsNull:
		return (ref(x.Child, row) == nil) != x.Negated
	case *Coalesce:
		for _, a := range x.Args {
			if v := ref(a, row); v != nil {
				return v
			}
		}
		return nil
	case *CaseWhen:
		for i, c := range x.Conds {
			if ref(c, row) == true {
				return ref(x.Values[i], row)
			}
		}
		if x.Else == nil {
			return nil
		}
		return ref(x.Else, row)
	case *Cast:
		return refCast(ref(x.Child, row), x.Child.DataType(), x.To)
	case *ScalarFunc:
		args := make([]any, len(x.Args))
		for i, a := range x.Args {
			args[i] = ref(a, row)
			if args[i] == nil {
				return nil
			}
		}
		switch x.Name {
		case "upper":
			return strings.ToUpper(args[0].(string))
		case "trim":
			return strings.Trim(args[0].(string), " ")
		case "concat":
			return args[0].(string) + args[1].(string)
		}
	}
	panic(fmt.Sprintf("ref: unsupported %T", e))
}

func refCompare(l, r any) int {
	switch a := l.(type) {
	case float64:
		b := r.(float64)
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	case string:
		return strings.Compare(a, r.(string))
	case bool:
		return CompareValues(a, r)
	case int32:
		return cmp3(int64(a), int64(r.(int32)))
	case int64:
		return cmp3(a, r.(int64))
	}
	panic(fmt.Sprintf("refCompare %T", l))
}

func refCast(v any, from, to sqltypes.DataType) any {
	if v == nil {
		return nil
	}
	switch to.Kind() {
	case sqltypes.KindString:
		switch x := v.(type) {
		case string:
			return x
		case bool:
			return strconv.FormatBool(x)
		case int32:
			return strconv.Itoa(int(x))
		case int64:
			return strconv.FormatInt(x, 10)
		case float64:
			return sqltypes.FormatDouble(x)
		}
	case sqltypes.KindDouble:
		switch x := v.(type) {
		case string:
			f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
			if err != nil {
				return nil
			}
			return f
		case bool:
			if x {
				return 1.0
			}
			return 0.0
		case int32:
			return float64(x)
		case int64:
			return float64(x)
		case float64:
			return x
		}
	case sqltypes.KindInteger, sqltypes.KindLong:
		var n int64
		switch x := v.(type) {
		case string:
			s := strings.TrimSpace(x)
			if i := strings.IndexByte(s, '.'); i >= 0 {
				// Spark truncates a fraction, which must be digits only.
				if strings.Trim(s[i+1:], "0123456789") != "" {
					return nil
				}
				s = s[:i]
			}
			p, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil
			}
			if to.Kind() == sqltypes.KindInteger && (p > math.MaxInt32 || p < math.MinInt32) {
				return nil
			}
			n = p
		case bool:
			if x {
				n = 1
			}
		case int32:
			n = int64(x)
		case int64:
			n = x
		case float64:
			n = int64(x)
		}
		if to.Kind() == sqltypes.KindInteger {
			return int32(n)
		}
		return n
	}
	panic(fmt.Sprintf("refCast %T to %s", v, to))
}

func TestRandomExpressionsMatchReference(t *testing.T) {
	ctx := &Context{Location: time.UTC, Now: time.Unix(0, 0)}
	for seed := int64(1); seed <= 1000; seed++ {
		r := rand.New(rand.NewSource(seed))
		batch, rows := randomBatch(r, 64)
		var e Expr
		switch seed % 3 {
		case 0:
			e = genNum(r, 4)
		case 1:
			e = genStr(r, 4)
		default:
			e = genBool(r, 4)
		}
		resolved, err := Resolve(e, propCols)
		if err != nil {
			t.Fatalf("seed %d: resolve %s: %v", seed, e.SQL(), err)
		}
		got, err := resolved.Eval(ctx, batch)
		if err != nil {
			t.Fatalf("seed %d: eval %s: %v", seed, resolved.SQL(), err)
		}
		if got.Len() != len(rows) {
			t.Fatalf("seed %d: %d rows, want %d", seed, got.Len(), len(rows))
		}
		for i, row := range rows {
			want := ref(resolved, row)
			have := GetValue(got, i)
			if !sameValue(have, want) {
				t.Fatalf("seed %d row %d: %s = %#v, reference %#v (row %v)", seed, i, resolved.SQL(), have, want, row)
			}
		}
	}
}

func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if x, ok := a.(float64); ok {
		y, ok := b.(float64)
		return ok && (x == y || (math.IsNaN(x) && math.IsNaN(y)) || math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(y)))
	}
	return a == b
}

func TestParseTimestampFastMatchesTimeDate(t *testing.T) {
	for _, s := range []string{"2020-07-01 00:25:32", "1969-12-31 23:59:59", "2000-02-29 12:00:00", "1600-03-01T01:02:03", "2021-12-31 23:05:09"} {
		fast, ok := parseTimestampFast(s, time.UTC)
		if !ok {
			t.Fatalf("%s: fast path refused", s)
		}
		want, err := time.Parse("2006-01-02 15:04:05", strings.Replace(s, "T", " ", 1))
		if err != nil || fast != want.UnixMicro() {
			t.Fatalf("%s: fast %d, time %d", s, fast, want.UnixMicro())
		}
	}
	if _, ok := parseTimestampFast("2021-02-29 00:00:00", time.UTC); ok {
		t.Fatal("accepted Feb 29 of a non-leap year")
	}
}

func TestParseDoubleFastMatchesStrconv(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for k := 0; k < 20000; k++ {
		s := strconv.FormatFloat((r.Float64()-0.5)*math.Pow(10, float64(r.Intn(12))), 'f', r.Intn(8), 64)
		if k%7 == 0 {
			s = strconv.Itoa(r.Intn(1e6))
		}
		want, _ := strconv.ParseFloat(s, 64)
		got, ok := parseDoubleFast(s)
		if !ok || got != want {
			t.Fatalf("%q: fast %v, strconv %v", s, got, want)
		}
	}
	for _, s := range []string{"1e3", " 2.5 ", "NaN", "-Infinity", "1.5d", "abc", "", "-", "."} {
		a, aok := parseDoubleFast(s)
		b, bok := ParseDouble(s)
		if aok != bok || (aok && a != b && !(math.IsNaN(a) && math.IsNaN(b))) {
			t.Fatalf("%q: fast %v %v, ParseDouble %v %v", s, a, aok, b, bok)
		}
	}
}
