//! The tool's own words: a questionnaire's text checked against the phrase list.
//!
//! Every text a practitioner reads is checked: titles, prompts, help, learning points, level
//! descriptions, rule reasons, routes, reminders and escalation reasons (not the titles of
//! cited sources, which are quoted as published). A phrase may be quoted as wording to avoid:
//! `Avoid saying "putting herself at risk"` (see docs/questionnaire-format.md).

use super::PhraseList;
use super::screening::place;
use crate::diagnostic::{Problem, sorted};
use crate::questionnaire::raw::{RawQuestionnaire, Text};

/// Every phrase to avoid in the text of the questionnaire `text`, as located problems. A file
/// that does not parse gives none here: loading it reports why.
pub fn check(list: &PhraseList, text: &str) -> Vec<Problem> {
    check_tiers(list, text).0
}

/// The wording of the questionnaire `text`: the phrases to avoid (problems), then the phrases
/// to consider (prompts, which do not make the questionnaire invalid), each located.
pub fn check_tiers(list: &PhraseList, text: &str) -> (Vec<Problem>, Vec<Problem>) {
    let text = crate::input::strip_bom(text);
    let Ok(raw) = crate::input::QUESTIONNAIRE.from_yaml::<RawQuestionnaire>(text) else {
        return (Vec::new(), Vec::new());
    };
    let (mut problems, mut prompts) = (Vec::new(), Vec::new());
    for (t, what) in texts(&raw) {
        for f in list.check(&t.value, false) {
            let instead: Vec<String> = f.instead.iter().map(|w| format!("\"{w}\"")).collect();
            let at = place(list, text, t, &f);
            if f.is_blaming() {
                problems.push(
                    Problem::new(
                        at,
                        format!("{what} says \"{}\" (listed phrase `{}`)", f.text, f.id),
                    )
                    .help(format!(
                        "{} Say instead: {}. To quote it as wording to avoid, write it in double quotes after \"avoid saying\"",
                        f.why,
                        instead.join(" or ")
                    )),
                );
            } else {
                prompts.push(
                    Problem::new(
                        at,
                        format!(
                            "{what} says \"{}\" (listed phrase `{}`, to consider: not blaming in itself)",
                            f.text, f.id
                        ),
                    )
                    .help(format!("{} For example: {}.", f.why, instead.join(" or "))),
                );
            }
        }
    }
    (sorted(problems), sorted(prompts))
}

/// Every text of the questionnaire people read, with what it is.
fn texts(raw: &RawQuestionnaire) -> Vec<(&Text, String)> {
    let mut out: Vec<(&Text, String)> = vec![
        (&raw.title, "`title`".to_owned()),
        (&raw.disclaimer, "`disclaimer`".to_owned()),
    ];
    out.extend(
        raw.description
            .iter()
            .map(|t| (t, "`description`".to_owned())),
    );
    for f in &raw.profile {
        let id = &f.id.value;
        out.push((&f.prompt, format!("prompt of profile fact `{id}`")));
        out.extend(
            f.help
                .iter()
                .map(|t| (t, format!("help of profile fact `{id}`"))),
        );
    }
    for w in &raw.windows {
        out.push((&w.label, format!("label of window `{}`", w.id.value)));
    }
    for c in &raw.categories {
        out.push((&c.title, format!("title of category `{}`", c.id.value)));
    }
    for s in &raw.sections {
        let sid = &s.id.value;
        out.push((&s.title, format!("title of section `{sid}`")));
        out.extend(
            s.intro
                .iter()
                .map(|t| (t, format!("intro of section `{sid}`"))),
        );
        for ind in &s.indicators {
            let id = &ind.id.value;
            out.push((&ind.prompt, format!("prompt of indicator `{id}`")));
            out.extend(
                ind.help
                    .iter()
                    .map(|t| (t, format!("help of indicator `{id}`"))),
            );
            for (n, l) in ind.learning.iter().enumerate() {
                out.push((l, format!("learning point {} of indicator `{id}`", n + 1)));
            }
            for f in &ind.follow_up {
                let fid = &f.id.value;
                out.push((&f.prompt, format!("prompt of follow-up `{fid}` of `{id}`")));
                out.extend(
                    f.help
                        .iter()
                        .map(|t| (t, format!("help of follow-up `{fid}` of `{id}`"))),
                );
            }
        }
    }
    for l in &raw.levels {
        let id = &l.id.value;
        out.push((&l.label, format!("label of level `{id}`")));
        out.extend(
            l.description
                .iter()
                .map(|t| (t, format!("description of level `{id}`"))),
        );
    }
    for r in &raw.rules {
        out.push((&r.reason, format!("reason of rule `{}`", r.id.value)));
    }
    for r in &raw.routes {
        let id = &r.id.value;
        out.push((&r.title, format!("title of route `{id}`")));
        out.push((&r.action, format!("action of route `{id}`")));
        out.extend(
            r.contact
                .iter()
                .map(|t| (t, format!("contact of route `{id}`"))),
        );
        out.push((&r.timescale, format!("timescale of route `{id}`")));
    }
    for r in &raw.reminders {
        out.push((&r.text, format!("text of reminder `{}`", r.id.value)));
    }
    if let Some(e) = &raw.escalation {
        out.push((&e.reason, "reason of `escalation`".to_owned()));
        out.extend(
            e.missing
                .iter()
                .map(|m| (&m.reason, "reason of `escalation.missing`".to_owned())),
        );
    }
    out
}
