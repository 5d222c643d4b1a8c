package kernel

import (
	"testing"
)

// BenchmarkExecuteRoundTrip measures a `1+1` execute_request from a zmq4
// client to its execute_reply and idle status, through real sockets.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	_, c := startKernel(b)
	b.ResetTimer()
	for b.Loop() {
		id := c.send(c.shell, "execute_request", map[string]any{"code": "1+1"})
		c.reply(c.shell, id)
		c.collect(id)
	}
}

// BenchmarkKernelInfoRoundTrip measures the kernel's own overhead, without
// the interpreter.
func BenchmarkKernelInfoRoundTrip(b *testing.B) {
	_, c := startKernel(b)
	b.ResetTimer()
	for b.Loop() {
		id := c.send(c.shell, "kernel_info_request", map[string]any{})
		c.reply(c.shell, id)
		c.collect(id)
	}
}
