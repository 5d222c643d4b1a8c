package expr

import (
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Call is a function call by name, resolved through the function registry
// once its arguments are resolved. The SQL binder and package functions both
// build Calls, so F.Upper(c) and upper(c) in SQL are the same node.
type Call struct {
	Name     string
	Args     []Expr
	Distinct bool
}

// NewCall returns name(args...) (unresolved).
func NewCall(name string, args ...Expr) *Call { return &Call{Name: strings.ToLower(name), Args: args} }

// Children returns the arguments.
func (c *Call) Children() []Expr { return c.Args }

// WithChildren replaces the arguments.
func (c *Call) WithChildren(k []Expr) Expr { return &Call{Name: c.Name, Args: k, Distinct: c.Distinct} }

// DataType returns NullType: calls are resolved into other nodes.
func (c *Call) DataType() sqltypes.DataType { return sqltypes.NullType }

// Nullable returns true.
func (c *Call) Nullable() bool { return true }

// SQL returns "name(args)".
func (c *Call) SQL() string {
	if c.Distinct {
		return c.Name + "(DISTINCT " + sqlList(c.Args) + ")"
	}
	return c.Name + "(" + sqlList(c.Args) + ")"
}

// Eval fails: unresolved.
func (c *Call) Eval(*Context, arrow.Record) (arrow.Array, error) {
	return nil, unresolvedRoutine(c.Name)
}

func (c *Call) resolve() (Expr, error) {
	def, ok := registry[c.Name]
	if !ok {
		return nil, unresolvedRoutine(c.Name)
	}
	if c.Distinct && !def.Aggregate {
		return nil, sparkerr.Analysis("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "Invalid SQL syntax: The function `%s` does not support DISTINCT.", c.Name)
	}
	if len(c.Args) < def.MinArgs || (def.MaxArgs >= 0 && len(c.Args) > def.MaxArgs) {
		return nil, wrongArgs(c.Name, def, len(c.Args))
	}
	return def.Build(c)
}

func wrongArgs(name string, def FuncDef, n int) error {
	want := ""
	switch {
	case def.MinArgs == def.MaxArgs:
		want = itoa(def.MinArgs)
	case def.MaxArgs < 0:
		want = "> " + itoa(def.MinArgs-1)
	default:
		parts := []string{}
		for i := def.MinArgs; i <= def.MaxArgs; i++ {
			parts = append(parts, itoa(i))
		}
		if len(parts) == 2 {
			want = "[" + parts[0] + ", " + parts[1] + "]"
		} else {
			want = "[" + strings.Join(parts, ", ") + "]"
		}
	}
	return sparkerr.Analysis("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `%s` requires %s parameters but the actual number is %d. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", name, want, n)
}

func itoa(i int) string { return strconv.Itoa(i) }

func unresolvedRoutine(name string) error {
	return sparkerr.Analysis("UNRESOLVED_ROUTINE", "Cannot resolve function %s on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].", sparkerr.Quote(name))
}

// FuncDef describes a registered function.
type FuncDef struct {
	Name      string
	MinArgs   int
	MaxArgs   int // -1 = variadic
	Aggregate bool
	// Build turns a call with resolved arguments into a resolved expression.
	Build func(c *Call) (Expr, error)
}

var registry = map[string]FuncDef{}

// upperCaseNames are the functions Spark names in capitals in generated
// column names (their pretty names), e.g. FLOOR(x) and SQRT(x).
var upperCaseNames = map[string]string{
	"floor": "FLOOR", "ceil": "CEIL", "ceiling": "CEIL", "sqrt": "SQRT", "exp": "EXP", "log10": "LOG10",
	"log2": "LOG2", "cbrt": "CBRT", "sin": "SIN", "cos": "COS", "tan": "TAN", "signum": "SIGNUM", "log": "LOG",
	"power": "POWER",
}

// Register adds a function to the registry (at init time).
func Register(def FuncDef) { registry[def.Name] = def }

// LookupFunction reports whether name is a registered function.
func LookupFunction(name string) (FuncDef, bool) {
	d, ok := registry[strings.ToLower(name)]
	return d, ok
}

// FunctionNames returns the registered function names, sorted.
func FunctionNames() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ScalarFunc is a resolved scalar function: a name, typed arguments and a
// vectorized kernel over the argument arrays.
type ScalarFunc struct {
	Name     string
	Args     []Expr
	Type     sqltypes.DataType
	Null     bool
	Pretty   string // overrides "name(args)" when set
	Kernel   func(ctx *Context, args []arrow.Array, n int) (arrow.Array, error)
	rebuild  func(args []Expr) (Expr, error)
	prettyFn func(args []Expr) string
}

// Children returns the arguments.
func (f *ScalarFunc) Children() []Expr { return f.Args }

// WithChildren rebuilds the function with new (resolved) arguments.
func (f *ScalarFunc) WithChildren(k []Expr) Expr {
	if f.rebuild != nil {
		if e, err := f.rebuild(k); err == nil {
			return e
		}
	}
	c := *f
	c.Args = k
	return &c
}

// DataType returns the result type.
func (f *ScalarFunc) DataType() sqltypes.DataType { return f.Type }

// Nullable returns the function's nullability.
func (f *ScalarFunc) Nullable() bool { return f.Null }

// SQL returns Spark's pretty name, e.g. "upper(name)".
func (f *ScalarFunc) SQL() string {
	if f.prettyFn != nil {
		return f.prettyFn(f.Args)
	}
	if f.Pretty != "" {
		return f.Pretty
	}
	name := f.Name
	if up, ok := upperCaseNames[name]; ok {
		name = up
	}
	return name + "(" + sqlList(f.Args) + ")"
}

// Eval evaluates the arguments and applies the kernel.
func (f *ScalarFunc) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	args := make([]arrow.Array, len(f.Args))
	for i, a := range f.Args {
		v, err := a.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return f.Kernel(ctx, args, int(b.NumRows()))
}

// literalString returns the string value of a literal argument.
func literalString(e Expr) (string, bool) {
	switch x := e.(type) {
	case *Literal:
		s, ok := x.Value.(string)
		return s, ok
	case *Cast:
		return literalString(x.Child)
	}
	return "", false
}

// literalInt returns the integer value of a literal argument.
func literalInt(e Expr) (int64, bool) {
	if x, ok := e.(*Literal); ok {
		switch v := x.Value.(type) {
		case int32:
			return int64(v), true
		case int64:
			return v, true
		}
	}
	return 0, false
}

// requireType casts arguments to wanted types where Spark would implicitly
// (numbers and strings interconvert), or reports a type mismatch.
func requireType(call Expr, idx int, arg Expr, want sqltypes.DataType) (Expr, error) {
	k := arg.DataType().Kind()
	if sqltypes.Equal(arg.DataType(), want) {
		return arg, nil
	}
	ok := k == sqltypes.KindNull
	switch want.Kind() {
	case sqltypes.KindString:
		ok = ok || isAtomic(arg.DataType())
	case sqltypes.KindInteger, sqltypes.KindLong, sqltypes.KindDouble, sqltypes.KindFloat:
		ok = ok || sqltypes.IsNumeric(arg.DataType()) || k == sqltypes.KindString
	case sqltypes.KindTimestamp, sqltypes.KindDate:
		ok = ok || k == sqltypes.KindString || k == sqltypes.KindTimestamp || k == sqltypes.KindDate
	case sqltypes.KindBinary:
		ok = ok || k == sqltypes.KindString
	}
	if !ok {
		return nil, mismatchInput(call, idx+1, "", quoteType(want), arg)
	}
	return castIfNeeded(arg, want), nil
}
