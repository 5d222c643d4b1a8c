package interp

import (
	"go/scanner"
	"go/token"
)

// runKind classifies a run of consecutive top-level items of a cell.
type runKind int

const (
	importRun runKind = iota // import declarations
	declRun                  // func, method and type declarations
	stmtRun                  // statements, expressions, var and const
)

func (k runKind) String() string {
	return [...]string{"imports", "declarations", "statements"}[k]
}

// run is a piece of a cell that yaegi can evaluate in one go.
type run struct {
	kind runKind
	text string
	line int // 1-based line of text's first byte in the cell
	col  int // 1-based byte column of text's first byte in the cell
}

// item is one top-level item of a cell: its kind and byte range.
type item struct {
	kind       runKind
	start, end int
}

// splitCell splits a cell at the top level into runs of imports,
// declarations and statements, in the order they appear. yaegi cannot
// evaluate a source that mixes them, so each run is evaluated on its own.
//
// The split is lexical: the cell is scanned with go/scanner, brackets are
// counted, and every top-level item ends at a semicolon (written or
// automatically inserted) at bracket depth zero. A `func` followed by a name,
// or by a parenthesized receiver and then a name, starts a declaration; any
// other `func` starts a statement (a function literal). `type` starts a
// declaration. `var` and `const` are statements: yaegi evaluates statement
// runs in the global scope, so they declare globals all the same, and unlike
// declarations they may refer to variables that statements defined.
func splitCell(code string) []run {
	items := topLevelItems(code)
	var runs []run
	for i := 0; i < len(items); {
		j := i
		for j+1 < len(items) && items[j+1].kind == items[i].kind {
			j++
		}
		start, end := items[i].start, items[j].end
		line, col := lineCol(code, start)
		runs = append(runs, run{kind: items[i].kind, text: code[start:end], line: line, col: col})
		i = j + 1
	}
	return runs
}

type token1 struct {
	pos int
	tok token.Token
	lit string
}

func topLevelItems(code string) []item {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), func(token.Position, string) {}, 0)

	var toks []token1
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		toks = append(toks, token1{pos: file.Offset(pos), tok: tok, lit: lit})
	}

	var items []item
	depth := 0
	first := -1 // index in toks of the current item's first token
	flush := func(end int) {
		if first < 0 {
			return
		}
		// A package clause (a pasted program) is dropped: cells are in
		// package main.
		if toks[first].tok != token.PACKAGE {
			items = append(items, item{kind: classify(toks[first:]), start: toks[first].pos, end: end})
		}
		first = -1
	}
	for i, t := range toks {
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth > 0 {
				depth--
			}
		case token.SEMICOLON:
			if depth == 0 {
				end := t.pos
				if t.lit == ";" {
					end++
				}
				flush(end)
				continue
			}
		}
		if first < 0 {
			first = i
		}
	}
	flush(len(code))
	return items
}

// classify returns the kind of the item starting with toks[0].
func classify(toks []token1) runKind {
	switch toks[0].tok {
	case token.IMPORT:
		return importRun
	case token.TYPE:
		return declRun
	case token.FUNC:
		if len(toks) > 1 && toks[1].tok == token.IDENT {
			return declRun
		}
		if len(toks) > 1 && toks[1].tok == token.LPAREN {
			// A receiver: skip to the matching parenthesis.
			depth := 0
			for i := 1; i < len(toks); i++ {
				switch toks[i].tok {
				case token.LPAREN:
					depth++
				case token.RPAREN:
					depth--
					if depth == 0 {
						if i+1 < len(toks) && toks[i+1].tok == token.IDENT {
							return declRun
						}
						return stmtRun
					}
				}
			}
		}
	}
	return stmtRun
}

// lineCol returns the 1-based line and byte column of offset in code.
func lineCol(code string, offset int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < offset && i < len(code); i++ {
		if code[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
