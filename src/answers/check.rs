//! Checks a saved screening against a questionnaire: every id, window, value and fact.
//!
//! Reports every problem at once, each tagged with the [`Locus`] it concerns so the parser
//! can add the line and column ([`super::parse::locate`]). Problems stop scoring; warnings
//! (a different questionnaire version, a "complete" file with gaps) do not, unless strict.

use super::{ProfileValue, Screening, Status};
use crate::diagnostic::{Problem, did_you_mean};
use crate::engine::{Answer, FactValue, Judgement, Response, Responses};
use crate::questionnaire::{FactKind, Questionnaire, Scoring, YesNo};

/// Where in an answers file a problem is: the parser turns this into a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locus {
    /// No better place than the file itself.
    File,
    /// `questionnaire:` (the id, version and sha256 the screening was made with).
    Stamp,
    /// `screening.date`.
    Date,
    /// `screening.case_reference`.
    CaseReference,
    /// `screening.practitioner`.
    Practitioner,
    /// `screening.agency`.
    Agency,
    /// `decisions.actions[n].due`.
    ActionDue(usize),
    /// `decisions.actions[n].action`.
    Action(usize),
    /// `decisions.actions[n].owner`.
    ActionOwner(usize),
    /// `decisions.discussed_with`.
    DiscussedWith,
    /// The `profile:` mapping as a whole (a fact is missing from it).
    Profile,
    /// The key of `profile.<id>`.
    ProfileKey(String),
    /// The value of `profile.<id>`.
    ProfileValue(String),
    /// The key of `answers.<id>`.
    AnswerKey(String),
    /// Item `n` of `answers.<id>.windows`.
    AnswerWindow(String, usize),
    /// `answers.<id>.rating`.
    AnswerRating(String),
    /// The key of `answers.<id>.follow_up.<follow-up>`.
    FollowUpKey(String, String),
    /// The value of `answers.<id>.follow_up.<follow-up>`.
    FollowUpValue(String, String),
    /// `judgement.raise_to`.
    JudgementLevel,
    /// `judgement.reason`.
    JudgementReason,
}

/// A problem and the place it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub locus: Locus,
    pub problem: Problem,
}

/// Answers that passed the check, ready for the engine, and what the reader should know.
#[derive(Debug, Clone)]
pub struct Checked {
    pub responses: Responses,
    /// Things that do not stop scoring but must be seen (located like problems).
    pub warnings: Vec<Located>,
}

fn at(locus: Locus, problem: Problem) -> Located {
    Located { locus, problem }
}

impl Screening {
    /// Checks the answers against `q` and aligns them with its indicators, dropping places.
    /// For messages with line and column, use [`check`] and [`super::parse::locate`].
    pub fn responses(&self, q: &Questionnaire) -> Result<Responses, Vec<Problem>> {
        check(self, q)
            .map(|c| c.responses)
            .map_err(|ps| ps.into_iter().map(|p| p.problem).collect())
    }
}

/// Checks `s` against `q`: every problem, or the responses and any warnings.
pub fn check(s: &Screening, q: &Questionnaire) -> Result<Checked, Vec<Located>> {
    check_with(s, q, None)
}

/// Indicators of the questionnaire scored with that the earlier version a screening was made
/// with did not have: never asked, so not the practitioner's gaps (decision 40).
#[derive(Debug, Clone, Copy)]
pub struct Added<'a> {
    /// The earlier version the screening was made with.
    pub made_with: &'a str,
    /// Indices into the questionnaire's indicators.
    pub indicators: &'a [usize],
}

