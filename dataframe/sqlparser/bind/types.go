package bind

import (
	"github.com/eddykernel/eddy/dataframe/sparkerr"
	"github.com/eddykernel/eddy/dataframe/sqlparser"
	"github.com/eddykernel/eddy/dataframe/sqltypes"
)

// DataType converts a parsed SQL type into the engine's type.
func DataType(t *sqlparser.DataType) (sqltypes.DataType, error) {
	switch t.Name {
	case "boolean":
		return sqltypes.BooleanType, nil
	case "tinyint", "smallint", "int":
		return sqltypes.IntegerType, nil
	case "bigint":
		return sqltypes.LongType, nil
	case "float":
		return sqltypes.FloatType, nil
	case "double":
		return sqltypes.DoubleType, nil
	case "decimal":
		return sqltypes.DecimalType{Precision: t.Precision, Scale: t.Scale}, nil
	case "string", "char", "varchar":
		return sqltypes.StringType, nil
	case "binary":
		return sqltypes.BinaryType, nil
	case "date":
		return sqltypes.DateType, nil
	case "timestamp", "timestamp_ntz":
		return sqltypes.TimestampType, nil
	case "void":
		return sqltypes.NullType, nil
	case "array":
		elem, err := DataType(t.Elem)
		if err != nil {
			return nil, err
		}
		return sqltypes.ArrayType{ElementType: elem, ContainsNull: true}, nil
	case "map":
		k, err := DataType(t.Key)
		if err != nil {
			return nil, err
		}
		v, err := DataType(t.Value)
		if err != nil {
			return nil, err
		}
		return sqltypes.MapType{KeyType: k, ValueType: v, ValueContainsNull: true}, nil
	case "struct":
		st := sqltypes.StructType{}
		for _, f := range t.Fields {
			ft, err := DataType(f.Type)
			if err != nil {
				return nil, err
			}
			st.Fields = append(st.Fields, sqltypes.StructField{Name: f.Name, DataType: ft, Nullable: !f.NotNull})
		}
		return st, nil
	}
	return nil, unsupported("the data type " + t.String())
}

// unsupported reports a Spark feature the engine does not implement.
func unsupported(what string) error {
	return sparkerr.Analysis("UNSUPPORTED_FEATURE", "The feature is not supported: %s.", what)
}
