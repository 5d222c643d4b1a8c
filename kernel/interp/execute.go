package interp

import (
	"context"
	"errors"
	"go/ast"
	"go/format"
	"path"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	yaegi "github.com/traefik/yaegi/interp"

	"github.com/eddykernel/eddy/display"
)

// cellRun is the state of one Execute call.
type cellRun struct {
	origin    Origin
	gid       int64         // the eval goroutine
	interrupt chan struct{} // closed by Interrupt
	intOnce   sync.Once
	done      chan struct{} // yaegi's cancellation channel for this cell's frames
	doneOnce  sync.Once
	line      atomic.Int64 // the cell line of the top-level statement running
	failed    chan *Error  // a failure that ends the cell at once (stackguard.go)
}

// fail ends the cell with err, without waiting for its goroutine.
func (c *cellRun) fail(err *Error) {
	select {
	case c.failed <- err:
	default:
	}
}

func (c *cellRun) requestInterrupt() { c.intOnce.Do(func() { close(c.interrupt) }) }
func (c *cellRun) cancelChannels()   { c.doneOnce.Do(func() { close(c.done) }) }

// How long Execute waits, after an interrupt, for the interrupt check to stop
// the cell, and then for the cancelled channel operations to return, before
// it abandons a cell that is blocked in compiled code.
var (
	checkGrace  = 300 * time.Millisecond
	cancelGrace = 300 * time.Millisecond
)

func (it *Interpreter) execute(ctx context.Context, origin Origin, code string) Result {
	steps, err := it.parseCell(code)
	if err != nil {
		return Result{Err: compileError(NameSyntax, err)}
	}
	if paths := it.autoImports(steps); len(paths) > 0 {
		s, err := parseRun(it.yi.FileSet(), run{kind: importRun, text: importDecl(paths), line: 1, col: 1})
		if err == nil {
			steps = append([]*step{s}, steps...)
		}
	}
	c := &cellRun{origin: origin, interrupt: make(chan struct{}), done: make(chan struct{}), failed: make(chan *Error, 1)}
	it.in.setDone(c.done)
	it.current.Store(c)
	it.last.Store(c)
	defer it.current.CompareAndSwap(c, nil)

	finished := make(chan Result, 1)
	started := make(chan int64, 1)
	go it.evalCell(c, steps, started, finished)
	c.gid = <-started

	select {
	case res := <-finished:
		return res
	case err := <-c.failed:
		return Result{Err: err}
	case <-c.interrupt:
	case <-ctx.Done():
	}
	// Interrupted: make the interrupt checks of this cell's goroutine panic.
	it.stops.stop(c.gid)
	if res, ok := waitResult(finished, checkGrace); ok {
		return interrupted(res)
	}
	// Blocked: cancel the channel operations of the frames this cell created.
	c.cancelChannels()
	if res, ok := waitResult(finished, cancelGrace); ok {
		return interrupted(res)
	}
	// Blocked in compiled code (time.Sleep, a mutex): abandon the goroutine.
	// Its next interrupt check panics, if it ever wakes up.
	return Result{Err: newError(NameInterrupted,
		"interrupted; the cell was blocked outside interpreted code and keeps running in the background until it returns", nil)}
}

func waitResult(ch <-chan Result, d time.Duration) (Result, bool) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-ch:
		return r, true
	case <-t.C:
		return Result{}, false
	}
}

// interrupted turns the result of an interrupted cell into a
// KeyboardInterrupt, whether the check panicked or a cancelled channel
// operation made the cell return early.
func interrupted(res Result) Result {
	if res.Err != nil && res.Err.Name == NameInterrupted {
		return res
	}
	if res.Err != nil {
		return res
	}
	return Result{Err: newError(NameInterrupted, "interrupted", nil)}
}

