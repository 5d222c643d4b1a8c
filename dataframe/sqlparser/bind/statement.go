package bind

import (
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/eddykernel/eddy/dataframe/expr"
	"github.com/eddykernel/eddy/dataframe/plan"
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// Views is a catalog that statements can change: CREATE VIEW registers a
// view, DROP VIEW removes one, SHOW TABLES lists them.
type Views interface {
	Catalog
	RegisterView(name string, p plan.Node)
	DropView(name string) bool
	ViewNames() []string
}

// Statement parses and runs one spark.sql statement: a query is bound into
// its plan; CREATE [OR REPLACE] TEMP VIEW, DROP VIEW and SHOW TABLES act on
// views and return Spark's result (an empty relation, or the table list).
func Statement(sql string, views Views, loc *time.Location) (plan.Node, error) {
	st, err := sqlparser.ParseStatement(sql)
	if err != nil {
		return nil, err
	}
	if loc == nil {
		loc = time.UTC
	}
	qb := &queryBinder{binder: binder{sql: sql, loc: loc, origins: map[expr.Expr]sqlparser.Pos{}}, cat: views}
	switch s := st.(type) {
	case *sqlparser.Query:
		n, err := qb.query(s, nil)
		if err != nil {
			return nil, qb.locateTypeError(Locate(s, err))
		}
		return n, nil
	case *sqlparser.CreateView:
		return qb.createView(s, views)
	case *sqlparser.DropView:
		name := strings.Join(s.Name, ".")
		if !views.DropView(name) && !s.IfExists {
			return nil, sparkerr.Analysis("TABLE_OR_VIEW_NOT_FOUND", "The table or view %s cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.", qualifiedName(s.Name))
		}
		return emptyResult()
	case *sqlparser.ShowTables:
		return showTables(views.ViewNames())
	}
	return nil, unsupported("the statement")
}

// qualifiedName quotes a name as Spark's session catalog does:
// `spark_catalog`.`default`.`v`.
func qualifiedName(name []string) string {
	switch len(name) {
	case 1:
		return sparkerr.Quote("spark_catalog", "default", name[0])
	case 2:
		return sparkerr.Quote("spark_catalog", name[0], name[1])
	}
	return sparkerr.Quote(name...)
}

func (b *queryBinder) createView(s *sqlparser.CreateView, views Views) (plan.Node, error) {
	name := strings.Join(s.Name, ".")
	if s.Global {
		name = "global_temp." + s.Name[len(s.Name)-1]
	}
	n, err := b.query(s.Query, nil)
	if err != nil {
		return nil, Locate(s.Query, err)
	}
	if len(s.Columns) > 0 {
		out := n.Output()
		if len(s.Columns) != len(out) {
			reason := "not enough data columns"
			class := "CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"
			if len(out) > len(s.Columns) {
				reason, class = "too many data columns", "CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
			}
			viewCols := make([]string, len(s.Columns))
			for i, c := range s.Columns {
				viewCols[i] = sparkerr.Quote(c)
			}
			dataCols := make([]string, len(out))
			for i, a := range out {
				dataCols[i] = sparkerr.Quote(a.Name)
			}
			return nil, sparkerr.Analysis(class, "Cannot create view %s, the reason is %s:\nView columns: %s.\nData columns: %s.",
				sparkerr.Quote(s.Name[len(s.Name)-1]), reason, strings.Join(viewCols, ", "), strings.Join(dataCols, ", "))
		}
		if n, err = renameColumns(n, s.Columns); err != nil {
			return nil, err
		}
	}
	if _, err := views.LookupView(name); err == nil && !s.Replace {
		if s.IfNotExists {
			return emptyResult()
		}
		return nil, sparkerr.Analysis("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "Cannot create the temporary view %s because it already exists.\nChoose a different name, drop or replace the existing view,  or add the IF NOT EXISTS clause to tolerate pre-existing views.", sparkerr.Quote(s.Name[len(s.Name)-1]))
	}
	views.RegisterView(name, n)
	return emptyResult()
}

// emptyResult is the result of a catalog statement: no columns, no rows.
func emptyResult() (plan.Node, error) {
	return plan.NewProject(plan.NewRange(0, 0, 1), nil)
}

// showTables lists temp views as Spark does: namespace "", the name, and
// isTemporary true.
func showTables(names []string) (plan.Node, error) {
	st := sqltypes.StructType{Fields: []sqltypes.StructField{
		{Name: "namespace", DataType: sqltypes.StringType},
		{Name: "tableName", DataType: sqltypes.StringType},
		{Name: "isTemporary", DataType: sqltypes.BooleanType},
	}}
	rb := array.NewRecordBuilder(memory.DefaultAllocator, sqltypes.ToArrowSchema(st))
	defer rb.Release()
	for _, n := range names {
		if strings.HasPrefix(strings.ToLower(n), "global_temp.") {
			continue // SHOW TABLES lists the current database only
		}
		ns, table := "", n
		if i := strings.LastIndexByte(n, '.'); i >= 0 {
			ns, table = n[:i], n[i+1:]
		}
		rb.Field(0).(*array.StringBuilder).Append(ns)
		rb.Field(1).(*array.StringBuilder).Append(table)
		rb.Field(2).(*array.BooleanBuilder).Append(true)
	}
	return plan.NewLocalRelation(st, []arrow.Record{rb.NewRecord()}, "ShowTables"), nil
}
