package streaming

import (
	"time"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// TriggerKind says how a query schedules its micro-batches.
type TriggerKind int

const (
	// TriggerDefault runs the next micro-batch as soon as the previous one
	// has finished and new data is available.
	TriggerDefault TriggerKind = iota
	// TriggerProcessingTime starts a micro-batch every Interval.
	TriggerProcessingTime
	// TriggerOnce processes everything available in one micro-batch, then
	// stops.
	TriggerOnce
	// TriggerAvailableNow processes everything available at start, possibly
	// in several micro-batches (honouring maxOffsetsPerTrigger and
	// maxFilesPerTrigger), then stops.
	TriggerAvailableNow
)

// Trigger is the value passed to DataStreamWriter.Trigger.
type Trigger struct {
	Kind     TriggerKind
	Interval time.Duration
	err      error
}

// String returns Spark's name of the trigger.
func (t Trigger) String() string {
	switch t.Kind {
	case TriggerProcessingTime:
		return "ProcessingTimeTrigger(" + t.Interval.String() + ")"
	case TriggerOnce:
		return "OneTimeTrigger"
	case TriggerAvailableNow:
		return "AvailableNowTrigger"
	}
	return "ProcessingTimeTrigger(0)"
}

// ProcessingTime returns a trigger that starts a micro-batch every interval:
// a Spark interval string such as "2 seconds" or "1 minute", a
// time.Duration, or a number of milliseconds.
func ProcessingTime(interval any) Trigger {
	switch v := interval.(type) {
	case time.Duration:
		return Trigger{Kind: TriggerProcessingTime, Interval: v}
	case int:
		return Trigger{Kind: TriggerProcessingTime, Interval: time.Duration(v) * time.Millisecond}
	case int64:
		return Trigger{Kind: TriggerProcessingTime, Interval: time.Duration(v) * time.Millisecond}
	case string:
		us, ok := expr.ParseInterval(v)
		if !ok || us < 0 {
			return Trigger{Kind: TriggerProcessingTime, err: sparkerr.IllegalArgument("Invalid interval: %s", v)}
		}
		return Trigger{Kind: TriggerProcessingTime, Interval: time.Duration(us) * time.Microsecond}
	}
	return Trigger{Kind: TriggerProcessingTime, err: sparkerr.IllegalArgument("Invalid interval: %v", interval)}
}

// Once returns the trigger that processes one micro-batch and stops.
func Once() Trigger { return Trigger{Kind: TriggerOnce} }

// AvailableNow returns the trigger that processes all data available at
// start, in as many micro-batches as the source limits require, and stops.
func AvailableNow() Trigger { return Trigger{Kind: TriggerAvailableNow} }

func toTrigger(v any) (Trigger, error) {
	switch t := v.(type) {
	case nil:
		return Trigger{Kind: TriggerDefault}, nil
	case Trigger:
		return t, t.err
	case *Trigger:
		return *t, t.err
	case string, time.Duration:
		// Trigger("5 seconds") reads like PySpark's trigger(processingTime=...).
		pt := ProcessingTime(t)
		return pt, pt.err
	}
	return Trigger{}, sparkerr.IllegalArgument("Unknown trigger %v: use streaming.ProcessingTime, streaming.Once or streaming.AvailableNow", v)
}
