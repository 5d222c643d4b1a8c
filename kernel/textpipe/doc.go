// Package textpipe reads the read end of a pipe as stream text: whatever is
// written arrives in chunks of valid UTF-8 (an incomplete character at the
// end of a read is held back until the rest arrives; invalid bytes become
// U+FFFD). The kernel uses it for the captured file descriptors 1 and 2, and
// the interpreter for the os.Stdout and os.Stderr files cells see.
package textpipe
