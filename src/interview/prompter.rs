//! The prompter protocol: the [`Prompter`] trait, the questions it is asked ([`Choice`],
//! [`Many`], [`TextQuestion`] with its [`Check`]) and the [`Reply`] it answers with.

use std::io;

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    Answer(T),
    /// Esc: go back one question.
    Back,
    /// Ctrl-C: stop now (everything answered so far is already saved).
    Quit,
}

/// Choose one of `options`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub prompt: String,
    /// A line under the prompt (progress, what the options mean).
    pub note: Option<String>,
    pub options: Vec<String>,
    /// The option selected when the prompt opens (an earlier answer, or a safe default such
    /// as "Keep the suggested level"). `None`: nothing is selected, and the prompter must
    /// not answer until the person has moved to an option and chosen it. Enter alone, or
    /// keys typed before the prompt was shown, then record nothing and the prompt is asked
    /// again (see docs/decisions.md, "No answer that nobody chose").
    pub start: Option<usize>,
}

/// Choose any of `options` (possibly none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Many {
    pub prompt: String,
    pub note: Option<String>,
    pub options: Vec<String>,
    /// Options ticked when the prompt opens (an earlier answer).
    pub selected: Vec<usize>,
}

/// Checks typed text: `Err(message)` rejects it, and the prompt asks again showing the message.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// A check of the text alone.
    Text(fn(&str) -> Result<(), String>),
    /// A `YYYY-MM-DD` date within a range.
    Date(DateRange),
    /// A whole number, at most the maximum if there is one, or nothing (not known).
    Count(Option<u32>),
}

/// The dates a date question takes, with why the ends are where they are.
#[derive(Debug, Clone, Copy)]
pub struct DateRange {
    pub earliest: jiff::civil::Date,
    /// Completes "{date} is before {earliest}, ...".
    pub before: &'static str,
    pub latest: jiff::civil::Date,
    /// Completes "{date} is after {latest}, ...".
    pub after: &'static str,
}

impl Check {
    /// `Err(message)` when `text` is refused.
    pub fn run(&self, text: &str) -> Result<(), String> {
        match self {
            Check::Text(f) => f(text),
            Check::Count(max) => {
                let t = text.trim();
                match (t.parse::<u32>(), max) {
                    _ if t.is_empty() => Ok(()),
                    (Ok(n), Some(m)) if n > *m => Err(format!(
                        "{n} is more than {m}, the most this question takes. Type a whole \
                         number from 0 to {m}, or leave it empty if not known."
                    )),
                    (Ok(_), _) => Ok(()),
                    (Err(_), _) => {
                        Err("Type a whole number, or leave it empty if not known.".to_owned())
                    }
                }
            }
            Check::Date(r) => {
                let d = crate::answers::parse_date(text.trim()).ok_or_else(|| {
                    "Type the date as YYYY-MM-DD, for example 2026-11-24.".to_owned()
                })?;
                if d < r.earliest {
                    Err(format!("{d} is before {}, {}", r.earliest, r.before))
                } else if d > r.latest {
                    Err(format!("{d} is after {}, {}", r.latest, r.after))
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// A line of text, checked by `check` before it is accepted.
#[derive(Debug, Clone)]
pub struct TextQuestion {
    pub prompt: String,
    pub note: Option<String>,
    /// Text already in the box when the prompt opens (an earlier answer or a default).
    pub initial: String,
    /// `Err(message)` rejects the text and asks again with the message.
    pub check: Check,
    /// `initial` is a default offered rather than text to edit (a date): it is shown, Enter
    /// takes it, and typing starts afresh instead of adding to it.
    pub default: bool,
}

/// Asks questions. Implementations only ask; every decision is the driver's.
pub trait Prompter {
    fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>>;
    fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>>;
    fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>>;
    /// Shows information (help text, the review, the running score).
    fn say(&mut self, text: &str) -> io::Result<()>;
    /// How to answer with this prompter, in one line, for the opening screen.
    fn keys(&self) -> String;
}

impl<T> Reply<T> {
    /// Applies `f` to an answer; Back and Quit pass through.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Answer(t) => Reply::Answer(f(t)),
            Reply::Back => Reply::Back,
            Reply::Quit => Reply::Quit,
        }
    }
}
