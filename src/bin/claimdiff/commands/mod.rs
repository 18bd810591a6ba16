//! One module per subcommand.

pub mod compare;
pub mod pairs;
pub mod split;
