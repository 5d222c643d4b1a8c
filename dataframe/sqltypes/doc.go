// Package sqltypes defines Spark SQL's data types (string, integer, long,
// float, double, decimal, boolean, binary, timestamp, date, struct, array and
// map), the StructType/StructField schema API, a DDL parser, Spark's
// printSchema text and schema JSON, and the mapping of every type onto Apache
// Arrow.
//
// It is the lowest layer of the DataFrame engine: package dataframe re-exports
// these types with type aliases, and package dataframe/types (bound as T in
// notebook cells) re-exports the constructors.
//
// Data types are compared with Equal, never with ==, because StructType holds
// a slice.
package sqltypes
