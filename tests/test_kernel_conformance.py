"""jupyter_kernel_test's conformance suite against the installed "eddy" kernelspec, with every
optional attribute set (issue 2, Acceptance)."""

from __future__ import annotations

import jupyter_kernel_test

# Values of interpreted types with HTML(), Markdown() or MIMEBundle() methods render through
# them (shared/API.md, display).
HTML_TYPE = 'type htmlBadge struct{ Label string }\n' \
    'func (b htmlBadge) HTML() string { return "<b>" + b.Label + "</b>" }\n' \
    'htmlBadge{"live"}'
MARKDOWN_TYPE = 'type mdNote struct{}\n' \
    'func (mdNote) Markdown() string { return "*emphasis*" }\n' \
    'mdNote{}'
BUNDLE_TYPE = 'type svgDot struct{}\n' \
    'func (svgDot) MIMEBundle() map[string]any {\n' \
    '\treturn map[string]any{"image/svg+xml": "<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>"}\n' \
    '}\n' \
    'svgDot{}'


class EddyKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "eddy"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "to stderr")'

    # `display` is bound in every cell, so its methods complete without an import.
    completion_samples = [
        {"text": "appen", "matches": {"append"}},
        {"text": "display.HT", "matches": {"HTML"}},
        {"text": "display.Mark", "matches": {"Markdown"}},
    ]

    complete_code_samples = [
        "1+1",
        "x := 1",
        'import "fmt"',
        "func f() int { return 1 }",
        "for i := 0; i < 3; i++ {\n}",
        "type point struct{ X, Y int }",
    ]
    incomplete_code_samples = [
        "func f() int {",
        "for i := 0; i < 3; i++ {",
        "xs := []int{1,\n2,",
        'if true {\n\tprintln("x")',
        "s := `raw\nstring",
    ]
    invalid_code_samples = [
        "x := )",
        "func f() int { return 1 }}",
        "1 + + + ]",
    ]

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "1+1", "result": "2"},
        {"code": '"hello" + ", " + "eddy"', "result": "hello, eddy"},
        {"code": "[]int{1, 2, 3}", "result": "[1 2 3]"},
        {"code": HTML_TYPE, "mime": "text/html", "result": "<b>live</b>"},
        {"code": MARKDOWN_TYPE, "mime": "text/markdown", "result": "*emphasis*"},
        {"code": BUNDLE_TYPE, "mime": "image/svg+xml"},
    ]

    code_display_data = [
        {"code": 'display.HTML("<b>hi</b>")', "mime": "text/html"},
        {"code": 'display.Markdown("# Title")', "mime": "text/markdown"},
        {"code": 'display.JSON(map[string]int{"a": 1})', "mime": "application/json"},
        {"code": "display.SVG(`<svg xmlns=\"http://www.w3.org/2000/svg\"/>`)", "mime": "image/svg+xml"},
        {"code": 'display.VegaLite(`{"mark": "bar"}`)', "mime": "application/vnd.vegalite.v5+json"},
        {"code": "display.PNG([]byte{0x89, 0x50, 0x4e, 0x47})", "mime": "image/png"},
        {"code": 'display("a plain value")', "mime": "text/plain"},
    ]

    # A glob over whole inputs, as IPython's history search: matches "1+1" only.
    code_history_pattern = "1?1"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "display.HTML"

    # IPython's `name?` help: the reply carries the godoc in a "page" payload.
    code_page_something = "strings.ToUpper?"

    code_clear_output = 'display.HTML("<i>soon gone</i>")\ndisplay.Clear()'
