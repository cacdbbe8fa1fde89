//! A team's or area's caseload: one row per case, what needs attention first and why, and
//! measures for managers and the board, each with its definition.
//!
//! Pure: screenings are added one by one to a [`Fold`] (the rules of [`history::group`], so
//! `history` and `caseload` never disagree about which screenings make a case), which
//! returns plain data as of a date. Each case is judged by `history`'s own functions:
//! [`history::review`], [`history::escalation`], [`history::trend`] and the rule of
//! [`history::missing`]. A case keeps only the few screenings those can still need, so memory
//! grows with the number of cases, not of screenings (docs/decisions.md, section 21).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::history::{self, Direction, ReviewStatus, Trend};
use crate::questionnaire::Questionnaire;
use crate::reference;

mod fold;

pub use fold::{Fold, Seen, seen, watched};

/// The category id of the bundled questionnaires' significant indicators: one not known is
/// always listed, even where a "yes" would change nothing the tool says (a case already at
/// the highest level).
pub const SIGNIFICANT: &str = "significant";

/// At least this many answers not known in a case's latest screening puts it on the
/// attention list, even when none of them could raise the level.
pub const MANY_NOT_KNOWN: usize = 3;

/// Months shown in the per-month measures, ending with the month of the as-of date.
pub const MONTHS: usize = 12;

/// What a caseload keeps of a case's latest screening, besides its place in the history.
#[derive(Debug, Clone)]
pub struct Summary<'q> {
    pub questionnaire: &'q Questionnaire,
    pub practitioner: String,
    pub agency: String,
    /// How many indicators were answered not known (and, in a screening marked complete, left
    /// unanswered: scored as not known).
    pub not_known: usize,
    /// The indicators answered not known that are of the `significant` category, or whose
    /// "yes" alone would raise the level or add a route (indices into the questionnaire's, in
    /// its order).
    /// Found in review: the `significant` category alone left out sexual contact, sexually
    /// transmitted infections, images, assault, missing episodes and every Pan-Cheshire item.
    pub significant_not_known: Vec<usize>,
    /// The label of the highest level finding out everything not known could bring, all
    /// together, when above the level ([`crate::engine::Assessment::could_reach`]).
    pub could_reach: Option<String>,
    /// Of `not_known`, the questions added to the questionnaire after the screening was made
    /// (never asked), with the version that added them ("oxfordshire-cse 2.7.0").
    pub not_asked: Option<NotAsked>,
    /// Raised by professional judgement: from which level label to which.
    pub raised: Option<(String, String)>,
    /// A professional judgement below the level: the practitioner's view and the level
    /// (labels). The level stands; the difference is for supervision.
    pub below: Option<(String, String)>,
    /// The title of the questionnaire's immediate-danger route (999), when a rule gave it to
    /// this screening: the child was recorded in danger, or missing, at the time.
    pub immediate_danger: Option<String>,
}

/// The whole caseload as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Caseload {
    pub as_of: String,
    /// A screening in progress counts as left in progress after this many days.
    pub in_progress_days: u32,
    /// True when case references were replaced with pseudonyms.
    pub pseudonymised: bool,
    /// Screenings counted (each once), dated on or before `as_of` or after today.
    pub screenings: usize,
    /// Paths that named a screening already counted.
    pub duplicates: usize,
    /// Screenings dated after `as_of` (and not after today), left out.
    pub after_as_of: usize,
    /// Screenings dated after today: counted, and their dates need checking.
    pub after_today: usize,
    /// Screenings counted that are unsaved copies `screen` left beside a record it could
    /// not write over ([`crate::store::unsaved_copy_of`]): each is a second version of one
    /// screening, to be reconciled. Absent from JSON when there are none.
    #[serde(skip_serializing_if = "is_zero")]
    pub unsaved_copies: usize,
    /// Files named that could not be read or were refused: a case whose only screenings
    /// are among them is missing from the report. Absent from JSON when there are none.
    #[serde(skip_serializing_if = "is_zero")]
    pub not_read: usize,
    /// Cases named in files not read and in no screening read: missing from the rows, so
    /// named here. Absent from JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_read_cases: Vec<UnreadCase>,
    /// The cases that need attention, most urgent first.
    pub attention: Vec<Attention>,
    pub measures: Measures,
    /// Every case, in order of case reference.
    pub cases: Vec<CaseRow>,
}

/// The immediate-danger route (999) a case's latest screening gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImmediateDanger {
    /// The latest screening's date.
    pub date: String,
    /// The route's title ("Immediate danger - call 999").
    pub route: String,
}

/// Questions of a latest screening added to its questionnaire after it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotAsked {
    /// How many (all of them counted in `not_known`).
    pub count: usize,
    /// The questionnaire (id) that added them, at some version after `made_with`.
    pub questionnaire: String,
    /// The version the screening was made with.
    pub made_with: String,
}