/// [`check`], where `added` (if any) are the indicators added after the screening was made:
/// left unanswered, they are warned of as not asked, apart from the gaps of a screening
/// marked complete. Scoring is the same either way: they are scored as not known.
pub fn check_with(
    s: &Screening,
    q: &Questionnaire,
    added: Option<Added<'_>>,
) -> Result<Checked, Vec<Located>> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut out = Responses::empty(q);

    stamp(s, q, &mut problems, &mut warnings);
    match super::parse_date(&s.screening.date) {
        None => problems.push(at(
            Locus::Date,
            Problem::new(
                None,
                format!("`screening.date` is `{}`, not a date", s.screening.date),
            )
            .help("write the date as YYYY-MM-DD, for example 2026-11-24"),
        )),
        Some(d) if d < super::EARLIEST_DATE => problems.push(at(
            Locus::Date,
            Problem::new(
                None,
                format!(
                    "`screening.date` is {d}, before {}, the earliest date a screening can have",
                    super::EARLIEST_DATE
                ),
            )
            .help("check the year and write the date the child was screened, as YYYY-MM-DD"),
        )),
        Some(d) => dues(s, d, &mut warnings),
    }
    details(s, &mut warnings);
    decisions_shown(s, &mut warnings);
    answers(s, q, &mut out, &mut problems);
    details_without_a_yes(s, &mut warnings);
    profile(s, q, &mut out, &mut problems);
    age_in_range(q, &out, &mut warnings);
    judgement(s, q, &mut out, &mut problems);

    let added_ids = added.map_or(&[][..], |a| a.indicators);
    let not_asked = added_ids
        .iter()
        .filter(|&&i| out.indicators.get(i).is_some_and(|r| r.answer.is_none()))
        .count();
    if let Some(a) = added.filter(|_| not_asked > 0) {
        warnings.push(at(
            Locus::Stamp,
            Problem::new(
                None,
                format!(
                    "{not_asked} of {} indicators of {} {} {} added after {}, the version this screening was made with: {} not asked, and {} scored as not known",
                    q.indicators.len(),
                    q.id,
                    q.version,
                    if not_asked == 1 { "was" } else { "were" },
                    a.made_with,
                    if not_asked == 1 { "it was" } else { "they were" },
                    if not_asked == 1 { "is" } else { "are" },
                ),
            )
            .help("ask them at the next screening: they were added after this one was made"),
        ));
    }
    if s.screening.status == Status::Complete {
        let unanswered = out
            .indicators
            .iter()
            .enumerate()
            .filter(|(i, r)| r.answer.is_none() && !added_ids.contains(i))
            .count();
        if unanswered > 0 {
            warnings.push(at(
                Locus::File,
                Problem::new(
                    None,
                    format!(
                        "the screening is marked complete but {unanswered} of {} indicators have no answer; they are scored as not known",
                        q.indicators.len()
                    ),
                )
                .help("answer them (yes, no or not_known), or mark the screening `status: in_progress`"),
            ));
        }
    }

    if problems.is_empty() {
        Ok(Checked {
            responses: out,
            warnings,
        })
    } else {
        Err(problems)
    }
}

/// A warning when the child's age is outside the ages the questionnaire is written for: the
/// indicators and rules may not fit the child (`screen` asks for a confirmation first).
fn age_in_range(q: &Questionnaire, out: &Responses, warnings: &mut Vec<Located>) {
    let Some(i) = q.profile.iter().position(|f| f.kind == FactKind::Age) else {
        return;
    };
    let Some(FactValue::Age(age)) = out.profile.get(i) else {
        return;
    };
    if (q.ages.min..=q.ages.max).contains(age) {
        return;
    }
    // Format 2: the author says where to turn instead.
    let referral = if *age < q.ages.min {
        q.eligibility.younger.as_ref()
    } else {
        q.eligibility.older.as_ref()
    };
    let help = match referral {
        None => "check the age; if it is right, its indicators and rules may not fit this child: rely on professional judgement, and on your area's tool for that age".to_owned(),
        Some(r) => match &r.tool {
            Some(tool) => format!("check the age; if it is right: {} (questionnaire `{tool}`)", r.message),
            None => format!("check the age; if it is right: {}", r.message),
        },
    };
    warnings.push(at(
        Locus::ProfileValue(q.profile[i].id.clone()),
        Problem::new(
            None,
            format!(
                "the child's age, {age}, is outside the ages questionnaire `{}` is written for ({} to {})",
                q.id, q.ages.min, q.ages.max
            ),
        )
        .help(help),
    ));
}

/// A warning when the screening is dated after `today`: the date is wrong, or the clock is.
/// Not part of [`check`], which has no clock; the loader adds it ([`crate::screening`]).
pub fn future(s: &Screening, today: jiff::civil::Date) -> Option<Located> {
    let d = super::parse_date(&s.screening.date).filter(|d| *d > today)?;
    Some(at(
        Locus::Date,
        Problem::new(
            None,
            format!("`screening.date` is {d}, a date that has not come yet"),
        )
        .help(
            "check the date and correct it in the file: a review date, a history and the order of screenings all follow from it",
        ),
    ))
}

