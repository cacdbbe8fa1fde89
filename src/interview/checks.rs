//! The checks on typed text: the [`Check`](super::Check)s of each field (not empty, ages,
//! counts, case references that must not be names, nothing invisible in references and names) and the wording check of free text,
//! with its question to rephrase or keep.

use std::io;

use super::driver::Interview;
use super::{Choice, Prompter, Reply, TextQuestion};
use crate::language;

/// Required text: something that shows, not only spaces or invisible characters.
pub(super) fn nonempty(s: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        Err("Please type an answer.".to_owned())
    } else if crate::reference::shows_nothing(s) {
        Err("Please type an answer: this shows nothing (only invisible characters).".to_owned())
    } else {
        Ok(())
    }
}

pub(super) fn anything(_: &str) -> Result<(), String> {
    Ok(())
}

/// A name (the practitioner's, the agency's): not empty, and nothing invisible in it.
pub(super) fn name(s: &str) -> Result<(), String> {
    nonempty(s)?;
    crate::reference::refuse_unwanted("The name", s)
}

/// Who an action is owned by: as [`name`].
pub(super) fn owner(s: &str) -> Result<(), String> {
    nonempty(s)?;
    crate::reference::refuse_unwanted("The owner", s)
}

pub(super) fn age(s: &str) -> Result<(), String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(());
    }
    match s.parse::<u32>() {
        Ok(n) if n <= 25 => Ok(()),
        _ => {
            Err("Type the age in whole years (0 to 25), or leave it empty if not known.".to_owned())
        }
    }
}

pub(super) fn case_reference(s: &str) -> Result<(), String> {
    nonempty(s)?;
    crate::reference::refuse_unwanted("The case reference", s)?;
    crate::reference::refuse_look_alike("The case reference", s)?;
    if s.trim().contains(char::is_whitespace)
        && s.trim().chars().filter(|c| c.is_alphabetic()).count() > 3
        && !s.chars().any(|c| c.is_ascii_digit())
    {
        return Err("This looks like a name. Use the case reference from your records, never the child's name.".to_owned());
    }
    Ok(())
}

/// Whether keeping a wording is recorded in the file (`language_kept`): for notes, the
/// judgement reason and actions it is; `decisions.discussed_with` has no place for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kept {
    Recorded,
    NotRecorded,
}

impl<'a> Interview<'a> {
    /// Asks `q` for free text, then checks its wording. Each finding is shown with why it
    /// harms and what to say instead, and the practitioner chooses to rephrase (back to the
    /// text as typed) or keep it; kept phrase ids come back with the text, trimmed (the text
    /// saved earlier, `earlier`, given back unchanged is kept as it is, untrimmed). Text saved
    /// earlier with its phrases kept is taken again without asking. Phrases to
    /// consider are shown with their advice but ask nothing: with no wording to avoid, the
    /// text is taken as typed, and they are never recorded as kept.
    pub(super) fn ask_wording(
        &self,
        p: &mut dyn Prompter,
        mut q: TextQuestion,
        earlier: Option<(&str, &[String])>,
        kept: Kept,
    ) -> io::Result<Reply<(String, Vec<String>)>> {
        loop {
            let text = match p.text(&q)? {
                // The saved text kept: byte for byte, a final line break or lead spaces too.
                Reply::Answer(text) if earlier.is_some_and(|(before, _)| before == text) => text,
                Reply::Answer(text) => text.trim().to_owned(),
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            };
            let young = language::screening::under_13(&self.screening);
            let findings = self
                .phrases
                .map(|list| list.check(&text, young))
                .unwrap_or_default();
            let mut ids: Vec<String> = findings
                .iter()
                .filter(|f| f.is_blaming())
                .map(|f| f.id.clone())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let unchanged = earlier.is_some_and(|(before, _)| before == text);
            let seen = earlier.is_some_and(|(before, kept)| {
                before == text && ids.iter().all(|id| kept.contains(id))
            });
            if ids.is_empty() || seen {
                if !findings.is_empty() && !unchanged {
                    p.say(&crate::report::language::advice(&findings))?;
                }
                // The same text keeps the record of wording kept in it, whatever this list
                // finds (a list given with --phrases may not have the phrase).
                if let Some((_, kept)) = earlier.filter(|_| unchanged) {
                    ids.extend(kept.iter().cloned());
                    ids.sort_unstable();
                    ids.dedup();
                }
                return Ok(Reply::Answer((text, ids)));
            }
            p.say(&crate::report::language::advice(&findings))?;
            let choice = Choice {
                prompt: "Rephrase it, or keep it as written?".to_owned(),
                note: Some(
                    match kept {
                        Kept::Recorded => "Wording that blames the child can cost them protection. If you keep it, that is recorded with the screening.",
                        Kept::NotRecorded => "Wording that blames the child can cost them protection. If you keep it, it is shown again each time the screening is scored or resumed.",
                    }
                    .to_owned(),
                ),
                options: vec![
                    "Rephrase it".to_owned(),
                    "Keep it as written".to_owned(),
                ],
                start: Some(0),
            };
            match p.select(&choice)? {
                Reply::Answer(1) => return Ok(Reply::Answer((text, ids))),
                Reply::Answer(_) | Reply::Back => q.initial = text,
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }
}
