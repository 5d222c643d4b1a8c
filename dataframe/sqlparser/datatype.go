package sqlparser

import (
	"strconv"
	"strings"
)

// DataType is a parsed Spark SQL type. Name is Spark's canonical lower-case
// type name: boolean, tinyint, smallint, int, bigint, float, double,
// decimal, string, char, varchar, binary, date, timestamp, timestamp_ntz,
// void, interval, array, map or struct.
type DataType struct {
	At   Pos
	Name string
	// Precision and Scale are set for decimal (default 10 and 0).
	Precision, Scale int
	// Length is set for char and varchar.
	Length int
	// Elem is the element type of an array.
	Elem *DataType
	// Key and Value are the types of a map.
	Key, Value *DataType
	// Fields are the fields of a struct.
	Fields []StructField
	// IntervalFrom and IntervalTo are the units of an ANSI interval type
	// (e.g. DAY and SECOND for `interval day to second`).
	IntervalFrom, IntervalTo string
}

// StructField is one field of a struct type or one column of a DDL schema.
type StructField struct {
	Name    string
	Type    *DataType
	NotNull bool
	Comment string
	// HasComment reports whether a COMMENT clause was given.
	HasComment bool
}

// String returns Spark's simpleString of the type, e.g. "int",
// "decimal(10,2)", "array<int>", "map<string,int>", "struct<a:int>".
func (t *DataType) String() string {
	switch t.Name {
	case "decimal":
		return "decimal(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")"
	case "char", "varchar":
		return t.Name + "(" + strconv.Itoa(t.Length) + ")"
	case "array":
		return "array<" + t.Elem.String() + ">"
	case "map":
		return "map<" + t.Key.String() + "," + t.Value.String() + ">"
	case "struct":
		parts := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			parts[i] = f.Name + ":" + f.Type.String()
		}
		return "struct<" + strings.Join(parts, ",") + ">"
	case "interval":
		if t.IntervalFrom == "" {
			return "interval"
		}
		s := "interval " + strings.ToLower(t.IntervalFrom)
		if t.IntervalTo != "" && t.IntervalTo != t.IntervalFrom {
			s += " to " + strings.ToLower(t.IntervalTo)
		}
		return s
	}
	return t.Name
}

// primitiveTypes maps Spark's type keywords to canonical names.
var primitiveTypes = map[string]string{
	"BOOLEAN": "boolean", "TINYINT": "tinyint", "BYTE": "tinyint", "SMALLINT": "smallint",
	"SHORT": "smallint", "INT": "int", "INTEGER": "int", "BIGINT": "bigint", "LONG": "bigint",
	"FLOAT": "float", "REAL": "float", "DOUBLE": "double", "DATE": "date",
	"TIMESTAMP": "timestamp", "TIMESTAMP_LTZ": "timestamp", "TIMESTAMP_NTZ": "timestamp_ntz",
	"STRING": "string", "BINARY": "binary", "DECIMAL": "decimal", "DEC": "decimal",
	"NUMERIC": "decimal", "VOID": "void", "CHAR": "char", "CHARACTER": "char", "VARCHAR": "varchar",
	"INTERVAL": "interval",
}

