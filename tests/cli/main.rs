//! The `claimdiff` binary, one module per subcommand.

mod support;

mod compare;
mod corpus;
mod exercise;
mod pairs;
mod report_html;
mod report_markdown;
mod report_terminal;
mod split;
