//! Repeated screenings of one case over time: trend, changes, review due and escalation.
//!
//! Pure: it takes scored screenings and a date ("as of") and returns plain data; reading the
//! files and the clock belong to the caller. The rules, in the words of the questionnaire
//! format documentation:
//!
//! - **Not reducing**: the last `not_reducing_after` screenings are all at `from_level` or
//!   above, and the last is at least as high as the first of them; each at the level it is
//!   held at ([`held_ranks`]: a drop only on answers not known is not a reduction).
//! - **Rising** (`when_rising`): the latest screening is at a higher level than the one
//!   before, and that one was already at `from_level` or above.
//! - **Missing**: the highest count of missing episodes known across the screenings (the
//!   follow-up asks for the total, including earlier episodes) reaches `at_least`.
//!
//! A screening still in progress is a lower bound (answering more can only raise it), so it
//! may trigger escalation but never prevent it: each rule is judged on the complete
//! screenings, and again with the in-progress ones, and fires if either fires.
//!
//! Screenings made with different questionnaire versions are compared by indicator id; an
//! indicator in only one version is listed, not compared.
//!
//! One screening is counted once: files with the same [`Screening::identity`] (a copy, or the
//! same screening in YAML and JSON) and paths to the same file (given by the caller, who can
//! see the file system) are one screening, and listed as duplicates. One case is one case:
//! screenings are grouped by [`reference::case_key`], so `EX-1009`, `EX-1009 ` and
//! `EX-1009<U+200B>` are one case.
//!
//! Dates: a screening dated after `as_of` is left out (a deliberately past view), unless it
//! is also dated after `today`: such a date is wrong, so when the screening happened is not
//! known, and it is shown, flagged, rather than hidden. A review date that comes from a
//! screening dated after today is [`ReviewStatus::Unknown`].
//!
//! [`Screening::identity`]: crate::answers::Screening::identity

use std::collections::BTreeMap;

use serde::Serialize;

use crate::answers::Status;
use crate::engine::Answer;
use crate::questionnaire::Questionnaire;
use crate::reference;
use crate::screening::Scored;

/// Every case found, by case reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    pub as_of: String,
    pub cases: Vec<Case>,
    /// Screenings dated after `as_of` (and not after today), left out so that the history
    /// reads as it did then.
    pub after_as_of: usize,
    /// Screenings dated after today: shown (and flagged) whatever `as_of` is.
    pub after_today: usize,
    /// Files that could not be read or were refused (their problems are on stderr), with the
    /// case reference where it could still be read: such a case's history may lack its
    /// latest screening (found in review: it was shown at an older level, unflagged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_read: Vec<NotRead>,
}

/// A file `history` could not use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotRead {
    pub file: String,
    /// The case reference written in it, where the file could still be parsed that far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    /// The reference as compared ([`reference::matched_as`]), as written in the oldest
    /// screening; each screening's own is in its [`Point`].
    pub case_reference: String,
    /// Oldest first.
    pub screenings: Vec<Point>,
    /// Between each screening and the one before it.
    pub changes: Vec<Change>,
    pub review: Review,
    /// The level now and how it moved since the screening before.
    pub trend: Trend,
    /// Present when the questionnaire's escalation settings hold.
    pub escalation: Option<Escalation>,
    /// Present when any screening answered the missing indicator yes.
    pub missing: Option<Missing>,
    /// Files of this case that could not be used ([`History::not_read`]): a screening of it,
    /// perhaps its latest, is not in what is shown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_read: Vec<String>,
    /// Paths that named a screening already counted, by file name.
    pub duplicates: Vec<Duplicate>,
}

/// A path that named a screening already counted: it is counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub file: String,
    /// The path it is counted under.
    pub same_as: String,
    pub how: Sameness,
}

/// Why two paths are one screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sameness {
    /// The same file on disk (the same device and inode), named twice or through a link.
    SameFile,
    /// Another file with the same screening in it: a copy, or the other of a YAML and JSON
    /// pair (the same [`crate::answers::Screening::identity`]).
    SameScreening,
}

/// A path the caller found to be the same file on disk as one read before (`same_as`),
/// and so did not read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameFile {
    pub file: String,
    pub same_as: String,
}

/// One screening in a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub file: String,
    /// For a copy `screen` saved beside a record it could not write over
    /// (`EX-1.unsaved-1.yaml`), the record it was meant for (`EX-1.yaml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsaved_copy_of: Option<String>,
    /// The screening's [`crate::answers::Screening::identity`]: the same for every copy.
    pub identity: String,
    /// The case reference exactly as written in the file.
    pub case_reference: String,
    pub date: String,
    /// Dated after today: the date is wrong, so its place in the history is not known.
    pub dated_after_today: bool,
    pub complete: bool,
    pub questionnaire: String,
    pub version: String,
    pub score: u32,
    pub level: String,
    pub level_label: String,
    /// The level's rank in its questionnaire, lowest 0.
    pub level_rank: usize,
    /// The rank of the highest level finding out what is not known could bring, when above
    /// `level_rank` ([`crate::engine::Assessment::could_reach`]): a lower level resting on
    /// answers not known is not shown to be a reduction ([`held_ranks`]).
    #[serde(skip)]
    pub could_reach_rank: Option<u8>,
    pub routes: Vec<RouteRef>,
    /// The practitioner's professional judgement, where the screening records one, whether
    /// it raised the level or not (found in review: a High that rested on judgement alone
    /// read as "reducing" when the next screening did not make it again).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judgement: Option<Judgement>,
    /// The screening date plus its review interval; `None` when the date is after today,
    /// cannot be read, or the review date would be past 9999-12-31.
    pub review_due: Option<String>,
    /// The review interval: the level's, or sooner when something not known could raise the
    /// level (in `review`, not repeated per screening in JSON).
    #[serde(skip)]
    pub review_interval_days: u32,
    /// The label of the level whose interval it is, when not the screening's own level
    /// ([`crate::engine::Assessment::review_as_for`]).
    #[serde(skip)]
    pub review_as_for: Option<String>,
}

/// A professional judgement recorded in a screening, as a history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Judgement {
    /// It raised the level above what the answers (score and rules) give: the level rests on
    /// it. False for a view at or below that level, which changes nothing.
    pub raised: bool,
    /// The level (id) the answers give without the judgement.
    pub from: String,
    pub from_label: String,
    /// Its rank.
    #[serde(skip)]
    pub from_rank: usize,
    /// The practitioner's level (id).
    pub raise_to: String,
    pub raise_to_label: String,
    /// Its rank.
    #[serde(skip)]
    pub raise_to_rank: usize,
    /// Why, in the practitioner's words (empty in a caseload, which never shows it).
    pub reason: String,
    /// Who made it: the screening's practitioner and agency, as written (empty in a
    /// caseload, which shows them in a column of their own).
    pub practitioner: String,
    pub agency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteRef {
    pub id: String,
    pub title: String,
}

