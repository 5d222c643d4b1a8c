package expr

import (
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// GetField extracts a struct field: data.name.
type GetField struct {
	Child Expr
	Field string
	Index int // resolved field index, -1 before resolution
	// implicitName is set for fields reached through a dotted column name,
	// whose result column is named after the field alone.
	implicitName bool
}

// NewGetField returns child.field (unresolved).
func NewGetField(child Expr, field string) *GetField {
	return &GetField{Child: child, Field: field, Index: -1}
}

// Children returns the struct.
func (g *GetField) Children() []Expr { return []Expr{g.Child} }

// WithChildren replaces the struct.
func (g *GetField) WithChildren(k []Expr) Expr {
	return &GetField{Child: k[0], Field: g.Field, Index: g.Index, implicitName: g.implicitName}
}

// DataType returns the field's type.
func (g *GetField) DataType() sqltypes.DataType {
	st, ok := g.Child.DataType().(sqltypes.StructType)
	if !ok || g.Index < 0 || g.Index >= len(st.Fields) {
		return sqltypes.NullType
	}
	return st.Fields[g.Index].DataType
}

// Nullable returns true.
func (g *GetField) Nullable() bool { return true }

// SQL returns "child.field".
func (g *GetField) SQL() string { return g.Child.SQL() + "." + g.Field }

func (g *GetField) resolve() (Expr, error) {
	switch t := g.Child.DataType().(type) {
	case sqltypes.StructType:
		idx := t.FieldIndex(g.Field)
		if idx < 0 {
			return nil, sparkerr.Analysis("FIELD_NOT_FOUND", "No such struct field %s in %s.", sparkerr.Quote(g.Field), fieldList(t))
		}
		return &GetField{Child: g.Child, Field: t.Fields[idx].Name, Index: idx, implicitName: g.implicitName}, nil
	case sqltypes.MapType:
		return (&GetItem{Child: g.Child, Key: Lit(g.Field)}).resolve()
	}
	return nil, sparkerr.Analysis("INVALID_EXTRACT_BASE_FIELD_TYPE", "Can't extract a value from %s. Need a complex type [STRUCT, ARRAY, MAP] but got %s.", quoteSQL(g.Child), quoteType(g.Child.DataType()))
}

// Eval returns the child field, with the struct's nulls applied.
func (g *GetField) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	a, err := g.Child.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	sa := a.(*array.Struct)
	f := sa.Field(g.Index)
	if sa.NullN() == 0 {
		return f, nil
	}
	valid, nulls := Validity(sa.Len(), sa, f)
	d := f.Data()
	bufs := append([]*memory.Buffer{valid}, d.Buffers()[1:]...)
	return array.MakeFromData(array.NewData(d.DataType(), d.Len(), bufs, d.Children(), nulls, d.Offset())), nil
}

// GetItem extracts an array element by 0-based index or a map value by key.
type GetItem struct {
	Child Expr
	Key   Expr
}

// NewGetItem returns child[key] (unresolved).
func NewGetItem(child, key Expr) *GetItem { return &GetItem{Child: child, Key: key} }

// Children returns the container and the key.
func (g *GetItem) Children() []Expr { return []Expr{g.Child, g.Key} }

// WithChildren replaces the inputs.
func (g *GetItem) WithChildren(k []Expr) Expr { return &GetItem{Child: k[0], Key: k[1]} }

// DataType returns the element or value type.
func (g *GetItem) DataType() sqltypes.DataType {
	switch t := g.Child.DataType().(type) {
	case sqltypes.ArrayType:
		return t.ElementType
	case sqltypes.MapType:
		return t.ValueType
	}
	return sqltypes.NullType
}

// Nullable returns true.
func (g *GetItem) Nullable() bool { return true }

// SQL returns "child[key]".
func (g *GetItem) SQL() string {
	if g.Child.DataType().Kind() == sqltypes.KindMap && g.Key.DataType().Kind() == sqltypes.KindString {
		return g.Child.SQL() + "[" + g.Key.SQL() + "]"
	}
	return g.Child.SQL() + "[" + g.Key.SQL() + "]"
}

