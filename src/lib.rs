//! cse-screen: screen a child for risk of child sexual exploitation.
//!
//! The library holds everything; `main.rs` only parses arguments and exits.
//! - [`questionnaire`]: the YAML format, loading and validation (all problems at once);
//! - [`answers`]: the saved-screening format and its check against a questionnaire;
//! - [`engine`]: pure, deterministic scoring with monotone rules;
//! - [`interview`]: the interactive walk-through; [`store`]: saved screenings on disk;
//! - [`batch`]: scoring saved screenings in bulk, in parallel, in order;
//! - [`input`]: limits on untrusted files (size, YAML budgets, format version);
//! - [`history`]: one case's screenings over time: trend, review, escalation;
//! - [`language`]: the victim-blaming wording check (the phrase list is data);
//! - [`schema`]: JSON Schemas of the file formats, for editors;
//! - [`report`]: renderers; [`app`]: runs a command; [`cli`]: the clap definitions.

pub mod answers;
pub mod app;
pub mod batch;
pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod exit;
pub mod history;
pub mod input;
pub mod interview;
pub mod language;
#[cfg(test)]
mod purity;
pub mod questionnaire;
pub mod report;
pub mod schema;
pub mod store;
