//! Plain text: decoding bytes (UTF-8, UTF-16 with a BOM, legacy single-byte encodings) and
//! the optional `key: value` header ended by `---`.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, Result};
use crate::model::{Metadata, OutletFrom};

use super::metadata::set_field;

/// Decoded text and where its content starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The decoded text. For UTF-8 input, exactly the input's bytes (BOM included).
    pub text: String,
    /// Byte offset where the content starts (after a UTF-8 BOM, else 0).
    pub start: usize,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: String,
}

/// Decodes an input's bytes, detecting the encoding.
///
/// UTF-8 (with or without BOM) is taken as is. UTF-16 needs a BOM. Bytes with NUL and no
/// UTF-16 BOM are binary. Other bytes that are not UTF-8 are decoded with the legacy
/// encoding `chardetng` guesses; if they hold broken UTF-8 or decode to control-character
/// garbage, that is an error rather than mojibake.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    decode_with_hint(path, bytes, None)
}

/// As [`decode`], but bytes that are not UTF-8 are first tried in `declared`, the
/// encoding the input names itself (an HTML page's `<meta charset>`).
pub fn decode_with_hint(
    path: &Path,
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == UTF_8 {
            let text = std::str::from_utf8(bytes).map_err(|e| Error::Decode {
                path: path.to_path_buf(),
                detail: format!(
                    "the file starts with a UTF-8 byte order mark but has invalid UTF-8 at byte {}",
                    e.valid_up_to()
                ),
            })?;
            return Ok(Decoded {
                text: text.to_string(),
                start: bom_len,
                encoding: "UTF-8".into(),
            });
        }
        return decode_utf16(path, bytes, encoding, bom_len);
    }
    if bytes.contains(&0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if is_garbage(text) => Err(Error::Binary {
            path: path.to_path_buf(),
        }),
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            start: 0,
            encoding: "UTF-8".into(),
        }),
        Err(error) => {
            if let Some(encoding) = declared.filter(|e| ![UTF_8, UTF_16LE, UTF_16BE].contains(e)) {
                let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
                if !had_errors && !is_garbage(&text) {
                    return Ok(Decoded {
                        text: text.into_owned(),
                        start: 0,
                        encoding: encoding.name().into(),
                    });
                }
            }
            decode_legacy(path, bytes, error.valid_up_to())
        }
    }
}

fn decode_utf16(
    path: &Path,
    bytes: &[u8],
    encoding: &'static Encoding,
    bom_len: usize,
) -> Result<Decoded> {
    let name = if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else {
        encoding.name()
    };
    let body = bytes.get(bom_len..).unwrap_or_default();
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(Error::Decode {
            path: path.to_path_buf(),
            detail: format!("invalid {name} (odd length or unpaired surrogates)"),
        });
    }
    let text = text.into_owned();
    if text.contains('\0') {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(Decoded {
        text,
        start: 0,
        encoding: name.into(),
    })
}

fn decode_legacy(path: &Path, bytes: &[u8], first_bad: usize) -> Result<Decoded> {
    if has_valid_multibyte_utf8(bytes) {
        // Real UTF-8 characters next to invalid bytes: a damaged UTF-8 file, not a legacy
        // encoding. Decoding it as one would turn every "’" into "â€™".
        return Err(Error::Decode {
            path: path.to_path_buf(),
            detail: format!("invalid UTF-8 at byte {first_bad} (the rest of the file is UTF-8)"),
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors || is_garbage(&text) {
        return Err(Error::Decode {
            path: path.to_path_buf(),
            detail: format!(
                "not UTF-8 (invalid byte at {first_bad}) and not readable as {} either",
                encoding.name()
            ),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        start: 0,
        encoding: encoding.name().into(),
    })
}

/// Whether more than 1% of the characters are control characters or replacement
/// characters: what binary data looks like once decoded, never what an article looks like.
fn is_garbage(text: &str) -> bool {
    let mut chars = 0usize;
    let mut garbage = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            garbage += 1;
        }
    }
    garbage * 100 > chars
}

/// Whether `bytes` holds at least one well-formed multi-byte UTF-8 sequence.
fn has_valid_multibyte_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => return valid.bytes().any(|b| b >= 0x80),
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                if valid.iter().any(|&b| b >= 0x80) {
                    return true;
                }
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
                if rest.is_empty() {
                    return false;
                }
            }
        }
    }
}

/// The charset an HTML page declares in its first kilobytes (`<meta charset="…">` or
/// `content="text/html; charset=…"`).
pub fn declared_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// A metadata header read from the top of a text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    /// The metadata it gave.
    pub meta: Metadata,
    /// Byte offset just after the closing `---` line.
    pub end: usize,
}

