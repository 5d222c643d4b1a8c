"""A console query's live area (issue 5, Acceptance: the jupyter_client test).

Cell 1 starts a console query on the rate source; later cells run other code. The query's
update_display_data messages carry cell 1's display_id and parent header, keep arriving during
and after the other cells with increasing batch numbers, stay within the throttle (about 4
updates a second), and nothing of the query lands in any other cell."""

from __future__ import annotations

import re
import time
from datetime import datetime

from harness import Kernel

START = """q := spark.ReadStream().Format("rate").Option("rowsPerSecond", 20).Load().
	WriteStream().Format("console").Trigger(streaming.ProcessingTime("250 milliseconds")).Start()"""

OTHER = """import (
\t"fmt"
\t"time"
)
time.Sleep(1500 * time.Millisecond)
fmt.Println("other cell %d")
%d * 2"""


def batch_number(msg: dict) -> int | None:
    m = re.match(r"-{43}\nBatch: (\d+)\n", msg["content"]["data"].get("text/plain", ""))
    return int(m.group(1)) if m else None


def shown_batches(k: Kernel, display_id: str) -> set[int]:
    """The batch numbers the live area has shown so far."""
    return {b for m in k.log if m["msg_type"] == "update_display_data"
            and m["content"]["transient"]["display_id"] == display_id
            for b in [batch_number(m)] if b is not None}


def published(msg: dict) -> datetime:
    return datetime.fromisoformat(str(msg["header"]["date"]).replace("Z", "+00:00"))


def test_console_query_updates_its_own_cell(live_kernel: Kernel) -> None:
    k = live_kernel
    cell1 = k.execute(START)
    assert cell1.status == "ok", cell1.describe()
    opened = cell1.displays
    assert len(opened) == 1, cell1.describe()
    display_id = opened[0]["transient"]["display_id"]
    assert display_id

    # Other cells run until the area has shown three batch numbers (more than three cells on a
    # loaded machine).
    others = []
    deadline = time.monotonic() + 40
    while len(others) < 3 or (len(shown_batches(k, display_id)) < 3 and time.monotonic() < deadline):
        i = len(others) + 2
        start = len(k.log)
        ex = k.execute(OTHER % (i, i))
        assert ex.status == "ok", ex.describe()
        assert ex.stdout == f"other cell {i}\n" and ex.result_text == str(2 * i)
        others.append((ex, start, len(k.log)))
    # Updates keep coming after the other cells.
    after = len(k.log)
    assert k.wait_iopub(lambda m: m["msg_type"] == "update_display_data", timeout=5, start=after) is not None
    stop = k.execute("q.Stop()")
    assert stop.status == "ok", stop.describe()
    k.drain(0.5)

    updates = [m for m in k.log if m["msg_type"] == "update_display_data"]
    assert updates, "no update_display_data"
    for m in updates:
        assert m["content"]["transient"]["display_id"] == display_id
        assert m["parent_header"]["msg_id"] == cell1.msg_id, "a query update went to another cell"
    batches = [b for b in map(batch_number, updates) if b is not None]
    assert batches == sorted(batches) and len(set(batches)) >= 3, batches
    # During each other cell, and after them, the area kept updating.
    for ex, start, end in others:
        during = [m for m in k.log[start:end] if m["msg_type"] == "update_display_data"]
        assert during, f"no update while {ex.msg_id} ran"
    assert any(m["msg_type"] == "update_display_data" for m in k.log[after:])
    # Nothing of the query lands in other cells.
    for ex in [o[0] for o in others] + [stop]:
        kinds = {m["msg_type"] for m in ex.msgs}
        assert not kinds & {"display_data", "update_display_data"}, ex.describe()
    # Throttled: consecutive updates at least ~250 ms apart, except the final state.
    times = [published(m) for m in updates]
    gaps = [(b - a).total_seconds() for a, b in zip(times[:-2], times[1:-1])]
    assert all(g >= 0.2 for g in gaps), gaps
    final = updates[-1]["content"]["data"]["text/html"]
    assert re.search(r"stopped after \d+ batches", final), final
