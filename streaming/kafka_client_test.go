package streaming

import (
	"testing"
)

func TestKafkaConfigOptions(t *testing.T) {
	tests := []struct {
		name           string
		opts           map[string]string
		tls            bool
		mechanism, err string
	}{
		{"plaintext", map[string]string{}, false, "", ""},
		{"ssl", map[string]string{"kafka.security.protocol": "SSL"}, true, "", ""},
		{"sasl plain", map[string]string{"kafka.security.protocol": "SASL_PLAINTEXT", "kafka.sasl.mechanism": "PLAIN",
			"kafka.sasl.jaas.config": `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";`}, false, "PLAIN", ""},
		{"sasl ssl scram", map[string]string{"kafka.security.protocol": "SASL_SSL", "kafka.sasl.mechanism": "SCRAM-SHA-512",
			"kafka.sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";`}, true, "SCRAM-SHA-512", ""},
		{"bad mechanism", map[string]string{"kafka.security.protocol": "SASL_SSL", "kafka.sasl.mechanism": "GSSAPI"}, false, "", "Unsupported SASL mechanism GSSAPI: Eddy supports PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512"},
		{"missing CA", map[string]string{"kafka.security.protocol": "SSL", "kafka.ssl.ca.location": "/nonexistent/ca.pem"}, false, "", "cannot read the CA file /nonexistent/ca.pem: open /nonexistent/ca.pem: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOptions(tt.opts)
			o["kafka.bootstrap.servers"] = "h1:9092, h2:9093"
			c, err := newKafkaConfig(o)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(c.brokers) != 2 || c.brokers[1] != "h2:9093" {
				t.Errorf("brokers %v", c.brokers)
			}
			if (c.tls != nil) != tt.tls {
				t.Errorf("tls %v", c.tls != nil)
			}
			got := ""
			if c.mechanism != nil {
				got = c.mechanism.Name()
			}
			if got != tt.mechanism {
				t.Errorf("mechanism %q, want %q", got, tt.mechanism)
			}
		})
	}
}

// TestParseJAASQuoting reads username and password quoted as Confluent
// Cloud writes them ('…'), as Kafka's docs write them ("…"), bare, and
// with escaped quotes.
func TestParseJAASQuoting(t *testing.T) {
	tests := []struct{ jaas, user, pass string }{
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username='ABCDEF' password='xY/z+1==';`, "ABCDEF", "xY/z+1=="},
		{`org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="s3\"cret";`, "alice", `s3"cret`},
		{`org.apache.kafka.common.security.plain.PlainLoginModule required username=bob password=p@ss;`, "bob", "p@ss"},
		{`PlainLoginModule required password='it\'s' username='o"k';`, `o"k`, "it's"},
		{`PlainLoginModule required username='' password='';`, "", ""},
		{`PlainLoginModule required myusername='x' password='p';`, "", "p"},
	}
	for _, tt := range tests {
		if u, p := parseJAAS(tt.jaas); u != tt.user || p != tt.pass {
			t.Errorf("parseJAAS(%s) = %q, %q; want %q, %q", tt.jaas, u, p, tt.user, tt.pass)
		}
	}
}
