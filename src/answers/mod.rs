//! A saved screening (the answers file): its serde model, shared by every reader and writer.
//!
//! The top-level shape is a contract read and written by scripts outside the project
//! (DESIGN.md section 4, docs/answers-format.md). [`parse`] reads YAML or JSON and puts
//! line:column on every problem; [`check`] tests the answers against a questionnaire and
//! reports all problems, so the engine only ever sees valid [`crate::engine::Responses`].

pub mod check;
pub mod parse;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::Answer;

pub use check::{Checked, Locus, check};
pub use parse::{Format, parse};

/// The answers-file format this build reads and writes (`format: 1`).
pub const FORMAT: u64 = 1;

/// A saved screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// The answers-file format; optional, and [`FORMAT`] when absent. `screen` writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<u64>,
    pub questionnaire: Stamp,
    pub screening: Details,
    #[serde(default)]
    pub profile: OrderedMap<ProfileValue>,
    #[serde(default)]
    pub answers: OrderedMap<AnswerEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<JudgementEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions: Option<Decisions>,
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
                    // The YAML parser rejects repeated keys itself; JSON parsers do not.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

/// Who screened, when, and whether it is finished. A case reference, never a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    pub case_reference: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub practitioner: String,
    pub agency: String,
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InProgress,
    Complete,
}

/// One indicator's answer as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerEntry {
    pub answer: Answer,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
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
            basis: None,
            note: None,
            follow_up: BTreeMap::new(),
            language_kept: Vec::new(),
        }
    }
}

/// Evidence and concern ("gut feeling") are kept apart, as the published tools require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgementEntry {
    pub raise_to: String,
    pub reason: String,
    /// Ids of listed phrases kept in `reason` after the wording check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_kept: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussed_with: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub action: String,
    pub owner: String,
    pub due: String,
    /// Ids of listed phrases kept in `action` after the wording check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_kept: Vec<String>,
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
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ProfileValue, E> {
                match v {
                    "yes" => Ok(ProfileValue::Answer(Answer::Yes)),
                    "no" => Ok(ProfileValue::Answer(Answer::No)),
                    "not_known" => Ok(ProfileValue::Answer(Answer::NotKnown)),
                    other => Err(E::custom(format!(
                        "`{other}` is not a profile value: use a whole number, yes, no or not_known"
                    ))),
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}
