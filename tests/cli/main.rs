//! The `claimdiff` binary, one module per subcommand.

mod support;

mod bad_input;
mod compare;
mod corpus;
mod exercise;
mod output_safety;
mod pairs;
mod report_html;
mod report_markdown;
mod report_terminal;
mod split;
