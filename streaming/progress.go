package streaming

import (
	"encoding/json"
	"strings"
	"time"
)

// Progress is Spark's StreamingQueryProgress for one trigger.
type Progress struct {
	ID                     string
	RunID                  string
	Name                   string
	Timestamp              time.Time
	BatchID                int64
	NumInputRows           int64
	InputRowsPerSecond     float64
	ProcessedRowsPerSecond float64
	DurationMs             map[string]int64
	EventTime              map[string]string
	StateOperators         []stateMetrics
	Sources                []SourceProgress
	Sink                   SinkProgress
}

// SourceProgress is one entry of StreamingQueryProgress.sources.
type SourceProgress struct {
	Description            string
	StartOffset            Offset
	EndOffset              Offset
	LatestOffset           Offset
	NumInputRows           int64
	InputRowsPerSecond     float64
	ProcessedRowsPerSecond float64
}

// SinkProgress is StreamingQueryProgress.sink.
type SinkProgress struct {
	Description   string
	NumOutputRows int64
}

// sparkTimestamp formats a time as Spark's progress timestamps.
func sparkTimestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func offsetValue(o Offset) any {
	if o == "" {
		return nil
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(string(o)))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return string(o)
	}
	return plainNumbers(v)
}

// plainNumbers turns the json.Numbers of a decoded offset into int64 (or
// float64) values.
func plainNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = plainNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plainNumbers(e)
		}
	}
	return v
}

// Map returns the progress as the JSON object Spark reports (the value of
// StreamingQuery.LastProgress).
func (p *Progress) Map() map[string]any {
	m := map[string]any{
		"id":                     p.ID,
		"runId":                  p.RunID,
		"name":                   nil,
		"timestamp":              sparkTimestamp(p.Timestamp),
		"batchId":                p.BatchID,
		"numInputRows":           p.NumInputRows,
		"inputRowsPerSecond":     p.InputRowsPerSecond,
		"processedRowsPerSecond": p.ProcessedRowsPerSecond,
	}
	if p.Name != "" {
		m["name"] = p.Name
	}
	d := map[string]any{}
	for k, v := range p.DurationMs {
		d[k] = v
	}
	m["durationMs"] = d
	if len(p.EventTime) > 0 {
		e := map[string]any{}
		for k, v := range p.EventTime {
			e[k] = v
		}
		m["eventTime"] = e
	}
	ops := []any{}
	for _, s := range p.StateOperators {
		ops = append(ops, map[string]any{
			"operatorName":              s.OperatorName,
			"numRowsTotal":              s.NumRowsTotal,
			"numRowsUpdated":            s.NumRowsUpdated,
			"allUpdatesTimeMs":          int64(0),
			"numRowsRemoved":            s.NumRowsRemoved,
			"allRemovalsTimeMs":         int64(0),
			"commitTimeMs":              int64(0),
			"memoryUsedBytes":           s.MemoryUsedBytes,
			"numRowsDroppedByWatermark": s.NumRowsDroppedByWatermark,
			"numShufflePartitions":      int64(1),
			"numStateStoreInstances":    int64(1),
			"customMetrics":             map[string]any{},
		})
	}
	m["stateOperators"] = ops
	srcs := []any{}
	for _, s := range p.Sources {
		srcs = append(srcs, map[string]any{
			"description":            s.Description,
			"startOffset":            offsetValue(s.StartOffset),
			"endOffset":              offsetValue(s.EndOffset),
			"latestOffset":           offsetValue(s.LatestOffset),
			"numInputRows":           s.NumInputRows,
			"inputRowsPerSecond":     s.InputRowsPerSecond,
			"processedRowsPerSecond": s.ProcessedRowsPerSecond,
		})
	}
	m["sources"] = srcs
	m["sink"] = map[string]any{"description": p.Sink.Description, "numOutputRows": p.Sink.NumOutputRows}
	return m
}

// JSON returns the progress as JSON.
func (p *Progress) JSON() string {
	b, _ := json.MarshalIndent(p.Map(), "", "  ")
	return string(b)
}

func rate(rows int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(rows) / d.Seconds()
}
