"""Kafka interop with an independent client (issue 4, Acceptance: Interop): kafka-python talks to
the embedded broker (`bin/eddy broker`, started here on a free port), and the real kernel,
driven over jupyter_client, reads and writes the same topics from Go cells.

- Eddy reads what kafka-python produced (batch read and an AvailableNow stream into a memory
  sink): keys, values, CAST(... AS STRING), topic, partitions, offsets, timestamps and headers.
- kafka-python reads back byte for byte what Eddy's Kafka sink wrote (batch write and a
  streaming write): keys, values, partitions and headers.

Every byte string crosses the kernel boundary hex-encoded, with null kept apart from empty.

With KAFKA_BOOTSTRAP set (`make test-kafka-real` sets it to the Apache Kafka broker of
scripts/kafka/start-kafka), the same tests run against that broker instead, on topic names unique
to the run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from conftest import REPO
from harness import Kernel

EDDY = REPO / "bin" / "eddy"
PARTITIONS = 3
EXTERNAL = os.environ.get("KAFKA_BOOTSTRAP", "")
# On an external broker topics outlive the test: each run gets its own names.
SUFFIX = f"_{time.time_ns()}" if EXTERNAL else ""
FROM_PYTHON = "from_kafka_python" + SUFFIX
TS0 = 1_700_000_000_000  # ms; each record's CreateTime is TS0 + its index

# (partition, key, value, headers) as kafka-python sends them: null and empty keys, values and
# header values, UTF-8 beyond ASCII, bytes that are not UTF-8, repeated header keys.
PRODUCED = [
    (0, b"k0", b"hello world", [("origin", b"kafka-python")]),
    (1, b"k1", b'{"a": 1}', [("origin", b"kafka-python"), ("n", b"1"), ("n", b"2")]),
    (2, "ünïcødé".encode(), "välüe ✓".encode(), []),
    (0, None, b"no key", [("origin", b"kafka-python")]),
    (1, b"k4", b"", [("empty", b"")]),
    (2, b"k5", None, [("tombstone", b"yes")]),
    (0, b"", b"empty key", []),
    (1, b"\x00\xff\x80", b"\xc3\x28\x00\xfe", [("bin", b"\x00\x01\xff")]),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def broker():
    """The embedded broker on a free port with PARTITIONS partitions per topic, killed at
    teardown, or the external broker of KAFKA_BOOTSTRAP; its bootstrap address."""
    if EXTERNAL:
        yield EXTERNAL
        return
    addr = f"127.0.0.1:{free_port()}"
    proc = subprocess.Popen(
        [str(EDDY), "broker", "--addr", addr, "--partitions", str(PARTITIONS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", int(addr.rsplit(":", 1)[1])), 0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"eddy broker did not start on {addr}: {proc.stdout.read()!r}")
                time.sleep(0.05)
        yield addr
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()


def create_topics(addr: str, *names: str) -> None:
    from kafka.admin import KafkaAdminClient, NewTopic

    admin = KafkaAdminClient(bootstrap_servers=addr, request_timeout_ms=10_000)
    try:
        admin.create_topics([NewTopic(n, PARTITIONS, 1) for n in names])
    finally:
        admin.close()


@pytest.fixture(scope="module")
def produced(broker: str) -> list[dict]:
    """PRODUCED sent by kafka-python to FROM_PYTHON; each record with the partition, offset
    and timestamp the broker acknowledged."""
    create_topics(broker, FROM_PYTHON)
    producer = KafkaProducer(bootstrap_servers=broker, acks="all", linger_ms=0)
    try:
        futures = [
            producer.send(FROM_PYTHON, key=k, value=v, headers=h, partition=p, timestamp_ms=TS0 + i)
            for i, (p, k, v, h) in enumerate(PRODUCED)
        ]
        producer.flush(10)
        out = []
        for (p, k, v, h), f in zip(PRODUCED, futures):
            md = f.get(10)
            assert md.partition == p
            out.append({"partition": md.partition, "offset": md.offset, "timestamp_ms": md.timestamp,
                        "key": k, "value": v, "headers": h})
        return out
    finally:
        producer.close(5)


# A cell helper: one JSON line per row, "ROW " first, []byte as {"b": hex}, string as
# {"s": hex} (so invalid UTF-8 stays exact), nested rows and arrays as lists, time as µs.
HELPERS = [
    'import (\n\t"encoding/hex"\n\t"encoding/json"\n\t"fmt"\n\t"time"\n)',
    """func kafkaJSON(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case []byte:
		return map[string]string{"b": hex.EncodeToString(x)}
	case string:
		return map[string]string{"s": hex.EncodeToString([]byte(x))}
	case time.Time:
		return x.UnixMicro()
	case []any:
		out := []any{}
		for _, e := range x {
			out = append(out, kafkaJSON(e))
		}
		return out
	case Row:
		return kafkaJSON(x.Values())
	}
	return v
}""",
    """func printRows(rows []Row) {
	for _, r := range rows {
		b, err := json.Marshal(kafkaJSON(r))
		if err != nil {
			panic(err)
		}
		fmt.Println("ROW " + string(b))
	}
}""",
]

READ_COLUMNS = (
    '"key", "value", "CAST(key AS STRING) AS skey", "CAST(value AS STRING) AS svalue", '
    '"topic", "partition", "offset", "timestamp", "timestampType", "headers"'
)


def run(k: Kernel, code: str, timeout: float = 30) -> str:
    ex = k.execute(code, timeout=timeout)
    assert ex.status == "ok" and not ex.errors, f"cell failed:\n{code}\n{ex.describe()}"
    return ex.stdout


@pytest.fixture
def cells(live_kernel: Kernel) -> Kernel:
    for code in HELPERS:
        run(live_kernel, code)
    return live_kernel


def b(v: bytes | None):
    return None if v is None else {"b": v.hex()}


def s(v: bytes | None):
    return None if v is None else {"s": v.hex()}


def by_offset(rows: list[list]) -> list[list]:
    """Rows of READ_COLUMNS ordered by (partition, offset)."""
    return sorted(rows, key=lambda r: (r[5], r[6]))


def expected_rows(produced: list[dict]) -> list[list]:
    """What Eddy must show for each produced record, in Spark's Kafka schema with headers."""
    return by_offset(
        [
            b(r["key"]), b(r["value"]), s(r["key"]), s(r["value"]), {"s": FROM_PYTHON.encode().hex()},
            r["partition"], r["offset"], r["timestamp_ms"] * 1000, 0,
            [[{"s": hk.encode().hex()}, b(hv)] for hk, hv in r["headers"]],
        ]
        for r in produced
    )


