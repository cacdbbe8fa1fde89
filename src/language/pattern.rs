//! The phrase pattern syntax: a few readable forms, compiled once to a case-insensitive regex.
//!
//! ```text
//! words             letters, digits and other characters match themselves, any case
//! space or -        between words: one or more spaces, line breaks or hyphens
//! '                 a straight or curly apostrophe
//! (a|b|c)           one of the alternatives; each may be several words; groups nest
//! [x]               optional: `choice[s]` inside a word; `[a] lifestyle` as a whole word,
//!                   taking the space next to it with it
//! {self} {he} ...   a word class (see CLASSES)
//! ```
//! A pattern matches whole words only. See docs/language.md.

use std::fmt::Write as _;

/// The word classes a pattern may name, with what each matches.
pub const CLASSES: &[(&str, &str)] = &[
    (
        "self",
        "(?:himself|herself|themselves|themself|yourself|myself)",
    ),
    ("he", "(?:he|she|they)"),
    ("him", "(?:him|her|them)"),
    ("his", "(?:his|her|their)"),
    (
        "is",
        "(?:is|was|are|were|has[\\s-]+been|have[\\s-]+been|had[\\s-]+been|is[\\s-]+being|was[\\s-]+being)",
    ),
    ("adult_age", "(?:1[89]|[2-9][0-9])"),
    (
        "child_age",
        "(?:[1-9]|1[0-7]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)",
    ),
    (
        "older_age",
        "(?:19|[2-9][0-9]|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s\\-\u{2010}\u{2011}]+(?:one|two|three|four|five|six|seven|eight|nine))?)",
    ),
];

/// The deepest brackets may nest in a pattern. The built-in list nests at most 2 deep; the
/// bound keeps a hostile list (30,000 `(`) from overflowing the stack while it is read.
pub const MAX_NESTING: usize = 32;

/// What the space between two words matches.
const SEPARATOR: &str = "[\\s\\-\u{2010}\u{2011}]+";

/// A pattern that could not be compiled: where in the pattern (0-based character index)
/// and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub at: usize,
    pub message: String,
    pub help: String,
}

