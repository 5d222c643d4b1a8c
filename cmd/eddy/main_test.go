package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/eddykernel/eddy/kernel/wire"
)

// TestMain lets the tests run the binary's main: when EDDY_TEST_MAIN is set,
// the test binary is eddy.
func TestMain(m *testing.M) {
	if os.Getenv("EDDY_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func eddy(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "EDDY_TEST_MAIN=1")
	return cmd
}

func TestInstallPrefix(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"install", "--prefix", dir}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	spec := filepath.Join(dir, "share", "jupyter", "kernels", "eddy")
	checkKernelSpec(t, spec)
	if !strings.Contains(out.String(), spec) {
		t.Errorf("output %q does not name %s", out.String(), spec)
	}
}

func checkKernelSpec(t *testing.T, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	argv, _ := spec["argv"].([]any)
	exe, _ := executable()
	if len(argv) != 4 || argv[0] != exe || !filepath.IsAbs(argv[0].(string)) || argv[1] != "kernel" || argv[2] != "-f" || argv[3] != "{connection_file}" {
		t.Errorf("argv = %v", argv)
	}
	if spec["display_name"] != "Go (Eddy)" || spec["language"] != "go" || spec["interrupt_mode"] != "message" {
		t.Errorf("spec = %v", spec)
	}
	if _, ok := spec["metadata"].(map[string]any); !ok {
		t.Errorf("metadata = %v", spec["metadata"])
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("logo-%d is %v", size, b)
		}
	}
}