/// What changed from one screening to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub from: String,
    /// `from` is the date of an unsaved copy (see [`Point::unsaved_copy_of`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_unsaved_copy: bool,
    pub to: String,
    /// `to` is the date of an unsaved copy.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub to_unsaved_copy: bool,
    /// One of the two is an unsaved copy of the other: two versions of one screening, so
    /// `new` and `resolved` say what differs between them, not what changed over time.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub versions: bool,
    /// Yes now, and not yes before.
    pub new: Vec<IndicatorRef>,
    /// Yes before, no now.
    pub resolved: Vec<IndicatorRef>,
    /// Yes before, no now, where the question also asks about earlier times (it has an
    /// earlier time window): what happened stays yes, with that window, so the two answers
    /// disagree; one of them is wrong (found in review: a disclosure made, then answered
    /// "no", was listed as "Resolved").
    pub yes_before_no_now: Vec<IndicatorRef>,
    /// Yes before, not known or not answered now: find out, do not assume it stopped.
    pub no_longer_known: Vec<IndicatorRef>,
    /// No before, not known or not answered now: what was ruled out is open again.
    pub not_known_now: Vec<IndicatorRef>,
    /// Indicators in only one of the two questionnaire versions, so not compared.
    pub only_in: Vec<OnlyIn>,
    /// The two screenings used different questionnaires (their ids, before and after):
    /// their questions are not the same, even where an id is, so nothing is compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_questionnaire: Option<[String; 2]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorRef {
    pub id: String,
    pub prompt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OnlyIn {
    pub indicator: String,
    /// Its question, as that version asks it.
    pub prompt: String,
    pub questionnaire: String,
    pub version: String,
    /// The answer given to it in the screening made with that version, where there is one
    /// (found in review: a question renamed in a new version and answered yes read only
    /// "not compared", by id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
}

/// When the case is next due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// The date of the screening the review date comes from (the latest complete one, or
    /// the latest if none is complete).
    pub from_screening: String,
    /// The screening it comes from is an unsaved copy (see [`Point::unsaved_copy_of`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_unsaved_copy: bool,
    pub level_label: String,
    pub interval_days: u32,
    /// The label of a higher level whose interval `interval_days` is, because finding out
    /// something not known at that screening could raise the level to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_for: Option<String>,
    /// `None` when the screening date cannot be read, or the review date would be past
    /// 9999-12-31.
    pub due: Option<String>,
    /// `due`, `due_today`, `overdue`, or `unknown` (see [`ReviewStatus::Unknown`]).
    pub status: ReviewStatus,
    /// Days until due (positive) or since it was due (negative); 0 when `unknown`.
    pub days: i64,
    /// A later screening still in progress, if any.
    pub in_progress: Option<String>,
}

/// Whether a review is due, as of the history's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Due later.
    Due,
    DueToday,
    Overdue,
    /// The review date cannot be known: the screening it comes from is dated after today
    /// (so its date is wrong), or its review date would be past 9999-12-31 (only such a
    /// date can be), or its date cannot be read.
    Unknown,
}

/// The review date: the screening date plus the level's review interval.
pub fn review_due(date: &str, days: u32) -> Option<String> {
    let date: jiff::civil::Date = date.parse().ok()?;
    let span = jiff::Span::new().try_days(i64::from(days)).ok()?;
    date.checked_add(span).ok().map(|d| d.to_string())
}

/// A recommendation to escalate, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalation {
    pub route: EscalationRoute,
    /// What in this case's screenings triggered it, one sentence each.
    pub because: Vec<String>,
    /// The questionnaire's own explanation.
    pub guidance: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationRoute {
    pub id: String,
    pub title: String,
    pub action: String,
    pub contact: Option<String>,
    pub timescale: String,
}

/// Missing episodes across screenings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub indicator: String,
    /// The questionnaire whose screenings counted them, when the latest screening's
    /// questionnaire counts none (found in review: a child missing five times, screened next
    /// with SERAF, had no missing episodes in history). Absent from JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_with: Option<String>,
    /// The highest number of episodes known at any screening (at least 1 for a yes).
    pub episodes: u32,
    /// Per screening that answered yes: its date and the count recorded, if any.
    pub recorded: Vec<MissingCount>,
    /// True when `episodes` reaches the questionnaire's threshold.
    pub return_home_conversation: bool,
    /// The questionnaire's explanation, when the threshold is reached.
    pub guidance: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingCount {
    pub date: String,
    /// Recorded in an unsaved copy (see [`Point::unsaved_copy_of`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unsaved_copy: bool,
    pub episodes: Option<u32>,
}

/// Screenings grouped by case, each screening counted once, as [`group`] returns them.
#[derive(Debug)]
pub struct Grouped<X> {
    /// In order of case key.
    pub cases: Vec<Group<X>>,
    /// Screenings dated after `as_of` (and not after today), left out.
    pub after_as_of: usize,
    /// Screenings dated after today: kept and flagged.
    pub after_today: usize,
}

/// One case's screenings, oldest first (by date, then file), with what each carries besides
/// its [`Point`], and the paths that named one of them again.
#[derive(Debug)]
pub struct Group<X> {
    pub points: Vec<Point>,
    pub extras: Vec<X>,
    pub duplicates: Vec<Duplicate>,
}

/// Groups screenings by case, the rule `history` and `caseload` share (`caseload` applies it
/// as it reads, keeping only what its report needs: [`crate::caseload::Fold`]): each screening
/// is counted once (the first path in the order given stands for it: by [`Point::identity`],
/// and by `same_files`, paths the caller found to be files already given); screenings dated
/// after `as_of` are left out (and counted), unless dated after today
/// ([`Point::dated_after_today`]), whose real date is not known; cases are keyed by
/// [`reference::case_key`]; each case is in date order (within a day, whose order is not
/// known, the lower level first, so that the day's highest is read as its latest). `X` is
/// whatever the caller keeps beside each point (`history`: the whole scored screening).
pub fn group<X>(
    entries: Vec<(Point, X)>,
    same_files: Vec<SameFile>,
    as_of: jiff::civil::Date,
) -> Grouped<X> {
    // One screening, one count: the first path (in the order given) stands for it.
    let mut kept: Vec<(Point, X)> = Vec::new();
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    let mut duplicates: Vec<(String, Duplicate)> = Vec::new();
    for (p, x) in entries {
        match first.get(&p.identity) {
            Some(same_as) => duplicates.push((
                p.identity.clone(),
                Duplicate {
                    file: p.file,
                    same_as: same_as.clone(),
                    how: Sameness::SameScreening,
                },
            )),
            None => {
                first.insert(p.identity.clone(), p.file.clone());
                kept.push((p, x));
            }
        }
    }
    let mut by_file: BTreeMap<String, String> = first.into_iter().map(|(id, f)| (f, id)).collect();
    by_file.extend(
        duplicates
            .iter()
            .map(|(id, d)| (d.file.clone(), id.clone())),
    );
    for s in same_files {
        // A file left out (another case, with --case) takes its other names with it.
        if let Some(id) = by_file.get(&s.same_as).cloned() {
            duplicates.push((
                id,
                Duplicate {
                    file: s.file,
                    same_as: s.same_as,
                    how: Sameness::SameFile,
                },
            ));
        }
    }

    let before = kept.len();
    // Dates were checked when the files were loaded; one that does not parse is kept.
    kept.retain(|(p, _)| {
        crate::answers::parse_date(&p.date).is_none_or(|d| d <= as_of || p.dated_after_today)
    });
    let after_as_of = before - kept.len();
    let after_today = kept.iter().filter(|(p, _)| p.dated_after_today).count();

    let mut duplicates_of: BTreeMap<String, Vec<Duplicate>> = BTreeMap::new();
    for (id, d) in duplicates {
        duplicates_of.entry(id).or_default().push(d);
    }
    let mut cases: BTreeMap<String, Vec<(Point, X)>> = BTreeMap::new();
    for (p, x) in kept {
        cases
            .entry(reference::case_key(&p.case_reference))
            .or_default()
            .push((p, x));
    }
    Grouped {
        cases: cases
            .into_values()
            .map(|mut entries| {
                // Within a day the order is not known (a file has no time): the lower level
                // first, so that the day's highest is the one after it.
                entries.sort_by(|(a, _), (b, _)| {
                    (&a.date, a.level_rank, &a.file).cmp(&(&b.date, b.level_rank, &b.file))
                });
                let mut dups: Vec<Duplicate> = entries
                    .iter()
                    .filter_map(|(p, _)| duplicates_of.remove(&p.identity))
                    .flatten()
                    .collect();
                dups.sort_by(|a, b| a.file.cmp(&b.file));
                let (points, extras) = entries.into_iter().unzip();
                Group {
                    points,
                    extras,
                    duplicates: dups,
                }
            })
            .collect(),
        after_as_of,
        after_today,
    }
}

