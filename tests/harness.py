"""A small client harness over jupyter_client for driving a real kernel.

Kernel wraps a KernelManager and a BlockingKernelClient and keeps every IOPub message it
reads in one log, so tests can look at messages of any parent (for example output that a
goroutine of an earlier cell sends while a later cell runs).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any, Callable

import zmq
from jupyter_client import KernelManager
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.session import Session

KERNEL_NAME = "eddy"
REPLY_TIMEOUT = 20.0


@dataclass
class Execution:
    """One request's reply and the IOPub messages whose parent is that request."""

    msg_id: str
    reply: dict[str, Any]
    msgs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.reply["content"]["status"]

    @property
    def content(self) -> dict[str, Any]:
        return self.reply["content"]

    def of_type(self, *types: str) -> list[dict[str, Any]]:
        return [m for m in self.msgs if m["msg_type"] in types]

    def stream(self, name: str = "stdout") -> str:
        return "".join(
            m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name
        )

    @property
    def stdout(self) -> str:
        return self.stream("stdout")

    @property
    def stderr(self) -> str:
        return self.stream("stderr")

    @property
    def results(self) -> list[dict[str, Any]]:
        return [m["content"] for m in self.of_type("execute_result")]

    @property
    def result_text(self) -> str | None:
        res = self.results
        return res[-1]["data"].get("text/plain") if res else None

    @property
    def displays(self) -> list[dict[str, Any]]:
        return [m["content"] for m in self.of_type("display_data")]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [m["content"] for m in self.of_type("error")]

    def describe(self) -> str:
        lines = [f"reply: {json.dumps(self.reply['content'])[:600]}"]
        for m in self.msgs:
            lines.append(f"  {m['msg_type']}: {json.dumps(m['content'])[:300]}")
        return "\n".join(lines)