/// Warnings for the case reference and names that hold control or invisible characters:
/// read without them ([`crate::reference::normalise`]), so the screening still counts.
fn details(s: &Screening, warnings: &mut Vec<Located>) {
    let d = &s.screening;
    for (locus, field, text, compared) in [
        (
            Locus::CaseReference,
            "case_reference",
            &d.case_reference,
            true,
        ),
        (Locus::Practitioner, "practitioner", &d.practitioner, false),
        (Locus::Agency, "agency", &d.agency, false),
    ] {
        // Found in review: a child's name as the case reference, refused by `screen`, was
        // read from a file without a word and became the record's title and the case's
        // name in history and caseload.
        if compared && crate::reference::looks_like_a_name(text) {
            warnings.push(at(
                locus.clone(),
                Problem::new(
                    None,
                    "`screening.case_reference` looks like a name; use the case reference from your records, never the child's name".to_owned(),
                )
                .help("replace it in the file, or run `cse-screen screen --resume FILE`, which asks for it: whatever is here titles the record and names the case in history and caseload"),
            ));
        }
        // Found in review: an empty practitioner or agency passed without a word, and the
        // record a court reads did not say who screened or whose record it is. An empty case
        // reference is refused where it is read.
        if !compared && crate::reference::shows_nothing(text) {
            warnings.push(at(
                locus.clone(),
                Problem::new(
                    None,
                    format!("`screening.{field}` is empty: the record will not say who is accountable for this screening"),
                )
                .help(if field == "practitioner" {
                    "write the name of the practitioner who made the screening (`cse-screen screen --resume FILE` asks for it)"
                } else {
                    "write the agency the practitioner works for, whose records policy the record falls under (`cse-screen screen --resume FILE` asks for it)"
                }),
            ));
            continue;
        }
        if let Some(u) = crate::reference::Unwanted::find(text) {
            let read_as = if compared {
                format!(
                    "; the case is matched without it, as `{}`",
                    crate::reference::matched_as(text)
                )
            } else {
                String::new()
            };
            warnings.push(at(
                locus.clone(),
                Problem::new(None, format!("`screening.{field}` holds {}{read_as}", u.described()))
                    .help("retype the text in the file without it: it cannot be seen, or it changes how the text is shown"),
            ));
        }
        // A name may be written in any script; a reference is matched across them.
        let look_alike = compared
            .then(|| crate::reference::LookAlike::find(text))
            .flatten();
        if let Some(l) = look_alike {
            warnings.push(at(
                locus,
                Problem::new(
                    None,
                    format!(
                        "`screening.{field}` holds {}; the case is matched as `{}`",
                        l.described(),
                        crate::reference::matched_as(text)
                    ),
                )
                .help("retype the reference in the file with the keyboard set to English (UK): searching the child's other records for it as typed would not find them"),
            ));
        }
    }
}

/// Warnings for decisions that show nothing a reader can see.
fn decisions_shown(s: &Screening, warnings: &mut Vec<Located>) {
    let Some(decisions) = &s.decisions else {
        return;
    };
    // Found in review: an action of a zero-width space, an owner of three spaces and a
    // "discussed with" of a Braille blank were accepted without a word, and the record read
    // "1 action agreed" with nothing a reader could see. Said, not refused: the file holds
    // what it holds, and the record shows it escaped.
    let nothing = |what: String| {
        Problem::new(None, format!("{what} shows nothing a reader can see"))
            .help("write it in words, or leave it out if nothing was agreed (only spaces or invisible characters are written here)")
    };
    if let Some(d) = &decisions.discussed_with
        && !d.trim().is_empty()
        && crate::reference::shows_nothing(d)
    {
        warnings.push(at(
            Locus::DiscussedWith,
            nothing("`decisions.discussed_with`".to_owned()),
        ));
    }
    for (n, a) in decisions.actions.iter().enumerate() {
        if crate::reference::shows_nothing(&a.action) {
            warnings.push(at(Locus::Action(n), nothing(format!("action {}", n + 1))));
        }
        if crate::reference::shows_nothing(&a.owner) {
            warnings.push(at(
                Locus::ActionOwner(n),
                nothing(format!("the owner of action {}", n + 1)),
            ));
        }
    }
}

/// Warnings for action due dates that are dates but cannot be right: before the screening
/// (`date`), or more than a year after it. Text that is not a date is left alone.
fn dues(s: &Screening, date: jiff::civil::Date, warnings: &mut Vec<Located>) {
    let Some(decisions) = &s.decisions else {
        return;
    };
    let latest = super::latest_due(date);
    for (n, a) in decisions.actions.iter().enumerate() {
        let Some(due) = super::parse_date(a.due.trim()) else {
            continue;
        };
        let why = if due < date {
            format!("before the screening ({date})")
        } else if due > latest {
            format!("more than a year after the screening ({date})")
        } else {
            continue;
        };
        warnings.push(at(
            Locus::ActionDue(n),
            Problem::new(None, format!("action {} is due on {due}, {why}", n + 1))
                .help("check the year of the due date"),
        ));
    }
}