/// One case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    /// As `history` shows it (the normal form of the oldest screening's reference), or its
    /// pseudonym.
    pub case_reference: String,
    /// Screenings counted.
    pub screenings: usize,
    /// The level now and its direction since the screening before ([`history::trend`]).
    pub trend: Trend,
    /// The date of the latest screening, complete or not.
    pub latest_screening: String,
    /// [`history::review`].
    pub review: history::Review,
    /// Escalation due by the questionnaire's escalation rules ([`history::escalation`]).
    pub escalation: Option<EscalationDue>,
    /// The most missing episodes known at any screening, when any was recorded (a yes with
    /// no number counts as one).
    pub missing_episodes: Option<u32>,
    /// The questionnaire whose screenings counted `missing_episodes`, when the latest
    /// screening's questionnaire counts none (SERAF, Pan-Cheshire). Absent from JSON
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_episodes_counted_with: Option<String>,
    /// Some screening answered the missing indicator yes without the number of episodes:
    /// `missing_episodes` is "at least", and how many there were is to be found out.
    pub missing_episodes_not_recorded: bool,
    /// The questionnaire's missing-episodes threshold is reached: a return-home
    /// conversation covering every episode is recommended.
    pub return_home_conversation: bool,
    /// Answers not known in the latest screening (with, where it is marked complete, the
    /// questions it left unanswered).
    pub not_known: usize,
    /// The questions not known in the latest screening that are significant indicators or
    /// whose "yes" alone would raise the level or add a route.
    pub significant_not_known: Vec<String>,
    /// The highest level finding out everything not known in the latest screening could
    /// bring, when above its level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub could_reach: Option<String>,
    /// Of `not_known`, the questions added to the questionnaire after the latest screening
    /// was made: never asked, and counted all the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_asked: Option<NotAsked>,
    /// A screening in progress after the latest complete one, and for how many days.
    pub in_progress: Option<InProgress>,
    /// The latest screening's level was raised by professional judgement.
    pub raised_by_judgement: Option<Raised>,
    /// The latest screening records a professional judgement below its level (found in
    /// review: a practitioner's view of Low for a 12-year-old with sexual contact read
    /// "judgement: no"). The level stands. Absent from JSON when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judgement_below: Option<JudgementBelow>,
    /// Who made the latest screening.
    pub practitioner: String,
    pub agency: String,
    pub duplicates: usize,
    /// The level now is the questionnaire's highest.
    pub highest_level: bool,
    /// The review is set as for the questionnaire's highest level, because finding out what
    /// is not known could raise the level to it (decision 32).
    #[serde(skip)]
    pub reviewed_as_highest: bool,
    /// The latest screening is dated after today, so its date is wrong and its level and
    /// review may not be the case's: what the screenings before it say. Absent from JSON
    /// when the latest is not dated after today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dated_after_today: Option<AfterToday>,
    /// Files naming this case that could not be read or were refused: a screening of it,
    /// perhaps its latest, is not counted. Absent from JSON when there are none.
    #[serde(skip_serializing_if = "is_zero")]
    pub files_not_read: usize,
    /// The latest screening gave the questionnaire's immediate-danger route (999): the child
    /// was recorded in danger, or missing, then (found in review: the caseload never said
    /// so, in any format). Absent from JSON when it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub immediate_danger: Option<ImmediateDanger>,
    /// The case key, for matching; never shown.
    #[serde(skip)]
    pub key: String,
}

/// A case named only in files that could not be read or were refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreadCase {
    /// As written in the first such file ([`reference::matched_as`]), or its pseudonym.
    pub case_reference: String,
    /// How many files name it.
    pub files: usize,
    /// The case key, for matching; never shown.
    #[serde(skip)]
    pub key: String,
}

/// A case whose latest screening is dated after today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AfterToday {
    /// The latest screening's date, as written.
    pub date: String,
    /// The level and review of the screenings dated up to today, when there are any.
    pub before: Option<Before>,
}

/// The level and review of a case's screenings dated up to today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Before {
    /// The date of the latest of them.
    pub date: String,
    pub level_label: String,
    /// [`history::review`] of them.
    pub review: history::Review,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationDue {
    pub route: String,
    pub because: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InProgress {
    pub date: String,
    /// Days from its date to the as-of date.
    pub days: i64,
    /// Longer than the set number of days: finish it, or record why it stopped.
    pub left: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Raised {
    pub from: String,
    pub to: String,
}

/// A practitioner's view below the level the answers give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JudgementBelow {
    /// The practitioner's level (label).
    pub view: String,
    /// The level the answers give (label), which stands.
    pub level: String,
    /// The date of the screening.
    pub date: String,
}

/// Why a case is on the attention list, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// The latest screening gave the immediate-danger route (999).
    ImmediateDanger,
    /// The questionnaire's escalation rules say escalate.
    EscalationDue,
    /// At the questionnaire's highest level, or reviewed as for it because what is not known
    /// could raise it there, with its review overdue.
    HighestLevelReviewOverdue,
    /// The latest screening is dated after today: its date, and so the case's level and
    /// review, need checking.
    DatedAfterToday,
    /// A file naming the case could not be read or was refused: a screening of it, perhaps
    /// its latest and higher, is not counted (found in review: such a case read as steady,
    /// with nothing to attend to).
    NotRead,
    /// Higher than at the screening before.
    Rising,
    /// A professional judgement to talk through: the latest screening records one below its
    /// level (the level stands), or the level now is lower only because a judgement made
    /// before was not made again.
    Judgement,
    /// A screening left in progress for longer than the set number of days.
    LeftInProgress,
    /// Significant indicators, or many answers, not known.
    NotKnown,
    /// Review overdue, below the highest level.
    ReviewOverdue,
}

