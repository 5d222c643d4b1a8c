"""A cell that waits on a failed streaming query fails as in PySpark (issue 4): awaitTermination,
processAllAvailable and spark.streams.awaitAnyTermination raise the query's
StreamingQueryException ("[STREAM_FAILED] Query [id = …, runId = …] terminated with exception:
…"), and the kernel survives. Each cell goes through jupyter_client over real ZeroMQ.
"""

from __future__ import annotations

import re

import pytest

from harness import Kernel

START_FAILING = """
dir, _ := os.MkdirTemp("", "eddy-await-failed-")
os.WriteFile(dir+"/a.txt", []byte("hello\\n"), 0o644)
failing := spark.ReadStream().Format("text").Load(dir).WriteStream().
	ForeachBatch(func(df *DataFrame, batchID int64) { panic("boom in batch " + fmt.Sprint(batchID)) }).
	Start()
fmt.Println(failing.ID(), failing.RunID())
"""

WAITS = {
    "AwaitTermination": "failing.AwaitTermination()",
    "AwaitTermination(timeout)": "failing.AwaitTermination(30 * time.Second)",
    "ProcessAllAvailable": "failing.ProcessAllAvailable()",
    "AwaitAnyTermination": "spark.Streams().AwaitAnyTermination()",
}


@pytest.fixture(scope="module")
def failed_query(kernel: Kernel) -> tuple[Kernel, str, str]:
    """The module's kernel with a started query whose foreachBatch panics; its id and run id."""
    kernel.ensure_alive()
    kernel.drain()
    imports = kernel.execute('import (\n\t"fmt"\n\t"os"\n\t"time"\n)')
    assert imports.status == "ok", imports.describe()
    ex = kernel.execute(START_FAILING)
    assert ex.status == "ok", ex.describe()
    ids = ex.stdout.split()
    assert len(ids) == 2, ex.describe()
    return kernel, ids[0], ids[1]


@pytest.mark.parametrize("call", list(WAITS), ids=list(WAITS))
def test_waiting_on_a_failed_query_raises_streaming_query_exception(failed_query, call) -> None:
    k, query_id, run_id = failed_query
    ex = k.execute(WAITS[call], timeout=60)
    assert ex.status == "error", ex.describe()
    assert ex.content["ename"] == "StreamingQueryException", ex.describe()
    err = ex.errors[-1]
    assert err["ename"] == "StreamingQueryException", ex.describe()
    prefix = f"[STREAM_FAILED] Query [id = {query_id}, runId = {run_id}] terminated with exception: "
    assert err["evalue"].startswith(prefix), ex.describe()
    assert re.search(r"boom in batch 0", err["evalue"]), ex.describe()
    # The kernel survives, and the query's state is still readable.
    k.assert_answers()
    after = k.execute("fmt.Println(failing.IsActive(), failing.Exception() != nil)")
    assert after.status == "ok" and after.stdout.strip() == "false true", after.describe()


def test_waiting_on_a_stopped_query_does_not_raise(failed_query) -> None:
    k, _, _ = failed_query
    ex = k.execute(
        'ok := spark.ReadStream().Format("rate").Load().WriteStream().Format("noop").Start()\n'
        "ok.Stop()\n"
        "fmt.Println(ok.AwaitTermination(), ok.Exception() == nil)"
    )
    assert ex.status == "ok", ex.describe()
    assert ex.stdout.strip() == "true true", ex.describe()
