package interp

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	yaegi "github.com/traefik/yaegi/interp"

	"github.com/eddykernel/eddy/display"
)

// preludeValues are the values bound in every cell, with no import: binding
// one more is one line here. Each entry points at a variable, so that cells
// see its current value and can call its methods. For example, the session:
//
//	"spark": &dataframe.DefaultSession, // a variable of type *dataframe.Session
//
// Its type's package needs a symbol table (symbols/generate.go).
var preludeValues = map[string]any{
	"display": &display.Display,
}

// preludePackages are the packages bound in every cell under a name, with no
// import: binding one more is one line here (name → import path), plus its
// `yaegi extract` line in symbols/generate.go. For example:
//
//	"F": "github.com/eddykernel/eddy/dataframe/functions",
//	"T": "github.com/eddykernel/eddy/dataframe/types",
//	"streaming": "github.com/eddykernel/eddy/streaming",
var preludePackages = map[string]string{}

// preludePath is the import path of the package that holds preludeValues;
// cells dot-import it.
const preludePath = "eddy/prelude"

// bindPrelude imports the cell runtime, the prelude values and the prelude
// packages into the main scope.
func (it *Interpreter) bindPrelude() error {
	values := map[string]reflect.Value{}
	for name, ptr := range preludeValues {
		values[name] = reflect.ValueOf(ptr).Elem()
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
