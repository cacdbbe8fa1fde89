//! `cse-screen explain`: the trainer's account of one saved screening, and what-ifs.

use std::io::Write;

use crate::answers::{AnswerEntry, ProfileValue, Screening, check};
use crate::cli::{ExplainArgs, Globals};
use crate::diagnostic::did_you_mean;
use crate::engine::{Answer, assess};
use crate::error::Error;
use crate::exit::Exit;
use crate::language::Phrases;
use crate::questionnaire::{FactKind, Questionnaire};
use crate::report::{self, explain};
use crate::screening::Options;

pub fn run(
    args: ExplainArgs,
    globals: &Globals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let catalogue = super::catalogue(args.questionnaire.as_deref())?;
    // The wording check, as `score` and `report` make it (docs/language.md).
    let phrases = super::phrase_list(globals.phrases.as_deref())?;
    let loaded = super::load_one(
        &args.file,
        &catalogue,
        Options {
            language: Some(Phrases::List(&phrases)),
            today: Some(super::today()),
            ..Options::default()
        },
        err,
    )?;
    let q = loaded.questionnaire;
    let before = &loaded.assessment;
    let width = report::terminal_width();

    if args.set.is_empty() {
        out.write_all(explain::render(&loaded, width).as_bytes())?;
        return Ok(Exit::Ok);
    }

    let mut changed = loaded.screening.clone();
    let mut shown = Vec::new();
    // Each id once: with two values, which one the result shows would be a guess.
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for set in &args.set {
        if let Some(id) = set.split_once('=').map(|(id, _)| id.trim()) {
            if let Some((_, first)) = ids.iter().find(|(seen, _)| *seen == id) {
                return Err(Error::usage(
                    format!("--set {set}: `{id}` is already set by --set {first}"),
                    &["set each indicator or profile fact once"],
                ));
            }
            ids.push((id, set));
        }
        match apply(&mut changed, q, set) {
            Ok(description) => shown.push(description),
            Err((message, help)) => {
                return Err(Error::usage(format!("--set {set}: {message}"), &[&help]));
            }
        }
    }
    let responses = check::check(&changed, q)
        .map_err(|problems| {
            let each = problems
                .iter()
                .map(|p| Error::usage(format!("--set: {}", p.problem.message), &[]));
            Error::Many(each.collect())
        })?
        .responses;
    let after = assess(q, &responses);
    out.write_all(explain::what_if(&shown, before, &after, width).as_bytes())?;
    Ok(Exit::Ok)
}

/// Applies one `ID=VALUE` to the screening; returns it as shown, or the problem and help.
fn apply(s: &mut Screening, q: &Questionnaire, set: &str) -> Result<String, (String, String)> {
    let Some((id, value)) = set.split_once('=') else {
        return Err((
            "expected ID=VALUE".to_owned(),
            "for example --set unexplained_money_or_items=yes or --set age=12".to_owned(),
        ));
    };
    let (id, value) = (id.trim(), value.trim());
    if q.indicator(id).is_some() {
        let Ok(a) = value.parse::<Answer>() else {
            return Err((
                format!("`{value}` is not an answer"),
                "an indicator takes yes, no or not_known".to_owned(),
            ));
        };
        let entry = match s.answers.get(id) {
            Some(e) => AnswerEntry {
                answer: a,
                ..e.clone()
            },
            None => AnswerEntry::new(a),
        };
        s.answers.set(id, entry);
        return Ok(format!("{id} = {value}"));
    }
    if let Some(f) = q.fact(id) {
        let kind = q.profile[f].kind;
        let Some(v) = ProfileValue::for_kind(kind, value) else {
            return Err(match kind {
                FactKind::Age => (
                    format!("`{value}` is not an age"),
                    format!("{id} takes an age in whole years, or not_known"),
                ),
                FactKind::YesNo => (
                    format!("`{value}` is not yes, no or not_known"),
                    format!("{id} takes yes, no or not_known"),
                ),
            });
        };
        s.profile.set(id, v);
        return Ok(format!("{id} = {value}"));
    }
    let ids = q
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .chain(q.profile.iter().map(|f| f.id.as_str()));
    let help = match did_you_mean(id, ids) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("see the ids with `cse-screen show {}`", q.id),
    };
    Err((
        format!(
            "`{id}` is neither an indicator nor a profile fact of `{}`",
            q.id
        ),
        help,
    ))
}
