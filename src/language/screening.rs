//! The wording check on a saved screening: which free-text fields are checked, which findings
//! the practitioner kept, and where each finding is in the file.
//!
//! Checked: every answer's `note`, `judgement.reason`, `decisions.discussed_with` and each
//! `decisions.actions[].action`. A finding is `kept` when its phrase id is in the field's
//! `language_kept` list. [`locate`] re-reads the file with spans to give each finding its
//! line and column; it runs only when there is something to locate.

use std::fmt;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Finding, PhraseList, position_at};
use crate::answers::{OrderedMap, ProfileValue, Screening};
use crate::diagnostic::Position;

/// A free-text field of a saved screening.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// `answers.<indicator>.note`.
    Note(String),
    /// `judgement.reason`.
    JudgementReason,
    /// `decisions.discussed_with`.
    DiscussedWith,
    /// `decisions.actions[n].action` (0-based).
    Action(usize),
}

impl Field {
    /// The field's path in the file, as in `answers.missing.note` or `decisions.actions[0].action`.
    pub fn path(&self) -> String {
        match self {
            Field::Note(id) => format!("answers.{id}.note"),
            Field::JudgementReason => "judgement.reason".to_owned(),
            Field::DiscussedWith => "decisions.discussed_with".to_owned(),
            Field::Action(n) => format!("decisions.actions[{n}].action"),
        }
    }
}

impl fmt::Display for Field {
    /// In words: "the note of `missing`", "action 1".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Note(id) => write!(f, "the note of `{id}`"),
            Field::JudgementReason => f.write_str("the judgement reason"),
            Field::DiscussedWith => f.write_str("who it was discussed with"),
            Field::Action(n) => write!(f, "action {}", n + 1),
        }
    }
}

/// Whether the screening's profile gives an age under 13.
pub fn under_13(s: &Screening) -> bool {
    matches!(s.profile.get("age"), Some(ProfileValue::Number(n)) if *n < 13)
}

/// Every finding in the free text of `s`, field by field in file order, each with its
/// [`Field`], its position within that field's text (`position` is `None` until
/// [`locate`] finds it in the file), and whether it was kept. Under-13s get the legal
/// explanation where a phrase has one.
pub fn check_screening(list: &PhraseList, s: &Screening) -> Vec<Finding> {
    let young = under_13(s);
    let mut out = Vec::new();
    let mut field = |field: Field, text: &str, kept: &[String]| {
        for mut f in list.check(text, young) {
            f.kept = kept.contains(&f.id);
            f.field = Some(field.clone());
            f.position = None;
            out.push(f);
        }
    };
    for (id, e) in s.answers.iter() {
        if let Some(note) = &e.note {
            field(Field::Note(id.clone()), note, &e.language_kept);
        }
    }
    if let Some(j) = &s.judgement {
        field(Field::JudgementReason, &j.reason, &j.language_kept);
    }
    if let Some(d) = &s.decisions {
        if let Some(who) = &d.discussed_with {
            field(Field::DiscussedWith, who, &[]);
        }
        for (n, a) in d.actions.iter().enumerate() {
            field(Field::Action(n), &a.action, &a.language_kept);
        }
    }
    out
}

/// Where each finding of [`check_screening`] is in `text`, the file it was read from (YAML or
/// JSON). A finding is placed on its exact words where they can be found in the written
/// value, else at the start of the value; the result is in file order.
pub fn locate(list: &PhraseList, text: &str, mut findings: Vec<Finding>) -> Vec<Finding> {
    if findings.is_empty() {
        return findings;
    }
    let text = crate::input::strip_bom(text);
    let spans = crate::input::ANSWERS.from_yaml::<Spans>(text).ok();
    for f in &mut findings {
        let value = f
            .field
            .as_ref()
            .and_then(|field| spans.as_ref()?.find(field));
        if let Some(value) = value {
            f.position = place(list, text, value, f);
        }
    }
    findings.sort_by(|a, b| (a.position, &a.id).cmp(&(b.position, &b.id)));
    findings
}

/// The position in `source` of finding `f`, made in the value of the spanned scalar `value`.
///
/// The phrase's pattern is run over the value as written in the file (quotes, escapes, line
/// folding and indentation included); when it finds as many matches there as in the value,
/// the k-th finding is the k-th match. Otherwise the value's start is the best place known.
pub(crate) fn place(
    list: &PhraseList,
    source: &str,
    value: &Spanned<String>,
    f: &Finding,
) -> Option<Position> {
    let start = Position::of(&value.referenced);
    let span = value.referenced.span();
    let raw = span.byte_offset().zip(span.byte_len()).and_then(|(o, l)| {
        let o = usize::try_from(o).ok()?;
        Some((o, source.get(o..o.checked_add(usize::try_from(l).ok()?)?)?))
    });
    let Some((offset, raw)) = raw else {
        return start;
    };
    let in_value = list.matches(&f.id, &value.value);
    let in_raw = list.matches(&f.id, raw);
    match in_value.iter().position(|r| *r == f.span) {
        Some(k) if in_value.len() == in_raw.len() => {
            Some(position_at(source, offset + in_raw[k].start))
        }
        _ => start,
    }
}

type Text = Spanned<String>;

/// The free-text fields of an answers file, with where each value is written.
#[derive(Deserialize)]
struct Spans {
    #[serde(default)]
    answers: Option<OrderedMap<NoteSpan, Text>>,
    #[serde(default)]
    judgement: Option<ReasonSpan>,
    #[serde(default)]
    decisions: Option<DecisionSpans>,
}

#[derive(Deserialize)]
struct NoteSpan {
    #[serde(default)]
    note: Option<Text>,
}

#[derive(Deserialize)]
struct ReasonSpan {
    #[serde(default)]
    reason: Option<Text>,
}

#[derive(Deserialize)]
struct DecisionSpans {
    #[serde(default)]
    discussed_with: Option<Text>,
    #[serde(default)]
    actions: Vec<ActionSpan>,
}

#[derive(Deserialize)]
struct ActionSpan {
    #[serde(default)]
    action: Option<Text>,
}

impl Spans {
    fn find(&self, field: &Field) -> Option<&Text> {
        match field {
            Field::Note(id) => self
                .answers
                .as_ref()?
                .0
                .iter()
                .find(|(k, _)| k.value == *id)?
                .1
                .note
                .as_ref(),
            Field::JudgementReason => self.judgement.as_ref()?.reason.as_ref(),
            Field::DiscussedWith => self.decisions.as_ref()?.discussed_with.as_ref(),
            Field::Action(n) => self.decisions.as_ref()?.actions.get(*n)?.action.as_ref(),
        }
    }
}
