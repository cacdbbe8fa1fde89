//! The caseload as a fold: each scored screening is added to its case as it arrives, and a case keeps only the screenings its report can still need, so memory grows with cases, not screenings.
//!
//! Pure. The rules are those of [`history::group`] (each screening counted once, cases keyed
//! by [`reference::case_key`], screenings after the as-of date left out unless dated after
//! today), and each case is judged by `history`'s own functions on the screenings kept,
//! which are exactly the ones those functions read:
//!
//! - the latest `window` screenings, and the latest `window` complete ones (the escalation
//!   rules look back `not_reducing_after` screenings, at least 2 for "rising");
//! - the screenings in progress after the latest complete one that no later one of them
//!   equals or passes in level (the trend takes the highest, the latest of equals);
//! - the oldest (its reference is the one shown, and it places the next arrival);
//! - the same, with a window of 1, among the screenings up to the end of each of the
//!   [`MONTHS`](super::MONTHS) months (only the level each case was at then is shown);
//! - every unsaved copy and every record with a copy among them (`history` counts a record
//!   and its copies as one screening), and every screening dated after today (judged with
//!   and without); each of them also widens the windows by one;
//! - the other screenings of the day of each window's oldest, and back to a screening of an
//!   earlier day than its newest (the order within a day is not known, so `history`
//!   compares with an earlier day);
//! - the same windows among each questionnaire's own screenings, where a case has more than
//!   one (levels of two questionnaires are not compared);
//! - before the screenings kept for escalation, those their holds rest on
//!   ([`history::holds`]): the one before a screening resting on answers not known, and,
//!   after a screening raised by professional judgement, every one back to it that could
//!   carry its level (found in review: both were dropped, and `caseload` did not escalate
//!   a case `history` did).
//!
//! A screening that none of these needs can never be needed again, whatever arrives later
//! (a later or earlier arrival only pushes it further from each of them), so it is dropped.
//! The one exception is a record dropped before its unsaved copy arrives. The walk lists a
//! folder by name, and a record and its copies share a folder. `X.unsaved-1.yaml` comes
//! before `X.yaml`; `X.json` comes before `X.unsaved-1.json`, and between them come only
//! names that start with `X.` too, which would have to be later screenings of the same case
//! for the record to be dropped, so this does not arise in practice. Another is a screening
//! raised by professional judgement that arrives after later screenings of its case were
//! dropped (a folder walked by name lists dated files in date order, so this is rare): a
//! later one may then be held at the judged level where `history` does not hold it, which
//! says more concern, never less.
//! Everything else is a running total, a count, or a maximum, and the missing episodes
//! are kept as the screenings at which the known total rose ([`Record`]). Screenings are
//! ordered by date, then file, then their place in the input (`seq`), so the result does not
//! depend on the order they arrive in; of several copies of one screening the first added
//! stands for it, as in `group` (the pipeline hands results over in input order).
//!
//! Per screening, only a 32-byte hash of its identity (and the file's device and inode) is
//! kept, to count copies once.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use super::{CaseRow, Caseload, EscalationDue, InProgress, Raised, SIGNIFICANT, Summary};
use crate::engine::{Answer, CuriosityKind, CuriosityStatus};
use crate::history::{self, Point};
use crate::questionnaire::Questionnaire;
use crate::reference;
use crate::screening::Scored;

/// A screening date as written: a date, or (never from a file that loaded, whose date was
/// checked) the text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Day {
    Date(jiff::civil::Date),
    Text(Box<str>),
}

impl Day {
    fn new(s: &str) -> Day {
        match crate::answers::parse_date(s) {
            Some(d) if d.to_string() == s => Day::Date(d),
            _ => Day::Text(s.into()),
        }
    }

    fn text(&self) -> String {
        match self {
            Day::Date(d) => d.to_string(),
            Day::Text(t) => t.to_string(),
        }
    }

    fn date(&self) -> Option<jiff::civil::Date> {
        match self {
            Day::Date(d) => Some(*d),
            Day::Text(t) => crate::answers::parse_date(t),
        }
    }
}

/// As the texts compare (a checked date's text is its `YYYY-MM-DD`, which sorts as dates do).
impl Ord for Day {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Day::Date(a), Day::Date(b)) => a.cmp(b),
            _ => self.text().cmp(&other.text()),
        }
    }
}

impl PartialOrd for Day {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What a case keeps of one of its screenings.
#[derive(Debug, Clone)]
struct Entry<'q> {
    day: Day,
    file: Box<str>,
    /// Its place in the input: the last tie-break, as the input order is in `group`.
    seq: u64,
    questionnaire: &'q Questionnaire,
    /// The level's rank in `questionnaire`.
    rank: usize,
    /// Days to its review: the level's own, or sooner when something not known could raise
    /// the level ([`crate::engine::Assessment::review_interval_days`]).
    interval: u32,
    /// The rank of the level whose interval that is, when not its own.
    as_for: Option<usize>,
    /// [`Point::could_reach_rank`].
    could_reach: Option<u8>,
    complete: bool,
    dated_after_today: bool,
    /// Its professional judgement, if it records one: whether it raised the level, the rank
    /// the answers give and the practitioner's (the reason is never kept: a caseload does
    /// not show it).
    judgement: Option<(bool, usize, usize)>,
}

