//! Library API against the gold in `fixtures/`.

mod support;

mod align;
mod framing;
mod ingest;
mod seeds_gold;
mod segment;
