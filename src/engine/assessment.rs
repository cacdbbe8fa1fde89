//! The result of scoring a screening: everything a report needs to explain it.
//!
//! Plain data with owned strings, ordered deterministically. The JSON output of the
//! tool is the serde form of [`Assessment`], so field names here are a contract. The
//! reasons ([`SetBy`], [`RouteFrom`]) and kinds are enums that serialise to the strings the
//! JSON has always held (`rule:ID`, `level:ID`, `not_known`, ...), and parse back from them.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::responses::Answer;

/// The outcome of one screening, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub questionnaire: QuestionnaireRef,
    /// Shown with every result.
    pub disclaimer: String,
    /// Always shown first: what to do if the child is in immediate danger.
    pub immediate_danger: RouteOut,
    pub score: u32,
    /// The level the score alone reaches.
    pub score_level: String,
    /// The outcome: the highest of the score level, fired rules and judgement.
    pub level: LevelOut,
    /// What set the level: `score`, `rule:ID` or `judgement`.
    pub level_set_by: Vec<SetBy>,
    /// Recommended routes, most urgent first.
    pub routes: Vec<RouteOut>,
    /// Reminders attached to the recommended routes, once each.
    pub reminders: Vec<String>,
    pub sections: Vec<SectionScore>,
    /// Format 2: the points of each category (for subtotal rules); empty in format 1.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryScore>,
    /// Format 2: who the tool is for, shown with the result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<String>,
    /// Format 2: the child's age when it is outside the ages the tool is for, with where the
    /// author points instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_outside: Option<AgeOutside>,
    /// Each indicator answered yes, with its points (and, on a scale, each answer that
    /// scores points at the lowest option).
    pub contributions: Vec<Contribution>,
    pub fired_rules: Vec<FiredRule>,
    /// Rules that could not be decided because a fact or follow-up is not known.
    pub undetermined: Vec<Undetermined>,
    /// Indicators answered "not known": things to find out.
    pub not_known: Vec<IndicatorRef>,
    /// Indicators not answered yet (a screening in progress).
    pub unanswered: Vec<IndicatorRef>,
    /// The profile facts a rule reads that are not known (ids), in questionnaire order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts_not_known: Vec<String>,
    pub learning_points: Vec<LearningPoint>,
    pub judgement: Option<JudgementOut>,
    /// Days to the next screening: the level's own, or shorter when something not known could
    /// raise the level (see `review_as_for`).
    pub review_interval_days: u32,
    /// Set when `review_interval_days` is not the level's own but the shorter one of a higher
    /// level that finding out something not known could raise it to: not known is never
    /// reviewed as late as no. `None` in a summary assessment, whose interval is the level's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_as_for: Option<ReviewAsFor>,
    /// The highest level finding out everything not known could bring, all together, when
    /// higher than `level` (`None` in a summary assessment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub could_reach: Option<LevelRef>,
    /// What finding out could change: not-known items whose answer would raise the level or
    /// add a route, most impact first.
    pub curiosity: Vec<Curiosity>,
}

/// A child's age outside the ages a questionnaire is for (format 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeOutside {
    pub age: u32,
    /// The ages the questionnaire is for.
    pub min: u32,
    pub max: u32,
    /// The author's message for a younger or older child, if written.
    pub message: Option<String>,
    /// The other questionnaire the author points to, if any.
    pub tool: Option<String>,
}

impl AgeOutside {
    /// One line for a person: the age, the range, and the author's message.
    pub fn words(&self) -> String {
        let mut out = format!(
            "The child is {}, outside the ages this questionnaire is for ({} to {}).",
            self.age, self.min, self.max
        );
        if let Some(m) = &self.message {
            let referral = crate::questionnaire::Referral {
                message: m.clone(),
                tool: self.tool.clone(),
            };
            out.push(' ');
            out.push_str(&referral.words());
        }
        out
    }
}