/// Groups `entries` by case ([`group`]) and describes each case as of `as_of`, counting
/// each screening once. `same_files` are paths the caller found to be files already in
/// `entries`. Screenings dated after `as_of` are left out (and counted), so a past date
/// shows the history as it stood then; but a screening dated after `today` is kept and
/// flagged, since its real date is not known.
pub fn history(
    entries: Vec<Scored<'_>>,
    same_files: Vec<SameFile>,
    not_read: Vec<NotRead>,
    as_of: jiff::civil::Date,
    today: jiff::civil::Date,
) -> History {
    let entries = entries
        .into_iter()
        .map(|e| {
            // A screening that cannot be serialised is its own: never merged with another.
            let id = e
                .screening
                .identity()
                .unwrap_or_else(|| format!("file:{}", e.file));
            (point(&e, &id, today, true), e)
        })
        .collect();
    let g = group(entries, same_files, as_of);
    // The files not read, by the key of the case written in them: one look-up per case.
    let mut unread: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for n in &not_read {
        if let Some(r) = &n.case_reference {
            unread
                .entry(reference::case_key(r))
                .or_default()
                .push(n.file.clone());
        }
    }
    let cases = g
        .cases
        .into_iter()
        .map(|c| {
            let key = c
                .points
                .first()
                .map(|p| reference::case_key(&p.case_reference));
            let mut case = case(c, as_of);
            if let Some(files) = key.and_then(|k| unread.remove(&k)) {
                case.not_read = files;
            }
            case
        })
        .collect();
    History {
        as_of: as_of.to_string(),
        cases,
        after_as_of: g.after_as_of,
        after_today: g.after_today,
        not_read,
    }
}

fn case(g: Group<Scored<'_>>, as_of: jiff::civil::Date) -> Case {
    let Group {
        points: screenings,
        extras: entries,
        duplicates,
    } = g;
    let changes = entries.windows(2).map(|w| change(&w[0], &w[1])).collect();
    let review = review(&screenings, as_of);
    // The latest questionnaire that counts missing episodes: the latest screening's, unless
    // it counts none (SERAF, Pan-Cheshire).
    let latest = entries.last().map(|e| e.questionnaire);
    let q = entries
        .iter()
        .rev()
        .map(|e| e.questionnaire)
        .find(|q| q.counts_missing_episodes())
        .or(latest);
    let questionnaire = |id: &str| {
        entries
            .iter()
            .rev()
            .find(|e| e.questionnaire.id == id)
            .map(|e| e.questionnaire)
    };
    Case {
        case_reference: case_reference(&screenings),
        escalation: escalation(&screenings, questionnaire),
        missing: q.and_then(|q| {
            let mut m = missing(q, &screenings, |i, indicator, follow_up| {
                let a = entries[i].screening.answers.get(indicator)?;
                (a.answer == Answer::Yes).then(|| a.follow_up.get(follow_up).copied())
            })?;
            m.counted_with = latest.filter(|l| l.id != q.id).map(|_| q.id.clone());
            Some(m)
        }),
        trend: trend(&screenings),
        screenings,
        changes,
        review,
        duplicates,
        not_read: Vec::new(),
    }
}

/// The reference a case is shown under: its oldest screening's as matched
/// ([`reference::matched_as`]: normalised, look-alikes of another script read as ASCII).
pub fn case_reference(points: &[Point]) -> String {
    points
        .first()
        .map(|p| reference::matched_as(&p.case_reference))
        .unwrap_or_default()
}

