package functions

import (
	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// FromJSON parses a JSON string column with a schema (StructType or DDL
// string); PERMISSIVE: malformed rows give a struct of nulls. options may
// hold a map[string]string (e.g. mode).
func FromJSON(c any, schema any, options ...map[string]string) dataframe.Column {
	e, err := col(c)
	if err != nil {
		return dataframe.ErrColumn(err)
	}
	var s expr.Expr
	switch x := schema.(type) {
	case sqltypes.StructType:
		s = &expr.SchemaLiteral{Schema: x}
	case string:
		s = expr.Lit(x)
	case dataframe.Column:
		s = x.Expr()
	default:
		s = expr.Lit(schema)
	}
	args := []expr.Expr{e, s}
	if len(options) > 0 {
		args = append(args, &expr.OptionsLiteral{Options: options[0]})
	}
	return dataframe.NewColumn(expr.NewCall("from_json", args...))
}

// ToJSON serializes a struct, array or map column to JSON.
func ToJSON(c any) dataframe.Column { return call("to_json", c) }

// SchemaOfJSON returns the DDL schema of a JSON string literal.
func SchemaOfJSON(json any) dataframe.Column {
	if s, ok := json.(string); ok {
		return call("schema_of_json", litArg{s})
	}
	return call("schema_of_json", json)
}

// GetJSONObject extracts a JSON path ($.a.b) as a string.
func GetJSONObject(c any, path string) dataframe.Column {
	return call("get_json_object", c, litArg{path})
}
