//! The questionnaire file exactly as written: serde types that mirror the YAML, with spans.
//!
//! Nothing here is trusted. `validate` turns a [`RawQuestionnaire`] into a
//! [`super::Questionnaire`] or a list of every problem, each with its line and column.
//! Ids, references and numbers are [`Spanned`] so a problem found after parsing can
//! still point at the line that caused it. Numbers are read as signed so that a
//! negative weight is a validation problem with advice, not a bare type error.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The largest number of points one indicator may give in one window.
pub const MAX_WEIGHT: i64 = 1000;
/// Ages are whole years; the law protects children up to 18, and some areas extend to 25.
pub const MAX_AGE: i64 = 25;
/// The longest review interval, in days (ten years).
pub const MAX_REVIEW_DAYS: i64 = 3650;
/// The highest urgency a route may have.
pub const MAX_URGENCY: i64 = 1000;
/// The largest value a follow-up question may allow.
pub const MAX_FOLLOW_UP: i64 = 1_000_000;

/// A string with the place it was written.
pub type Text = At<String>;

/// A value with the place it was written: a [`Spanned`] whose JSON Schema is the value's own,
/// so `cse-screen schema questionnaire` describes the file, not the spans.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct At<T>(pub Spanned<T>);

impl<T> std::ops::Deref for At<T> {
    type Target = Spanned<T>;
    fn deref(&self) -> &Spanned<T> {
        &self.0
    }
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A whole number with the place it was written. Only a number written as a number: YAML
/// `"7"` (in quotes) is text, to this loader as to the JSON Schema and editors.
#[derive(Debug)]
pub struct Number(pub Spanned<i64>);

impl std::ops::Deref for Number {
    type Target = Spanned<i64>;
    fn deref(&self) -> &Spanned<i64> {
        &self.0
    }
}

impl JsonSchema for Number {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        i64::schema_name()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        i64::json_schema(generator)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Whole>::deserialize(d)?;
        Ok(Number(Spanned::new(s.value.0, s.referenced, s.defined)))
    }
}

