//! A saved screening (the answers file): its serde model, shared by every reader and writer.
//!
//! The top-level shape is a contract read and written by scripts outside the project
//! (DESIGN.md section 4, docs/answers-format.md). [`parse`] reads YAML or JSON and puts
//! line:column on every problem; [`check`] tests the answers against a questionnaire and
//! reports all problems, so the engine only ever sees valid [`crate::engine::Responses`].

pub mod carry;
pub mod check;
pub mod parse;
mod sweep;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::engine::Answer;
use crate::questionnaire::FactKind;

pub use check::{Checked, Locus, check};
pub use parse::{Format, parse};

/// The answers-file format this build reads and writes (`format: 1`).
pub const FORMAT: u64 = 1;

/// The pattern of a date in an answers file: `YYYY-MM-DD`, nothing more.
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// A `YYYY-MM-DD` date that exists in the calendar. Only that form: jiff alone also reads
/// `20261124`, `+002026-11-24` and `2026-11-24T10:00`, which the format does not allow.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    crate::input::date_shaped(s)
        .then(|| s.parse::<jiff::civil::Date>().ok())
        .flatten()
}

/// The earliest screening date accepted: 2000-01-01. A screening is of a child (the
/// questionnaires cover ages 0 to 25), so one dated before 2000 would be of someone over 25
/// now; and this format dates from 2026, so an older date can only be a paper screening
/// typed in later, which 2000 still allows. Below it, a date is a slip (`0000-01-01`, `1026`
/// for `2026`), and it is refused. Dates after today are warned about (refused in `screen`):
/// see docs/decisions.md.
pub const EARLIEST_DATE: jiff::civil::Date = jiff::civil::date(2000, 1, 1);

/// How long after the screening an agreed action may be due when `screen` asks for it: one
/// year. The actions agreed at a screening protect a child now (a referral today, a meeting
/// within days, a return interview within 72 hours); a later date is almost always a
/// mistyped year. In a file, a later date is a warning, not an error.
pub const LATEST_DUE_DAYS: i64 = 366;

/// The latest due date `screen` accepts for an action agreed at a screening on `date`.
pub fn latest_due(date: jiff::civil::Date) -> jiff::civil::Date {
    date.checked_add(jiff::Span::new().days(LATEST_DUE_DAYS))
        .unwrap_or(jiff::civil::Date::MAX)
}

/// A saved screening (answers file, format 1): which questionnaire, who, when, the answers.
/// See docs/answers-format.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "cse-screen answers file")]
pub struct Screening {
    /// The JSON Schema this file follows, for editors (`cse-screen schema answers`). Ignored
    /// by cse-screen, and kept when a screening is resumed.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The answers-file format: 1. Optional; `screen` writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1))]
    pub format: Option<u64>,
    /// The questionnaire the answers were given to.
    #[serde(deserialize_with = "map_only")]
    pub questionnaire: Stamp,
    /// Who screened, when, and whether it is finished.
    #[serde(deserialize_with = "map_only")]
    pub screening: Details,
    /// Facts about the child by fact id: an age in whole years, or yes, no or not_known.
    #[serde(default)]
    pub profile: OrderedMap<ProfileValue>,
    /// Answers by indicator id, in the order asked. An indicator left out is not yet answered.
    #[serde(default, deserialize_with = "answers_map")]
    pub answers: OrderedMap<AnswerEntry>,
    /// The practitioner's professional judgement, when it raises the level.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_map"
    )]
    pub judgement: Option<JudgementEntry>,
    /// Who the screening was discussed with, and the actions agreed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_map"
    )]
    pub decisions: Option<Decisions>,
}