// parseDataType parses Spark's dataType rule.
func (p *parser) parseDataType() *DataType {
	p.enter()
	defer p.leave()
	t := p.cur()
	if t.Kind != TokWord && t.Kind != TokQuotedIdent {
		p.fail(t)
	}
	at := tokPos(t)
	u := t.Upper()
	if t.Kind == TokWord {
		switch u {
		case "ARRAY":
			if p.peek(1).Kind == TokLt {
				p.advance()
				p.advance()
				elem := p.parseDataType()
				p.expectClose(TokGt, ">")
				return &DataType{At: at, Name: "array", Elem: elem}
			}
		case "MAP":
			if p.peek(1).Kind == TokLt {
				p.advance()
				p.advance()
				k := p.parseDataType()
				p.expect(TokComma)
				v := p.parseDataType()
				p.expectClose(TokGt, ">")
				return &DataType{At: at, Name: "map", Key: k, Value: v}
			}
		case "STRUCT":
			switch p.peek(1).Kind {
			case TokNeq:
				p.advance()
				p.advance()
				return &DataType{At: at, Name: "struct"}
			case TokLt:
				p.advance()
				p.advance()
				st := &DataType{At: at, Name: "struct"}
				if p.cur().Kind != TokGt {
					st.Fields = p.parseFieldList(true)
				}
				p.expectClose(TokGt, ">")
				return st
			}
		case "INTERVAL":
			if dt, ok := p.parseIntervalType(at); ok {
				return dt
			}
		}
	}
	p.advance()
	var params []int
	var paramText []string
	if p.cur().Kind == TokLParen {
		p.advance()
		for {
			n := p.expect(TokInteger)
			v, err := strconv.Atoi(n.Text)
			if err != nil {
				v = -1
			}
			params = append(params, v)
			paramText = append(paramText, n.Text)
			if !p.accept(TokComma) {
				break
			}
		}
		p.expect(TokRParen)
	}
	name, known := primitiveTypes[u]
	if t.Kind == TokQuotedIdent {
		known = false
	}
	dt := &DataType{At: at, Name: name}
	switch {
	case !known:
	case name == "decimal" && len(params) == 0:
		dt.Precision, dt.Scale = 10, 0
		return dt
	case name == "decimal" && len(params) <= 2:
		dt.Precision = params[0]
		if len(params) == 2 {
			dt.Scale = params[1]
		}
		if dt.Precision < 1 || dt.Precision > 38 || dt.Scale < 0 || dt.Scale > dt.Precision {
			p.decimalError(at, dt.Precision, dt.Scale)
		}
		return dt
	case (name == "char" || name == "varchar") && len(params) == 1:
		dt.Length = params[0]
		return dt
	case len(params) == 0 && name != "char" && name != "varchar":
		return dt
	}
	display := strings.ToUpper(t.Value)
	if known && (name == "char" || name == "varchar") && len(params) == 0 {
		p.raise(t, "DATATYPE_MISSING_SIZE", `DataType "`+display+`" requires a length parameter, for example "`+display+`"(10). Please specify the length.`)
	}
	if len(params) > 0 {
		display += "(" + strings.Join(paramText, ",") + ")"
	}
	p.raise(t, "UNSUPPORTED_DATATYPE", `Unsupported data type "`+display+`".`)
	return nil
}

func (p *parser) decimalError(at Pos, precision, scale int) {
	if precision > 38 {
		p.raiseErr(&ArithmeticException{ErrorClass: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
			Message: "Decimal precision " + strconv.Itoa(precision) + " exceeds max precision 38."})
	}
	if scale > precision {
		p.raiseErr(&ParseException{Message: "Decimal scale (" + strconv.Itoa(scale) +
			") cannot be greater than precision (" + strconv.Itoa(precision) + ").", SQL: p.src})
	}
	p.raiseAt(at, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "Decimal precision "+strconv.Itoa(precision)+" exceeds max precision 38.")
}

var yearMonthUnits = map[string]bool{"YEAR": true, "MONTH": true}
var dayTimeUnits = map[string]bool{"DAY": true, "HOUR": true, "MINUTE": true, "SECOND": true}

// parseIntervalType parses `INTERVAL YEAR [TO MONTH]` and
// `INTERVAL DAY|HOUR|MINUTE|SECOND [TO HOUR|MINUTE|SECOND]`.
func (p *parser) parseIntervalType(at Pos) (*DataType, bool) {
	from := p.peek(1).Upper()
	if p.peek(1).Kind != TokWord || !yearMonthUnits[from] && !dayTimeUnits[from] {
		return nil, false
	}
	p.advance()
	p.advance()
	dt := &DataType{At: at, Name: "interval", IntervalFrom: from, IntervalTo: from}
	if p.isWord("TO") {
		p.advance()
		to := p.cur()
		if to.Kind != TokWord || yearMonthUnits[from] != yearMonthUnits[to.Upper()] || !yearMonthUnits[to.Upper()] && !dayTimeUnits[to.Upper()] {
			p.fail(to)
		}
		dt.IntervalTo = p.advance().Upper()
	}
	return dt, true
}

// parseFieldList parses struct fields (`name[:] type [NOT NULL] [COMMENT
// 'c']`, comma separated); inStruct allows the colon.
func (p *parser) parseFieldList(inStruct bool) []StructField {
	var fields []StructField
	for {
		f := StructField{Name: p.parseIdentifier()}
		if inStruct {
			p.accept(TokColon)
		}
		f.Type = p.parseDataType()
		if p.isWord("NOT") && p.peek(1).IsWord("NULL") {
			p.advance()
			p.advance()
			f.NotNull = true
		}
		if p.isWord("COMMENT") && p.peek(1).Kind == TokString {
			p.advance()
			f.Comment = p.advance().Value
			f.HasComment = true
		}
		fields = append(fields, f)
		if !p.accept(TokComma) {
			return fields
		}
	}
}

// parseColumnList parses a DDL column list.
func (p *parser) parseColumnList() []StructField {
	return p.parseFieldList(false)
}
