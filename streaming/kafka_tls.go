package streaming

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"os"
	"strings"

	"github.com/pavlo-v-chernykh/keystore-go/v4"
	"software.sslmate.com/src/go-pkcs12"
)

// Store types of kafka.ssl.truststore.type and kafka.ssl.keystore.type, as
// Kafka's clients name them.
const (
	storePEM    = "PEM"
	storeJKS    = "JKS"
	storePKCS12 = "PKCS12"
)

// jksMagic starts every JKS file.
const jksMagic = 0xFEEDFEED

// kafkaTLS builds the TLS configuration of security.protocol SSL and
// SASL_SSL from Kafka's client options:
//   - the CA: kafka.ssl.truststore.location with kafka.ssl.truststore.type
//     PEM, JKS or PKCS12 and kafka.ssl.truststore.password (Java's
//     truststores), kafka.ssl.truststore.certificates (PEM text), or
//     kafka.ssl.ca.location (librdkafka's PEM file); without one, the
//     system's roots;
//   - the client certificate for mutual TLS: kafka.ssl.keystore.location
//     with kafka.ssl.keystore.type, kafka.ssl.keystore.password and
//     kafka.ssl.key.password, or kafka.ssl.certificate.location and
//     kafka.ssl.key.location (PEM files);
//   - kafka.ssl.endpoint.identification.algorithm set to "" turns off the
//     host name check, as in Kafka.
//
// Errors name the file and the store type, never a password.
func kafkaTLS(o options) (*tls.Config, error) {
	c := &tls.Config{MinVersion: tls.VersionTLS12}
	if pemText := o.get("kafka.ssl.truststore.certificates", ""); pemText != "" {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(pemText)) {
			return nil, illegalArgument("kafka.ssl.truststore.certificates holds no PEM certificate")
		}
		c.RootCAs = pool
	} else if path := o.get("kafka.ssl.truststore.location", ""); path != "" {
		pool, err := loadTrustStore(path, o.get("kafka.ssl.truststore.type", ""), o.get("kafka.ssl.truststore.password", ""))
		if err != nil {
			return nil, err
		}
		c.RootCAs = pool
	} else if path := o.get("kafka.ssl.ca.location", ""); path != "" {
		pool, err := loadTrustStore(path, storePEM, "")
		if err != nil {
			return nil, err
		}
		c.RootCAs = pool
	}
	if path := o.get("kafka.ssl.keystore.location", ""); path != "" {
		storePass := o.get("kafka.ssl.keystore.password", "")
		cert, err := loadKeyStore(path, o.get("kafka.ssl.keystore.type", ""), storePass, o.get("kafka.ssl.key.password", storePass))
		if err != nil {
			return nil, err
		}
		c.Certificates = []tls.Certificate{cert}
	} else if certFile, keyFile := o.get("kafka.ssl.certificate.location", ""), o.get("kafka.ssl.key.location", ""); certFile != "" || keyFile != "" {
		pair, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, illegalArgument("cannot load the client certificate %s and key %s: %v", certFile, keyFile, err)
		}
		c.Certificates = []tls.Certificate{pair}
	}
	if o.get("kafka.ssl.endpoint.identification.algorithm", "https") == "" {
		c.InsecureSkipVerify = true
	}
	return c, nil
}

// storeType is typ upper-cased, or, when typ is empty, the type data looks
// like (Kafka's default is JKS; Eddy also accepts the PEM files that Spark
// users pass with kafka.ssl.truststore.type=PEM).
func storeType(typ string, data []byte) string {
	if typ != "" {
		return strings.ToUpper(typ)
	}
	switch {
	case len(data) >= 4 && binary.BigEndian.Uint32(data) == jksMagic:
		return storeJKS
	case bytes.Contains(data, []byte("-----BEGIN")):
		return storePEM
	default:
		return storePKCS12
	}
}

func storeError(kind, path, typ string, err error) error {
	return illegalArgument("Failed to load SSL %s %s of type %s: %v", kind, path, typ, err)
}

