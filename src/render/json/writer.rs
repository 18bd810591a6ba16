//! A JSON writer that produces, byte for byte, what `serde_json` writes for the same
//! values (compactly, or with its pretty formatter): the same escapes, the same number
//! formatting (`itoa`, `zmij`), the same indentation and empty `[]` / `{}`.
//!
//! The wire format is written through it rather than through `serde` derives: a corpus
//! run writes millions of small objects (every diff token is one), and going through
//! serde's serializer traits cost an eighth of the run (benches/README.md). Keys are
//! written from the field names in the code, so the field order is the code's order.

/// Writes JSON values into a string.
pub(crate) struct JsonWriter<'o> {
    out: &'o mut String,
    pretty: bool,
    depth: usize,
}

/// Writes the fields of one object (see [`JsonWriter::object`]).
pub(crate) struct ObjectWriter<'w, 'o> {
    json: &'w mut JsonWriter<'o>,
    empty: bool,
}

/// What a byte becomes inside a JSON string, as `serde_json` escapes it: 0 for itself,
/// `u` for `\u00XX`, any other letter for that letter after a backslash.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = match byte {
            0x08 => b'b',
            0x09 => b't',
            0x0a => b'n',
            0x0c => b'f',
            0x0d => b'r',
            _ => b'u',
        };
        byte += 1;
    }
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

impl<'o> JsonWriter<'o> {
    /// A writer of compact JSON (`serde_json::to_writer`).
    pub(crate) fn compact(out: &'o mut String) -> Self {
        JsonWriter {
            out,
            pretty: false,
            depth: 0,
        }
    }

    /// A writer of pretty JSON (`serde_json::to_writer_pretty`: two-space indents).
    pub(crate) fn pretty(out: &'o mut String) -> Self {
        JsonWriter {
            out,
            pretty: true,
            depth: 0,
        }
    }

    /// An object whose fields `body` writes.
    pub(crate) fn object(&mut self, body: impl FnOnce(&mut ObjectWriter<'_, 'o>)) {
        self.out.push('{');
        self.depth += 1;
        let mut fields = ObjectWriter {
            json: self,
            empty: true,
        };
        body(&mut fields);
        let empty = fields.empty;
        self.close('}', empty);
    }

