// Command eddy is Eddy's single binary: the Jupyter kernel, its installer,
// the embedded Kafka broker and the demo producers.
//
//	eddy kernel -f CONNECTION_FILE
//	eddy install [--user | --sys-prefix | --prefix DIR]
//	eddy broker [--addr H:P] [--topics a,b] [--data-dir DIR]
//	eddy produce rides|transactions|events [flags]
//	eddy version
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand.
type command struct {
	usage string
	short string
	run   func(args []string, stdout, stderr io.Writer) int
}

// commands is the table of subcommands; new ones (lab) are added here.
var commands = map[string]command{
	"kernel":  {"kernel -f CONNECTION_FILE", "run the Jupyter kernel", runKernel},
	"install": {"install [--user | --sys-prefix | --prefix DIR]", "install the Jupyter kernelspec \"eddy\"", runInstall},
	"version": {"version", "print the version", runVersion},
	"broker":  {"broker [--addr H:P] [--topics a,b] [--data-dir DIR]", "run the embedded Kafka broker", errCommand(runBroker)},
	"produce": {"produce rides|transactions|events [flags]", "run a demo producer", errCommand(runProduce)},
}

// errCommand adapts a subcommand that reports failure as an error.
func errCommand(f func(args []string) error) func([]string, io.Writer, io.Writer) int {
	return func(args []string, _, stderr io.Writer) int {
		if err := f(args); err != nil {
			fmt.Fprintln(stderr, "eddy:", err)
			return 1
		}
		return 0
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "eddy: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Eddy: a Jupyter kernel for Go with Spark-style streaming DataFrames.")
	fmt.Fprintln(w, "\nUsage:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  eddy %-56s %s\n", commands[name].usage, commands[name].short)
	}
}
