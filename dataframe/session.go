package dataframe

import (
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// SQLHook parses and binds a Spark SQL query into a plan; the SQL binder
// (dataframe/sql_*.go) sets it from an init function.
var SQLHook func(s *Session, query string) (plan.Node, error)

// ExprHook parses a Spark SQL expression (F.Expr, SelectExpr, string
// filters); the SQL binder sets it from an init function.
var ExprHook func(text string) (expr.Expr, error)

// Session is the entry point bound as spark in notebook cells.
type Session struct {
	mu      sync.Mutex
	conf    *RuntimeConfig
	out     io.Writer
	catalog *Catalog
	stopped bool
}

var (
	activeMu sync.Mutex
	active   *Session
)

// NewSession returns a new session writing to os.Stdout, and makes it the
// active session.
func NewSession() *Session {
	s := &Session{conf: newRuntimeConfig(), out: os.Stdout}
	s.catalog = newCatalog(s)
	activeMu.Lock()
	active = s
	activeMu.Unlock()
	return s
}

// ActiveSession returns the most recently created session, creating one if
// needed.
func ActiveSession() *Session {
	activeMu.Lock()
	s := active
	activeMu.Unlock()
	if s == nil {
		return NewSession()
	}
	return s
}

// SetOutput sets where Show, PrintSchema and Explain write (default
// os.Stdout).
func (s *Session) SetOutput(w io.Writer) {
	s.mu.Lock()
	s.out = w
	s.mu.Unlock()
}

// Output returns the session's output writer.
func (s *Session) Output() io.Writer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out
}

// Conf returns the runtime configuration (spark.conf).
func (s *Session) Conf() *RuntimeConfig { return s.conf }

// Catalog returns the session catalog (temp views and tables).
func (s *Session) Catalog() *Catalog { return s.catalog }

// Stop stops the session and its streaming queries.
func (s *Session) Stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	if StreamEngine != nil {
		StreamEngine.StopAll(s)
	}
}

// Location returns spark.sql.session.timeZone as a location (UTC default).
func (s *Session) Location() *time.Location {
	tz := s.conf.Get("spark.sql.session.timeZone", "UTC")
	if loc, err := time.LoadLocation(tz); err == nil {
		return loc
	}
	return time.UTC
}

// EvalContext returns a fresh evaluation context for one query.
func (s *Session) EvalContext() *expr.Context {
	return &expr.Context{Location: s.Location(), Now: time.Now()}
}

// NewDataFrame wraps a plan (for the SQL binder and the streaming engine).
func (s *Session) NewDataFrame(p plan.Node) *DataFrame { return &DataFrame{session: s, plan: p} }

// ErrDataFrame returns a DataFrame holding an error, reporting it to the
// error handler.
func (s *Session) ErrDataFrame(err error) *DataFrame {
	reportError(err)
	return &DataFrame{session: s, err: err}
}

// SQL runs a Spark SQL query; views registered with
// CreateOrReplaceTempView are visible.
func (s *Session) SQL(query string) *DataFrame {
	if SQLHook == nil {
		return s.ErrDataFrame(sparkerr.Analysis("UNSUPPORTED_FEATURE", "spark.SQL is not available: no SQL parser is registered."))
	}
	p, err := SQLHook(s, query)
	if err != nil {
		return s.ErrDataFrame(err)
	}
	return s.NewDataFrame(p)
}

// Table returns a temp view or table as a DataFrame.
func (s *Session) Table(name string) *DataFrame {
	p, err := s.catalog.lookup(name)
	if err != nil {
		return s.ErrDataFrame(err)
	}
	return s.NewDataFrame(p)
}

// LookupView returns a view's plan (for the SQL binder).
func (s *Session) LookupView(name string) (plan.Node, error) { return s.catalog.lookup(name) }

// Range returns a DataFrame with a bigint column id from start to end
// (exclusive); with one argument it counts from 0. An optional third
// argument is the step.
func (s *Session) Range(start int64, end ...int64) *DataFrame {
	lo, hi, step := int64(0), start, int64(1)
	if len(end) > 0 {
		lo, hi = start, end[0]
	}
	if len(end) > 1 {
		step = end[1]
	}
	if step == 0 {
		return s.ErrDataFrame(sparkerr.IllegalArgument("requirement failed: step (0) cannot be 0"))
	}
	return s.NewDataFrame(plan.NewRange(lo, hi, step))
}

// RuntimeConfig is spark.conf: string settings with Spark's defaults.
type RuntimeConfig struct {
	mu   sync.RWMutex
	vals map[string]string
}

func newRuntimeConfig() *RuntimeConfig {
	return &RuntimeConfig{vals: map[string]string{
		"spark.sql.shuffle.partitions": "200",
		"spark.sql.session.timeZone":   "UTC",
		"spark.app.name":               "eddy",
		"spark.master":                 "local[*]",
	}}
}

// Set sets a key; the value is rendered as Spark renders it (false →
// "false", 5 → "5").
func (c *RuntimeConfig) Set(key string, value any) {
	c.mu.Lock()
	c.vals[key] = renderOption(value)
	c.mu.Unlock()
}

// Get returns a key's value, or the given default, or "".
func (c *RuntimeConfig) Get(key string, def ...string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if v, ok := c.vals[key]; ok {
		return v
	}
	if len(def) > 0 {
		return def[0]
	}
	return ""
}

// Unset removes a key.
func (c *RuntimeConfig) Unset(key string) {
	c.mu.Lock()
	delete(c.vals, key)
	c.mu.Unlock()
}

// IsModifiable reports true for every key.
func (c *RuntimeConfig) IsModifiable(string) bool { return true }

// GetAll returns a copy of every setting.
func (c *RuntimeConfig) GetAll() map[string]string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make(map[string]string, len(c.vals))
	for k, v := range c.vals {
		out[k] = v
	}
	return out
}

func renderOption(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case nil:
		return "null"
	}
	return strings.TrimSpace(formatAny(v))
}
