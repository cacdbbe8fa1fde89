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
            Check::Count(max) => match (text.trim(), *max) {
                ("", _) => Ok(()),
                (t, max) => match (t.parse::<u32>(), max) {
                    (Ok(n), Some(m)) if n > m => Err(format!(
                        "{n} is more than {m}, the most this question takes. Type a whole \
                         number from 0 to {m}, or leave it empty if not known."
                    )),
                    (Ok(_), _) => Ok(()),
                    (Err(_), _) => {
                        Err("Type a whole number, or leave it empty if not known.".to_owned())
                    }
                },
            },
            Check::Date(r) => {
                let d = crate::answers::parse_date(text.trim())
                    .ok_or_else(|| not_a_date(text.trim()))?;
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

/// Why `text` is not a date: written as one (`2026-02-31`) but no such day, or not in the
/// form at all.
fn not_a_date(text: &str) -> String {
    let form = "Type the date as YYYY-MM-DD, for example 2026-11-24.";
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else {
        return form.to_owned();
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return form.to_owned();
    }
    let (Ok(year), Ok(month)) = (y.parse::<i16>(), m.parse::<i8>()) else {
        return form.to_owned();
    };
    match jiff::civil::Date::new(year, month, 1) {
        Ok(first) => format!(
            "{text} is not a date: {} {year} has {} days.",
            first.strftime("%B"),
            first.days_in_month()
        ),
        Err(_) => format!("{text} is not a date: a month is 01 to 12."),
    }
}

/// A line of text, checked by `check` before it is accepted.
#[derive(Debug, Clone)]
pub struct TextQuestion {
    pub prompt: String,
    pub note: Option<String>,
    /// Text already in the box when the prompt opens (an earlier answer or a default).
    /// Text that a one-line box cannot show as it is (see [`TextQuestion::editable`]) is
    /// shown above an empty box instead, and kept or replaced whole (see
    /// [`TextQuestion::kept_or_replaced`]); whichever way it is offered, Enter alone answers
    /// with `initial` exactly.
    pub initial: String,
    /// `Err(message)` rejects the text and asks again with the message.
    pub check: Check,
    /// `initial` is a default offered rather than text to edit (a date): it is shown, Enter
    /// takes it, and typing starts afresh instead of adding to it.
    pub default: bool,
}

impl TextQuestion {
    /// True when `initial` can be put in a one-line box to be edited where it stands: the
    /// box would show it exactly as it is, because it holds no line break and no hidden
    /// character ([`crate::text::line`] leaves it unchanged). Otherwise the box could only
    /// hold its escaped form (`\n`, `\u{200b}`), and any edit would save that form: text
    /// nobody typed. Such a text (from a file edited by hand or written by another tool) is
    /// shown as it is and kept or replaced whole, never edited in its escaped form.
    pub fn editable(&self) -> bool {
        crate::text::line(&self.initial) == self.initial.as_str()
    }

    /// The answer for `typed` into an empty box offered under `initial` as it is: nothing
    /// (or only spaces) keeps `initial` exactly, byte for byte; `-` alone clears it; anything
    /// else replaces it, as typed.
    pub fn kept_or_replaced(&self, typed: String) -> String {
        match typed.trim() {
            "" => self.initial.clone(),
            "-" => String::new(),
            _ => typed,
        }
    }
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
    /// True when the replies come from a file, not a person at a terminal: nothing needs to
    /// wait to be read, and a pause for Enter would take a line written for a question.
    fn replaying(&self) -> bool {
        false
    }
    /// Asks `q` where a number or an empty line in a file of replies could answer it with
    /// a line written for another question: its options mean something only in their words
    /// (a judgement's "Raise to High", whose number depends on the level the answers give),
    /// or, with `unforeseen` saying why, it is asked only because of what an earlier reply
    /// held (the wording check's "rephrase or keep", an age to confirm), so the file has no
    /// line for it. There only an option's own words answer it (and, when not `unforeseen`,
    /// an empty line keeps the current option); anything else stops the walk-through at
    /// that line. A person at a terminal is asked as [`Prompter::select`] asks.
    fn select_by_words(
        &mut self,
        q: &Choice,
        unforeseen: Option<&str>,
    ) -> io::Result<Reply<usize>> {
        let _ = unforeseen;
        self.select(q)
    }
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

#[cfg(test)]
mod tests {
    use super::{Check, TextQuestion};

    fn saved(initial: &str) -> TextQuestion {
        TextQuestion {
            prompt: "Note (optional): what, when, who said it".to_owned(),
            note: None,
            initial: initial.to_owned(),
            check: Check::Text(|_| Ok(())),
            default: false,
        }
    }

    #[test]
    fn a_saved_text_is_put_in_the_box_to_edit_only_if_the_box_shows_it_as_it_is() {
        for text in [
            "",
            "Seen on Monday.",
            "Vu à l'école lundi — 3 fois, 2026-11-24 (€5).",
        ] {
            assert!(saved(text).editable(), "{text:?}");
        }
        // The box could show these only escaped (`\n`, `\u{200b}`): an edit would save that.
        for text in [
            "Seen on Monday.\nSeen again on Wednesday.",
            "Seen on Monday.\n",
            "Seen on\u{200b} Monday.",
            "Seen on Monday.\r",
            "Seen on\tMonday.",
            "Seen \u{1b}[6n on Monday.",
            "EX-\u{202e}9001",
        ] {
            assert!(!saved(text).editable(), "{text:?}");
        }
    }

    #[test]
    fn a_saved_text_not_edited_in_place_is_kept_exactly_by_enter_and_replaced_by_typing() {
        let note = "Seen on Monday.\nSeen again on Wednesday.\u{200b}\n";
        let q = saved(note);
        // Enter alone, or only spaces: the saved text itself, byte for byte.
        assert_eq!(q.kept_or_replaced(String::new()), note);
        assert_eq!(q.kept_or_replaced("   ".to_owned()), note);
        // `-` alone clears it.
        assert_eq!(q.kept_or_replaced(" - ".to_owned()), "");
        // Anything typed is the answer, exactly as typed: never joined to the saved text.
        for typed in ["Seen on Monday and Wednesday.", " Extra.", "-1 episode"] {
            assert_eq!(q.kept_or_replaced(typed.to_owned()), typed);
        }
    }
}