/// One screening as a history shows it. Without `routes`, its routes are left out.
pub fn point(e: &Scored<'_>, identity: &str, today: jiff::civil::Date, routes: bool) -> Point {
    let a = &e.assessment;
    let date = crate::answers::parse_date(&e.screening.screening.date);
    let dated_after_today = date.is_some_and(|d| d > today);
    Point {
        file: e.file.clone(),
        unsaved_copy_of: crate::store::unsaved_copy_of(&e.file),
        identity: identity.to_owned(),
        case_reference: e.screening.screening.case_reference.clone(),
        date: e.screening.screening.date.clone(),
        dated_after_today,
        complete: e.screening.screening.status == Status::Complete,
        questionnaire: e.questionnaire.id.clone(),
        version: e.questionnaire.version.clone(),
        score: a.score,
        level: a.level.id.clone(),
        level_label: a.level.label.clone(),
        level_rank: a.level.rank,
        could_reach_rank: could_reach_rank(e.questionnaire, a),
        routes: if routes {
            a.routes
                .iter()
                .map(|r| RouteRef {
                    id: r.id.clone(),
                    title: r.title.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
        // Found in review: history said a level was raised by judgement, not by whom.
        judgement: judgement(e.questionnaire, a).map(|j| Judgement {
            practitioner: e.screening.screening.practitioner.clone(),
            agency: e.screening.screening.agency.clone(),
            ..j
        }),
        // From a date that is wrong, a review date would be wrong too.
        review_due: if dated_after_today {
            None
        } else {
            review_due(&e.screening.screening.date, a.review_interval_days)
        },
        review_interval_days: a.review_interval_days,
        review_as_for: a.review_as_for.as_ref().map(|r| r.label.clone()),
    }
}

/// The judgement `a` records, with the ranks of its levels in `q`.
pub fn judgement(q: &Questionnaire, a: &crate::engine::Assessment) -> Option<Judgement> {
    let j = a.judgement.as_ref()?;
    let rank = |id: &str| q.levels.iter().position(|l| l.id == id);
    Some(Judgement {
        raised: j.raised,
        from: j.from.clone(),
        from_label: j.from_label.clone(),
        from_rank: rank(&j.from)?,
        raise_to: j.raise_to.clone(),
        raise_to_label: j.raise_to_label.clone(),
        raise_to_rank: rank(&j.raise_to)?,
        reason: j.reason.clone(),
        practitioner: String::new(),
        agency: String::new(),
    })
}

/// The level `p` is at by its answers (score and rules): its own, or, where professional
/// judgement raised it, the one it was raised from.
pub fn answers_rank(p: &Point) -> usize {
    p.judgement
        .as_ref()
        .filter(|j| j.raised)
        .map_or(p.level_rank, |j| j.from_rank)
}

/// The rank of `a.could_reach` in `q`, when it has one.
pub fn could_reach_rank(q: &Questionnaire, a: &crate::engine::Assessment) -> Option<u8> {
    let id = &a.could_reach.as_ref()?.id;
    let rank = q.levels.iter().position(|l| &l.id == id)?;
    u8::try_from(rank).ok()
}

/// The highest rank `p` could be at once what is not known is found out.
fn reach(p: &Point) -> usize {
    p.could_reach_rank
        .map_or(p.level_rank, usize::from)
        .max(p.level_rank)
}

/// The level each of `seq` (one case's screenings, oldest first) is held at: its own, or,
/// where it is lower than the one before (of the same questionnaire) only as far as answers
/// not known allow, the one before's. Finding out what is not known could put it back
/// there, so the drop is not shown to be a reduction (found in review: a "yes" that became
/// "not known" read as "reducing" and turned off the "not reducing" escalation). What is not
/// known never raises a screening above the level held before it. A screening after one
/// raised by professional judgement is held at the judged level too ([`holds`]).
pub fn held_ranks(seq: &[&Point]) -> Vec<usize> {
    holds(seq).into_iter().map(|h| h.rank).collect()
}

/// The level a screening is held at, and why ([`holds`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    pub rank: usize,
    /// The screening (its place in the sequence) whose professional judgement raised the
    /// level and has not been made again since, with nothing lower by the answers in
    /// between: this one's own place when its own judgement raised it.
    pub judged: Option<usize>,
}

/// [`held_ranks`], with why each is held. Besides answers not known, a screening is held
/// at the level professional judgement raised an earlier one to, where no screening since
/// made a judgement of its own and none is lower by its answers than the judged one was
/// (found in review: a High that rested on judgement, followed by the same answers and no
/// judgement, read "reducing" and turned off the "not reducing" escalation). The judgement
/// was about the child; the next practitioner not making it again is not a reduction.
pub fn holds(seq: &[&Point]) -> Vec<Hold> {
    let mut out: Vec<Hold> = Vec::with_capacity(seq.len());
    for (k, p) in seq.iter().enumerate() {
        let before = k
            .checked_sub(1)
            .filter(|&j| seq[j].questionnaire == p.questionnaire);
        let judged = if p.judgement.as_ref().is_some_and(|j| j.raised) {
            Some(k)
        } else {
            before.and_then(|j| out[j].judged).filter(|&i| {
                seq[i]
                    .judgement
                    .as_ref()
                    .is_some_and(|j| answers_rank(p) >= j.from_rank)
            })
        };
        let mut rank = p.level_rank;
        if let Some(j) = before {
            rank = rank.max(reach(p).min(out[j].rank));
        }
        if let Some(i) = judged {
            rank = rank.max(seq[i].level_rank);
        }
        out.push(Hold { rank, judged });
    }
    out
}

/// Whether the [`Hold`] of the screening after `p` may depend on `p` (for the caseload,
/// which keeps only the screenings it needs): `next` rests on answers not known, or may
/// carry a judgement made before it.
pub fn may_hold_after(next: &Point) -> bool {
    reach(next) > next.level_rank || !next.judgement.as_ref().is_some_and(|j| j.raised)
}

/// The question has more than one time window: one for earlier times too.
fn asks_about_earlier_times(ind: &crate::questionnaire::Indicator) -> bool {
    matches!(&ind.scoring, crate::questionnaire::Scoring::Windows(w) if w.len() > 1)
}

fn answer(e: &Scored<'_>, id: &str) -> Option<Answer> {
    e.screening.answers.get(id).map(|a| a.answer)
}

fn change(before: &Scored<'_>, after: &Scored<'_>) -> Change {
    let (qa, qb) = (before.questionnaire, after.questionnaire);
    let copy_of = |copy: &str, record: &str| {
        crate::store::unsaved_copy_of(copy).is_some_and(|r| plain_path(&r) == plain_path(record))
    };
    let mut c = Change {
        versions: copy_of(&before.file, &after.file) || copy_of(&after.file, &before.file),
        from: before.screening.screening.date.clone(),
        from_unsaved_copy: crate::store::unsaved_copy_of(&before.file).is_some(),
        to: after.screening.screening.date.clone(),
        to_unsaved_copy: crate::store::unsaved_copy_of(&after.file).is_some(),
        new: Vec::new(),
        resolved: Vec::new(),
        yes_before_no_now: Vec::new(),
        no_longer_known: Vec::new(),
        not_known_now: Vec::new(),
        only_in: Vec::new(),
        other_questionnaire: None,
    };
    if qa.id != qb.id {
        c.other_questionnaire = Some([qa.id.clone(), qb.id.clone()]);
        return c;
    }
    for ind in &qb.indicators {
        if qa.indicator(&ind.id).is_none() {
            c.only_in.push(OnlyIn {
                indicator: ind.id.clone(),
                prompt: ind.prompt.clone(),
                questionnaire: qb.id.clone(),
                version: qb.version.clone(),
                answer: answer(after, &ind.id),
            });
            continue;
        }
        let r = IndicatorRef {
            id: ind.id.clone(),
            prompt: ind.prompt.clone(),
        };
        let was = answer(before, &ind.id);
        let was_yes = was == Some(Answer::Yes);
        match answer(after, &ind.id) {
            Some(Answer::Yes) if !was_yes => c.new.push(r),
            Some(Answer::No) if was_yes && asks_about_earlier_times(ind) => {
                c.yes_before_no_now.push(r);
            }
            Some(Answer::No) if was_yes => c.resolved.push(r),
            Some(Answer::NotKnown) | None if was_yes => c.no_longer_known.push(r),
            Some(Answer::NotKnown) | None if was == Some(Answer::No) => c.not_known_now.push(r),
            _ => {}
        }
    }
    for ind in &qa.indicators {
        if qb.indicator(&ind.id).is_none() {
            c.only_in.push(OnlyIn {
                indicator: ind.id.clone(),
                prompt: ind.prompt.clone(),
                questionnaire: qa.id.clone(),
                version: qa.version.clone(),
                answer: answer(before, &ind.id),
            });
        }
    }
    c
}

/// When the case is next due for review, as of `as_of`: from the latest complete screening,
/// or the latest if none is complete. `points` is one case's, oldest first, and not empty.
/// A record and its unsaved copies count as one screening ([`one_per_screening`]).
pub fn review(points: &[Point], as_of: jiff::civil::Date) -> Review {
    counted(points, |points| review_of(points, as_of))
}

/// `f` of `points` with a record and its unsaved copies counted as one screening
/// ([`one_per_screening`]); of `points` themselves when there is no copy.
fn counted<T>(points: &[Point], f: impl FnOnce(&[Point]) -> T) -> T {
    if points.iter().all(|p| p.unsaved_copy_of.is_none()) {
        return f(points);
    }
    let one: Vec<Point> = one_per_screening(points).into_iter().cloned().collect();
    f(&one)
}

fn review_of(points: &[Point], as_of: jiff::civil::Date) -> Review {
    let last = points.len().saturating_sub(1);
    let from = points.iter().rposition(|p| p.complete).unwrap_or(last);
    // A latest screening dated after today has no review date; the one before it, at a
    // level as high, still has one (an overdue review is not hidden by a wrong date).
    let from = match points
        .iter()
        .rposition(|p| p.complete && !p.dated_after_today)
    {
        Some(real)
            if points[from].dated_after_today
                && points[real].level_rank >= points[from].level_rank =>
        {
            real
        }
        _ => from,
    };
    let p = &points[from];
    let interval_days = p.review_interval_days;
    let due_date = p.review_due.as_deref().and_then(crate::answers::parse_date);
    let days = due_date
        .and_then(|d| as_of.until(d).ok())
        .map_or(0, |span| i64::from(span.get_days()));
    let status = match (due_date, days) {
        (None, _) => ReviewStatus::Unknown,
        _ if p.dated_after_today => ReviewStatus::Unknown,
        (Some(_), d) if d < 0 => ReviewStatus::Overdue,
        (Some(_), 0) => ReviewStatus::DueToday,
        _ => ReviewStatus::Due,
    };
    Review {
        from_screening: p.date.clone(),
        from_unsaved_copy: p.unsaved_copy_of.is_some(),
        level_label: p.level_label.clone(),
        interval_days,
        as_for: p.review_as_for.clone(),
        due: p.review_due.clone(),
        days: if status == ReviewStatus::Unknown {
            0
        } else {
            days
        },
        status,
        in_progress: points[from + 1..]
            .iter()
            .rev()
            .find(|q| !q.complete)
            .map(|q| q.date.clone()),
    }
}

/// `path` without its `./` parts, for comparing two paths as written.
pub(crate) fn plain_path(path: &str) -> std::path::PathBuf {
    std::path::Path::new(path)
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// `points` (oldest first) with a record and the unsaved copies `screen` saved beside it
/// ([`Point::unsaved_copy_of`]) counted as one screening: the one at the highest level (the
/// record where it is as high as any copy, else the first copy that high), so that they
/// neither count more than once towards escalation nor, by leaving out newer answers in a
/// copy, lower what it shows. Copies whose record is not among `points` are one screening
/// with each other. Paths are compared as written, `./` parts aside.
fn one_per_screening(points: &[Point]) -> Vec<&Point> {
    let records: Vec<std::path::PathBuf> = points
        .iter()
        .filter_map(|p| p.unsaved_copy_of.as_deref().map(plain_path))
        .collect();
    // The record each copy, and each record with a copy, belongs to; `None` for the rest,
    // which stand alone.
    let group: Vec<Option<std::path::PathBuf>> = points
        .iter()
        .map(|p| match &p.unsaved_copy_of {
            Some(record) => Some(plain_path(record)),
            None => Some(plain_path(&p.file)).filter(|f| records.contains(f)),
        })
        .collect();
    // Which of two in one group counts: the higher level, then the record, then the first.
    let rank = |i: usize| {
        let p = &points[i];
        (
            p.level_rank,
            p.unsaved_copy_of.is_none(),
            std::cmp::Reverse(i),
        )
    };
    (0..points.len())
        .filter(|&i| {
            group[i].is_none()
                || !(0..points.len()).any(|j| j != i && group[j] == group[i] && rank(j) > rank(i))
        })
        .map(|i| &points[i])
        .collect()
}

/// The escalation recommendation for one case's `points` (oldest first), where
/// `questionnaire(id)` is the questionnaire a screening names (its latest version read).
/// Levels are ranks within a questionnaire, so only the screenings of one questionnaire are
/// judged together: the latest screening's, or, where it has no escalation settings (SERAF,
/// Pan-Cheshire), the latest one before it that has them, so that a case moved to such a
/// questionnaire keeps an escalation that was due. Screenings dated after today are judged
/// with and without.
pub fn escalation<'q>(
    points: &[Point],
    questionnaire: impl Fn(&str) -> Option<&'q Questionnaire>,
) -> Option<Escalation> {
    // A screening dated after today has a date known to be wrong, so its place is not
    // known: it can bring an escalation, never take one away.
    if points.iter().any(|p| p.dated_after_today) {
        let dated: Vec<Point> = points
            .iter()
            .filter(|p| !p.dated_after_today)
            .cloned()
            .collect();
        return escalation_by_questionnaire(&dated, &questionnaire)
            .or_else(|| escalation_by_questionnaire(points, &questionnaire));
    }
    escalation_by_questionnaire(points, &questionnaire)
}

/// [`escalation`] of `points`, each questionnaire's screenings on their own.
fn escalation_by_questionnaire<'q>(
    points: &[Point],
    questionnaire: &impl Fn(&str) -> Option<&'q Questionnaire>,
) -> Option<Escalation> {
    let mut ids: Vec<&str> = Vec::new();
    for p in points.iter().rev() {
        if !ids.contains(&p.questionnaire.as_str()) {
            ids.push(&p.questionnaire);
        }
    }
    // The latest screening's questionnaire where it has escalation settings; otherwise the
    // latest one before it that has them. One that has settings and does not escalate is
    // the current judgement: older screenings with another tool do not override it.
    let with_settings = ids
        .iter()
        .copied()
        .find(|&id| questionnaire(id).is_some_and(|q| q.escalation.is_some()));
    with_settings.and_then(|id| {
        let q = questionnaire(id)?;
        if ids.len() == 1 {
            return escalation_of(q, points);
        }
        let own: Vec<Point> = points
            .iter()
            .filter(|p| p.questionnaire == id)
            .cloned()
            .collect();
        let mut e = escalation_of(q, &own)?;
        let others: Vec<&str> = ids.iter().copied().filter(|&o| o != id).collect();
        e.because.push(format!(
            "Judged on this case's {id} screenings only: its screenings with {} have levels \
             of their own, which are not compared with these.",
            others.join(", ")
        ));
        Some(e)
    })
}

/// The escalation recommendation for `points` (oldest first, all of questionnaire `q`),
/// judged with the settings of `q`. A record and its unsaved copy count as one screening
/// ([`one_per_screening`]).
fn escalation_of(q: &Questionnaire, points: &[Point]) -> Option<Escalation> {
    let esc = q.escalation.as_ref()?;
    let from_label = &q.levels[esc.from_level].label;
    let all = one_per_screening(points);
    let complete: Vec<&Point> = all.iter().copied().filter(|p| p.complete).collect();
    // The complete ones and the highest screening in progress after them, as the level now
    // reads them: a lower screening in progress can still rise, so it never prevents an
    // escalation that the one before it makes.
    let last_complete = all.iter().rposition(|p| p.complete);
    let mut raised = complete.clone();
    if let Some(p) = all[last_complete.map_or(0, |i| i + 1)..]
        .iter()
        .copied()
        .max_by_key(|p| p.level_rank)
    {
        raised.push(p);
    }
    let (mut not_reducing, mut rising) = (None, None);
    for seq in [&complete, &raised, &all] {
        not_reducing = not_reducing.or_else(|| {
            let n = usize::try_from(esc.not_reducing_after).ok()?.max(1);
            let start = seq.len().checked_sub(n)?;
            let window = seq.get(start..)?;
            // Each at the level it is held at: a drop resting on answers not known is not a
            // reduction ([`held_ranks`]).
            let holds = holds(seq);
            let ranks: Vec<usize> = holds.iter().map(|h| h.rank).collect();
            let held = ranks[start..].iter().all(|&r| r >= esc.from_level);
            // The order within a day is not known: "the first of them" is read at the lowest
            // level of its day, so that a higher screening on that day never makes it
            // look as if the risk reduced.
            let first = seq
                .iter()
                .zip(&ranks)
                .filter(|(p, _)| p.date == window[0].date)
                .map(|(_, &r)| r)
                .min()
                .unwrap_or(ranks[start]);
            (held && ranks[seq.len() - 1] >= first).then(|| {
                let trail: Vec<String> = window
                    .iter()
                    .zip(&holds[start..])
                    .map(|(p, h)| {
                        let (r, date) = (h.rank, dated(&p.date, p.unsaved_copy_of.is_some()));
                        // Why it is held above its own level: the judgement first, which
                        // holds it whatever is found out.
                        let judged = h
                            .judged
                            .map(|i| seq[i])
                            .filter(|j| j.level_rank >= r && !std::ptr::eq(*j, *p));
                        let unknown = match (q.levels.get(r), judged) {
                            (Some(l), Some(j)) if r > p.level_rank => format!(
                                ", held at {} by the professional judgement of {} (raised \
                                 from {}), not made again since",
                                l.label,
                                dated(&j.date, j.unsaved_copy_of.is_some()),
                                j.judgement.as_ref().map_or("", |x| x.from_label.as_str())
                            ),
                            (Some(l), None) if r > p.level_rank => format!(
                                ", resting on answers not known that could make it {}",
                                l.label
                            ),
                            _ => String::new(),
                        };
                        format!("{} on {date}{}{unknown}", p.level_label, progress(p))
                    })
                    .collect();
                format!(
                    "Not reducing: at {from_label} or above at each of the last {n} screenings \
                     ({}), and not lower now than at the first of them.",
                    trail.join(", ")
                )
            })
        });
        rising = rising.or_else(|| {
            // Risen since an earlier day: the order of two screenings on one day is not known.
            let (last, before) = seq.split_last()?;
            let prev = before.iter().rev().find(|p| p.date < last.date)?;
            let rose = last.level_rank > prev.level_rank && prev.level_rank >= esc.from_level;
            (esc.when_rising && rose).then(|| {
                format!(
                    "Rising: from {} on {} to {} on {}{}, already at {from_label} or above before.",
                    prev.level_label,
                    dated(&prev.date, prev.unsaved_copy_of.is_some()),
                    last.level_label,
                    dated(&last.date, last.unsaved_copy_of.is_some()),
                    progress(last)
                )
            })
        });
    }
    let because: Vec<String> = [not_reducing, rising].into_iter().flatten().collect();
    if because.is_empty() {
        return None;
    }
    let r = &q.routes[esc.route];
    Some(Escalation {
        route: EscalationRoute {
            id: r.id.clone(),
            title: r.title.clone(),
            action: r.action.clone(),
            contact: r.contact.clone(),
            timescale: r.timescale.clone(),
        },
        because,
        guidance: esc.reason.clone(),
    })
}

fn progress(p: &Point) -> &'static str {
    if p.complete { "" } else { " (in progress)" }
}

