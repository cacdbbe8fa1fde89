//! JSON Schemas for the two file formats, generated from the loaders' own serde types.
//!
//! The schemas come from the types the loaders deserialize into ([`RawQuestionnaire`] and
//! [`Screening`]), so a field added to a format is in its schema without a second edit.
//! They describe shape, types, ids, ranges and required text; what needs the whole file
//! (an id that must exist, levels in order, an answer's indicator in its questionnaire) is
//! left to `cse-screen validate` and `score`. A file the schema rejects is rejected by the
//! loader too (tests/schema.rs proves it field by field); the converse does not hold.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::answers::Screening;
use crate::questionnaire::raw::RawQuestionnaire;

/// Which file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Questionnaire,
    Answers,
}

/// The JSON Schema (draft 2020-12) of `kind`, pretty-printed, ending in a newline.
pub fn json(kind: Kind) -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = match kind {
        Kind::Questionnaire => generator.into_root_schema_for::<RawQuestionnaire>(),
        Kind::Answers => generator.into_root_schema_for::<Screening>(),
    };
    let mut value = schema.to_value();
    unwrap_descriptions(&mut value);
    // Serializing a `serde_json::Value` cannot fail; the fallback keeps this panic-free.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Joins the lines of each description: doc comments wrap at 100 columns, and editors show
/// a description as one paragraph.
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => {
                        *text = text.replace('\n', " ");
                    }
                    _ => unwrap_descriptions(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_one_line_and_the_output_is_json() {
        for kind in [Kind::Questionnaire, Kind::Answers] {
            let text = json(kind);
            let value: Value = serde_json::from_str(&text).unwrap_or_default();
            assert!(value.get("$defs").is_some(), "{text}");
            assert!(!text.contains("\\n"), "a description kept a line break");
        }
    }
}
