"""The hostile-cell catalog (issue 2, Acceptance): cells and raw messages that try to break the
kernel, each sent through jupyter_client over real ZeroMQ. After every one the kernel process
is still alive and answers `1+1` with execute_result text/plain "2".

One kernel serves the module; a case that kills it fails, and the next case gets a new one.
"""

from __future__ import annotations

import json
import re
import time
from typing import Callable

import pytest

from harness import Execution, Kernel, RawShell

CASES: dict[str, Callable[[Kernel], None]] = {}


def case(name: str):
    def register(fn: Callable[[Kernel], None]) -> Callable[[Kernel], None]:
        assert name not in CASES, name
        CASES[name] = fn
        return fn

    return register


def failing_cell(k: Kernel, code: str, *evalue_has: str, timeout: float = 60) -> Execution:
    """A cell that must fail with one error output whose evalue or traceback names the cause."""
    ex = k.execute(code, timeout=timeout)
    assert ex.status == "error", ex.describe()
    assert ex.errors, "no error output on IOPub\n" + ex.describe()
    err = ex.errors[-1]
    assert err["ename"], ex.describe()
    assert ex.content.get("ename") == err["ename"], ex.describe()
    text = err["evalue"] + "\n" + "\n".join(err["traceback"])
    for want in evalue_has:
        assert want in text, f"{want!r} not in error:\n{ex.describe()}"
    return ex


def interrupted_cell(k: Kernel, code: str, wait: float = 0.5, timeout: float = 15) -> Execution:
    """Start a cell that never finishes by itself, interrupt it, and require its reply."""
    msg_id = k.send_execute(code)
    started = k.wait_iopub(
        lambda m: m["msg_type"] == "execute_input" and m["parent_header"].get("msg_id") == msg_id,
        10,
    )
    assert started is not None, "cell never started"
    time.sleep(wait)
    k.interrupt()
    ex = k.collect(msg_id, timeout=timeout)
    assert ex.status != "ok", "an interrupted cell must not report ok\n" + ex.describe()
    return ex


# -- panics and runtime errors ---------------------------------------------------------------


@case("panic-string")
def _(k):
    failing_cell(k, 'panic("boom from a cell")', "boom from a cell")


@case("panic-error-value")
def _(k):
    failing_cell(k, 'import "errors"\npanic(errors.New("an error value"))', "an error value")


@case("panic-custom-struct")
def _(k):
    failing_cell(k, 'type weird struct{ A, B int }\npanic(weird{1, 2})', "1")


@case("panic-nil")
def _(k):
    failing_cell(k, "panic(nil)", "nil")


@case("panic-in-defer-after-panic")
def _(k):
    failing_cell(
        k,
        'func twice() {\n\tdefer func() { panic("second") }()\n\tpanic("first")\n}\ntwice()',
        "second",
    )


@case("nil-map-write")
def _(k):
    failing_cell(k, 'var m map[string]int\nm["a"] = 1', "nil map")


@case("index-out-of-range")
def _(k):
    failing_cell(k, "s := []int{1}\ni := 5\n_ = s[i]", "out of range")


@case("slice-bounds-out-of-range")
def _(k):
    ex = failing_cell(k, "s := []int{1, 2, 3}\nlo, hi := 2, 1\n_ = s[lo:hi]")
    assert re.search(r"out of (range|bounds)", ex.errors[-1]["evalue"]), ex.describe()


@case("nil-pointer-dereference")
def _(k):
    failing_cell(k, "type node struct{ Next *node }\nvar p *node\np.Next = p", "nil pointer")


@case("nil-interface-method-call")
def _(k):
    failing_cell(k, "var s interface{ String() string }\ns.String()", "nil")


@case("integer-divide-by-zero")
def _(k):
    failing_cell(k, "a, b := 1, 0\na / b", "divide by zero")


@case("failed-type-assertion")
def _(k):
    failing_cell(k, 'var x any = "text"\n_ = x.(int)', "interface conversion")


@case("close-closed-channel")
def _(k):
    failing_cell(k, "ch := make(chan int)\nclose(ch)\nclose(ch)", "close of closed channel")


@case("send-on-closed-channel")
def _(k):
    failing_cell(k, "ch := make(chan int, 1)\nclose(ch)\nch <- 1", "send on closed channel")


@case("log-panic")
def _(k):
    failing_cell(k, 'import "log"\nlog.Panicln("log.Panicln from a cell")', "log.Panicln from a cell")


@case("undefined-name")
def _(k):
    failing_cell(k, "thisNameIsNotDefined + 1", "thisNameIsNotDefined")