func TestInstallSysPrefixHonoursVirtualEnv(t *testing.T) {
	venv := t.TempDir()
	prefix := filepath.Join(venv, "prefix")
	if err := os.MkdirAll(filepath.Join(venv, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	// a python that reports sys.prefix as the real one does
	script := "#!/bin/sh\necho " + prefix + "\n"
	if err := os.WriteFile(filepath.Join(venv, "bin", "python"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VIRTUAL_ENV", venv)
	var out, errOut bytes.Buffer
	if code := run([]string{"install", "--sys-prefix"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	checkKernelSpec(t, filepath.Join(prefix, "share", "jupyter", "kernels", "eddy"))
}

func TestInstallSysPrefixWithPythonOnPath(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 on PATH")
	}
	t.Setenv("VIRTUAL_ENV", "")
	out, err := exec.Command(python, "-c", "import sys; print(sys.prefix)").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := kernelsDir(false, true, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(strings.TrimSpace(string(out)), "share", "jupyter", "kernels"); dir != want {
		t.Fatalf("--sys-prefix dir = %s, want %s", dir, want)
	}
}

func TestInstallUser(t *testing.T) {
	home := t.TempDir()
	tests := []struct {
		name, jupyterData, xdg, want string
	}{
		{"home", "", "", filepath.Join(home, ".local", "share", "jupyter", "kernels", "eddy")},
		{"XDG_DATA_HOME", "", filepath.Join(home, "xdg"), filepath.Join(home, "xdg", "jupyter", "kernels", "eddy")},
		{"JUPYTER_DATA_DIR", filepath.Join(home, "jd"), filepath.Join(home, "xdg"), filepath.Join(home, "jd", "kernels", "eddy")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			t.Setenv("JUPYTER_DATA_DIR", tt.jupyterData)
			var out, errOut bytes.Buffer
			if code := run([]string{"install", "--user"}, &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			checkKernelSpec(t, tt.want)
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "eddy kernel -f CONNECTION_FILE"},
		{[]string{"nope"}, 2, `unknown command "nope"`},
		{[]string{"install", "--user", "--prefix", "/tmp/x"}, 2, "choose one of"},
		{[]string{"kernel"}, 2, "usage: eddy kernel -f"},
		{[]string{"kernel", "-f", "/does/not/exist.json"}, 1, "no such file"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := run(tt.args, &out, &errOut); code != tt.code || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("eddy %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut.String(), tt.code, tt.want)
		}
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"version"}, &out, io.Discard); code != 0 || !strings.HasPrefix(out.String(), "eddy ") {
		t.Fatalf("version: exit %d, %q", code, out.String())
	}
}

// connectionFile writes a connection file with free loopback ports and
// returns its path and contents.
func connectionFile(t *testing.T) (string, wire.ConnectionInfo) {
	t.Helper()
	ports := freePorts(t, 5)
	info := wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: ports[0], IOPubPort: ports[1],
		StdinPort: ports[2], ControlPort: ports[3], HBPort: ports[4], Key: "k", SignatureScheme: "hmac-sha256"}
	data, _ := json.Marshal(info)
	conn := filepath.Join(t.TempDir(), "conn.json")
	if err := os.WriteFile(conn, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return conn, info
}

// TestKernelProcess starts `eddy kernel -f` as a process and talks to it:
// kernel_info, a cell whose compiled code writes to file descriptor 1, and
// a shutdown after which the process exits.
func TestKernelProcess(t *testing.T) {
	conn, info := connectionFile(t)
	cmd := eddy("kernel", "-f", conn)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	waited := make(chan struct{})
	go func() {
		exited <- cmd.Wait()
		close(waited)
	}()
	defer func() {
		select {
		case <-waited:
		default:
			cmd.Process.Kill()
			<-waited
		}
	}()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	quiet := zmq4.WithLogger(log.New(io.Discard, "", 0))
	signer, _ := wire.NewSigner(info.SignatureScheme, []byte(info.Key))
	session := wire.NewSession("test")
	shell := zmq4.NewDealer(ctx, quiet, zmq4.WithID(zmq4.SocketIdentity("c")), zmq4.WithDialerRetry(20*time.Millisecond))
	defer shell.Close()
	iopub := zmq4.NewSub(ctx, quiet, zmq4.WithDialerRetry(20*time.Millisecond))
	defer iopub.Close()
	if err := shell.Dial(info.Endpoint(info.ShellPort)); err != nil {
		t.Fatal(err)
	}
	if err := iopub.Dial(info.Endpoint(info.IOPubPort)); err != nil {
		t.Fatal(err)
	}
	_ = iopub.SetOption(zmq4.OptionSubscribe, "")
	request := func(msgType string, content any) *wire.Message {
		m, _ := session.NewMessage(msgType, nil, content)
		if err := shell.SendMulti(zmq4.NewMsgFrom(wire.Encode(m, signer)...)); err != nil {
			t.Fatal(err)
		}
		msg, err := shell.Recv()
		if err != nil {
			t.Fatal(err)
		}
		r, err := wire.Decode(msg.Frames, signer)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := request("kernel_info_request", map[string]any{}); r.Header.MsgType != "kernel_info_reply" {
		t.Fatalf("reply %s", r.Header.MsgType)
	}
	// wait until iopub delivers, then run a cell writing to fd 1 from compiled code
	streams := make(chan string, 100)
	go func() {
		for {
			msg, err := iopub.Recv()
			if err != nil {
				return
			}
			if m, err := wire.Decode(msg.Frames, signer); err == nil && m.Header.MsgType == "stream" {
				var c wire.StreamContent
				_ = json.Unmarshal(m.Content, &c)
				streams <- c.Name + ":" + c.Text
			}
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := request("execute_request", map[string]any{"code": "import \"os\"\nos.NewFile(1, \"fd1\").WriteString(\"from fd 1\\n\")", "silent": true})
		if status := string(r.Content); !strings.Contains(status, `"ok"`) {
			t.Fatalf("execute_reply %s", status)
		}
		select {
		case s := <-streams:
			if s != "stdout:from fd 1\n" {
				t.Fatalf("stream = %q", s)
			}
			goto done
		case <-time.After(300 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no stream output; kernel log:\n%s", stderr.String())
		}
	}
done:
	if r := request("shutdown_request", map[string]any{"restart": false}); r.Header.MsgType != "shutdown_reply" {
		t.Fatalf("reply %s", r.Header.MsgType)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("kernel exited with %v; log:\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("kernel did not exit after shutdown_request")
	}
}

// TestSIGINTInterruptsTheRunningCell sends SIGINT to a kernel process whose
// cell loops forever: the cell fails with an error and the kernel answers.
func TestSIGINTInterruptsTheRunningCell(t *testing.T) {
	conn, info := connectionFile(t)
	cmd := eddy("kernel", "-f", conn)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signer, _ := wire.NewSigner(info.SignatureScheme, []byte(info.Key))
	session := wire.NewSession("test")
	shell := zmq4.NewDealer(ctx, zmq4.WithLogger(log.New(io.Discard, "", 0)), zmq4.WithID(zmq4.SocketIdentity("c")), zmq4.WithDialerRetry(20*time.Millisecond))
	defer shell.Close()
	if err := shell.Dial(info.Endpoint(info.ShellPort)); err != nil {
		t.Fatal(err)
	}
	send := func(code string) {
		m, _ := session.NewMessage("execute_request", nil, map[string]any{"code": code, "stop_on_error": false})
		if err := shell.SendMulti(zmq4.NewMsgFrom(wire.Encode(m, signer)...)); err != nil {
			t.Fatal(err)
		}
	}
	recv := func() map[string]any {
		replies := make(chan *wire.Message, 1)
		go func() {
			msg, err := shell.Recv()
			if err != nil {
				return
			}
			r, _ := wire.Decode(msg.Frames, signer)
			replies <- r
		}()
		select {
		case r := <-replies:
			var c map[string]any
			if r == nil || json.Unmarshal(r.Content, &c) != nil {
				t.Fatal("bad reply")
			}
			return c
		case <-time.After(15 * time.Second):
			t.Fatal("no reply")
			return nil
		}
	}
	send("1+1")
	if r := recv(); r["status"] != "ok" {
		t.Fatalf("1+1: %v", r)
	}
	send("for {}")
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if r := recv(); r["status"] != "error" {
		t.Fatalf("interrupted cell: %v", r)
	}
	send("2+2")
	if r := recv(); r["status"] != "ok" {
		t.Fatalf("after SIGINT: %v", r)
	}
}

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	ci := &wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256"}
	signer, _ := wire.NewSigner(ci.SignatureScheme, nil)
	ss, err := wire.Listen(ci, wire.NewSession("probe"), signer, log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	ports = append(ports, ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort)
	ss.Close()
	return ports[:n]
}
