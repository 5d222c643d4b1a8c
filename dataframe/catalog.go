package dataframe

import (
	"sort"
	"strings"
	"sync"

	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
)

// Catalog holds a session's temporary views (and the memory sink's tables).
type Catalog struct {
	mu      sync.RWMutex
	session *Session
	views   map[string]plan.Node
}

func newCatalog(s *Session) *Catalog { return &Catalog{session: s, views: map[string]plan.Node{}} }

// RegisterView creates or replaces a view (used by the memory sink).
func (c *Catalog) RegisterView(name string, p plan.Node) {
	c.mu.Lock()
	c.views[strings.ToLower(name)] = p
	c.mu.Unlock()
}

// DropTempView removes a view; it reports whether it existed.
func (c *Catalog) DropTempView(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.views[strings.ToLower(name)]
	delete(c.views, strings.ToLower(name))
	return ok
}

// TableExists reports whether a view exists.
func (c *Catalog) TableExists(name string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.views[strings.ToLower(name)]
	return ok
}

// ListTables returns the view names, sorted.
func (c *Catalog) ListTables() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for k := range c.views {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (c *Catalog) lookup(name string) (plan.Node, error) {
	c.mu.RLock()
	p, ok := c.views[strings.ToLower(name)]
	c.mu.RUnlock()
	if !ok {
		return nil, sparkerr.Analysis("TABLE_OR_VIEW_NOT_FOUND", "The table or view %s cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.", sparkerr.QuoteName(name))
	}
	return plan.NewSubqueryAlias(p, name), nil
}
