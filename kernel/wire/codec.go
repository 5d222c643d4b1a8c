package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Errors returned by Decode; the returned error wraps one of them.
var (
	ErrNoDelimiter  = errors.New("wire: no <IDS|MSG> delimiter")
	ErrTooFewFrames = errors.New("wire: too few frames after the delimiter")
	ErrBadSignature = errors.New("wire: bad signature")
	ErrBadJSON      = errors.New("wire: malformed JSON")
	ErrNoMsgType    = errors.New("wire: header has no msg_type")
)

var delimiter = []byte(Delimiter)

// Decode parses the frames of a message received on a ROUTER socket,
// verifies its signature with s, and returns the message. It never panics;
// a malformed message yields an error wrapping one of the Err values.
// Frames are not copied: the message refers to them.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	d := -1
	for i, f := range frames {
		if bytes.Equal(f, delimiter) {
			d = i
			break
		}
	}
	if d < 0 {
		return nil, ErrNoDelimiter
	}
	rest := frames[d+1:]
	if len(rest) < 5 {
		return nil, fmt.Errorf("%w: got %d, want at least 5", ErrTooFewFrames, len(rest))
	}
	sig, header, parent, metadata, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if !s.Verify(sig, header, parent, metadata, content) {
		return nil, ErrBadSignature
	}
	m := &Message{Identities: frames[:d:d], Buffers: rest[5:]}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, fmt.Errorf("%w in header: %v", ErrBadJSON, err)
	}
	if !isObject(header) {
		return nil, fmt.Errorf("%w in header: not an object", ErrBadJSON)
	}
	if m.Header.MsgType == "" {
		return nil, ErrNoMsgType
	}
	m.Header.Raw = header
	if !isObject(parent) {
		return nil, fmt.Errorf("%w in parent header", ErrBadJSON)
	}
	if len(bytes.TrimSpace(parent)) > 2 {
		m.ParentHeader = new(Header)
		if err := json.Unmarshal(parent, m.ParentHeader); err != nil {
			return nil, fmt.Errorf("%w in parent header: %v", ErrBadJSON, err)
		}
		m.ParentHeader.Raw = parent
	}
	if !isObject(metadata) {
		return nil, fmt.Errorf("%w in metadata", ErrBadJSON)
	}
	if !isObject(content) {
		return nil, fmt.Errorf("%w in content", ErrBadJSON)
	}
	m.Metadata = metadata
	m.Content = content
	return m, nil
}

// isObject reports whether b is one valid JSON object.
func isObject(b []byte) bool {
	t := bytes.TrimSpace(b)
	return len(t) >= 2 && t[0] == '{' && json.Valid(t)
}

// Encode returns the frames of m, signed with s: identities, the delimiter,
// the signature, header, parent header, metadata, content and buffers.
func Encode(m *Message, s *Signer) [][]byte {
	header := m.Header.JSON()
	parent := m.ParentHeader.JSON()
	metadata := orEmpty(m.Metadata)
	content := orEmpty(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter, s.Sign(header, parent, metadata, content), header, parent, metadata, content)
	return append(frames, m.Buffers...)
}

func orEmpty(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return emptyObject
	}
	return b
}
