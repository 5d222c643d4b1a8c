package wire

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"sync"

	"github.com/go-zeromq/zmq4"
)

// Socket is a ROUTER socket (shell, control or stdin) whose sends are
// serialized, so replies sent from several goroutines never interleave.
type Socket struct {
	Name   string
	sock   zmq4.Socket
	signer *Signer
	mu     sync.Mutex
}

// Recv waits for the next multipart message and returns its frames.
func (s *Socket) Recv() ([][]byte, error) {
	msg, err := s.sock.Recv()
	if err != nil {
		return nil, err
	}
	return msg.Frames, nil
}

// SendFrames sends frames as one multipart message.
func (s *Socket) SendFrames(frames [][]byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.SendMulti(zmq4.NewMsgFrom(frames...))
}

// Send signs, encodes and sends m.
func (s *Socket) Send(m *Message) error { return s.SendFrames(Encode(m, s.signer)) }

// Addr returns the address the socket listens on.
func (s *Socket) Addr() net.Addr { return s.sock.Addr() }

// Close closes the socket.
func (s *Socket) Close() error { return s.sock.Close() }

// Sockets are the five sockets of a kernel.
type Sockets struct {
	Shell, Control, Stdin *Socket
	IOPub                 *PubSocket
	hb                    zmq4.Socket
	cancel                context.CancelFunc
}

// Listen opens the five sockets of ci. A port of 0 picks a free port, and
// ci is updated with the port chosen. The heartbeat socket echoes every
// message it receives until Close.
func Listen(ci *ConnectionInfo, session *Session, signer *Signer, logger *log.Logger) (*Sockets, error) {
	ctx, cancel := context.WithCancel(context.Background())
	ss := &Sockets{cancel: cancel}
	opts := []zmq4.Option{zmq4.WithLogger(logger), zmq4.WithID(zmq4.SocketIdentity(session.ID))}
	router := func(name string, port *int) (*Socket, error) {
		sock := zmq4.NewRouter(ctx, opts...)
		if err := sock.Listen(buffered(ci.Endpoint(*port))); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		setPort(port, sock.Addr())
		return &Socket{Name: name, sock: sock, signer: signer}, nil
	}
	var err error
	if ss.Shell, err = router("shell", &ci.ShellPort); err != nil {
		ss.Close()
		return nil, err
	}
	if ss.Control, err = router("control", &ci.ControlPort); err != nil {
		ss.Close()
		return nil, err
	}
	if ss.Stdin, err = router("stdin", &ci.StdinPort); err != nil {
		ss.Close()
		return nil, err
	}
	if ss.IOPub, err = ListenPub(ci.Endpoint(ci.IOPubPort), session, signer, DefaultIOPubLimit, logger); err != nil {
		ss.Close()
		return nil, err
	}
	setPort(&ci.IOPubPort, ss.IOPub.Addr())
	ss.hb = zmq4.NewRep(ctx, opts...)
	if err := ss.hb.Listen(buffered(ci.Endpoint(ci.HBPort))); err != nil {
		ss.Close()
		return nil, fmt.Errorf("hb: %w", err)
	}
	setPort(&ci.HBPort, ss.hb.Addr())
	go heartbeat(ctx, ss.hb)
	return ss, nil
}

func setPort(port *int, addr net.Addr) {
	if a, ok := addr.(*net.TCPAddr); ok && *port == 0 {
		*port = a.Port
	}
}

// heartbeat echoes every message until the socket is closed.
func heartbeat(ctx context.Context, hb zmq4.Socket) {
	for {
		msg, err := hb.Recv()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return
			}
			continue
		}
		_ = hb.Send(msg)
	}
}

// Close closes every socket.
func (ss *Sockets) Close() {
	for _, s := range []*Socket{ss.Shell, ss.Control, ss.Stdin} {
		if s != nil {
			s.Close()
		}
	}
	if ss.IOPub != nil {
		ss.IOPub.Close()
	}
	if ss.hb != nil {
		ss.hb.Close()
	}
	ss.cancel()
}
