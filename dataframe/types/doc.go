// Package types is bound as T in notebook cells: Spark's type constructors
// and type values (T.StructType(...), T.StructField(...), T.StringType,
// T.ArrayType(t), T.MapType(k, v), T.DecimalType(p, s), T.ParseDDL(s)). The
// types themselves are
// dataframe.StructType etc. (aliases of package sqltypes).
package types
