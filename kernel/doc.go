// Package kernel is Eddy's Jupyter dispatch layer, between the transport
// (package wire) and execution (package interp).
//
// It runs one handler per msg_type: kernel_info, execute, is_complete,
// complete, inspect, history, comm_info, comm_open, comm_msg, comm_close,
// interrupt and shutdown. Every request is surrounded by busy and idle status
// messages. Shell requests run one at a time, in order, on one goroutine;
// control requests run on their own goroutine, so interrupts and shutdowns
// are served while a cell runs. After a cell fails with stop_on_error, the
// execute requests already queued are answered "aborted", as ipykernel does.
//
// Output reaches the cell it belongs to: the kernel implements
// display.Publisher for each request's parent header, interp reports fmt
// output and goroutine panics with the origin of the cell that caused them,
// and writes to file descriptors 1 and 2 (compiled code, C code) are
// captured through pipes and sent to the running cell, or to the last cell
// when none runs. The kernel logs to the process's original stderr.
package kernel