func (g *GetItem) resolve() (Expr, error) {
	switch t := g.Child.DataType().(type) {
	case sqltypes.ArrayType:
		if !sqltypes.IsIntegral(g.Key.DataType()) {
			return &GetItem{Child: g.Child, Key: castIfNeeded(g.Key, sqltypes.IntegerType)}, nil
		}
		return g, nil
	case sqltypes.MapType:
		return &GetItem{Child: g.Child, Key: castIfNeeded(g.Key, t.KeyType)}, nil
	case sqltypes.StructType:
		if l, ok := g.Key.(*Literal); ok {
			if s, ok := l.Value.(string); ok {
				return (&GetField{Child: g.Child, Field: s, Index: -1}).resolve()
			}
		}
	}
	return nil, sparkerr.Analysis("INVALID_EXTRACT_BASE_FIELD_TYPE", "Can't extract a value from %s. Need a complex type [STRUCT, ARRAY, MAP] but got %s.", quoteSQL(g.Child), quoteType(g.Child.DataType()))
}

// Eval looks each element up; out-of-range indexes and missing keys give null.
func (g *GetItem) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	if out, ok, err := g.evalSplitPart(ctx, b); ok || err != nil {
		return out, err
	}
	a, err := g.Child.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	k, err := g.Key.Eval(ctx, b)
	if err != nil {
		return nil, err
	}
	n := a.Len()
	out := NewBuilder(g.DataType())
	out.Reserve(n)
	switch x := a.(type) {
	case *array.List:
		vals := x.ListValues()
		offs := x.Offsets()
		if ls, ok := vals.(*array.String); ok {
			sb := out.(*array.StringBuilder)
			for i := 0; i < n; i++ {
				if IsNullAt(x, i) || IsNullAt(k, i) {
					sb.AppendNull()
					continue
				}
				idx := int(keyInt(k, i))
				start, end := int(offs[i]), int(offs[i+1])
				if idx < 0 || start+idx >= end || ls.IsNull(start+idx) {
					sb.AppendNull()
					continue
				}
				sb.Append(ls.Value(start + idx))
			}
			return sb.NewArray(), nil
		}
		for i := 0; i < n; i++ {
			if IsNullAt(x, i) || IsNullAt(k, i) {
				out.AppendNull()
				continue
			}
			idx := int(keyInt(k, i))
			start, end := int(offs[i]), int(offs[i+1])
			if idx < 0 || start+idx >= end {
				out.AppendNull()
				continue
			}
			AppendValue(out, GetValue(vals, start+idx))
		}
	case *array.Map:
		keys, items := x.Keys(), x.Items()
		for i := 0; i < n; i++ {
			if IsNullAt(x, i) || IsNullAt(k, i) {
				out.AppendNull()
				continue
			}
			want := GetValue(k, i)
			start, end := x.ValueOffsets(i)
			var found any
			for j := int(start); j < int(end); j++ {
				if CompareValues(GetValue(keys, j), want) == 0 {
					found = GetValue(items, j)
					break
				}
			}
			AppendValue(out, found)
		}
	default:
		out.AppendNulls(n)
	}
	return out.NewArray(), nil
}

func keyInt(k arrow.Array, i int) int64 {
	switch x := k.(type) {
	case *array.Int32:
		return int64(x.Value(i))
	case *array.Int64:
		return x.Value(i)
	}
	return -1
}

// CreateStruct builds a struct from named values: struct(a, b).
type CreateStruct struct {
	Args  []Expr
	Names []string
}

// NewCreateStruct returns struct(args...); names default to each argument's
// column name (or colN).
func NewCreateStruct(args ...Expr) *CreateStruct { return &CreateStruct{Args: args} }

// Children returns the values.
func (c *CreateStruct) Children() []Expr { return c.Args }

// WithChildren replaces the values.
func (c *CreateStruct) WithChildren(k []Expr) Expr { return &CreateStruct{Args: k, Names: c.Names} }

