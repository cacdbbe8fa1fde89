//! The integration tests: one binary, one module per command or concern. `common` runs the
//! binary and holds what several modules share. Run one module with, for example,
//! `cargo test --test integration score::`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly on broken fixtures

mod common;

mod answers;
mod bounded;
mod caseload;
mod cli;
mod compat;
mod engine;
mod examples;
mod explain;
mod format2;
mod history;
mod hostile_text;
mod invalid_input;
mod language;
mod no_network;
mod plain;
#[cfg(unix)]
mod pty;
mod report;
mod result;
mod safety_case;
mod schema;
mod score;
#[cfg(unix)]
mod screen_fit;
mod shell;
mod show;
mod store;
mod training;
mod upgrade;
mod validate;
