//! The `claimdiff` binary, one module per subcommand.

mod support;

mod split;
