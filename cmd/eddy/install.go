package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

//go:generate go run ./assets/gen.go -out assets

//go:embed assets/logo-32x32.png
var logo32 []byte

//go:embed assets/logo-64x64.png
var logo64 []byte

// kernelSpec is the content of kernel.json.
type kernelSpec struct {
	Argv          []string       `json:"argv"`
	DisplayName   string         `json:"display_name"`
	Language      string         `json:"language"`
	InterruptMode string         `json:"interrupt_mode"`
	Env           map[string]any `json:"env"`
	Metadata      map[string]any `json:"metadata"`
}

func runInstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	user := fs.Bool("user", false, "install into the user's Jupyter data directory (the default)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the current Python's sys.prefix (honours $VIRTUAL_ENV)")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	n := 0
	for _, set := range []bool{*user, *sysPrefix, *prefix != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		fmt.Fprintln(stderr, "eddy install: choose one of --user, --sys-prefix and --prefix")
		return 2
	}
	dir, err := kernelsDir(*user, *sysPrefix, *prefix)
	if err != nil {
		fmt.Fprintln(stderr, "eddy install:", err)
		return 1
	}
	exe, err := executable()
	if err != nil {
		fmt.Fprintln(stderr, "eddy install:", err)
		return 1
	}
	dest := filepath.Join(dir, "eddy")
	if err := writeKernelSpec(dest, exe); err != nil {
		fmt.Fprintln(stderr, "eddy install:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Installed kernelspec eddy in %s\n", dest)
	return 0
}

// kernelsDir returns the jupyter kernels directory the flags select. With no
// flag it is the user directory, as `jupyter kernelspec install --user`.
func kernelsDir(user, sysPrefix bool, prefix string) (string, error) {
	switch {
	case prefix != "":
		abs, err := filepath.Abs(prefix)
		if err != nil {
			return "", err
		}
		return filepath.Join(abs, "share", "jupyter", "kernels"), nil
	case sysPrefix:
		p, err := pythonPrefix()
		if err != nil {
			return "", err
		}
		return filepath.Join(p, "share", "jupyter", "kernels"), nil
	default:
		_ = user
		return userDataDir()
	}
}

// userDataDir returns the kernels directory under Jupyter's user data
// directory, found as jupyter_core.paths.jupyter_data_dir finds it:
// $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else
// ~/Library/Jupyter on macOS and ~/.local/share/jupyter elsewhere.
func userDataDir() (string, error) {
	if dir := os.Getenv("JUPYTER_DATA_DIR"); dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", err
		}
		return filepath.Join(abs, "kernels"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter", "kernels"), nil
	}
	if data := os.Getenv("XDG_DATA_HOME"); data != "" && filepath.IsAbs(data) {
		return filepath.Join(data, "jupyter", "kernels"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter", "kernels"), nil
}

// pythonPrefix returns sys.prefix of the current Python: the one of
// $VIRTUAL_ENV when set, else of python3 on PATH.
func pythonPrefix() (string, error) {
	python := "python3"
	if venv := os.Getenv("VIRTUAL_ENV"); venv != "" {
		if p := filepath.Join(venv, "bin", "python"); fileExists(p) {
			python = p
		}
	}
	out, err := exec.Command(python, "-c", "import sys; print(sys.prefix)").Output()
	if err != nil {
		return "", fmt.Errorf("finding sys.prefix with %s: %w", python, err)
	}
	return strings.TrimSpace(string(out)), nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// executable returns the absolute path of the running binary.
func executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return filepath.Abs(exe)
}

// writeKernelSpec writes kernel.json and the logos into dest.
func writeKernelSpec(dest, exe string) error {
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	spec := kernelSpec{
		Argv:          []string{exe, "kernel", "-f", "{connection_file}"},
		DisplayName:   "Go (Eddy)",
		Language:      "go",
		InterruptMode: "message",
		Env:           map[string]any{},
		Metadata:      map[string]any{"debugger": false},
	}
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"kernel.json":    append(data, '\n'),
		"logo-32x32.png": logo32,
		"logo-64x64.png": logo64,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dest, name), content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