impl Priority {
    pub fn words(self) -> &'static str {
        match self {
            Priority::ImmediateDanger => "immediate danger",
            Priority::EscalationDue => "escalation due",
            Priority::HighestLevelReviewOverdue => "highest level, review overdue",
            Priority::DatedAfterToday => "dated after today",
            Priority::NotRead => "file not read",
            Priority::Rising => "rising",
            Priority::Judgement => "professional judgement",
            Priority::LeftInProgress => "left in progress",
            Priority::NotKnown => "not known",
            Priority::ReviewOverdue => "review overdue",
        }
    }
}

/// A case on the attention list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attention {
    /// 1 for the most urgent.
    pub rank: usize,
    pub case_reference: String,
    /// The most urgent reason it is here.
    pub priority: Priority,
    pub level_label: String,
    /// Every reason, most urgent first, in plain words.
    pub reasons: Vec<String>,
}

/// Measures for managers and the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measures {
    /// Each measure with its value and definition, in the order shown.
    pub list: Vec<Measure>,
    /// Level labels, lowest first: the order of every `by_level`.
    pub levels: Vec<String>,
    /// Cases by level now, in the order of `levels`.
    pub by_level_now: Vec<usize>,
    /// The last [`MONTHS`] months to the as-of month, oldest first.
    pub months: Vec<Month>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub id: &'static str,
    pub name: &'static str,
    pub value: String,
    pub definition: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    /// Cases by their level at the end of the month (or at the as-of date, in its month),
    /// in the order of [`Measures::levels`]; a case counts from its first screening.
    pub by_level: Vec<usize>,
    /// Screenings dated in the month.
    pub screenings: usize,
    /// Missing episodes first recorded in the month.
    pub missing_episodes: u64,
}

