//! An error's words for a page in any language. The engine's errors say
//! what is wrong in English (their `Display`, which the command line
//! prints); those a learner meets in the page also carry a code, a key of
//! the page's catalogues, and the values that fill its placeholders, so that
//! the page says the same in the learner's language.

/// A code and its values: `csv.not-a-number` with `what = "x"`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// A key of the page's catalogues (empty: no code; the page shows the English).
    pub code: &'static str,
    /// The values of the code's placeholders, by name.
    pub values: Vec<(&'static str, String)>,
}

impl Words {
    // Errors are rare and their words many: one copy of this, not one per error (the wasm's size).
    #[cold]
    #[inline(never)]
    pub fn new(code: &'static str, values: &[(&'static str, &dyn ToString)]) -> Words {
        Words {
            code,
            values: values.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    /// These words with one more value (the place of the error: a line, a column, a path).
    #[cold]
    #[inline(never)]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Words {
        self.values.push((name, value.to_string()));
        self
    }
}

/// An error that has words for the page (`Words::default()` when it has none).
pub trait Worded {
    fn words(&self) -> Words;
}

/// A count as the page writes it in English: 12,737.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A refusal that is nothing but its sentence and its words (a file that is
/// not the table it is named for, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub words: Words,
}

impl Refusal {
    #[cold]
    pub fn new(words: Words, message: impl Into<String>) -> Refusal {
        Refusal {
            message: message.into(),
            words,
        }
    }

    /// Another error's sentence and words, kept as they are.
    pub fn of(e: &(impl std::fmt::Display + Worded)) -> Refusal {
        Refusal::new(e.words(), e.to_string())
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Worded for Refusal {
    fn words(&self) -> Words {
        self.words.clone()
    }
}

/// An error as JavaScript's `Error`: its message the English, its `code` and `values` (when it has
/// them) what the page words in the learner's language. For the engine's wasm faces (the page's
/// `Lab`, "Check my code"'s module); natively it is never called.
pub fn js_error(e: &(impl std::fmt::Display + Worded)) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;
    let error = js_sys::Error::new(&e.to_string());
    let words = e.words();
    if !words.code.is_empty() {
        let values = js_sys::Object::new();
        for (name, value) in &words.values {
            let _ =
                js_sys::Reflect::set(&values, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        let _ = js_sys::Reflect::set(
            &error,
            &JsValue::from_str("code"),
            &JsValue::from_str(words.code),
        );
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("values"), &values);
    }
    error.into()
}
