package kernel

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/display"
	"github.com/eddykernel/eddy/kernel/interp"
	"github.com/eddykernel/eddy/kernel/wire"
)

// Version is Eddy's version, reported by kernel_info and `eddy version`.
var Version = "0.1.0"

// Options configure a Kernel.
type Options struct {
	// Log receives the kernel's own log. Nil means the process's stderr as
	// it was before the kernel captured it (or os.Stderr with
	// CaptureStdio false).
	Log io.Writer
	// CaptureStdio redirects file descriptors 1 and 2 into stream
	// messages. The eddy binary sets it; tests that run a kernel inside
	// the test process leave it off.
	CaptureStdio bool
	// HandleSIGINT makes SIGINT interrupt the running cell instead of
	// killing the process.
	HandleSIGINT bool
	// WatchParent stops the kernel when the process named by
	// $JPY_PARENT_PID exits.
	WatchParent bool
}

// Kernel is a running Jupyter kernel.
type Kernel struct {
	opts    Options
	info    *wire.ConnectionInfo
	session *wire.Session
	signer  *wire.Signer
	sockets *wire.Sockets
	iopub   *wire.PubSocket
	log     *log.Logger

	interp    *interp.Interpreter
	interpErr error
	ready     chan struct{} // closed when interp is set

	shellQueue  chan *request
	aborting    bool // shell goroutine only: the request being served is aborted if it is an execute
	abortQueued int  // shell goroutine only: how many queued requests are still to abort
	execCount   int  // shell goroutine only
	history     history
	comms       comms

	running  atomic.Pointer[wire.Header] // parent of the running cell
	lastCell atomic.Pointer[wire.Header] // parent of the last cell that ran
	stdio    *capture

	done         chan struct{}
	doneOnce     sync.Once
	restart      bool
	shuttingDown atomic.Bool
	served       atomic.Bool // a request has been dispatched
	idle         idleMemory
}

// request is a decoded message and the socket it arrived on.
type request struct {
	msg  *wire.Message
	sock *wire.Socket
}

// New opens the kernel's sockets as described by info (ports of 0 are
// chosen and written back into info) and starts the interpreter in the
// background. Call Run to serve.
func New(info *wire.ConnectionInfo, opts Options) (*Kernel, error) {
	k := &Kernel{
		opts:       opts,
		info:       info,
		session:    wire.NewSession("kernel"),
		ready:      make(chan struct{}),
		shellQueue: make(chan *request, 4096),
		done:       make(chan struct{}),
	}
	logw := opts.Log
	if opts.CaptureStdio {
		c, orig, err := captureStdio(k.streamCaptured)
		if err != nil {
			return nil, err
		}
		k.stdio = c
		if logw == nil {
			logw = orig
		}
	}
	if logw == nil {
		logw = os.Stderr
	}
	k.log = log.New(logw, "eddy: ", log.LstdFlags|log.Lmicroseconds)
	signer, err := wire.NewSigner(info.SignatureScheme, []byte(info.Key))
	if err != nil {
		k.closeCapture()
		return nil, err
	}
	k.signer = signer
	k.sockets, err = wire.Listen(info, k.session, signer, k.log)
	if err != nil {
		k.closeCapture()
		return nil, err
	}
	k.iopub = k.sockets.IOPub
	go k.startInterp()
	return k, nil
}

func (k *Kernel) closeCapture() {
	if k.stdio != nil {
		k.stdio.Close()
	}
}

func (k *Kernel) startInterp() {
	defer close(k.ready)
	in, err := interp.New(interp.Options{
		Output:         k.interpOutput,
		GoroutinePanic: k.goroutinePanic,
	})
	if err != nil {
		k.interpErr = err
		k.log.Printf("interpreter: %v", err)
		return
	}
	k.interp = in
	display.SetResolver(k.currentPublisher)
	// In a notebook, the cell fails at the call that built an invalid plan,
	// with Spark's exception name as ename.
	dataframe.SetErrorHandler(func(err error) { panic(err) })
}

// engine waits until the interpreter is ready and returns it, or nil with
// the error that kept it from starting.
func (k *Kernel) engine() (*interp.Interpreter, error) {
	<-k.ready
	if k.interp == nil {
		return nil, fmt.Errorf("the Go interpreter failed to start: %v", k.interpErr)
	}
	return k.interp, nil
}

// Run publishes the "starting" status and serves requests until a
// shutdown_request arrives or ctx ends. It reports whether the frontend
// asked for a restart.
func (k *Kernel) Run(ctx context.Context) (restart bool, err error) {
	k.status(nil, "starting")
	// frontends that subscribe before the first request still see it
	_ = k.iopub.SetGreeting("status", map[string]string{"execution_state": "starting"})
	go k.receive(k.sockets.Shell, k.enqueueShell)
	go k.receive(k.sockets.Control, k.serveControl)
	go k.serveShell()
	if k.opts.WatchParent {
		go k.watchParent()
	}
	if k.opts.HandleSIGINT {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGINT)
		defer signal.Stop(sigs)
		go func() {
			for {
				select {
				case <-sigs:
					k.interrupt()
				case <-k.done:
					return
				}
			}
		}()
	}
	select {
	case <-ctx.Done():
	case <-k.done:
	}
	k.Close()
	return k.restart, nil
}

// Close stops the kernel: it gives IOPub a moment to deliver the last
// messages, then closes the sockets and restores stdout and stderr.
func (k *Kernel) Close() {
	k.stop()
	k.iopub.Drain(500 * time.Millisecond)
	k.sockets.Close()
	display.SetResolver(nil)
	dataframe.SetErrorHandler(nil)
	k.closeCapture()
}

func (k *Kernel) stop() { k.doneOnce.Do(func() { close(k.done) }) }

// ConnectionInfo returns the connection info, with the ports chosen.
func (k *Kernel) ConnectionInfo() *wire.ConnectionInfo { return k.info }
