package streaming

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// checkpoint is a query's checkpoint directory, laid out as Spark's:
//
//	metadata          {"id":"<query id>"}
//	offsets/<batch>   v1, {"batchWatermarkMs":..,"batchTimestampMs":..,"conf":{}}, one offset per source
//	commits/<batch>   v1, {"nextBatchWatermarkMs":..}
//	state/<op>/<batch>.snapshot   the stateful operator's state after the batch
//
// offsets/N is written before batch N runs and commits/N after its output
// is written, so that a restart re-runs an uncommitted batch with exactly
// the same offsets.
type checkpoint struct {
	dir  string
	temp bool
}

func openCheckpoint(dir string, temp bool) (*checkpoint, error) {
	for _, sub := range []string{"offsets", "commits", "state"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("cannot create checkpoint directory %s: %w", dir, err)
		}
	}
	return &checkpoint{dir: dir, temp: temp}, nil
}

// queryID returns the id stored in metadata, writing newID when absent.
func (c *checkpoint) queryID(newID string) (string, error) {
	p := filepath.Join(c.dir, "metadata")
	if b, err := os.ReadFile(p); err == nil {
		var m struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(b, &m) == nil && m.ID != "" {
			return m.ID, nil
		}
	}
	b, _ := json.Marshal(map[string]string{"id": newID})
	return newID, writeFileAtomic(p, append(b, '\n'))
}

// writeFileAtomic writes a file through a temporary file and a rename, so a
// crash leaves either the old content or the new one.
func writeFileAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func (c *checkpoint) writeOffsets(batchID, watermarkMs int64, offsets []Offset) error {
	var b strings.Builder
	b.WriteString("v1\n")
	fmt.Fprintf(&b, `{"batchWatermarkMs":%d,"batchTimestampMs":%d,"conf":{}}`, watermarkMs, time.Now().UnixMilli())
	for _, o := range offsets {
		b.WriteString("\n")
		if o == "" {
			b.WriteString("-")
		} else {
			b.WriteString(string(o))
		}
	}
	return writeFileAtomic(filepath.Join(c.dir, "offsets", strconv.FormatInt(batchID, 10)), []byte(b.String()))
}

func (c *checkpoint) readOffsets(batchID int64) ([]Offset, int64, error) {
	data, err := os.ReadFile(filepath.Join(c.dir, "offsets", strconv.FormatInt(batchID, 10)))
	if err != nil {
		return nil, 0, err
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 2 || lines[0] != "v1" {
		return nil, 0, fmt.Errorf("checkpoint %s: offsets/%d is not a v1 offsets log entry", c.dir, batchID)
	}
	var meta struct {
		BatchWatermarkMs int64 `json:"batchWatermarkMs"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &meta); err != nil {
		return nil, 0, fmt.Errorf("checkpoint %s: offsets/%d: %w", c.dir, batchID, err)
	}
	var out []Offset
	for _, l := range lines[2:] {
		if l == "-" {
			out = append(out, "")
			continue
		}
		out = append(out, Offset(l))
	}
	return out, meta.BatchWatermarkMs, nil
}

func (c *checkpoint) writeCommit(batchID, nextWatermarkMs int64) error {
	meta, _ := json.Marshal(map[string]any{"nextBatchWatermarkMs": nextWatermarkMs})
	return writeFileAtomic(filepath.Join(c.dir, "commits", strconv.FormatInt(batchID, 10)), append([]byte("v1\n"), meta...))
}

func (c *checkpoint) readCommit(batchID int64) (int64, error) {
	data, err := os.ReadFile(filepath.Join(c.dir, "commits", strconv.FormatInt(batchID, 10)))
	if err != nil {
		return 0, err
	}
	lines := strings.SplitN(string(data), "\n", 2)
	var meta struct {
		NextBatchWatermarkMs int64 `json:"nextBatchWatermarkMs"`
	}
	if len(lines) == 2 {
		_ = json.Unmarshal([]byte(lines[1]), &meta)
	}
	return meta.NextBatchWatermarkMs, nil
}

// latest returns the highest batch id in offsets/ or commits/, or -1.
func (c *checkpoint) latest(sub string) int64 {
	entries, err := os.ReadDir(filepath.Join(c.dir, sub))
	if err != nil {
		return -1
	}
	best := int64(-1)
	for _, e := range entries {
		if n, err := strconv.ParseInt(e.Name(), 10, 64); err == nil && n > best {
			best = n
		}
	}
	return best
}

func (c *checkpoint) statePath(op int, batchID int64) string {
	return filepath.Join(c.dir, "state", strconv.Itoa(op), strconv.FormatInt(batchID, 10)+".snapshot")
}

// writeState stores operator op's state after batchID and removes
// snapshots older than the previous one.
func (c *checkpoint) writeState(op int, batchID int64, data []byte) error {
	dir := filepath.Join(c.dir, "state", strconv.Itoa(op))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeFileAtomic(c.statePath(op, batchID), data); err != nil {
		return err
	}
	entries, _ := os.ReadDir(dir)
	var ids []int64
	for _, e := range entries {
		if n, err := strconv.ParseInt(strings.TrimSuffix(e.Name(), ".snapshot"), 10, 64); err == nil {
			ids = append(ids, n)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for i := 0; i+2 < len(ids); i++ {
		_ = os.Remove(c.statePath(op, ids[i]))
	}
	return nil
}

func (c *checkpoint) readState(op int, batchID int64) ([]byte, error) {
	return os.ReadFile(c.statePath(op, batchID))
}

func (c *checkpoint) remove() {
	if c.temp {
		_ = os.RemoveAll(c.dir)
	}
}
