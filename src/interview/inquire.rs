//! [`Prompter`] for people, drawn with inquire. The only file in the crate that imports inquire.
//!
//! Esc is "back" and Ctrl-C is "stop" (inquire reports them as `OperationCanceled` and
//! `OperationInterrupted`). Questionnaire text, notes and the text already in a box are shown
//! through [`crate::text`], never raw. Prompts are drawn on stderr; `NO_COLOR` turns colour off (inquire's default).

use std::io::{self, Write};
use std::time::Duration;

use crate::cli::ColorWhen;
use inquire::error::InquireError;
use inquire::ui::{RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{MultiSelect, Select, Text};

use super::{Choice, Many, Prompter, Reply, TextQuestion};
use crate::text::{Keep, line, prose, visible};

/// The key hints shown under every prompt.
const KEYS: &str = "↑↓ move · enter choose · esc back · ctrl-c save and stop";
const MANY_KEYS: &str = "↑↓ move · space tick · enter done · esc back · ctrl-c save and stop";
const TEXT_KEYS: &str = "enter to go on · esc back · ctrl-c save and stop";
/// Under a box that starts empty below a saved text shown in full.
const SAVED_TEXT_KEYS: &str =
    "enter keeps it as saved · typing replaces it · - clears it · esc back · ctrl-c save and stop";

/// Said before a reply that is not accepted, in place of inquire's "#".
const ERROR_PREFIX: &str = "Not accepted:";

/// Asks with inquire in the terminal.
pub struct InquirePrompter;

impl InquirePrompter {
    /// `color`: `Auto` is inquire's default (no colour when `NO_COLOR` is set). A question
    /// left with Esc is marked "back", not inquire's "canceled".
    pub fn new(color: ColorWhen) -> InquirePrompter {
        let config = match color {
            ColorWhen::Auto => RenderConfig::default(),
            ColorWhen::Always => RenderConfig::default_colored(),
            ColorWhen::Never => RenderConfig::empty(),
        };
        let error = config.error_message.with_prefix(Styled {
            content: ERROR_PREFIX,
            ..config.error_message.prefix
        });
        inquire::set_global_render_config(
            config
                .with_canceled_prompt_indicator(Styled::new("<back>"))
                .with_error_message(error),
        );
        InquirePrompter
    }
}

impl Default for InquirePrompter {
    fn default() -> Self {
        InquirePrompter::new(ColorWhen::Auto)
    }
}

impl InquirePrompter {
    /// Asks for text whose saved answer a one-line box cannot show as it is (a line break,
    /// a hidden character: see [`TextQuestion::editable`]). The saved text is printed above
    /// the prompt as prose is shown everywhere (line breaks as line breaks, hidden
    /// characters as `\u{...}`) and the box starts empty: Enter keeps the saved text
    /// exactly, `-` clears it, and anything typed replaces it
    /// ([`TextQuestion::kept_or_replaced`]). Its escaped form is never put in the box, where
    /// an edit would save it as typed.
    fn text_shown_above(&mut self, q: &TextQuestion) -> io::Result<Reply<String>> {
        {
            let mut err = io::stderr().lock();
            writeln!(err, "{}", wrapped(&saved_heading(&q.initial)))?;
            // Line breaks kept; every other hidden character escaped, a tab as `\t`.
            let shown = visible(&q.initial, Keep::Newline);
            writeln!(
                err,
                "  {}",
                crate::report::wrap_after(&shown, width(), 2, "  ")
            )?;
        }
        let question = q.clone();
        ask_text(q, SAVED_TEXT_KEYS, Start::Empty, move |s: String| {
            question.kept_or_replaced(s)
        })
    }
}

/// What a text box starts with.
enum Start<'a> {
    Empty,
    /// Text in the box, to edit.
    Initial(&'a str),
    /// Shown after the prompt: Enter takes it, typing replaces it.
    Default(&'a str),
}

/// Asks `q` in a text box that starts as `start`, with the key hint `keys`. What is typed
/// becomes the answer through `answer`, which is what is checked and echoed too.
fn ask_text(
    q: &TextQuestion,
    keys: &str,
    start: Start<'_>,
    answer: impl Fn(String) -> String + Clone + 'static,
) -> io::Result<Reply<String>> {
    let check = q.check;
    let prompt = prompt_text(&q.prompt);
    let keys = hint(keys);
    let (echo_prompt, echo, checked) = (prompt.clone(), answer.clone(), answer.clone());
    let text = match start {
        Start::Empty => Text::new(&prompt),
        Start::Initial(t) => Text::new(&prompt).with_initial_value(t),
        Start::Default(t) => Text::new(&prompt).with_default(t),
    };
    let result = text
        .with_help_message(&keys)
        .with_formatter(&|s: &str| echoed(&echo_prompt, &echo(s.to_owned())))
        .with_validator(move |s: &str| {
            let s = checked(s.to_owned());
            Ok(check.run(&s).map_or_else(
                |m| Validation::Invalid(after_prefix(&m, ERROR_PREFIX.len() + 1).into()),
                |()| Validation::Valid,
            ))
        })
        .prompt()
        .map(answer);
    reply(result)
}

/// The lines above a saved text shown in full: why it is not in the box, and what Enter does.
fn saved_heading(text: &str) -> String {
    let lines = text.contains('\n');
    let hidden = text.chars().any(|c| c != '\n' && crate::text::is_hidden(c));
    let why = match (lines, hidden) {
        (true, true) => "more than one line and hidden characters, shown escaped",
        (true, false) => "more than one line",
        _ => "hidden characters, shown escaped as \\u{...}",
    };
    format!(
        "Saved answer, in full below: it has {why}, so it is not put in the box to edit. \
         Enter keeps it exactly as saved; typing replaces it."
    )
}

fn reply<T>(result: Result<T, InquireError>) -> io::Result<Reply<T>> {
    match result {
        Ok(value) => Ok(Reply::Answer(value)),
        Err(InquireError::OperationCanceled) => Ok(Reply::Back),
        Err(InquireError::OperationInterrupted) => Ok(Reply::Quit),
        Err(InquireError::IO(e)) => Err(e),
        Err(InquireError::NotTTY) => Err(io::Error::other("the terminal went away")),
        Err(e) => Err(io::Error::other(e.to_string())),
    }
}

/// The prompt text with its note on the line above, so progress stays visible.
fn heading(note: Option<&String>) -> io::Result<()> {
    if let Some(note) = note {
        let mut err = io::stderr().lock();
        writeln!(err)?;
        writeln!(err, "{}", wrapped(note))?;
    }
    Ok(())
}

/// The columns text may fill: one short of the terminal's width, so a full line never
/// leaves the cursor waiting to wrap (100 without a terminal).
fn width() -> u16 {
    let cols = terminal_size().map_or(100, |(cols, _)| cols);
    u16::try_from(cols.saturating_sub(1)).unwrap_or(u16::MAX)
}

/// `text` shown (hidden characters escaped) and wrapped at spaces to the terminal's width,
/// so no word or phone number is split across lines. Each line is wrapped on its own, and
/// one that starts indented or with "- " goes on two columns in, under its own text, so a
/// list (the answers under review, the reasons before the judgement) still reads as one.
fn wrapped(text: &str) -> String {
    let width = width();
    text.split('\n')
        .map(|line| {
            let lead = line.len() - line.trim_start_matches(' ').len();
            let hang = if line[lead..].starts_with("- ") || lead > 0 {
                lead + 2
            } else {
                0
            };
            crate::report::wrap(line, width, &" ".repeat(hang))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` drawn after a prefix of `taken` columns ("? " before a prompt, "> " or "> [ ] "
/// before an option), wrapped at spaces with its later lines indented under the first:
/// inquire would otherwise break a long line wherever the terminal ends, inside a word.
fn after_prefix(text: &str, taken: usize) -> String {
    crate::report::wrap_after(text, width(), taken, &" ".repeat(taken))
}

/// Columns taken before an option's text: "> " in a list, "> [ ] " in a list of ticks.
const OPTION_PREFIX: usize = 2;
const TICK_PREFIX: usize = 6;

/// Choices as shown: questionnaire text with its hidden characters escaped, wrapped at
/// spaces after the option's prefix of `taken` columns, its later lines indented two more
/// so that where one option ends and the next begins is plain to see.
fn shown(options: &[String], taken: usize) -> Vec<String> {
    let indent = " ".repeat(taken + 2);
    options
        .iter()
        .map(|o| crate::report::wrap_after(o, width(), taken, &indent))
        .collect()
}

/// The prompt as drawn after "? ", wrapped at spaces.
fn prompt_text(prompt: &str) -> String {
    after_prefix(prompt, 2)
}

/// The answer as echoed after the prompt once chosen: on the prompt's last line when it
/// fits there, else on lines of its own, wrapped at spaces.
fn echoed(prompt: &str, answer: &str) -> String {
    use textwrap::core::display_width;
    let last = prompt.lines().last().unwrap_or_default();
    let used = display_width(last) + if prompt.contains('\n') { 0 } else { 2 };
    let answer = prose(answer);
    if used + 1 + display_width(&answer) <= usize::from(width()) && !answer.contains('\n') {
        answer.into_owned()
    } else {
        format!("\n  {}", after_prefix(&answer, 2))
    }
}

/// A key hint wrapped at spaces inside inquire's "[...]".
fn hint(keys: &str) -> String {
    after_prefix(keys, 1)
}

/// The terminal's (columns, rows), from the terminal prompts are drawn on (stderr).
fn terminal_size() -> Option<(usize, usize)> {
    #[cfg(unix)]
    {
        let size = rustix::termios::tcgetwinsize(rustix::stdio::stderr()).ok()?;
        (size.ws_col > 0 && size.ws_row > 0)
            .then(|| (usize::from(size.ws_col), usize::from(size.ws_row)))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// How many options fit on the screen with the prompt and the key hints, so the selected
/// one is always in view (a list taller than the screen scrolls the prompt away). `prompt`
/// `options` and the key hint `keys` as drawn, already wrapped. At most 12, at least 1.
fn page_size(prompt: &str, options: &[String], keys: &str) -> usize {
    let Some((_, rows)) = terminal_size() else {
        return 12;
    };
    // Prompt and options arrive wrapped to the width: each line of them is one row.
    let lines = |text: &str| text.lines().count().max(1);
    let tallest = options.iter().map(|o| lines(o)).max().unwrap_or(1);
    // The prompt, the hint, and a line to spare for the one the terminal scrolls on.
    let free = rows.saturating_sub(lines(prompt) + lines(keys) + 1);
    (free / tallest).clamp(1, 12)
}

/// The row the cursor starts on when nothing is chosen yet: choosing it records nothing.
const NOTHING_CHOSEN: &str = "(nothing chosen yet: ↓ to an answer, then enter)";

/// Discards keys typed before the question was drawn: keys meant for the last question (a
/// second Enter after a note, arrows pressed ahead, the rest of a pasted burst) must never
/// answer this one.
///
/// Says so when it discarded any: the lines after the first of a note pasted where the
/// terminal does not mark a paste arrive as typed keys, and would otherwise be lost unseen.
fn discard_typed_ahead() -> io::Result<()> {
    let mut discarded = false;
    // Keys that arrived in the same read as the last answer are already in crossterm's own
    // queue, which flushing the terminal does not reach: read them off and drop them. An
    // error (no terminal) ends it; inquire reports the rest.
    while matches!(crossterm::event::poll(Duration::ZERO), Ok(true)) {
        match crossterm::event::read() {
            // A resize or a focus change is not a key anybody typed.
            Ok(crossterm::event::Event::Key(_) | crossterm::event::Event::Paste(_)) => {
                discarded = true;
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    #[cfg(unix)]
    {
        use rustix::event::{PollFd, PollFlags, poll};
        let stdin = rustix::stdio::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        let zero = rustix::event::Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        discarded |= poll(&mut fds, Some(&zero)).is_ok_and(|n| n > 0);
        // Not a terminal (or it went away): nothing to discard; inquire reports the rest.
        let _ = rustix::termios::tcflush(stdin, rustix::termios::QueueSelector::IFlush);
    }
    if discarded {
        let mut err = io::stderr().lock();
        writeln!(err)?;
        writeln!(err, "{}", wrapped(DISCARDED))?;
    }
    Ok(())
}

/// Said when keys that arrived before a question was shown were not used.
const DISCARDED: &str = "Keys that arrived before this question was shown were not used (the \
     lines after the first of a paste, or keys pressed ahead): check the answer before this one.";

impl Prompter for InquirePrompter {
    fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>> {
        discard_typed_ahead()?;
        heading(q.note.as_ref())?;
        let Some(start) = q.start else {
            // Nothing preselected: the cursor starts on a row that records nothing, so Enter
            // alone asks again. The answer is always a move and a choice.
            let mut options = shown(&[NOTHING_CHOSEN.to_owned()], OPTION_PREFIX);
            options.extend(shown(&q.options, OPTION_PREFIX));
            let prompt = prompt_text(&q.prompt);
            let keys = hint(KEYS);
            let formatter = |o: inquire::list_option::ListOption<&String>| match o.index {
                0 => echoed(&prompt, "nothing recorded, asked again"),
                k => echoed(&prompt, q.options.get(k - 1).map_or("", String::as_str)),
            };
            loop {
                let result = Select::new(&prompt, options.clone())
                    .with_help_message(&keys)
                    .with_page_size(page_size(&prompt, &options, &keys))
                    .without_filtering()
                    .with_formatter(&formatter)
                    .raw_prompt()
                    .map(|o| o.index);
                match reply(result)? {
                    Reply::Answer(0) => discard_typed_ahead()?,
                    other => return Ok(other.map(|k| k - 1)),
                }
            }
        };
        let start = start.min(q.options.len().saturating_sub(1));
        let options = shown(&q.options, OPTION_PREFIX);
        let prompt = prompt_text(&q.prompt);
        let keys = hint(KEYS);
        let page = page_size(&prompt, &options, &keys);
        let formatter = |o: inquire::list_option::ListOption<&String>| {
            echoed(&prompt, q.options.get(o.index).map_or("", String::as_str))
        };
        let result = Select::new(&prompt, options)
            .with_starting_cursor(start)
            .with_help_message(&keys)
            .with_page_size(page)
            .without_filtering()
            .with_formatter(&formatter)
            .raw_prompt()
            .map(|o| o.index);
        reply(result)
    }

    fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>> {
        discard_typed_ahead()?;
        heading(q.note.as_ref())?;
        let prompt = prompt_text(&q.prompt);
        let keys = hint(MANY_KEYS);
        let options = shown(&q.options, TICK_PREFIX);
        let page = page_size(&prompt, &options, &keys);
        let formatter = |chosen: &[inquire::list_option::ListOption<&String>]| {
            let texts: Vec<&str> = chosen
                .iter()
                .filter_map(|o| q.options.get(o.index).map(String::as_str))
                .collect();
            echoed(&prompt, &texts.join(", "))
        };
        let result = MultiSelect::new(&prompt, options)
            .with_default(&q.selected)
            .with_help_message(&keys)
            .with_page_size(page)
            .without_filtering()
            .with_formatter(&formatter)
            .raw_prompt()
            .map(|chosen| chosen.into_iter().map(|o| o.index).collect());
        reply(result)
    }

    fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>> {
        discard_typed_ahead()?;
        heading(q.note.as_ref())?;
        if !q.default && !q.editable() {
            return self.text_shown_above(q);
        }
        // The text in the box is the text itself (`editable`), or a default shown escaped
        // after the prompt: a saved `\e[6n` would otherwise make the terminal type a reply
        // into it. Enter on the default keeps the text itself; typing replaces it.
        let initial = q.initial.clone();
        let box_text = line(&q.initial).into_owned();
        let start = if q.default {
            Start::Default(&box_text)
        } else {
            Start::Initial(&box_text)
        };
        let shown = box_text.clone();
        ask_text(q, TEXT_KEYS, start, move |s: String| {
            if s == shown { initial.clone() } else { s }
        })
    }

    fn keys(&self) -> String {
        "Keys: ↑↓ move · enter choose · esc back one question · ctrl-c save and stop. \
         Nothing is recorded until you choose it: a new question starts on \
         \"nothing chosen yet\", and keys pressed before a question appears are ignored."
            .to_owned()
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        let mut err = io::stderr().lock();
        writeln!(err)?;
        writeln!(err, "{}", wrapped(text))
    }
}

#[cfg(test)]
mod tests {
    use super::wrapped;

    #[test]
    fn notes_and_the_opening_are_wrapped_at_spaces_never_inside_a_word_or_number() {
        let text = "IMMEDIATE DANGER: If the child is in immediate danger, or has just been harmed, \
                    call the police on 999 now. Out of hours, also contact the Emergency Duty Team \
                    (0800 833 408) or the MASH on 0345 050 7666 about EX-0001-2026-11-24.yaml.";
        let out = wrapped(text);
        assert!(out.lines().count() > 1, "{out}");
        // Without a terminal the width is 100 columns; a line is at most 99.
        assert!(out.lines().all(|l| l.chars().count() <= 99), "{out}");
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        assert!(
            out.contains("0345 050 7666") && out.contains("0800 833 408"),
            "{out}"
        );
    }

    #[test]
    fn a_list_item_goes_on_under_its_own_text_when_wrapped() {
        let long = "word ".repeat(40);
        let long = long.trim_end();
        let text = format!("What set it:\n- {long}\nReview\n  {long}: no\n{long}");
        let out = wrapped(&text);
        let lines: Vec<&str> = out.lines().collect();
        let at = |start: &str| {
            lines
                .iter()
                .position(|l| l.starts_with(start))
                .expect(start)
        };
        let (bullet, review) = (at("- word"), at("Review"));
        let item = review + 1;
        // Each item's lines after its first are indented under it; prose is not.
        assert!(
            bullet + 1 < review
                && lines[bullet + 1..review]
                    .iter()
                    .all(|l| l.starts_with("  word")),
            "{out}"
        );
        assert!(lines[item + 1].starts_with("    word"), "{out}");
        let prose = lines
            .iter()
            .rposition(|l| l.ends_with("no"))
            .expect("the item's end")
            + 1;
        assert!(
            lines[prose..].iter().all(|l| l.starts_with("word")),
            "{out}"
        );
        // Nothing is lost or split.
        assert_eq!(
            out.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 99), "{out}");
    }
}
