//! Reading a phrase list: the built-in one, or a file given with `--phrases PATH`.
//!
//! The file is checked as a whole and every problem is reported at once, with line and
//! column: ids, sources, patterns (which must compile), and the examples each entry carries
//! (each must match; each counter-example must not), and no better wording may itself be
//! flagged. Nothing here panics on a user's file.
//!
//! The built-in list is read without compiling anything or checking its examples: its
//! regexes are compiled when text is first checked, and the tests prove that it passes
//! every check a user's list must (`the_built_in_list_passes_every_check`). That keeps
//! the start of every command that loads it short (docs/decisions.md, "Speed").

use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::pattern::{self, PatternError};
use super::{Phrase, PhraseList, Source, Tier};
use crate::diagnostic::{Position, Problem, did_you_mean, sorted};
use crate::input::{self, Failure, strip_bom};

/// Where the phrase list format is documented.
pub const DOCS: &str = "docs/language.md";
/// The built-in list, as named in messages.
pub const BUNDLED_PATH: &str = "language/phrases.yaml";
const BUNDLED_TEXT: &str = include_str!("../../language/phrases.yaml");
/// The only format version this build reads.
pub const FORMAT_VERSION: i64 = 1;
/// Phrase files larger than this are refused before parsing.
pub const MAX_PHRASES_BYTES: u64 = crate::input::PHRASES.max_bytes;

type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    format: Spanned<i64>,
    #[serde(default)]
    #[allow(dead_code)] // for the reader of the file
    description: Option<String>,
    sources: Vec<RawSource>,
    phrases: Vec<RawPhrase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Text,
    title: Text,
    url: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrase {
    id: Text,
    #[serde(default)]
    tier: Option<Text>,
    phrase: Text,
    patterns: Vec<Text>,
    why: Text,
    #[serde(default)]
    under_13: Option<Text>,
    instead: Vec<Text>,
    sources: Vec<Text>,
    #[serde(default)]
    examples: Vec<Text>,
    #[serde(default)]
    counter_examples: Vec<Text>,
}

/// The built-in phrase list, read on first use; its regexes are compiled when first needed.
pub fn bundled() -> Result<&'static PhraseList, &'static [Problem]> {
    static LIST: OnceLock<Result<PhraseList, Vec<Problem>>> = OnceLock::new();
    LIST.get_or_init(|| read(BUNDLED_TEXT, Checks::Proven))
        .as_ref()
        .map_err(Vec::as_slice)
}

/// Reads and checks the phrase list at `path`.
pub fn from_path(path: &Path) -> Result<PhraseList, Failure> {
    let text = input::read_file(path, &input::PHRASES)?;
    from_str(&text).map_err(Failure::Invalid)
}

/// Parses and checks a phrase list, compiling its patterns.
pub fn from_str(text: &str) -> Result<PhraseList, Vec<Problem>> {
    read(text, Checks::All)
}

/// How much of a list is checked when it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checks {
    /// Everything: a list from a file. Its regexes are compiled here, once.
    All,
    /// The text and the patterns' syntax only: the built-in list, which the tests check in
    /// full. Nothing is compiled until text is checked.
    Proven,
}

/// Parses and checks a phrase list, as far as `checks` says.
fn read(text: &str, checks: Checks) -> Result<PhraseList, Vec<Problem>> {
    let text = strip_bom(text);
    let limits = &input::PHRASES;
    if let Some(empty) = limits.empty(text, true) {
        return Err(vec![empty]);
    }
    let raw: RawList = limits.parse_yaml(text).map_err(|p| vec![p])?;
    let mut c = Checker {
        text,
        checks,
        problems: Vec::new(),
    };
    let list = c.list(&raw);
    let problems = sorted(c.problems);
    match list {
        Some(list) if problems.is_empty() => Ok(list),
        _ if problems.is_empty() => Err(vec![Problem::new(
            None,
            "internal error: the phrase list passed its checks but could not be built; please report this",
        )]),
        _ => Err(problems),
    }
}

