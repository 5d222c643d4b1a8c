package sqltypes

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ParseDDL parses a DDL schema string such as "name STRING, amount DOUBLE,
// flag INT" (also "a: int", "struct<a:int>" and NOT NULL) into a StructType.
func ParseDDL(s string) (StructType, error) {
	p := &ddlParser{src: s}
	p.lex()
	st, err := p.fieldList(false)
	if err == nil && p.pos < len(p.toks) {
		err = p.errorf()
	}
	if err != nil {
		// A bare type such as "struct<a:int>" is accepted too.
		p2 := &ddlParser{src: s}
		p2.lex()
		if dt, err2 := p2.dataType(); err2 == nil && p2.pos == len(p2.toks) {
			if st2, ok := dt.(StructType); ok {
				return st2, nil
			}
		}
		return StructType{}, err
	}
	return st, nil
}

// ParseType parses a type name such as "int", "bigint", "array<string>" or
// "struct<a:int,b:string>".
func ParseType(s string) (DataType, error) {
	p := &ddlParser{src: s}
	p.lex()
	dt, err := p.dataType()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, p.errorf()
	}
	return dt, nil
}

type ddlTok struct {
	text   string
	quoted bool
	pos    int
}

type ddlParser struct {
	src  string
	toks []ddlTok
	pos  int
}

