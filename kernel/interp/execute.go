package interp

import (
	"context"
	"errors"
	"go/ast"
	"sync"
	"sync/atomic"
	"time"

	yaegi "github.com/traefik/yaegi/interp"
)

// cellRun is the state of one Execute call.
type cellRun struct {
	origin    Origin
	gid       atomic.Int64  // the eval goroutine
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
	gid := <-started

	select {
	case res := <-finished:
		it.forgetExpressionCell(steps)
		return res
	case err := <-c.failed:
		return Result{Err: err}
	case <-c.interrupt:
	case <-ctx.Done():
	}
	// Interrupted: make the interrupt checks of this cell's goroutine panic.
	// (The goroutine may have finished in the meantime: once it has, its
	// mark is removed again, or every later check would pay the slow path.)
	it.stops.stop(gid)
	if res, ok := waitResult(finished, checkGrace); ok {
		it.stops.release(gid)
		return interrupted(res)
	}
	// Blocked: cancel the channel operations of the frames this cell created.
	c.cancelChannels()
	if res, ok := waitResult(finished, cancelGrace); ok {
		it.stops.release(gid)
		return interrupted(res)
	}
	// Blocked in compiled code (time.Sleep, a mutex): abandon the goroutine.
	// Its next interrupt check panics, if it ever wakes up.
	return Result{Err: newError(NameInterrupted,
		"interrupted; the cell was blocked outside interpreted code and keeps running in the background until it returns", nil)}
}

// forgetExpressionCell removes the source file of a cell that is one
// expression without function literals (1+1, df.Count()) from the file set
// once it has run: nothing compiled from it survives the cell, and the file
// set would otherwise keep its line table for good.
func (it *Interpreter) forgetExpressionCell(steps []*step) {
	if len(steps) != 1 || steps[0].kind != stmtRun || len(steps[0].block.List) != 0 || steps[0].last == nil {
		return
	}
	x := steps[0].last
	funcLit := false
	ast.Inspect(x, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			funcLit = true
		}
		return !funcLit
	})
	if funcLit {
		return
	}
	fset := it.yi.FileSet()
	if f := fset.File(x.Pos()); f != nil {
		fset.RemoveFile(f)
	}
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
	c.gid.Store(id)
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
		it.in.release()
		it.flushFiles()
		finished <- res
	}()
	// Compile every step before running any, so that a compile error runs
	// nothing; a cell that declares main runs step by step (yaegi runs main
	// after every compilation while it is declared).
	ahead := !cellDeclaresMain(steps)
	progs := make([]*yaegi.Program, len(steps))
	statements := false
	if ahead {
		for i, s := range steps {
			statements = statements || (s.kind == stmtRun && len(s.block.List) > 0)
			prog, err := it.compileStep(s, statements)
			if err != nil {
				res = Result{Err: err}
				return
			}
			progs[i] = prog
		}
	}
	for i, s := range steps {
		it.check()
		if !ahead {
			prog, err := it.compileStep(s, s.kind == stmtRun && len(s.block.List) > 0)
			if err != nil {
				res = Result{Err: err}
				return
			}
			progs[i] = prog
		}
		v, has, err := it.runStep(c, s, progs[i])
		if err != nil {
			res = Result{Err: err}
			return
		}
		if has {
			res = Result{Value: v, HasValue: true}
		}
	}
}

// compileStep prepares and compiles one step without running it: imports
// are imported, declarations and statements compiled, and a trailing
// expression checked when statementsBefore run before it (it is compiled
// again when it runs, by evalLast; the check costs yaegi global frame slots
// for good, so a cell that is one expression skips it).
func (it *Interpreter) compileStep(s *step, statementsBefore bool) (*yaegi.Program, *Error) {
	var n ast.Node
	switch s.kind {
	case importRun:
		return nil, it.evalImports(s.file)
	case declRun:
		it.prepareDecls(s.file)
		it.rewrite(s.file)
		n = s.file
	default:
		it.rewrite(s.block)
		it.checkBetween(s.block)
		if len(s.block.List) > 0 {
			n = s.block
		}
	}
	var prog *yaegi.Program
	if n != nil {
		var err error
		if s.kind == stmtRun {
			prog, err = it.compileBlock(s.block)
		} else {
			prog, err = it.yi.CompileAST(n)
		}
		if err != nil {
			return nil, compileError(NameCompile, err)
		}
	}
	if s.kind == stmtRun && statementsBefore {
		if err := it.checkLast(s.last); err != nil {
			return nil, err
		}
	}
	return prog, nil
}

// runStep runs one compiled step. A panic propagates to evalCell.
func (it *Interpreter) runStep(c *cellRun, s *step, prog *yaegi.Program) (value any, has bool, err *Error) {
	if prog != nil {
		_, execErr := it.yi.Execute(prog)
		if s.kind == declRun && declaresMain(s.file) {
			// yaegi runs main (as go run would) when it executes the
			// declaration, and again after every later compilation while
			// the symbol exists: drop it.
			it.in.forget("main", false)
		}
		if execErr != nil {
			return nil, false, it.executeError(execErr)
		}
	}
	switch s.kind {
	case importRun:
		return nil, false, nil
	case declRun:
		it.recordDecls(s.file)
		return nil, false, nil
	}
	if prog != nil {
		it.recordDefines(s.block)
	}
	if s.last == nil {
		return nil, false, nil
	}
	it.check()
	c.line.Store(int64(it.yi.FileSet().Position(s.last.Pos()).Line))
	return it.evalLast(s.last)
}

// cellDeclaresMain reports whether a step of the cell declares func main.
func cellDeclaresMain(steps []*step) bool {
	for _, s := range steps {
		if s.kind == declRun && declaresMain(s.file) {
			return true
		}
	}
	return false
}

// checkLast compiles (never runs) the trailing expression x, as evalLast
// will: as _eddy.Values(x), or else as a statement. It returns the
// statement's compile error when neither compiles.
func (it *Interpreter) checkLast(x ast.Expr) *Error {
	if x == nil {
		return nil
	}
	if _, err := it.yi.CompileAST(block(valuesCall(x))); err == nil {
		return nil
	}
	if _, err := it.yi.CompileAST(block(x)); err != nil {
		return compileError(NameCompile, err)
	}
	return nil
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