/// What [`Fold::finish`] hands over to make the caseload.
struct Parts {
    as_of: jiff::civil::Date,
    in_progress_days: u32,
    /// The first day of each month shown.
    months: Vec<jiff::civil::Date>,
    /// In order of case key.
    rows: Vec<CaseRow>,
    /// Each level label met, with its rank, lowest first.
    levels: Vec<(usize, String)>,
    /// For each month: cases by level label at its end, screenings, missing episodes.
    per_month: Vec<(BTreeMap<String, usize>, usize, u64)>,
    screenings: usize,
    significant_gaps: usize,
    duplicates: usize,
    after_as_of: usize,
    after_today: usize,
    unsaved_copies: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The caseload of the rows and counts a [`Fold`] made.
fn assemble(p: Parts) -> Caseload {
    let Parts {
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
    } = p;
    let levels: Vec<String> = levels.into_iter().map(|(_, l)| l).collect();
    let count_levels = |m: &BTreeMap<String, usize>| {
        levels
            .iter()
            .map(|l| m.get(l).copied().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    let mut now: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        *now.entry(r.trend.level_label.clone()).or_default() += 1;
    }
    let month_list: Vec<Month> = months
        .iter()
        .zip(&per_month)
        .map(|(m, (by, n, missing))| Month {
            month: m.strftime("%Y-%m").to_string(),
            by_level: count_levels(by),
            screenings: *n,
            missing_episodes: *missing,
        })
        .collect();
    let by_level_now = count_levels(&now);
    let list = measures(
        &rows,
        &levels,
        &by_level_now,
        &month_list,
        screenings,
        significant_gaps,
    );
    let attention = attention(&rows);
    Caseload {
        as_of: as_of.to_string(),
        in_progress_days,
        pseudonymised: false,
        screenings,
        duplicates,
        after_as_of,
        after_today,
        unsaved_copies,
        // Set by the caller, which read the files ([`add_not_read`]).
        not_read: 0,
        not_read_cases: Vec::new(),
        attention,
        measures: Measures {
            list,
            levels,
            by_level_now,
            months: month_list,
        },
        cases: rows,
    }
}

/// The first day of each of the [`MONTHS`] months ending with `as_of`'s.
fn month_starts(as_of: jiff::civil::Date) -> Vec<jiff::civil::Date> {
    let first = as_of.first_of_month();
    (0..MONTHS)
        .rev()
        .filter_map(|n| {
            let span = jiff::Span::new().try_months(i64::try_from(n).ok()?).ok()?;
            first.checked_sub(span).ok()
        })
        .collect()
}

fn plural(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every reason a case needs attention, most urgent first.
pub fn reasons(r: &CaseRow) -> Vec<(Priority, String)> {
    let mut out = Vec::new();
    if let Some(d) = &r.immediate_danger {
        out.push((
            Priority::ImmediateDanger,
            format!(
                "The latest screening, on {}, gave the route \"{}\": the child was recorded in danger, or missing, then. Check it was acted on and that the child is safe now, whatever the level shows.",
                d.date, d.route
            ),
        ));
    }
    if let Some(e) = &r.escalation {
        out.push((
            Priority::EscalationDue,
            // The reasons first; the route's title last, so it never reads "Escalation due:
            // Escalate - ...".
            format!(
                "Escalation due. {} Route: {}.",
                e.because.join(" "),
                e.route
            ),
        ));
    }
    let overdue = r.review.status == ReviewStatus::Overdue;
    let due = r.review.due.clone().unwrap_or_default();
    if overdue && r.highest_level {
        out.push((
            Priority::HighestLevelReviewOverdue,
            format!(
                "{} (the highest level), and its review was due on {due}, {} ago.",
                r.trend.level_label,
                plural(-r.review.days, "day", "days")
            ),
        ));
    } else if overdue && r.reviewed_as_highest {
        // Found in review: a Low case reviewed as for High (sexual contact not known at 12)
        // ranked below Low cases with no review overdue.
        out.push((
            Priority::HighestLevelReviewOverdue,
            format!(
                "{}, reviewed as for {} (the highest level) because what is not known could raise it there, and its review was due on {due}, {} ago.",
                r.trend.level_label,
                r.review.as_for.as_deref().unwrap_or_default(),
                plural(-r.review.days, "day", "days")
            ),
        ));
    }
    if let Some(a) = &r.dated_after_today {
        let before = match &a.before {
            None => "There is no screening before it.".to_owned(),
            Some(b) => {
                let review = match (b.review.status, b.review.due.as_deref()) {
                    (ReviewStatus::Overdue, Some(due)) => format!(
                        ", whose review was due on {due}, {} ago",
                        plural(-b.review.days, "day", "days")
                    ),
                    (_, Some(due)) => format!(", with its review due on {due}"),
                    (_, None) => String::new(),
                };
                format!(
                    "Until it is corrected, the screening before it stands too: {} on {}{review}.",
                    b.level_label, b.date
                )
            }
        };
        out.push((
            Priority::DatedAfterToday,
            format!(
                "The latest screening is dated {}, after today: check its date. {before}",
                a.date
            ),
        ));
    }
    if r.files_not_read > 0 {
        out.push((
            Priority::NotRead,
            format!(
                "{} naming this case could not be read or {} refused (the errors printed with this report name {}; so does `cse-screen history`): a screening of it, perhaps its latest, is not counted here, so the level and review shown may be out of date. Correct {} and make the report again.",
                if r.files_not_read == 1 {
                    "A file".to_owned()
                } else {
                    format!("{} files", r.files_not_read)
                },
                if r.files_not_read == 1 { "was" } else { "were" },
                if r.files_not_read == 1 { "it" } else { "them" },
                if r.files_not_read == 1 { "it" } else { "them" },
            ),
        ));
    }
    // An escalation already says how the level rose.
    if r.trend.direction == Direction::Rising && r.escalation.is_none() {
        let since = r.trend.since.as_ref();
        out.push((
            Priority::Rising,
            format!(
                "Rising: from {} on {} to {} on {}{}.",
                since.map_or("", |s| s.level_label.as_str()),
                since.map_or("", |s| s.date.as_str()),
                r.trend.level_label,
                r.trend.date,
                if r.trend.in_progress {
                    " (in progress)"
                } else {
                    ""
                }
            ),
        ));
    }
    if r.trend.direction == Direction::LowerWithoutJudgement {
        let since = r.trend.since.as_ref();
        out.push((
            Priority::Judgement,
            format!(
                "Lower than {} on {} only because the professional judgement made then (raised from {}) was not made again at that level: check it with whoever made it before reading this as reducing.",
                since.map_or("", |s| s.level_label.as_str()),
                since.map_or("", |s| s.date.as_str()),
                since.and_then(|s| s.raised_from.as_deref()).unwrap_or_default()
            ),
        ));
    }
    if let Some(j) = &r.judgement_below {
        out.push((
            Priority::Judgement,
            format!(
                "The practitioner's professional judgement at the screening of {} was {}, below {} from the answers: {} stands. Talk the difference through with the practitioner and the safeguarding lead.",
                j.date, j.view, j.level, j.level
            ),
        ));
    }
    if let Some(p) = r.in_progress.as_ref().filter(|p| p.left) {
        out.push((
            Priority::LeftInProgress,
            format!(
                "The screening of {} has been left in progress for {}: finish it, or record why it stopped.",
                p.date,
                plural(p.days, "day", "days")
            ),
        ));
    }
    if !r.significant_not_known.is_empty()
        || r.could_reach.is_some()
        || r.not_known >= MANY_NOT_KNOWN
    {
        let mut significant = if r.significant_not_known.is_empty() {
            String::new()
        } else {
            format!(
                ", {} of them significant or able to change the outcome alone ({})",
                r.significant_not_known.len(),
                r.significant_not_known.join(" / ")
            )
        };
        if let Some(label) = &r.could_reach {
            let them = if r.not_known == 1 { "it" } else { "them" };
            significant.push_str(&format!(
                "; finding {them} out could raise the level to {label}"
            ));
        }
        // Questions added after the screening was made are counted as not known, as any
        // other, but said to be never asked (found in review: they read as gaps).
        let not_asked = r.not_asked.as_ref().map_or_else(String::new, |n| {
            format!(
                " ({}not asked when it was made: added to {} after {}, the version it was made with)",
                if n.count == r.not_known && n.count > 1 {
                    format!("all {} ", n.count)
                } else if n.count == r.not_known {
                    String::new()
                } else {
                    format!("{} of them ", n.count)
                },
                n.questionnaire,
                n.made_with
            )
        });
        out.push((
            Priority::NotKnown,
            format!(
                "{} not known in the latest screening{not_asked}{significant}: find out; not known is not no.",
                plural(
                    i64::try_from(r.not_known).unwrap_or(i64::MAX),
                    "answer",
                    "answers"
                )
            ),
        ));
    }
    if overdue && !r.highest_level && !r.reviewed_as_highest {
        out.push((
            Priority::ReviewOverdue,
            format!(
                "Review overdue: due on {due}, {} ago ({}).",
                plural(-r.review.days, "day", "days"),
                r.trend.level_label
            ),
        ));
    }
    let at_least = if r.missing_episodes_not_recorded {
        "At least "
    } else {
        ""
    };
    if r.return_home_conversation && !out.is_empty() {
        out.push((
            out[0].0,
            format!(
                "{at_least}{} known: a return-home conversation covering all of them.",
                plural(
                    r.missing_episodes.unwrap_or(0),
                    "missing episode",
                    "missing episodes"
                )
            ),
        ));
    }
    // A yes with no number is at least one episode, not exactly one: until it is found out,
    // the threshold for a return-home conversation may be reached and not shown.
    if r.missing_episodes_not_recorded && !r.return_home_conversation {
        out.push((
            Priority::NotKnown,
            format!(
                "At least {} known, the number not recorded at a screening that answered \
                 yes: find out how many there were, since each yes may be another episode.",
                plural(
                    r.missing_episodes.unwrap_or(1),
                    "missing episode",
                    "missing episodes"
                )
            ),
        ));
    }
    out
}

/// Adds the files that could not be read or were refused: their number; for each case
/// named in one, a count on its row and a reason on the attention list; and the cases named
/// only in such files, which have no row.
pub fn add_not_read(c: &mut Caseload, not_read: &[history::NotRead]) {
    c.not_read = not_read.len();
    let rows: BTreeMap<String, usize> = c
        .cases
        .iter()
        .enumerate()
        .map(|(i, row)| (row.key.clone(), i))
        .collect();
    let mut only: BTreeMap<String, UnreadCase> = BTreeMap::new();
    for r in not_read.iter().filter_map(|n| n.case_reference.as_deref()) {
        let key = reference::case_key(r);
        if key.is_empty() {
            continue;
        }
        match rows.get(&key).and_then(|&i| c.cases.get_mut(i)) {
            Some(row) => row.files_not_read += 1,
            None => {
                only.entry(key.clone())
                    .or_insert_with(|| UnreadCase {
                        case_reference: reference::matched_as(r),
                        files: 0,
                        key,
                    })
                    .files += 1;
            }
        }
    }
    c.not_read_cases = only.into_values().collect();
    c.attention = attention(&c.cases);
}

/// The attention list: each case with a reason, once, at its most urgent reason; within
/// one reason, the higher level first, then the longer overdue, then the older latest
/// screening, then the reference.
fn attention(rows: &[CaseRow]) -> Vec<Attention> {
    let mut items: Vec<(Priority, &CaseRow, Vec<String>)> = rows
        .iter()
        .filter_map(|r| {
            let reasons = reasons(r);
            let first = reasons.first()?.0;
            Some((first, r, reasons.into_iter().map(|(_, t)| t).collect()))
        })
        .collect();
    items.sort_by(|(pa, a, _), (pb, b, _)| {
        pa.cmp(pb)
            .then(b.trend.level_rank.cmp(&a.trend.level_rank))
            .then(a.review.days.cmp(&b.review.days))
            .then(a.latest_screening.cmp(&b.latest_screening))
            .then(a.case_reference.cmp(&b.case_reference))
    });
    items
        .into_iter()
        .enumerate()
        .map(|(n, (priority, r, reasons))| Attention {
            rank: n + 1,
            case_reference: r.case_reference.clone(),
            priority,
            level_label: r.trend.level_label.clone(),
            reasons,
        })
        .collect()
}

/// `part` of `whole` as a whole percentage, rounded half up, with no floating point.
fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

fn measures(
    rows: &[CaseRow],
    levels: &[String],
    by_level_now: &[usize],
    months: &[Month],
    screenings: usize,
    significant_gaps: usize,
) -> Vec<Measure> {
    let count = |f: &dyn Fn(&CaseRow) -> bool| rows.iter().filter(|r| f(r)).count();
    let by_level: Vec<String> = levels
        .iter()
        .zip(by_level_now)
        .rev()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let direction = |d: Direction| count(&|r: &CaseRow| r.trend.direction == d);
    let missing_cases = count(&|r| r.missing_episodes.is_some());
    let episodes: u64 = months.iter().map(|m| m.missing_episodes).sum();
    vec![
        Measure {
            id: "cases",
            name: "Cases",
            value: rows.len().to_string(),
            definition: "Case references with at least one screening on or before the as-of date. One case however its reference was typed (trimmed, Unicode-normalised, without invisible characters, with letters of other scripts that look like ASCII ones read as those, ignoring case), as in history.",
        },
        Measure {
            id: "screenings",
            name: "Screenings",
            value: screenings.to_string(),
            definition: "Screenings counted, each once: a copy, or the same screening in YAML and JSON, counts once.",
        },
        Measure {
            id: "cases_by_level_now",
            name: "Cases by level now",
            value: by_level.join(", "),
            definition: "Each case at the level of its latest complete screening, raised to that of a later screening in progress if higher (a screening in progress can only rise as it is answered). Of screenings on one day, the highest; one dated after today (a wrong date) can raise the level, never lower it.",
        },
        Measure {
            id: "reviews_overdue",
            name: "Reviews overdue",
            value: count(&|r| r.review.status == ReviewStatus::Overdue).to_string(),
            definition: "Cases whose review date (the latest complete screening's date plus its review interval: its level's, or sooner when something not known could raise the level) is before the as-of date.",
        },
        Measure {
            id: "escalations_due",
            name: "Escalations due",
            value: count(&|r| r.escalation.is_some()).to_string(),
            definition: "Cases where the questionnaire's escalation rules hold (risk not reducing across repeated screenings, or rising from an already raised level), judged exactly as history judges them.",
        },
        Measure {
            id: "trend",
            name: "Cases rising, steady, reducing",
            value: format!(
                "rising {}, steady {}, reducing {}, first screening {}{}{}{}",
                direction(Direction::Rising),
                direction(Direction::Steady),
                direction(Direction::Reducing),
                direction(Direction::First),
                match direction(Direction::LowerOnAnswersNotKnown) {
                    0 => String::new(),
                    n => format!(", lower only on answers not known {n}"),
                },
                match direction(Direction::LowerWithoutJudgement) {
                    0 => String::new(),
                    n => format!(", lower only without the judgement made before {n}"),
                },
                match direction(Direction::NotCompared) {
                    0 => String::new(),
                    n => format!(", not compared {n}"),
                }
            ),
            definition: "The level now compared with the complete screening before it; a later screening in progress that is already higher counts as rising. Lower only on answers not known: lower than before, but finding out what is not known could put it back, so it is not counted as reducing. Lower only without the judgement made before: the screening before was raised by professional judgement, this one's answers give no lower level and the judgement was not made again, so it is not counted as reducing until that is checked with whoever made it. Not compared: the screening before used another questionnaire, whose levels are another scale.",
        },
        Measure {
            id: "missing",
            name: "Missing episodes",
            value: format!(
                "{episodes} in the last {MONTHS} months; {missing_cases} {} with missing episodes, {} at the return-home threshold",
                if missing_cases == 1 { "case" } else { "cases" },
                count(&|r| r.return_home_conversation)
            ),
            definition: "Episodes first recorded in a month: the screening's count of episodes (a running total, at least 1 for a yes) less the most known at the case's earlier screenings, so no episode is counted twice. The threshold is the questionnaire's (a return-home conversation covering all of them).",
        },
        Measure {
            id: "not_known_share",
            name: "Screenings resting on answers not known",
            value: format!(
                "{significant_gaps} of {screenings} ({}%)",
                percent(significant_gaps, screenings)
            ),
            definition: "Screenings with a significant indicator answered not known, or with answers not known whose finding out could change the outcome, one at a time or all together, as a share of all screenings counted (rounded to a whole percent). In a screening marked complete, a question left unanswered is scored as not known and counts as one.",
        },
        Measure {
            id: "left_in_progress",
            name: "Screenings left in progress",
            value: count(&|r| r.in_progress.as_ref().is_some_and(|p| p.left)).to_string(),
            definition: "Cases whose latest screening is still in progress and dated more than the set number of days before the as-of date.",
        },
        Measure {
            id: "raised_by_judgement",
            name: "Raised by professional judgement",
            value: match count(&|r| r.judgement_below.is_some()) {
                0 => count(&|r| r.raised_by_judgement.is_some()).to_string(),
                n => format!(
                    "{}; {n} with a view below the level",
                    count(&|r| r.raised_by_judgement.is_some())
                ),
            },
            definition: "Cases whose latest screening's level was raised by the practitioner's professional judgement (judgement can only raise). A view below the level the answers give is counted apart: the level stands, and the case is on the attention list.",
        },
    ]
}

/// Replaces every case reference with its pseudonym (`name` of the case key), and any
/// practitioner or agency text that holds a case reference with a note that it was
/// withheld. Returns the pattern of the references (for a last check of the output).
/// Fails, naming no reference, if two cases would share a pseudonym.
pub fn pseudonymise(
    c: &mut Caseload,
    name: impl Fn(&str) -> String,
) -> Result<Option<regex::Regex>, String> {
    let mut by_key: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    // Every case the report names: those with rows, and those named only in files not read.
    let keys: Vec<String> = c
        .cases
        .iter()
        .map(|r| r.key.clone())
        .chain(c.not_read_cases.iter().map(|u| u.key.clone()))
        .collect();
    for key in &keys {
        let p = name(key);
        if let Some(other) = taken.insert(p.clone(), key.clone())
            && other != *key
        {
            return Err(format!(
                "two cases get the same pseudonym ({p}); choose another key"
            ));
        }
        by_key.insert(key.clone(), p);
    }
    let folded_keys: Vec<String> = keys.iter().map(|k| folded(k)).collect();
    let pattern = references(folded_keys.iter().map(String::as_str));
    // A field is withheld when its letters and digits hold a reference's, whatever stands
    // between them: `EX–6101` (en dash), `EX 6101`, `EX6101`, `ＥＸ-6101` (full width).
    let skeletons: Vec<String> = keys
        .iter()
        .map(|k| skeleton(k))
        .filter(|k| !k.is_empty())
        .collect();
    let within = aho_corasick::AhoCorasick::new(&skeletons).ok();
    let withhold = |text: &mut String| {
        let holds = match &within {
            Some(ac) => ac.is_match(&skeleton(text)),
            // Never: the patterns are plain text. Withhold rather than risk it.
            None => !skeletons.is_empty(),
        };
        if holds {
            *text = "(withheld: it holds a case reference)".to_owned();
        }
    };
    let mut shown: BTreeMap<String, String> = BTreeMap::new();
    for r in &mut c.cases {
        let p = by_key.get(&r.key).cloned().unwrap_or_default();
        shown.insert(r.case_reference.clone(), p.clone());
        r.case_reference = p;
        withhold(&mut r.practitioner);
        withhold(&mut r.agency);
    }
    for a in &mut c.attention {
        a.case_reference = shown.get(&a.case_reference).cloned().unwrap_or_default();
    }
    c.cases
        .sort_by(|a, b| a.case_reference.cmp(&b.case_reference));
    for u in &mut c.not_read_cases {
        u.case_reference = by_key.get(&u.key).cloned().unwrap_or_default();
    }
    c.not_read_cases
        .sort_by(|a, b| a.case_reference.cmp(&b.case_reference));
    c.pseudonymised = true;
    Ok(pattern)
}

/// A case-insensitive pattern matching any of `keys` (case keys), or `None` when there are
/// none to look for.
fn references<'a>(keys: impl Iterator<Item = &'a str>) -> Option<regex::Regex> {
    let mut keys: Vec<&str> = keys.filter(|k| !k.is_empty()).collect();
    if keys.is_empty() {
        return None;
    }
    // Longest first, so a reference that contains another is found whole.
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let alternation: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
    regex::RegexBuilder::new(&alternation.join("|"))
        .case_insensitive(true)
        .size_limit(1 << 30)
        .dfa_size_limit(1 << 28)
        .build()
        .ok()
}

/// True when `text` holds a case reference that `pattern` matches: the last check of a
/// pseudonymised output before it is written, on the [`folded`] text, so a reference typed
/// with another dash or in full-width letters is found too. References shorter than 4
/// characters are not looked for here (`1` would match every date); they were replaced field
/// by field. Nor is a reference found inside a date or month standing alone (`2026-06-01`,
/// `2026-06`: found in review, a case referenced `2026` made every pseudonymised caseload
/// fail); a reference beside one (`EX-2026-06-01`) still is.
pub fn still_holds_a_reference(pattern: &regex::Regex, text: &str) -> Option<Held> {
    static DATE: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?").ok());
    // Dates are blanked as written, before folding joins the lines: a date ending a line is
    // followed by a line break there, not by the next line's first word.
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    let mut blanked = String::with_capacity(text.len());
    let mut from = 0;
    for m in DATE.as_ref().into_iter().flat_map(|d| d.find_iter(text)) {
        if !joined(text[..m.start()].chars().next_back()) && !joined(text[m.end()..].chars().next())
        {
            blanked.push_str(&text[from..m.start()]);
            blanked.push_str(&" ".repeat(m.len()));
            from = m.end();
        }
    }
    blanked.push_str(&text[from..]);
    let text = folded(&blanked);
    let found: Vec<&str> = pattern
        .find_iter(&text)
        .filter(|m| m.as_str().chars().count() >= 4)
        .map(|m| m.as_str())
        .collect();
    if found.is_empty() {
        None
    } else if found.iter().all(|f| f.chars().all(|c| c.is_ascii_digit())) {
        Some(Held::Digits)
    } else {
        Some(Held::Reference)
    }
}

/// What the last check of a pseudonymised output found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// A case reference.
    Reference,
    /// Only references made of digits alone, which a number in the output may also be.
    Digits,
}

/// A text as the last check compares it: [`reference::case_key`]'s form, in compatibility
/// form (NFKC: full-width letters and digits as ASCII, a non-breaking hyphen as a hyphen), with
/// every dash and the minus sign as `-`.
fn folded(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    static DASH: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"[\p{Pd}\u{2212}]").ok());
    let compatible: String = reference::case_key(text).nfkc().collect();
    let lower = compatible.to_lowercase();
    match DASH.as_ref() {
        Some(dash) => dash.replace_all(&lower, "-").into_owned(),
        None => lower,
    }
}