class Kernel:
    """A running kernel with a client on all channels."""

    def __init__(
        self, name: str = KERNEL_NAME, startup_timeout: float = 60, **session: Any
    ) -> None:
        """session: attributes of the client Session, written to the connection file too
        (key, signature_scheme)."""
        self.name = name
        self.session_config = session
        self.log: list[dict[str, Any]] = []
        self.shell_replies: dict[str, dict[str, Any]] = {}
        self.control_replies: dict[str, dict[str, Any]] = {}
        # Set when a request went unanswered: the next test gets a new kernel.
        self.broken = False
        self._start(startup_timeout)

    # -- lifecycle -------------------------------------------------------------------------

    def _start(self, startup_timeout: float) -> None:
        self.km = KernelManager(kernel_name=self.name)
        for attr, value in self.session_config.items():
            setattr(self.km.session, attr, value)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=startup_timeout)
        self.log.clear()
        self.shell_replies.clear()
        self.control_replies.clear()
        self.broken = False
        self.drain()

    @property
    def pid(self) -> int:
        return self.km.provisioner.process.pid  # type: ignore[union-attr]

    def is_alive(self) -> bool:
        return self.km.is_alive()

    def ensure_alive(self) -> None:
        """Replace a dead or unresponsive kernel by a new one, so that one crash or hang does
        not fail every later test."""
        if self.broken or not self.is_alive():
            self.shutdown()
            self._start(60)

    def shutdown(self) -> None:
        try:
            self.kc.stop_channels()
        finally:
            if self.km.has_kernel:
                # A kernel that stopped answering is killed rather than asked.
                self.km.shutdown_kernel(now=self.broken or not self.is_alive())

    def connection_info(self) -> dict[str, Any]:
        return self.km.get_connection_info(session=False)

    # -- IOPub -----------------------------------------------------------------------------

    def drain(self, quiet: float = 0.05) -> list[dict[str, Any]]:
        """Read whatever IOPub and shell messages are waiting."""
        got = []
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=quiet)
            except Empty:
                break
            self.log.append(msg)
            got.append(msg)
        while True:
            try:
                msg = self.kc.get_shell_msg(timeout=0.01)
            except Empty:
                break
            self.shell_replies[msg["parent_header"].get("msg_id", "")] = msg
        return got

    def read_iopub(self, timeout: float) -> dict[str, Any] | None:
        try:
            msg = self.kc.get_iopub_msg(timeout=timeout)
        except Empty:
            return None
        self.log.append(msg)
        return msg

    def wait_iopub(
        self, pred: Callable[[dict[str, Any]], bool], timeout: float, start: int = 0
    ) -> dict[str, Any] | None:
        """The first message of the log from index start on that satisfies pred, reading
        IOPub for up to timeout seconds."""
        for msg in self.log[start:]:
            if pred(msg):
                return msg
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            msg = self.read_iopub(min(left, 0.5))
            if msg is not None and pred(msg):
                return msg
        return None

    def children(self, msg_id: str) -> list[dict[str, Any]]:
        return [m for m in self.log if m["parent_header"].get("msg_id") == msg_id]

    def wait_idle(self, msg_id: str, timeout: float = REPLY_TIMEOUT) -> bool:
        return (
            self.wait_iopub(
                lambda m: m["msg_type"] == "status"
                and m["parent_header"].get("msg_id") == msg_id
                and m["content"]["execution_state"] == "idle",
                timeout,
            )
            is not None
        )

    # -- shell and control -----------------------------------------------------------------

    def shell_reply(self, msg_id: str, timeout: float = REPLY_TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while msg_id not in self.shell_replies:
            left = deadline - time.monotonic()
            if left <= 0:
                self.broken = True
                raise TimeoutError(f"no shell reply to {msg_id} within {timeout}s")
            try:
                msg = self.kc.get_shell_msg(timeout=min(left, 0.5))
            except Empty:
                continue
            self.shell_replies[msg["parent_header"].get("msg_id", "")] = msg
        return self.shell_replies.pop(msg_id)

    def control_request(
        self, msg_type: str, content: dict[str, Any] | None = None, timeout: float = 10
    ) -> dict[str, Any]:
        msg = self.kc.session.msg(msg_type, content or {})
        self.kc.control_channel.send(msg)
        return self.control_reply(msg["header"]["msg_id"], timeout)

    def control_reply(self, msg_id: str, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while msg_id not in self.control_replies:
            left = deadline - time.monotonic()
            if left <= 0:
                self.broken = True
                raise TimeoutError(f"no control reply to {msg_id} within {timeout}s")
            try:
                msg = self.kc.get_control_msg(timeout=min(left, 0.5))
            except Empty:
                continue
            self.control_replies[msg["parent_header"].get("msg_id", "")] = msg
        return self.control_replies.pop(msg_id)

    def send_execute(self, code: str, **kwargs: Any) -> str:
        return self.kc.execute(code, **kwargs)

    def collect(self, msg_id: str, timeout: float = REPLY_TIMEOUT) -> Execution:
        reply = self.shell_reply(msg_id, timeout)
        if not self.wait_idle(msg_id, timeout):
            self.broken = True
            raise TimeoutError(f"no idle status for {msg_id} within {timeout}s")
        return Execution(msg_id, reply, self.children(msg_id))

    def execute(self, code: str, timeout: float = REPLY_TIMEOUT, **kwargs: Any) -> Execution:
        return self.collect(self.send_execute(code, **kwargs), timeout)

    def request(self, msg_type: str, content: dict[str, Any], timeout: float = REPLY_TIMEOUT):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return self.collect(msg["header"]["msg_id"], timeout)

    def interrupt(self) -> None:
        """Interrupt as a frontend does: the kernelspec says interrupt_mode message, so this
        sends interrupt_request on the control channel."""
        self.km.interrupt_kernel()

    def assert_answers(self, timeout: float = REPLY_TIMEOUT) -> None:
        """The liveness check run after every hostile cell."""
        if not self.is_alive():
            self.broken = True
            raise AssertionError("kernel process died")
        ex = self.execute("1+1", timeout=timeout)
        assert ex.status == "ok", ex.describe()
        assert ex.result_text == "2", ex.describe()


# -- raw sockets ---------------------------------------------------------------------------


class RawShell:
    """A DEALER socket on a kernel's shell port, for crafted and mis-signed messages."""

    def __init__(self, info: dict[str, Any], ctx: zmq.Context | None = None) -> None:
        self.ctx = ctx or zmq.Context.instance()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
        self.key = info["key"].encode() if isinstance(info["key"], str) else info["key"]
        self.scheme = info.get("signature_scheme", "hmac-sha256")

    def session(self, key: bytes | None = None) -> Session:
        return Session(key=self.key if key is None else key, signature_scheme=self.scheme)

    def send_frames(self, frames: list[bytes]) -> None:
        self.sock.send_multipart(frames)

    def signed_frames(self, parts: list[bytes]) -> list[bytes]:
        """<IDS|MSG>, a correct signature over parts, then parts: lets malformed JSON reach
        the parser instead of being dropped as mis-signed."""
        return [b"<IDS|MSG>", self.session().sign(parts) if self.key else b""] + parts

    def recv(self, timeout: float) -> list[bytes] | None:
        if self.sock.poll(int(timeout * 1000)):
            return self.sock.recv_multipart()
        return None

    def close(self) -> None:
        self.sock.close()


def kernel_argv(name: str, connection_file: str) -> list[str]:
    spec = KernelSpecManager().get_kernel_spec(name)
    argv = [a.replace("{connection_file}", connection_file) for a in spec.argv]
    if argv[0] in {"python", "python3"}:
        argv[0] = sys.executable  # as jupyter_client's KernelManager does
    return argv


def new_connection_file(workdir: Path, name: str = KERNEL_NAME) -> tuple[str, dict[str, Any]]:
    """A connection file with free ports, for tests that start the kernel process themselves
    (to connect sockets before it binds, or to time its start)."""
    path, info = write_connection_file(
        fname=str(workdir / f"kernel-{name}.json"), ip="127.0.0.1", key=b"a-test-key"
    )
    return path, info


def start_process(name: str, connection_file: str, log: Path) -> subprocess.Popen:
    out = open(log, "wb")
    return subprocess.Popen(
        kernel_argv(name, connection_file), stdin=subprocess.DEVNULL, stdout=out, stderr=out
    )
