//! The `claimdiff` command: a thin layer over the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let sources = claimdiff::pipeline::load_sources(
        &std::env::args_os()
            .skip(1)
            .map(Into::into)
            .collect::<Vec<_>>(),
        &Default::default(),
    );
    match sources {
        Ok(s) => {
            print!("{}", claimdiff::render::json::split_to_string(&s));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("claimdiff: {e}");
            ExitCode::from(2)
        }
    }
}