/// Missing episodes across one case's screenings (`points`, oldest first), with the settings
/// of `q`, the latest screening's questionnaire. `yes(i, indicator, follow_up)` is `None`
/// unless screening `i` answered `indicator` yes, and then the count recorded for
/// `follow_up`, if any.
pub fn missing(
    q: &Questionnaire,
    points: &[Point],
    yes: impl Fn(usize, &str, &str) -> Option<Option<u32>>,
) -> Option<Missing> {
    let m = q.escalation.as_ref()?.missing.as_ref()?;
    let indicator = &q.indicators[m.indicator];
    let follow_up = &indicator.follow_ups[m.follow_up].id;
    let recorded: Vec<MissingCount> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            yes(i, &indicator.id, follow_up).map(|episodes| MissingCount {
                date: p.date.clone(),
                unsaved_copy: p.unsaved_copy_of.is_some(),
                episodes,
            })
        })
        .collect();
    if recorded.is_empty() {
        return None;
    }
    let episodes = recorded
        .iter()
        .map(|r| r.episodes.unwrap_or(1).max(1))
        .max()
        .unwrap_or(1);
    let reached = episodes >= m.at_least;
    Some(Missing {
        indicator: indicator.id.clone(),
        counted_with: None,
        episodes,
        recorded,
        return_home_conversation: reached,
        guidance: reached.then(|| m.reason.clone()),
    })
}

