//! claimdiff shows how different news outlets describe the same event.
//!
//! Give it several articles; it cleans page boilerplate, splits sentences, aligns the
//! sentences that state the same claim across outlets, and diffs them word by word so that
//! naming, attribution, loaded labels, numbers and omissions stand out.
//!
//! # The flow
//!
//! ```text
//! ingest → segment → similarity → align → diff (+ framing) → render
//! ```
//!
//! Each stage is a module; stages hand plain types from [`model`] to the next.
//! [`pipeline`] is the one-call facade over all of them.
//!
//! # Feature flags
//!
//! - `cli` (default): the `claimdiff` binary and its dependencies (`clap`, `anyhow`,
//!   `anstream`). With `--no-default-features` the library builds alone.

pub mod english;
pub mod error;
pub mod model;

pub mod align;
pub mod diff;
pub mod ingest;
pub mod segment;
pub mod similarity;

pub mod exercise;
mod parallel;
pub mod pipeline;
// Corpus mode: the pipeline over many articles, event by event.
pub mod corpus;
pub mod render;

// Literal-string automata built cheap first, fast once a long run pays for it.
mod literals;
// Built-in regexes precompiled by build.rs (cleaning rules, figures).
mod regex_nfa;

pub use error::{Error, Result};
pub use model::{Cleaned, Document, Metadata, OutletFrom, Removal, Sentence, Source};