// DataType returns the struct type.
func (c *CreateStruct) DataType() sqltypes.DataType {
	st := sqltypes.StructType{}
	for i, a := range c.Args {
		st.Fields = append(st.Fields, sqltypes.StructField{Name: c.fieldName(i), DataType: a.DataType(), Nullable: a.Nullable()})
	}
	return st
}

func (c *CreateStruct) fieldName(i int) string {
	if i < len(c.Names) && c.Names[i] != "" {
		return c.Names[i]
	}
	switch a := c.Args[i].(type) {
	case *Alias, *BoundRef, *AttributeRef, *UnresolvedAttribute:
		return Name(a)
	case *GetField:
		return a.Field
	}
	return "col" + strconv.Itoa(i+1)
}

// Nullable returns false.
func (c *CreateStruct) Nullable() bool { return false }

// SQL returns "struct(a, b)".
func (c *CreateStruct) SQL() string { return "struct(" + sqlList(c.Args) + ")" }

func (c *CreateStruct) resolve() (Expr, error) {
	names := make([]string, len(c.Args))
	for i := range c.Args {
		names[i] = c.fieldName(i)
	}
	return &CreateStruct{Args: c.Args, Names: names}, nil
}

// Eval assembles the child arrays.
func (c *CreateStruct) Eval(ctx *Context, b arrow.Record) (arrow.Array, error) {
	kids := make([]arrow.Array, len(c.Args))
	for i, a := range c.Args {
		k, err := a.Eval(ctx, b)
		if err != nil {
			return nil, err
		}
		kids[i] = k
	}
	if len(kids) == 0 {
		bld := NewBuilder(c.DataType()).(*array.StructBuilder)
		for i := 0; i < int(b.NumRows()); i++ {
			bld.Append(true)
		}
		return bld.NewArray(), nil
	}
	return StructFromArrays(c.DataType().(sqltypes.StructType), kids, nil)
}

// namedStruct is named_struct('a', x, ...): a CreateStruct with explicit
// names and Spark's pretty name.
type namedStruct struct {
	*CreateStruct
	pretty string
}

// WithChildren replaces the values.
func (n *namedStruct) WithChildren(k []Expr) Expr {
	return &namedStruct{CreateStruct: &CreateStruct{Args: k, Names: n.Names}, pretty: n.pretty}
}

// SQL returns "named_struct(...)".
func (n *namedStruct) SQL() string { return n.pretty }

// evalSplitPart computes split(s, literal, -1)[k] for a constant k without
// building the whole array: the rides seed parses every field this way.
func (g *GetItem) evalSplitPart(ctx *Context, b arrow.Record) (arrow.Array, bool, error) {
	f, ok := g.Child.(*ScalarFunc)
	if !ok || f.Name != "split" || len(f.Args) != 3 {
		return nil, false, nil
	}
	k, ok := literalInt(g.Key)
	pat, okPat := LiteralValue(f.Args[1])
	limit, okLim := LiteralValue(f.Args[2])
	if !ok || !okPat || !okLim {
		return nil, false, nil
	}
	sep, _ := pat.(string)
	if l, _ := limit.(int32); l > 0 || !isLiteralPattern(sep) {
		return nil, false, nil
	}
	in, err := f.Args[0].Eval(ctx, b)
	if err != nil {
		return nil, true, err
	}
	sa := in.(*array.String)
	out := array.NewStringBuilder(Mem)
	out.Reserve(sa.Len())
	for i := 0; i < sa.Len(); i++ {
		if sa.IsNull(i) || k < 0 {
			out.AppendNull()
			continue
		}
		s := sa.Value(i)
		part, found := s, true
		for j := int64(0); j < k; j++ {
			idx := strings.Index(part, sep)
			if idx < 0 {
				found = false
				break
			}
			part = part[idx+len(sep):]
		}
		if !found {
			out.AppendNull()
			continue
		}
		if idx := strings.Index(part, sep); idx >= 0 {
			part = part[:idx]
		}
		out.Append(part)
	}
	return out.NewArray(), true, nil
}
