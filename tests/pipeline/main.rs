//! Library API against the gold in `fixtures/`.

mod support;

mod align;
mod end_to_end;
mod framing;
mod ingest;
mod robustness;
mod seeds_gold;
mod segment;