/// Longest header we look for, in lines: a text whose first lines merely look like
/// `key: value` must not be searched to its end for a `---`.
const MAX_HEADER_LINES: usize = 40;

/// Reads a `key: value` header starting at `start`, ended by a line `---`. An opening `---`
/// line (front matter style) is allowed. Returns `None` when the text has no header.
pub fn parse_header(text: &str, start: usize) -> Option<Header> {
    let rest = text.get(start..)?;
    let mut at = start;
    let mut meta = Metadata::default();
    let mut keys = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if index > MAX_HEADER_LINES {
            return None;
        }
        at += line.len();
        let content = line.trim();
        if content == "---" {
            if index == 0 {
                continue;
            }
            return (keys > 0).then_some(Header { meta, end: at });
        }
        if content.is_empty() {
            // A blank line ends a header only by ending the file's first block: not a header.
            return None;
        }
        let (key, value) = content.split_once(':')?;
        let key = key.trim();
        let is_key = !key.is_empty()
            && key.len() <= 32
            && key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !is_key {
            return None;
        }
        set_field(
            &mut meta,
            key,
            unquote(value.trim()).to_string(),
            OutletFrom::Header,
        );
        keys += 1;
    }
    None
}

/// A header value without the quotes front matter often puts around it.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_ok(bytes: &[u8]) -> Decoded {
        decode(Path::new("t.txt"), bytes).expect("decodes")
    }

    #[test]
    fn utf8_bom_is_kept_in_text_and_skipped_by_start() {
        let d = decode_ok(b"\xEF\xBB\xBFHello");
        assert_eq!(d.start, 3);
        assert_eq!(&d.text[d.start..], "Hello");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_is_decoded_and_named() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Moscow’s".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode_ok(&le);
        assert_eq!(d.text, "Moscow’s");
        assert_eq!(d.encoding, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Moscow’s".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_ok(&be).encoding, "UTF-16BE");
    }

    #[test]
    fn windows_1252_is_detected() {
        let d = decode_ok(b"Russia\x92s Foreign Ministry said \x93no\x94 to the plan.");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "Russia’s Foreign Ministry said “no” to the plan.");
    }

    #[test]
    fn html_declared_charset_is_used_for_legacy_bytes() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body><p>\xcc\xee\xf1\xea\xe2\xe0</p></body></html>";
        let declared = declared_html_charset(page);
        assert_eq!(declared.map(Encoding::name), Some("windows-1251"));
        let d = decode_with_hint(Path::new("p.html"), page, declared).unwrap();
        assert!(d.text.contains("Москва"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1251");
    }

    #[test]
    fn nul_bytes_without_bom_are_binary() {
        let err = decode(Path::new("x.bin"), b"PK\x03\x04\x00\x00abc").unwrap_err();
        assert!(matches!(err, Error::Binary { .. }), "{err}");
    }

    #[test]
    fn control_character_soup_is_binary_even_when_valid_utf8() {
        let err = decode(Path::new("x.dat"), b"\x01\x02\x03\x04abc\x05\x06").unwrap_err();
        assert!(matches!(err, Error::Binary { .. }), "{err}");
    }

    #[test]
    fn damaged_utf8_is_a_decode_error_not_mojibake() {
        let err = decode(Path::new("x.txt"), b"Russia\xE2\x80\x99s \xFF bad").unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err}");
        assert!(err.to_string().contains("byte 11"), "{err}");
    }

    #[test]
    fn header_ends_at_dashes_and_fills_metadata() {
        let text = "outlet: Reuters\ndate: 5 Oct 2017\nauthor: Jane\ntitle: \"A: B\"\n---\nBody.\n";
        let h = parse_header(text, 0).expect("header");
        assert_eq!(&text[h.end..], "Body.\n");
        assert_eq!(h.meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(h.meta.outlet_from, Some(OutletFrom::Header));
        assert_eq!(h.meta.date.as_deref(), Some("2017-10-05"));
        assert_eq!(h.meta.extra.get("author").map(String::as_str), Some("Jane"));
        assert_eq!(h.meta.title.as_deref(), Some("A: B"));
    }

    #[test]
    fn text_without_header_is_left_alone() {
        assert_eq!(
            parse_header("MOSCOW, March 6. /TASS/. Lavrov said.\n---\n", 0),
            None
        );
        assert_eq!(parse_header("Note: this is a sentence.\nMore.\n", 0), None);
        assert_eq!(parse_header("---\n---\nBody", 0), None);
    }
}
