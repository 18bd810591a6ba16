//! JSON Lines: one article per line, `{"text": …, "outlet": …, "date": …, "url": …,
//! "title": …, "id": …}`. `text` is required; other fields are kept as extra metadata.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Document, Metadata, OutletFrom};

use super::metadata::set_field;

/// Reads every record of a JSON Lines text. Each record becomes a document whose path is
/// `file.jsonl:LINE`; blank lines are skipped.
pub fn read_records(path: &Path, text: &str, encoding: &str) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let malformed = |detail: String| Error::Malformed {
            path: path.to_path_buf(),
            line: Some(line_no),
            detail,
        };
        let value: Value =
            serde_json::from_str(line).map_err(|e| malformed(format!("not valid JSON: {e}")))?;
        let Value::Object(fields) = value else {
            return Err(malformed(
                "each line should be a JSON object such as {\"text\": \"…\"}".into(),
            ));
        };
        let record_path = format!("{}:{line_no}", path.display());
        let article = match fields.get("text") {
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(malformed("`text` should be a string".into())),
            None => return Err(malformed("the record has no `text` field".into())),
        };
        if article.trim().is_empty() {
            return Err(Error::Empty {
                path: record_path.into(),
            });
        }
        if article.contains('\0') {
            return Err(Error::Binary {
                path: record_path.into(),
            });
        }
        let mut meta = Metadata::default();
        for (key, value) in &fields {
            if key == "text" {
                continue;
            }
            let value = match value {
                Value::String(s) => s.clone(),
                Value::Null => continue,
                other => other.to_string(),
            };
            set_field(&mut meta, key, value, OutletFrom::Header);
        }
        docs.push(Document {
            id: String::new(),
            path: record_path,
            body: 0..article.len(),
            text: article,
            encoding: encoding.to_string(),
            meta,
        });
    }
    if docs.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_an_article_with_its_metadata() {
        let text =
            "{\"text\": \"One.\", \"outlet\": \"TASS\", \"id\": 7}\n\n{\"text\": \"Two.\"}\n";
        let docs = read_records(Path::new("a.jsonl"), text, "UTF-8").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].path, "a.jsonl:1");
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("TASS"));
        assert_eq!(docs[0].meta.extra.get("id").map(String::as_str), Some("7"));
        assert_eq!(docs[1].path, "a.jsonl:3");
        assert_eq!(docs[1].text, "Two.");
    }

    #[test]
    fn record_without_text_names_its_line() {
        let err = read_records(
            Path::new("a.jsonl"),
            "{\"text\": \"x\"}\n{\"title\": \"t\"}\n",
            "UTF-8",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, "a.jsonl:2: the record has no `text` field");
    }

    #[test]
    fn broken_json_names_its_line() {
        let err = read_records(Path::new("a.jsonl"), "{\"text\": \"x\"\n", "UTF-8")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.jsonl:1: not valid JSON"), "{err}");
    }
}
