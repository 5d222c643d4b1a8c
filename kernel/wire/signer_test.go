package wire

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"testing"
)

func TestSignerSchemes(t *testing.T) {
	parts := [][]byte{[]byte(`{"msg_id":"a"}`), []byte(`{}`), []byte(`{}`), []byte(`{"code":"1+1"}`)}
	tests := []struct {
		scheme string
		h      func() hash.Hash
	}{
		{"hmac-sha256", sha256.New},
		{"hmac-sha1", sha1.New},
		{"hmac-sha512", sha512.New},
		{"hmac-sha384", sha512.New384},
		{"hmac-sha224", sha256.New224},
	}
	key := []byte("secret-key")
	for _, tt := range tests {
		t.Run(tt.scheme, func(t *testing.T) {
			s, err := NewSigner(tt.scheme, key)
			if err != nil {
				t.Fatal(err)
			}
			mac := hmac.New(tt.h, key)
			for _, p := range parts {
				mac.Write(p)
			}
			want := hex.EncodeToString(mac.Sum(nil))
			got := string(s.Sign(parts...))
			if got != want {
				t.Fatalf("Sign = %s, want %s", got, want)
			}
			if !s.Verify([]byte(want), parts...) {
				t.Fatal("Verify rejected the right signature")
			}
			// a second signature reuses a pooled hash: it must be reset
			if got2 := string(s.Sign(parts...)); got2 != want {
				t.Fatalf("second Sign = %s, want %s", got2, want)
			}
		})
	}
}

func TestSignerVerifyRejects(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("k"))
	parts := [][]byte{[]byte("h"), []byte("p"), []byte("m"), []byte("c")}
	good := s.Sign(parts...)
	flipped := append([]byte(nil), good...)
	if flipped[0] == 'a' {
		flipped[0] = 'b'
	} else {
		flipped[0] = 'a'
	}
	other, _ := NewSigner("hmac-sha256", []byte("other"))
	tests := []struct {
		name string
		sig  []byte
	}{
		{"empty", nil},
		{"one char changed", flipped},
		{"truncated", good[:len(good)-2]},
		{"too long", append(append([]byte(nil), good...), '0', '0')},
		{"not hex", []byte(string(good[:len(good)-1]) + "z")},
		{"other key", other.Sign(parts...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s.Verify(tt.sig, parts...) {
				t.Fatalf("Verify accepted %q", tt.sig)
			}
		})
	}
	if s.Verify(good, []byte("h"), []byte("p"), []byte("m"), []byte("changed")) {
		t.Fatal("Verify accepted a signature over other content")
	}
}

func TestSignerEmptyKey(t *testing.T) {
	s, err := NewSigner("hmac-sha256", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Enabled() {
		t.Fatal("a signer without key is enabled")
	}
	if sig := s.Sign([]byte("x")); len(sig) != 0 {
		t.Fatalf("Sign with empty key = %q, want empty", sig)
	}
	for _, sig := range []string{"", "garbage", "00"} {
		if !s.Verify([]byte(sig), []byte("x")) {
			t.Fatalf("Verify with empty key rejected %q", sig)
		}
	}
}

func TestSignerUnknownScheme(t *testing.T) {
	for _, scheme := range []string{"", "sha256", "hmac-", "hmac-sha3", "rsa-sha256"} {
		if _, err := NewSigner(scheme, []byte("k")); err == nil {
			t.Errorf("NewSigner(%q) accepted an unknown scheme", scheme)
		}
	}
}
