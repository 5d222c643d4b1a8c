package wire

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
	"sync"
)

// Signer signs and verifies wire messages with the HMAC that the connection
// file's signature_scheme names. A Signer with an empty key neither signs nor
// verifies: every signature is empty and every message is accepted. A Signer
// is safe for concurrent use.
type Signer struct {
	scheme string
	key    []byte
	size   int // digest size in bytes
	pool   sync.Pool
}

var hashes = map[string]func() hash.Hash{
	"md5":    md5.New,
	"sha1":   sha1.New,
	"sha224": sha256.New224,
	"sha256": sha256.New,
	"sha384": sha512.New384,
	"sha512": sha512.New,
}

// NewSigner returns a Signer for scheme ("hmac-sha256", "hmac-sha1",
// "hmac-sha512", ...) and key. An unknown scheme is an error, even with an
// empty key.
func NewSigner(scheme string, key []byte) (*Signer, error) {
	name, ok := strings.CutPrefix(scheme, "hmac-")
	newHash := hashes[name]
	if !ok || newHash == nil {
		return nil, fmt.Errorf("unsupported signature_scheme %q", scheme)
	}
	s := &Signer{scheme: scheme, key: append([]byte(nil), key...), size: newHash().Size()}
	s.pool.New = func() any { return hmac.New(newHash, s.key) }
	return s, nil
}

// Scheme returns the signature scheme, such as "hmac-sha256".
func (s *Signer) Scheme() string { return s.scheme }

// Enabled reports whether the signer has a key, and so signs and verifies.
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

// Sign returns the hex signature of the message parts (header, parent header,
// metadata and content, in that order), or nil when the key is empty.
func (s *Signer) Sign(parts ...[]byte) []byte {
	if !s.Enabled() {
		return nil
	}
	sum := s.mac(parts)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Verify reports whether signature is the hex signature of parts. With an
// empty key every signature is accepted. The comparison takes constant time.
func (s *Signer) Verify(signature []byte, parts ...[]byte) bool {
	if !s.Enabled() {
		return true
	}
	if len(signature) != 2*s.size {
		return false
	}
	want := make([]byte, s.size)
	if _, err := hex.Decode(want, signature); err != nil {
		return false
	}
	return hmac.Equal(want, s.mac(parts))
}

func (s *Signer) mac(parts [][]byte) []byte {
	h := s.pool.Get().(hash.Hash)
	h.Reset()
	for _, p := range parts {
		h.Write(p)
	}
	sum := h.Sum(nil)
	s.pool.Put(h)
	return sum
}
