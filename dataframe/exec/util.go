package exec

import "github.com/apache/arrow/go/v15/arrow/memory"

func bufferOf(b []byte) *memory.Buffer { return memory.NewBufferBytes(b) }