/// The questionnaire named in the file against the one loaded.
fn stamp(
    s: &Screening,
    q: &Questionnaire,
    problems: &mut Vec<Located>,
    warnings: &mut Vec<Located>,
) {
    let st = &s.questionnaire;
    if st.id != q.id {
        problems.push(at(
            Locus::Stamp,
            Problem::new(
                None,
                format!(
                    "this screening was made with questionnaire `{}`, but the questionnaire loaded is `{}`",
                    st.id, q.id
                ),
            )
            .help(format!(
                "score it with the questionnaire it was made with (`--questionnaire {}` or its file)",
                st.id
            )),
        ));
    } else if let Some(e) = (st.sha256 != q.sha256)
        .then(|| crate::questionnaire::earlier(&st.id, &st.sha256))
        .flatten()
    {
        // An earlier version this tool keeps: what changed is known, and it can be used.
        warnings.push(at(
            Locus::Stamp,
            Problem::new(
                None,
                format!(
                    "this screening was made with {} {}, an earlier version kept in this tool, but it is scored with the questionnaire loaded, {} {}, whose questions, weights and rules may differ",
                    e.id, e.version, q.id, q.version
                ),
            )
            .help(format!(
                "to score it as it was made: --questionnaire {}@{}; to bring it to {}, answering what is new: cse-screen screen --resume FILE; --strict makes this an error",
                e.id, e.version, q.version
            )),
        ));
    } else if st.version != q.version || st.sha256 != q.sha256 {
        warnings.push(at(
            Locus::Stamp,
            Problem::new(
                None,
                format!(
                    "this screening was made with {} {} (sha256 {}), but the questionnaire loaded is {} {} (sha256 {}); what changed is unknown, so the answers may be scored against questions, weights and rules they were not given to",
                    st.id,
                    st.version,
                    short(&st.sha256),
                    q.id,
                    q.version,
                    short(&q.sha256)
                ),
            )
            .help(
                "to score it as it was made, pass that questionnaire file with --questionnaire PATH; to score it with the current one, check every answer with the child's worker first; --strict makes this an error",
            ),
        ));
    }
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

fn answers(s: &Screening, q: &Questionnaire, out: &mut Responses, problems: &mut Vec<Located>) {
    let indicator_ids = || q.indicators.iter().map(|i| i.id.as_str());
    let mut next = 0;
    for (id, entry) in s.answers.iter() {
        let Some(i) = q.indicator_near(id, next) else {
            let help = match did_you_mean(id, indicator_ids()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "questionnaire `{}` has no such indicator; remove the answer or check the questionnaire (`cse-screen show {}`)",
                    q.id, q.id
                ),
            };
            problems.push(at(
                Locus::AnswerKey(id.clone()),
                Problem::new(None, format!("unknown indicator `{id}`")).help(help),
            ));
            continue;
        };
        next = i + 1;
        let ind = &q.indicators[i];
        let mut windows = Vec::new();
        for (n, w) in entry.windows.iter().enumerate() {
            match q.window(w) {
                Some(wi) if ind.scoring.has_window(wi) => windows.push(wi),
                _ => {
                    let allowed: Vec<&str> = (0..q.windows.len())
                        .filter(|&wi| ind.scoring.has_window(wi))
                        .map(|wi| q.windows[wi].id.as_str())
                        .collect();
                    let help = if allowed.is_empty() {
                        "this indicator is not asked with time windows; remove `windows`".to_owned()
                    } else {
                        format!("use one of: {}", allowed.join(", "))
                    };
                    problems.push(at(
                        Locus::AnswerWindow(id.clone(), n),
                        Problem::new(None, format!("indicator `{id}` has no window `{w}`"))
                            .help(help),
                    ));
                }
            }
        }
        windows.sort_unstable();
        windows.dedup();
        let option = rating(q, i, entry, problems);
        let mut follow_ups = vec![None; ind.follow_ups.len()];
        for (fid, value) in &entry.follow_up {
            match ind.follow_ups.iter().position(|f| &f.id == fid) {
                Some(f) => match ind.follow_ups[f].max {
                    Some(max) if *value > max => problems.push(at(
                        Locus::FollowUpValue(id.clone(), fid.clone()),
                        Problem::new(
                            None,
                            format!(
                                "follow-up `{fid}` of indicator `{id}` is {value}, more than its maximum"
                            ),
                        )
                        .help(format!("use a number from 0 to {max}")),
                    )),
                    _ => follow_ups[f] = Some(*value),
                },
                None => {
                    let known: Vec<&str> =
                        ind.follow_ups.iter().map(|f| f.id.as_str()).collect();
                    let help = match did_you_mean(fid, known.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None if known.is_empty() => {
                            "this indicator has no follow-up questions; remove `follow_up`"
                                .to_owned()
                        }
                        None => format!("its follow-ups are: {}", known.join(", ")),
                    };
                    problems.push(at(
                        Locus::FollowUpKey(id.clone(), fid.clone()),
                        Problem::new(None, format!("indicator `{id}` has no follow-up `{fid}`"))
                            .help(help),
                    ));
                }
            }
        }
        out.indicators[i] = Response {
            answer: Some(entry.answer),
            windows,
            follow_ups,
            option,
        };
    }
}

