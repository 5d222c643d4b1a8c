"""Output of goroutines goes to the cell that started them, and interrupting a later cell
leaves them running (issue 2, Go cells: Output and Failures)."""

from __future__ import annotations

import re
import time

from harness import Kernel

TICKER = """import (
\t"fmt"
\t"time"
)
go func() {
\tfor i := 0; i < %(n)d; i++ {
\t\tfmt.Println("%(tag)s", i)
\t\ttime.Sleep(100 * time.Millisecond)
\t}
}()
"""


def ticks(k: Kernel, tag: str) -> list[tuple[int, str]]:
    """(tick number, parent msg_id) of every tick line seen on IOPub so far."""
    out = []
    for m in k.log:
        if m["msg_type"] != "stream":
            continue
        for n in re.findall(rf"{tag} (\d+)", m["content"]["text"]):
            out.append((int(n), m["parent_header"].get("msg_id")))
    return out


def test_goroutine_output_goes_to_its_own_cell(live_kernel: Kernel) -> None:
    k = live_kernel
    cell1 = k.execute(TICKER % {"n": 25, "tag": "tick-routing"})
    assert cell1.status == "ok", cell1.describe()

    cell2 = k.execute('import (\n\t"fmt"\n\t"time"\n)\ntime.Sleep(1500 * time.Millisecond)\nfmt.Println("cell two done")')
    assert cell2.status == "ok", cell2.describe()
    assert cell2.stdout == "cell two done\n", "goroutine output leaked into the running cell:\n" + (
        cell2.describe()
    )

    # Let the goroutine finish, then look at every tick.
    k.wait_iopub(lambda m: "tick-routing 24" in m["content"].get("text", ""), 10)
    seen = ticks(k, "tick-routing")
    assert [n for n, _ in seen] == list(range(25)), seen
    parents = {p for _, p in seen}
    assert parents == {cell1.msg_id}, f"ticks carried parents {parents}, not only cell 1's"

    # The check means something only if ticks arrived while cell 2 was running.
    busy2 = next(i for i, m in enumerate(k.log) if m["parent_header"].get("msg_id") == cell2.msg_id)
    idle2 = max(i for i, m in enumerate(k.log) if m["parent_header"].get("msg_id") == cell2.msg_id)
    during = [m for m in k.log[busy2:idle2] if m["msg_type"] == "stream" and "tick-routing" in m["content"]["text"]]
    assert len(during) >= 5, "too few ticks during cell 2 for the test to mean anything"


def test_goroutine_display_and_panic_go_to_their_own_cell(live_kernel: Kernel) -> None:
    k = live_kernel
    cell1 = k.execute(
        'import "time"\n'
        "go func() {\n"
        "\ttime.Sleep(400 * time.Millisecond)\n"
        '\tdisplay.HTML("<b>late display</b>")\n'
        '\tpanic("late goroutine panic")\n'
        "}()\n"
    )
    assert cell1.status == "ok"
    cell2 = k.execute('import "time"\ntime.Sleep(1 * time.Second)\n"cell two"')
    assert cell2.status == "ok", cell2.describe()
    assert not cell2.displays and not cell2.errors, cell2.describe()
    late_display = k.wait_iopub(lambda m: m["msg_type"] == "display_data" and "late display" in str(m["content"]), 5)
    late_error = k.wait_iopub(lambda m: m["msg_type"] == "error" and "late goroutine panic" in m["content"]["evalue"], 5)
    assert late_display is not None and late_error is not None
    assert late_display["parent_header"]["msg_id"] == cell1.msg_id
    assert late_error["parent_header"]["msg_id"] == cell1.msg_id
    k.assert_answers()


def test_interrupt_stops_only_the_running_cell(live_kernel: Kernel) -> None:
    k = live_kernel
    cell1 = k.execute(TICKER % {"n": 40, "tag": "tick-survivor"})
    assert cell1.status == "ok", cell1.describe()
    k.wait_iopub(lambda m: "tick-survivor 2" in m["content"].get("text", ""), 5)

    runaway = k.send_execute("for {\n}")
    assert k.wait_iopub(lambda m: m["msg_type"] == "execute_input" and m["parent_header"]["msg_id"] == runaway, 10)
    time.sleep(0.5)
    k.interrupt()
    stopped = k.collect(runaway, timeout=10)
    assert stopped.status == "error", stopped.describe()
    before = max(n for n, _ in ticks(k, "tick-survivor"))

    # The goroutine of cell 1 keeps ticking after the interrupt, still into cell 1.
    later = k.wait_iopub(
        lambda m: m["msg_type"] == "stream"
        and any(int(n) >= before + 5 for n in re.findall(r"tick-survivor (\d+)", m["content"]["text"])),
        10,
    )
    assert later is not None, f"the goroutine of an earlier cell stopped at tick {before} after the interrupt"
    assert later["parent_header"]["msg_id"] == cell1.msg_id
    k.assert_answers()


def test_goroutines_loop_variable_semantics_and_results(live_kernel: Kernel) -> None:
    ex = live_kernel.execute(
        'import "sync"\n'
        "results := make([]int, 4)\n"
        "var wg sync.WaitGroup\n"
        "for i := 0; i < 4; i++ {\n"
        "\twg.Add(1)\n"
        "\tgo func(i int) { defer wg.Done(); results[i] = i * i }(i)\n"
        "}\n"
        "wg.Wait()\n"
        "results"
    )
    assert ex.status == "ok", ex.describe()
    assert ex.result_text == "[0 1 4 9]"
