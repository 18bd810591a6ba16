//! Cleaning: remove what is not article text, keeping a record of every removal.

use crate::model::{Cleaned, Document};

/// The cleaning rules in force.
#[derive(Clone, Debug, Default)]
pub struct Rules {}

impl Rules {
    /// The built-in rules.
    pub fn builtin() -> Rules {
        Rules {}
    }
}

/// Cleans one document.
pub fn clean(doc: &Document, _rules: &Rules) -> Cleaned {
    Cleaned {
        kept: vec![doc.body.clone()],
        ..Cleaned::default()
    }
}

impl Rules {
    /// Adds the rules of a user file.
    pub fn extend_from_file(&mut self, _path: &std::path::Path) -> crate::Result<()> {
        Ok(())
    }
}
