//! A [`Prompter`] that asks line by line: no cursor movement, no colour, numbered choices.
//!
//! For screen readers and basic terminals, and for replaying a file of replies
//! (`cse-screen screen --plain < replies.txt`). Each prompt is written as plain lines, then
//! one line is read:
//!
//! - a choice: its number; an empty line keeps the option shown as current (an earlier
//!   answer), and where none is shown (an indicator or a fact not yet answered) it records
//!   nothing and, on a terminal, asks again: an answer is always typed;
//! - several choices: numbers separated by spaces or commas, `0` for none; an empty line
//!   keeps those shown as ticked;
//! - text: the text; an empty line keeps the text shown in brackets, `-` clears it;
//! - `<` on its own goes back one question;
//! - the end of input (Ctrl-D, or the end of a replies file) saves and stops; on a
//!   terminal, so does Ctrl-D pressed twice after some typing (the first hands the text
//!   over with no line end, the second ends the input), recording none of it;
//! - on a terminal, lines that arrive together (a paste) are one reply.
//!
//! Everything written is shown through [`crate::text`]: questionnaire text and a saved
//! default cannot send an escape sequence to the terminal.
//!
//! When input is not a terminal, each reply read is echoed after its prompt, so a replayed
//! file reads like a typed session, and a line that is `#` alone or starts with `# ` is a
//! comment. Two kinds of choice there take only an option's own words
//! ([`Prompter::select_by_words`]): one whose numbers mean what the answers before it make
//! them mean (the judgement), and one asked only because of what an earlier reply held (the
//! wording check's "rephrase or keep", an age to confirm), which the file has no line for. A
//! reply there that does not answer its question (a number out of range, an empty line
//! where nothing is current, text the check refuses, a number where words are wanted) stops
//! the walk-through at that line ([`Refused`]):
//! asking again would give the next line, written for the next question, to this one, and
//! every answer after it to the wrong question.

use std::io::{self, BufRead, Write};

use super::{Choice, Many, Prompter, Reply, TextQuestion};
use crate::input::wording::lower_first;
use crate::text::{OneLine, Shown};

pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
    /// Echo each reply (input is a file or a pipe, which the terminal does not echo).
    echo: bool,
    /// On a terminal: whether more input is already waiting, just after a line was read.
    waiting: Option<Box<dyn FnMut() -> bool>>,
    /// Lines read so far, comments included: the number of the last one read.
    lines_read: usize,
    /// The line of the reply before the last one read (0: none).
    reply_before: usize,
    /// The line of the last reply read (0: none).
    last_reply: usize,
    /// In a replies file, the reply that stopped the walk-through.
    refused: Option<Refused>,
}

