//! A saved screening (the answers file): its serde model and its check against a questionnaire.
//!
//! The top-level shape is a contract read and written by scripts outside the project
//! (DESIGN.md section 4, docs/answers-format.md). [`Screening::responses`] checks every id
//! and value against the questionnaire and reports all problems, so the engine only ever
//! sees valid [`Responses`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Problem, did_you_mean};
use crate::engine::{Answer, FactValue, Judgement, Response, Responses};
use crate::questionnaire::{FactKind, Questionnaire, YesNo};

/// A saved screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
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
/// file reads in the order the questions were asked. Duplicate keys are rejected by the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
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

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of id to value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, V>()? {
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

impl Screening {
    /// Checks the answers against `q` and aligns them with its indicators.
    /// Reports every problem; positions are added by the loader where it has them.
    pub fn responses(&self, q: &Questionnaire) -> Result<Responses, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut out = Responses::empty(q);
        let indicator_ids = || q.indicators.iter().map(|i| i.id.as_str());

        if self.screening.date.parse::<jiff::civil::Date>().is_err() {
            problems.push(
                Problem::new(
                    None,
                    format!("`screening.date` is `{}`, not a date", self.screening.date),
                )
                .help("write the date as YYYY-MM-DD, for example 2026-11-24"),
            );
        }
        for (id, entry) in self.answers.iter() {
            let Some(i) = q.indicator(id) else {
                let help = match did_you_mean(id, indicator_ids()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "questionnaire `{}` has no such indicator; remove the answer or check the questionnaire",
                        q.id
                    ),
                };
                problems.push(Problem::new(None, format!("unknown indicator `{id}`")).help(help));
                continue;
            };
            let ind = &q.indicators[i];
            let mut windows = Vec::new();
            for w in &entry.windows {
                match q.window(w) {
                    Some(wi) if ind.scoring.has_window(wi) => windows.push(wi),
                    _ => {
                        let allowed: Vec<&str> = (0..q.windows.len())
                            .filter(|&wi| ind.scoring.has_window(wi))
                            .map(|wi| q.windows[wi].id.as_str())
                            .collect();
                        let help = if allowed.is_empty() {
                            "this indicator is not asked with time windows; remove `windows`"
                                .to_owned()
                        } else {
                            format!("use one of: {}", allowed.join(", "))
                        };
                        problems.push(
                            Problem::new(None, format!("indicator `{id}` has no window `{w}`"))
                                .help(help),
                        );
                    }
                }
            }
            windows.sort_unstable();
            windows.dedup();
            let mut follow_ups = vec![None; ind.follow_ups.len()];
            for (fid, value) in &entry.follow_up {
                match ind.follow_ups.iter().position(|f| &f.id == fid) {
                    Some(f) if ind.follow_ups[f].max.is_some_and(|m| *value > m) => problems.push(
                        Problem::new(None, format!("follow-up `{fid}` of indicator `{id}` is {value}, more than its maximum"))
                            .help(format!("use a number from 0 to {}", ind.follow_ups[f].max.unwrap_or(0))),
                    ),
                    Some(f) => follow_ups[f] = Some(*value),
                    None => problems.push(Problem::new(None, format!("indicator `{id}` has no follow-up `{fid}`")).help(format!(
                        "its follow-ups are: {}",
                        if ind.follow_ups.is_empty() { "(none)".to_owned() } else { ind.follow_ups.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", ") }
                    ))),
                }
            }
            out.indicators[i] = Response {
                answer: Some(entry.answer),
                windows,
                follow_ups,
            };
        }

        for (id, value) in self.profile.iter() {
            let Some(f) = q.fact(id) else {
                let help = match did_you_mean(id, q.profile.iter().map(|f| f.id.as_str())) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "remove it, or check the questionnaire's `profile`".to_owned(),
                };
                problems
                    .push(Problem::new(None, format!("unknown profile fact `{id}`")).help(help));
                continue;
            };
            out.profile[f] = match (q.profile[f].kind, value) {
                (_, ProfileValue::Answer(Answer::NotKnown)) => FactValue::NotKnown,
                (FactKind::Age, ProfileValue::Number(n))
                    if i64::from(*n) <= crate::questionnaire::validate::MAX_AGE =>
                {
                    FactValue::Age(*n)
                }
                (FactKind::YesNo, ProfileValue::Answer(Answer::Yes)) => {
                    FactValue::YesNo(YesNo::Yes)
                }
                (FactKind::YesNo, ProfileValue::Answer(Answer::No)) => FactValue::YesNo(YesNo::No),
                (FactKind::Age, _) => {
                    problems.push(Problem::new(None, format!("profile fact `{id}` must be an age in whole years (0 to 25) or not_known")));
                    continue;
                }
                (FactKind::YesNo, _) => {
                    problems.push(Problem::new(
                        None,
                        format!("profile fact `{id}` must be yes, no or not_known"),
                    ));
                    continue;
                }
            };
        }

        if let Some(j) = &self.judgement {
            match q.level(&j.raise_to) {
                Some(l) if !j.reason.trim().is_empty() => {
                    out.judgement = Some(Judgement {
                        raise_to: l,
                        reason: j.reason.trim().to_owned(),
                    });
                }
                Some(_) => problems.push(
                    Problem::new(None, "`judgement` has no reason")
                        .help("a practitioner raising the level must record why"),
                ),
                None => {
                    let levels: Vec<&str> = q.levels.iter().map(|l| l.id.as_str()).collect();
                    problems.push(
                        Problem::new(
                            None,
                            format!("`judgement.raise_to` names unknown level `{}`", j.raise_to),
                        )
                        .help(format!("use one of: {}", levels.join(", "))),
                    );
                }
            }
        }

        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
}
