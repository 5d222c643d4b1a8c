package interp

import (
	"path"
	"reflect"
	"sync"
	"unsafe"

	yaegi "github.com/traefik/yaegi/interp"
)

// internals reaches three unexported fields of yaegi's Interpreter (pinned at
// v0.16.1; a test fails if they move):
//
//   - cancelChan, so that channel operations compiled from cells select on
//     the cancellation channel even though cells are not run with
//     EvalWithContext;
//   - done, the cancellation channel, which Eddy replaces for every cell so
//     that closing it unblocks only the frames that cell created;
//   - scopes, so that re-declaring a type or re-importing a name under
//     another path can drop the old symbol first (yaegi keeps the old type
//     otherwise);
//   - roots, and the child list of the main scope, which keep the syntax
//     tree of every compilation for yaegi's debugger: forgetting them after
//     each cell lets the trees of finished cells be collected (release).
//
// Any field that cannot be found is left nil, and the feature that needs it
// degrades instead of crashing.
type internals struct {
	mu         *sync.RWMutex
	done       *chan struct{}
	cancelChan *bool
	scopes     reflect.Value
	roots      reflect.Value
}

func newInternals(yi *yaegi.Interpreter) *internals {
	v := reflect.ValueOf(yi).Elem()
	in := &internals{}
	if f, ok := field(v, "mutex"); ok {
		in.mu, _ = f.Addr().Interface().(*sync.RWMutex)
	}
	if f, ok := field(v, "done"); ok {
		in.done, _ = f.Addr().Interface().(*chan struct{})
	}
	if f, ok := field(v, "cancelChan"); ok {
		in.cancelChan, _ = f.Addr().Interface().(*bool)
	}
	if f, ok := field(v, "scopes"); ok && f.Kind() == reflect.Map {
		in.scopes = f
	}
	if f, ok := field(v, "roots"); ok && f.Kind() == reflect.Slice {
		in.roots = f
	}
	return in
}

// field returns an addressable, settable view of the unexported field name.
func field(v reflect.Value, name string) (reflect.Value, bool) {
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanAddr() {
		return reflect.Value{}, false
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem(), true
}

func (in *internals) complete() bool {
	return in.mu != nil && in.done != nil && in.cancelChan != nil && in.scopes.IsValid()
}

// enableCancellableChannels makes yaegi compile channel operations as selects
// that also wait on the done channel.
func (in *internals) enableCancellableChannels() {
	if in.cancelChan == nil || in.mu == nil {
		return
	}
	in.mu.Lock()
	*in.cancelChan = true
	in.mu.Unlock()
}

// setDone installs the cancellation channel that frames created from now on
// inherit.
func (in *internals) setDone(ch chan struct{}) {
	if in.done == nil || in.mu == nil {
		return
	}
	in.mu.Lock()
	*in.done = ch
	in.mu.Unlock()
}

// forget removes name from the main package scope, so that the next
// declaration of name replaces it. Package names are stored under
// "name/<file>", and cells always use yaegi's default file name.
func (in *internals) forget(name string, isPackage bool) {
	if !in.scopes.IsValid() {
		return
	}
	if in.mu != nil {
		in.mu.Lock()
		defer in.mu.Unlock()
	}
	sc := in.scopes.MapIndex(reflect.ValueOf("main"))
	if !sc.IsValid() || sc.IsNil() {
		return
	}
	sym, ok := field(sc.Elem(), "sym")
	if !ok || sym.Kind() != reflect.Map {
		return
	}
	key := name
	if isPackage {
		key = path.Join(name, yaegi.DefaultSourceName)
	}
	sym.SetMapIndex(reflect.ValueOf(key), reflect.Value{})
}

// release drops yaegi's references to the syntax trees compiled so far,
// kept only for its debugger (Interpreter.roots, and the blocks listed as
// children of the main scope): otherwise every cell, even 1+1, keeps a few
// kilobytes for good. Declarations stay reachable through their symbols.
func (in *internals) release() {
	if in.mu != nil {
		in.mu.Lock()
		defer in.mu.Unlock()
	}
	if in.roots.IsValid() {
		in.roots.Set(reflect.Zero(in.roots.Type()))
	}
	if !in.scopes.IsValid() {
		return
	}
	sc := in.scopes.MapIndex(reflect.ValueOf("main"))
	if !sc.IsValid() || sc.IsNil() {
		return
	}
	if child, ok := field(sc.Elem(), "child"); ok && child.Kind() == reflect.Slice {
		child.Set(reflect.Zero(child.Type()))
	}
}
