"""Writes notebooks/00-go-basics.ipynb (no outputs). Edit the cells here and re-run:

    .venv/bin/python scripts/write_basics_notebook.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    ("md", """# Go basics in Eddy

Every code cell in this notebook is Go, run by Eddy's kernel. A cell can mix imports,
declarations and statements in any order, variables live on from cell to cell, and the value of
the last expression is shown below the cell."""),
    ("md", "## One cell, everything mixed\nImports, a type, a function and statements together."),
    ("code", """import (
	"fmt"
	"strings"
)

type Ride struct {
	Vendor int
	Amount float64
}

func total(rides []Ride) float64 {
	sum := 0.0
	for _, r := range rides {
		sum += r.Amount
	}
	return sum
}

rides := []Ride{{1, 12.5}, {2, 7.25}, {1, 3.0}}
fmt.Println("rides:", len(rides), strings.ToUpper("total"), total(rides))"""),
    ("md", "The last expression of a cell is its result:"),
    ("code", "total(rides) * 2"),
    ("md", "## Redefining a function\nRun a new definition and the old one is replaced."),
    ("code", """func greet(name string) string { return "hello, " + name }
greet("eddy")"""),
    ("code", """func greet(name string) string { return "bonjour, " + name }
greet("eddy")"""),
    ("md", "## Goroutines\nA `sync.WaitGroup` and a channel pipeline."),
    ("code", """import "sync"

squares := make([]int, 5)
var wg sync.WaitGroup
for i := 0; i < 5; i++ {
	wg.Add(1)
	go func(i int) {
		defer wg.Done()
		squares[i] = i * i
	}(i)
}
wg.Wait()
squares"""),
    ("code", """words := make(chan string)
go func() {
	for _, w := range []string{"stream", "of", "words"} {
		words <- w
	}
	close(words)
}()
var got []string
for w := range words {
	got = append(got, w)
}
fmt.Println(strings.Join(got, " "))"""),
    ("md", "## Rich output\n`display` is bound in every cell."),
    ("code", """display.HTML("<b>bold from Go</b>")
display.Markdown("**Markdown** from Go")
display.JSON(map[string]any{"vendor": 1, "amount": 12.5})"""),
    ("md", "A handle updates its output in place:"),
    ("code", """h := display.New("step 1 of 2")
h.Update("step 2 of 2")"""),
    ("md", "A value with an `HTML()` method shows as HTML:"),
    ("code", """type Badge struct{ Label string }

func (b Badge) HTML() string { return "<span class='badge'>" + b.Label + "</span>" }

Badge{"live"}"""),
    ("md", "## Errors\nA runtime panic becomes an error output. The kernel keeps running."),
    ("code", """var counts map[string]int
counts["boom"] = 1"""),
    ("code", 'fmt.Println("still alive after the error")'),
]


def build() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "eddy", "display_name": "Go (Eddy)", "language": "go"},
        "language_info": {"name": "go", "file_extension": ".go", "mimetype": "text/x-go"},
    }
    for kind, src in CELLS:
        nb.cells.append(new_markdown_cell(src) if kind == "md" else new_code_cell(src))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    return nb


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "notebooks" / "00-go-basics.ipynb"
    nbformat.write(build(), out)
    print(f"wrote {out}")
