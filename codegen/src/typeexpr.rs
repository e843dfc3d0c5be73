//! The type notation of the docs, as a small grammar with its own parser.
//!
//! A property's `type` is written in a TypeScript-like notation by many hands:
//!
//! ```text
//! type    = term ( "|" term )*
//! term    = primary ( "[]" )*
//! primary = literal | word | word "<" type ">" | "(" type ")"
//! literal = '"' chars '"' | "'" chars "'"
//! ```
//!
//! Whitespace, newlines included, may stand between tokens, so a union spread over lines of a
//! block scalar reads like one on a line. The parser knows the spellings of primitives the docs
//! use (`string` and `String`, `integer` and `int`, ...); any other word is a [`TypeExpr::Named`]
//! type that the resolver must find among the entries, or report.

use std::fmt;

/// A parsed type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A JSON scalar.
    Primitive(Primitive),
    /// One or more quoted string literals: `"a"` or `"a" | "b"`.
    Literals(Vec<String>),
    /// `T | null`: the value may be JSON `null`.
    Nullable(Box<TypeExpr>),
    /// `T[]` or `Array<T>`.
    List(Box<TypeExpr>),
    /// `array` with no item type: the items are described by nested `properties`, or not at all.
    Array,
    /// `object`: described by nested `properties`, or free-form.
    Object,
    /// `enum`: a string whose values are listed elsewhere, if anywhere.
    Enum,
    /// `empty`: a response with no body.
    Empty,
    /// The key of another reference entry, such as `user`.
    Named(String),
}

/// The scalar types of JSON, as the docs name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primitive {
    /// `string`, `String`, `str`.
    String,
    /// `boolean`, `Boolean`, `bool`.
    Boolean,
    /// `number`, `float`, `double`: any JSON number.
    Number,
    /// `integer`, `int`: a JSON number without a fraction.
    Integer,
    /// `DateTime`, `Date`: a point in time, written as a text or as a number of seconds.
    DateTime,
}

/// A type that could not be parsed, with the character where the trouble is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the type's text.
    pub offset: usize,
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Primitive(p) => f.write_str(match p {
                Primitive::String => "string",
                Primitive::Boolean => "boolean",
                Primitive::Number => "number",
                Primitive::Integer => "integer",
                Primitive::DateTime => "DateTime",
            }),
            TypeExpr::Literals(values) => {
                let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
                f.write_str(&quoted.join(" | "))
            }
            TypeExpr::Nullable(inner) => write!(f, "{inner} | null"),
            TypeExpr::List(inner) => write!(f, "{inner}[]"),
            TypeExpr::Array => f.write_str("array"),
            TypeExpr::Object => f.write_str("object"),
            TypeExpr::Enum => f.write_str("enum"),
            TypeExpr::Empty => f.write_str("empty"),
            TypeExpr::Named(name) => f.write_str(name),
        }
    }
}

/// Parses a type written in the docs' notation.
pub fn parse(text: &str) -> Result<TypeExpr, TypeError> {
    let mut parser = TypeParser { text, at: 0 };
    parser.skip_space();
    if parser.at == text.len() {
        return Err(TypeError { message: "the type is empty".into(), offset: 0 });
    }
    let parsed = parser.union()?;
    parser.skip_space();
    if parser.at < text.len() {
        return Err(parser.error(format!("unexpected `{}`", parser.rest_token())));
    }
    Ok(parsed)
}

/// A recursive-descent parser over the type's text.
struct TypeParser<'a> {
    text: &'a str,
    at: usize,
}

/// One alternative of a union, before the alternatives are combined.
enum Alternative {
    Null,
    Literal(String),
    Other(TypeExpr),
}

impl<'a> TypeParser<'a> {
    fn union(&mut self) -> Result<TypeExpr, TypeError> {
        let start = self.at;
        let mut alternatives = vec![self.term()?];
        while self.eat('|') {
            alternatives.push(self.term()?);
        }
        let nullable = alternatives.iter().any(|a| matches!(a, Alternative::Null));
        let mut literals = Vec::new();
        let mut others = Vec::new();
        for alternative in alternatives {
            match alternative {
                Alternative::Null => {}
                Alternative::Literal(value) => literals.push(value),
                Alternative::Other(other) => others.push(other),
            }
        }
        let inner = match (literals.is_empty(), others.len()) {
            (false, 0) => TypeExpr::Literals(literals),
            (true, 1) => others.pop().expect("one alternative"),
            (true, 0) => {
                return Err(TypeError {
                    message: "`null` alone is not a type".into(),
                    offset: start,
                });
            }
            _ => {
                let message = "a union of different types is not supported; only literals, \
                               and one type with `| null`, can be combined";
                return Err(TypeError { message: message.into(), offset: start });
            }
        };
        Ok(if nullable { TypeExpr::Nullable(Box::new(inner)) } else { inner })
    }

    fn term(&mut self) -> Result<Alternative, TypeError> {
        let mut primary = self.primary()?;
        loop {
            self.skip_space();
            if !self.text[self.at..].starts_with("[]") {
                return Ok(primary);
            }
            let item = match primary {
                Alternative::Other(item) => item,
                Alternative::Literal(value) => TypeExpr::Literals(vec![value]),
                Alternative::Null => return Err(self.error("`null[]` is not a type".into())),
            };
            self.at += 2;
            primary = Alternative::Other(TypeExpr::List(Box::new(item)));
        }
    }