/// A whole number that was written as one: `deserialize_any` tells `7` from `"7"`.
struct Whole(i64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Whole;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::custom("invalid i64: the number is too large"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Whole, E> {
                Err(E::custom(format!(
                    "invalid i64: `{v}` is not a whole number"
                )))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Whole, E> {
                Err(E::custom(format!("invalid i64: `{v}` is not a number")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Whole, E> {
                Err(E::custom(format!(
                    "invalid i64: `{v}` is written as text, not as a whole number"
                )))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The pattern every id matches: `lower_snake_case`, at most 64 characters.
pub const ID_PATTERN: &str = "^[a-z][a-z0-9_]{0,63}$";
/// The pattern of text that must not be empty: at least one character that is not a space.
pub const TEXT_PATTERN: &str = "\\S";
/// The pattern of a questionnaire's own id, which may also hold `-`.
pub const QUESTIONNAIRE_ID_PATTERN: &str = "^[a-z][a-z0-9_-]{0,63}$";
/// The pattern of a source's web address.
pub const URL_PATTERN: &str = "^\\s*https?://";

/// A cse-screen questionnaire (format 1 or 2): indicators, weights, levels, rules and routes.
/// See docs/questionnaire-format.md. Fields marked "format 2" are refused in a format-1 file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "cse-screen questionnaire")]
pub struct RawQuestionnaire {
    /// The version of this file format: 1, or 2 for scales, subtotals, eligibility and the
    /// other format-2 fields.
    #[schemars(range(min = 1, max = 2))]
    pub format: Number,
    /// Stable id of the questionnaire, for example `oxfordshire-cse`; saved screenings
    /// record it. Lower-case letters, digits, `-` and `_`, starting with a letter.
    #[schemars(pattern(QUESTIONNAIRE_ID_PATTERN))]
    pub id: Text,
    /// The questionnaire's own version, for example `1.0.0`; change it whenever content changes.
    #[schemars(pattern(TEXT_PATTERN))]
    pub version: Text,
    /// Shown at the top of every screening.
    #[schemars(pattern(TEXT_PATTERN))]
    pub title: Text,
    /// The area whose procedures the routes follow, for example `Oxfordshire, England`.
    #[schemars(pattern(TEXT_PATTERN))]
    pub jurisdiction: Text,
    /// A paragraph about what the questionnaire is for.
    #[serde(default)]
    pub description: Option<Text>,
    /// Shown with every result: the tool supports professional judgement, it does not decide.
    #[schemars(pattern(TEXT_PATTERN))]
    pub disclaimer: Text,
    /// The ages, in whole years, the content is written for.
    pub ages: RawAges,
    /// Format 2: who the tool is for, and where to turn for a child outside its ages.
    #[serde(default)]
    pub eligibility: Option<At<RawEligibility>>,
    /// Format 2: answer scales (ordered options with points), declared once and used by
    /// indicators with `scale: ID`.
    #[serde(default)]
    pub scales: Vec<RawScale>,
    /// Format 2: how a "yes" with no window recorded scores, for every indicator asked with
    /// windows (an indicator may say otherwise). By default, the highest window weight.
    #[serde(default)]
    pub undated_yes: Option<At<RawUndated>>,
    /// The published tools and guidance the content is drawn from (at least one).
    #[schemars(length(min = 1))]
    pub sources: Vec<RawSource>,
    /// The id of the route shown first on every result (999 and out-of-hours contacts).
    #[schemars(pattern(ID_PATTERN))]
    pub immediate_danger: Text,
    /// Facts about the child that rules use; must include one `age` fact.
    #[schemars(length(min = 1))]
    pub profile: Vec<RawFact>,
    /// Time windows an indicator can be ticked in.
    #[serde(default)]
    pub windows: Vec<RawWindow>,
    /// Categories of indicator; rules can count answers by category.
    pub categories: Vec<RawCategory>,
    /// The indicators, in sections, in the order they are asked.
    #[schemars(length(min = 1))]
    pub sections: Vec<RawSection>,
    /// The outcome levels, lowest first; the first has `min_score: 0`.
    #[schemars(length(min = 1))]
    pub levels: Vec<RawLevel>,
    /// Conditions that raise the level and add routes. They can only raise, never lower.
    #[serde(default)]
    pub rules: Vec<RawRule>,
    /// Referral routes and actions.
    #[schemars(length(min = 1))]
    pub routes: Vec<RawRoute>,
    /// Text attached to routes (information sharing, recording).
    #[serde(default)]
    pub reminders: Vec<RawReminder>,
    /// What `cse-screen history` does when repeated screenings show risk not reducing.
    #[serde(default)]
    pub escalation: Option<RawEscalation>,
}

/// The ages, in whole years, the questionnaire is written for (0 to 25, `min` no more than `max`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Ages")]
pub struct RawAges {
    /// The youngest age, in whole years.
    #[schemars(range(min = 0, max = MAX_AGE))]
    pub min: Number,
    /// The oldest age, in whole years.
    #[schemars(range(min = 0, max = MAX_AGE))]
    pub max: Number,
}

/// Format 2: who the tool is for. Ages outside `ages` are warned about (`score`) or confirmed
/// (`screen`), with the message given here.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Eligibility")]
pub struct RawEligibility {
    /// Shown before every screening and with every result, for example "Not a screening
    /// tool for a child with no prior concern".
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub statement: Option<Text>,
    /// For a child younger than `ages.min`: what to use instead.
    #[serde(default)]
    pub younger: Option<RawReferral>,
    /// For a child older than `ages.max`: what to use instead.
    #[serde(default)]
    pub older: Option<RawReferral>,
}

/// Format 2: where to turn for a child outside the tool's ages.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Referral")]
pub struct RawReferral {
    /// What to do instead, in words the practitioner sees.
    #[schemars(pattern(TEXT_PATTERN))]
    pub message: Text,
    /// The id of another questionnaire to use instead (bundled or local), if there is one.
    #[serde(default)]
    #[schemars(pattern(QUESTIONNAIRE_ID_PATTERN))]
    pub tool: Option<Text>,
}

/// Format 2: an answer scale, ordered lowest first. `no` is its lowest option; a "yes" is
/// rated with a higher one. Not known is always possible and scores as the lowest option.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Scale")]
pub struct RawScale {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    /// For example `Suggested risk level`.
    #[schemars(pattern(TEXT_PATTERN))]
    pub label: Text,
    /// At least two options, lowest first, with points that never decrease.
    #[schemars(length(min = 2))]
    pub options: Vec<RawScaleOption>,
}

/// Format 2: one option of a scale.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ScaleOption")]
pub struct RawScaleOption {
    /// Unique within its scale; answers files write it as `rating`.
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    #[schemars(pattern(TEXT_PATTERN))]
    pub label: Text,
    /// What the option means (its anchor), shown when it is chosen.
    #[serde(default)]
    pub description: Option<Text>,
    /// Points for this option (0 to 1000), at least those of the option before it.
    #[schemars(range(min = 0, max = MAX_WEIGHT))]
    pub points: Number,
}

/// Format 2: how a "yes" with no window recorded scores. Give one of `highest_window: true`
/// (the default), `window` or `points`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "UndatedYes")]
pub struct RawUndated {
    /// Score the highest of the indicator's window weights.
    #[serde(default)]
    pub highest_window: Option<At<bool>>,
    /// Score this window's weight (a window id).
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub window: Option<Text>,
    /// Score this many points.
    #[serde(default)]
    #[schemars(range(min = 0, max = MAX_WEIGHT))]
    pub points: Option<Number>,
}

/// A published tool or guidance the content is drawn from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    /// The title as published.
    #[schemars(pattern(TEXT_PATTERN))]
    pub title: Text,
    /// Its web address, starting with `https://` or `http://`.
    #[schemars(pattern(URL_PATTERN))]
    pub url: Text,
}

/// A fact about the child that rules may use.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Fact")]
pub struct RawFact {
    /// `age` for the age fact.
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    pub kind: At<FactKind>,
    /// The question asked.
    #[schemars(pattern(TEXT_PATTERN))]
    pub prompt: Text,
    /// What the practitioner should know to answer it.
    #[serde(default)]
    pub help: Option<Text>,
}

/// What kind of value a profile fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Age in whole years (0 to 25).
    Age,
    /// Yes, no or not known.
    YesNo,
}

/// A time window an indicator can be ticked in.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Window")]
pub struct RawWindow {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    /// For example `Now or in the last 6 months`.
    #[schemars(pattern(TEXT_PATTERN))]
    pub label: Text,
}

/// A category indicators belong to (rules can count by category).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Category")]
pub struct RawCategory {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    #[schemars(pattern(TEXT_PATTERN))]
    pub title: Text,
}

/// A section of indicators, asked in order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Section")]
pub struct RawSection {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    #[schemars(pattern(TEXT_PATTERN))]
    pub title: Text,
    /// Shown before the section's first question.
    #[serde(default)]
    pub intro: Option<Text>,
    /// At least one indicator.
    #[schemars(length(min = 1))]
    pub indicators: Vec<RawIndicator>,
}

/// One risk indicator. Give exactly one of `weight` and `weights`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Indicator")]
pub struct RawIndicator {
    /// Stable id; saved answers refer to it, so never reuse an id for a different question.
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    /// The question, in plain and non-blaming language.
    #[schemars(pattern(TEXT_PATTERN))]
    pub prompt: Text,
    /// What to look for or ask. Required: a practitioner must be able to act on every question.
    #[schemars(required, pattern(TEXT_PATTERN))]
    pub help: Option<Text>,
    /// A category id.
    #[schemars(pattern(ID_PATTERN))]
    pub category: Text,
    /// Points for "yes" when the indicator has no time windows (0 to 1000).
    #[serde(default)]
    #[schemars(range(min = 0, max = MAX_WEIGHT))]
    pub weight: Option<Number>,
    /// Points per time window, `{window_id: points}`, for an indicator asked with windows;
    /// a "yes" scores the sum of the windows ticked.
    #[serde(default)]
    pub weights: Option<At<WindowWeights>>,
    /// Format 2: a scale id; the answer is rated on the scale and scores its option's points
    /// (instead of `weight` or `weights`).
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub scale: Option<Text>,
    /// Format 2: how a "yes" with no window recorded scores, for this indicator.
    #[serde(default)]
    pub undated_yes: Option<At<RawUndated>>,
    /// Learning points shown with the result when the indicator is answered yes.
    #[serde(default)]
    pub learning: Vec<Text>,
    /// Questions asked when the answer is yes.
    #[serde(default)]
    pub follow_up: Vec<RawFollowUp>,
    /// Ids of the sources this indicator is drawn from.
    #[serde(default)]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub sources: Vec<Text>,
}

/// `weights:` written as a map of `window: points`, kept in written order.
#[derive(Debug, Default)]
pub struct WindowWeights(pub Vec<RawWindowWeight>);

impl JsonSchema for WindowWeights {
    fn schema_name() -> Cow<'static, str> {
        "WindowWeights".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Points per window id, such as {recent: 5, earlier: 1} (whole numbers, 0 to 1000).",
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"type": "integer", "minimum": 0, "maximum": MAX_WEIGHT},
        })
    }
}

/// One `window: points` entry of `weights`.
#[derive(Debug)]
pub struct RawWindowWeight {
    pub window: Text,
    pub points: Number,
}

/// A follow-up question asked when the indicator is answered yes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FollowUp")]
pub struct RawFollowUp {
    /// Unique within its indicator.
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    #[schemars(pattern(TEXT_PATTERN))]
    pub prompt: Text,
    #[serde(default)]
    pub help: Option<Text>,
    pub kind: At<FollowUpKind>,
    /// The largest count accepted (1 to 1,000,000).
    #[serde(default)]
    #[schemars(range(min = 1, max = MAX_FOLLOW_UP))]
    pub max: Option<Number>,
}

/// The kind of value a follow-up question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// A whole number, zero or more (for example, missing episodes).
    Count,
}

