//! The checks on typed text: the [`Check`](super::Check)s of each field (not empty, ages,
//! counts, case references that must not be names, nothing invisible in references and names) and the wording check of free text,
//! with its question to rephrase or keep.

use std::io;

use super::driver::Interview;
use super::{Choice, Prompter, Reply, TextQuestion};
use crate::language;

/// The most characters a note, reason or action takes: about three pages. The whole record
/// must stay under the 1 MiB an answers file may be, or it could not be read back (found in
/// review: a pasted 1.2 MB note was saved, then `--resume` and `score` refused the file).
pub(crate) const TEXT_MAX: usize = 10_000;

/// The most characters a case reference, a name or an owner takes.
pub(crate) const NAME_MAX: usize = 1_000;

/// `Err` when `s` has more than `max` characters, saying how many it has.
fn at_most(s: &str, max: usize, what: &str) -> Result<(), String> {
    let n = s.chars().count();
    let thousands = |n: usize| crate::input::thousands(u64::try_from(n).unwrap_or(u64::MAX));
    if n > max {
        Err(format!(
            "This is {} characters; {what} takes at most {}. Shorten it{}.",
            thousands(n),
            thousands(max),
            if max == TEXT_MAX {
                " (keep the full detail in the case file)"
            } else {
                ""
            }
        ))
    } else {
        Ok(())
    }
}

/// Required text: something that shows, not only spaces or invisible characters.
pub(super) fn nonempty(s: &str) -> Result<(), String> {
    at_most(s, TEXT_MAX, "an answer here")?;
    if s.trim().is_empty() {
        Err("Please type an answer.".to_owned())
    } else if crate::reference::shows_nothing(s) {
        Err("Please type an answer: this shows nothing (only invisible characters).".to_owned())
    } else {
        Ok(())
    }
}

/// Optional text (a note, who it was discussed with): anything up to [`TEXT_MAX`].
pub(super) fn anything(s: &str) -> Result<(), String> {
    at_most(s, TEXT_MAX, "a note")
}

/// A name (the practitioner's, the agency's): not empty, and nothing invisible in it.
pub(super) fn name(s: &str) -> Result<(), String> {
    at_most(s, NAME_MAX, "a name")?;
    nonempty(s)?;
    crate::reference::refuse_unwanted("The name", s)
}

/// Who an action is owned by: as [`name`].
pub(super) fn owner(s: &str) -> Result<(), String> {
    at_most(s, NAME_MAX, "an owner")?;
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
    at_most(s, NAME_MAX, "a case reference")?;
    nonempty(s)?;
    crate::reference::refuse_unwanted("The case reference", s)?;
    crate::reference::refuse_look_alike("The case reference", s)?;
    if crate::reference::looks_like_a_name(s) {
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
            // A file of replies cannot foresee this question: its next line is the next
            // question's, and as "1" (rephrase) or "2" (keep) it would be taken here.
            let cause = "the wording check found wording that can blame the child in the text \
                         just given (shown above)";
            match p.select_by_words(&choice, Some(cause))? {
                Reply::Answer(1) => return Ok(Reply::Answer((text, ids))),
                Reply::Answer(_) | Reply::Back => q.initial = text,
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text is limited so a record stays readable (found in review: a pasted 1.2 MB note was
    /// saved and the file could not be read back; a 50 MB name made the next save look like
    /// another program's).
    #[test]
    fn notes_and_names_longer_than_their_limit_are_refused_with_their_length() {
        assert_eq!(anything(&"a".repeat(TEXT_MAX)), Ok(()));
        assert_eq!(nonempty(&"a".repeat(TEXT_MAX)), Ok(()));
        assert_eq!(
            anything(&"é".repeat(12_345)),
            Err(
                "This is 12,345 characters; a note takes at most 10,000. Shorten it (keep the \
                 full detail in the case file)."
                    .to_owned()
            )
        );
        assert!(nonempty(&"a".repeat(TEXT_MAX + 1)).is_err());
        assert_eq!(name(&"a".repeat(NAME_MAX)), Ok(()));
        for check in [name, owner, case_reference] {
            assert_eq!(
                check(&"A".repeat(NAME_MAX + 1))
                    .err()
                    .as_deref()
                    .map(|e| e.starts_with("This is 1,001 characters; a")),
                Some(true)
            );
        }
    }
}