    fn primary(&mut self) -> Result<Alternative, TypeError> {
        self.skip_space();
        let Some(first) = self.text[self.at..].chars().next() else {
            return Err(self.error("a type is missing at the end".into()));
        };
        if first == '"' || first == '\'' {
            return self.literal(first).map(Alternative::Literal);
        }
        if first == '(' {
            self.at += 1;
            let inner = self.union()?;
            if !self.eat(')') {
                return Err(self.error("expected `)`".into()));
            }
            return Ok(Alternative::Other(inner));
        }
        let word_start = self.at;
        let word = self.word();
        if word.is_empty() {
            return Err(self.error(format!("unexpected `{}`", self.rest_token())));
        }
        if self.eat('<') {
            let item = self.union()?;
            if !self.eat('>') {
                return Err(self.error("expected `>`".into()));
            }
            return match word {
                "Array" | "array" | "List" | "list" => {
                    Ok(Alternative::Other(TypeExpr::List(Box::new(item))))
                }
                _ => Err(TypeError {
                    message: format!("unknown generic type `{word}<…>`; only `Array<T>` is known"),
                    offset: word_start,
                }),
            };
        }
        Ok(match word {
            "null" => Alternative::Null,
            _ => Alternative::Other(keyword(word).unwrap_or_else(|| TypeExpr::Named(word.into()))),
        })
    }

    fn literal(&mut self, quote: char) -> Result<String, TypeError> {
        let start = self.at;
        self.at += 1;
        let Some(length) = self.text[self.at..].find(quote) else {
            return Err(TypeError { message: "unterminated string literal".into(), offset: start });
        };
        let value = self.text[self.at..self.at + length].to_owned();
        self.at += length + 1;
        Ok(value)
    }

    fn word(&mut self) -> &'a str {
        let rest: &'a str = &self.text[self.at..];
        let length = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        self.at += length;
        &rest[..length]
    }

    fn eat(&mut self, token: char) -> bool {
        self.skip_space();
        if self.text[self.at..].starts_with(token) {
            self.at += token.len_utf8();
            true
        } else {
            false
        }
    }

    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }

    fn rest_token(&self) -> &str {
        let rest = &self.text[self.at..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        &rest[..end]
    }

    fn error(&self, message: String) -> TypeError {
        TypeError { message, offset: self.at }
    }
}

/// The words of the notation that are not entry names.
fn keyword(word: &str) -> Option<TypeExpr> {
    Some(match word {
        "string" | "String" | "str" => TypeExpr::Primitive(Primitive::String),
        "boolean" | "Boolean" | "bool" => TypeExpr::Primitive(Primitive::Boolean),
        "number" | "Number" | "float" | "double" => TypeExpr::Primitive(Primitive::Number),
        "integer" | "Integer" | "int" => TypeExpr::Primitive(Primitive::Integer),
        "DateTime" | "datetime" | "Date" | "date-time" => TypeExpr::Primitive(Primitive::DateTime),
        "array" | "Array" => TypeExpr::Array,
        "object" | "Object" => TypeExpr::Object,
        "enum" => TypeExpr::Enum,
        "empty" => TypeExpr::Empty,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}")).to_string()
    }

    fn err(text: &str) -> (String, usize) {
        let e = parse(text).expect_err(text);
        (e.message, e.offset)
    }

    #[test]
    fn primitives_in_every_spelling() {
        for (text, expected) in [
            ("string", "string"),
            ("String", "string"),
            ("str", "string"),
            ("boolean", "boolean"),
            ("bool", "boolean"),
            ("number", "number"),
            ("integer", "integer"),
            ("int", "integer"),
            ("DateTime", "DateTime"),
            ("  string\n", "string"),
        ] {
            assert_eq!(ok(text), expected, "{text:?}");
        }
    }

    #[test]
    fn literals_and_unions_of_literals() {
        assert_eq!(parse(r#""sso_required""#), Ok(TypeExpr::Literals(vec!["sso_required".into()])));
        assert_eq!(
            parse("\"pending\" |\n\"verified\"\n| 'failed'\n"),
            Ok(TypeExpr::Literals(vec!["pending".into(), "verified".into(), "failed".into()]))
        );
        assert_eq!(ok(r#""sign-up" | "sign-in""#), r#""sign-up" | "sign-in""#);
    }

    #[test]
    fn nullable_types() {
        assert_eq!(ok("string | null"), "string | null");
        assert_eq!(ok("null | string"), "string | null");
        assert_eq!(ok("object | null"), "object | null");
        assert_eq!(ok(r#""a" | "b" | null"#), r#""a" | "b" | null"#);
    }

    #[test]
    fn lists() {
        assert_eq!(ok("string[]"), "string[]");
        assert_eq!(ok("Array<string>"), "string[]");
        assert_eq!(ok("user[][]"), "user[][]");
        assert_eq!(ok("(string | null)[]"), "string | null[]");
        assert_eq!(parse("array"), Ok(TypeExpr::Array));
    }

    #[test]
    fn other_words() {
        assert_eq!(parse("object"), Ok(TypeExpr::Object));
        assert_eq!(parse("enum"), Ok(TypeExpr::Enum));
        assert_eq!(parse("empty"), Ok(TypeExpr::Empty));
        assert_eq!(parse("user"), Ok(TypeExpr::Named("user".into())));
        assert_eq!(parse("timestamp"), Ok(TypeExpr::Named("timestamp".into())));
    }

    #[test]
    fn errors_point_at_the_trouble() {
        assert_eq!(err("").1, 0);
        assert_eq!(err("string number"), ("unexpected `number`".into(), 7));
        assert_eq!(err("\"open").0, "unterminated string literal");
        assert_eq!(err("Map<string>").0, "unknown generic type `Map<…>`; only `Array<T>` is known");
        assert_eq!(err("string |").0, "a type is missing at the end");
        assert!(err("string | number").0.starts_with("a union of different types"));
        assert_eq!(err("null").0, "`null` alone is not a type");
        assert_eq!(err("map[string]string").0, "unexpected `[string]string`");
    }
}