func (p *ddlParser) lex() {
	s := p.src
	for i := 0; i < len(s); {
		c := rune(s[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case c == '`':
			j := i + 1
			var b strings.Builder
			for j < len(s) {
				if s[j] == '`' {
					if j+1 < len(s) && s[j+1] == '`' {
						b.WriteByte('`')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			p.toks = append(p.toks, ddlTok{b.String(), true, i})
			i = j + 1
		case strings.ContainsRune("<>,:()", c):
			p.toks = append(p.toks, ddlTok{string(c), false, i})
			i++
		default:
			j := i
			for j < len(s) && !unicode.IsSpace(rune(s[j])) && !strings.ContainsRune("<>,:()`", rune(s[j])) {
				j++
			}
			p.toks = append(p.toks, ddlTok{s[i:j], false, i})
			i = j
		}
	}
}

func (p *ddlParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].text
	}
	return ""
}

func (p *ddlParser) errorf() error {
	near := "end of input"
	pos := len(p.src)
	if p.pos < len(p.toks) {
		near = "'" + p.toks[p.pos].text + "'"
		pos = p.toks[p.pos].pos
	}
	return &ParseError{Message: fmt.Sprintf("[PARSE_SYNTAX_ERROR] Syntax error at or near %s.(line 1, pos %d)\n\n== SQL ==\n%s\n%s^^^\n", near, pos, p.src, strings.Repeat("-", pos))}
}

// ParseError is a DDL syntax error; its message follows Spark's
// PARSE_SYNTAX_ERROR text.
type ParseError struct{ Message string }

// Error returns the message.
func (e *ParseError) Error() string { return e.Message }

// ExceptionName returns "ParseException".
func (e *ParseError) ExceptionName() string { return "ParseException" }

func (p *ddlParser) fieldList(inStruct bool) (StructType, error) {
	var st StructType
	for {
		if p.pos >= len(p.toks) {
			return st, p.errorf()
		}
		name := p.toks[p.pos].text
		if !p.toks[p.pos].quoted && strings.ContainsAny(name, "<>,:()") {
			return st, p.errorf()
		}
		p.pos++
		if p.peek() == ":" {
			p.pos++
		}
		dt, err := p.dataType()
		if err != nil {
			return st, err
		}
		nullable := true
		if strings.EqualFold(p.peek(), "NOT") && p.pos+1 < len(p.toks) && strings.EqualFold(p.toks[p.pos+1].text, "NULL") {
			nullable = false
			p.pos += 2
		}
		if strings.EqualFold(p.peek(), "COMMENT") && p.pos+1 < len(p.toks) {
			p.pos += 2
		}
		st.Fields = append(st.Fields, StructField{Name: name, DataType: dt, Nullable: nullable})
		if p.peek() != "," {
			return st, nil
		}
		p.pos++
	}
}

func (p *ddlParser) expect(s string) error {
	if p.peek() != s {
		return p.errorf()
	}
	p.pos++
	return nil
}

func (p *ddlParser) dataType() (DataType, error) {
	if p.pos >= len(p.toks) {
		return nil, p.errorf()
	}
	name := strings.ToLower(p.toks[p.pos].text)
	p.pos++
	switch name {
	case "string", "varchar", "char", "text":
		if p.peek() == "(" {
			p.pos += 3
		}
		return StringType, nil
	case "int", "integer", "smallint", "short", "tinyint", "byte":
		return IntegerType, nil
	case "bigint", "long":
		return LongType, nil
	case "float", "real":
		return FloatType, nil
	case "double":
		return DoubleType, nil
	case "decimal", "dec", "numeric":
		return p.decimalParams()
	case "boolean", "bool":
		return BooleanType, nil
	case "binary":
		return BinaryType, nil
	case "timestamp", "timestamp_ltz", "timestamp_ntz":
		return TimestampType, nil
	case "date":
		return DateType, nil
	case "void", "null":
		return NullType, nil
	case "array":
		if err := p.expect("<"); err != nil {
			return nil, err
		}
		et, err := p.dataType()
		if err != nil {
			return nil, err
		}
		if err := p.expect(">"); err != nil {
			return nil, err
		}
		return ArrayType{ElementType: et, ContainsNull: true}, nil
	case "map":
		if err := p.expect("<"); err != nil {
			return nil, err
		}
		kt, err := p.dataType()
		if err != nil {
			return nil, err
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
		vt, err := p.dataType()
		if err != nil {
			return nil, err
		}
		if err := p.expect(">"); err != nil {
			return nil, err
		}
		return MapType{KeyType: kt, ValueType: vt, ValueContainsNull: true}, nil
	case "struct":
		if err := p.expect("<"); err != nil {
			return nil, err
		}
		if p.peek() == ">" {
			p.pos++
			return StructType{}, nil
		}
		st, err := p.fieldList(true)
		if err != nil {
			return nil, err
		}
		if err := p.expect(">"); err != nil {
			return nil, err
		}
		return st, nil
	}
	p.pos--
	tok := p.toks[p.pos]
	return nil, &ParseError{Message: fmt.Sprintf("[UNSUPPORTED_DATATYPE] Unsupported data type \"%s\".(line 1, pos %d)\n\n== SQL ==\n%s\n%s^^^\n", strings.ToUpper(tok.text), tok.pos, p.src, strings.Repeat("-", tok.pos))}
}

// decimalParams parses the optional "(p[, s])" of a decimal type; the
// default is DECIMAL(10,0).
func (p *ddlParser) decimalParams() (DataType, error) {
	t := DecimalType{Precision: 10}
	if p.peek() != "(" {
		return t, nil
	}
	p.pos++
	var nums []int
	for p.pos < len(p.toks) && p.peek() != ")" {
		tok := p.toks[p.pos].text
		p.pos++
		if tok == "," {
			continue
		}
		n, err := strconv.Atoi(tok)
		if err != nil {
			p.pos--
			return nil, p.errorf()
		}
		nums = append(nums, n)
	}
	if p.pos >= len(p.toks) || len(nums) == 0 || len(nums) > 2 {
		return nil, p.errorf()
	}
	p.pos++
	t.Precision, t.Scale = nums[0], 0
	if len(nums) == 2 {
		t.Scale = nums[1]
	}
	if t.Precision < 1 || t.Precision > MaxDecimalPrecision || t.Scale > t.Precision {
		return nil, fmt.Errorf("[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision %d exceeds max precision %d", t.Precision, MaxDecimalPrecision)
	}
	return t, nil
}
