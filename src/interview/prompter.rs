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
    /// The option selected when the prompt opens (an earlier answer).
    pub start: usize,
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
pub type Check = fn(&str) -> Result<(), String>;

/// A line of text, checked by `check` before it is accepted.
#[derive(Debug, Clone)]
pub struct TextQuestion {
    pub prompt: String,
    pub note: Option<String>,
    /// Text already in the box when the prompt opens (an earlier answer or a default).
    pub initial: String,
    /// `Err(message)` rejects the text and asks again with the message.
    pub check: Check,
}

/// Asks questions. Implementations only ask; every decision is the driver's.
pub trait Prompter {
    fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>>;
    fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>>;
    fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>>;
    /// Shows information (help text, the review, the running score).
    fn say(&mut self, text: &str) -> io::Result<()>;
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