fn pos(t: &Spanned<impl Sized>) -> Option<Position> {
    Position::of(&t.referenced)
}

struct Checker<'t> {
    text: &'t str,
    checks: Checks,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, at: Option<Position>, message: String, help: impl Into<String>) {
        self.problems.push(Problem::new(at, message).help(help));
    }

    fn text(&mut self, t: &Text, what: &str) -> String {
        if t.value.trim().is_empty() {
            self.problem(pos(t), format!("{what} is empty"), "write the text");
        }
        t.value.trim().to_owned()
    }

    /// Where character `at` of a pattern is in the file: one line, after any opening quote.
    fn pattern_position(&self, t: &Text, e: &PatternError) -> Option<Position> {
        let start = pos(t)?;
        let quoted = t
            .referenced
            .span()
            .byte_offset()
            .and_then(|o| self.text.get(usize::try_from(o).ok()?..))
            .is_some_and(|rest| rest.starts_with(['"', '\'']));
        Some(Position {
            line: start.line,
            column: start.column + e.at as u64 + u64::from(quoted),
        })
    }

    fn list(&mut self, raw: &RawList) -> Option<PhraseList> {
        if raw.format.value != FORMAT_VERSION {
            self.problem(
                pos(&raw.format),
                format!("phrase list format {} is not supported", raw.format.value),
                format!("this cse-screen reads format {FORMAT_VERSION}"),
            );
        }
        let sources = self.sources(&raw.sources);
        if raw.phrases.is_empty() {
            self.problem(
                None,
                "`phrases` is empty".to_owned(),
                "list at least one phrase to avoid",
            );
        }
        let mut phrases = Vec::new();
        let mut complete = true;
        for (i, p) in raw.phrases.iter().enumerate() {
            let id = &p.id.value;
            self.id(&p.id, "phrase");
            if let Some(first) = raw.phrases[..i].iter().find(|q| q.id.value == *id) {
                let line = pos(&first.id).map_or(String::new(), |p| format!(" at line {}", p.line));
                self.problem(
                    pos(&p.id),
                    format!("phrase id `{id}` is already used{line}"),
                    "every phrase id must be unique; rename one of them",
                );
            }
            match self.phrase(p, &sources) {
                Some(phrase) => phrases.push(phrase),
                None => complete = false,
            }
        }
        if !complete {
            return None;
        }
        let list = PhraseList::new(sources, phrases);
        if self.checks == Checks::Proven {
            return Some(list);
        }
        // A better wording that is itself flagged would send the practitioner round in circles.
        for (p, raw) in list.phrases.iter().zip(&raw.phrases) {
            for (wording, t) in p.instead.iter().zip(&raw.instead) {
                if let Some(f) = list.check(wording, true).first() {
                    self.problem(
                        pos(t),
                        format!(
                            "a better wording for `{}` contains \"{}\", which phrase `{}` flags",
                            p.id, f.text, f.id
                        ),
                        "reword it, so the advice passes the check it gives",
                    );
                }
            }
        }
        Some(list)
    }

    /// Compiles one translated pattern of phrase `id` alone and reports why it cannot be;
    /// true if it cannot.
    fn compile_alone(&mut self, id: &str, t: &Text, source: &str) -> bool {
        match pattern::compile_source(source) {
            Ok(_) => false,
            Err(e) => {
                let at = self.pattern_position(t, &e);
                self.problem(at, format!("pattern of `{id}`: {}", e.message), e.help);
                true
            }
        }
    }

    fn id(&mut self, id: &Text, kind: &str) {
        let v = &id.value;
        if !crate::questionnaire::validate::valid_id(v) {
            self.problem(
                pos(id),
                format!("{kind} id `{v}` is not valid"),
                "ids are lower_snake_case: a lower-case letter, then lower-case letters, digits or `_` (at most 64)",
            );
        }
    }

    fn sources(&mut self, raw: &[RawSource]) -> Vec<Source> {
        let mut out: Vec<Source> = Vec::new();
        for s in raw {
            self.id(&s.id, "source");
            if out.iter().any(|o| o.id == s.id.value) {
                self.problem(
                    pos(&s.id),
                    format!("source id `{}` is already used", s.id.value),
                    "every source id must be unique; rename one of them",
                );
            }
            let url = s.url.value.trim();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                self.problem(
                    pos(&s.url),
                    format!("url of source `{}` is not a web address", s.id.value),
                    "write the full address, starting with https://",
                );
            }
            out.push(Source {
                id: s.id.value.clone(),
                title: self.text(&s.title, &format!("title of source `{}`", s.id.value)),
                url: url.to_owned(),
            });
        }
        out
    }

    fn phrase(&mut self, p: &RawPhrase, sources: &[Source]) -> Option<Phrase> {
        let id = &p.id.value;
        let tier = match &p.tier {
            None => Tier::Avoid,
            Some(t) => Tier::parse(t.value.trim()).unwrap_or_else(|| {
                let help = match did_you_mean(t.value.trim(), ["avoid", "consider"]) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "write `avoid` (wording that blames the child; the default) or `consider` (a prompt: blaming only in some contexts)".to_owned(),
                };
                self.problem(
                    pos(t),
                    format!("tier of `{id}` is `{}`, not `avoid` or `consider`", t.value),
                    help,
                );
                Tier::Avoid
            }),
        };
        let phrase = self.text(&p.phrase, &format!("`phrase` of `{id}`"));
        let why = self.text(&p.why, &format!("`why` of `{id}`"));
        let under_13 = p
            .under_13
            .as_ref()
            .map(|t| self.text(t, &format!("`under_13` of `{id}`")));
        if p.instead.is_empty() {
            self.problem(
                pos(&p.id),
                format!("phrase `{id}` has no better wording"),
                "add `instead:` with at least one wording to use instead",
            );
        }
        let instead: Vec<String> = p
            .instead
            .iter()
            .map(|t| self.text(t, &format!("a better wording for `{id}`")))
            .collect();
        if p.sources.is_empty() {
            self.problem(
                pos(&p.id),
                format!("phrase `{id}` cites no source"),
                "add `sources:` naming the guidance the advice comes from",
            );
        }
        let mut cited = Vec::new();
        for s in &p.sources {
            match sources.iter().position(|x| x.id == s.value) {
                Some(i) => cited.push(i),
                None => {
                    let help = match did_you_mean(&s.value, sources.iter().map(|x| x.id.as_str())) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "define it under `sources`, or name one that is".to_owned(),
                    };
                    self.problem(
                        pos(s),
                        format!("phrase `{id}` names unknown source `{}`", s.value),
                        help,
                    );
                }
            }
        }
        if p.patterns.is_empty() {
            self.problem(
                pos(&p.id),
                format!("phrase `{id}` has no patterns"),
                format!("add `patterns:` with at least one pattern; see {DOCS}"),
            );
            return None;
        }
        // Each pattern is translated (its syntax checked, with the place of a mistake); the
        // phrase's patterns are then compiled once, together. Only if something fails is
        // each compiled alone, to say which one is at fault.
        let mut translated = Vec::new();
        let mut failed = false;
        for t in &p.patterns {
            let empty =
                |source: &String| self.checks == Checks::All && pattern::matches_empty(source);
            match pattern::read(&t.value) {
                Ok(read) if !empty(&read.source) => translated.push((t, read)),
                Ok(read) => failed |= self.compile_alone(id, t, &read.source),
                Err(e) => {
                    failed = true;
                    let at = self.pattern_position(t, &e);
                    self.problem(at, format!("pattern of `{id}`: {}", e.message), e.help);
                }
            }
        }
        let joined = translated
            .iter()
            .map(|(_, read)| format!("(?:{})", read.source))
            .collect::<Vec<_>>()
            .join("|");
        let source = pattern::whole_words(&joined);
        // The words each pattern needs: a phrase is searched for only in a text that holds
        // what one of its patterns needs. `None` (search always) if a pattern needs none.
        let needs = translated
            .iter_mut()
            .map(|(_, read)| read.needs.take())
            .collect::<Option<Vec<_>>>();
        let regex = OnceLock::new();
        if self.checks == Checks::All {
            let compiled = match pattern::build(&source) {
                Some(compiled) if !failed => compiled,
                _ => {
                    for (t, read) in &translated {
                        failed |= self.compile_alone(id, t, &read.source);
                    }
                    if !failed && let Err(e) = pattern::compile_source(&joined) {
                        self.problem(
                            pos(&p.patterns[0]),
                            format!("patterns of `{id}`: {}", e.message),
                            e.help,
                        );
                    }
                    return None;
                }
            };
            for t in &p.examples {
                if !compiled.is_match(&t.value) {
                    self.problem(
                        pos(t),
                        format!("example of `{id}` is not matched by its patterns"),
                        "correct the patterns or the example: every example must be found",
                    );
                }
            }
            for t in &p.counter_examples {
                if let Some(m) = compiled.find(&t.value) {
                    self.problem(
                        pos(t),
                        format!(
                            "counter-example of `{id}` is matched by its patterns (\"{}\")",
                            &t.value[m.range()]
                        ),
                        "narrow the patterns: a counter-example must not be found",
                    );
                }
            }
            let _ = regex.set(Some(compiled));
        } else if failed {
            return None;
        }
        Some(Phrase {
            id: id.clone(),
            tier,
            phrase,
            why,
            under_13,
            instead,
            sources: cited,
            source,
            needs,
            regex,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_loads_and_every_phrase_has_examples() {
        let list = bundled().unwrap();
        assert!(list.phrases.len() >= 25, "{} phrases", list.phrases.len());
        let raw: RawList = input::PHRASES.from_yaml(BUNDLED_TEXT).unwrap();
        for p in &raw.phrases {
            assert!(!p.examples.is_empty(), "`{}` has no examples", p.id.value);
        }
    }

    /// `bundled()` reads the built-in list without compiling its patterns or checking its
    /// examples (that is kept out of every start); here it passes every check a user's list
    /// must, and the list as `bundled()` reads it finds exactly the same.
    #[test]
    fn the_built_in_list_passes_every_check() {
        let full = from_str(BUNDLED_TEXT).unwrap_or_else(|p| panic!("{p:?}"));
        let lazy = bundled().unwrap();
        let ids = |l: &PhraseList| l.phrases.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&full), ids(lazy));
        let raw: RawList = input::PHRASES.from_yaml(BUNDLED_TEXT).unwrap();
        for p in &raw.phrases {
            for t in carried(p) {
                for under_13 in [false, true] {
                    assert_eq!(
                        full.check(&t.value, under_13),
                        lazy.check(&t.value, under_13),
                        "{}",
                        t.value
                    );
                }
            }
            for t in &p.examples {
                assert!(
                    lazy.phrase(&p.id.value)
                        .and_then(Phrase::regex)
                        .is_some_and(|r| r.is_match(&t.value)),
                    "example of `{}` not found: {}",
                    p.id.value,
                    t.value
                );
            }
        }
    }

    /// Every text a phrase entry carries: its examples, counter-examples and better wordings.
    fn carried(p: &RawPhrase) -> impl Iterator<Item = &Text> {
        p.examples
            .iter()
            .chain(&p.counter_examples)
            .chain(&p.instead)
    }

    /// A phrase is searched for only in a text holding the words it needs: on every text the
    /// list carries, and on those texts shouted, joined, and with the Kelvin sign and long s
    /// that a case-insensitive regex takes for `k` and `s`, that finds what searching every
    /// phrase finds.
    #[test]
    fn the_words_a_phrase_needs_skip_nothing_it_would_find() {
        let list = bundled().unwrap();
        let raw: RawList = input::PHRASES.from_yaml(BUNDLED_TEXT).unwrap();
        let mut texts: Vec<String> = Vec::new();
        for p in &raw.phrases {
            for t in carried(p) {
                texts.push(t.value.clone());
                texts.push(t.value.to_uppercase());
                texts.push(t.value.replace('k', "\u{212A}").replace('s', "\u{17F}"));
            }
        }
        let examples: Vec<&str> = raw
            .phrases
            .iter()
            .flat_map(|p| p.examples.iter().map(|t| t.value.as_str()))
            .collect();
        texts.push(examples.join(" "));
        texts.push(examples.join("\n- ").to_uppercase());
        let every: Vec<usize> = (0..list.phrases.len()).collect();
        let mut found = 0;
        for text in &texts {
            let expected = list.check_among(every.clone(), text, false);
            found += expected.len();
            assert_eq!(list.check(text, false), expected, "{text}");
        }
        assert!(
            found > 2 * examples.len(),
            "the texts hold phrases: {found}"
        );
    }

    /// A list too long for the words' and phrases' bit sets to fit on the stack finds what
    /// the full search finds, past the stack's 1,024 bits too.
    #[test]
    fn a_long_list_finds_what_the_full_search_finds() {
        let mut text = String::from(
            "format: 1\nsources:\n  - {id: guide, title: A guide, url: https://example.org/guide}\nphrases:\n",
        );
        for n in 0..700 {
            text.push_str(&format!(
                "  - id: p{n}\n    phrase: x\n    patterns: [\"termx{n} termy{n}\"]\n    why: because\n    instead: [another way]\n    sources: [guide]\n"
            ));
        }
        let list = from_str(&text).unwrap();
        let every: Vec<usize> = (0..list.phrases.len()).collect();
        for (note, ids) in [
            (
                "seen with termx3 termy3 and termx699 termy699",
                &["p3", "p699"][..],
            ),
            ("termx650 TERMY650; termx650 alone; termy12", &["p650"]),
            ("nothing listed", &[]),
        ] {
            let found = list.check(note, false);
            assert_eq!(
                found,
                list.check_among(every.clone(), note, false),
                "{note}"
            );
            let found: Vec<&str> = found.iter().map(|f| f.id.as_str()).collect();
            assert_eq!(found, ids, "{note}");
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let text = "format: 1
sources:
  - {id: guide, title: A guide, url: https://example.org/guide}
phrases:
  - id: Bad-Id
    phrase: x
    patterns: [\"putting {selff} at risk\"]
    why: because
    instead: [say it another way]
    sources: [guid]
  - id: second
    phrase: y
    patterns: [lifestyle choice]
    why: because
    instead: [a lifestyle choice]
    sources: [guide]
    examples: [a choice]
    counter_examples: [her lifestyle choice]
";
        let problems: Vec<String> = from_str(text)
            .unwrap_err()
            .iter()
            .map(|p| format!("{}", p.display("p.yaml")))
            .collect();
        assert_eq!(
            problems,
            [
                "p.yaml:5:9: phrase id `Bad-Id` is not valid\n  help: ids are lower_snake_case: a lower-case letter, then lower-case letters, digits or `_` (at most 64)",
                "p.yaml:7:25: pattern of `Bad-Id`: unknown word class `{selff}`\n  help: did you mean `{self}`?",
                "p.yaml:10:15: phrase `Bad-Id` names unknown source `guid`\n  help: did you mean `guide`?",
                "p.yaml:17:16: example of `second` is not matched by its patterns\n  help: correct the patterns or the example: every example must be found",
                "p.yaml:18:24: counter-example of `second` is matched by its patterns (\"lifestyle choice\")\n  help: narrow the patterns: a counter-example must not be found",
            ]
        );
    }

    #[test]
    fn a_better_wording_may_not_be_flagged_itself() {
        let text = "format: 1
sources: [{id: guide, title: A guide, url: https://example.org/guide}]
phrases:
  - id: lifestyle_choice
    phrase: lifestyle choice
    patterns: [lifestyle choice]
    why: because
    instead: [not a lifestyle choice]
    sources: [guide]
";
        let problems = from_str(text).unwrap_err();
        assert_eq!(
            problems[0].display("p.yaml").to_string(),
            "p.yaml:8:15: a better wording for `lifestyle_choice` contains \"lifestyle choice\", which phrase `lifestyle_choice` flags\n  help: reword it, so the advice passes the check it gives"
        );
    }

    #[test]
    fn every_source_listed_is_cited_and_none_is_a_document_sharing_copy() {
        let list = bundled().unwrap();
        for (i, source) in list.sources.iter().enumerate() {
            assert!(
                list.phrases.iter().any(|p| p.sources.contains(&i)),
                "source `{}` is listed but no phrase cites it",
                source.id
            );
            for dump in [
                "docsbay", "studylib", "fayllar", "paperzz", "docest", "abcdocz",
            ] {
                assert!(
                    !source.url.contains(dump),
                    "source `{}` is a copy on {dump}: {}",
                    source.id,
                    source.url
                );
            }
        }
    }

    #[test]
    fn a_phrase_is_to_avoid_unless_its_tier_says_consider() {
        let text = "format: 1
sources: [{id: guide, title: A guide, url: https://example.org/guide}]
phrases:
  - id: plain
    phrase: x
    patterns: [streetwise]
    why: because
    instead: [say it another way]
    sources: [guide]
  - id: prompt
    tier: consider
    phrase: y
    patterns: [boyfriend]
    why: because
    instead: [say who he is]
    sources: [guide]
";
        let list = from_str(text).unwrap();
        let tiers: Vec<(&str, Tier)> = list
            .phrases
            .iter()
            .map(|p| (p.id.as_str(), p.tier))
            .collect();
        assert_eq!(tiers, [("plain", Tier::Avoid), ("prompt", Tier::Consider)]);
        let bad = text.replace("tier: consider", "tier: consdier");
        let problems = from_str(&bad).unwrap_err();
        assert_eq!(
            problems[0].display("p.yaml").to_string(),
            "p.yaml:11:11: tier of `prompt` is `consdier`, not `avoid` or `consider`\n  help: did you mean `consider`?"
        );
        let bad = text.replace("tier: consider", "tier: soft");
        let problems = from_str(&bad).unwrap_err();
        assert!(
            problems[0]
                .display("p.yaml")
                .to_string()
                .contains("help: write `avoid`"),
            "{problems:?}"
        );
    }

    #[test]
    fn the_built_in_prompts_to_consider_are_the_boyfriend_entry_only() {
        let list = bundled().unwrap();
        let consider: Vec<&str> = list
            .phrases
            .iter()
            .filter(|p| p.tier == Tier::Consider)
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(consider, ["boyfriend_who_is_he"]);
        assert_eq!(
            list.phrase("boyfriend_of_adult").map(|p| p.tier),
            Some(Tier::Avoid),
            "the adult boyfriend entry stays a phrase to avoid"
        );
    }

    #[test]
    fn junk_is_a_located_problem_not_a_panic() {
        assert!(from_str("").is_err());
        let e = from_str("format: 1\nphrases: {").unwrap_err();
        assert!(e[0].position.is_some(), "{e:?}");
        let e = from_str("format: 1\nsources: []\nphrases: []\nextra: 1\n").unwrap_err();
        assert!(e[0].message.contains("unknown field `extra`"), "{e:?}");
    }
}