impl Entry<'_> {
    /// Raised by professional judgement.
    fn raised(&self) -> bool {
        self.judgement.is_some_and(|(raised, ..)| raised)
    }

    /// [`history::answers_rank`].
    fn answers_rank(&self) -> usize {
        match self.judgement {
            Some((true, from, _)) => from,
            _ => self.rank,
        }
    }

    /// Rests on answers not known that could raise it ([`history::holds`]).
    fn rests_on_not_known(&self) -> bool {
        self.could_reach.is_some_and(|r| usize::from(r) > self.rank)
    }

    /// Its place among its case's screenings, as [`history::group`] orders them.
    fn order(&self) -> (&Day, usize, &str, u64) {
        (&self.day, self.rank, &self.file, self.seq)
    }

    /// The [`Point`] `history` would have made of it (without what a caseload never reads:
    /// identity, reference, version, score, routes).
    fn point(&self) -> Point {
        let level = self.questionnaire.levels.get(self.rank);
        let interval = self.interval;
        let date = self.day.text();
        Point {
            file: self.file.to_string(),
            unsaved_copy_of: crate::store::unsaved_copy_of(&self.file),
            identity: String::new(),
            case_reference: String::new(),
            review_due: if self.dated_after_today {
                None
            } else {
                history::review_due(&date, interval)
            },
            date,
            dated_after_today: self.dated_after_today,
            complete: self.complete,
            questionnaire: self.questionnaire.id.clone(),
            version: String::new(),
            score: 0,
            level: level.map(|l| l.id.clone()).unwrap_or_default(),
            level_label: level.map(|l| l.label.clone()).unwrap_or_default(),
            level_rank: self.rank,
            could_reach_rank: self.could_reach,
            routes: Vec::new(),
            judgement: self.judgement.map(|(raised, from, to)| {
                let label = |r: usize| {
                    self.questionnaire
                        .levels
                        .get(r)
                        .map(|l| (l.id.clone(), l.label.clone()))
                        .unwrap_or_default()
                };
                let ((from_id, from_label), (to_id, to_label)) = (label(from), label(to));
                history::Judgement {
                    raised,
                    from: from_id,
                    from_label,
                    from_rank: from,
                    raise_to: to_id,
                    raise_to_label: to_label,
                    raise_to_rank: to,
                    reason: String::new(),
                    practitioner: String::new(),
                    agency: String::new(),
                }
            }),
            review_interval_days: interval,
            review_as_for: self
                .as_for
                .and_then(|r| self.questionnaire.levels.get(r))
                .map(|l| l.label.clone()),
        }
    }
}

/// One scored screening as the fold takes it, made where it was scored.
#[derive(Debug, Clone)]
pub struct Seen<'q> {
    /// SHA-256 of its [`crate::answers::Screening::identity`] (or the caller's stand-in).
    identity: [u8; 32],
    /// [`reference::case_key`] of its reference.
    key: String,
    /// Its reference as written.
    case_reference: String,
    entry: Entry<'q>,
    summary: Summary<'q>,
    /// For each watched indicator (by its place in [`watched`]'s list) answered yes: the
    /// episodes known (the follow-up's count, at least 1), and whether a count was recorded.
    missing: Vec<(usize, u32, bool)>,
}

/// What the fold keeps of one scored screening. `identity` is its
/// [`crate::answers::Screening::identity`] (or the caller's stand-in); `watch` is
/// [`watched`]'s list.
pub fn seen<'q>(
    s: &Scored<'q>,
    identity: &str,
    today: jiff::civil::Date,
    watch: &[(String, String)],
) -> Seen<'q> {
    let q = s.questionnaire;
    let a = &s.assessment;
    let sc = &s.screening.screening;
    let missing = watch
        .iter()
        .enumerate()
        .filter_map(|(i, (indicator, follow_up))| {
            let e = s.screening.answers.get(indicator)?;
            let count = e.follow_up.get(follow_up).copied();
            (e.answer == Answer::Yes).then(|| (i, count.unwrap_or(1).max(1), count.is_some()))
        })
        .collect();
    // Answered not known (not merely not reached yet: a screening left in progress is a
    // reason of its own), and either of the questionnaire's significant category or such
    // that a "yes" alone would raise the level or add a route. A screening marked complete
    // has nothing still to be reached: a question it left unanswered is scored as not known,
    // and counts as one here (found in review: a complete screening of a 12-year-old with
    // sexual contact never asked about was "not known: 0" and left off the attention list).
    let complete = sc.status == crate::answers::Status::Complete;
    let counted = |status: CuriosityStatus| {
        status == CuriosityStatus::NotKnown || (complete && status == CuriosityStatus::Unanswered)
    };
    let not_known: Vec<&crate::engine::IndicatorRef> = a
        .not_known
        .iter()
        .chain(a.unanswered.iter().filter(|_| complete))
        .collect();
    let mut significant_not_known: Vec<usize> = a
        .curiosity
        .iter()
        .filter(|c| {
            c.kind == CuriosityKind::Indicator
                && counted(c.status)
                && (c.raises_to.is_some() || !c.adds_routes.is_empty())
        })
        .filter_map(|c| q.indicator(&c.id))
        .chain(
            not_known
                .iter()
                .filter_map(|r| q.indicator(&r.id))
                .filter(|&i| {
                    q.indicators
                        .get(i)
                        .and_then(|ind| q.categories.get(ind.category))
                        .is_some_and(|c| c.id == SIGNIFICANT)
                }),
        )
        .collect();
    significant_not_known.sort_unstable();
    significant_not_known.dedup();
    let summary = Summary {
        questionnaire: q,
        practitioner: sc.practitioner.clone(),
        agency: sc.agency.clone(),
        not_known: not_known.len(),
        significant_not_known,
        could_reach: a
            .could_reach
            .as_ref()
            .filter(|_| !not_known.is_empty())
            .map(|l| l.label.clone()),
        // Counted above only where the screening is marked complete, as any unanswered one.
        not_asked: s
            .not_asked
            .as_ref()
            .filter(|n| complete && !n.indicators.is_empty())
            .map(|n| crate::caseload::NotAsked {
                count: n.indicators.len(),
                questionnaire: n.id.clone(),
                made_with: n.made_with.clone(),
            }),
        raised: a
            .judgement
            .as_ref()
            .filter(|j| j.raised)
            .map(|j| (j.from_label.clone(), j.raise_to_label.clone())),
        below: history::judgement(q, a)
            .filter(|j| !j.raised && j.raise_to_rank < a.level.rank)
            .map(|j| (j.raise_to_label, a.level.label.clone())),
        immediate_danger: q.routes.get(q.immediate_danger).and_then(|danger| {
            a.routes
                .iter()
                .any(|r| r.id == danger.id)
                .then(|| danger.title.clone())
        }),
    };
    let date = crate::answers::parse_date(&sc.date);
    Seen {
        identity: Sha256::digest(identity.as_bytes()).into(),
        key: reference::case_key(&sc.case_reference),
        case_reference: sc.case_reference.clone(),
        entry: Entry {
            day: Day::new(&sc.date),
            file: s.file.as_str().into(),
            seq: 0,
            questionnaire: q,
            rank: a.level.rank,
            interval: a.review_interval_days,
            as_for: a
                .review_as_for
                .as_ref()
                .and_then(|r| q.levels.iter().position(|l| l.id == r.level)),
            could_reach: history::could_reach_rank(q, a),
            complete: sc.status == crate::answers::Status::Complete,
            dated_after_today: date.is_some_and(|d| d > today),
            judgement: history::judgement(q, a).map(|j| (j.raised, j.from_rank, j.raise_to_rank)),
        },
        summary,
        missing,
    }
}