fn error(at: usize, message: impl Into<String>, help: impl Into<String>) -> PatternError {
    PatternError {
        at,
        message: message.into(),
        help: help.into(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Element {
    /// Whitespace or hyphens between words.
    Space,
    Literal(char),
    Alternatives(Vec<Vec<Element>>),
    Optional(Vec<Element>),
    Class(&'static str),
}

/// Translates `pattern` into the source of a regex (without flags or word boundaries).
pub fn translate(pattern: &str) -> Result<String, PatternError> {
    read(pattern).map(|t| t.source)
}

/// Words one of which a match holds (lower case).
pub type Group = Vec<String>;

/// A pattern read once: its regex source ([`translate`]) and the words a match needs
/// ([`required_words`]): at least one word of every group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub source: String,
    pub needs: Option<Vec<Group>>,
}

/// Reads `pattern` once into its [`Translated`] form.
pub fn read(pattern: &str) -> Result<Translated, PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut at = 0;
    let elements = sequence(&chars, &mut at, None, 0)?;
    if let Some(&c) = chars.get(at) {
        return Err(error(
            at,
            format!("`{c}` has no opening bracket"),
            "remove it, or add the opening bracket it closes",
        ));
    }
    let elements = trim(elements);
    if elements.is_empty() {
        return Err(error(
            0,
            "the pattern is empty",
            "write the words to look for",
        ));
    }
    let first = chars.iter().position(|c| !"([|".contains(*c));
    let last = chars.iter().rposition(|c| !")]|".contains(*c));
    for index in [first, last].into_iter().flatten() {
        let c = chars[index];
        if !(c.is_alphanumeric() || c == '{' || c == '}') {
            return Err(error(
                index,
                format!("the pattern starts or ends with `{c}`"),
                "a pattern matches whole words: start and end it with a letter, a digit or a {class}",
            ));
        }
    }
    let mut source = String::new();
    render(&elements, &mut source);
    // The two groups least likely to be found by chance are enough to rule a text out; a
    // word of one or two letters is found almost everywhere (and every occurrence costs the
    // search a step), so it rules nothing out.
    let mut groups = required(&elements);
    groups.retain(|g| shortest(g) >= MIN_WORD);
    groups.sort_by_key(|g| std::cmp::Reverse(rarity(g)));
    groups.truncate(2);
    Ok(Translated {
        source,
        needs: (!groups.is_empty()).then_some(groups),
    })
}

/// The shortest word a phrase's prefilter looks for.
const MIN_WORD: usize = 3;

/// Reads elements up to `close` (or the end), `depth` brackets deep. `at` is left on the
/// closing character.
fn sequence(
    chars: &[char],
    at: &mut usize,
    close: Option<char>,
    depth: usize,
) -> Result<Vec<Element>, PatternError> {
    let mut out = Vec::new();
    while let Some(&c) = chars.get(*at) {
        if Some(c) == close || (close.is_some() && c == '|') {
            return Ok(out);
        }
        match c {
            '(' | '[' => {
                let open = *at;
                if depth >= MAX_NESTING {
                    return Err(error(
                        open,
                        format!("brackets nest more than {MAX_NESTING} deep here"),
                        "a pattern is a few words: write the alternatives side by side, as in \
                         `(himself|herself)`, or split it into several patterns",
                    ));
                }
                let closer = if c == '(' { ')' } else { ']' };
                *at += 1;
                let mut alternatives = Vec::new();
                loop {
                    alternatives.push(trim(sequence(chars, at, Some(closer), depth + 1)?));
                    match chars.get(*at) {
                        Some('|') => *at += 1,
                        Some(&x) if x == closer => break,
                        _ => {
                            let help = if c == '(' {
                                "close the alternatives with `)`, as in `(himself|herself)`"
                            } else {
                                "close the optional part with `]`, as in `choice[s]`"
                            };
                            return Err(error(open, format!("`{c}` is not closed"), help));
                        }
                    }
                }
                *at += 1;
                if alternatives.iter().all(Vec::is_empty) {
                    return Err(error(
                        open,
                        format!("`{c}{closer}` has nothing in it"),
                        "write the words between the brackets; separate alternatives with `|`",
                    ));
                }
                let group = if alternatives.len() == 1 {
                    alternatives.pop().unwrap_or_default()
                } else {
                    vec![Element::Alternatives(alternatives)]
                };
                out.push(if c == '(' {
                    Element::Alternatives(vec![group])
                } else {
                    Element::Optional(group)
                });
            }
            '{' => {
                let open = *at;
                let Some(len) = chars[open..].iter().position(|&c| c == '}') else {
                    return Err(error(
                        open,
                        "`{` is not closed",
                        "name a word class in braces, as in `{self}`",
                    ));
                };
                let name: String = chars[open + 1..open + len].iter().collect();
                let Some((known, _)) = CLASSES.iter().find(|(n, _)| *n == name) else {
                    let names = CLASSES.iter().map(|(n, _)| *n);
                    let help = match crate::diagnostic::did_you_mean(&name, names) {
                        Some(near) => format!("did you mean `{{{near}}}`?"),
                        None => format!(
                            "the word classes are: {}",
                            CLASSES
                                .iter()
                                .map(|(n, _)| format!("{{{n}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    return Err(error(
                        open,
                        format!("unknown word class `{{{name}}}`"),
                        help,
                    ));
                };
                out.push(Element::Class(known));
                *at = open + len + 1;
            }
            '|' => {
                return Err(error(
                    *at,
                    "`|` is outside brackets",
                    "write alternatives in brackets, as in `(himself|herself)`",
                ));
            }
            ')' | ']' | '}' => {
                return Err(error(
                    *at,
                    format!("`{c}` has no opening bracket"),
                    "remove it, or add the opening bracket it closes",
                ));
            }
            c if c.is_whitespace() || c == '-' => {
                if out.last() != Some(&Element::Space) {
                    out.push(Element::Space);
                }
                *at += 1;
            }
            c => {
                out.push(Element::Literal(c));
                *at += 1;
            }
        }
    }
    Ok(out)
}

/// Drops spaces at the ends of a sequence (inside brackets they mean nothing).
fn trim(mut elements: Vec<Element>) -> Vec<Element> {
    while elements.first() == Some(&Element::Space) {
        elements.remove(0);
    }
    while elements.last() == Some(&Element::Space) {
        elements.pop();
    }
    elements
}

/// An optional element standing as words of its own (spaces or an end on both sides).
fn standalone(elements: &[Element], i: usize) -> bool {
    matches!(elements[i], Element::Optional(_))
        && (i == 0 || elements[i - 1] == Element::Space)
        && elements.get(i + 1).is_none_or(|e| *e == Element::Space)
}

fn render(elements: &[Element], out: &mut String) {
    let mut i = 0;
    while i < elements.len() {
        match &elements[i] {
            // `lifestyle [choice]`: the space goes with the optional word.
            Element::Space if i + 2 == elements.len() && standalone(elements, i + 1) => {
                out.push_str("(?:");
                out.push_str(SEPARATOR);
                render_optional_inner(&elements[i + 1], out);
                out.push_str(")?");
                i += 2;
                continue;
            }
            // `[a] lifestyle`: the space after it goes with it.
            e @ Element::Optional(_) if standalone(elements, i) && i + 1 < elements.len() => {
                out.push_str("(?:");
                render_optional_inner(e, out);
                out.push_str(SEPARATOR);
                out.push_str(")?");
                i += 2;
                continue;
            }
            Element::Space => out.push_str(SEPARATOR),
            Element::Literal('\'') => out.push_str("['\u{2019}]"),
            Element::Literal(c) => {
                if regex_syntax::is_meta_character(*c) {
                    out.push('\\');
                }
                out.push(*c);
            }
            Element::Class(name) => {
                if let Some((_, source)) = CLASSES.iter().find(|(n, _)| n == name) {
                    out.push_str(source);
                }
            }
            Element::Alternatives(alternatives) => {
                out.push_str("(?:");
                for (k, alternative) in alternatives.iter().enumerate() {
                    if k > 0 {
                        out.push('|');
                    }
                    render(alternative, out);
                }
                out.push(')');
            }
            Element::Optional(inner) => {
                out.push_str("(?:");
                render(inner, out);
                out.push_str(")?");
            }
        }
        i += 1;
    }
}

fn render_optional_inner(e: &Element, out: &mut String) {
    if let Element::Optional(inner) = e {
        let mut group = String::new();
        render(inner, &mut group);
        let _ = write!(out, "(?:{group})");
    }
}

/// Words that any match of `pattern` must contain, found without compiling it: up to two
/// groups of words of three letters or more, where a match holds at least one word of every
/// group, in any ASCII case. `None` when no such word can be read off the pattern (every
/// word optional or short, or only word classes), so the phrase must always be searched.
/// Only runs of ASCII letters, digits and punctuation count: a case-insensitive regex
/// matches those as ASCII case folding does, except that `k` also matches the Kelvin sign
/// and `s` the long s, which [`PhraseList::check`](super::PhraseList::check) handles.
pub fn required_words(pattern: &str) -> Option<Vec<Group>> {
    read(pattern).ok()?.needs
}

/// Every group of words one of which each match of `elements` holds: the sequence's runs of
/// literal characters, and each group of alternatives that all have such a group (the
/// alternatives' best groups joined).
fn required(elements: &[Element]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut run = String::new();
    for e in elements {
        match e {
            Element::Literal(c) if c.is_ascii() && *c != '\'' => run.push(c.to_ascii_lowercase()),
            _ => {
                if !run.is_empty() {
                    groups.push(vec![std::mem::take(&mut run)]);
                }
                if let Element::Alternatives(alternatives) = e {
                    let each: Option<Vec<Group>> =
                        alternatives.iter().map(|a| best(required(a))).collect();
                    if let Some(each) = each {
                        let mut all: Vec<String> = each.into_iter().flatten().collect();
                        all.sort();
                        all.dedup();
                        groups.push(all);
                    }
                }
            }
        }
    }
    if !run.is_empty() {
        groups.push(vec![run]);
    }
    groups
}

/// The group least likely to be found by chance: the one whose shortest word is longest,
/// then the smallest.
fn best(groups: Vec<Group>) -> Option<Group> {
    groups.into_iter().max_by_key(|g| rarity(g))
}

/// How unlikely a group is to be found by chance: longer shortest word, then fewer words.
fn rarity(group: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    (shortest(group), std::cmp::Reverse(group.len()))
}

fn shortest(group: &[String]) -> usize {
    group.iter().map(String::len).min().unwrap_or(0)
}

/// Compiles `pattern` into a case-insensitive, whole-word regex.
pub fn compile(pattern: &str) -> Result<Regex, PatternError> {
    compile_source(&translate(pattern)?)
}

/// A compiled phrase: regex-automata's meta regex, as `regex::Regex` wraps it.
pub type Regex = regex_automata::meta::Regex;

/// The regex source that finds translated `source` (one or more translated patterns joined
/// with `|`) as whole words, in any case.
pub fn whole_words(source: &str) -> String {
    format!(r"(?i)\b(?:{source})\b")
}

/// Builds the regex of a [`whole_words`] source, within the size limit every phrase has;
/// `None` if it cannot be ([`compile_source`] says why). Configured as `regex::RegexBuilder`
/// configures it, but without a literal prefilter (extracting the literals of a
/// case-insensitive phrase was nine tenths of compiling it, and a phrase is only searched in
/// a text that holds its words, [`required_words`], so a prefilter would find little to
/// skip) and without the one-pass DFA (used only for anchored searches for groups, which the
/// check never makes).
pub fn build(whole_words: &str) -> Option<Regex> {
    use regex_automata::{meta, util::syntax};
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .utf8_empty(true)
                .auto_prefilter(false)
                .onepass(false)
                .nfa_size_limit(Some(SIZE_LIMIT))
                .hybrid_cache_capacity(2 * (1 << 20)),
        )
        .syntax(syntax::Config::new().utf8(true))
        .build(whole_words)
        .ok()
}

/// The most memory one phrase's compiled regex may take, in bytes.
const SIZE_LIMIT: usize = 1 << 20;

/// True when translated `source` can match nothing at all: `\b` never matches in an empty
/// text, so this is read off the pattern itself (its shortest match), without compiling it.
pub fn matches_empty(source: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(&format!("(?:{source})"))
        .is_ok_and(|hir| hir.properties().minimum_len() == Some(0))
}

/// Compiles the regex source of one or more translated patterns (joined with `|`).
pub fn compile_source(source: &str) -> Result<Regex, PatternError> {
    let whole = whole_words(source);
    let re = build(&whole).ok_or_else(|| {
        // regex's own words for what is wrong (meta's say only which pattern failed).
        let e = regex::RegexBuilder::new(&whole)
            .size_limit(SIZE_LIMIT)
            .build()
            .err()
            .map_or_else(|| "it is too large".to_owned(), |e| e.to_string());
        error(
            0,
            format!("the pattern cannot be compiled: {e}"),
            "simplify it: fewer alternatives or word classes",
        )
    })?;
    if matches_empty(source) {
        return Err(error(
            0,
            "the pattern can match nothing at all",
            "make at least one word required (not all in `[...]`)",
        ));
    }
    Ok(re)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        compile(pattern)
            .map(|re| re.is_match(text))
            .unwrap_or(false)
    }

    #[test]
    fn words_match_whole_words_in_any_case_across_spaces_lines_and_hyphens() {
        assert!(matches("attention seeking", "She is Attention-Seeking."));
        assert!(matches("attention seeking", "attention\n  seeking"));
        assert!(!matches("porn", "pornography"));
        assert!(!matches("mule", "mules"));
        assert!(matches("didn't", "she didn\u{2019}t"));
    }

    #[test]
    fn alternatives_optional_parts_and_classes() {
        let p = "(putting|puts) {self} at risk";
        assert!(matches(p, "He puts himself at risk"));
        assert!(matches(p, "putting themselves at risk"));
        assert!(!matches(p, "putting the child at risk"));
        assert!(matches("bad choice[s]", "bad choices"));
        assert!(matches("bad choice[s]", "a bad choice."));
        assert!(matches("[a] lifestyle choice", "lifestyle choice"));
        assert!(matches("[a] lifestyle choice", "it is a lifestyle choice"));
        assert!(matches("lifestyle [choice]", "her lifestyle"));
        assert!(matches(
            "{adult_age} year[s] old boyfriend",
            "a 24-year-old boyfriend"
        ));
        assert!(!matches(
            "{adult_age} year[s] old boyfriend",
            "a 15-year-old boyfriend"
        ));
    }

    #[test]
    fn child_and_older_ages_in_figures_or_words() {
        let p = "{child_age} going on {older_age}";
        assert!(matches(p, "She is 15 going on 25."));
        assert!(matches(p, "fourteen going on thirty"));
        assert!(matches(p, "Fifteen going on twenty-five"));
        assert!(matches(p, "12 going on 40"));
        assert!(!matches(p, "She is 14 going on 15."), "an ordinary age");
        assert!(!matches(p, "17 going on 18"), "18 is the next birthday");
        assert!(!matches(p, "115 going on 25"));
        assert!(!matches(p, "15 going on 250"));
    }

    #[test]
    fn the_words_a_match_needs_are_read_off_the_pattern() {
        let words = |p: &str| required_words(p);
        let group = |w: &[&str]| w.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        // The two rarest groups (longest shortest word, then fewest words), none with a word
        // under three letters.
        assert_eq!(
            words("(putting|puts) {self} at risk"),
            Some(vec![group(&["risk"]), group(&["puts", "putting"])])
        );
        assert_eq!(
            words("bad choice[s]"),
            Some(vec![group(&["choice"]), group(&["bad"])])
        );
        // An alternative with no word of its own leaves its group out, not the pattern.
        assert_eq!(
            words("(older|[a]) boyfriend"),
            Some(vec![group(&["boyfriend"])])
        );
        // The best group of each alternative: `activity` rather than `sexual`, `with`
        // rather than `sex`.
        assert_eq!(
            words("(sexual activity|sex with) a child"),
            Some(vec![group(&["child"]), group(&["activity", "with"])])
        );
        // An apostrophe, a non-ASCII letter or a class ends a word.
        assert_eq!(
            words("didn't {he} café"),
            Some(vec![group(&["didn"]), group(&["caf"])])
        );
        assert_eq!(words("go on {he} is"), None);
        assert_eq!(words("{he} [is]"), None);
        assert_eq!(words("(a|b"), None);
    }

    #[test]
    fn mistakes_are_reported_with_where_and_what_to_do() {
        let e = translate("putting {selff} at risk").unwrap_err();
        assert_eq!(
            (e.at, e.message.as_str()),
            (8, "unknown word class `{selff}`")
        );
        assert_eq!(e.help, "did you mean `{self}`?");
        assert_eq!(translate("(a|b").unwrap_err().message, "`(` is not closed");
        assert_eq!(translate("a]").unwrap_err().at, 1);
        assert_eq!(
            translate("choice[").unwrap_err().message,
            "`[` is not closed"
        );
        assert_eq!(translate("  ").unwrap_err().message, "the pattern is empty");
        assert_eq!(
            compile("[a]").unwrap_err().message,
            "the pattern can match nothing at all"
        );
        let deep = format!("{}a{}", "(".repeat(30_000), ")".repeat(30_000));
        let e = translate(&deep).unwrap_err();
        assert_eq!(
            (e.at, e.message.as_str()),
            (MAX_NESTING, "brackets nest more than 32 deep here")
        );
        let ok = format!("{}a{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert!(translate(&ok).is_ok(), "{MAX_NESTING} deep is allowed");
        assert_eq!(
            translate("'boyfriend'").unwrap_err().message,
            "the pattern starts or ends with `'`"
        );
    }
}
