//! The markdown report (being written).

use std::io::{self, Write};

use crate::pipeline::Comparison;
use crate::render::ReportOptions;

/// Writes the markdown report of a comparison.
pub fn write_report(
    out: &mut dyn Write,
    comparison: &Comparison,
    _options: &ReportOptions,
) -> io::Result<()> {
    crate::render::text::write_groups(out, comparison)
}
