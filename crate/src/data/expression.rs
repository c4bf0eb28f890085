//! Boolean expressions that fill a truth table: `a xor (b and not c)`.
//! Variables are the letters a–h; operators `not`/`!`, `and`/`&`,
//! `xor`/`^`, `or`/`|` (binding in that order, tightest first), and
//! parentheses. An error names the column (from 1) where reading failed.

use crate::words::{Worded, Words};
use std::fmt;

/// The longest expression accepted, in characters.
pub const MAX_LENGTH: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// 1-based column of the character where the problem is.
    pub column: usize,
    pub message: String,
    /// The message's code and values, for a page in another language.
    pub words: Words,
}

impl Worded for ExprError {
    fn words(&self) -> Words {
        self.words.clone().with("column", self.column)
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for ExprError {}

#[derive(Clone, Debug, PartialEq)]
enum Expr {
    Var(usize),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Xor(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    fn eval(&self, vars: &[bool; 8]) -> bool {
        match self {
            Expr::Var(i) => vars[*i],
            Expr::Not(e) => !e.eval(vars),
            Expr::And(a, b) => a.eval(vars) & b.eval(vars),
            Expr::Xor(a, b) => a.eval(vars) ^ b.eval(vars),
            Expr::Or(a, b) => a.eval(vars) | b.eval(vars),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Var(usize),
    Not,
    And,
    Xor,
    Or,
    Open,
    Close,
    End,
}

/// A parsed expression and the variables it uses, in alphabetical order.
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    expr: Expr,
    pub variables: Vec<char>,
}

impl Expression {
    pub fn parse(text: &str) -> Result<Expression, ExprError> {
        let count = text.chars().count();
        if count > MAX_LENGTH {
            return Err(ExprError {
                column: MAX_LENGTH + 1,
                message: format!("the expression is longer than {MAX_LENGTH} characters"),
                words: Words::new("expr.too-long", &[("most", &MAX_LENGTH)]),
            });
        }
        let tokens = tokenize(text)?;
        let mut parser = Parser {
            tokens,
            at: 0,
            depth: 0,
        };
        let expr = parser.or()?;
        let (token, column) = parser.peek();
        if token != Token::End {
            let (message, code) = if token == Token::Close {
                ("a ')' without its '('", "expr.close-without-open")
            } else {
                (
                    "expected an operator (and, or, xor) or the end",
                    "expr.expected-operator",
                )
            };
            return Err(ExprError {
                column,
                message: message.to_string(),
                words: Words::new(code, &[]),
            });
        }
        let mut used = [false; 8];
        mark(&expr, &mut used);
        let variables = (0..8)
            .filter(|&i| used[i])
            .map(|i| (b'a' + i as u8) as char)
            .collect();
        Ok(Expression { expr, variables })
    }

    /// Every combination of the variables (the first the most significant
    /// bit, as in the other truth tables) and the expression's value.
    pub fn truth_table(&self) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
        let n = self.variables.len();
        let bit = |b: bool| if b { 1.0 } else { 0.0 };
        (0..1usize << n)
            .map(|k| {
                let mut vars = [false; 8];
                let mut row = Vec::with_capacity(n);
                for (i, &v) in self.variables.iter().enumerate() {
                    let value = k >> (n - 1 - i) & 1 == 1;
                    vars[(v as u8 - b'a') as usize] = value;
                    row.push(bit(value));
                }
                (row, vec![bit(self.expr.eval(&vars))])
            })
            .unzip()
    }
}

fn mark(e: &Expr, used: &mut [bool; 8]) {
    match e {
        Expr::Var(i) => used[*i] = true,
        Expr::Not(a) => mark(a, used),
        Expr::And(a, b) | Expr::Xor(a, b) | Expr::Or(a, b) => {
            mark(a, used);
            mark(b, used);
        }
    }
}

/// The tokens with their 1-based columns; the last is End.
fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let symbol = match c {
            '!' | '¬' => Some(Token::Not),
            '&' => Some(Token::And),
            '^' => Some(Token::Xor),
            '|' => Some(Token::Or),
            '(' => Some(Token::Open),
            ')' => Some(Token::Close),
            _ => None,
        };
        if let Some(token) = symbol {
            tokens.push((token, column));
            i += 1;
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            let word: String = chars[start..i]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            let token = match word.as_str() {
                "not" => Token::Not,
                "and" => Token::And,
                "xor" => Token::Xor,
                "or" => Token::Or,
                w if w.len() == 1 && ('a'..='h').contains(&c.to_ascii_lowercase()) => {
                    Token::Var((w.as_bytes()[0] - b'a') as usize)
                }
                _ => {
                    let word: String = chars[start..i].iter().collect();
                    return Err(ExprError {
                        column,
                        message: format!(
                            "\"{word}\" is not a variable (a to h) or an operator (and, or, xor, not)"
                        ),
                        words: Words::new("expr.not-a-word", &[("word", &word)]),
                    });
                }
            };
            tokens.push((token, column));
            continue;
        }
        return Err(ExprError {
            column,
            message: format!("\"{c}\" cannot be read here"),
            words: Words::new("expr.cannot-read", &[("character", &c)]),
        });
    }
    tokens.push((Token::End, chars.len() + 1));
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    /// How many '(' and 'not' enclose the current position.
    depth: usize,
}

/// Nesting deeper than this is refused (so that recursion stays bounded).
const MAX_DEPTH: usize = 200;

impl Parser {
    fn peek(&self) -> (Token, usize) {
        self.tokens[self.at]
    }