@case("type-mismatch")
def _(k):
    failing_cell(k, 'var n int = "not an int"\nn')


@case("syntax-error")
def _(k):
    failing_cell(k, "x := := 1")


@case("panic-in-callback-from-compiled-code")
def _(k):
    failing_cell(
        k,
        'import "sort"\nxs := []int{3, 1, 2}\n'
        'sort.Slice(xs, func(i, j int) bool { panic("bad less func") })',
        "bad less func",
    )


@case("panic-in-goroutine")
def _(k):
    ex = k.execute(
        'import "time"\ngo func() { panic("panic in a goroutine") }()\n'
        "time.Sleep(300 * time.Millisecond)"
    )
    # The cell itself did not fail, but the goroutine's panic is an error output of this cell.
    err = k.wait_iopub(
        lambda m: m["msg_type"] == "error"
        and m["parent_header"].get("msg_id") == ex.msg_id
        and "panic in a goroutine" in m["content"]["evalue"],
        5,
    )
    assert err is not None, "the goroutine's panic was not reported in its cell\n" + ex.describe()


@case("panic-in-time-afterfunc-callback")
def _(k):
    # An interpreted callback run by compiled code on a goroutine of its own (the runtime's
    # timer goroutine), not by a rewritten go statement.
    ex = k.execute(
        'import "time"\ntime.AfterFunc(10*time.Millisecond, func() { panic("panic in AfterFunc") })\n'
        "time.Sleep(300 * time.Millisecond)"
    )
    err = k.wait_iopub(
        lambda m: m["msg_type"] == "error" and "panic in AfterFunc" in m["content"]["evalue"], 5
    )
    assert err is not None, "the callback's panic was not reported\n" + ex.describe()
    assert err["parent_header"]["msg_id"] == ex.msg_id


@case("runtime-goexit-in-cell")
def _(k):
    ex = k.execute('import "runtime"\nruntime.Goexit()', timeout=15)
    assert ex.reply["content"]["status"] in ("ok", "error"), ex.describe()


# -- resources -------------------------------------------------------------------------------


@case("huge-allocation-len-out-of-range")
def _(k):
    failing_cell(k, "n := 1 << 62\nb := make([]byte, n)\nlen(b)", "out of range")


@case("negative-make-length")
def _(k):
    ex = failing_cell(k, "n := -1\n_ = make([]int, n)")
    assert re.search(r"out of range|negative len", ex.errors[-1]["evalue"]), ex.describe()


@case("deep-finite-recursion")
def _(k):
    # kernel/interp documents a limit of about 10,000 interpreted calls; 5,000 must work.
    ex = k.execute(
        "func depth(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn depth(n-1) + 1\n}\n"
        "depth(5000)",
        timeout=60,
    )
    assert ex.status == "ok", ex.describe()
    assert ex.result_text == "5000", ex.describe()


@case("recursion-past-the-depth-limit")
def _(k):
    failing_cell(
        k,
        "func deeper(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn deeper(n-1) + 1\n}\n"
        "deeper(200000)",
        timeout=60,
    )


@case("infinite-recursion-stack-overflow")
def _(k):
    # Compiled Go dies of a stack overflow ("fatal error: stack overflow"); a kernel has to
    # turn it into an error of the cell (for example by bounding the interpreter's depth).
    failing_cell(
        k,
        "var forever func(n int) int\n"
        "forever = func(n int) int { return forever(n+1) + 1 }\nforever(0)",
        timeout=60,
    )


@case("goroutine-flood")
def _(k):
    ex = k.execute(
        'import (\n\t"sync"\n\t"time"\n)\nvar wg sync.WaitGroup\n'
        "for i := 0; i < 10000; i++ {\n\twg.Add(1)\n"
        "\tgo func() { defer wg.Done(); time.Sleep(10 * time.Millisecond) }()\n}\n"
        "wg.Wait()\n\"flood done\"",
        timeout=60,
    )
    assert ex.status == "ok", ex.describe()
    assert ex.result_text == "flood done", ex.describe()


# -- output ----------------------------------------------------------------------------------

MB = 1 << 20


@case("50MB-of-output-one-write")
def _(k):
    ex = k.execute(
        'import (\n\t"fmt"\n\t"strings"\n)\n'
        'fmt.Print(strings.Repeat(strings.Repeat("x", 1023)+"\\n", 50*1024))\n'
        'fmt.Println("END-OF-FLOOD")',
        timeout=180,
    )
    assert ex.status == "ok", ex.describe()[:2000]
    out = ex.stdout
    assert len(out) >= MB, f"only {len(out)} bytes of stdout arrived"
    assert out.rstrip("\n").endswith("END-OF-FLOOD"), out[-200:]


