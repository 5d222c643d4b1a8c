package dataio

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// ListFiles expands paths (files, directories, globs) into data files,
// skipping names starting with "_" or ".", sorted. Hive-style partition
// directories (k=v) are walked recursively.
func ListFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		matches, err := filepath.Glob(p)
		if err != nil || len(matches) == 0 {
			return nil, sparkerr.Analysis("PATH_NOT_FOUND", "Path does not exist: file:%s.", abs(p))
		}
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil {
				return nil, sparkerr.Analysis("PATH_NOT_FOUND", "Path does not exist: file:%s.", abs(m))
			}
			if !st.IsDir() {
				out = append(out, m)
				continue
			}
			err = filepath.Walk(m, func(path string, info os.FileInfo, err error) error {
				if err != nil {
					return err
				}
				base := info.Name()
				if path != m && (strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".")) {
					if info.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if !info.IsDir() && !strings.HasSuffix(base, ".crc") {
					out = append(out, path)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// Options are case-insensitive reader/writer options.
type Options map[string]string

// Get returns an option's value or def.
func (o Options) Get(key, def string) string {
	for k, v := range o {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return def
}

// Bool returns a boolean option.
func (o Options) Bool(key string, def bool) bool {
	v := strings.ToLower(o.Get(key, ""))
	switch v {
	case "true":
		return true
	case "false":
		return false
	}
	return def
}
