//! Per-stage benchmarks (filled in as stages land).
fn main() {}