    fn next(&mut self) -> (Token, usize) {
        let t = self.tokens[self.at];
        if t.0 != Token::End {
            self.at += 1;
        }
        t
    }

    fn binary(
        &mut self,
        op: Token,
        operand: fn(&mut Parser) -> Result<Expr, ExprError>,
        make: fn(Box<Expr>, Box<Expr>) -> Expr,
    ) -> Result<Expr, ExprError> {
        let mut left = operand(self)?;
        while self.peek().0 == op {
            self.next();
            let right = operand(self)?;
            left = make(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        self.binary(Token::Or, Parser::xor, Expr::Or)
    }

    fn xor(&mut self) -> Result<Expr, ExprError> {
        self.binary(Token::Xor, Parser::and, Expr::Xor)
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        self.binary(Token::And, Parser::unary, Expr::And)
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        let (token, column) = self.next();
        match token {
            Token::Var(i) => Ok(Expr::Var(i)),
            Token::Not => {
                self.deeper(column)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            Token::Open => {
                self.deeper(column)?;
                let inner = self.or()?;
                self.depth -= 1;
                let (close, at) = self.next();
                if close != Token::Close {
                    return Err(ExprError {
                        column: at,
                        message: format!("expected ')' to close the '(' at column {column}"),
                        words: Words::new("expr.unclosed", &[("open", &column)]),
                    });
                }
                Ok(inner)
            }
            Token::End => Err(ExprError {
                column,
                message: "the expression ends too early: expected a variable, 'not' or '('"
                    .to_string(),
                words: Words::new("expr.ends-early", &[]),
            }),
            _ => Err(ExprError {
                column,
                message: "expected a variable (a to h), 'not' or '('".to_string(),
                words: Words::new("expr.expected-operand", &[]),
            }),
        }
    }

    /// One level deeper; nesting beyond MAX_DEPTH is refused.
    fn deeper(&mut self, column: usize) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError {
                column,
                message: format!("nested more than {MAX_DEPTH} deep"),
                words: Words::new("expr.too-deep", &[("most", &MAX_DEPTH)]),
            });
        }
        Ok(())
    }
}

impl Expression {
    /// The truth table as the page reads it: `{"variables": ["a", …],
    /// "inputs": [[…]], "targets": [[…]]}`.
    pub fn table_value(&self) -> serde_json::Value {
        let (inputs, targets) = self.truth_table();
        let mut value = crate::data::dataset::rows_value(&inputs, &targets);
        let variables: Vec<String> = self.variables.iter().map(|c| c.to_string()).collect();
        value["variables"] = serde_json::json!(variables);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The truth table against the same function written in Rust.
    fn check(text: &str, variables: &str, f: fn(&[bool]) -> bool) {
        let e = Expression::parse(text).unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(e.variables.iter().collect::<String>(), variables, "{text}");
        let (inputs, targets) = e.truth_table();
        assert_eq!(inputs.len(), 1 << variables.len());
        for (x, y) in inputs.iter().zip(&targets) {
            let bits: Vec<bool> = x.iter().map(|&v| v == 1.0).collect();
            assert_eq!(y[0] == 1.0, f(&bits), "{text} at {x:?}");
        }
    }

    #[test]
    fn twenty_expressions_match_brute_force() {
        check("a", "a", |v| v[0]);
        check("not a", "a", |v| !v[0]);
        check("a and b", "ab", |v| v[0] & v[1]);
        check("a or b", "ab", |v| v[0] | v[1]);
        check("a xor b", "ab", |v| v[0] ^ v[1]);
        check("!(a & b)", "ab", |v| !(v[0] & v[1]));
        check("a xor (b and not c)", "abc", |v| v[0] ^ (v[1] & !v[2]));
        check("a | b & c", "abc", |v| v[0] | (v[1] & v[2]));
        check("a ^ b | c", "abc", |v| (v[0] ^ v[1]) | v[2]);
        check("a & b ^ c", "abc", |v| (v[0] & v[1]) ^ v[2]);
        check("not not a", "a", |v| v[0]);
        check("!a ^ !b", "ab", |v| !v[0] ^ !v[1]);
        check("a ^ b ^ c", "abc", |v| v[0] ^ v[1] ^ v[2]);
        check("a^b^c^d", "abcd", |v| v[0] ^ v[1] ^ v[2] ^ v[3]);
        check("(a and b) or (b and c) or (a and c)", "abc", |v| {
            (v[0] & v[1]) | (v[1] & v[2]) | (v[0] & v[2])
        });
        check("c and a", "ac", |v| v[1] & v[0]);
        check("h or a", "ah", |v| v[1] | v[0]);
        check("A AND NOT B", "ab", |v| v[0] & !v[1]);
        check("((((d))))", "d", |v| v[0]);
        check("a & !a", "a", |_| false);
        check("e xor f xor g xor h and a", "aefgh", |v| {
            v[1] ^ v[2] ^ v[3] ^ (v[4] & v[0])
        });
    }

    fn error(text: &str) -> ExprError {
        Expression::parse(text).unwrap_err()
    }

    #[test]
    fn errors_name_the_column() {
        assert_eq!(error("a and").column, 6);
        assert!(error("a and").message.contains("ends too early"));
        assert_eq!(error("a andd b").column, 3);
        assert_eq!(error("a + b").column, 3);
        assert_eq!(error("(a or b").column, 8);
        assert!(error("(a or b").message.contains("column 1"));
        assert_eq!(error("a or b)").column, 7);
        assert_eq!(error("a b").column, 3);
        assert_eq!(error("x and a").column, 1);
        assert_eq!(error("").column, 1);
        assert_eq!(error("a and or b").column, 7);
        assert_eq!(
            error("a ∧ b").to_string(),
            "column 3: \"∧\" cannot be read here"
        );
    }

    #[test]
    fn limits_are_refused_not_overflowed() {
        assert!(error(&"a or ".repeat(300)).message.contains("longer"));
        let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
        assert!(error(&deep).message.contains("nested"));
        let nots = format!("{}a", "!".repeat(500));
        assert!(error(&nots).message.contains("nested"));
    }
}