/// A reply in a file of replies that does not answer its question. The walk-through stops
/// there, with every answer before it saved, rather than ask again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The reply's line in the input, from 1, comments counted.
    pub line: usize,
    /// The reply as read.
    pub reply: String,
    /// The question it was given to.
    pub question: String,
    /// The line of the reply that brought the question, when it was asked only because of
    /// what that reply held: that reply is not saved either.
    pub brought_by: Option<usize>,
    /// What an answer to it must be.
    pub why: String,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    pub fn new(input: R, output: W, echo: bool) -> PlainPrompter<R, W> {
        PlainPrompter {
            input,
            output,
            echo,
            waiting: None,
            lines_read: 0,
            reply_before: 0,
            last_reply: 0,
            refused: None,
        }
    }

    /// The reply in a file of replies that stopped the walk-through, if one did.
    pub fn refused(&mut self) -> Option<Refused> {
        self.refused.take()
    }

    /// A reply that does not answer `question`: on a terminal, says `shown` so the question
    /// can be asked again (`false`); in a file of replies, keeps it with `why` as [`Refused`]
    /// to stop the walk-through there (`true`).
    fn refuse(&mut self, question: &str, reply: &str, shown: &str, why: &str) -> io::Result<bool> {
        if self.echo {
            self.refused = Some(Refused {
                line: self.lines_read,
                reply: reply.to_owned(),
                question: question.to_owned(),
                brought_by: None,
                why: why.to_owned(),
            });
            return Ok(true);
        }
        writeln!(self.output, "  {}", Shown(shown))?;
        Ok(false)
    }

    /// On a terminal, lines that arrive together (a paste of several lines) are one reply,
    /// told by `waiting`: more input already there the moment a line is read, which typing
    /// never is, since the next question has not yet been shown. Read line by line, the
    /// second line of a pasted note would answer the next question unseen (a "discussed
    /// with", a number of missing episodes).
    #[must_use]
    pub fn pasted_lines_as_one_reply(
        mut self,
        waiting: impl FnMut() -> bool + 'static,
    ) -> PlainPrompter<R, W> {
        self.waiting = Some(Box::new(waiting));
        self
    }

    /// One line of input without its line end; `None` at the end of input. In a replies
    /// file (echo on), lines starting with `#` are comments and are skipped. On a terminal,
    /// a line ended by Ctrl-D rather than Enter is the end of input, and lines pasted
    /// together are one reply (see [`Self::pasted_lines_as_one_reply`]).
    fn line(&mut self) -> io::Result<Option<String>> {
        loop {
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                if self.echo {
                    writeln!(self.output)?;
                }
                return Ok(None);
            }
            self.lines_read += 1;
            if let Some(waiting) = self.waiting.as_mut() {
                // Ctrl-D after some typing hands the text over without a line end, and a
                // second Ctrl-D ends the input: that means stop, as Ctrl-D on an empty line
                // does, not "this is my answer". (Enter after the first ends the line.)
                if !line.ends_with('\n') {
                    writeln!(self.output)?;
                    return Ok(None);
                }
                let mut lines = 1;
                while waiting() {
                    let mut more = String::new();
                    if self.input.read_line(&mut more)? == 0 {
                        break;
                    }
                    line.push_str(&more);
                    lines += 1;
                }
                if lines > 1 {
                    writeln!(
                        self.output,
                        "  ({lines} lines arrived together, as from a paste: they are one reply.)"
                    )?;
                }
                let line = line.trim_end_matches(['\n', '\r']).replace("\r\n", "\n");
                return Ok(Some(line));
            }
            let mut line = line.trim_end_matches(['\n', '\r']).to_owned();
            // A file saved by an editor that starts it with a byte-order mark.
            if self.lines_read == 1 && line.starts_with('\u{feff}') {
                line.remove(0);
            }
            if self.echo && is_comment(&line) {
                continue;
            }
            self.reply_before = std::mem::replace(&mut self.last_reply, self.lines_read);
            if self.echo {
                writeln!(self.output, "{}", OneLine(&line))?;
            }
            return Ok(Some(line));
        }
    }

    fn heading(&mut self, prompt: &str, note: Option<&str>) -> io::Result<()> {
        writeln!(self.output)?;
        writeln!(self.output, "{}", Shown(prompt))?;
        if let Some(note) = note {
            for line in note.lines() {
                writeln!(self.output, "  {}", Shown(line))?;
            }
        }
        Ok(())
    }

    /// Writes a choice's prompt and numbered options, `start` marked as current; returns it
    /// if it is one of them.
    fn options(&mut self, q: &Choice, start: Option<usize>) -> io::Result<Option<usize>> {
        self.heading(&q.prompt, q.note.as_deref())?;
        let start = start.filter(|&s| s < q.options.len());
        for (i, option) in q.options.iter().enumerate() {
            let current = if Some(i) == start { "   (current)" } else { "" };
            writeln!(self.output, "  {}. {}{current}", i + 1, Shown(option))?;
        }
        Ok(start)
    }

    /// Writes the question's last line, then reads the reply: `None` to stop, `Some(None)`
    /// to go back.
    fn ask(&mut self, hint: &str) -> io::Result<Option<Option<String>>> {
        write!(self.output, "{hint} (< back): ")?;
        self.output.flush()?;
        Ok(self
            .line()?
            .map(|l| if l.trim() == "<" { None } else { Some(l) }))
    }
}

