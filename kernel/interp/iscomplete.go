package interp

import (
	"go/scanner"
	"go/token"
	"strings"
)

// IsComplete reports whether code is ready to run, for is_complete_request:
// "complete", "incomplete" (an open bracket, raw string or comment, or a
// line ending in an operator; indent is the indentation to continue with)
// or "invalid".
func IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	file := token.NewFileSet().AddFile("", -1, len(code))
	var s scanner.Scanner
	var scanErr string
	s.Init(file, []byte(code), func(_ token.Position, msg string) {
		if scanErr == "" {
			scanErr = msg
		}
	}, scanner.ScanComments)
	depth := 0
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth < 0 {
				return "invalid", ""
			}
		case token.COMMENT:
			continue
		case token.SEMICOLON:
			if lit == "\n" {
				continue // automatically inserted
			}
		}
		last = tok
	}
	switch scanErr {
	case "":
	case "raw string literal not terminated", "comment not terminated":
		return "incomplete", currentIndent(code)
	default:
		return "invalid", ""
	}
	if depth > 0 {
		return "incomplete", currentIndent(code) + "    "
	}
	if continues(last) {
		return "incomplete", currentIndent(code) + "    "
	}
	fset := token.NewFileSet()
	for _, r := range splitCell(code) {
		if _, err := parseRun(fset, r); err != nil {
			return "invalid", ""
		}
	}
	return "complete", ""
}

// continues reports whether a line ending in tok continues on the next line
// (Go inserts no semicolon after it).
func continues(tok token.Token) bool {
	switch tok {
	case token.IDENT, token.INT, token.FLOAT, token.IMAG, token.CHAR, token.STRING,
		token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN,
		token.INC, token.DEC, token.RPAREN, token.RBRACK, token.RBRACE,
		token.SEMICOLON, token.ILLEGAL:
		return false
	}
	return tok.IsOperator() || tok.IsKeyword()
}

// currentIndent returns the leading whitespace of code's last non-blank
// line.
func currentIndent(code string) string {
	lines := strings.Split(code, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		return l[:len(l)-len(strings.TrimLeft(l, " \t"))]
	}
	return ""
}