/// A curiosity prompt: something not known that, found out, could change the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Curiosity {
    /// `indicator`, `profile` or `follow_up`.
    pub kind: CuriosityKind,
    /// The indicator or profile fact id, or `indicator.follow_up`.
    pub id: String,
    /// Its question.
    pub question: String,
    /// `not_known`, or `unanswered` for an indicator not reached yet.
    pub status: CuriosityStatus,
    /// The value that would change the outcome: `yes`, or for an age the age that would.
    pub value: String,
    /// The level it would reach, if higher than now.
    pub raises_to: Option<String>,
    /// Its label.
    pub raises_to_label: Option<String>,
    /// Route ids it would add, most urgent first.
    pub adds_routes: Vec<String>,
    /// The prompt in plain words.
    pub text: String,
}

/// What a curiosity prompt is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CuriosityKind {
    Indicator,
    /// A profile fact.
    Profile,
    /// A follow-up of an indicator answered yes, left empty (its id is
    /// `indicator.follow_up`).
    FollowUp,
}

impl CuriosityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CuriosityKind::Indicator => "indicator",
            CuriosityKind::Profile => "profile",
            CuriosityKind::FollowUp => "follow_up",
        }
    }
}

/// Why a curiosity prompt's item is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CuriosityStatus {
    /// Answered "not known".
    NotKnown,
    /// An indicator not reached yet.
    Unanswered,
}

impl CuriosityStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CuriosityStatus::NotKnown => "not_known",
            CuriosityStatus::Unanswered => "unanswered",
        }
    }
}

/// What set the level. Written `score`, `rule:ID` or `judgement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetBy {
    /// The score alone reaches it.
    Score,
    /// The rule with this id raised it.
    Rule(String),
    /// The practitioner's professional judgement.
    Judgement,
}

/// Why a route is recommended. Written `level:ID`, `rule:ID` or `immediate_danger`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteFrom {
    /// The level with this id (or one above it) recommends it.
    Level(String),
    /// The fired rule with this id adds it.
    Rule(String),
    /// It is the immediate-danger route, always shown first.
    ImmediateDanger,
}

/// A string that is not one of the written forms of a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownReason(pub String);

impl fmt::Display for UnknownReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a reason", self.0)
    }
}

impl std::error::Error for UnknownReason {}

impl fmt::Display for SetBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetBy::Score => f.write_str("score"),
            SetBy::Rule(id) => write!(f, "rule:{id}"),
            SetBy::Judgement => f.write_str("judgement"),
        }
    }
}

impl FromStr for SetBy {
    type Err = UnknownReason;
    /// The inverse of `Display`.
    fn from_str(s: &str) -> Result<SetBy, UnknownReason> {
        match s.split_once(':') {
            None if s == "score" => Ok(SetBy::Score),
            None if s == "judgement" => Ok(SetBy::Judgement),
            Some(("rule", id)) => Ok(SetBy::Rule(id.to_owned())),
            _ => Err(UnknownReason(s.to_owned())),
        }
    }
}

impl Serialize for SetBy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for RouteFrom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteFrom::Level(id) => write!(f, "level:{id}"),
            RouteFrom::Rule(id) => write!(f, "rule:{id}"),
            RouteFrom::ImmediateDanger => f.write_str("immediate_danger"),
        }
    }
}

impl FromStr for RouteFrom {
    type Err = UnknownReason;
    /// The inverse of `Display`.
    fn from_str(s: &str) -> Result<RouteFrom, UnknownReason> {
        match s.split_once(':') {
            None if s == "immediate_danger" => Ok(RouteFrom::ImmediateDanger),
            Some(("level", id)) => Ok(RouteFrom::Level(id.to_owned())),
            Some(("rule", id)) => Ok(RouteFrom::Rule(id.to_owned())),
            _ => Err(UnknownReason(s.to_owned())),
        }
    }
}

impl Serialize for RouteFrom {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelOut {
    pub id: String,
    pub label: String,
    /// 0 for the lowest level.
    pub rank: usize,
    pub description: Option<String>,
}

/// A level, by id and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelRef {
    pub id: String,
    pub label: String,
}