// loadTrustStore reads the CA certificates of a PEM, JKS or PKCS12 file. A
// JKS store is read without its integrity check when no password is given,
// as Java does.
func loadTrustStore(path, typ, password string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, illegalArgument("cannot read the CA file %s: %v", path, err)
	}
	typ = storeType(typ, data)
	pool := x509.NewCertPool()
	switch typ {
	case storePEM:
		if !pool.AppendCertsFromPEM(data) {
			return nil, illegalArgument("the CA file %s holds no PEM certificate", path)
		}
		return pool, nil
	case storeJKS:
		ks, err := loadJKS(data, password, password == "")
		if err != nil {
			return nil, storeError("truststore", path, typ, err)
		}
		n := 0
		for _, alias := range ks.Aliases() {
			var ders [][]byte
			if ks.IsTrustedCertificateEntry(alias) {
				e, err := ks.GetTrustedCertificateEntry(alias)
				if err != nil {
					return nil, storeError("truststore", path, typ, err)
				}
				ders = append(ders, e.Certificate.Content)
			} else if chain, err := ks.GetPrivateKeyEntryCertificateChain(alias); err == nil && len(chain) > 0 {
				ders = append(ders, chain[len(chain)-1].Content) // Java trusts a key entry's root too
			}
			for _, der := range ders {
				cert, err := x509.ParseCertificate(der)
				if err != nil {
					return nil, storeError("truststore", path, typ, err)
				}
				pool.AddCert(cert)
				n++
			}
		}
		if n == 0 {
			return nil, storeError("truststore", path, typ, errors.New("no certificate entry"))
		}
	case storePKCS12:
		certs, err := pkcs12.DecodeTrustStore(data, password)
		if err != nil {
			return nil, storeError("truststore", path, typ, err)
		}
		for _, cert := range certs {
			pool.AddCert(cert)
		}
		if len(certs) == 0 {
			return nil, storeError("truststore", path, typ, errors.New("no trusted certificate entry"))
		}
	default:
		return nil, illegalArgument("Unsupported kafka.ssl.truststore.type %s: Eddy supports PEM, JKS and PKCS12", typ)
	}
	return pool, nil
}

// loadJKS decodes a JKS store. Java reads a store without its password and
// skips the integrity check then; keystore-go has read every entry when it
// finds that the digest does not match.
func loadJKS(data []byte, password string, unchecked bool) (keystore.KeyStore, error) {
	ks := keystore.New()
	err := ks.Load(bytes.NewReader(data), []byte(password))
	if err != nil && err.Error() == "got invalid digest" {
		if unchecked {
			return ks, nil
		}
		return ks, errors.New("keystore password was incorrect")
	}
	return ks, err
}

// loadKeyStore reads the client's private key and certificate chain from a
// PEM, JKS or PKCS12 keystore (the first private key entry of a JKS store).
func loadKeyStore(path, typ, storePass, keyPass string) (tls.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return tls.Certificate{}, illegalArgument("cannot read the keystore %s: %v", path, err)
	}
	typ = storeType(typ, data)
	switch typ {
	case storePEM:
		cert, err := tls.X509KeyPair(data, data)
		if err != nil {
			return tls.Certificate{}, storeError("keystore", path, typ, err)
		}
		return cert, nil
	case storeJKS:
		ks, err := loadJKS(data, storePass, false)
		if err != nil {
			return tls.Certificate{}, storeError("keystore", path, typ, err)
		}
		for _, alias := range ks.Aliases() {
			if !ks.IsPrivateKeyEntry(alias) {
				continue
			}
			e, err := ks.GetPrivateKeyEntry(alias, []byte(keyPass))
			if err != nil {
				if err.Error() == "got invalid digest" {
					err = errors.New("the key password was incorrect")
				}
				return tls.Certificate{}, storeError("keystore", path, typ, err)
			}
			var cert tls.Certificate
			for _, c := range e.CertificateChain {
				cert.Certificate = append(cert.Certificate, c.Content)
			}
			if cert.PrivateKey, err = x509.ParsePKCS8PrivateKey(e.PrivateKey); err != nil {
				return tls.Certificate{}, storeError("keystore", path, typ, err)
			}
			return cert, nil
		}
		return tls.Certificate{}, storeError("keystore", path, typ, errors.New("no private key entry"))
	case storePKCS12:
		key, leaf, chain, err := pkcs12.DecodeChain(data, storePass)
		if err != nil {
			return tls.Certificate{}, storeError("keystore", path, typ, err)
		}
		cert := tls.Certificate{PrivateKey: key, Leaf: leaf, Certificate: [][]byte{leaf.Raw}}
		for _, c := range chain {
			cert.Certificate = append(cert.Certificate, c.Raw)
		}
		return cert, nil
	}
	return tls.Certificate{}, illegalArgument("Unsupported kafka.ssl.keystore.type %s: Eddy supports PEM, JKS and PKCS12", typ)
}