@case("50MB-of-output-many-lines")
def _(k):
    ex = k.execute(
        'import (\n\t"fmt"\n\t"strings"\n)\nline := strings.Repeat("y", 1023)\n'
        "for i := 0; i < 50*1024; i++ {\n\tfmt.Println(line)\n}\n"
        'fmt.Println("END-OF-LINES")',
        timeout=180,
    )
    assert ex.status == "ok", ex.describe()[:2000]
    out = ex.stdout
    assert len(out) >= MB, f"only {len(out)} bytes of stdout arrived"
    assert out.rstrip("\n").endswith("END-OF-LINES"), out[-200:]


@case("invalid-utf8-stream")
def _(k):
    ex = k.execute('import "fmt"\nfmt.Println("bad:\\xff\\xfe:end")')
    assert ex.status == "ok", ex.describe()
    assert "bad:" in ex.stdout and ":end" in ex.stdout, ex.describe()


@case("invalid-utf8-execute-result")
def _(k):
    ex = k.execute('"\\xc3\\x28 tail"')
    assert ex.status == "ok", ex.describe()
    assert ex.result_text is not None and ex.result_text.endswith(" tail"), ex.describe()


@case("nul-and-ansi-escapes")
def _(k):
    ex = k.execute('import "fmt"\nfmt.Print("a\\x00b \\x1b[31mred\\x1b[0m\\n")')
    assert ex.status == "ok", ex.describe()
    assert "a\x00b" in ex.stdout and "\x1b[31mred" in ex.stdout, ex.describe()


@case("close-os-stdout-and-stderr")
def _(k):
    k.execute('import "os"\nos.Stdout.Close()\nos.Stderr.Close()')
    ex = k.execute('import "fmt"\nfmt.Println("still printing")')
    assert ex.status == "ok", ex.describe()
    assert "still printing" in ex.stdout, "output is lost after a cell closed os.Stdout\n" + (
        ex.describe()
    )


# -- interrupts ------------------------------------------------------------------------------


@case("busy-loop-interrupt")
def _(k):
    interrupted_cell(k, "for {\n}")


@case("busy-loop-with-output-interrupt")
def _(k):
    interrupted_cell(k, 'import "fmt"\nfor i := 0; ; i++ {\n\tfmt.Println("spam", i)\n}')


@case("time-sleep-interrupt")
def _(k):
    interrupted_cell(k, 'import "time"\ntime.Sleep(time.Hour)')


@case("select-forever-interrupt")
def _(k):
    interrupted_cell(k, "select {}")


@case("channel-receive-forever-interrupt")
def _(k):
    interrupted_cell(k, "ch := make(chan int)\n<-ch")


@case("mutex-self-deadlock-interrupt")
def _(k):
    interrupted_cell(k, 'import "sync"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()')


@case("stdin-read-returns-or-is-interrupted")
def _(k):
    # The kernel either gives the cell an empty stdin (EOF at once) or blocks it until an
    # interrupt; it must never hang.
    msg_id = k.send_execute('import (\n\t"bufio"\n\t"os"\n)\n_, err := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\nerr')
    if k.wait_idle(msg_id, 3):
        ex = k.collect(msg_id)
        assert ex.status == "ok", ex.describe()
        assert ex.result_text == "EOF", ex.describe()
        return
    k.interrupt()
    ex = k.collect(msg_id, timeout=15)
    assert ex.status != "ok", ex.describe()


@case("interrupt-while-idle")
def _(k):
    reply = k.control_request("interrupt_request")
    assert reply["msg_type"] == "interrupt_reply", reply
    assert reply["content"]["status"] == "ok", reply


# -- concurrency of requests -----------------------------------------------------------------