/// The level whose review interval a screening takes because something not known could
/// raise it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewAsFor {
    /// That level's id and label.
    pub level: String,
    pub label: String,
    /// The review interval of the level the screening is at, which it replaces.
    pub level_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteOut {
    pub id: String,
    pub title: String,
    pub action: String,
    pub contact: Option<String>,
    pub timescale: String,
    pub urgency: u32,
    /// Why it is recommended: `level:ID`, `rule:ID`, `immediate_danger`.
    pub from: Vec<RouteFrom>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionScore {
    pub id: String,
    pub title: String,
    pub points: u32,
    pub yes: usize,
    pub no: usize,
    pub not_known: usize,
    pub unanswered: usize,
}

/// The points of one category (format 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryScore {
    pub id: String,
    pub title: String,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contribution {
    pub indicator: String,
    pub section: String,
    pub category: String,
    pub answer: Answer,
    /// Window ids ticked, in questionnaire order.
    pub windows: Vec<String>,
    /// True when a window applies but none was recorded: scored at the highest window weight.
    pub window_assumed: bool,
    /// On a scale: the option id the answer is rated at (`no` is the lowest).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    /// True when a "yes" on a scale has no rating recorded: scored at the highest option.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub rating_assumed: bool,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiredRule {
    pub id: String,
    pub reason: String,
    pub raise_to: Option<String>,
    pub add_routes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undetermined {
    pub rule: String,
    pub reason: String,
    /// What is not known: profile fact ids, or `indicator.follow_up`.
    pub needs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorRef {
    pub id: String,
    pub section: String,
    pub prompt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearningPoint {
    pub indicator: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JudgementOut {
    pub raise_to: String,
    pub reason: String,
    /// False when the level was already at or above it: judgement never lowers.
    pub raised: bool,
    /// The level (id) that score and rules give without the judgement: raised from this.
    pub from: String,
    /// Its label, for people: "raised by professional judgement from Medium to High".
    pub from_label: String,
    /// The label of `raise_to`.
    pub raise_to_label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_written_as_before_and_read_back() {
        let set_by = [
            SetBy::Score,
            SetBy::Rule("under_13".to_owned()),
            SetBy::Judgement,
        ];
        let written: Vec<String> = set_by.iter().map(ToString::to_string).collect();
        assert_eq!(written, ["score", "rule:under_13", "judgement"]);
        for (s, w) in set_by.iter().zip(&written) {
            assert_eq!(w.parse::<SetBy>().as_ref(), Ok(s));
            assert_eq!(serde_json::to_string(s).ok(), Some(format!("\"{w}\"")));
        }
        let from = [
            RouteFrom::Level("high".to_owned()),
            RouteFrom::Rule("two_missing_episodes".to_owned()),
            RouteFrom::ImmediateDanger,
        ];
        let written: Vec<String> = from.iter().map(ToString::to_string).collect();
        assert_eq!(
            written,
            [
                "level:high",
                "rule:two_missing_episodes",
                "immediate_danger"
            ]
        );
        for (f, w) in from.iter().zip(&written) {
            assert_eq!(w.parse::<RouteFrom>().as_ref(), Ok(f));
            assert_eq!(serde_json::to_string(f).ok(), Some(format!("\"{w}\"")));
        }
        for bad in ["", "rule", "level:x", "immediate danger", "Score"] {
            assert!(bad.parse::<SetBy>().is_err(), "{bad}");
        }
        for bad in ["", "score", "judgement", "rule", "other:x"] {
            assert!(bad.parse::<RouteFrom>().is_err(), "{bad}");
        }
    }

    #[test]
    fn kinds_and_statuses_are_written_as_before() {
        fn json(v: &impl Serialize) -> String {
            serde_json::to_string(v).unwrap_or_default()
        }
        assert_eq!(json(&CuriosityKind::Indicator), "\"indicator\"");
        assert_eq!(json(&CuriosityKind::Profile), "\"profile\"");
        assert_eq!(json(&CuriosityStatus::NotKnown), "\"not_known\"");
        assert_eq!(json(&CuriosityStatus::Unanswered), "\"unanswered\"");
        for k in [CuriosityKind::Indicator, CuriosityKind::Profile] {
            assert_eq!(json(&k), format!("\"{}\"", k.as_str()));
        }
        for s in [CuriosityStatus::NotKnown, CuriosityStatus::Unanswered] {
            assert_eq!(json(&s), format!("\"{}\"", s.as_str()));
        }
    }
}