// evalCell runs the steps of a cell in a goroutine of its own, so that
// Execute can give up on it after an interrupt.
func (it *Interpreter) evalCell(c *cellRun, steps []*step, started chan<- int64, finished chan<- Result) {
	id := goroutineID()
	it.goroutines.register(id, c.origin)
	it.traces.take(id)
	started <- id
	var res Result
	defer func() {
		if r := recover(); r != nil {
			res = Result{Err: panicError(r, it.traces.take(id))}
		}
		if res.Err != nil {
			placeTopLevel(res.Err, c.line.Load())
		}
		it.traces.take(id)
		it.goroutines.unregister(id)
		it.stops.release(id)
		finished <- res
	}()
	for _, s := range steps {
		it.check()
		v, has, err := it.evalStep(c, s)
		if err != nil {
			res = Result{Err: err}
			return
		}
		if has {
			res = Result{Value: v, HasValue: true}
		}
	}
}

// evalStep compiles and runs one step. A panic propagates to evalCell.
func (it *Interpreter) evalStep(c *cellRun, s *step) (value any, has bool, err *Error) {
	switch s.kind {
	case importRun:
		return nil, false, it.evalImports(s.file)
	case declRun:
		it.prepareDecls(s.file)
		it.rewrite(s.file)
		err := it.run(s.file)
		if declaresMain(s.file) {
			// yaegi runs main (as go run would) when it executes the
			// declaration, and again after every later compilation while
			// the symbol exists: drop it.
			it.in.forget("main", false)
		}
		if err != nil {
			return nil, false, err
		}
		it.recordDecls(s.file)
		return nil, false, nil
	}
	it.rewrite(s.block)
	it.checkBetween(s.block)
	if len(s.block.List) > 0 {
		if err := it.run(s.block); err != nil {
			return nil, false, err
		}
		it.recordDefines(s.block)
	}
	if s.last == nil {
		return nil, false, nil
	}
	it.check()
	c.line.Store(int64(it.yi.FileSet().Position(s.last.Pos()).Line))
	return it.evalLast(s.last)
}

// declaresMain reports whether f declares func main.
func declaresMain(f *ast.File) bool {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			return true
		}
	}
	return false
}

// run compiles and executes one node.
func (it *Interpreter) run(n ast.Node) *Error {
	prog, err := it.yi.CompileAST(n)
	if err != nil {
		return compileError(NameCompile, err)
	}
	if _, err := it.yi.Execute(prog); err != nil {
		return it.executeError(err)
	}
	return nil
}

// executeError converts an error from yaegi's Execute: a recovered panic
// becomes a panic Error with the cell positions of its frames.
func (it *Interpreter) executeError(err error) *Error {
	var p yaegi.Panic
	if errors.As(err, &p) {
		return panicError(p.Value, it.traces.take(goroutineID()))
	}
	return compileError(NameCompile, err)
}

// evalLast evaluates the cell's trailing expression and decides whether its
// value is shown. It compiles _eddy.Values(x) to get every result of x; if
// that does not compile (x is a call with no result), x runs as a
// statement.
func (it *Interpreter) evalLast(x ast.Expr) (any, bool, *Error) {
	it.rewrite(x)
	if it.hasRichMethods.Load() {
		if v, has, e, ok := it.evalRich(x); ok {
			return v, has, e
		}
	}
	prog, err := it.yi.CompileAST(block(valuesCall(x)))
	if err != nil {
		return nil, false, it.run(block(x))
	}
	rv, err := it.yi.Execute(prog)
	if err != nil {
		return nil, false, it.executeError(err)
	}
	if !rv.IsValid() || !rv.CanInterface() {
		return nil, false, nil
	}
	vals, _ := rv.Interface().([]any)
	v, ok := shown(vals)
	return v, ok, nil
}

// block returns a block holding the expression statement x. Its position
// matters: yaegi finds the file, and so the imports, of a block by the
// position of its brace.
func block(x ast.Expr) *ast.BlockStmt {
	return &ast.BlockStmt{Lbrace: x.Pos(), List: []ast.Stmt{&ast.ExprStmt{X: x}}, Rbrace: x.End()}
}

// shown returns the value a cell's trailing expression displays: nothing for
// several results (fmt.Println's n and err), nil values, nil errors and
// display handles.
func shown(vals []any) (any, bool) {
	if len(vals) != 1 || vals[0] == nil {
		return nil, false
	}
	v := vals[0]
	if _, ok := v.(*display.Handle); ok {
		return nil, false
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		if rv.IsNil() {
			return nil, false
		}
	}
	return v, true
}

