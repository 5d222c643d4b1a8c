"""The streaming teaching notebooks (issue 5) run headless with `jupyter nbconvert --execute`
against the embedded Kafka broker (`bin/eddy broker`, started here on a free port and passed to
the notebooks in EDDY_KAFKA_BOOTSTRAP), with no error cell, and their key outputs match what
the seed data says.

With KAFKA_BOOTSTRAP set (`make test-kafka-real` sets it to the Apache Kafka broker of
scripts/kafka/start-kafka), the Kafka notebooks (02, 03, 04) use that broker instead. Their topic
names are fixed in the notebooks, so each notebook's topics are deleted before it runs."""

from __future__ import annotations

import collections
import contextlib
import csv
import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import ARTIFACTS, REPO

NOTEBOOKS = REPO / "notebooks"
EDDY = REPO / "bin" / "eddy"
RIDES = list(csv.DictReader(open(REPO / "data" / "rides.csv", newline="")))
EXTERNAL_KAFKA = os.environ.get("KAFKA_BOOTSTRAP", "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def service(args: list[str], ready_line: str):
    """bin/eddy with args, running until the block ends; it must print ready_line first."""
    proc = subprocess.Popen([str(EDDY), *args], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line == ready_line, f"eddy {' '.join(args)} printed {line!r}"
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def delete_topics(addr: str, *names: str) -> None:
    """Deletes names from the external broker at addr and waits until they are gone, so that a
    notebook starts from empty topics however often it ran against that broker before."""
    from kafka.admin import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=addr, request_timeout_ms=10_000)
    try:
        existing = set(admin.list_topics()) & set(names)
        if existing:
            admin.delete_topics(sorted(existing), timeout_ms=10_000)
        deadline = time.monotonic() + 30
        while set(admin.list_topics()) & set(names):
            assert time.monotonic() < deadline, f"topics {names} still exist on {addr} after 30s"
            time.sleep(0.1)
    finally:
        admin.close()


@contextlib.contextmanager
def kafka_broker(*topics: str):
    """The bootstrap address of a fresh embedded Kafka broker, or of the external broker of
    KAFKA_BOOTSTRAP with topics deleted."""
    if EXTERNAL_KAFKA:
        delete_topics(EXTERNAL_KAFKA, *topics)
        yield EXTERNAL_KAFKA
        return
    addr = f"127.0.0.1:{free_port()}"
    with service(["broker", "--addr", addr], addr):
        yield addr


@pytest.fixture(scope="module")
def broker() -> str:
    """A Kafka broker for 02-kafka-rides; its bootstrap address."""
    with kafka_broker("rides_csv", "vendor_counts_windowed") as addr:
        yield addr


@contextlib.contextmanager
def events_api():
    """A broker of its own and the events API publishing to its topic `events`: the
    notebook's environment variables."""
    http = f"127.0.0.1:{free_port()}"
    with kafka_broker("events") as kafka, \
            service(["produce", "events", "--listen", http, "--bootstrap", kafka, "--topic", "events"],
                    f"events API on http://{http}"):
        yield {"EDDY_KAFKA_BOOTSTRAP": kafka, "EDDY_EVENTS_URL": f"http://{http}"}


def execute(name: str, **env_vars: str) -> nbformat.NotebookNode:
    """Runs notebooks/<name> headless with env_vars set; returns the executed notebook."""
    out = ARTIFACTS / name.replace(".ipynb", ".executed.ipynb")
    env = dict(os.environ, **env_vars)
    run = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
         "--ExecutePreprocessor.timeout=120", "--output", str(out), str(NOTEBOOKS / name)],
        capture_output=True, text=True, timeout=600, env=env, cwd=NOTEBOOKS,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    return nbformat.read(out, as_version=4)


def cell(nb: nbformat.NotebookNode, start: str) -> nbformat.NotebookNode:
    found = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith(start)]
    assert len(found) == 1, f"{len(found)} code cells start with {start!r}"
    return found[0]


