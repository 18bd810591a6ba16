//! Library API against the gold in `fixtures/`.

mod support;

mod align;
mod corpus;
mod end_to_end;
mod exercise;
mod framing;
mod ingest;
mod robustness;
mod seeds_gold;
mod segment;