impl Screening {
    /// What makes two files the same screening: the sha256 (lower-case hex) of the
    /// screening in a canonical form, so that a copy, and the same screening written in YAML
    /// and in JSON, have one identity. The canonical form is the parsed screening with
    /// - `$schema` and `format` left out (they say how the file is written, not what it says);
    /// - the case reference as compared ([`crate::reference::case_key`]), the practitioner
    ///   and agency [`crate::reference::normalise`]d;
    /// - the profile and the answers in order of id, each answer's windows and every
    ///   `language_kept` sorted, without repeats (their order means nothing);
    ///
    /// and everything else (questionnaire id, version and sha256, date, status, every answer,
    /// note, judgement and decision) exactly as written, serialised as compact JSON. `None`
    /// only if it cannot be serialised, which a parsed screening always can.
    pub fn identity(&self) -> Option<String> {
        use sha2::{Digest, Sha256};
        fn sorted(v: &[String]) -> Vec<String> {
            let mut v = v.to_vec();
            v.sort_unstable();
            v.dedup();
            v
        }
        let mut c = self.clone();
        c.schema = None;
        c.format = None;
        c.screening.case_reference = crate::reference::case_key(&c.screening.case_reference);
        c.screening.practitioner = crate::reference::normalise(&c.screening.practitioner);
        c.screening.agency = crate::reference::normalise(&c.screening.agency);
        c.profile.0.sort_by(|a, b| a.0.cmp(&b.0));
        c.answers.0.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, a) in &mut c.answers.0 {
            a.windows = sorted(&a.windows);
            a.language_kept = sorted(&a.language_kept);
        }
        if let Some(j) = &mut c.judgement {
            j.language_kept = sorted(&j.language_kept);
        }
        if let Some(d) = &mut c.decisions {
            for a in &mut d.actions {
                a.language_kept = sorted(&a.language_kept);
            }
        }
        let json = serde_json::to_vec(&c).ok()?;
        Some(
            Sha256::digest(&json)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        )
    }
}

/// A map kept in the order written (questionnaire order when saved by `screen`), so a saved
/// file reads in the order the questions were asked. A repeated key is an error. `K` is
/// `String`, or a spanned string when [`parse`] looks for where a key was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedMap<V, K = String>(pub Vec<(K, V)>);