def stdout(c) -> str:
    return "".join(o["text"] for o in c.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def displays(c) -> list[dict]:
    return [o["data"] for o in c.outputs if o["output_type"] == "display_data"]


def show_rows(text: str) -> list[list[str]]:
    """The data rows of a show() table."""
    lines = [ln for ln in text.splitlines() if ln.startswith("|")]
    return [[f.strip() for f in ln.strip("|").split("|")] for ln in lines[1:]]


def spark_show(header: list[str], rows: list[list[str]]) -> str:
    """show() text of right-aligned columns (no truncation), as Spark prints it."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    rule = "+" + "+".join("-" * w for w in widths) + "+"
    line = lambda cells: "|" + "|".join(c.rjust(w) for c, w in zip(cells, widths)) + "|"
    return "\n".join([rule, line(header), rule, *map(line, rows), rule]) + "\n"


def check_notebook_file(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "eddy"
    assert nb.metadata.kernelspec.display_name == "Go (Eddy)"
    assert nb.metadata.kernelspec.language == "go"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "committed with outputs"
    assert any(c.cell_type == "markdown" for c in nb.cells), "a teaching notebook has prose"


def errors(nb) -> list[str]:
    return [f"{c.source.splitlines()[0]}: {o['ename']}: {o['evalue']}"
            for c in nb.cells if c.cell_type == "code" for o in c.outputs if o["output_type"] == "error"]


# --- 02-kafka-rides -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rides_nb(broker) -> nbformat.NotebookNode:
    return execute("02-kafka-rides.ipynb", EDDY_KAFKA_BOOTSTRAP=broker)


def test_02_is_a_go_notebook() -> None:
    check_notebook_file("02-kafka-rides.ipynb")


def test_02_runs_without_errors(rides_nb) -> None:
    assert errors(rides_nb) == []


def test_02_producer_sends_every_ride(rides_nb) -> None:
    assert f"sent {len(RIDES)} rides to rides_csv\n" in stdout(cell(rides_nb, "csv := spark.Read()"))


def test_02_vendor_counts_match_rides_csv(rides_nb) -> None:
    want = collections.Counter(r["VendorID"] for r in RIDES)
    got = show_rows(stdout(cell(rides_nb, "vendorTable :=")))
    assert {v: int(n) for v, n in got} == want
    # The live console table of the complete-mode query: Spark's console text for the batch.
    shown = displays(cell(rides_nb, "vendorCounts :="))
    assert len(shown) == 1
    rows = [[v, str(n)] for v, n in sorted(want.items())]
    dashes = "-" * 43
    assert shown[0]["text/plain"] == f"{dashes}\nBatch: 0\n{dashes}\n" + spark_show(["vendor_id", "count"], rows) + "\n"
    html = shown[0]["text/html"]
    assert "<b>Batch: 0</b>" in html and f"{len(RIDES)} rows · input " in html


def test_02_console_append_shows_the_batch_and_keeps_running(rides_nb) -> None:
    c = cell(rides_nb, "consoleQuery :=")
    shown = displays(c)
    assert len(shown) == 1
    text = shown[0]["text/plain"]
    assert text.startswith("-" * 43 + "\nBatch: 0\n" + "-" * 43 + "\n+---------+")
    assert text.endswith("only showing top 5 rows\n\n")
    first = RIDES[0]
    assert f"|        1| {first['tpep_pickup_datetime']}|  {first['tpep_dropoff_datetime']}|" in text
    html = shown[0]["text/html"]
    assert "<b>Batch: 0</b>" in html
    assert re.search(rf"{len(RIDES)} rows · input [\d.]+ rows/s · processed [\d.]+ rows/s · batch duration \d+ ms", html)
    # The ProcessingTime query is still running when AwaitTermination(5 s) returns; a later
    # cell stops it (its final line reaches this cell after nbconvert has moved on).
    assert [o["data"]["text/plain"] for o in c.outputs if o["output_type"] == "execute_result"] == ["false"]
    assert "active queries: 0\n" in stdout(cell(rides_nb, 'fmt.Println("last batch read"'))
    # The query as a cell's last value: its status card, the fields and the rate chart.
    [card_cell] = [x for x in rides_nb.cells if x.source == "consoleQuery"]
    card = displays(card_cell)
    assert len(card) == 2 and "application/vnd.vegalite.v5+json" in card[1]
    assert re.search(r"batchId:\s+0\n", card[0]["text/plain"]), card[0]["text/plain"]


def test_02_memory_sink_sql(rides_nb) -> None:
    c = cell(rides_nb, "memoryQuery :=")
    assert show_rows(stdout(c)) == [[str(len({r["VendorID"] for r in RIDES}))]]
    # The memory sink's live table: the last 20 rows and the total (append mode).
    shown = displays(c)
    assert len(shown) == 1
    head, table = shown[0]["text/plain"].split("\n", 1)
    assert head == f"memory table rides_memory after batch 0: {len(RIDES)} rows in total, showing the last 20 rows"
    assert [r[0] for r in show_rows(table)] == [r["VendorID"] for r in RIDES[-20:]]
    assert "stopped after 1 batches" in shown[0]["text/html"]


def windows_per_vendor() -> set[tuple[str, dt.datetime]]:
    """(vendor, window start) of the 10-minute windows sliding every 5 minutes."""
    out = set()
    for r in RIDES:
        t = dt.datetime.strptime(r["tpep_pickup_datetime"], "%Y-%m-%d %H:%M:%S")
        start = t.replace(minute=t.minute - t.minute % 5, second=0)
        out |= {(r["VendorID"], start), (r["VendorID"], start - dt.timedelta(minutes=5))}
    return out


def test_02_windowed_counts_into_kafka(rides_nb) -> None:
    shown = show_rows(stdout(cell(rides_nb, "windowed := rides.")))
    assert len(shown) == 6 and all(int(n) >= 1 for *_, n in shown)
    out = stdout(cell(rides_nb, "written := spark.Read()"))
    assert f"messages in vendor_counts_windowed: {len(windows_per_vendor())}\n" in out


# --- 01-socket-fraud-detection --------------------------------------------------------------

TRANSACTIONS = 40  # the notebook's `wanted`


@pytest.fixture(scope="module")
def transactions_producer() -> str:
    """`eddy produce transactions` sending TRANSACTIONS lines to every client, then closing."""
    addr = f"127.0.0.1:{free_port()}"
    proc = subprocess.Popen([str(EDDY), "produce", "transactions", "--listen", addr, "--count", str(TRANSACTIONS)],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line == f"serving transactions on {addr}", line
        yield addr
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def read_transactions(addr: str) -> list[dict]:
    """What the producer sends a client (the same seeded sequence to every client)."""
    host, port = addr.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as s, s.makefile() as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def fraud_nb(transactions_producer) -> nbformat.NotebookNode:
    return execute("01-socket-fraud-detection.ipynb", EDDY_TRANSACTIONS_ADDR=transactions_producer)


def test_01_is_a_go_notebook() -> None:
    check_notebook_file("01-socket-fraud-detection.ipynb")


def test_01_runs_without_errors(fraud_nb) -> None:
    assert errors(fraud_nb) == []


def test_01_test_data_logic(fraud_nb) -> None:
    assert show_rows(stdout(cell(fraud_nb, "func flaggedPerUser("))) == [["AliceSmith", "2", "true"]]


def test_01_fraud_table_matches_the_producer(fraud_nb, transactions_producer) -> None:
    sent = read_transactions(transactions_producer)
    assert len(sent) == TRANSACTIONS
    flagged = collections.Counter(t["name"] + t["surname"] for t in sent if t["flag"] == 1)
    want = [[user, str(n), "true"] for user, n in sorted(flagged.items()) if n > 1]
    assert want, "the seeded sequence has a fraudulent user"
    assert show_rows(stdout(cell(fraud_nb, "complete := fraud("))) == want


def test_01_console_update_mode_is_live(fraud_nb) -> None:
    shown = displays(cell(fraud_nb, "updates := flaggedPerUser("))
    assert len(shown) == 1
    assert re.match(r"-{43}\nBatch: \d+\n-{43}\n\+-+\+-----\+\n\|\s*userID\|count\|\n", shown[0]["text/plain"])
    assert "<b>Batch: " in shown[0]["text/html"]


# --- 05-windows-watermarks-joins ------------------------------------------------------------

LATE_RIDES = [("1", "2020-07-01 01:20:00"), ("2", "2020-07-01 02:05:00")]  # the notebook's rides-2.csv


@pytest.fixture(scope="module")
def windows_nb() -> nbformat.NotebookNode:
    return execute("05-windows-watermarks-joins.ipynb")


def test_05_is_a_go_notebook() -> None:
    check_notebook_file("05-windows-watermarks-joins.ipynb")


def test_05_runs_without_errors(windows_nb) -> None:
    assert errors(windows_nb) == []


def test_05_stream_static_join(windows_nb) -> None:
    zones = {z["locationid"]: z["borough"] for z in csv.DictReader(open(REPO / "data" / "taxi_zone_lookup.csv", newline=""))}
    want = collections.Counter(zones[r["PULocationID"]] for r in RIDES if r["PULocationID"] in zones)
    got = show_rows(stdout(cell(windows_nb, "pickupZones := zones.")))
    assert {b: int(n) for b, n in got} == want
    assert [int(n) for _, n in got] == sorted((int(n) for _, n in got), reverse=True)


def test_05_tumbling_windows_and_late_data(windows_nb) -> None:
    shown = displays(cell(windows_nb, "checkpoint, _ :="))
    assert len(shown) == 1
    text = shown[0]["text/plain"]
    batch0 = text.split("Batch: 1\n")[0]
    assert batch0.startswith("-" * 43 + "\nBatch: 0\n")
    assert sum(int(n) for _, n in show_rows(batch0)) == len(RIDES)
    assert "stopped after 2 batches" in shown[0]["text/html"]
    out = stdout(cell(windows_nb, "os.WriteFile("))
    assert out.splitlines()[0] == "batch 2: 2 input rows, 1 dropped by the watermark"
    restarted = displays(cell(windows_nb, "os.WriteFile("))[0]["text/plain"]
    assert show_rows(restarted.split("Batch: 3\n")[0]) == [["{2020-07-01 02:00:00, 2020-07-01 02:15:00}", "1"]]


def test_05_sliding_windows(windows_nb) -> None:
    counts = collections.Counter()
    for vendor, pickup in [(r["VendorID"], r["tpep_pickup_datetime"]) for r in RIDES] + LATE_RIDES:
        t = dt.datetime.strptime(pickup, "%Y-%m-%d %H:%M:%S")
        start = t.replace(minute=t.minute - t.minute % 5, second=0)
        for s in (start, start - dt.timedelta(minutes=5)):
            counts[(s, vendor)] += 1
    fmt = "%Y-%m-%d %H:%M:%S"
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], int(kv[0][1])))[:5]
    want = [[s.strftime(fmt), (s + dt.timedelta(minutes=10)).strftime(fmt), v, str(n)] for (s, v), n in ranked]
    assert show_rows(stdout(cell(windows_nb, "sliding := rides."))) == want


# --- 03-game-events -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def game_nb() -> nbformat.NotebookNode:
    with events_api() as env:
        return execute("03-game-events.ipynb", **env)


def test_03_is_a_go_notebook() -> None:
    check_notebook_file("03-game-events.ipynb")


def test_03_runs_without_errors(game_nb) -> None:
    assert errors(game_nb) == []


def test_03_api_answers(game_nb) -> None:
    assert stdout(cell(game_nb, 'fmt.Print(call("/"')) == (
        "This is the default response!\nSword Purchased!\nSword Purchased!\nJoined guild!\nSword Purchased!\n")


def test_03_events_read_back_and_extracted(game_nb) -> None:
    assert "5 events\n" in stdout(cell(game_nb, "raw := spark.Read()"))
    schema = cell(game_nb, "sample := ").outputs[0]["data"]["text/plain"]
    assert schema == "STRUCT<`Accept-Encoding`: STRING, Host: STRING, `User-Agent`: STRING, event_type: STRING>"
    rows = show_rows(stdout(cell(game_nb, "extracted := ")).split("\n\n")[-2])
    assert [(r[1], r[3]) for r in rows] == [
        ("user1.comcast.com", "default"), ("user1.comcast.com", "purchase_sword"), ("user2.att.com", "purchase_sword"),
        ("user2.att.com", "join_guild"), ("user3.verizon.com", "purchase_sword")]
    assert show_rows(stdout(cell(game_nb, "extracted.GroupBy("))) == [
        ["default", "1"], ["join_guild", "1"], ["purchase_sword", "3"]]


# --- 04-events-to-parquet-and-sql -----------------------------------------------------------

@pytest.fixture(scope="module")
def parquet_nb() -> nbformat.NotebookNode:
    with events_api() as env:
        return execute("04-events-to-parquet-and-sql.ipynb", **env)


def test_04_is_a_go_notebook() -> None:
    check_notebook_file("04-events-to-parquet-and-sql.ipynb")


def test_04_runs_without_errors(parquet_nb) -> None:
    assert errors(parquet_nb) == []


def test_04_parquet_folders(parquet_nb) -> None:
    """Each sink wrote Parquet files and Spark's _spark_metadata log (the rows are read back by
    the SQL cells)."""
    folders = dict(re.findall(r"^(\w+) → (.+)$", stdout(cell(parquet_nb, "base, _ :=")), re.M))
    assert sorted(folders) == ["deposit", "join_guild", "purchase_sword", "withdraw"]
    for folder in folders.values():
        files = sorted(Path(folder).glob("*.parquet"))
        assert files, f"no parquet files in {folder}"
        for f in files:
            data = f.read_bytes()
            assert data[:4] == b"PAR1" and data[-4:] == b"PAR1", f
        assert (Path(folder) / "_spark_metadata").is_dir()


def test_04_sql_over_the_folders(parquet_nb) -> None:
    assert show_rows(stdout(cell(parquet_nb, "views := "))) == [["3"]]
    assert show_rows(stdout(cell(parquet_nb, "spark.SQL(`SELECT 'sword_purchases'"))) == [
        ["sword_purchases", "3"], ["guild_joins", "2"], ["deposits", "4"], ["withdrawals", "1"]]
    swords, deposits = stdout(cell(parquet_nb, 'spark.SQL("SELECT Host, count(*) AS swords')).split("\n\n")[:2]
    assert show_rows(swords) == [["user1.comcast.com", "2"], ["user2.att.com", "1"]]
    assert show_rows(deposits) == [["user2.att.com", "2"], ["user1.comcast.com", "1"], ["user3.verizon.com", "1"]]