    /// An array of `items`, each written by `each`.
    pub(crate) fn array<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T),
    ) {
        self.out.push('[');
        self.depth += 1;
        let mut empty = true;
        for item in items {
            if !empty {
                self.out.push(',');
            }
            empty = false;
            self.line_break();
            each(self, item);
        }
        self.close(']', empty);
    }

    /// [`JsonWriter::array`] of a slice, its items written in parallel, each into a
    /// string of its own, then put in order: the same bytes. Written in place where the
    /// caller is already one of several parallel workers (a corpus run's events).
    pub(crate) fn par_array<T: Sync>(
        &mut self,
        items: &[T],
        each: impl Fn(&mut JsonWriter<'_>, &T) + Sync + Send,
    ) {
        if !crate::parallel::spreads() {
            return self.array(items, |json, item| each(json, item));
        }
        let (pretty, depth) = (self.pretty, self.depth + 1);
        let written = crate::parallel::map_slice(items, |item| {
            let mut out = String::new();
            each(
                &mut JsonWriter {
                    out: &mut out,
                    pretty,
                    depth,
                },
                item,
            );
            out
        });
        self.array(written, |json, item| json.out.push_str(&item));
    }

    /// A string, escaped as `serde_json` escapes it.
    #[inline(always)]
    pub(crate) fn string(&mut self, text: &str) {
        // Most strings need no escape: one check, one copy.
        if !text.bytes().any(|byte| ESCAPE[usize::from(byte)] != 0) {
            self.out.reserve(text.len() + 2);
            self.out.push('"');
            self.out.push_str(text);
            self.out.push('"');
        } else {
            self.escaped_string(text);
        }
    }

    fn escaped_string(&mut self, text: &str) {
        self.out.push('"');
        let mut run_start = 0;
        for (i, byte) in text.bytes().enumerate() {
            let escape = ESCAPE[usize::from(byte)];
            if escape == 0 {
                continue;
            }
            // An escaped byte is ASCII: `i` and `i + 1` are character boundaries.
            self.out.push_str(&text[run_start..i]);
            self.out.push('\\');
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("u00");
                self.out.push(char::from(HEX[usize::from(byte >> 4)]));
                self.out.push(char::from(HEX[usize::from(byte & 0xf)]));
            } else {
                self.out.push(char::from(escape));
            }
            run_start = i + 1;
        }
        self.out.push_str(&text[run_start..]);
        self.out.push('"');
    }

    /// A string, or `null`.
    pub(crate) fn opt_string(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    /// An unsigned integer.
    #[inline(always)]
    pub(crate) fn uint(&mut self, n: usize) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    /// A float in its shortest round-trip form; `null` if it is not finite (as serde_json).
    pub(crate) fn float(&mut self, x: f64) {
        if x.is_finite() {
            self.out.push_str(zmij::Buffer::new().format_finite(x));
        } else {
            self.null();
        }
    }

    /// `true` or `false`.
    pub(crate) fn bool(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// `null`.
    pub(crate) fn null(&mut self) {
        self.out.push_str("null");
    }

    /// Ends an object or array: pretty output puts a non-empty one's closing bracket on
    /// its own line.
    fn close(&mut self, bracket: char, empty: bool) {
        self.depth -= 1;
        if !empty {
            self.line_break();
        }
        self.out.push(bracket);
    }

    #[inline(always)]
    fn line_break(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }
}

impl<'o> ObjectWriter<'_, 'o> {
    /// Starts the field `name` (a field name of the wire format: letters and
    /// underscores, which JSON never escapes); write its value with the writer returned.
    #[inline(always)]
    pub(crate) fn field(&mut self, name: &'static str) -> &mut JsonWriter<'o> {
        debug_assert!(name.bytes().all(|b| ESCAPE[usize::from(b)] == 0));
        self.separate();
        let out = &mut *self.json.out;
        out.reserve(name.len() + 4);
        out.push('"');
        out.push_str(name);
        out.push_str(if self.json.pretty { "\": " } else { "\":" });
        self.json
    }

    /// Starts the entry `key` of a map (any text, escaped); write its value with the
    /// writer returned.
    pub(crate) fn entry(&mut self, key: &str) -> &mut JsonWriter<'o> {
        self.separate();
        self.json.string(key);
        self.json
            .out
            .push_str(if self.json.pretty { ": " } else { ":" });
        self.json
    }

    #[inline(always)]
    fn separate(&mut self) {
        if !self.empty {
            self.json.out.push(',');
        }
        self.empty = false;
        self.json.line_break();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    /// A JSON value with its object fields in order, for comparing with serde_json.
    #[derive(Clone, Debug)]
    enum Value {
        Null,
        Bool(bool),
        Uint(usize),
        Float(f64),
        Str(String),
        Array(Vec<Value>),
        Object(Vec<(String, Value)>),
    }

    impl Serialize for Value {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Value::Null => serializer.serialize_none(),
                Value::Bool(b) => serializer.serialize_bool(*b),
                Value::Uint(n) => serializer.serialize_u64(*n as u64),
                Value::Float(x) => serializer.serialize_f64(*x),
                Value::Str(s) => serializer.serialize_str(s),
                Value::Array(items) => {
                    let mut seq = serializer.serialize_seq(Some(items.len()))?;
                    for item in items {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                Value::Object(fields) => {
                    let mut map = serializer.serialize_map(Some(fields.len()))?;
                    for (key, value) in fields {
                        map.serialize_entry(key, value)?;
                    }
                    map.end()
                }
            }
        }
    }

    fn write(json: &mut JsonWriter<'_>, value: &Value) {
        match value {
            Value::Null => json.null(),
            Value::Bool(b) => json.bool(*b),
            Value::Uint(n) => json.uint(*n),
            Value::Float(x) => json.float(*x),
            Value::Str(s) => json.string(s),
            Value::Array(items) => json.array(items, write),
            Value::Object(fields) => json.object(|o| {
                for (key, value) in fields {
                    write(o.entry(key), value);
                }
            }),
        }
    }

    fn written(value: &Value, pretty: bool) -> String {
        let mut out = String::new();
        let mut json = if pretty {
            JsonWriter::pretty(&mut out)
        } else {
            JsonWriter::compact(&mut out)
        };
        write(&mut json, value);
        out
    }

    fn values() -> impl Strategy<Value = Value> {
        // Strings from every class the escapes treat differently: controls, quotes,
        // backslashes, DEL, non-ASCII.
        let text = "[\\x00-\\x1f\"\\\\/a-z \\x7f\u{e9}\u{2014}\u{1f600}]{0,8}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<usize>().prop_map(Value::Uint),
            any::<f64>().prop_map(Value::Float),
            (0u32..20_000).prop_map(|n| Value::Float(f64::from(n) / 10_000.0)),
            text.prop_map(Value::Str),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((text, inner), 0..6).prop_map(Value::Object),
            ]
        })
    }

    proptest! {
        #[test]
        fn compact_output_is_serde_jsons(value in values()) {
            let expected = serde_json::to_string(&value).expect("serialises");
            prop_assert_eq!(written(&value, false), expected);
        }

        #[test]
        fn pretty_output_is_serde_jsons(value in values()) {
            let expected = serde_json::to_string_pretty(&value).expect("serialises");
            prop_assert_eq!(written(&value, true), expected);
        }
    }

    #[test]
    fn empty_containers_stay_on_one_line_when_pretty() {
        let value = Value::Object(vec![
            ("a".into(), Value::Array(Vec::new())),
            ("b".into(), Value::Object(Vec::new())),
        ]);
        assert_eq!(written(&value, true), "{\n  \"a\": [],\n  \"b\": {}\n}");
    }
}
