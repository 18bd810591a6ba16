//! One module per subcommand.

pub mod compare;
pub mod corpus;
pub mod exercise;
pub mod pairs;
pub mod split;