/// The level a case is at now, and how it moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trend {
    /// The level of the latest complete screening (of the latest, if none is complete),
    /// raised to that of a later screening in progress if it is higher: a screening in
    /// progress is a lower bound, so it can raise the level now but never lower it.
    pub level: String,
    pub level_label: String,
    pub level_rank: usize,
    /// The date of the screening the level now comes from.
    pub date: String,
    /// The level now comes from a screening still in progress.
    pub in_progress: bool,
    pub direction: Direction,
    /// The screening compared with: the complete one before, or the latest complete one
    /// when a later screening in progress is already higher. `None` for a first screening.
    pub since: Option<Since>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Since {
    pub level_label: String,
    pub date: String,
    /// The screening compared with is an unsaved copy (see [`Point::unsaved_copy_of`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unsaved_copy: bool,
    /// The level it was raised from by professional judgement, where judgement raised it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raised_from: Option<String>,
}

/// Which way the level moved since the screening before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Rising,
    Steady,
    Reducing,
    /// Lower than the screening before, but only on answers not known: finding them out
    /// could put it back at the level before ([`held_ranks`]).
    LowerOnAnswersNotKnown,
    /// Lower than the screening before only because that one's level was raised by
    /// professional judgement, not made again now: by the answers, this one is not lower
    /// ([`holds`]).
    LowerWithoutJudgement,
    /// Only one screening to go by.
    First,
    /// The screening before used another questionnaire, whose levels are not the same scale.
    NotCompared,
}

impl Direction {
    /// The id, as JSON writes it (and the caseload's CSV: found in review, the CSV wrote
    /// `lowerwithoutjudgement` where JSON wrote `lower_without_judgement`).
    pub fn id(self) -> &'static str {
        match self {
            Direction::Rising => "rising",
            Direction::Steady => "steady",
            Direction::Reducing => "reducing",
            Direction::LowerOnAnswersNotKnown => "lower_on_answers_not_known",
            Direction::LowerWithoutJudgement => "lower_without_judgement",
            Direction::First => "first",
            Direction::NotCompared => "not_compared",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Direction::Rising => "rising",
            Direction::Steady => "steady",
            Direction::Reducing => "reducing",
            Direction::LowerOnAnswersNotKnown => "lower only on answers not known",
            Direction::LowerWithoutJudgement => "lower only without the judgement made before",
            Direction::First => "first screening",
            Direction::NotCompared => "not compared",
        }
    }
}

impl Trend {
    /// "High (in progress), rising from Medium on 2026-03-30", in plain words.
    pub fn sentence(&self) -> String {
        let now = if self.in_progress {
            format!("{} (in progress, so at least this)", self.level_label)
        } else {
            self.level_label.clone()
        };
        match (&self.since, self.direction) {
            (Some(s), Direction::NotCompared) => format!(
                "{now}; the screening before ({} on {}) used another questionnaire, whose \
                 levels are not compared with these",
                s.level_label,
                dated(&s.date, s.unsaved_copy)
            ),
            (Some(s), Direction::LowerOnAnswersNotKnown) => format!(
                "{now}, lower than {} on {} only on answers not known: finding them out could \
                 put it back at {}, so it is not shown to be reducing",
                s.level_label,
                dated(&s.date, s.unsaved_copy),
                s.level_label
            ),
            (Some(s), Direction::LowerWithoutJudgement) => format!(
                "{now}, lower than {} on {} only because the professional judgement made then \
                 (raised from {}) was not made again at that level: check it with whoever made \
                 it before reading this as reducing",
                s.level_label,
                dated(&s.date, s.unsaved_copy),
                s.raised_from.as_deref().unwrap_or("the answers' level")
            ),
            (Some(s), Direction::Steady) => format!(
                "{now}, steady: also {} on {}",
                s.level_label,
                dated(&s.date, s.unsaved_copy)
            ),
            (Some(s), d) => format!(
                "{now}, {} from {} on {}",
                d.word(),
                s.level_label,
                dated(&s.date, s.unsaved_copy)
            ),
            (None, _) => format!("{now}, first screening"),
        }
    }
}