// evalImports imports the packages of f that this session has not imported
// yet under the same name. A name imported before under another path is
// dropped first, so that the new import replaces it.
func (it *Interpreter) evalImports(f *ast.File) *Error {
	type imp struct{ name, path string }
	var todo []imp
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		var keep []ast.Spec
		for _, sp := range gd.Specs {
			is := sp.(*ast.ImportSpec)
			p, _ := strconv.Unquote(is.Path.Value)
			name := it.packageName(p)
			if is.Name != nil {
				name = is.Name.Name
			}
			if name == "_" || name == "." {
				keep = append(keep, sp)
				continue
			}
			it.namesMu.Lock()
			prev, seen := it.imports[name]
			it.namesMu.Unlock()
			if seen && prev == p {
				continue
			}
			if seen {
				it.in.forget(name, true)
			}
			keep = append(keep, sp)
			todo = append(todo, imp{name, p})
		}
		gd.Specs = keep
	}
	if len(todo) == 0 {
		return nil
	}
	if err := it.run(f); err != nil {
		return err
	}
	it.namesMu.Lock()
	for _, i := range todo {
		it.imports[i.name] = i.path
	}
	it.namesMu.Unlock()
	return nil
}

// importDecl returns an import declaration of paths.
func importDecl(paths []string) string {
	var b strings.Builder
	b.WriteString("import (")
	for _, p := range paths {
		b.WriteString(strconv.Quote(p) + ";")
	}
	b.WriteString(")")
	return b.String()
}

// packageName returns the name a package is imported under by default.
func (it *Interpreter) packageName(importPath string) string {
	return path.Base(importPath)
}

// prepareDecls drops the types f re-declares: yaegi would silently keep the
// old definition. Functions, variables and constants are replaced by yaegi
// itself. It also keeps the source of each declaration, before rewriting,
// for Inspect.
func (it *Interpreter) prepareDecls(f *ast.File) {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil {
				it.decls[x.Name.Name] = it.source(x)
			} else {
				it.methods[x.Name.Name] = true
				if richMethods[x.Name.Name] {
					it.hasRichMethods.Store(true)
				}
			}
		case *ast.GenDecl:
			for _, sp := range x.Specs {
				switch s := sp.(type) {
				case *ast.TypeSpec:
					if _, seen := it.names[s.Name.Name]; seen {
						it.in.forget(s.Name.Name, false)
					}
					it.decls[s.Name.Name] = "type " + it.source(s)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						it.decls[n.Name] = x.Tok.String() + " " + it.source(s)
					}
				}
			}
		}
	}
}

// source prints a declaration as Go source.
func (it *Interpreter) source(n ast.Node) string {
	var b strings.Builder
	if err := format.Node(&b, it.yi.FileSet(), n); err != nil {
		return ""
	}
	return b.String()
}

// recordDecls remembers the names f declares, for completion.
func (it *Interpreter) recordDecls(f *ast.File) {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	it.recordDeclsLocked(f)
}

func (it *Interpreter) recordDeclsLocked(f *ast.File) {
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil {
				it.names[x.Name.Name] = "func"
			}
		case *ast.GenDecl:
			for _, sp := range x.Specs {
				switch s := sp.(type) {
				case *ast.TypeSpec:
					it.names[s.Name.Name] = "type"
				case *ast.ValueSpec:
					for _, n := range s.Names {
						it.names[n.Name] = x.Tok.String()
					}
				}
			}
		}
	}
}

// recordDefines remembers the names a statement run defines at the top
// level (x := ..., var x ...), for completion.
func (it *Interpreter) recordDefines(b *ast.BlockStmt) {
	it.namesMu.Lock()
	defer it.namesMu.Unlock()
	for _, s := range b.List {
		switch x := s.(type) {
		case *ast.AssignStmt:
			if x.Tok.String() == ":=" {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						it.names[id.Name] = "var"
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := x.Decl.(*ast.GenDecl); ok {
				it.recordDeclsLocked(&ast.File{Decls: []ast.Decl{gd}})
			}
		}
	}
}