/// Warnings for time windows or follow-up counts given with an answer that is not a yes:
/// they are not counted, and the file reads as if they were (a count of nine missing episodes
/// on a `not_known` answer). `screen` never writes them: changing a yes removes them.
/// An unknown indicator is already a problem, so no questionnaire lookup is needed here.
fn details_without_a_yes(s: &Screening, warnings: &mut Vec<Located>) {
    for (id, entry) in s.answers.iter() {
        if entry.answer == crate::engine::Answer::Yes {
            continue;
        }
        let answer = entry.answer.as_str();
        if !entry.windows.is_empty() {
            warnings.push(at(
                Locus::AnswerWindow(id.clone(), 0),
                Problem::new(
                    None,
                    format!(
                        "indicator `{id}` has time windows, but its answer is `{answer}`: they are not counted"
                    ),
                )
                .help("if it happened in that time, the answer is yes; if not, write what is known in the note before you remove `windows`, so nothing recorded is lost"),
            ));
        }
        if let Some((fid, value)) = entry.follow_up.iter().next() {
            warnings.push(at(
                Locus::FollowUpKey(id.clone(), fid.clone()),
                Problem::new(
                    None,
                    format!(
                        "follow-up `{fid}` of indicator `{id}` is {value}, but the answer is `{answer}`: it is not counted"
                    ),
                )
                .help("a follow-up counts only with a yes: if it is known, the answer is yes; if not, write what is known in the note before you remove `follow_up`, so nothing recorded is lost"),
            ));
        }
    }
}

/// The option a scale answer is rated with: only with `answer: yes`, only on a scale, and
/// above the lowest option (which is what `no` means).
fn rating(
    q: &Questionnaire,
    i: usize,
    entry: &super::AnswerEntry,
    problems: &mut Vec<Located>,
) -> Option<usize> {
    let ind = &q.indicators[i];
    let id = &ind.id;
    let rating = entry.rating.as_ref()?;
    let locus = Locus::AnswerRating(id.clone());
    let scale = match ind.scoring {
        Scoring::Scale { scale, .. } => q.scales.get(scale)?,
        _ => {
            problems.push(at(
                locus,
                Problem::new(None, format!("indicator `{id}` is not rated on a scale"))
                    .help("remove `rating`: this indicator is answered yes, no or not_known"),
            ));
            return None;
        }
    };
    let higher: Vec<&str> = scale
        .options
        .iter()
        .skip(1)
        .map(|o| o.id.as_str())
        .collect();
    match scale.option(rating) {
        Some(o) if o > 0 && entry.answer == Answer::Yes => Some(o),
        Some(0) => {
            problems.push(at(
                locus,
                Problem::new(
                    None,
                    format!(
                        "rating `{rating}` is the lowest option of scale `{}`",
                        scale.id
                    ),
                )
                .help("write `answer: no` without a rating for the lowest option"),
            ));
            None
        }
        Some(_) => {
            problems.push(at(
                locus,
                Problem::new(
                    None,
                    format!(
                        "indicator `{id}` is answered {} but rated `{rating}`",
                        entry.answer.as_str()
                    ),
                )
                .help("a rating goes with `answer: yes`; remove `rating`, or answer yes"),
            ));
            None
        }
        None => {
            problems.push(at(
                locus,
                Problem::new(
                    None,
                    format!("scale `{}` has no option `{rating}`", scale.id),
                )
                .help(format!("use one of: {}", higher.join(", "))),
            ));
            None
        }
    }
}

