//! The result of scoring a screening: everything a report needs to explain it.
//!
//! Plain data with owned strings, ordered deterministically. The JSON output of the
//! tool is the serde form of [`Assessment`], so field names here are a contract.

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
    pub level_set_by: Vec<String>,
    /// Recommended routes, most urgent first.
    pub routes: Vec<RouteOut>,
    /// Reminders attached to the recommended routes, once each.
    pub reminders: Vec<String>,
    pub sections: Vec<SectionScore>,
    /// Each indicator answered yes, with its points.
    pub contributions: Vec<Contribution>,
    pub fired_rules: Vec<FiredRule>,
    /// Rules that could not be decided because a fact or follow-up is not known.
    pub undetermined: Vec<Undetermined>,
    /// Indicators answered "not known": things to find out.
    pub not_known: Vec<IndicatorRef>,
    /// Indicators not answered yet (a screening in progress).
    pub unanswered: Vec<IndicatorRef>,
    pub learning_points: Vec<LearningPoint>,
    pub judgement: Option<JudgementOut>,
    pub review_interval_days: u32,
    /// What finding out could change: not-known items whose answer would raise the level or
    /// add a route, most impact first.
    pub curiosity: Vec<Curiosity>,
}

/// A curiosity prompt: something not known that, found out, could change the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Curiosity {
    /// `indicator` or `profile`.
    pub kind: String,
    /// The indicator or profile fact id.
    pub id: String,
    /// Its question.
    pub question: String,
    /// `not_known`, or `unanswered` for an indicator not reached yet.
    pub status: String,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteOut {
    pub id: String,
    pub title: String,
    pub action: String,
    pub contact: Option<String>,
    pub timescale: String,
    pub urgency: u32,
    /// Why it is recommended: `level:ID`, `rule:ID`, `immediate_danger`.
    pub from: Vec<String>,
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
}