impl<V, K> Default for OrderedMap<V, K> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key`, keeping its place if present, else appending.
    pub fn set(&mut self, key: &str, value: V) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }

    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A key of an [`OrderedMap`]: its text, for the duplicate check.
pub trait MapKey {
    fn text(&self) -> &str;
}

impl MapKey for String {
    fn text(&self) -> &str {
        self
    }
}

impl MapKey for serde_saphyr::Spanned<String> {
    fn text(&self) -> &str {
        &self.value
    }
}

impl<'de, V: Deserialize<'de>, K: Deserialize<'de> + MapKey> Deserialize<'de> for OrderedMap<V, K> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<V, K>(std::marker::PhantomData<(V, K)>);
        impl<'de, V: Deserialize<'de>, K: Deserialize<'de> + MapKey> serde::de::Visitor<'de>
            for Visitor<V, K>
        {
            type Value = OrderedMap<V, K>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of id to value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(K, V)> = Vec::new();
                // Past a few dozen keys, a set keeps the check linear in the file size.
                let mut seen = std::collections::HashSet::new();
                while let Some(k) = map.next_key::<K>()? {
                    // Neither reader looks for a repeated key in an answers file (serde_json
                    // never does; serde-saphyr is told not to, for speed): this is the check.
                    let repeated = if out.len() < 64 {
                        out.iter().any(|(other, _)| other.text() == k.text())
                    } else {
                        if seen.is_empty() {
                            seen.extend(out.iter().map(|(other, _)| other.text().to_owned()));
                        }
                        !seen.insert(k.text().to_owned())
                    };
                    if repeated {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate key `{}`",
                            k.text()
                        )));
                    }
                    let v = map.next_value::<V>()?;
                    out.push((k, v));
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// Which questionnaire the answers were given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// The questionnaire's id, for example `oxfordshire-cse`.
    pub id: String,
    /// The questionnaire's version.
    pub version: String,
    /// sha256 of the questionnaire file the answers were given to (`cse-screen questionnaires`
    /// shows it); a different one is a warning.
    pub sha256: String,
}

/// Who screened, when, and whether it is finished. A case reference, never a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Details {
    /// The case reference, never the child's name.
    pub case_reference: String,
    /// The date of the screening, `YYYY-MM-DD`.
    #[schemars(pattern(DATE_PATTERN))]
    pub date: String,
    /// Who carried out the screening.
    pub practitioner: String,
    /// Their agency or team.
    pub agency: String,
    /// `in_progress` until every question has been answered and the result seen.
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InProgress,
    Complete,
}

/// One indicator's answer as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerEntry {
    /// `yes`, `no` or `not_known`. Not known is never scored as no.
    pub answer: Answer,
    /// The time windows a "yes" was ticked in (window ids of the questionnaire).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<String>,
    /// For an indicator rated on a scale (questionnaire format 2): the option a "yes" is
    /// rated with, above the scale's lowest (`no` is the lowest option).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    /// Whether a "yes" rests on evidence or on concern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// What is known: facts, sources and dates, in words that do not blame the child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Follow-up answers by follow-up id: whole numbers, 0 or more.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_counts"
    )]
    pub follow_up: BTreeMap<String, u32>,
    /// Ids of listed phrases the practitioner chose to keep in `note` after the wording
    /// check (see docs/language.md). Advice only: never read by scoring.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_kept: Vec<String>,
}

impl AnswerEntry {
    /// An answer with no details.
    pub fn new(answer: Answer) -> AnswerEntry {
        AnswerEntry {
            answer,
            windows: Vec::new(),
            rating: None,
            basis: None,
            note: None,
            follow_up: BTreeMap::new(),
            language_kept: Vec::new(),
        }
    }
}

/// Evidence and concern ("gut feeling") are kept apart, as the published tools require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Evidence,
    Concern,
}

/// A profile value: a number (age), yes, no, or not_known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileValue {
    Number(u32),
    Answer(Answer),
}

impl ProfileValue {
    /// `s` as the value of a fact of `kind`: an age in whole years or `not_known` for an age;
    /// `yes`, `no` or `not_known` for a yes/no fact. `None` for anything else.
    pub fn for_kind(kind: FactKind, s: &str) -> Option<ProfileValue> {
        match (kind, s.parse::<ProfileValue>().ok()?) {
            (_, v @ ProfileValue::Answer(Answer::NotKnown))
            | (FactKind::Age, v @ ProfileValue::Number(_))
            | (FactKind::YesNo, v @ ProfileValue::Answer(_)) => Some(v),
            (FactKind::Age, ProfileValue::Answer(_))
            | (FactKind::YesNo, ProfileValue::Number(_)) => None,
        }
    }
}

/// Text that is neither a whole number nor `yes`, `no` or `not_known`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAProfileValue(pub String);

impl fmt::Display for NotAProfileValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a profile value: use a whole number, yes, no or not_known",
            self.0
        )
    }
}

impl std::error::Error for NotAProfileValue {}

impl FromStr for ProfileValue {
    type Err = NotAProfileValue;
    /// `yes`, `no`, `not_known` or a whole number, whatever the fact's kind (see
    /// [`ProfileValue::for_kind`] for one kind).
    fn from_str(s: &str) -> Result<ProfileValue, NotAProfileValue> {
        match s.parse::<Answer>() {
            Ok(a) => Ok(ProfileValue::Answer(a)),
            Err(_) => s
                .parse::<u32>()
                .map(ProfileValue::Number)
                .map_err(|_| NotAProfileValue(s.to_owned())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JudgementEntry {
    /// A level id: the outcome is raised to at least this level. Judgement never lowers it.
    pub raise_to: String,
    /// Why, in the practitioner's words.
    pub reason: String,
    /// Ids of listed phrases kept in `reason` after the wording check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_kept: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// For example the designated safeguarding lead, by role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussed_with: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list_of_maps"
    )]
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What will be done.
    pub action: String,
    /// Who will do it, by role.
    pub owner: String,
    /// By when (`screen` asks for YYYY-MM-DD).
    pub due: String,
    /// Ids of listed phrases kept in `action` after the wording check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_kept: Vec<String>,
}

/// `T`, read only from fields (`{name: value}`). serde reads a struct from a list too, by
/// position, and serde_json does so: `"judgement": ["high", "why"]` would be accepted, where
/// the YAML reader and the JSON Schema refuse it. Every part of an answers file that holds
/// fields is read through this.
pub struct MapOnly<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = MapOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("fields (`name: value`)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(MapOnly)
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

fn map_only<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    MapOnly::deserialize(d).map(|m| m.0)
}

fn optional_map<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    Option::<MapOnly<T>>::deserialize(d).map(|m| m.map(|m| m.0))
}

fn list_of_maps<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Vec::<MapOnly<T>>::deserialize(d).map(|v| v.into_iter().map(|m| m.0).collect())
}

/// Follow-up counts by id, no id repeated. serde_json keeps the last of a repeated key in a
/// `BTreeMap`, so `{"episodes": 3, "episodes": 0}` would be scored as 0 where a reader sees 3
/// first.
fn unique_counts<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, u32>, D::Error> {
    OrderedMap::<Count>::deserialize(d).map(|m| m.0.into_iter().map(|(k, c)| (k, c.0)).collect())
}

/// A follow-up count: a whole number, 0 or more, written as a number. A count in quotes
/// (`"3"`, `'0x10'`) is text to YAML and to JSON alike, as the docs and the JSON Schema say,
/// and is refused rather than read as the number it looks like.
struct Count(u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number, 0 or more")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v)
                    .map(Count)
                    .map_err(|_| E::custom(format!("`{v}` is not a count: it is too large")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Count, E> {
                u32::try_from(v)
                    .map(Count)
                    .map_err(|_| E::custom(format!("`{v}` is not a count: use 0 or more")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Count, E> {
                Err(E::custom(format!(
                    "`{v}` is text, not a count: write a whole number, in digits, without quotes"
                )))
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn answers_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<OrderedMap<AnswerEntry>, D::Error> {
    OrderedMap::<MapOnly<AnswerEntry>>::deserialize(d)
        .map(|m| OrderedMap(m.0.into_iter().map(|(k, v)| (k, v.0)).collect()))
}

impl<V: JsonSchema> JsonSchema for OrderedMap<V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<V>();
        json_schema!({"type": "object", "additionalProperties": value})
    }
}

impl JsonSchema for ProfileValue {
    fn schema_name() -> Cow<'static, str> {
        "ProfileValue".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An age in whole years (for the age fact), or yes, no or not_known.",
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": u32::MAX},
                {"enum": ["yes", "no", "not_known"]},
                {"type": "boolean"}
            ]
        })
    }
}

impl Serialize for ProfileValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ProfileValue::Number(n) => s.serialize_u32(*n),
            ProfileValue::Answer(a) => s.serialize_str(a.as_str()),
        }
    }
}

impl<'de> Deserialize<'de> for ProfileValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ProfileValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number, yes, no or not_known")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ProfileValue, E> {
                u32::try_from(v)
                    .map(ProfileValue::Number)
                    .map_err(|_| E::custom("number is too large"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ProfileValue, E> {
                u32::try_from(v)
                    .map(ProfileValue::Number)
                    .map_err(|_| E::custom("number must not be negative"))
            }
            // YAML 1.1 parsers may hand `yes`/`no` over as booleans; the meaning is the same.
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<ProfileValue, E> {
                Ok(ProfileValue::Answer(if v {
                    Answer::Yes
                } else {
                    Answer::No
                }))
            }
            // Text is an answer only: a number written as text (`"12"`) is not an age.
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ProfileValue, E> {
                v.parse::<Answer>()
                    .map(ProfileValue::Answer)
                    .map_err(|_| E::custom(NotAProfileValue(v.to_owned())))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_value_is_an_answer_or_a_whole_number() {
        assert_eq!("12".parse(), Ok(ProfileValue::Number(12)));
        assert_eq!("no".parse(), Ok(ProfileValue::Answer(Answer::No)));
        assert!("twelve".parse::<ProfileValue>().is_err());
        assert!("-1".parse::<ProfileValue>().is_err());
    }

    #[test]
    fn a_value_for_a_kind_is_one_that_kind_takes() {
        let not_known = Some(ProfileValue::Answer(Answer::NotKnown));
        assert_eq!(
            ProfileValue::for_kind(FactKind::Age, "12"),
            Some(ProfileValue::Number(12))
        );
        assert_eq!(
            ProfileValue::for_kind(FactKind::Age, "not_known"),
            not_known
        );
        assert_eq!(ProfileValue::for_kind(FactKind::Age, "yes"), None);
        assert_eq!(ProfileValue::for_kind(FactKind::Age, ""), None);
        assert_eq!(
            ProfileValue::for_kind(FactKind::YesNo, "yes"),
            Some(ProfileValue::Answer(Answer::Yes))
        );
        assert_eq!(
            ProfileValue::for_kind(FactKind::YesNo, "not_known"),
            not_known
        );
        assert_eq!(ProfileValue::for_kind(FactKind::YesNo, "12"), None);
    }
}