/// The (indicator, follow-up) pairs any of `questionnaires` counts missing episodes with.
pub fn watched<'a>(
    questionnaires: impl Iterator<Item = &'a Questionnaire>,
) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = questionnaires
        .filter_map(|q| {
            let m = q.escalation.as_ref()?.missing.as_ref()?;
            let ind = q.indicators.get(m.indicator)?;
            Some((ind.id.clone(), ind.follow_ups.get(m.follow_up)?.id.clone()))
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// A screening at which the missing episodes known rose above all those before it.
#[derive(Debug, Clone)]
struct Record {
    day: Day,
    rank: usize,
    file: Box<str>,
    seq: u64,
    episodes: u32,
}

impl Record {
    fn order(&self) -> (&Day, usize, &str, u64) {
        (&self.day, self.rank, &self.file, self.seq)
    }
}

#[derive(Debug, Default)]
struct Case<'q> {
    /// The reference of the oldest screening, as written.
    first_reference: String,
    screenings: usize,
    duplicates: usize,
    /// Oldest first; only those still needed (see the module's documentation).
    entries: Vec<Entry<'q>>,
    /// The latest screening's summary.
    latest: Option<Summary<'q>>,
    /// By watched pair: the screenings at which the episodes known rose, oldest first.
    missing: Vec<(usize, Vec<Record>)>,
    /// The watched pairs answered yes with no count recorded at some screening, as
    /// `history` says "at least" of them.
    unrecorded: Vec<usize>,
    /// The latest screening whose questionnaire counts missing episodes, and that
    /// questionnaire: its settings count them when the latest screening's questionnaire
    /// counts none (found in review: a child missing five times, screened next with SERAF,
    /// read "missing: none recorded"), as `history` counts them.
    counting: Option<(Record, &'q Questionnaire)>,
}

impl<'q> Case<'q> {
    fn add(&mut self, seen: Seen<'q>, window: usize, ends: &[jiff::civil::Date], prune: bool) {
        let Seen {
            case_reference,
            entry,
            summary,
            missing,
            ..
        } = seen;
        let pos = self.entries.partition_point(|e| e.order() < entry.order());
        if pos == 0 {
            self.first_reference = case_reference;
        }
        if pos == self.entries.len() {
            self.latest = Some(summary);
        }
        if entry.questionnaire.counts_missing_episodes()
            && self
                .counting
                .as_ref()
                .is_none_or(|(r, _)| r.order() < entry.order())
        {
            let at = Record {
                day: entry.day.clone(),
                rank: entry.rank,
                file: entry.file.clone(),
                seq: entry.seq,
                episodes: 0,
            };
            self.counting = Some((at, entry.questionnaire));
        }
        for (w, episodes, recorded) in missing {
            self.record(w, &entry, episodes);
            if !recorded && !self.unrecorded.contains(&w) {
                self.unrecorded.push(w);
            }
        }
        self.screenings += 1;
        self.entries.reserve_exact(1);
        self.entries.insert(pos, entry);
        if prune {
            self.prune(window, ends);
        }
    }

    /// Keeps `e` as a rise in the episodes known (for watched pair `w`) if it is one, and
    /// drops the later records it makes no longer rises.
    fn record(&mut self, w: usize, e: &Entry<'q>, episodes: u32) {
        let i = match self.missing.iter().position(|(x, _)| *x == w) {
            Some(i) => i,
            None => {
                self.missing.push((w, Vec::new()));
                self.missing.len() - 1
            }
        };
        let chain = &mut self.missing[i].1;
        let pos = chain.partition_point(|r| r.order() < e.order());
        let before = pos.checked_sub(1).map_or(0, |p| chain[p].episodes);
        if episodes <= before {
            return;
        }
        let end = pos
            + chain[pos..]
                .iter()
                .take_while(|r| r.episodes <= episodes)
                .count();
        chain.splice(
            pos..end,
            [Record {
                day: e.day.clone(),
                rank: e.rank,
                file: e.file.clone(),
                seq: e.seq,
                episodes,
            }],
        );
    }

    /// Drops the screenings nothing can need any more.
    fn prune(&mut self, window: usize, ends: &[jiff::civil::Date]) {
        let mut keep = vec![false; self.entries.len()];
        if let Some(k) = keep.first_mut() {
            *k = true;
        }
        // A record and its unsaved copies count as one screening (`history`'s
        // `one_per_screening`): each of them is kept, and each widens the windows by one, so
        // that the last screenings are all still there once they are counted as one.
        let records: Vec<std::path::PathBuf> = self
            .entries
            .iter()
            .filter_map(|e| crate::store::unsaved_copy_of(&e.file))
            .map(|r| history::plain_path(&r))
            .collect();
        let mut grouped = 0;
        let mut loose = vec![false; self.entries.len()];
        for ((k, l), e) in keep.iter_mut().zip(&mut loose).zip(&self.entries) {
            // A screening dated after today is judged with and without (`history`), so it
            // is kept and widens the windows too.
            let copy = !records.is_empty()
                && (crate::store::unsaved_copy_of(&e.file).is_some()
                    || records.contains(&history::plain_path(&e.file)));
            if copy || e.dated_after_today {
                *k = true;
                *l = true;
                grouped += 1;
            }
        }
        let mark = |among: &[usize], window: usize, keep: &mut [bool]| {
            mark(&self.entries, &loose, among, window, keep);
        };
        let all: Vec<usize> = (0..self.entries.len()).collect();
        mark(&all, window + grouped, &mut keep);
        let mut questionnaires: Vec<&Questionnaire> = Vec::new();
        // Escalation judges each questionnaire's screenings on their own: the windows of
        // each, where a case has screenings of more than one.
        let first = self.entries.first().map(|e| e.questionnaire);
        if self
            .entries
            .iter()
            .any(|e| first.is_some_and(|f| !std::ptr::eq(f, e.questionnaire)))
        {
            let mut done: Vec<&Questionnaire> = Vec::new();
            for e in &self.entries {
                if done.iter().any(|d| std::ptr::eq(*d, e.questionnaire)) {
                    continue;
                }
                done.push(e.questionnaire);
                let own: Vec<usize> = (0..self.entries.len())
                    .filter(|&i| std::ptr::eq(self.entries[i].questionnaire, e.questionnaire))
                    .collect();
                mark(&own, window + grouped, &mut keep);
            }
        }
        // The screenings the holds of those kept for escalation rest on.
        for e in &self.entries {
            if !questionnaires
                .iter()
                .any(|d| std::ptr::eq(*d, e.questionnaire))
            {
                questionnaires.push(e.questionnaire);
            }
        }
        for q in questionnaires {
            let own: Vec<usize> = (0..self.entries.len())
                .filter(|&i| std::ptr::eq(self.entries[i].questionnaire, q))
                .collect();
            let complete: Vec<usize> = own
                .iter()
                .copied()
                .filter(|&i| self.entries[i].complete)
                .collect();
            for seq in [&own, &complete] {
                held_by(&self.entries, &loose, seq, &mut keep);
            }
        }
        // At each month's end only the level is shown, which needs no screening before the
        // last complete one: a window of 1.
        for &end in ends {
            let upto = upto(&self.entries, end);
            mark(&all[..upto], 1 + grouped, &mut keep);
        }
        let mut k = keep.into_iter();
        self.entries.retain(|_| k.next().unwrap_or(true));
    }

    /// The rises in episodes known for the missing indicator of `q` (the latest
    /// screening's questionnaire), its threshold, and whether a screening answered it yes
    /// with no count; `None` when `q` counts none or no screening answered it yes.
    fn missing(
        &self,
        q: &Questionnaire,
        watch: &[(String, String)],
    ) -> Option<(&[Record], u32, bool)> {
        let m = q.escalation.as_ref()?.missing.as_ref()?;
        let ind = q.indicators.get(m.indicator)?;
        let follow_up = &ind.follow_ups.get(m.follow_up)?.id;
        let w = watch
            .iter()
            .position(|(i, f)| *i == ind.id && f == follow_up)?;
        let (_, chain) = self.missing.iter().find(|(x, _)| *x == w)?;
        (!chain.is_empty()).then_some((chain.as_slice(), m.at_least, self.unrecorded.contains(&w)))
    }
}

/// How many of `entries` (oldest first) make up the history up to `end`, as `caseload`
/// has always counted them: those dated up to `end`, less those dated after today.
fn upto(entries: &[Entry<'_>], end: jiff::civil::Date) -> usize {
    entries
        .iter()
        .take_while(|e| e.day.date().is_none_or(|d| d <= end))
        .filter(|e| !e.dated_after_today)
        .count()
}

/// Marks in `keep` what `history::trend`, `review` and `escalation` read of the `entries`
/// at `among` (oldest first): the last `window`, the last `window` complete, and the
/// screenings in progress after the last complete one that no later one equals or passes in
/// level.
fn mark(entries: &[Entry<'_>], loose: &[bool], among: &[usize], window: usize, keep: &mut [bool]) {
    // The last `window`, and the last `window` complete; each with the other screenings of
    // its oldest one's day, and reaching back to a screening of an earlier day than its
    // newest with a real date, which `history` compares with (the order within a day is not
    // known). `loose` ones (copies, records with copies, dates after today) are kept
    // anyway, and do not count as that earlier screening, which they may not stand for.
    let complete: Vec<usize> = among
        .iter()
        .copied()
        .filter(|&i| entries[i].complete)
        .collect();
    for seq in [among, complete.as_slice()] {
        let newest_real = seq
            .iter()
            .rev()
            .find(|&&i| !entries[i].dated_after_today)
            .map(|&i| &entries[i].day);
        let (mut kept, mut oldest, mut reached) = (0usize, None::<&Day>, false);
        for &i in seq.iter().rev() {
            let e = &entries[i];
            if kept >= window && reached && oldest.is_none_or(|d| e.day != *d) {
                break;
            }
            keep[i] = true;
            if kept < window {
                oldest = Some(&e.day);
            }
            kept += 1;
            if !loose[i] && newest_real.is_some_and(|d| e.day < *d) {
                reached = true;
            }
        }
    }
    // Ranks are compared within a questionnaire only, as `history::trend` compares them.
    let mut highest: Vec<(&Questionnaire, usize)> = Vec::new();
    for &i in among.iter().rev() {
        let e = &entries[i];
        if e.complete {
            break;
        }
        match highest
            .iter_mut()
            .find(|(q, _)| std::ptr::eq(*q, e.questionnaire))
        {
            Some((_, h)) if e.rank <= *h => {}
            Some((_, h)) => {
                keep[i] = true;
                *h = e.rank;
            }
            None => {
                keep[i] = true;
                highest.push((e.questionnaire, e.rank));
            }
        }
    }
}

/// Marks in `keep` the screenings that the [`history::holds`] of those kept among `seq`
/// (oldest first, one questionnaire's) rest on: a screening resting on answers not known is
/// held by the one before it, and one after a screening raised by professional judgement
/// may carry that judgement's level (found in review: a case held by either read "not
/// reducing" in `history` and not in `caseload`, which had dropped the screening it was held
/// by). Kept from the newest back, so a chain is kept whole; it ends at a screening whose
/// hold needs nothing before it (not resting on answers not known, and raised by its own
/// judgement or after no judgement it could carry). `loose` ones are kept anyway, and keep
/// the one before them, since `history` judges with and without some of them.
fn held_by(entries: &[Entry<'_>], loose: &[bool], seq: &[usize], keep: &mut [bool]) {
    for k in (1..seq.len()).rev() {
        let e = &entries[seq[k]];
        let carries = !e.raised()
            && seq[..k].iter().any(|&i| {
                let j = &entries[i];
                j.judgement
                    .is_some_and(|(raised, from, _)| raised && from <= e.answers_rank())
            });
        if keep[seq[k]] && (e.rests_on_not_known() || carries || loose[seq[k]]) {
            keep[seq[k - 1]] = true;
        }
    }
}

/// Where a screening counted goes: the slot of its case, or `None` when it was left out
/// (dated after the as-of date).
type Target = Option<u32>;

/// A caseload being read: [`Fold::add`] each screening, then [`Fold::finish`].
#[derive(Debug)]
pub struct Fold<'q> {
    as_of: jiff::civil::Date,
    in_progress_days: u32,
    /// How many screenings back the escalation rules of any loaded questionnaire look.
    window: usize,
    watch: Vec<(String, String)>,
    /// The first day of each month shown, and its last day counted (the as-of date in its
    /// month).
    months: Vec<jiff::civil::Date>,
    ends: Vec<jiff::civil::Date>,
    slots: HashMap<Box<str>, u32>,
    cases: Vec<Case<'q>>,
    /// Each screening counted, by its identity's hash.
    identities: HashMap<[u8; 32], Target>,
    /// Each file read, by device and inode.
    files: HashMap<(u64, u64), Target>,
    read: usize,
    screenings: usize,
    after_as_of: usize,
    after_today: usize,
    unsaved_copies: usize,
    significant_gaps: usize,
    month_screenings: Vec<usize>,
    /// Each level label, with its rank where it is first met in the order of cases and
    /// their screenings (the order `caseload` has always met them in).
    levels: BTreeMap<String, (LevelSeen, usize)>,
    prune: bool,
}

/// Where a level label was met: case key, date, file, place in the input.
type LevelSeen = (Box<str>, Day, Box<str>, u64);

impl<'q> Fold<'q> {
    /// An empty caseload as of `as_of`, of screenings scored with `questionnaires` (all
    /// that may be met); a screening in progress for more than `in_progress_days` days
    /// counts as left in progress.
    pub fn new(
        questionnaires: &[&'q Questionnaire],
        as_of: jiff::civil::Date,
        in_progress_days: u32,
    ) -> Self {
        let window = questionnaires
            .iter()
            .filter_map(|q| q.escalation.as_ref())
            .map(|e| usize::try_from(e.not_reducing_after).unwrap_or(usize::MAX))
            .fold(2, usize::max);
        let months = super::month_starts(as_of);
        let ends = months
            .iter()
            .map(|s| s.last_of_month().min(as_of))
            .collect();
        Fold {
            as_of,
            in_progress_days,
            window,
            watch: watched(questionnaires.iter().copied()),
            month_screenings: vec![0; months.len()],
            months,
            ends,
            slots: HashMap::new(),
            cases: Vec::new(),
            identities: HashMap::new(),
            files: HashMap::new(),
            read: 0,
            screenings: 0,
            after_as_of: 0,
            after_today: 0,
            unsaved_copies: 0,
            significant_gaps: 0,
            levels: BTreeMap::new(),
            prune: true,
        }
    }

    /// The missing-episode pairs to look for, for [`seen`].
    pub fn watch(&self) -> &[(String, String)] {
        &self.watch
    }

    /// True when no screening was added.
    pub fn is_empty(&self) -> bool {
        self.read == 0
    }

    /// True when `file` (device and inode) was read and added.
    pub fn has_file(&self, file: (u64, u64)) -> bool {
        self.files.contains_key(&file)
    }

    /// When `file` (device and inode) was added before, under another name: counts this
    /// name as a copy of that screening and returns true.
    pub fn same_file(&mut self, file: (u64, u64)) -> bool {
        let Some(&target) = self.files.get(&file) else {
            return false;
        };
        self.copy(target);
        true
    }

    fn copy(&mut self, target: Target) {
        if let Some(c) = target.and_then(|t| self.cases.get_mut(t as usize)) {
            c.duplicates += 1;
        }
    }

    /// Adds one screening: `seq` is its place in the input (the order `group` takes
    /// entries in), `file` the device and inode of its file, if any.
    pub fn add(&mut self, seq: u64, mut seen: Seen<'q>, file: Option<(u64, u64)>) {
        self.read += 1;
        seen.entry.seq = seq;
        let target = match self.identities.get(&seen.identity) {
            Some(&target) => {
                self.copy(target);
                target
            }
            None => {
                let identity = seen.identity;
                let target = self.keep(seen);
                self.identities.insert(identity, target);
                target
            }
        };
        if let Some(f) = file {
            self.files.insert(f, target);
        }
    }

    /// Counts a screening not met before, and adds it to its case unless it is left out.
    fn keep(&mut self, seen: Seen<'q>) -> Target {
        let e = &seen.entry;
        let date = e.day.date();
        if date.is_some_and(|d| d > self.as_of) && !e.dated_after_today {
            self.after_as_of += 1;
            return None;
        }
        self.screenings += 1;
        self.after_today += usize::from(e.dated_after_today);
        self.unsaved_copies += usize::from(crate::store::unsaved_copy_of(&e.file).is_some());
        self.significant_gaps += usize::from(
            !seen.summary.significant_not_known.is_empty() || seen.summary.could_reach.is_some(),
        );
        if let Some(d) = date.filter(|_| !e.dated_after_today)
            && let Some(m) = self
                .months
                .iter()
                .position(|s| d.year() == s.year() && d.month() == s.month())
        {
            self.month_screenings[m] += 1;
        }
        if let Some(level) = e.questionnaire.levels.get(e.rank) {
            let here = (seen.key.as_str(), &e.day, &*e.file, e.seq);
            let earlier = self
                .levels
                .get(&level.label)
                .is_some_and(|((k, d, f, s), _)| (&**k, d, &**f, *s) <= here);
            if !earlier {
                self.levels.insert(
                    level.label.clone(),
                    (
                        (
                            seen.key.as_str().into(),
                            e.day.clone(),
                            e.file.clone(),
                            e.seq,
                        ),
                        e.rank,
                    ),
                );
            }
        }
        let slot = match self.slots.get(seen.key.as_str()) {
            Some(&s) => s,
            None => {
                let s = u32::try_from(self.cases.len()).unwrap_or(u32::MAX);
                self.cases.push(Case::default());
                self.slots.insert(seen.key.as_str().into(), s);
                s
            }
        };
        if let Some(c) = self.cases.get_mut(slot as usize) {
            c.add(seen, self.window, &self.ends, self.prune);
        }
        Some(slot)
    }

    /// The caseload.
    pub fn finish(self) -> Caseload {
        let Fold {
            as_of,
            in_progress_days,
            watch,
            months,
            ends,
            slots,
            cases,
            identities,
            files,
            screenings,
            after_as_of,
            after_today,
            unsaved_copies,
            significant_gaps,
            month_screenings,
            levels,
            ..
        } = self;
        drop((identities, files));
        let mut order: Vec<(Box<str>, u32)> = slots.into_iter().collect();
        order.sort_unstable();
        let mut cases: Vec<Option<Case<'_>>> = cases.into_iter().map(Some).collect();
        let mut per_month: Vec<(BTreeMap<String, usize>, usize, u64)> = month_screenings
            .into_iter()
            .map(|n| (BTreeMap::new(), n, 0))
            .collect();
        let mut rows = Vec::with_capacity(order.len());
        let mut duplicates = 0;
        for (key, slot) in order {
            let Some(c) = cases.get_mut(slot as usize).and_then(Option::take) else {
                continue;
            };
            duplicates += c.duplicates;
            let points: Vec<Point> = c.entries.iter().map(Entry::point).collect();
            for (m, &end) in ends.iter().enumerate() {
                let upto = upto(&c.entries, end);
                if upto > 0 {
                    let t = history::trend(&points[..upto]);
                    *per_month[m].0.entry(t.level_label).or_default() += 1;
                }
            }
            let q = c
                .counting
                .as_ref()
                .map(|(_, q)| *q)
                .or(c.latest.as_ref().map(|s| s.questionnaire));
            let missing = q.and_then(|q| c.missing(q, &watch));
            // The episodes first known in each month: each rise over the most known before.
            let mut known = 0u32;
            for r in missing.map_or(&[][..], |(chain, ..)| chain) {
                let new = r.episodes.saturating_sub(known);
                known = known.max(r.episodes);
                if let Some(d) = r.day.date()
                    && let Some(i) = months
                        .iter()
                        .position(|s| d.year() == s.year() && d.month() == s.month() && d <= as_of)
                {
                    per_month[i].2 += u64::from(new);
                }
            }
            rows.extend(row(
                &c,
                &points,
                key.into(),
                missing,
                as_of,
                in_progress_days,
            ));
        }
        let mut levels: Vec<(usize, String)> = levels
            .into_iter()
            .map(|(label, (_, rank))| (rank, label))
            .collect();
        levels.sort();
        super::assemble(super::Parts {
            as_of,
            in_progress_days,
            months,
            rows,
            levels,
            per_month,
            screenings,
            significant_gaps,
            duplicates,
            after_as_of,
            after_today,
            unsaved_copies,
        })
    }
}

/// The row of one case (`points` are its entries'); `None` only for a case with no
/// screening, which the fold never makes.
fn row(
    c: &Case<'_>,
    points: &[Point],
    key: String,
    missing: Option<(&[Record], u32, bool)>,
    as_of: jiff::civil::Date,
    in_progress_days: u32,
) -> Option<CaseRow> {
    let (last_point, last) = (points.last()?, c.latest.as_ref()?);
    let q = last.questionnaire;
    let review = history::review(points, as_of);
    let trend = history::trend(points);
    let episodes = missing.and_then(|(chain, ..)| chain.last().map(|r| r.episodes));
    let in_progress = (!last_point.complete).then(|| {
        let days = crate::answers::parse_date(&last_point.date)
            .and_then(|d| d.until(as_of).ok())
            .map_or(0, |s| i64::from(s.get_days()));
        InProgress {
            date: last_point.date.clone(),
            days,
            left: days > i64::from(in_progress_days),
        }
    });
    // A latest screening dated after today: what the screenings up to today say.
    let dated_after_today = last_point.dated_after_today.then(|| {
        let upto = points.iter().rposition(|p| !p.dated_after_today);
        crate::caseload::AfterToday {
            date: last_point.date.clone(),
            before: upto.map(|i| {
                let before = &points[..=i];
                crate::caseload::Before {
                    date: before[i].date.clone(),
                    level_label: history::trend(before).level_label,
                    review: history::review(before, as_of),
                }
            }),
        }
    });
    Some(CaseRow {
        case_reference: reference::matched_as(&c.first_reference),
        key,
        screenings: c.screenings,
        highest_level: trend.level_rank + 1 >= q.levels.len(),
        reviewed_as_highest: review.as_for.is_some()
            && review.as_for.as_deref() == q.levels.last().map(|l| l.label.as_str()),
        latest_screening: last_point.date.clone(),
        review,
        escalation: history::escalation(points, |id| {
            c.entries
                .iter()
                .rev()
                .find(|e| e.questionnaire.id == id)
                .map(|e| e.questionnaire)
        })
        .map(|e| EscalationDue {
            route: e.route.title,
            because: e.because,
        }),
        missing_episodes: episodes,
        missing_episodes_counted_with: c
            .counting
            .as_ref()
            .map(|(_, counting)| counting.id.clone())
            .filter(|id| episodes.is_some() && *id != q.id),
        missing_episodes_not_recorded: missing.is_some_and(|(.., unrecorded)| unrecorded),
        return_home_conversation: missing
            .zip(episodes)
            .is_some_and(|((_, at_least, _), n)| n >= at_least),
        not_known: last.not_known,
        significant_not_known: last
            .significant_not_known
            .iter()
            .filter_map(|&i| q.indicators.get(i).map(|ind| ind.prompt.clone()))
            .collect(),
        could_reach: last.could_reach.clone(),
        not_asked: last.not_asked.clone(),
        in_progress,
        raised_by_judgement: last.raised.as_ref().map(|(from, to)| Raised {
            from: from.clone(),
            to: to.clone(),
        }),
        judgement_below: last
            .below
            .as_ref()
            .map(|(view, level)| crate::caseload::JudgementBelow {
                view: view.clone(),
                level: level.clone(),
                date: last_point.date.clone(),
            }),
        practitioner: last.practitioner.clone(),
        agency: last.agency.clone(),
        duplicates: c.duplicates,
        files_not_read: 0,
        immediate_danger: last.immediate_danger.as_ref().map(|route| {
            crate::caseload::ImmediateDanger {
                date: last_point.date.clone(),
                route: route.clone(),
            }
        }),
        trend,
        dated_after_today,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{BUNDLED, from_str};

    /// A small deterministic generator (xorshift), so a failure can be run again.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    const TODAY: jiff::civil::Date = jiff::civil::date(2026, 7, 31);
    const AS_OF: jiff::civil::Date = jiff::civil::date(2026, 6, 15);

    /// `n` screenings of a few cases: dates and files that tie, some in progress, some after
    /// the as-of date or after today, some unsaved copies of a record, some with missing
    /// episodes; each with its place in the input.
    fn screenings<'q>(
        qs: &[&'q Questionnaire],
        rng: &mut Rng,
        n: usize,
        copies: bool,
    ) -> Vec<(u64, Seen<'q>)> {
        (0..n)
            .map(|i| {
                let q = qs[rng.below(qs.len())];
                let day = jiff::civil::date(2025, 5, 1)
                    .checked_add(
                        jiff::Span::new().days(i64::try_from(rng.below(60) * 8).unwrap_or(0)),
                    )
                    .unwrap_or(TODAY);
                let complete = rng.below(3) > 0;
                let rank = rng.below(q.levels.len());
                let missing = if rng.below(3) == 0 {
                    // Now and then a yes with no number of episodes (counted as one).
                    match rng.below(4) {
                        0 => vec![(0, 1, false)],
                        _ => vec![(0, u32::try_from(rng.below(6) + 1).unwrap_or(1), true)],
                    }
                } else {
                    Vec::new()
                };
                let seen = Seen {
                    identity: Sha256::digest(i.to_string().as_bytes()).into(),
                    key: format!("EX-{}", rng.below(3)),
                    case_reference: format!("ex-{i} "),
                    entry: Entry {
                        day: Day::new(&day.to_string()),
                        // Now and then an unsaved copy `screen` saved beside a record.
                        file: match rng.below(if copies { 6 } else { 4 }) {
                            k @ 0..4 => format!("f{k}.yaml"),
                            _ => format!("f{}.unsaved-1.yaml", rng.below(4)),
                        }
                        .into(),
                        seq: 0,
                        questionnaire: q,
                        rank,
                        // Now and then sooner than the level's own, as for something not known.
                        interval: q.levels[rank].review_days / (1 + rng.below(2) as u32),
                        as_for: None,
                        // Now and then resting on answers not known that could raise it.
                        could_reach: match rng.below(3) {
                            0 => u8::try_from(rng.below(q.levels.len())).ok(),
                            _ => None,
                        },
                        complete,
                        dated_after_today: day > TODAY,
                        judgement: None,
                    },
                    summary: Summary {
                        questionnaire: q,
                        practitioner: format!("P{i}"),
                        agency: String::new(),
                        not_known: rng.below(4),
                        significant_not_known: Vec::new(),
                        could_reach: None,
                        not_asked: None,
                        raised: None,
                        below: None,
                        immediate_danger: None,
                    },
                    missing,
                };
                (i as u64, seen)
            })
            .collect()
    }

    fn fold<'q>(qs: &[&'q Questionnaire], seen: &[(u64, Seen<'q>)], prune: bool) -> Caseload {
        let mut f = Fold::new(qs, AS_OF, 30);
        f.prune = prune;
        for (seq, s) in seen {
            f.add(*seq, s.clone(), None);
        }
        f.finish()
    }

    #[test]
    fn keeping_only_what_is_needed_changes_nothing_whatever_the_order_of_arrival() {
        let q = from_str(BUNDLED[0].text).unwrap_or_else(|p| panic!("{p:?}"));
        let mut rng = Rng(0x5eed);
        for trial in 0..300 {
            let n = 1 + rng.below(40);
            let mut seen = screenings(&[&q], &mut rng, n, false);
            let all = fold(&[&q], &seen, false);
            assert_eq!(fold(&[&q], &seen, true), all, "trial {trial}");
            // Any order of arrival: each screening keeps its place in the input.
            for i in (1..seen.len()).rev() {
                seen.swap(i, rng.below(i + 1));
            }
            assert_eq!(fold(&[&q], &seen, true), all, "trial {trial}, shuffled");
        }
    }

    /// Escalation judges each questionnaire's screenings on their own, so a case screened
    /// with two keeps the last screenings of each.
    #[test]
    fn keeping_only_what_is_needed_changes_nothing_with_two_questionnaires() {
        let q = from_str(BUNDLED[0].text).unwrap_or_else(|p| panic!("{p:?}"));
        let seraf = crate::questionnaire::bundled("seraf").unwrap_or_else(|| panic!("seraf"));
        let seraf = from_str(seraf.text).unwrap_or_else(|p| panic!("{p:?}"));
        let qs = [&q, &seraf];
        let mut rng = Rng(0x2b5);
        for trial in 0..300 {
            let n = 1 + rng.below(40);
            let mut seen = screenings(&qs, &mut rng, n, false);
            let all = fold(&qs, &seen, false);
            assert_eq!(fold(&qs, &seen, true), all, "trial {trial}");
            for i in (1..seen.len()).rev() {
                seen.swap(i, rng.below(i + 1));
            }
            assert_eq!(fold(&qs, &seen, true), all, "trial {trial}, shuffled");
        }
    }

    /// A screening after one raised by professional judgement may be held at the judged
    /// level, and one resting on answers not known by the one before it: the screenings they
    /// are held by are kept (`history::holds`). They arrive in date order, as a folder of
    /// dated files is walked (see the module's documentation for a judgement arriving after
    /// later screenings of its case).
    #[test]
    fn keeping_only_what_is_needed_changes_nothing_with_judgements() {
        let q = from_str(BUNDLED[0].text).unwrap_or_else(|p| panic!("{p:?}"));
        let mut rng = Rng(0x1d6e);
        let mut judged = 0;
        for trial in 0..300 {
            let n = 1 + rng.below(40);
            let mut seen = screenings(&[&q], &mut rng, n, false);
            for (_, s) in &mut seen {
                if rng.below(4) == 0 {
                    let e = &mut s.entry;
                    let to = rng.below(q.levels.len());
                    let from = rng.below(e.rank + 1);
                    e.judgement = Some((to > from && to == e.rank, from, to));
                    judged += usize::from(to > from && to == e.rank);
                }
            }
            seen.sort_by(|(a, x), (b, y)| (&x.entry.day, a).cmp(&(&y.entry.day, b)));
            for (i, (seq, _)) in seen.iter_mut().enumerate() {
                *seq = i as u64;
            }
            assert_eq!(
                fold(&[&q], &seen, true),
                fold(&[&q], &seen, false),
                "trial {trial}"
            );
        }
        assert!(judged > 0);
    }

    /// A record and its unsaved copies count as one screening, so the window of the last
    /// screenings holds more files. They arrive as the walk lists a folder, by name: a copy
    /// (`f1.unsaved-1.yaml`) just before its record (`f1.yaml`).
    #[test]
    fn keeping_only_what_is_needed_changes_nothing_with_unsaved_copies() {
        let q = from_str(BUNDLED[0].text).unwrap_or_else(|p| panic!("{p:?}"));
        let mut rng = Rng(0xc0b1e5);
        let mut copies = 0;
        for trial in 0..300 {
            let n = 1 + rng.below(40);
            let mut seen = screenings(&[&q], &mut rng, n, true);
            seen.sort_by(|(a, x), (b, y)| (&x.entry.file, a).cmp(&(&y.entry.file, b)));
            for (i, (seq, _)) in seen.iter_mut().enumerate() {
                *seq = i as u64;
            }
            copies += seen
                .iter()
                .filter(|(_, s)| s.entry.file.contains(".unsaved-"))
                .count();
            assert_eq!(
                fold(&[&q], &seen, true),
                fold(&[&q], &seen, false),
                "trial {trial}"
            );
        }
        assert!(copies > 0);
    }

    #[test]
    fn a_copy_counts_once_under_the_case_of_the_screening_it_copies() {
        let q = from_str(BUNDLED[0].text).unwrap_or_else(|p| panic!("{p:?}"));
        let mut rng = Rng(7);
        let seen = screenings(&[&q], &mut rng, 2, false);
        let mut f = Fold::new(&[&q], AS_OF, 30);
        f.add(0, seen[0].1.clone(), Some((1, 1)));
        f.add(1, seen[0].1.clone(), Some((1, 2)));
        assert!(f.same_file((1, 1)));
        f.add(2, seen[1].1.clone(), None);
        let c = f.finish();
        let kept = usize::from(seen[0].1.entry.day.date().is_some_and(|d| d <= AS_OF));
        assert_eq!(c.duplicates, 2 * kept);
    }
}