/// The letters and digits of a text, in compatibility form, look-alikes of another script
/// read as ASCII ([`reference::matched_as`]), and lower case: what a field is searched in for
/// a reference's own letters and digits.
fn skeleton(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    reference::matched_as(text)
        .nfkc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_without_floating_point() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(1, 2), 50);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
    }

    #[test]
    fn twelve_months_end_with_the_as_of_month() {
        let m = month_starts(jiff::civil::date(2026, 5, 20));
        assert_eq!(m.len(), MONTHS);
        assert_eq!(m[0], jiff::civil::date(2025, 6, 1));
        assert_eq!(m[11], jiff::civil::date(2026, 5, 1));
    }

    #[test]
    fn attention_comes_in_the_documented_order() {
        let order = [
            Priority::ImmediateDanger,
            Priority::EscalationDue,
            Priority::HighestLevelReviewOverdue,
            Priority::DatedAfterToday,
            Priority::Rising,
            Priority::Judgement,
            Priority::LeftInProgress,
            Priority::NotKnown,
            Priority::ReviewOverdue,
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_reference_of_digits_is_not_found_in_a_date_standing_alone() {
        let re =
            references(["2026", "ex-2026-06-01"].into_iter()).unwrap_or_else(|| panic!("pattern"));
        assert_eq!(
            still_holds_a_reference(&re, "as of 2026-06-01\n2 cases, review 2026-07-13, 2026-08"),
            None
        );
        assert_eq!(
            still_holds_a_reference(&re, "2026-06-01 case 2026 seen"),
            Some(Held::Digits)
        );
        assert_eq!(
            still_holds_a_reference(&re, "seen as EX-2026-06-01"),
            Some(Held::Reference)
        );
        assert_eq!(
            still_holds_a_reference(&re, "x2026-06-01"),
            Some(Held::Digits),
            "a date joined to other text is not a date standing alone"
        );
    }

    #[test]
    fn the_reference_pattern_finds_any_typing_and_ignores_short_ones() {
        let re = references(["ex-1001", "a"].into_iter()).unwrap_or_else(|| panic!("pattern"));
        assert!(still_holds_a_reference(&re, "seen by EX-1001 team").is_some());
        assert!(still_holds_a_reference(&re, "ex-1001").is_some());
        assert!(still_holds_a_reference(&re, "a plain sentence").is_none());
    }

    #[test]
    fn a_reference_typed_with_other_dashes_or_letters_is_still_found() {
        let re = references([folded("EX-6101")].iter().map(String::as_str))
            .unwrap_or_else(|| panic!("pattern"));
        for typed in [
            "EX\u{2013}6101",
            "EX\u{2212}6101",
            "EX\u{2011}6101",
            "\u{ff25}\u{ff38}-6101",
            "EX\u{ff0d}6101",
            "ex-\u{ff16}101",
            "\u{415}\u{425}-6101",
        ] {
            assert!(still_holds_a_reference(&re, typed).is_some(), "{typed:?}");
        }
        for typed in [
            "EX 6101",
            "EX6101",
            "(EX\u{2013}6101)",
            "ＥＸ６１０１",
            "\u{395}\u{3a7} 6101",
        ] {
            assert!(skeleton(typed).contains(&skeleton("EX-6101")), "{typed:?}");
        }
        assert!(!skeleton("A. Example").contains(&skeleton("EX-6101")));
    }
}
