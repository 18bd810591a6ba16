//! One module per subcommand.

pub mod compare;
pub mod exercise;
pub mod pairs;
pub mod split;