/// A comment in a file of replies: `#` alone, or `#` and a space or tab before the text. A
/// note that starts `#3 missing episode` is a reply, not a comment (found in review: it was
/// skipped, and the next line became the note).
fn is_comment(line: &str) -> bool {
    line.strip_prefix('#')
        .is_some_and(|rest| rest.trim().is_empty() || rest.starts_with([' ', '\t']))
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>> {
        let start = self.options(q, q.start)?;
        let n = q.options.len();
        let hint = match start {
            Some(s) => format!("Number, 1 to {n} [Enter: {}]", s + 1),
            None => format!("Number, 1 to {n}"),
        };
        loop {
            let reply = match self.ask(&hint)? {
                None => return Ok(Reply::Quit),
                Some(None) => return Ok(Reply::Back),
                Some(Some(reply)) => reply,
            };
            let trimmed = reply.trim();
            let why = match (trimmed.parse::<usize>(), start) {
                (Ok(k), _) if (1..=n).contains(&k) => return Ok(Reply::Answer(k - 1)),
                // Enter keeps an earlier answer; with none, it records nothing.
                (_, Some(s)) if trimmed.is_empty() => return Ok(Reply::Answer(s)),
                (_, None) if trimmed.is_empty() => {
                    format!("Type the number of your answer, 1 to {n}.")
                }
                _ => format!("Type a number from 1 to {n}."),
            };
            let shown = if trimmed.is_empty() {
                format!("Nothing recorded: {}", lower_first(&why))
            } else {
                why.clone()
            };
            if self.refuse(&q.prompt, &reply, &shown, &why)? {
                return Ok(Reply::Quit);
            }
        }
    }

    fn select_by_words(
        &mut self,
        q: &Choice,
        unforeseen: Option<&str>,
    ) -> io::Result<Reply<usize>> {
        if !self.echo {
            return self.select(q);
        }
        // Unforeseen, nothing is current: an empty line could be one meant for the next
        // question, and so could `<`.
        let start = self.options(q, q.start.filter(|_| unforeseen.is_none()))?;
        let words: Vec<String> = q
            .options
            .iter()
            .map(|o| format!("\"{}\"", OneLine(o)))
            .collect();
        let hint = match start {
            Some(s) => format!("An option's words [Enter: {}]", OneLine(&q.options[s])),
            None => "An option's words".to_owned(),
        };
        let reply = match self.ask(&hint)? {
            None => return Ok(Reply::Quit),
            Some(None) if unforeseen.is_none() => return Ok(Reply::Back),
            Some(None) => "<".to_owned(),
            Some(Some(reply)) => reply,
        };
        let said = |o: &str| {
            o.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        if let Some(k) = q.options.iter().position(|o| said(o) == said(&reply)) {
            return Ok(Reply::Answer(k));
        }
        if let Some(s) = start.filter(|_| reply.trim().is_empty()) {
            return Ok(Reply::Answer(s));
        }
        let one_of = match words.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        let why = match unforeseen {
            Some(cause) => format!(
                "this question is asked only because {cause}, so the file has no line of its \
                 own for it, and a number or an empty line here could be one written for the \
                 next question; a file of replies answers it with an option's words: {one_of}"
            ),
            None => format!(
                "what its numbers mean depends on the answers before it (the level they give), \
                 so a number could choose another option than the one meant; a file of replies \
                 answers it with an option's words: {one_of}{}",
                match start {
                    Some(s) => format!(", or an empty line for \"{}\"", OneLine(&q.options[s])),
                    None => String::new(),
                }
            ),
        };
        self.refuse(&q.prompt, &reply, &why, &why)?;
        if let Some(r) = self.refused.as_mut().filter(|_| unforeseen.is_some()) {
            r.brought_by = Some(self.reply_before).filter(|&l| l > 0);
        }
        Ok(Reply::Quit)
    }

    fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>> {
        self.heading(&q.prompt, q.note.as_deref())?;
        for (i, option) in q.options.iter().enumerate() {
            let ticked = if q.selected.contains(&i) {
                "   (ticked)"
            } else {
                ""
            };
            writeln!(self.output, "  {}. {}{ticked}", i + 1, Shown(option))?;
        }
        let n = q.options.len();
        loop {
            let reply = match self.ask("Numbers separated by spaces, 0 for none [Enter: keep]")? {
                None => return Ok(Reply::Quit),
                Some(None) => return Ok(Reply::Back),
                Some(Some(reply)) => reply,
            };
            if reply.trim().is_empty() {
                return Ok(Reply::Answer(q.selected.clone()));
            }
            if reply.trim() == "0" {
                return Ok(Reply::Answer(Vec::new()));
            }
            let picked: Result<Vec<usize>, ()> = reply
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(|s| match s.parse::<usize>() {
                    Ok(k) if (1..=n).contains(&k) => Ok(k - 1),
                    _ => Err(()),
                })
                .collect();
            match picked {
                Ok(mut picked) => {
                    picked.sort_unstable();
                    picked.dedup();
                    return Ok(Reply::Answer(picked));
                }
                Err(()) => {
                    let why =
                        format!("Type numbers from 1 to {n} separated by spaces, or 0 for none.");
                    if self.refuse(&q.prompt, &reply, &why, &why)? {
                        return Ok(Reply::Quit);
                    }
                }
            }
        }
    }

    fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>> {
        self.heading(&q.prompt, q.note.as_deref())?;
        let hint = if q.initial.is_empty() {
            "Type, then Enter".to_owned()
        } else {
            // Shown escaped (an escape sequence here could make the terminal type a reply);
            // Enter keeps the text itself.
            format!("[Enter: {}; - to clear]", OneLine(&q.initial))
        };
        loop {
            let reply = match self.ask(&hint)? {
                None => return Ok(Reply::Quit),
                Some(None) => return Ok(Reply::Back),
                Some(Some(reply)) => reply,
            };
            // Never edited in place: Enter keeps the saved text itself, typing replaces it.
            let text = q.kept_or_replaced(reply.clone());
            match q.check.run(&text) {
                Ok(()) => return Ok(Reply::Answer(text)),
                Err(message) => {
                    if self.refuse(&q.prompt, &reply, &message, &message)? {
                        return Ok(Reply::Quit);
                    }
                }
            }
        }
    }

    fn keys(&self) -> String {
        "How to answer: type the number of your answer, then Enter; an empty line keeps an \
         answer shown as (current) and otherwise records nothing; < goes back one question; \
         Ctrl-D saves and stops."
            .to_owned()
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output)?;
        writeln!(self.output, "{}", Shown(text))
    }

    fn replaying(&self) -> bool {
        self.echo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompter(input: &str) -> PlainPrompter<&[u8], Vec<u8>> {
        PlainPrompter::new(input.as_bytes(), Vec::new(), true)
    }

    fn choice() -> Choice {
        Choice {
            prompt: "Has the child been missing?".to_owned(),
            note: Some("Question 3 of 9".to_owned()),
            options: vec!["Yes".to_owned(), "No".to_owned(), "Not known".to_owned()],
            start: Some(2),
        }
    }

    #[test]
    fn a_choice_is_numbered_and_read_by_number_with_enter_for_the_current_one() {
        let mut p = prompter("# a comment in a replies file\n1\n\n<\n");
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Answer(0)));
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Answer(2)));
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Back));
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Quit));
        assert_eq!(p.refused(), None);
        let shown = String::from_utf8(p.output).unwrap_or_default();
        assert!(shown.contains("\nHas the child been missing?\n  Question 3 of 9\n  1. Yes\n  2. No\n  3. Not known   (current)\nNumber, 1 to 3 [Enter: 3] (< back): 1\n"), "{shown}");
        // Plain means plain: no escape sequences at all.
        assert!(!shown.contains('\u{1b}'), "{shown}");
        // On a terminal, a reply that is no answer is said so, and the question asked again.
        let mut p = terminal("x\n9\n1\n", &[]);
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Answer(0)));
        let shown = String::from_utf8(p.output).unwrap_or_default();
        assert_eq!(
            shown.matches("  Type a number from 1 to 3.\n").count(),
            2,
            "{shown}"
        );
    }

    /// One question of each kind, for the test below.
    enum Asked {
        One(Choice),
        Many(Many),
        Text(TextQuestion),
    }

    /// In a file of replies, each line answers the question it stands for: a line that is no
    /// answer stops there, kept with its line number, and the next line is not read, so it
    /// can never answer this question, nor any later line the question after its own.
    #[test]
    fn in_a_replies_file_a_line_that_is_no_answer_stops_there() {
        fn required(s: &str) -> Result<(), String> {
            if s.trim().is_empty() {
                Err("This is required.".to_owned())
            } else {
                Ok(())
            }
        }
        let many = Many {
            prompt: "When?".to_owned(),
            note: None,
            options: vec!["Recent".to_owned(), "Earlier".to_owned()],
            selected: vec![],
        };
        let name = TextQuestion {
            check: super::super::Check::Text(required),
            ..any_text("Your name")
        };
        let missing = "Has the child been missing?";
        let cases = [
            (
                "1.",
                Asked::One(choice()),
                missing,
                "Type a number from 1 to 3.",
            ),
            (
                "4",
                Asked::One(choice()),
                missing,
                "Type a number from 1 to 3.",
            ),
            (
                "",
                Asked::One(Choice {
                    start: None,
                    ..choice()
                }),
                missing,
                "Type the number of your answer, 1 to 3.",
            ),
            (
                "1 3",
                Asked::Many(many),
                "When?",
                "Type numbers from 1 to 2 separated by spaces, or 0 for none.",
            ),
            ("-", Asked::Text(name), "Your name", "This is required."),
        ];
        for (bad, asked, question, why) in cases {
            // The bad reply on line 3, after a comment and a good reply; then the reply the
            // next question would get.
            let input = format!("# replies\n2\n{bad}\n2\n");
            let mut p = PlainPrompter::new(input.as_bytes(), Vec::new(), true);
            assert_eq!(p.select(&choice()).ok(), Some(Reply::Answer(1)));
            let stopped = match &asked {
                Asked::One(q) => p.select(q).ok() == Some(Reply::Quit),
                Asked::Many(q) => p.select_many(q).ok() == Some(Reply::Quit),
                Asked::Text(q) => p.text(q).ok() == Some(Reply::Quit),
            };
            assert!(stopped, "{bad:?} stops");
            assert_eq!(
                p.refused(),
                Some(Refused {
                    line: 3,
                    reply: bad.to_owned(),
                    question: question.to_owned(),
                    why: why.to_owned(),
                    brought_by: None,
                }),
                "{bad:?}"
            );
            // The line after it is still there, unread.
            let mut rest = String::new();
            assert_eq!(p.input.read_line(&mut rest).ok(), Some(2), "{bad:?}");
            let shown = String::from_utf8(p.output).unwrap_or_default();
            assert!(
                !shown.contains(why),
                "said as an error, not to ask again: {shown}"
            );
        }
    }

    fn rephrase_or_keep() -> Choice {
        Choice {
            prompt: "Rephrase it, or keep it as written?".to_owned(),
            note: None,
            options: vec!["Rephrase it".to_owned(), "Keep it as written".to_owned()],
            start: Some(0),
        }
    }

    #[test]
    fn in_a_replies_file_a_question_it_could_not_foresee_takes_only_an_options_words() {
        let cause = "the wording check found wording that can blame the child";
        // The note on line 2 brought the question; line 3 was written for the next one. As a
        // number, an empty line or anything else, it stops there, naming both lines.
        for next in ["2", "1", "", "<", "Keep", "keep it"] {
            let input = format!("# a note\nShe put herself at risk.\n{next}\n3\n");
            let mut p = PlainPrompter::new(input.as_bytes(), Vec::new(), true);
            assert!(matches!(p.text(&any_text("Note")), Ok(Reply::Answer(_))));
            assert_eq!(
                p.select_by_words(&rephrase_or_keep(), Some(cause)).ok(),
                Some(Reply::Quit),
                "{next:?}"
            );
            let refused = p.refused();
            assert_eq!(
                refused.as_ref().map(|r| (r.line, r.brought_by)),
                Some((3, Some(2)))
            );
            let why = refused.map(|r| r.why).unwrap_or_default();
            assert!(why.contains(cause), "{why}");
            assert!(
                why.contains("\"Rephrase it\" or \"Keep it as written\""),
                "{why}"
            );
            // Nothing after it was read, and nothing was shown as current.
            let mut rest = String::new();
            assert_eq!(p.input.read_line(&mut rest).ok(), Some(2), "{next:?}");
            let shown = String::from_utf8(p.output).unwrap_or_default();
            assert!(!shown.contains("(current)"), "{shown}");
        }
        // An option's words, in any case and spacing, answer it.
        for (words, k) in [("Keep it as written", 1), ("  rephrase   IT ", 0)] {
            let input = format!("{words}\n");
            let mut p = prompter(&input);
            assert_eq!(
                p.select_by_words(&rephrase_or_keep(), Some(cause)).ok(),
                Some(Reply::Answer(k))
            );
        }
        // At a terminal it is asked as any choice is: a number answers.
        let mut p = terminal("2\n", &[]);
        assert_eq!(
            p.select_by_words(&rephrase_or_keep(), Some(cause)).ok(),
            Some(Reply::Answer(1))
        );
    }

    #[test]
    fn in_a_replies_file_a_choice_whose_numbers_depend_on_the_answers_takes_words() {
        let judgement = Choice {
            prompt: "Does Low match your professional judgement?".to_owned(),
            note: None,
            options: vec![
                "Keep the suggested level: Low".to_owned(),
                "Raise to Medium".to_owned(),
                "Raise to High".to_owned(),
            ],
            start: Some(0),
        };
        // "2" written for a Medium level would raise to Medium here: it stops instead.
        let mut p = prompter("2\n");
        assert_eq!(p.select_by_words(&judgement, None).ok(), Some(Reply::Quit));
        let refused = p.refused();
        assert_eq!(refused.as_ref().map(|r| r.brought_by), Some(None));
        let why = refused.map(|r| r.why).unwrap_or_default();
        assert!(
            why.contains("\"Keep the suggested level: Low\", \"Raise to Medium\" or \"Raise to High\", or an empty line for \"Keep the suggested level: Low\""),
            "{why}"
        );
        // An empty line keeps the current option; the words choose.
        let mut p = prompter("\nraise to high\n");
        assert_eq!(
            p.select_by_words(&judgement, None).ok(),
            Some(Reply::Answer(0))
        );
        assert_eq!(
            p.select_by_words(&judgement, None).ok(),
            Some(Reply::Answer(2))
        );
    }

    #[test]
    fn a_replies_file_comment_is_a_hash_alone_or_with_a_space_and_a_leading_mark_is_dropped() {
        let mut p = prompter("\u{feff}# a comment\n#\n#\tanother\n#3 missing episode\n");
        assert_eq!(
            p.text(&any_text("Note")).ok(),
            Some(Reply::Answer("#3 missing episode".to_owned()))
        );
        let mut p = prompter("\u{feff}2\n");
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Answer(1)));
    }

    /// A terminal (no echo) on which, line by line read, `waiting` says whether more input
    /// had already arrived with it, as with a paste.
    fn terminal(
        input: &'static str,
        waiting: &'static [bool],
    ) -> PlainPrompter<&'static [u8], Vec<u8>> {
        let mut waiting = waiting.iter().copied();
        PlainPrompter::new(input.as_bytes(), Vec::new(), false)
            .pasted_lines_as_one_reply(move || waiting.next().unwrap_or(false))
    }

    /// A text question that takes any text, starting empty.
    fn any_text(prompt: &str) -> TextQuestion {
        TextQuestion {
            prompt: prompt.to_owned(),
            note: None,
            initial: String::new(),
            check: super::super::Check::Text(|_| Ok(())),
            default: false,
        }
    }

    #[test]
    fn on_a_terminal_lines_pasted_together_are_one_reply_never_the_next_answers() {
        let text = any_text("Anything to add?");
        // A note of two pasted lines, then "2" typed for the next question.
        let mut p = terminal(
            "Seen in a car twice this week.\r\nMum wants help.\n2\n",
            &[true, false, false],
        );
        assert_eq!(
            p.text(&text).ok(),
            Some(Reply::Answer(
                "Seen in a car twice this week.\nMum wants help.".to_owned()
            ))
        );
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Answer(1)));
        let shown = String::from_utf8(p.output).unwrap_or_default();
        assert!(shown.contains("(2 lines arrived together"), "{shown}");
        // Pasted at a choice, two lines are no number: nothing is recorded, it asks again.
        let mut p = terminal("1\n2\n3\n", &[true, false, false]);
        assert_eq!(p.select(&choice()).ok(), Some(Reply::Answer(2)));
        let shown = String::from_utf8(p.output).unwrap_or_default();
        assert!(shown.contains("Type a number from 1 to 3."), "{shown}");
    }

    #[test]
    fn on_a_terminal_ctrl_d_after_some_typing_stops_and_records_nothing() {
        // Ctrl-D hands over "A. Test" with no line end.
        let mut p = terminal("A. Test", &[]);
        let q = any_text("Your name");
        assert_eq!(p.text(&q).ok(), Some(Reply::Quit));
        // In a replies file the last line needs no line end.
        let mut p = prompter("A. Test");
        assert_eq!(p.text(&q).ok(), Some(Reply::Answer("A. Test".to_owned())));
    }

    #[test]
    fn with_nothing_current_an_empty_line_records_nothing_and_asks_again() {
        let q = Choice {
            start: None,
            ..choice()
        };
        let mut p = terminal("\n\n  \n2\n\n", &[]);
        assert_eq!(p.select(&q).ok(), Some(Reply::Answer(1)));
        // The end of input after an empty line stops; it never picks an answer.
        assert_eq!(p.select(&q).ok(), Some(Reply::Quit));
        let shown = String::from_utf8(p.output).unwrap_or_default();
        assert!(!shown.contains("(current)"), "{shown}");
        assert!(!shown.contains("[Enter"), "{shown}");
        assert_eq!(
            shown
                .matches("  Nothing recorded: type the number of your answer, 1 to 3.\n")
                .count(),
            4,
            "{shown}"
        );
    }

    #[test]
    fn several_choices_take_numbers_zero_for_none_and_enter_keeps() {
        let q = Many {
            prompt: "When?".to_owned(),
            note: None,
            options: vec!["Recent".to_owned(), "Earlier".to_owned()],
            selected: vec![1],
        };
        let mut p = terminal("2, 1 2\n\n0\n3\n1\n", &[]);
        assert_eq!(p.select_many(&q).ok(), Some(Reply::Answer(vec![0, 1])));
        assert_eq!(p.select_many(&q).ok(), Some(Reply::Answer(vec![1])));
        assert_eq!(p.select_many(&q).ok(), Some(Reply::Answer(vec![])));
        assert_eq!(p.select_many(&q).ok(), Some(Reply::Answer(vec![0])));
    }

    #[test]
    fn text_is_checked_and_enter_keeps_what_was_there() {
        fn not_empty(s: &str) -> Result<(), String> {
            if s.trim().is_empty() {
                Err("This is required.".to_owned())
            } else {
                Ok(())
            }
        }
        let q = TextQuestion {
            prompt: "Your name".to_owned(),
            note: None,
            initial: "A. Example".to_owned(),
            check: crate::interview::Check::Text(not_empty),
            default: false,
        };
        let mut p = terminal("\n-\nB. Example\n", &[]);
        assert_eq!(
            p.text(&q).ok(),
            Some(Reply::Answer("A. Example".to_owned()))
        );
        assert_eq!(
            p.text(&q).ok(),
            Some(Reply::Answer("B. Example".to_owned()))
        );
        let shown = String::from_utf8(p.output).unwrap_or_default();
        assert!(
            // On a terminal the reply is not echoed: the terminal shows it.
            shown.contains("[Enter: A. Example; - to clear] (< back):   This is required.\n"),
            "{shown}"
        );
    }
}
