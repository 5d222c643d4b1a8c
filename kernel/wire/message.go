package wire

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"sync/atomic"
	"time"
)

// ProtocolVersion is the version of the Jupyter messaging protocol Eddy speaks.
const ProtocolVersion = "5.3"

// Delimiter separates the routing identities from the signed message parts.
const Delimiter = "<IDS|MSG>"

// Header is a message header. Raw keeps the header's JSON exactly as it was
// received, so that replies echo it as their parent header unchanged.
type Header struct {
	MsgID    string          `json:"msg_id"`
	Session  string          `json:"session"`
	Username string          `json:"username"`
	Date     string          `json:"date"`
	MsgType  string          `json:"msg_type"`
	Version  string          `json:"version"`
	Raw      json.RawMessage `json:"-"`
}

// JSON returns the header's JSON: Raw when set, else the marshalled fields.
func (h *Header) JSON() json.RawMessage {
	if h == nil {
		return emptyObject
	}
	if len(h.Raw) > 0 {
		return h.Raw
	}
	b, _ := json.Marshal(h)
	return b
}

var emptyObject = json.RawMessage("{}")

// Message is one Jupyter message. Content and Metadata hold JSON objects;
// ParentHeader is nil for a message with no parent.
type Message struct {
	Identities   [][]byte
	Header       Header
	ParentHeader *Header
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte
}

// DecodeContent unmarshals the message content into v.
func (m *Message) DecodeContent(v any) error { return json.Unmarshal(m.Content, v) }

// Session is the identity a kernel stamps on the messages it sends.
type Session struct {
	ID       string
	Username string
	prefix   string
	counter  atomic.Uint64
}

// NewSession returns a session with a random ID.
func NewSession(username string) *Session {
	var b [16]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	return &Session{ID: id, Username: username, prefix: id[:16] + "_"}
}

// NewHeader returns a fresh header of msgType.
func (s *Session) NewHeader(msgType string) Header {
	return Header{
		MsgID:    s.prefix + strconv.FormatUint(s.counter.Add(1), 10),
		Session:  s.ID,
		Username: s.Username,
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// NewMessage builds a message of msgType whose parent is parent (nil for
// none) and whose content is content marshalled to JSON. A content that is
// already a json.RawMessage or []byte is used as it is.
func (s *Session) NewMessage(msgType string, parent *Header, content any) (*Message, error) {
	var raw json.RawMessage
	switch c := content.(type) {
	case json.RawMessage:
		raw = c
	case []byte:
		raw = c
	case nil:
		raw = emptyObject
	default:
		b, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		raw = b
	}
	return &Message{Header: s.NewHeader(msgType), ParentHeader: parent, Metadata: emptyObject, Content: raw}, nil
}
