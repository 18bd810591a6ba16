//! Sentence similarity: does a sentence of one outlet state the same claim as a sentence of
//! another?

pub mod aliases;