def parse_rows(stdout: str) -> list[list]:
    return [json.loads(line[4:]) for line in stdout.splitlines() if line.startswith("ROW ")]


def test_eddy_batch_reads_what_kafka_python_produced(cells: Kernel, broker: str, produced: list[dict]) -> None:
    out = run(
        cells,
        f'df := spark.Read().Format("kafka").Option("kafka.bootstrap.servers", "{broker}").\n'
        f'\tOption("subscribe", "{FROM_PYTHON}").Option("startingOffsets", "earliest").\n'
        '\tOption("endingOffsets", "latest").Option("includeHeaders", true).Load()\n'
        f"printRows(df.SelectExpr({READ_COLUMNS}).Collect())",
    )
    got = parse_rows(out)
    assert len(got) == len(PRODUCED), out
    assert by_offset(got) == expected_rows(produced)


def test_eddy_streams_what_kafka_python_produced(cells: Kernel, broker: str, produced: list[dict]) -> None:
    run(
        cells,
        f'sq := spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", "{broker}").\n'
        f'\tOption("subscribe", "{FROM_PYTHON}").Option("startingOffsets", "earliest").\n'
        '\tOption("includeHeaders", true).Load().\n'
        f"\tSelectExpr({READ_COLUMNS}).\n"
        '\tWriteStream().Format("memory").QueryName("kafka_python_in").\n'
        "\tTrigger(streaming.AvailableNow()).Start()",
    )
    out = run(cells, 'fmt.Println("terminated:", sq.AwaitTermination(20 * time.Second), "exception:", sq.Exception())')
    assert "terminated: true exception: <nil>" in out, out
    got = parse_rows(run(cells, 'printRows(spark.Table("kafka_python_in").Collect())'))
    assert by_offset(got) == expected_rows(produced)


def consume_all(addr: str, topic: str) -> list:
    """Every record of topic, read by kafka-python from the beginning to the end offsets."""
    consumer = KafkaConsumer(bootstrap_servers=addr, enable_auto_commit=False, consumer_timeout_ms=5000)
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
        assert len(tps) == PARTITIONS, tps
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        records = []
        deadline = time.monotonic() + 15
        while any(consumer.position(tp) < end[tp] for tp in tps) and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()


