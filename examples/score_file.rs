//! Scores one saved screening with the library: `cargo run --example score_file -- FILE`.
//! Prints the level, the routes and why, or every problem with its line and column.

use std::path::Path;
use std::process::ExitCode;

use cse_screen::input::Failure;
use cse_screen::screening::{self, Catalogue, Options};

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/answers/oxfordshire-02-significant-long-ago.yaml".to_owned());
    let Ok(catalogue) = Catalogue::new(None) else {
        return ExitCode::FAILURE; // the bundled questionnaires are tested to be valid
    };
    match screening::load(Path::new(&path), &catalogue, Options::default()) {
        Ok(scored) => {
            let a = &scored.assessment;
            println!(
                "{}: {} (score {})",
                scored.screening.screening.case_reference, a.level.label, a.score
            );
            a.routes
                .iter()
                .for_each(|r| println!("  route: {}", r.title));
            a.fired_rules
                .iter()
                .for_each(|r| println!("  because: {}", r.reason));
            ExitCode::SUCCESS
        }
        Err(Failure::Invalid(problems)) => {
            problems
                .iter()
                .for_each(|p| eprintln!("{}", p.display(&path)));
            ExitCode::FAILURE
        }
        Err(Failure::Unreadable(why)) => {
            eprintln!("{path}: {why}");
            ExitCode::FAILURE
        }
    }
}