/// An outcome level. A level's routes include those of every level below it, unless it
/// says `inherit_routes: false` (format 2).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Level")]
pub struct RawLevel {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    /// For example `Medium`.
    #[schemars(pattern(TEXT_PATTERN))]
    pub label: Text,
    #[serde(default)]
    pub description: Option<Text>,
    /// The lowest score at this level: 0 for the first level, then strictly increasing.
    /// Format 2: may be left out for a level only rules or judgement reach.
    #[serde(default)]
    #[schemars(range(min = 0, max = u32::MAX))]
    pub min_score: Option<Number>,
    /// Route ids this level adds to those of the levels below.
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub routes: Vec<Text>,
    /// Format 2: whether this level's routes include those of the levels below (default
    /// `true`). `false` for a tool whose levels each have their own actions.
    #[serde(default)]
    pub inherit_routes: Option<At<bool>>,
    /// Days until the screening should be repeated at this level (1 to 3650).
    #[schemars(range(min = 1, max = MAX_REVIEW_DAYS))]
    pub review_days: Number,
    /// Ids of the sources this level's review interval and wording rest on.
    #[serde(default)]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub sources: Vec<Text>,
}

/// A rule: when its condition holds, raise the level and add routes. Give `raise_to`,
/// `add_routes` or both.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rule")]
pub struct RawRule {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    pub when: At<RawCondition>,
    /// A level id: the outcome is raised to at least this level.
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub raise_to: Option<Text>,
    /// Route ids added when the rule fires.
    #[serde(default)]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub add_routes: Vec<Text>,
    /// Shown to the practitioner when the rule fires.
    #[schemars(pattern(TEXT_PATTERN))]
    pub reason: Text,
    /// Ids of the sources this rule's condition and reason rest on.
    #[serde(default)]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub sources: Vec<Text>,
}

