package main

import (
	"fmt"
	"io"

	"github.com/eddykernel/eddy/kernel"
)

func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "eddy %s (go %s, Jupyter protocol 5.3)\n", kernel.Version, kernel.GoVersion)
	return 0
}
