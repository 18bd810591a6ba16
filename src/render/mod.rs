//! Renderers: each output format in its own file. Untrusted text is escaped here, at the
//! last step, and nowhere earlier.

pub mod escape;
pub mod json;
pub mod text;
