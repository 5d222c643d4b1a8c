"""Jupyter messaging 5.3 as Eddy speaks it: message sequences, execution counts, kernel_info,
control, shutdown, heartbeat, comms, complete, inspect and is_complete (issue 2)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest
import zmq
from jupyter_client.session import Session

from conftest import REPO
from harness import Execution, Kernel, new_connection_file, start_process


def date(msg) -> datetime:
    d = msg["header"]["date"]
    return d if isinstance(d, datetime) else datetime.fromisoformat(str(d).replace("Z", "+00:00"))


def iopub_types(ex: Execution) -> list[str]:
    out = []
    for m in ex.msgs:
        if m["msg_type"] == "status":
            out.append(m["content"]["execution_state"])
        else:
            out.append(m["msg_type"])
    return out


# -- kernel_info -------------------------------------------------------------------------------


def test_kernel_info_reply(live_kernel: Kernel) -> None:
    k = live_kernel
    ex = k.request("kernel_info_request", {})
    c = ex.content
    assert c["status"] == "ok"
    assert c["protocol_version"].startswith("5.")
    assert c["implementation"] == "eddy"
    assert c["implementation_version"]
    li = c["language_info"]
    assert li["name"] == "go"
    assert re.match(r"(go)?1\.\d+", li["version"]), li
    assert li["mimetype"] == "text/x-go"
    assert li["file_extension"] == ".go"
    assert li["pygments_lexer"] == "go"
    cm = li["codemirror_mode"]
    assert cm == "go" or (isinstance(cm, dict) and cm.get("name") == "go"), cm
    assert c["banner"].strip()
    assert c["help_links"], "help_links is empty"
    for link in c["help_links"]:
        assert link["text"] and link["url"].startswith("http"), link
    # Busy/idle surround every request, kernel_info included.
    assert iopub_types(ex) == ["busy", "idle"], iopub_types(ex)


def test_kernel_info_on_control_is_answered_on_control(live_kernel: Kernel) -> None:
    reply = live_kernel.control_request("kernel_info_request")
    assert reply["msg_type"] == "kernel_info_reply"
    assert reply["content"]["implementation"] == "eddy"


def test_starting_status_is_published_at_boot(tmp_path) -> None:
    """A subscriber connected before the kernel binds sees `starting`, then the kernel idles."""
    path, info = new_connection_file(tmp_path)
    ctx = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.setsockopt(zmq.RECONNECT_IVL, 5)
    sub.linger = 0
    sub.connect(f"tcp://127.0.0.1:{info['iopub_port']}")
    session = Session(key=info["key"].encode(), signature_scheme=info["signature_scheme"])
    proc = start_process("eddy", path, tmp_path / "kernel.log")
    states = []
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "starting" not in states:
            if sub.poll(200):
                _, frames = session.feed_identities(sub.recv_multipart())
                msg = session.deserialize(frames)
                if msg["msg_type"] == "status":
                    states.append(msg["content"]["execution_state"])
        if "starting" not in states:
            # Tell a missed `starting` from a subscription that never worked.
            shell = ctx.socket(zmq.DEALER)
            shell.linger = 0
            shell.connect(f"tcp://127.0.0.1:{info['shell_port']}")
            session.send(shell, "kernel_info_request", {})
            later = []
            end = time.monotonic() + 5
            while time.monotonic() < end and "idle" not in later:
                if sub.poll(200):
                    _, frames = session.feed_identities(sub.recv_multipart())
                    msg = session.deserialize(frames)
                    if msg["msg_type"] == "status":
                        later.append(msg["content"]["execution_state"])
            shell.close()
            pytest.fail(
                f"no `starting` status reached a subscriber connected before the kernel started; "
                f"statuses after a kernel_info_request: {later}"
            )
    finally:
        proc.terminate()
        proc.wait(10)
        sub.close()
        ctx.term()


@pytest.mark.parametrize(
    "session",
    [{"signature_scheme": "hmac-sha512"}, {"signature_scheme": "hmac-sha1"}, {"key": b""}],
    ids=["hmac-sha512", "hmac-sha1", "empty-key"],
)
def test_signature_schemes_and_empty_key(kernelspec, session) -> None:
    """The kernel signs and verifies with the connection file's signature_scheme; with an
    empty key it neither signs nor verifies."""
    k = Kernel(**session)
    try:
        assert k.kc.session.signature_scheme == session.get("signature_scheme", "hmac-sha256")
        k.assert_answers()
        ex = k.execute('import "fmt"\nfmt.Println("signed output")')
        assert ex.stdout == "signed output\n"
    finally:
        k.shutdown()


# -- execute ---------------------------------------------------------------------------------


def test_execute_message_sequence(live_kernel: Kernel) -> None:
    k = live_kernel
    ex = k.execute('import "fmt"\nfmt.Println("out")\ndisplay.HTML("<i>d</i>")\n6 * 7')
    assert ex.status == "ok", ex.describe()
    assert iopub_types(ex) == ["busy", "execute_input", "stream", "display_data", "execute_result", "idle"], (
        ex.describe()
    )
    # The reply goes out after the outputs and before idle.
    outputs = [m for m in ex.msgs if m["msg_type"] in ("stream", "display_data", "execute_result")]
    idle = ex.msgs[-1]
    dates = "\n".join(f"  {m['msg_type']:16} {m['header']['date']}" for m in ex.msgs + [ex.reply])
    late = [m["msg_type"] for m in outputs if date(m) > date(ex.reply)]
    assert not late, f"{late} sent after execute_reply (header dates):\n{dates}"
    assert date(ex.reply) <= date(idle), f"idle before execute_reply:\n{dates}"
    assert ex.msgs[1]["content"]["code"].endswith("6 * 7")
    assert ex.results[0]["data"]["text/plain"] == "42"
    assert ex.results[0]["execution_count"] == ex.content["execution_count"]
    assert ex.msgs[1]["content"]["execution_count"] == ex.content["execution_count"]
    # All messages of a request name it as their parent and carry the session.
    for m in ex.msgs:
        assert m["parent_header"]["msg_id"] == ex.msg_id


def test_execution_count_semantics(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    first = k.execute("1")
    assert first.content["execution_count"] == 1
    second = k.execute("2")
    assert second.content["execution_count"] == 2

    # silent: no execute_input, no execute_result, count unchanged; the reply still says ok.
    silent = k.execute('import "fmt"\nfmt.Println("silent output")\n99', silent=True)
    assert silent.status == "ok"
    assert not silent.of_type("execute_input"), silent.describe()
    assert not silent.results, silent.describe()

    # store_history false: the count does not move.
    nohist = k.execute("3", store_history=False)
    assert nohist.status == "ok"
    assert nohist.result_text == "3"

    third = k.execute("4")
    assert third.content["execution_count"] == 3, "silent or store_history=false advanced the count"

    # A failing cell consumes its count, as in ipykernel.
    err = k.execute('panic("x")')
    assert err.status == "error"
    assert err.content["execution_count"] == 4
    after = k.execute("5")
    assert after.content["execution_count"] == 5


def test_display_handle_update_and_clear(live_kernel: Kernel) -> None:
    k = live_kernel
    ex = k.execute('h := display.New("first")\nh.Update("second")\ndisplay.Clear(true)')
    assert ex.status == "ok", ex.describe()
    shown = ex.of_type("display_data")
    updated = ex.of_type("update_display_data")
    cleared = ex.of_type("clear_output")
    assert len(shown) == 1 and len(updated) == 1 and len(cleared) == 1, ex.describe()
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert display_id
    assert updated[0]["content"]["transient"]["display_id"] == display_id
    assert shown[0]["content"]["data"]["text/plain"] == "first"
    assert updated[0]["content"]["data"]["text/plain"] == "second"
    assert cleared[0]["content"]["wait"] is True
    # The handle keeps working from a later cell, into the cell that created it.
    later = k.execute('h.Update("third")')
    upd = k.wait_iopub(
        lambda m: m["msg_type"] == "update_display_data" and m["content"]["data"].get("text/plain") == "third", 5
    )
    assert upd is not None, later.describe()
    assert upd["content"]["transient"]["display_id"] == display_id


def test_user_expressions(live_kernel: Kernel) -> None:
    k = live_kernel
    k.execute("answer := 40")
    ex = k.execute(
        "answer += 1",
        user_expressions={"ok": "answer + 1", "bad": "noSuchVariableHere * 2"},
    )
    assert ex.status == "ok", ex.describe()
    ue = ex.content["user_expressions"]
    assert ue["ok"]["status"] == "ok", ue
    assert ue["ok"]["data"]["text/plain"] == "42", ue
    assert ue["bad"]["status"] == "error", ue
    assert ue["bad"]["ename"], ue


def test_stop_on_error_aborts_queued_requests(live_kernel: Kernel) -> None:
    k = live_kernel
    failing = k.send_execute('import "time"\ntime.Sleep(300 * time.Millisecond)\npanic("first fails")')
    queued1 = k.send_execute('import "fmt"\nfmt.Println("MUST-NOT-RUN-1")')
    queued2 = k.send_execute('fmt.Println("MUST-NOT-RUN-2")')
    a = k.collect(failing)
    b = k.collect(queued1)
    c = k.collect(queued2)
    assert a.status == "error", a.describe()
    assert b.status == "aborted", b.describe()
    assert c.status == "aborted", c.describe()
    assert "MUST-NOT-RUN" not in b.stdout + c.stdout
    # Requests sent after the abort run normally.
    k.assert_answers()


def test_stop_on_error_false_keeps_queue(live_kernel: Kernel) -> None:
    k = live_kernel
    failing = k.send_execute(
        'import "time"\ntime.Sleep(200 * time.Millisecond)\npanic("fails quietly")', stop_on_error=False
    )
    queued = k.send_execute("7 * 6")
    a = k.collect(failing)
    b = k.collect(queued)
    assert a.status == "error"
    assert b.status == "ok" and b.result_text == "42", b.describe()


def test_error_reply_fields(live_kernel: Kernel) -> None:
    ex = live_kernel.execute('panic("reply fields")')
    assert ex.status == "error"
    for key in ("ename", "evalue", "traceback"):
        assert key in ex.content, ex.content
    assert "reply fields" in ex.content["evalue"]
    assert isinstance(ex.content["traceback"], list)


def test_variables_persist_and_redefinition_replaces(live_kernel: Kernel) -> None:
    k = live_kernel
    assert k.execute('func greet() string { return "v1" }\ngreet()').result_text == "v1"
    again = k.execute('func greet() string { return "v2" }\ngreet()')
    assert again.status == "ok", again.describe()
    assert again.result_text == "v2"
    k.execute("counter := 10")
    assert k.execute("counter * 2").result_text == "20"
    rerun = k.execute('import "strings"\nstrings.ToUpper("a")')
    rerun = k.execute('import "strings"\nstrings.ToUpper("b")')
    assert rerun.status == "ok", "re-importing a package failed\n" + rerun.describe()
    assert rerun.result_text == "B"


def test_trailing_println_does_not_echo(live_kernel: Kernel) -> None:
    ex = live_kernel.execute('import "fmt"\nfmt.Println("only this")')
    assert ex.stdout == "only this\n"
    assert not ex.results, ex.describe()


def test_output_streams_from_fmt_log_and_os(live_kernel: Kernel) -> None:
    """fmt and log from interpreted code, and writes to os.Stdout/os.Stderr, arrive as stream
    messages of the cell, in order per stream."""
    ex = live_kernel.execute(
        'import (\n\t"fmt"\n\t"log"\n\t"os"\n)\n'
        'fmt.Println("one")\n'
        'fmt.Fprintln(os.Stderr, "two")\n'
        'log.Println("three")\n'
        'os.Stdout.Write([]byte("four\\n"))\n'
        'os.Stdout.WriteString("five\\n")\n'
        'os.Stderr.WriteString("six\\n")\n'
        'fmt.Fprintf(os.Stdout, "%d\\n", 7)'
    )
    assert ex.status == "ok", ex.describe()
    assert ex.stdout == "one\nfour\nfive\n7\n", ex.describe()
    assert ex.stderr.startswith("two\n"), ex.describe()
    assert re.fullmatch(r"two\n\S+ \S+ three\nsix\n", ex.stderr), ex.describe()


def test_declarations_and_nil_show_nothing(live_kernel: Kernel) -> None:
    k = live_kernel
    for code in ["var declared int", "type declaredT struct{}", "func declaredF() {}", "var e error\ne"]:
        ex = k.execute(code)
        assert ex.status == "ok", ex.describe()
        assert not ex.results, f"{code!r} showed a value\n" + ex.describe()


# -- other shell requests ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code,status",
    [("1+1", "complete"), ("func f() {", "incomplete"), ("x := )", "invalid")],
)
def test_is_complete(live_kernel: Kernel, code: str, status: str) -> None:
    ex = live_kernel.request("is_complete_request", {"code": code})
    assert ex.content["status"] == status, ex.content
    if status == "incomplete":
        assert "indent" in ex.content


def test_complete_cursor_positions(live_kernel: Kernel) -> None:
    k = live_kernel
    k.execute('import "strings"\ntype rideRow struct{ VendorID int; Fare float64 }\nrow := rideRow{}')
    cases = [
        # (code, cursor, a match that must be present)
        ("strings.ToUp", None, "ToUpper"),
        ("x := strings.Has", None, "HasPrefix"),
        ("row.Ven", None, "VendorID"),
        ("displ", None, "display"),
        ("strings.ToUp + 1", len("strings.ToUp"), "ToUpper"),
    ]
    for code, cursor, want in cases:
        cursor = len(code) if cursor is None else cursor
        ex = k.request("complete_request", {"code": code, "cursor_pos": cursor})
        c = ex.content
        assert c["status"] == "ok", c
        assert c["cursor_end"] == cursor, (code, c)
        start = c["cursor_start"]
        assert 0 <= start <= cursor, (code, c)
        # Each match replaces code[start:cursor], so it begins with what was typed there or with
        # the whole dotted prefix.
        assert any(m.endswith(want) for m in c["matches"]), (code, c["matches"])
        typed = code[start:cursor]
        for m in c["matches"]:
            assert m.startswith(typed), (code, typed, m)


def godoc_first_line(path: Path, name: str) -> str:
    """The first line of the doc comment of a method or func name in a Go file."""
    lines = path.read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"func (\([^)]*\) )?{name}\(", line):
            j = i
            while j > 0 and lines[j - 1].startswith("//"):
                j -= 1
            return lines[j][2:].strip()
    raise LookupError(name)


def test_inspect(live_kernel: Kernel) -> None:
    k = live_kernel
    k.execute('import "strings"\ninspected := []string{"a", "b"}')
    html_doc = godoc_first_line(REPO / "display" / "func.go", "HTML")
    cases = [
        ("inspected", "[]string"),                      # type and value of a variable
        ("inspected", "[a b]"),
        ("display.HTML", html_doc),                     # godoc of Eddy's API
        ("strings.ToUpper", "ToUpper returns s with all Unicode letters mapped to their upper case"),
    ]
    for code, want in cases:
        ex = k.request("inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": 0})
        assert ex.content["status"] == "ok", ex.content
        assert ex.content["found"] is True, (code, ex.content)
        assert want in ex.content["data"]["text/plain"], (code, want, ex.content)
    ex = k.request("inspect_request", {"code": "zzNothingHere", "cursor_pos": 13, "detail_level": 0})
    assert ex.content["status"] == "ok"
    assert ex.content["found"] is False


def test_comm_info_and_unknown_comm_target(live_kernel: Kernel) -> None:
    k = live_kernel
    info = k.request("comm_info_request", {})
    assert info.content["status"] == "ok"
    assert isinstance(info.content["comms"], dict)
    # comm_open for a target nobody registered is closed again at once (messaging spec).
    comm_id = "eddy-test-comm-1"
    msg = k.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
    k.kc.shell_channel.send(msg)
    closed = k.wait_iopub(
        lambda m: m["msg_type"] == "comm_close" and m["content"].get("comm_id") == comm_id, 5
    )
    assert closed is not None, "comm_open for an unknown target was not answered with comm_close"
    # comm_msg and comm_close for unknown comms are ignored without harm.
    for msg_type, content in [("comm_msg", {"comm_id": comm_id, "data": {}}), ("comm_close", {"comm_id": comm_id, "data": {}})]:
        k.kc.shell_channel.send(k.kc.session.msg(msg_type, content))
    k.assert_answers()


def test_history_tail_range_search(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    for code in ["10 + 1", "x := 5", "x * 3"]:
        k.execute(code)
    tail = k.request("history_request", {"hist_access_type": "tail", "n": 2, "output": False, "raw": True})
    assert [h[2] for h in tail.content["history"]] == ["x := 5", "x * 3"]
    session, line = tail.content["history"][0][:2]
    rng = k.request("history_request", {"hist_access_type": "range", "session": session, "start": line,
                                         "stop": line + 2, "output": False, "raw": True})
    assert [h[2] for h in rng.content["history"]] == ["x := 5", "x * 3"]
    found = k.request("history_request", {"hist_access_type": "search", "pattern": "x*", "output": False,
                                           "raw": True, "unique": True})
    assert sorted(h[2] for h in found.content["history"]) == ["x * 3", "x := 5"]
    out = k.request("history_request", {"hist_access_type": "tail", "n": 1, "output": True, "raw": True})
    assert out.content["history"][0][2] == ["x * 3", "15"]


# -- control, interrupt, shutdown, heartbeat ---------------------------------------------------


def test_interrupt_reply_on_control(live_kernel: Kernel) -> None:
    reply = live_kernel.control_request("interrupt_request")
    assert reply["msg_type"] == "interrupt_reply"
    assert reply["content"]["status"] == "ok"


def test_interrupt_stops_runaway_cell_promptly(live_kernel: Kernel) -> None:
    k = live_kernel
    msg_id = k.send_execute("for {\n}")
    assert k.wait_iopub(lambda m: m["msg_type"] == "execute_input" and m["parent_header"]["msg_id"] == msg_id, 10)
    time.sleep(0.3)
    k.interrupt()
    ex = k.collect(msg_id, timeout=5)
    assert ex.status == "error", ex.describe()
    assert ex.errors, ex.describe()
    # As ipykernel names an interrupted cell.
    assert ex.content["ename"] == "KeyboardInterrupt", ex.describe()
    k.assert_answers()


def test_sigint_interrupts_too(live_kernel: Kernel) -> None:
    k = live_kernel
    msg_id = k.send_execute('import "time"\ntime.Sleep(time.Hour)')
    assert k.wait_iopub(lambda m: m["msg_type"] == "execute_input" and m["parent_header"]["msg_id"] == msg_id, 10)
    time.sleep(0.3)
    os.kill(k.pid, signal.SIGINT)
    ex = k.collect(msg_id, timeout=10)
    assert ex.status != "ok", ex.describe()
    k.assert_answers()


@pytest.mark.parametrize("restart", [False, True])
def test_shutdown_request_on_control(fresh_kernel: Kernel, restart: bool) -> None:
    k = fresh_kernel
    reply = k.control_request("shutdown_request", {"restart": restart})
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["restart"] is restart
    proc = k.km.provisioner.process  # type: ignore[union-attr]
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("the kernel did not exit after shutdown_request")
    assert proc.returncode == 0, f"exit code {proc.returncode}"


def test_restart_through_kernel_manager(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    k.execute("beforeRestart := 1")
    old_pid = k.pid
    k.km.restart_kernel(now=False)
    k.kc.stop_channels()
    k.kc = k.km.client()
    k.kc.start_channels()
    k.kc.wait_for_ready(timeout=30)
    k.log.clear()
    assert k.pid != old_pid
    ex = k.execute("beforeRestart")
    assert ex.status == "error", "state survived a restart\n" + ex.describe()
    k.assert_answers()


def test_heartbeat_echoes(live_kernel: Kernel) -> None:
    info = live_kernel.connection_info()
    ctx = zmq.Context.instance()
    req = ctx.socket(zmq.REQ)
    req.linger = 0
    req.connect(f"tcp://{info['ip']}:{info['hb_port']}")
    try:
        for payload in [b"ping", b"\x00\xffbinary", b"x" * 4096]:
            req.send(payload)
            assert req.poll(5000), "no heartbeat echo"
            assert req.recv() == payload
    finally:
        req.close()


def test_heartbeat_beats_while_a_cell_is_busy(live_kernel: Kernel) -> None:
    k = live_kernel
    msg_id = k.send_execute("for {\n}")
    try:
        assert k.wait_iopub(lambda m: m["msg_type"] == "execute_input" and m["parent_header"]["msg_id"] == msg_id, 10)
        info = k.connection_info()
        req = zmq.Context.instance().socket(zmq.REQ)
        req.linger = 0
        req.connect(f"tcp://{info['ip']}:{info['hb_port']}")
        req.send(b"busy?")
        assert req.poll(3000), "heartbeat stopped while a cell runs"
        assert req.recv() == b"busy?"
        req.close()
        # kernel_info on control is answered while shell is busy.
        reply = k.control_request("kernel_info_request", timeout=5)
        assert reply["content"]["status"] == "ok"
    finally:
        k.interrupt()
        k.collect(msg_id, timeout=10)


def test_stuck_iopub_subscriber_does_not_block_execution(live_kernel: Kernel) -> None:
    """A frontend that stops reading IOPub must not stall the kernel (issue 2: bounded IOPub
    queue). A SUB socket with tiny buffers never reads while a cell prints 20 MB; the reply
    still arrives, and status and execute_reply are never dropped for the reading client."""
    k = live_kernel
    info = k.connection_info()
    ctx = zmq.Context.instance()
    stuck = ctx.socket(zmq.SUB)
    stuck.setsockopt(zmq.RCVHWM, 1)
    stuck.setsockopt(zmq.RCVBUF, 4096)
    stuck.setsockopt(zmq.SUBSCRIBE, b"")
    stuck.linger = 0
    stuck.connect(f"tcp://{info['ip']}:{info['iopub_port']}")
    try:
        time.sleep(0.3)
        msg_id = k.send_execute(
            'import (\n\t"fmt"\n\t"strings"\n)\nline := strings.Repeat("z", 1023)\n'
            "for i := 0; i < 20*1024; i++ {\n\tfmt.Println(line)\n}\n\"printed\""
        )
        # Read only the shell reply first: IOPub of this client piles up too, like a slow tab.
        reply = k.shell_reply(msg_id, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        assert k.wait_idle(msg_id, 60), "no idle status after the flood"
        result = [m for m in k.children(msg_id) if m["msg_type"] == "execute_result"]
        assert result and result[0]["content"]["data"]["text/plain"] == "printed"
    finally:
        stuck.close()
    k.assert_answers()
