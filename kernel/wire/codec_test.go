package wire

import (
	"bytes"
	"errors"
	"testing"
)

func signedFrames(t testing.TB, s *Signer, ids [][]byte, header, parent, metadata, content string, buffers ...[]byte) [][]byte {
	t.Helper()
	frames := append([][]byte{}, ids...)
	frames = append(frames, []byte(Delimiter), s.Sign([]byte(header), []byte(parent), []byte(metadata), []byte(content)),
		[]byte(header), []byte(parent), []byte(metadata), []byte(content))
	return append(frames, buffers...)
}

const testHeader = `{"msg_id":"m1","session":"s1","username":"u","date":"2024-01-01T00:00:00Z","msg_type":"execute_request","version":"5.3"}`

func TestDecodeValid(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("key"))
	parent := `{"msg_id":"p0","session":"s1","username":"u","date":"","msg_type":"kernel_info_request","version":"5.3"}`
	frames := signedFrames(t, s, [][]byte{[]byte("id1"), []byte("id2")}, testHeader, parent, `{}`, `{"code":"1+1"}`, []byte("buf"))
	m, err := Decode(frames, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Identities) != 2 || string(m.Identities[1]) != "id2" {
		t.Errorf("identities = %q", m.Identities)
	}
	if m.Header.MsgType != "execute_request" || m.Header.MsgID != "m1" || m.Header.Session != "s1" {
		t.Errorf("header = %+v", m.Header)
	}
	if m.ParentHeader == nil || m.ParentHeader.MsgID != "p0" {
		t.Errorf("parent = %+v", m.ParentHeader)
	}
	var c struct{ Code string }
	if err := m.DecodeContent(&c); err != nil || c.Code != "1+1" {
		t.Errorf("content = %q, %v", c.Code, err)
	}
	if len(m.Buffers) != 1 || string(m.Buffers[0]) != "buf" {
		t.Errorf("buffers = %q", m.Buffers)
	}
	// the raw header is echoed unchanged as a parent
	if string(m.Header.JSON()) != testHeader {
		t.Errorf("header JSON = %s", m.Header.JSON())
	}
}

func TestDecodeEmptyParent(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", nil)
	m, err := Decode(signedFrames(t, s, nil, testHeader, ` {} `, `{}`, `{}`), s)
	if err != nil {
		t.Fatal(err)
	}
	if m.ParentHeader != nil {
		t.Errorf("parent = %+v, want nil", m.ParentHeader)
	}
	if len(m.Identities) != 0 {
		t.Errorf("identities = %q", m.Identities)
	}
}

