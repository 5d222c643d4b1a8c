// Package functions is bound as F in notebook cells: Spark's
// pyspark.sql.functions in Go spelling (F.Col, F.Lit, F.When, F.FromJSON,
// F.Count, ...). Column arguments are a Column or a column name.
//
// Regular expressions (F.Split, F.RegexpExtract, F.RegexpReplace, RLike)
// use Go's RE2 syntax, not Java's: backreferences (\1) and lookaround
// ((?=...), (?<=...)) are not supported, and a pattern RE2 rejects gives
// null. Possessive quantifiers and \p{javaLowerCase}-style classes are also
// unavailable. Replacement strings use $1 group references, as in Java.
package functions
