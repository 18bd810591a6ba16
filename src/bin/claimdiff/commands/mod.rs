//! One module per subcommand.

pub mod split;
