package interp

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	yaegi "github.com/traefik/yaegi/interp"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
	// The streaming engine registers itself with dataframe.
	_ "github.com/eddykernel/eddy/streaming"
)

// preludeValues are the values bound in every cell, with no import: binding
// one more is one line here. Each entry points at a variable, so that cells
// see its current value and can call its methods. Its type's package needs a
// symbol table (symbols/generate.go). Values that belong to one interpreter
// (spark) are added by sessionValues.
var preludeValues = map[string]any{
	"display": &display.Display,
}

// sessionValues returns the values bound in this interpreter's cells: the
// prelude values and the interpreter's own Spark session.
func (it *Interpreter) sessionValues() map[string]any {
	values := map[string]any{"spark": &it.spark}
	for name, ptr := range preludeValues {
		values[name] = ptr
	}
	return values
}

// isPreludeValue reports whether name is a value bound in every cell.
func isPreludeValue(name string) bool {
	_, ok := preludeValues[name]
	return ok || name == "spark"
}

// preludeTypes are the types of API.md that cells may name without a
// package, as API.md writes them: ForeachBatch(func(df *DataFrame, batchID
// int64)). dataframe.DataFrame works too. A cell that declares a type or
// function of the same name replaces it (declarations.go).
var preludeTypes = map[string]reflect.Value{
	"DataFrame":        reflect.ValueOf((*dataframe.DataFrame)(nil)),
	"Row":              reflect.ValueOf((*dataframe.Row)(nil)),
	"Column":           reflect.ValueOf((*dataframe.Column)(nil)),
	"GroupedData":      reflect.ValueOf((*dataframe.GroupedData)(nil)),
	"StructType":       reflect.ValueOf((*dataframe.StructType)(nil)),
	"StructField":      reflect.ValueOf((*dataframe.StructField)(nil)),
	"StreamingQuery":   reflect.ValueOf((*dataframe.StreamingQuery)(nil)),
	"DataStreamReader": reflect.ValueOf((*dataframe.DataStreamReader)(nil)),
	"DataStreamWriter": reflect.ValueOf((*dataframe.DataStreamWriter)(nil)),
}

// preludePackages are the packages bound in every cell under a name, with no
// import: binding one more is one line here (name → import path), plus its
// `yaegi extract` line in symbols/generate.go.
var preludePackages = map[string]string{
	"F":         "github.com/eddykernel/eddy/dataframe/functions",
	"T":         "github.com/eddykernel/eddy/dataframe/types",
	"streaming": "github.com/eddykernel/eddy/streaming",
}

// preludePath is the import path of the package that holds preludeValues;
// cells dot-import it.
const preludePath = "eddy/prelude"

// bindPrelude imports the cell runtime, the prelude values and the prelude
// packages into the main scope.
func (it *Interpreter) bindPrelude() error {
	values := map[string]reflect.Value{}
	for name, ptr := range it.sessionValues() {
		values[name] = reflect.ValueOf(ptr).Elem()
	}
	for name, t := range preludeTypes {
		values[name] = t
	}
	if err := it.yi.Use(yaegi.Exports{preludePath + "/prelude": values}); err != nil {
		return fmt.Errorf("interp: binding the prelude: %w", err)
	}
	lines := []string{
		fmt.Sprintf("import %s %q", runtimeAlias, runtimePath),
		fmt.Sprintf("import . %q", preludePath),
	}
	names := make([]string, 0, len(preludePackages))
	for name := range preludePackages {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lines = append(lines, fmt.Sprintf("import %s %q", name, preludePackages[name]))
		it.imports[name] = preludePackages[name]
	}
	if _, err := it.yi.Eval(strings.Join(lines, "\n")); err != nil {
		return fmt.Errorf("interp: binding the prelude: %w", err)
	}

	it.imports[runtimeAlias] = runtimePath
	return nil
}

// startSession creates the interpreter's Spark session, whose Show,
// PrintSchema and Explain write to the stdout stream of the calling cell,
// and makes dataframe errors panic where the invalid plan is built, so that
// the cell fails at that call with Spark's exception name.
func (it *Interpreter) startSession() {
	it.spark = dataframe.NewSession()
	it.spark.SetOutput(&streamWriter{it: it, stream: "stdout"})
	dataframe.SetErrorHandler(func(err error) { panic(err) })
}
