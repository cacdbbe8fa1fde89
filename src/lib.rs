//! cse-screen: screen a child for risk of child sexual exploitation.
//!
//! The library holds everything; `main.rs` only parses arguments and exits.
//! - [`questionnaire`]: the YAML format, loading and validation (all problems at once);
//! - [`answers`]: the saved-screening format and its check against a questionnaire;
//! - [`engine`]: pure, deterministic scoring with monotone rules;
//! - [`interview`]: the interactive walk-through; [`store`]: saved screenings on disk;
//! - [`screening`]: one saved screening, read, checked against its questionnaire and scored;
//! - [`batch`]: scoring saved screenings in bulk, in parallel, in order;
//! - [`input`]: the one way in for untrusted files (size, BOM, YAML budgets, parser errors);
//! - [`history`]: one case's screenings over time: trend, review, escalation;
//! - [`caseload`]: every case at once: attention first, measures; [`pseudonym`]: keyed
//!   pseudonyms for papers that leave the team;
//! - [`reference`]: case references and names: the normalisation rule, unwanted characters;
//! - [`language`]: the victim-blaming wording check (the phrase list is data);
//! - [`schema`]: JSON Schemas of the file formats, for editors;
//! - [`text`]: the one sanitiser: hidden characters shown, never sent, and file names as text;
//! - [`report`]: renderers; [`app`]: runs a command, one file each; [`cli`]: the clap
//!   definitions; [`error`]: why a command stopped, and its exit code.

// Items marked `pub` must be reachable from the crate root, so dead code shows.
#![warn(unreachable_pub)]

pub mod answers;
pub mod app;
pub mod batch;
pub mod caseload;
pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod exit;
pub mod history;
pub mod input;
pub mod interview;
pub mod language;
pub mod pseudonym;
#[cfg(test)]
mod purity;
pub mod questionnaire;
pub mod reference;
pub mod report;
pub mod schema;
pub mod screening;
pub mod store;
pub mod text;
