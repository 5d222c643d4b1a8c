package symbols

import (
	"embed"
	"reflect"
	"sort"
)

// Symbols holds the yaegi symbol tables of Eddy's packages and of the
// compiled helpers behind the generic source packages, keyed "path/name" as
// yaegi expects. The generated files (go generate) add to it from their init
// functions.
var Symbols = map[string]map[string]reflect.Value{}

//go:embed generic/*.go.txt
var genericFS embed.FS

// GenericSources are Go sources of generic functions that yaegi's standard
// library lacks (slices.Sort, slices.Max, maps.Keys, ...). The interpreter
// compiles them after loading the standard library, which adds them to the
// packages of the same name. Their hot paths call the compiled helpers in
// this package.
var GenericSources = func() []string {
	entries, err := genericFS.ReadDir("generic")
	if err != nil {
		panic(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for _, n := range names {
		b, err := genericFS.ReadFile("generic/" + n)
		if err != nil {
			panic(err)
		}
		out = append(out, string(b))
	}
	return out
}()

// Docs maps "importpath.Name" and "importpath.Type.Method" (and
// "importpath" for the package comment) to a declaration's signature and doc
// comment, for inspect requests. docs_generated.go fills it (go generate).
var Docs = map[string]string{}
