//! The questionnaire file exactly as written: serde types that mirror the YAML, with spans.
//!
//! Nothing here is trusted. `validate` turns a [`RawQuestionnaire`] into a
//! [`super::Questionnaire`] or a list of every problem, each with its line and column.
//! Ids, references and numbers are [`Spanned`] so a problem found after parsing can
//! still point at the line that caused it. Numbers are read as signed so that a
//! negative weight is a validation problem with advice, not a bare type error.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string with the place it was written.
pub type Text = Spanned<String>;
/// A whole number with the place it was written.
pub type Number = Spanned<i64>;

/// The top level of a questionnaire file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    /// The version of this file format (currently 1).
    pub format: Number,
    pub id: Text,
    pub version: Text,
    pub title: Text,
    pub jurisdiction: Text,
    #[serde(default)]
    pub description: Option<Text>,
    /// Shown with every result: the tool supports judgement, it does not decide.
    pub disclaimer: Text,
    pub ages: RawAges,
    pub sources: Vec<RawSource>,
    /// The route shown first on every result (999 and out-of-hours contacts).
    pub immediate_danger: Text,
    pub profile: Vec<RawFact>,
    #[serde(default)]
    pub windows: Vec<RawWindow>,
    pub categories: Vec<RawCategory>,
    pub sections: Vec<RawSection>,
    pub levels: Vec<RawLevel>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    pub routes: Vec<RawRoute>,
    #[serde(default)]
    pub reminders: Vec<RawReminder>,
    #[serde(default)]
    pub escalation: Option<RawEscalation>,
}

/// The ages, in whole years, the questionnaire is written for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAges {
    pub min: Number,
    pub max: Number,
}

/// A published tool or guidance the content is drawn from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Text,
    pub title: Text,
    pub url: Text,
}

/// A fact about the child that rules may use.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub id: Text,
    pub kind: Spanned<FactKind>,
    pub prompt: Text,
    #[serde(default)]
    pub help: Option<Text>,
}

/// What kind of value a profile fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Age in whole years (0 to 25).
    Age,
    /// Yes, no or not known.
    YesNo,
}

/// A time window an indicator can be ticked in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWindow {
    pub id: Text,
    pub label: Text,
}

/// A category indicators belong to (rules can count by category).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub id: Text,
    pub title: Text,
}

/// A section of indicators, asked in order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub intro: Option<Text>,
    pub indicators: Vec<RawIndicator>,
}

/// One risk indicator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: Text,
    pub prompt: Text,
    pub help: Option<Text>,
    pub category: Text,
    /// Points when the indicator has no time windows.
    #[serde(default)]
    pub weight: Option<Number>,
    /// Points per time window, for indicators asked with windows.
    #[serde(default)]
    pub weights: Option<Spanned<WindowWeights>>,
    #[serde(default)]
    pub learning: Vec<Text>,
    #[serde(default)]
    pub follow_up: Vec<RawFollowUp>,
    #[serde(default)]
    pub sources: Vec<Text>,
}

/// `weights:` written as a map of `window: points`, kept in written order.
#[derive(Debug, Default)]
pub struct WindowWeights(pub Vec<RawWindowWeight>);

/// One `window: points` entry of `weights`.
#[derive(Debug)]
pub struct RawWindowWeight {
    pub window: Text,
    pub points: Number,
}

/// A follow-up question asked when the indicator is answered yes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFollowUp {
    pub id: Text,
    pub prompt: Text,
    #[serde(default)]
    pub help: Option<Text>,
    pub kind: Spanned<FollowUpKind>,
    #[serde(default)]
    pub max: Option<Number>,
}

/// The kind of value a follow-up question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// A whole number, zero or more (for example, missing episodes).
    Count,
}

/// An outcome level.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub id: Text,
    pub label: Text,
    #[serde(default)]
    pub description: Option<Text>,
    pub min_score: Number,
    pub routes: Vec<Text>,
    pub review_days: Number,
}

/// A rule: when its condition holds, raise the level and add routes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Text,
    pub when: Spanned<RawCondition>,
    #[serde(default)]
    pub raise_to: Option<Text>,
    #[serde(default)]
    pub add_routes: Vec<Text>,
    pub reason: Text,
}

/// A rule condition. Every form is monotone: more "yes" answers can only make it hold.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RawCondition {
    All(Vec<Spanned<RawCondition>>),
    Any(Vec<Spanned<RawCondition>>),
    Answer(RawAnswerTest),
    Count(RawCountTest),
    Score(RawAtLeast),
    Level(RawLevelTest),
    Profile(RawProfileTest),
    FollowUp(RawFollowUpTest),
}

/// Which answers a test accepts. Only upward-closed sets (no < not known < yes) exist,
/// so no rule can stop firing when an answer becomes "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Accept {
    /// Only "yes".
    Yes,
    /// "Yes" or "not known": not known is never treated as no.
    YesOrNotKnown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnswerTest {
    pub indicator: Text,
    pub is: Spanned<Accept>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCountTest {
    #[serde(default)]
    pub section: Option<Text>,
    #[serde(default)]
    pub category: Option<Text>,
    pub of: Spanned<Accept>,
    #[serde(default)]
    pub window: Option<Text>,
    pub at_least: Number,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAtLeast {
    pub at_least: Number,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevelTest {
    pub at_least: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfileTest {
    pub fact: Text,
    #[serde(default)]
    pub below: Option<Number>,
    #[serde(default)]
    pub at_most: Option<Number>,
    #[serde(default)]
    pub at_least: Option<Number>,
    #[serde(default)]
    pub is: Option<Spanned<YesNo>>,
}

/// A yes/no value for profile tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFollowUpTest {
    pub indicator: Text,
    pub follow_up: Text,
    pub at_least: Number,
}

/// A referral route or action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoute {
    pub id: Text,
    pub title: Text,
    /// What to do.
    pub action: Text,
    #[serde(default)]
    pub contact: Option<Text>,
    pub timescale: Text,
    /// 1 is the most urgent; routes are listed in this order.
    pub urgency: Number,
    #[serde(default)]
    pub reminders: Vec<Text>,
}

/// A reminder attached to routes (information sharing, recording).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReminder {
    pub id: Text,
    pub text: Text,
}

/// What `history` does when repeated screenings show risk not reducing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEscalation {
    /// Escalate when the level has not reduced across this many screenings in a row.
    pub not_reducing_after: Number,
    /// ... and the level is at least this.
    pub from_level: Text,
    /// Also escalate as soon as the level rises between screenings.
    #[serde(default)]
    pub when_rising: bool,
    pub route: Text,
    pub reason: Text,
    #[serde(default)]
    pub missing: Option<RawMissingEscalation>,
}

/// Missing episodes counted across screenings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMissingEscalation {
    pub indicator: Text,
    pub follow_up: Text,
    pub at_least: Number,
    pub reason: Text,
}

impl<'de> Deserialize<'de> for WindowWeights {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = WindowWeights;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of window id to points, such as {recent: 5, earlier: 1}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(window) = map.next_key::<Text>()? {
                    let points = map.next_value::<Number>()?;
                    out.push(RawWindowWeight { window, points });
                }
                Ok(WindowWeights(out))
            }
        }
        d.deserialize_map(Visitor)
    }
}
