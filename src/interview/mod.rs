//! The interactive walk-through: the driver that owns the order of questions, back navigation,
//! autosave, review, judgement and decisions, and the [`Prompter`] trait it asks through.
//!
//! Free text (notes, the judgement reason, actions) goes through the wording check: findings
//! are shown with why they harm and what to say instead, and the practitioner rephrases or
//! keeps the text; kept phrases are recorded in the file (`language_kept`).
//!
//! The driver never touches a terminal: `inquire.rs` (the only file that imports inquire)
//! implements [`Prompter`] for people, `scripted.rs` for tests. Its state is the saved file
//! itself (a [`Screening`](crate::answers::Screening)), written through a [`Saver`] after
//! every answer, so an interruption loses at most the answer being typed.
//!
//! One file per job:
//! - `prompter.rs`: the prompter protocol ([`Prompter`], the questions and the [`Reply`]);
//! - `checks.rs`: the checks on typed text, and the wording check of free text;
//! - `driver.rs`: [`Interview`]: order, back navigation, autosave, resume, the [`Outcome`];
//! - `script.rs`: what each question asks, with its wording and choices;
//! - `review.rs`: the review step and its text;
//! - `inquire.rs` and `plain.rs`: prompters for people; `scripted.rs`: for tests.

mod checks;
mod driver;
pub mod inquire;
pub mod plain;
mod prompter;
mod review;
mod script;
#[cfg(test)]
mod scripted;
#[cfg(test)]
mod tests;

pub use driver::{Interview, Outcome, Saver, Settings};
pub use prompter::{Check, Choice, DateRange, Many, Prompter, Reply, TextQuestion};