def as_sent(records) -> list[tuple]:
    """(partition, key, value, headers) of consumed records, ordered by partition and offset."""
    return [
        (r.partition, r.key, r.value, [(hk, hv) for hk, hv in r.headers])
        for r in sorted(records, key=lambda r: (r.partition, r.offset))
    ]


def by_partition(rows: list[tuple]) -> list[tuple]:
    """rows in partition order, keeping their relative order within each partition."""
    return sorted(rows, key=lambda r: r[0])


def test_kafka_python_reads_eddy_batch_write(cells: Kernel, broker: str) -> None:
    topic = "from_eddy_batch" + SUFFIX
    create_topics(broker, topic)
    # String keys and values (null key, empty value, non-ASCII UTF-8) with headers and an
    # explicit partition, then binary keys and values that are not UTF-8.
    out = run(
        cells,
        'strs := spark.CreateDataFrame([][]any{\n'
        '\t{"k0", "v0 ü", 0, "x0"},\n'
        '\t{nil, "no key", 1, "x1"},\n'
        '\t{"k2", "", 2, ""},\n'
        '\t{"ünïcødé ✓", "{\\"a\\": [1, 2]}", 0, "x3"},\n'
        '}, "key STRING, value STRING, partition INT, h STRING").\n'
        "\tSelectExpr(\"key\", \"value\", \"partition\", "
        "\"array(named_struct('key', 'h', 'value', CAST(h AS BINARY)), "
        "named_struct('key', 'origin', 'value', CAST('eddy' AS BINARY))) AS headers\")\n"
        f'err1 := strs.Write().Format("kafka").Option("kafka.bootstrap.servers", "{broker}").Option("topic", "{topic}").Save()\n'
        'fmt.Println("strings:", err1)',
    )
    out += run(
        cells,
        'bins := spark.CreateDataFrame([][]any{\n'
        '\t{[]byte{0x00, 0xff, 0x80}, []byte{0xc3, 0x28, 0x00, 0xfe}, 1},\n'
        '\t{[]byte{0x01}, []byte{0xff}, 1},\n'
        '}, "key BINARY, value BINARY, partition INT")\n'
        f'err2 := bins.Write().Format("kafka").Option("kafka.bootstrap.servers", "{broker}").Option("topic", "{topic}").Save()\n'
        'fmt.Println("binary:", err2)',
    )
    assert out == "strings: <nil>\nbinary: <nil>\n", out

    def hdr(h: bytes) -> list:
        return [("h", h), ("origin", b"eddy")]

    want = by_partition([
        (0, b"k0", "v0 ü".encode(), hdr(b"x0")),
        (1, None, b"no key", hdr(b"x1")),
        (2, b"k2", b"", hdr(b"")),
        (0, "ünïcødé ✓".encode(), b'{"a": [1, 2]}', hdr(b"x3")),
        (1, b"\x00\xff\x80", b"\xc3\x28\x00\xfe", []),
        (1, b"\x01", b"\xff", []),
    ])
    assert as_sent(consume_all(broker, topic)) == want


def test_kafka_python_reads_eddy_streaming_write(cells: Kernel, broker: str, produced: list[dict], tmp_path: Path) -> None:
    """A Kafka → Kafka stream copies kafka-python's records (keys, values, headers,
    partitions) byte for byte; kafka-python reads the copy."""
    topic = "from_eddy_stream" + SUFFIX
    create_topics(broker, topic)
    run(
        cells,
        f'wq := spark.ReadStream().Format("kafka").Option("kafka.bootstrap.servers", "{broker}").\n'
        f'\tOption("subscribe", "{FROM_PYTHON}").Option("startingOffsets", "earliest").\n'
        '\tOption("includeHeaders", true).Load().\n'
        '\tSelectExpr("key", "value", "headers", "partition").\n'
        f'\tWriteStream().Format("kafka").Option("kafka.bootstrap.servers", "{broker}").\n'
        f'\tOption("topic", "{topic}").Option("checkpointLocation", "{tmp_path / "ck"}").\n'
        "\tTrigger(streaming.AvailableNow()).Start()",
    )
    out = run(cells, 'fmt.Println("terminated:", wq.AwaitTermination(20 * time.Second), "exception:", wq.Exception())')
    assert "terminated: true exception: <nil>" in out, out
    want = by_partition([(r["partition"], r["key"], r["value"], r["headers"]) for r in sorted(
        produced, key=lambda r: (r["partition"], r["offset"]))])
    assert as_sent(consume_all(broker, topic)) == want
