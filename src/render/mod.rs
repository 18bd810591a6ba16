//! Renderers: JSON, text and TSV for now; terminal, Markdown and HTML reports later.

pub mod json;
