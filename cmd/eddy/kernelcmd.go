package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/eddykernel/eddy/kernel"
	"github.com/eddykernel/eddy/kernel/wire"
)

func runKernel(args []string, _, stderr io.Writer) int {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("f", "", "the connection file written by the frontend")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *file == "" {
		fmt.Fprintln(stderr, "usage: eddy kernel -f CONNECTION_FILE")
		return 2
	}
	info, err := wire.ReadConnectionFile(*file)
	if err != nil {
		fmt.Fprintln(stderr, "eddy:", err)
		return 1
	}
	k, err := kernel.New(info, kernel.Options{CaptureStdio: true, HandleSIGINT: true, WatchParent: true})
	if err != nil {
		fmt.Fprintln(stderr, "eddy:", err)
		return 1
	}
	if _, err := k.Run(context.Background()); err != nil {
		fmt.Fprintln(stderr, "eddy:", err)
		return 1
	}
	return 0
}