@case("second-execute-while-running")
def _(k):
    first = k.send_execute('import "time"\ntime.Sleep(500 * time.Millisecond)\n"first done"')
    second = k.send_execute("40 + 2")
    a = k.collect(first)
    b = k.collect(second)
    assert a.status == "ok" and a.result_text == "first done", a.describe()
    assert b.status == "ok" and b.result_text == "42", b.describe()
    assert b.content["execution_count"] == a.content["execution_count"] + 1
    # The second request ran after the first one finished.
    idle_a = next(m for m in a.msgs if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
    busy_b = next(m for m in b.msgs if m["msg_type"] == "status" and m["content"]["execution_state"] == "busy")
    assert k.log.index(idle_a) < k.log.index(busy_b)


# -- hostile messages on the wire ------------------------------------------------------------


def assert_never_ran(k: Kernel, raw: RawShell, marker: str) -> None:
    """Neither a reply on the raw socket nor the marker's output on IOPub."""
    assert raw.recv(1.5) is None, "the kernel answered a message it must drop"
    k.drain(0.3)
    leaked = [m for m in k.log if m["msg_type"] == "stream" and marker in m["content"]["text"]]
    assert not leaked, f"code from a dropped message ran: {leaked}"


@case("unsigned-message")
def _(k):
    raw = RawShell(k.connection_info())
    try:
        raw.session(key=b"").send(
            raw.sock, "execute_request", {"code": 'import "fmt"\nfmt.Println("UNSIGNED-RAN")', "silent": False}
        )
        assert_never_ran(k, raw, "UNSIGNED-RAN")
    finally:
        raw.close()


@case("bad-signature")
def _(k):
    raw = RawShell(k.connection_info())
    try:
        raw.session(key=b"not-the-kernel-key").send(
            raw.sock, "execute_request", {"code": 'import "fmt"\nfmt.Println("BADSIG-RAN")', "silent": False}
        )
        assert_never_ran(k, raw, "BADSIG-RAN")
    finally:
        raw.close()


@case("tampered-content-after-signing")
def _(k):
    raw = RawShell(k.connection_info())
    try:
        session = raw.session()
        msg = session.msg("execute_request", {"code": "1+1"})
        parts = [session.pack(msg[f]) for f in ("header", "parent_header", "metadata", "content")]
        frames = raw.signed_frames(parts)
        frames[-1] = json.dumps({"code": 'import "fmt"\nfmt.Println("TAMPERED-RAN")'}).encode()
        raw.send_frames(frames)
        assert_never_ran(k, raw, "TAMPERED-RAN")
    finally:
        raw.close()


def header(msg_type: str = "execute_request") -> bytes:
    return json.dumps(
        {"msg_id": f"hostile-{time.monotonic_ns()}", "msg_type": msg_type, "session": "hostile",
         "username": "test", "date": "2026-01-01T00:00:00Z", "version": "5.3"}
    ).encode()


MALFORMED = {
    "header-not-json": lambda: [b"{not json", b"{}", b"{}", b"{}"],
    "header-json-array": lambda: [b"[1, 2, 3]", b"{}", b"{}", b"{}"],
    "header-without-msg-type": lambda: [b'{"msg_id": "x", "session": "s"}', b"{}", b"{}", b"{}"],
    "content-not-json": lambda: [header(), b"{}", b"{}", b'{"code": '],
    "content-code-not-a-string": lambda: [header(), b"{}", b"{}", b'{"code": 42}'],
    "content-invalid-utf8": lambda: [header(), b"{}", b"{}", b'{"code": "\xff\xfe"}'],
    "too-few-frames": lambda: [header()],
}


def _malformed_case(parts_fn):
    def run(k: Kernel) -> None:
        raw = RawShell(k.connection_info())
        try:
            raw.send_frames(raw.signed_frames(parts_fn()))
            time.sleep(0.3)
        finally:
            raw.close()

    return run


for _name, _fn in MALFORMED.items():
    case(f"malformed-{_name}")(_malformed_case(_fn))


@case("malformed-no-delimiter")
def _(k):
    raw = RawShell(k.connection_info())
    try:
        raw.send_frames([b"garbage", b"more garbage"])
        raw.send_frames([b""])
        time.sleep(0.3)
    finally:
        raw.close()


@case("unknown-msg-type")
def _(k):
    raw = RawShell(k.connection_info())
    try:
        raw.session().send(raw.sock, "no_such_request", {"anything": 1})
        time.sleep(0.5)
    finally:
        raw.close()


# -- the catalog ------------------------------------------------------------------------------


def test_catalog_is_big_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", list(CASES))
def test_hostile(name: str, live_kernel: Kernel) -> None:
    failure: BaseException | None = None
    try:
        CASES[name](live_kernel)
    except Exception as exc:  # noqa: BLE001 - reported below, after the liveness check
        failure = exc
    # Whatever the case itself found, the kernel must still be there and answer 1+1.
    try:
        live_kernel.assert_answers()
    except Exception as exc:
        raise AssertionError(
            f"the kernel no longer answers 1+1 after {name!r}: {exc}"
            + (f"\n(the case itself failed first: {failure!r})" if failure else "")
        ) from failure
    if failure is not None:
        raise failure
