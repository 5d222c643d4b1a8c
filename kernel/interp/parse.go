package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"

	yaegi "github.com/traefik/yaegi/interp"
)

// step is one parsed run of a cell, ready to compile.
type step struct {
	kind  runKind
	file  *ast.File      // importRun, declRun
	block *ast.BlockStmt // stmtRun
	// last is the cell's trailing expression, split off the last statement
	// run so that its value can be captured.
	last ast.Expr
}

// parseCell splits code into runs and parses each one with the
// interpreter's file set. Every run carries a line directive, so that the
// positions yaegi reports (compile errors, panic frames) are cell lines.
func (it *Interpreter) parseCell(code string) ([]*step, error) {
	runs := splitCell(code)
	steps := make([]*step, 0, len(runs))
	for i, r := range runs {
		s, err := parseRun(it.yi.FileSet(), r)
		if err != nil {
			return nil, err
		}
		if i == len(runs)-1 && s.kind == stmtRun {
			n := len(s.block.List)
			if es, ok := s.block.List[n-1].(*ast.ExprStmt); ok {
				s.last = es.X
				s.block.List = s.block.List[:n-1]
			}
		}
		steps = append(steps, s)
	}
	return steps, nil
}

// lineDirective makes the token after it report the position line:col of
// the cell, under yaegi's default file name (yaegi keys imports by file
// name, so every cell must use the same one).
func lineDirective(line, col int) string {
	return fmt.Sprintf("/*line %s:%d:%d*/", yaegi.DefaultSourceName, line, col)
}

func parseRun(fset *token.FileSet, r run) (*step, error) {
	const mode = parser.ParseComments | parser.DeclarationErrors
	dir := lineDirective(r.line, r.col)
	if r.kind == stmtRun {
		src := "package main; func main() {" + dir + r.text + "\n}"
		f, err := parser.ParseFile(fset, yaegi.DefaultSourceName, src, mode)
		if err != nil {
			return nil, syntaxError(err)
		}
		body := f.Decls[0].(*ast.FuncDecl).Body
		return &step{kind: r.kind, block: body}, nil
	}
	src := "package main;" + dir + r.text
	f, err := parser.ParseFile(fset, yaegi.DefaultSourceName, src, mode)
	if err != nil {
		return nil, syntaxError(err)
	}
	return &step{kind: r.kind, file: f}, nil
}

// syntaxError formats a parser error as "line:col: message" in cell
// coordinates, like yaegi's own errors.
func syntaxError(err error) error {
	list, ok := err.(scanner.ErrorList)
	if !ok || len(list) == 0 {
		return err
	}
	msgs := make([]string, 0, len(list))
	for _, e := range list {
		msgs = append(msgs, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg))
		if len(msgs) == 10 {
			break
		}
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}
