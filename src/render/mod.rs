//! Renderers: each output format in its own file, all working from a
//! [`Comparison`](crate::pipeline::Comparison). Untrusted article text is escaped here, at
//! the last step, and nowhere earlier.

pub mod corpus;
pub mod escape;
pub mod exercise;
pub mod html;
pub mod json;
pub mod markdown;
pub mod markup;
mod page;
pub mod terminal;
pub mod text;

/// Facts about the output that the binary decides once (colour, width) and renderers
/// only read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// Use ANSI colour and styles. Without colour, changes are still marked in text.
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            color: false,
            width: 80,
        }
    }
}