func TestDecodeMalformed(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("key"))
	good := func(header, parent, metadata, content string) [][]byte {
		return signedFrames(t, s, [][]byte{[]byte("id")}, header, parent, metadata, content)
	}
	badSig := good(testHeader, `{}`, `{}`, `{}`)
	badSig[2] = bytes.Repeat([]byte("0"), 64)
	tampered := good(testHeader, `{}`, `{}`, `{"code":"1"}`)
	tampered[6] = []byte(`{"code":"2"}`)
	unsigned := good(testHeader, `{}`, `{}`, `{}`)
	unsigned[2] = nil
	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"nil", nil, ErrNoDelimiter},
		{"no delimiter", [][]byte{[]byte("id"), []byte("sig"), []byte("{}")}, ErrNoDelimiter},
		{"delimiter only", [][]byte{[]byte(Delimiter)}, ErrTooFewFrames},
		{"four parts", [][]byte{[]byte(Delimiter), nil, []byte("{}"), []byte("{}"), []byte("{}")}, ErrTooFewFrames},
		{"bad signature", badSig, ErrBadSignature},
		{"tampered content", tampered, ErrBadSignature},
		{"unsigned", unsigned, ErrBadSignature},
		{"header not JSON", good(`{"msg_type":`, `{}`, `{}`, `{}`), ErrBadJSON},
		{"header an array", good(`[1,2]`, `{}`, `{}`, `{}`), ErrBadJSON},
		{"header null", good(`null`, `{}`, `{}`, `{}`), ErrBadJSON},
		{"header field of wrong type", good(`{"msg_type":5}`, `{}`, `{}`, `{}`), ErrBadJSON},
		{"no msg_type", good(`{"msg_id":"x"}`, `{}`, `{}`, `{}`), ErrNoMsgType},
		{"parent not JSON", good(testHeader, `{`, `{}`, `{}`), ErrBadJSON},
		{"parent a string", good(testHeader, `"x"`, `{}`, `{}`), ErrBadJSON},
		{"metadata not JSON", good(testHeader, `{}`, `nope`, `{}`), ErrBadJSON},
		{"content not JSON", good(testHeader, `{}`, `{}`, `{"code": "1+1"`), ErrBadJSON},
		{"content empty", good(testHeader, `{}`, `{}`, ``), ErrBadJSON},
		{"content trailing garbage", good(testHeader, `{}`, `{}`, `{} {}`), ErrBadJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(tt.frames, s)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode error = %v, want %v", err, tt.want)
			}
			if m != nil {
				t.Fatalf("Decode returned a message with an error")
			}
		})
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, key := range []string{"", "k3y"} {
		s, _ := NewSigner("hmac-sha512", []byte(key))
		sess := NewSession("kernel")
		parent := sess.NewHeader("execute_request")
		m, err := sess.NewMessage("execute_reply", &parent, map[string]any{"status": "ok", "execution_count": 3})
		if err != nil {
			t.Fatal(err)
		}
		m.Identities = [][]byte{[]byte("client")}
		m.Buffers = [][]byte{{0, 1, 2}}
		got, err := Decode(Encode(m, s), s)
		if err != nil {
			t.Fatalf("key %q: %v", key, err)
		}
		if got.Header.MsgType != "execute_reply" || got.Header.Version != ProtocolVersion || got.Header.Session != sess.ID {
			t.Errorf("header = %+v", got.Header)
		}
		if got.ParentHeader == nil || got.ParentHeader.MsgID != parent.MsgID {
			t.Errorf("parent = %+v", got.ParentHeader)
		}
		if string(got.Content) != `{"execution_count":3,"status":"ok"}` {
			t.Errorf("content = %s", got.Content)
		}
		if string(got.Identities[0]) != "client" || !bytes.Equal(got.Buffers[0], []byte{0, 1, 2}) {
			t.Errorf("identities %q buffers %q", got.Identities, got.Buffers)
		}
	}
}

func TestSessionHeadersAreUnique(t *testing.T) {
	s := NewSession("kernel")
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := s.NewHeader("status").MsgID
		if seen[id] {
			t.Fatalf("duplicate msg_id %s", id)
		}
		seen[id] = true
	}
}

func FuzzDecode(f *testing.F) {
	s, _ := NewSigner("hmac-sha256", nil)
	f.Add([]byte("id"), []byte(""), []byte(testHeader), []byte("{}"), []byte("{}"), []byte(`{"code":"1+1"}`))
	f.Add([]byte(""), []byte("sig"), []byte(`{"msg_type":"x"}`), []byte(`{"msg_id":1}`), []byte("[]"), []byte("{"))
	f.Add([]byte(Delimiter), []byte(Delimiter), []byte("null"), []byte(" {}"), []byte("{}"), []byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, id, sig, header, parent, metadata, content []byte) {
		frames := [][]byte{id, []byte(Delimiter), sig, header, parent, metadata, content}
		for n := 0; n <= len(frames); n++ {
			m, err := Decode(frames[:n], s)
			if (m == nil) == (err == nil) {
				t.Fatalf("Decode returned message %v and error %v", m, err)
			}
			if err == nil {
				// what decodes must encode and decode again
				if _, err := Decode(Encode(m, s), s); err != nil {
					t.Fatalf("re-decoding an encoded message: %v", err)
				}
			}
		}
		// the same frames, signed with a key, must verify
		k, _ := NewSigner("hmac-sha256", []byte("key"))
		signed := [][]byte{id, []byte(Delimiter), k.Sign(header, parent, metadata, content), header, parent, metadata, content}
		if _, err := Decode(signed, k); errors.Is(err, ErrBadSignature) && !bytes.Equal(id, []byte(Delimiter)) {
			t.Fatalf("a correctly signed message failed verification")
		}
	})
}
