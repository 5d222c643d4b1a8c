"""A StreamingQuery's status card and spark.Streams() update live (issue 5, Status card).

Through the real kernel: a running query as a cell's last expression is shown as two
display_data outputs with display_ids, its fields and its Vega-Lite chart (frontends replace
display_data in place, never an execute_result); update_display_data for those display_ids
keeps arriving with the showing cell's parent header while later cells run, with increasing
batchIds and a growing Vega-Lite chart, at most about 4 a second each, and the final card ("Stopped") is sent when the query stops. spark.Streams() shows
the active queries the same way, until none is active."""

from __future__ import annotations

import re
import time

from harness import Kernel
from test_live_console import published

VEGA = "application/vnd.vegalite.v5+json"

START = """card := spark.ReadStream().Format("rate").Option("rowsPerSecond", 1000).Load().
	WriteStream().Format("noop").QueryName("live_card").Trigger(streaming.ProcessingTime("100 milliseconds")).Start()
card"""

OTHER = """import "time"
time.Sleep(1200 * time.Millisecond)
%d * 3"""


def batch_id(msg: dict) -> int:
    """The batchId on a card's fields."""
    m = re.search(r"batchId:\s+(\d+)", msg["content"]["data"]["text/plain"])
    assert m, msg["content"]["data"]["text/plain"]
    return int(m.group(1))


def shown_batches(k: Kernel, display_id: str) -> set[int]:
    """The batchIds the card's fields have shown so far."""
    return {batch_id(m) for m in k.log if m["msg_type"] == "update_display_data"
            and m["content"]["transient"]["display_id"] == display_id}


def chart_points(msg: dict) -> int:
    spec = msg["content"]["data"][VEGA]
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
    return len(spec["data"]["values"])


def test_status_card_updates_in_place(live_kernel: Kernel) -> None:
    k = live_kernel
    cell = k.execute(START)
    assert cell.status == "ok", cell.describe()
    assert cell.results == [], "a live card is display_data, not execute_result"
    # Two outputs: the fields (HTML) and the chart (JupyterLab shows one type of a bundle and
    # would pick the HTML over the chart).
    assert len(cell.displays) == 2, cell.describe()
    fields, chart = cell.displays
    fields_id, chart_id = fields["transient"]["display_id"], chart["transient"]["display_id"]
    assert fields_id and chart_id and fields_id != chart_id
    assert "live_card" in fields["data"]["text/plain"] and "<table>" in fields["data"]["text/html"]
    assert VEGA in chart["data"] and "text/html" not in chart["data"]

    # The rate source has new rows once a second: about one batch a second. Other cells run
    # until the card has shown three batchIds (longer on a loaded machine).
    others = []
    deadline = time.monotonic() + 40
    while len(others) < 4 or (len(shown_batches(k, fields_id)) < 3 and time.monotonic() < deadline):
        others.append(k.execute(OTHER % len(others)))
    assert [o.result_text for o in others] == [str(3 * i) for i in range(len(others))]
    stop = k.execute("card.Stop()")
    assert stop.status == "ok", stop.describe()
    k.drain(0.5)

    def updates(display_id: str) -> list[dict]:
        return [m for m in k.log if m["msg_type"] == "update_display_data"
                and m["content"]["transient"]["display_id"] == display_id]

    field_updates, chart_updates = updates(fields_id), updates(chart_id)
    assert len(field_updates) >= 4 and len(chart_updates) >= 4, (len(field_updates), len(chart_updates))
    for m in field_updates + chart_updates:
        assert m["parent_header"]["msg_id"] == cell.msg_id, "a card update went to another cell"
    for ex in others + [stop]:
        assert not ex.of_type("display_data", "update_display_data"), ex.describe()
    # The card kept changing while the other cells ran: growing batchIds and chart.
    ids = [batch_id(m) for m in field_updates]
    points = [chart_points(m) for m in chart_updates]
    assert ids == sorted(ids) and len(set(ids)) >= 3, ids
    assert points == sorted(points) and points[-1] > points[0], points
    # Throttled: consecutive updates of one display at least ~250 ms apart, except the final one.
    for ups in (field_updates, chart_updates):
        times = [published(m) for m in ups]
        gaps = [(b - a).total_seconds() for a, b in zip(times[:-2], times[1:-1])]
        assert all(g >= 0.2 for g in gaps), gaps
    final = field_updates[-1]["content"]["data"]["text/plain"]
    assert re.search(r"status:\s+Stopped", final), final
    assert ids[-1] >= ids[-2]


def test_streams_card_lists_the_active_queries_live(live_kernel: Kernel) -> None:
    k = live_kernel
    start = k.execute("""s1 := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").QueryName("streams_one").Start()
spark.Streams()""")
    assert start.status == "ok", start.describe()
    assert start.results == [] and len(start.displays) == 1, start.describe()
    display_id = start.displays[0]["transient"]["display_id"]
    assert start.displays[0]["data"]["text/plain"].startswith("1 active streaming queries")
    second = k.execute("""s2 := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").QueryName("streams_two").Start()""")
    assert second.status == "ok", second.describe()
    k.drain(0.6)
    stop = k.execute("s1.Stop()\ns2.Stop()")
    assert stop.status == "ok", stop.describe()
    k.drain(0.5)
    updates = [m for m in k.log if m["msg_type"] == "update_display_data"
               and m["content"]["transient"]["display_id"] == display_id]
    assert updates and all(m["parent_header"]["msg_id"] == start.msg_id for m in updates)
    texts = [m["content"]["data"]["text/plain"] for m in updates]
    assert any(t.startswith("2 active streaming queries") and "streams_two" in t for t in texts), texts
    assert texts[-1] == "0 active streaming queries", texts[-1]


def test_display_of_a_running_query_is_live_too(live_kernel: Kernel) -> None:
    k = live_kernel
    shown = k.execute("""shownQuery := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").Start()
display(shownQuery)
fmt.Println("shown")""")
    assert shown.status == "ok", shown.describe()
    assert shown.stdout == "shown\n" and len(shown.displays) == 2, shown.describe()
    ids = [d["transient"]["display_id"] for d in shown.displays]
    assert all(ids)
    stop = k.execute("shownQuery.Stop()")
    assert stop.status == "ok", stop.describe()
    k.drain(0.5)
    finals = {}
    for m in k.log:
        if m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] in ids:
            assert m["parent_header"]["msg_id"] == shown.msg_id
            finals[m["content"]["transient"]["display_id"]] = m["content"]["data"]
    assert set(finals) == set(ids), finals.keys()
    assert re.search(r"status:\s+Stopped", finals[ids[0]]["text/plain"])
    assert VEGA in finals[ids[1]]
