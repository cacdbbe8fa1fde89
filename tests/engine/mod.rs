//! The scoring engine through the library, no process: the safety floors on both bundled
//! questionnaires, a table of answer sets on the small
//! example, each rule of the Oxfordshire questionnaire, the safety properties over random
//! answers and random questionnaires, and the curiosity prompts against brute force.

mod content;
mod curiosity;
mod floors;
mod oxfordshire_rules;
mod properties;
mod table;
