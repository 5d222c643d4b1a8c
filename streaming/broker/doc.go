// Package broker runs an embedded Kafka-protocol broker (franz-go's kfake)
// for notebooks, demos and tests: `eddy broker` starts one from the command
// line, and tests start one in-process with Start. Topics are created
// automatically on first use; with DataDir the broker persists its log and
// reloads it on restart.
package broker