fn profile(s: &Screening, q: &Questionnaire, out: &mut Responses, problems: &mut Vec<Located>) {
    for (id, value) in s.profile.iter() {
        let Some(f) = q.fact(id) else {
            let help = match did_you_mean(id, q.profile.iter().map(|f| f.id.as_str())) {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    let ids: Vec<&str> = q.profile.iter().map(|f| f.id.as_str()).collect();
                    format!("the profile facts of `{}` are: {}", q.id, ids.join(", "))
                }
            };
            problems.push(at(
                Locus::ProfileKey(id.clone()),
                Problem::new(None, format!("unknown profile fact `{id}`")).help(help),
            ));
            continue;
        };
        let max_age = crate::questionnaire::raw::MAX_AGE;
        out.profile[f] = match (q.profile[f].kind, value) {
            (_, ProfileValue::Answer(Answer::NotKnown)) => FactValue::NotKnown,
            (FactKind::Age, ProfileValue::Number(n)) if i64::from(*n) <= max_age => {
                FactValue::Age(*n)
            }
            (FactKind::YesNo, ProfileValue::Answer(Answer::Yes)) => FactValue::YesNo(YesNo::Yes),
            (FactKind::YesNo, ProfileValue::Answer(Answer::No)) => FactValue::YesNo(YesNo::No),
            (FactKind::Age, _) => {
                problems.push(at(
                    Locus::ProfileValue(id.clone()),
                    Problem::new(
                        None,
                        format!("profile fact `{id}` must be an age in whole years (0 to {max_age}) or not_known"),
                    )
                    .help(format!("for example `{id}: 14`, or `{id}: not_known` if it is not known")),
                ));
                continue;
            }
            (FactKind::YesNo, _) => {
                problems.push(at(
                    Locus::ProfileValue(id.clone()),
                    Problem::new(
                        None,
                        format!("profile fact `{id}` must be yes, no or not_known"),
                    )
                    .help(format!(
                        "for example `{id}: no`, or `{id}: not_known` if it is not known"
                    )),
                ));
                continue;
            }
        };
    }

    // A finished screening must say what it knows about every fact a rule depends on:
    // a fact left out silently would leave a rule such as "under 13" undecided.
    if s.screening.status == Status::Complete {
        let needed = q.facts_in_rules();
        let missing: Vec<&str> = needed
            .iter()
            .map(|&f| q.profile[f].id.as_str())
            .filter(|id| s.profile.get(id).is_none())
            .collect();
        if !missing.is_empty() {
            let example: Vec<String> = missing
                .iter()
                .map(|id| format!("{id}: not_known"))
                .collect();
            problems.push(at(
                Locus::Profile,
                Problem::new(
                    None,
                    format!(
                        "profile fact{} {} {} missing; rules depend on {}",
                        if missing.len() == 1 { "" } else { "s" },
                        missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
                        if missing.len() == 1 { "is" } else { "are" },
                        if missing.len() == 1 { "it" } else { "them" },
                    ),
                )
                .help(format!(
                    "record each one, writing not_known where it is not known (for example `{}`), or mark the screening `status: in_progress`",
                    example.join(", ")
                )),
            ));
        }
    }
}

fn judgement(s: &Screening, q: &Questionnaire, out: &mut Responses, problems: &mut Vec<Located>) {
    let Some(j) = &s.judgement else { return };
    match q.level(&j.raise_to) {
        Some(l) if !crate::reference::shows_nothing(&j.reason) => {
            out.judgement = Some(Judgement {
                raise_to: l,
                reason: j.reason.trim().to_owned(),
            });
        }
        Some(_) => problems.push(at(
            Locus::JudgementReason,
            Problem::new(None, "`judgement` has no reason")
                .help("a practitioner raising the level must record why (a reason of only spaces or invisible characters shows nothing)"),
        )),
        None => {
            let levels: Vec<&str> = q.levels.iter().map(|l| l.id.as_str()).collect();
            let help = match did_you_mean(&j.raise_to, levels.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", levels.join(", ")),
            };
            problems.push(at(
                Locus::JudgementLevel,
                Problem::new(
                    None,
                    format!("`judgement.raise_to` names unknown level `{}`", j.raise_to),
                )
                .help(help),
            ));
        }
    }
}