/// A rule condition: exactly one of `all`, `any`, `answer`, `count`, `score`, `level`,
/// `profile`, `follow_up`. Every form is monotone: more "yes" answers can only make it hold.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[schemars(rename = "Condition")]
pub enum RawCondition {
    /// Every condition holds.
    All(#[schemars(length(min = 1))] Vec<At<RawCondition>>),
    /// At least one condition holds.
    Any(#[schemars(length(min = 1))] Vec<At<RawCondition>>),
    /// An indicator is answered yes (or yes or not known).
    Answer(RawAnswerTest),
    /// At least N indicators of a section or category are answered yes (or yes or not known).
    Count(Box<RawCountTest>),
    /// The total score is at least N.
    Score(RawAtLeast),
    /// The level (after score, other rules and judgement) is at least this level.
    Level(RawLevelTest),
    /// A profile fact: an age below, at most or at least N, or a yes/no fact is yes or no.
    Profile(RawProfileTest),
    /// An indicator is yes and its follow-up value is at least N.
    FollowUp(RawFollowUpTest),
    /// Format 2: the points of a section or category reach N.
    Subtotal(RawSubtotalTest),
    /// Format 2: an indicator is yes and its follow-up value is at least a profile value
    /// plus N (the other person's age at least the child's age plus 3).
    Compare(Box<RawCompareTest>),
}

/// Format 2: give `section` or `category`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SubtotalTest")]
pub struct RawSubtotalTest {
    /// A section id.
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub section: Option<Text>,
    /// A category id.
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub category: Option<Text>,
    /// At least 1, and no more than the most the section or category can score.
    #[schemars(range(min = 1))]
    pub at_least: Number,
}

/// Format 2: the follow-up's value is at least the profile fact's value plus `plus`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CompareTest")]
pub struct RawCompareTest {
    /// An indicator id.
    #[schemars(pattern(ID_PATTERN))]
    pub indicator: Text,
    /// The id of one of its follow-ups.
    #[schemars(pattern(ID_PATTERN))]
    pub follow_up: Text,
    /// The id of the age fact.
    #[schemars(pattern(ID_PATTERN))]
    pub at_least_fact: Text,
    /// Added to the fact's value (0 to 25; default 0).
    #[serde(default)]
    #[schemars(range(min = 0, max = MAX_AGE))]
    pub plus: Option<Number>,
}

/// Format 2: count only answers rated at least this option of this scale.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RatedTest")]
pub struct RawRated {
    /// A scale id.
    #[schemars(pattern(ID_PATTERN))]
    pub scale: Text,
    /// One of its options, above the lowest.
    #[schemars(pattern(ID_PATTERN))]
    pub at_least: Text,
}

/// Which answers a test accepts. Only upward-closed sets (no < not known < yes) exist,
/// so no rule can stop firing when an answer becomes "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Accept {
    /// Only "yes".
    Yes,
    /// "Yes" or "not known": not known is never treated as no.
    YesOrNotKnown,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AnswerTest")]
pub struct RawAnswerTest {
    /// An indicator id.
    #[schemars(pattern(ID_PATTERN))]
    pub indicator: Text,
    pub is: At<Accept>,
}

/// Give `section` or `category`, or neither to count every indicator.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CountTest")]
pub struct RawCountTest {
    /// A section id.
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub section: Option<Text>,
    /// A category id.
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub category: Option<Text>,
    pub of: At<Accept>,
    /// Count only answers ticked in this window (with `of: yes`).
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub window: Option<Text>,
    /// Format 2: count only indicators on this scale rated at least this option (with
    /// `of: yes_or_not_known`, not-known answers count too).
    #[serde(default)]
    pub rated: Option<At<RawRated>>,
    #[schemars(range(min = 1))]
    pub at_least: Number,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AtLeast")]
pub struct RawAtLeast {
    /// At least 1, and no more than the highest possible score.
    #[schemars(range(min = 1))]
    pub at_least: Number,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "LevelTest")]
pub struct RawLevelTest {
    /// A level id.
    #[schemars(pattern(ID_PATTERN))]
    pub at_least: Text,
}

/// For the age fact give one of `below`, `at_most` and `at_least`; for a yes/no fact, `is`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ProfileTest")]
pub struct RawProfileTest {
    /// A profile fact id.
    #[schemars(pattern(ID_PATTERN))]
    pub fact: Text,
    /// Age under N.
    #[serde(default)]
    #[schemars(range(min = 0, max = MAX_AGE))]
    pub below: Option<Number>,
    /// Age N or under.
    #[serde(default)]
    #[schemars(range(min = 0, max = MAX_AGE))]
    pub at_most: Option<Number>,
    /// Age N or over.
    #[serde(default)]
    #[schemars(range(min = 0, max = MAX_AGE))]
    pub at_least: Option<Number>,
    #[serde(default)]
    pub is: Option<At<YesNo>>,
}

/// A yes/no value for profile tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FollowUpTest")]
pub struct RawFollowUpTest {
    /// An indicator id.
    #[schemars(pattern(ID_PATTERN))]
    pub indicator: Text,
    /// The id of one of its follow-ups.
    #[schemars(pattern(ID_PATTERN))]
    pub follow_up: Text,
    /// At least 1, and no more than the follow-up's `max`.
    #[schemars(range(min = 1, max = MAX_FOLLOW_UP))]
    pub at_least: Number,
}

/// A referral route or action.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Route")]
pub struct RawRoute {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    #[schemars(pattern(TEXT_PATTERN))]
    pub title: Text,
    /// What to do.
    #[schemars(pattern(TEXT_PATTERN))]
    pub action: Text,
    /// Who to contact, with numbers and hours.
    #[serde(default)]
    pub contact: Option<Text>,
    /// How soon, for example `The same working day`.
    #[schemars(pattern(TEXT_PATTERN))]
    pub timescale: Text,
    /// 1 is the most urgent; results list routes in this order.
    #[schemars(range(min = 1, max = MAX_URGENCY))]
    pub urgency: Number,
    /// Reminder ids shown with this route.
    #[serde(default)]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub reminders: Vec<Text>,
    /// Ids of the sources this route's contacts, timescale and action rest on.
    #[serde(default)]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub sources: Vec<Text>,
}

/// A reminder attached to routes (information sharing, recording).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Reminder")]
pub struct RawReminder {
    #[schemars(pattern(ID_PATTERN))]
    pub id: Text,
    #[schemars(pattern(TEXT_PATTERN))]
    pub text: Text,
}

/// What `history` does when repeated screenings show risk not reducing.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Escalation")]
pub struct RawEscalation {
    /// Escalate when the level has not reduced across this many screenings in a row (2 to 50).
    #[schemars(range(min = 2, max = 50))]
    pub not_reducing_after: Number,
    /// ... and the level is at least this level id.
    #[schemars(pattern(ID_PATTERN))]
    pub from_level: Text,
    /// Also escalate as soon as the level rises between screenings.
    #[serde(default)]
    pub when_rising: bool,
    /// The route id recommended.
    #[schemars(pattern(ID_PATTERN))]
    pub route: Text,
    #[schemars(pattern(TEXT_PATTERN))]
    pub reason: Text,
    #[serde(default)]
    pub missing: Option<RawMissingEscalation>,
}

/// Missing episodes counted across screenings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "MissingEscalation")]
pub struct RawMissingEscalation {
    /// The indicator that asks about missing episodes.
    #[schemars(pattern(ID_PATTERN))]
    pub indicator: Text,
    /// Its count follow-up.
    #[schemars(pattern(ID_PATTERN))]
    pub follow_up: Text,
    #[schemars(range(min = 1, max = MAX_FOLLOW_UP))]
    pub at_least: Number,
    #[schemars(pattern(TEXT_PATTERN))]
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
