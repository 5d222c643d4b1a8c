// Package plan holds the logical plan and its analyzer. Every node is built
// by a constructor (NewProject, NewFilter, NewAggregate, NewJoin, NewUnion,
// NewSort, NewLimit, NewDistinct, NewSubqueryAlias, ...) that resolves its
// expressions against the child's output attributes, inserts Spark's
// implicit casts, and reports AnalysisExceptions with Spark's error classes.
// A node that exists is therefore always resolved; package exec runs it.
//
// Plans are values that can run many times: a streaming query (issue 4)
// builds a plan over a StreamSource leaf once and executes it for every
// micro-batch, supplying that batch's records for the leaf.
//
// The SQL binder (dataframe/sql_*.go) builds plans with the same
// constructors.
package plan