/// A screening's date as a sentence names it: marked when the screening is an unsaved
/// copy, which is a second version of a screening rather than one of its own.
pub fn dated(date: &str, unsaved_copy: bool) -> String {
    if unsaved_copy {
        format!("{date} (unsaved copy)")
    } else {
        date.to_owned()
    }
}

/// The level now and its direction, from one case's `points` (oldest first, not empty).
/// Complete screenings are compared with each other; a later screening in progress counts
/// only when it is already higher (it can only rise as it is answered). A record and its
/// unsaved copies count as one screening ([`one_per_screening`]).
pub fn trend(points: &[Point]) -> Trend {
    counted(points, trend_of)
}

fn trend_of(points: &[Point]) -> Trend {
    let last = points.len().saturating_sub(1);
    // The latest complete screening, one dated after today (a date known to be wrong) only
    // when there is no other: like a screening in progress, such a one can raise the level
    // now but never lower it.
    let base = points
        .iter()
        .rposition(|p| p.complete && !p.dated_after_today)
        .or_else(|| points.iter().rposition(|p| !p.dated_after_today))
        .unwrap_or(last);
    let b = &points[base];
    // Levels are ranks within a questionnaire: those of two questionnaires are not compared.
    let higher_later = points[base + 1..]
        .iter()
        .filter(|p| p.questionnaire == b.questionnaire && p.level_rank > b.level_rank)
        .max_by_key(|p| p.level_rank);
    let (now, since, direction) = match higher_later {
        Some(p) => (p, Some(b), Direction::Rising),
        None => {
            // The screening before: from an earlier day where there is one, since the order
            // of two on one day is not known.
            let before = |p: &&Point| p.complete || !b.complete;
            let prev = points[..base]
                .iter()
                .rev()
                .filter(before)
                .find(|p| p.date < b.date)
                .or_else(|| points[..base].iter().rev().find(before));
            let direction = match prev {
                None => Direction::First,
                Some(p) if p.questionnaire != b.questionnaire => Direction::NotCompared,
                Some(p) if b.level_rank > p.level_rank => Direction::Rising,
                Some(p)
                    if b.level_rank < p.level_rank
                        && p.judgement
                            .as_ref()
                            .is_some_and(|j| j.raised && answers_rank(b) >= j.from_rank) =>
                {
                    Direction::LowerWithoutJudgement
                }
                Some(p) if b.level_rank < p.level_rank && reach(b) >= p.level_rank => {
                    Direction::LowerOnAnswersNotKnown
                }
                Some(p) if b.level_rank < p.level_rank => Direction::Reducing,
                Some(_) => Direction::Steady,
            };
            (b, prev, direction)
        }
    };
    Trend {
        level: now.level.clone(),
        level_label: now.level_label.clone(),
        level_rank: now.level_rank,
        date: now.date.clone(),
        in_progress: !now.complete,
        direction,
        since: since.map(|p| Since {
            level_label: p.level_label.clone(),
            date: p.date.clone(),
            unsaved_copy: p.unsaved_copy_of.is_some(),
            raised_from: p
                .judgement
                .as_ref()
                .filter(|j| j.raised)
                .map(|j| j.from_label.clone()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{BUNDLED, from_str};

    fn oxfordshire() -> Questionnaire {
        from_str(BUNDLED[0].text).unwrap_or_else(|p| panic!("{p:?}"))
    }

    /// Screenings at these levels ("l", "m", "h"; a trailing `?` marks one in progress),
    /// four weeks apart.
    fn points(q: &Questionnaire, levels: &[&str]) -> Vec<Point> {
        levels
            .iter()
            .enumerate()
            .map(|(n, l)| {
                let id = match l.trim_end_matches('?') {
                    "l" => "low",
                    "m" => "medium",
                    _ => "high",
                };
                let rank = q.levels.iter().position(|x| x.id == id).unwrap_or(0);
                Point {
                    file: format!("{n}.yaml"),
                    unsaved_copy_of: None,
                    identity: n.to_string(),
                    case_reference: "EX-0001".to_owned(),
                    date: format!("2026-0{}-01", n + 1),
                    dated_after_today: false,
                    complete: !l.ends_with('?'),
                    questionnaire: q.id.clone(),
                    version: q.version.clone(),
                    score: 0,
                    level: id.to_owned(),
                    level_label: q.levels[rank].label.clone(),
                    level_rank: rank,
                    could_reach_rank: None,
                    routes: Vec::new(),
                    judgement: None,
                    review_due: None,
                    review_interval_days: 28,
                    review_as_for: None,
                }
            })
            .collect()
    }

    /// Which escalation rules fire: "not reducing", "rising", both or neither.
    fn fired(levels: &[&str]) -> (bool, bool) {
        let q = oxfordshire();
        let e = escalation(&points(&q, levels), |_| Some(&q));
        let because = e.map(|e| e.because).unwrap_or_default();
        (
            because.iter().any(|b| b.starts_with("Not reducing")),
            because.iter().any(|b| b.starts_with("Rising")),
        )
    }

    #[test]
    fn review_dates_add_days_across_months_and_years() {
        assert_eq!(review_due("2026-11-24", 42).as_deref(), Some("2027-01-05"));
        assert_eq!(review_due("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(review_due("not a date", 1), None);
    }

    #[test]
    fn review_statuses_are_written_as_before() {
        let written = [
            ReviewStatus::Due,
            ReviewStatus::DueToday,
            ReviewStatus::Overdue,
            ReviewStatus::Unknown,
        ]
        .map(|s| serde_json::to_string(&s).unwrap_or_default());
        assert_eq!(
            written,
            ["\"due\"", "\"due_today\"", "\"overdue\"", "\"unknown\""]
        );
    }

    #[test]
    fn the_bundled_settings_are_three_screenings_from_medium_and_rising() {
        let q = oxfordshire();
        let esc = q
            .escalation
            .as_ref()
            .unwrap_or_else(|| panic!("no escalation"));
        assert_eq!(
            (esc.not_reducing_after, q.levels[esc.from_level].id.as_str()),
            (3, "medium")
        );
        assert!(esc.when_rising);
        assert_eq!(q.routes[esc.route].id, "complex_case_panel");
    }

    #[test]
    fn escalation_follows_the_documented_rules() {
        let cases: [(&[&str], (bool, bool)); 14] = [
            (&["m"], (false, false)),
            (&["m", "m"], (false, false)),
            (&["m", "m", "m"], (true, false)),
            (&["m", "m", "h"], (true, true)),
            (&["m", "h", "m"], (true, false)),
            (&["h", "m", "m"], (false, false)),
            (&["h", "h", "m"], (false, false)),
            (&["h", "m", "l"], (false, false)),
            (&["l", "m", "h"], (false, true)),
            (&["l", "h"], (false, false)),
            (&["l", "l", "l"], (false, false)),
            (&["h", "h", "h", "h"], (true, false)),
            (&["m", "m", "m", "l"], (false, false)),
            (&["h", "l", "m", "h"], (false, true)),
        ];
        for (levels, want) in cases {
            assert_eq!(fired(levels), want, "{levels:?}");
        }
    }

    #[test]
    fn a_screening_in_progress_can_trigger_escalation_but_never_prevent_it() {
        // In progress and higher: a lower bound that already shows the risk rising.
        assert_eq!(fired(&["m", "m", "h?"]), (true, true));
        // In progress and lower: it may still rise as it is answered, so the complete
        // screenings decide.
        assert_eq!(fired(&["m", "m", "m", "l?"]), (true, false));
        // Too early to tell from what is complete, and the part done is low.
        assert_eq!(fired(&["m", "m", "l?"]), (false, false));
        let q = oxfordshire();
        let e = escalation(&points(&q, &["m", "m", "h?"]), |_| Some(&q));
        let because = e.map(|e| e.because).unwrap_or_default();
        assert!(
            because[0].contains("High on 2026-03-01 (in progress)"),
            "{because:?}"
        );
    }

    /// Levels are ranks within a questionnaire: SERAF's Category 4 is rank 3, Oxfordshire's
    /// High rank 2. Neither is read as higher than the other.
    #[test]
    fn screenings_of_another_questionnaire_neither_end_an_escalation_nor_set_a_trend() {
        let q = oxfordshire();
        let seraf = crate::questionnaire::bundled("seraf").unwrap_or_else(|| panic!("seraf"));
        let seraf = from_str(seraf.text).unwrap_or_else(|p| panic!("{p:?}"));
        let of = |id: &str| [&q, &seraf].into_iter().find(|x| x.id == id);
        // High three times, then a SERAF screening (SERAF has no escalation settings).
        let mut p = points(&q, &["h", "h", "h", "l"]);
        p[3].questionnaire = seraf.id.clone();
        p[3].level_rank = 3;
        p[3].level_label = seraf.levels[3].label.clone();
        let e = escalation(&p, of).map(|e| e.because).unwrap_or_default();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("Not reducing: at Medium or above at each of the last 3"));
        assert_eq!(
            e[1],
            "Judged on this case's oxfordshire-cse screenings only: its screenings with seraf \
             have levels of their own, which are not compared with these."
        );
        let t = trend(&p);
        assert_eq!(t.direction, Direction::NotCompared);
        assert_eq!(
            t.sentence(),
            "Category 4 (significant risk); the screening before (High on 2026-03-01) used \
             another questionnaire, whose levels are not compared with these"
        );
        // Category 4 then High is not "reducing"; with a SERAF screening in between, High
        // three times is still three screenings at High.
        let redate = |p: &mut Vec<Point>| {
            for (n, x) in p.iter_mut().enumerate() {
                x.date = format!("2026-0{}-01", n + 1);
            }
        };
        p.swap(2, 3);
        redate(&mut p);
        assert_eq!(trend(&p).direction, Direction::NotCompared);
        assert!(escalation(&p, of).is_some());
        // A SERAF screening in progress after them does not raise the level now.
        p.swap(2, 3);
        redate(&mut p);
        p[3].complete = false;
        assert_eq!(p[3].questionnaire, "seraf");
        assert_eq!(trend(&p).level_label, "High");
    }

    /// More concern never takes an escalation away or lowers the level now (found in review
    /// of the same-day, in-progress and wrong-date rules).
    #[test]
    fn a_higher_screening_one_in_progress_or_a_wrong_date_never_removes_an_escalation() {
        let q = oxfordshire();
        let of = |_: &str| Some(&q);
        // Medium three times, and a High on the first day: the order within that day is not
        // known, so the first of the last three is read at its lowest.
        let mut p = points(&q, &["m", "h", "m", "m"]);
        p[1].date = p[0].date.clone();
        assert!(escalation(&p, of).is_some());
        // A lower screening in progress after a higher one in progress.
        assert!(escalation(&points(&q, &["m", "m", "h?"]), of).is_some());
        assert!(escalation(&points(&q, &["m", "m", "h?", "l?"]), of).is_some());
        // A complete Low dated after today does not lower a High in progress, nor hide the
        // review of a High before it.
        let mut p = points(&q, &["h?", "l"]);
        p[1].dated_after_today = true;
        assert_eq!(trend(&p).level_label, "High");
        let mut p = points(&q, &["h", "l"]);
        p[0].review_due = Some("2026-01-29".to_owned());
        p[1].dated_after_today = true;
        let r = review(&p, jiff::civil::date(2026, 3, 1));
        assert_eq!(
            (r.from_screening.as_str(), r.status),
            ("2026-01-01", ReviewStatus::Overdue)
        );
        // A later questionnaire with escalation settings of its own is the current
        // judgement: older screenings with another tool do not escalate over it.
        let national = crate::questionnaire::bundled("national-cse")
            .map(|b| from_str(b.text).unwrap_or_else(|p| panic!("{p:?}")))
            .unwrap_or_else(|| panic!("national-cse"));
        let both = |id: &str| [&q, &national].into_iter().find(|x| x.id == id);
        let mut p = points(&q, &["m", "m", "m", "l", "l", "l"]);
        for x in &mut p[3..] {
            x.questionnaire = national.id.clone();
        }
        assert!(escalation(&p, both).is_none());
    }

    #[test]
    fn a_record_and_its_unsaved_copies_are_one_screening_at_the_highest_level() {
        let q = oxfordshire();
        // m, then a record at m with two copies of it (m and h), named with `./`.
        let mut p = points(&q, &["m", "m", "m", "h"]);
        for (i, copy) in [(2, "1.unsaved-1.yaml"), (3, "1.unsaved-2.yaml")] {
            p[i].file = copy.to_owned();
            p[i].unsaved_copy_of = Some("./1.yaml".to_owned());
            p[i].date = p[1].date.clone();
        }
        let kept: Vec<&str> = one_per_screening(&p)
            .iter()
            .map(|p| p.file.as_str())
            .collect();
        assert_eq!(kept, ["0.yaml", "1.unsaved-2.yaml"]);
        // Two screenings, not four: rising, not "not reducing" over three.
        let e = escalation(&p, |_| Some(&q))
            .map(|e| e.because)
            .unwrap_or_default();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with(
                "Rising: from Medium on 2026-01-01 to High on 2026-02-01 (unsaved copy)"
            ),
            "{e:?}"
        );
        // The level now and the review come from the copy at the higher level.
        assert_eq!(trend(&p).level_label, "High");
        assert!(review(&p, jiff::civil::date(2026, 2, 2)).from_unsaved_copy);
        // Level with the record, the record stands; a copy alone is a screening.
        p[3].level_rank = p[1].level_rank;
        let kept: Vec<&str> = one_per_screening(&p)
            .iter()
            .map(|p| p.file.as_str())
            .collect();
        assert_eq!(kept, ["0.yaml", "1.yaml"]);
        p.remove(1);
        let kept: Vec<&str> = one_per_screening(&p)
            .iter()
            .map(|p| p.file.as_str())
            .collect();
        assert_eq!(kept, ["0.yaml", "1.unsaved-1.yaml"]);
    }
}
