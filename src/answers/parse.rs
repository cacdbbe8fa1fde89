//! Reading answers files: YAML or JSON text to a [`Screening`], and line:column for problems.
//!
//! Pure: text in, screening or problems out. JSON goes through serde_json (several times
//! faster than YAML for batch exports); plain YAML through the quick reader over the YAML
//! parser's events ([`input::plain_yaml`]), any other YAML through serde-saphyr. Problems
//! found later by [`super::check`] name a [`Locus`]; [`locate`] finds it in the text with a
//! second, lenient parse that keeps spans. That parse runs only when there is something to
//! report, so the common path pays nothing for it.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_saphyr::Spanned;

use super::check::Located;
use super::{Locus, OrderedMap, Screening};
use crate::diagnostic::{Lines, Position, Problem, excerpt};
use crate::input::wording::{in_json_terms, in_plain_terms, lower_first, user_wording};
use crate::input::{self, strip_bom};

/// Where the answers format is documented.
pub const ANSWERS_DOCS: &str = "docs/answers-format.md";

/// The syntax an answers file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    /// By extension (`.json`, `.yaml`, `.yml`); otherwise JSON if the text starts with `{`.
    pub fn detect(path: Option<&Path>, text: &str) -> Format {
        match path.and_then(Path::extension).and_then(|e| e.to_str()) {
            Some(e) if let Some(f) = Format::of_extension(e) => f,
            _ if strip_bom(text).trim_start().starts_with('{') => Format::Json,
            _ => Format::Yaml,
        }
    }

    /// The syntax an answers file's extension names (`json`, `yaml`, `yml`, in any case).
    pub fn of_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// Why an answers file was not accepted.
#[derive(Debug)]
pub struct Rejected {
    /// Every problem found, each with its line and column where known.
    pub problems: Vec<Problem>,
    /// When only values were wrong (an answer of `maybe`, an age of `old`), the screening with
    /// those values read as not known, so the caller can check the rest and report everything
    /// at once. Never to be scored.
    pub salvaged: Option<Box<Screening>>,
}

/// Parses an answers file. Every problem carries its line and column where the parser knows it.
pub fn parse(text: &str, format: Format) -> Result<Screening, Vec<Problem>> {
    parse_or_salvage(text, format).map_err(|r| r.problems)
}

/// Parses an answers file; when the file is well formed but some values are wrong, also
/// returns what could be read (see [`Rejected::salvaged`]).
pub fn parse_or_salvage(text: &str, format: Format) -> Result<Screening, Rejected> {
    let parsed = strict_parse(text, format);
    // A file for a newer format fails on its new fields, or names it: say so, and only that.
    if !matches!(&parsed, Ok(s) if s.format.is_none_or(|v| v == super::FORMAT))
        && let Some(p) = input::unsupported_format(strip_bom(text), super::FORMAT, &input::ANSWERS)
    {
        return Err(Rejected {
            problems: vec![p],
            salvaged: None,
        });
    }
    parsed.map_err(|problems| {
        let text = strip_bom(text);
        // A missing field is not read as missing by the lenient reading: the sweep finds it.
        let missing = problems
            .iter()
            .any(|p| p.message.starts_with("missing field"));
        match input::ANSWERS
            .parse_yaml::<Lenient>(text)
            .map_err(|_| ())
            .and_then(|l| if missing { Err(()) } else { Ok(l) })
        {
            Ok(l) => match salvage(text, l) {
                (screening, found) if !found.is_empty() => Rejected {
                    problems: found,
                    salvaged: Some(Box::new(screening)),
                },
                _ => Rejected {
                    problems,
                    salvaged: None,
                },
            },
            // A questionnaire named where an answers file belongs: say so, not each of its
            // fields.
            Err(_) if let Some(p) = a_questionnaire(text, problems.first()) => Rejected {
                problems: vec![p],
                salvaged: None,
            },
            // Not well formed: every structural problem, and then every wrong value, at once.
            Err(_) => Rejected {
                problems: problems
                    .first()
                    .and_then(|first| {
                        super::sweep::every_problem(
                            text,
                            first,
                            |copy| {
                                input::ANSWERS
                                    .parse_yaml::<Lenient>(copy)
                                    .map(|l| salvage(copy, l).1)
                                    .map_err(in_plain_terms)
                            },
                            |p| match format {
                                Format::Json => in_json_terms(p),
                                Format::Yaml => p,
                            },
                        )
                    })
                    .unwrap_or(problems),
                salvaged: None,
            },
        }
    })
}

fn strict_parse(text: &str, format: Format) -> Result<Screening, Vec<Problem>> {
    let text = strip_bom(text);
    if let Some(empty) = input::ANSWERS.empty(text, format == Format::Yaml) {
        return Err(vec![empty]);
    }
    match format {
        // Plain YAML (nearly every file) is read straight from the parser's events, at
        // about half serde-saphyr's cost, when that reader can vouch for the same value.
        // Otherwise serde-saphyr reads it without its own check for a repeated key (a
        // tenth of its parse): every map of a `Screening` refuses a repeat itself. A file
        // that fails is read again with the check, so its problem is reported as before.
        Format::Yaml => match input::ANSWERS.from_plain_yaml::<Screening>(text) {
            Some(screening) => Ok(screening),
            None => input::ANSWERS
                .from_yaml_repeats_left_to_type::<Screening>(text)
                .or_else(|_| input::ANSWERS.parse_yaml::<Screening>(text))
                .map_err(|p| vec![p]),
        },
        Format::Json => serde_json::from_str::<super::MapOnly<Screening>>(text)
            .map(|m| m.0)
            .map_err(|e| vec![json_problem(text, &e)]),
    }
}

/// The problem with a questionnaire given as an answers file (its top level holds two or
/// more of `sections`, `levels`, `rules`, `routes` and `categories`, which no answers file
/// has), at the strict reading's first problem.
fn a_questionnaire(text: &str, first: Option<&Problem>) -> Option<Problem> {
    // From the parser's events, so a file refused for what it holds (a tag) is known too.
    let top = super::sweep::top_keys(text)?;
    let held = ["sections", "levels", "rules", "routes", "categories"]
        .iter()
        .filter(|k| top.iter().any(|(t, _)| t == *k))
        .count();
    if held < 2 {
        return None;
    }
    // At its first field that no answers file has.
    let answers_fields = ["$schema", "format", "questionnaire", "screening", "profile"];
    let position = top
        .iter()
        .find(|(k, _)| !answers_fields.contains(&k.as_str()))
        .map(|(_, at)| *at)
        .or(first.and_then(|p| p.position));
    let mut p = Problem::new(
        position,
        "this is a questionnaire, not an answers file (a saved screening)",
    )
    .help(
        "name a questionnaire with --questionnaire; answers files are the screenings \
         `cse-screen screen` saves (see docs/answers-format.md)",
    );
    if let Some(at) = position {
        p.snippet = excerpt(text, at, "a questionnaire's field");
    }
    Some(p)
}

/// A serde_json error as a problem with position, plain message, help and the line quoted.
fn json_problem(text: &str, e: &serde_json::Error) -> Problem {
    let full = e.to_string();
    // serde_json ends its message with " at line L column C"; the position is reported apart.
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    let (message, help) = user_wording(message, ANSWERS_DOCS);
    // serde_json counts columns in bytes; a position here counts characters, as YAML's do
    // and as an editor does, so a curly apostrophe earlier on the line moves nothing.
    let position = (e.line() > 0).then(|| {
        let line = text.lines().nth(e.line() - 1).unwrap_or_default();
        let mut byte = e.column().saturating_sub(1).min(line.len());
        while !line.is_char_boundary(byte) {
            byte -= 1;
        }
        // serde_json reports a list where fields belong at the character before the `[`.
        if message.starts_with("invalid type: sequence")
            && let Some(skip) = line[byte..].find(|c: char| !(c.is_whitespace() || c == ':'))
            && line[byte + skip..].starts_with('[')
        {
            byte += skip;
        }
        Position {
            line: e.line() as u64,
            column: line[..byte].chars().count() as u64 + 1,
        }
    });
    let mut p = Problem::new(position, lower_first(&message)).help(help);
    if let Some(pos) = position {
        p.snippet = excerpt(text, pos, "here");
    }
    p
}

/// Adds line, column and the quoted line to problems from [`super::check`].
pub fn locate(text: &str, located: Vec<Located>) -> Vec<Problem> {
    if located.is_empty() {
        return Vec::new();
    }
    let text = strip_bom(text);
    let readable = yaml_readable(text);
    let lines = Lines::new(text);
    // The stamp alone (every file stamped with an earlier version after an upgrade is
    // warned about it) is found in the first lines, without reading the whole file with
    // spans: that doubled or more the time of scoring such a file.
    if located.iter().all(|l| l.locus == Locus::Stamp)
        && let Some(at) = stamp_position(&readable)
    {
        return located
            .into_iter()
            .map(|Located { mut problem, .. }| {
                problem.position = Some(at);
                problem.snippet = lines.excerpt(at, "here");
                problem
            })
            .collect();
    }
    // JSON is YAML too, so one span-keeping parse serves both.
    let spans = input::ANSWERS.from_yaml::<Spans>(&readable).ok();
    let answers = spans.as_ref().map(Spans::answer_index).unwrap_or_default();
    located
        .into_iter()
        .map(|Located { locus, mut problem }| {
            if let Some(pos) = spans.as_ref().and_then(|s| s.find(&locus, &answers)) {
                problem.position = Some(pos);
                problem.snippet = lines.excerpt(pos, "here");
            }
            problem
        })
        .collect()
}

/// Where the value of the top-level `questionnaire` key starts, as serde-saphyr's span of
/// it would say (the line, and the column counted in characters from 1, of the value's
/// first event), read from the parser's events up to that value. `None` where that is not
/// certain, and the caller reads the whole file with spans: an anchor, alias or tag on the
/// way, a parser error, a document that is not one mapping, no such key, or a value that is
/// not a mapping.
fn stamp_position(text: &str) -> Option<Position> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut parser =
        Parser::new_from_str_with_options(text, input::plain_yaml::parser_options(&input::ANSWERS));
    let mut next = move || parser.next()?.ok();
    if !matches!(next()?.0, Event::StreamStart)
        || !matches!(next()?.0, Event::DocumentStart(_, None))
        || !matches!(next()?.0, Event::MappingStart(_, 0, None))
    {
        return None;
    }
    loop {
        // A key of the top-level mapping.
        let key = match next()?.0 {
            Event::Scalar(key, _, 0, None) => key,
            _ => return None,
        };
        let (value, span) = next()?;
        if key == "questionnaire" {
            return match value {
                // A stamp is a mapping; anything else is left to the whole parse (a null
                // is no value there, so no place).
                Event::MappingStart(_, 0, None) => Some(Position {
                    line: u64::try_from(span.start.line()).ok()?,
                    column: u64::try_from(span.start.col()).ok()?.checked_add(1)?,
                })
                .filter(|p| p.line > 0),
                _ => None,
            };
        }
        // Another key's value, skipped whole.
        let mut depth = 0usize;
        let mut event = value;
        loop {
            match event {
                Event::MappingStart(_, 0, None) | Event::SequenceStart(_, 0, None) => depth += 1,
                Event::MappingEnd | Event::SequenceEnd => depth = depth.checked_sub(1)?,
                Event::Scalar(_, _, 0, None) => {}
                _ => return None,
            }
            if depth == 0 {
                break;
            }
            event = next()?.0;
        }
    }
}

/// The keys whose values are a practitioner's own words: where a ` #` is far more likely to
/// be part of the text ("seen at the station #2") than a comment.
const TEXT_KEYS: [&str; 8] = [
    "note",
    "reason",
    "discussed_with",
    "action",
    "owner",
    "case_reference",
    "practitioner",
    "agency",
];

/// Warnings for text that a YAML comment cut short. A `#` after a space starts a comment, so
/// `note: seen with an older man #2 this week` holds only "seen with an older man": the rest
/// is silently not part of the note, and not in any record. So does a line of the text that
/// starts with `#` (a note written over two lines whose second line begins `#2 this week`),
/// and a `#` between the key and a value on the lines below it. For each unquoted value of a
/// [`TEXT_KEYS`] key cut in one of these ways, a warning at the `#`, naming the field, what it
/// holds, the text left out, and how to keep it. A quoted value cannot be cut, and JSON has
/// no comments. A file with no `#` after text on a line, and no comment line indented deeper
/// than the line before it, costs one pass over its lines and nothing more.
pub fn cut_by_comment(text: &str) -> Vec<Problem> {
    use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
    let text = strip_bom(text);
    if !may_cut(text) {
        return Vec::new();
    }
    // Where each open mapping or sequence is: for a mapping, whether the next scalar is a key,
    // and the last key with where it ends and its column; for a sequence, its next index.
    enum Open {
        Map {
            key: Option<(String, usize, usize)>,
            at_key: bool,
        },
        Seq {
            next: usize,
        },
    }
    let path = |stack: &[Open], last: &str| {
        let mut out = String::new();
        for (i, o) in stack.iter().enumerate() {
            let part = match o {
                Open::Map {
                    key: Some((k, ..)), ..
                } if i + 1 < stack.len() => k.clone(),
                Open::Seq { next } if i + 1 < stack.len() => format!("[{next}]"),
                _ => continue,
            };
            if !out.is_empty() && !part.starts_with('[') {
                out.push('.');
            }
            out.push_str(&part);
        }
        if !out.is_empty() {
            out.push('.');
        }
        out + last
    };
    // A value has been read: its mapping expects a key next; its sequence, the next item.
    let done = |stack: &mut Vec<Open>| match stack.last_mut() {
        Some(Open::Map { at_key, .. }) => *at_key = true,
        Some(Open::Seq { next }) => *next += 1,
        None => {}
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    let parser =
        Parser::new_from_str_with_options(text, input::plain_yaml::parser_options(&input::ANSWERS));
    for event in parser {
        // A file the parser refuses is refused, with its own message, elsewhere.
        let Ok((event, span)) = event else {
            return Vec::new();
        };
        match event {
            Event::MappingStart(..) => stack.push(Open::Map {
                key: None,
                at_key: true,
            }),
            Event::SequenceStart(..) => stack.push(Open::Seq { next: 0 }),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                done(&mut stack);
            }
            Event::Scalar(value, style, ..) => {
                if let Some(Open::Map { key, at_key }) = stack.last_mut()
                    && *at_key
                {
                    let end = span.end.byte_offset().unwrap_or(0);
                    *key = Some((value.into_owned(), end, span.start.col()));
                    *at_key = false;
                    continue;
                }
                let Some(Open::Map {
                    key: Some((field, key_end, key_col)),
                    ..
                }) = stack.last()
                else {
                    done(&mut stack);
                    continue;
                };
                let (field, key_end, key_col) = (field.clone(), *key_end, *key_col);
                if style == ScalarStyle::Plain && TEXT_KEYS.contains(&field.as_str()) {
                    let empty = span.start.byte_offset() == span.end.byte_offset();
                    let cut = if empty {
                        // Nothing at all, placed just after its key: look after the colon.
                        comment_after(text, key_end, true)
                    } else {
                        let end = span.end.byte_offset().unwrap_or(text.len());
                        comment_after(text, end, false)
                            .or_else(|| comment_line_below(text, end, key_col))
                            .or_else(|| {
                                // A value that starts on a line below its key.
                                (span.start.line() > line_of(text, key_end))
                                    .then(|| comment_after(text, key_end, true))
                                    .flatten()
                            })
                    };
                    if let Some((hash, left_out)) = cut {
                        let name = path(&stack, &field);
                        out.push(cut_warning(
                            text, hash, &name, &field, &value, empty, left_out,
                        ));
                    }
                }
                done(&mut stack);
            }
            _ => {}
        }
    }
    out
}

/// Whether `text` has a line with a `#` after text on it, or a comment line indented deeper
/// than the line before it: the only ways a comment can cut a value. Lines end at `\n` or a
/// lone `\r`, as in YAML. Only the lines holding a `#` are looked at (a JSON export has
/// none), byte by byte: this runs for every file `score` reads.
fn may_cut(text: &str) -> bool {
    let b = text.as_bytes();
    let is_end = |c: u8| c == b'\n' || c == b'\r';
    let blank = |c: u8| c == b' ' || c == b'\t';
    // The start of the line holding byte `at`.
    let start_of = |at: usize| {
        b[..at]
            .iter()
            .rposition(|&c| is_end(c))
            .map_or(0, |i| i + 1)
    };
    let indent = |from: usize| b[from..].iter().take_while(|&&c| blank(c)).count();
    let mut from = 0;
    // `str::find` of a character searches a word at a time.
    while let Some(i) = text.get(from..).and_then(|rest| rest.find('#')) {
        let hash = from + i;
        from = hash + 1;
        let line = start_of(hash);
        if line + indent(line) < hash {
            // Text before the `#` on its line: a comment only if a blank comes just before.
            if blank(b[hash - 1]) {
                return true;
            }
            continue;
        }
        // A comment line: cut text only if indented deeper than the line of text before it.
        let mut end = line;
        while end > 0 {
            let above = start_of(end - 1);
            let first = above + indent(above);
            let body_empty = first >= end - 1 || is_end(b[first]);
            if !body_empty && b[first] != b'#' {
                if indent(line) > indent(above) {
                    return true;
                }
                break;
            }
            end = above;
        }
    }
    false
}

/// The 1-based line of byte `at` in `text`, counting `\n`, `\r\n` and a lone `\r` as one
/// line end each, as YAML does.
fn line_of(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or(text).as_bytes();
    let lone_cr = before
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\r' && before.get(i + 1) != Some(&b'\n'))
        .count();
    1 + before.iter().filter(|b| **b == b'\n').count() + lone_cr
}

/// A comment on the same line after byte `at` (after the key's `:` when `colon`): where its
/// `#` is, and the rest of the line from it.
fn comment_after(text: &str, at: usize, colon: bool) -> Option<(usize, &str)> {
    let mut rest = text.get(at..)?;
    if colon {
        rest = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
    }
    let line = rest.split(['\n', '\r']).next().unwrap_or_default();
    let body = line.trim_start_matches([' ', '\t']);
    (body.len() < line.len() && body.starts_with('#')).then(|| {
        (
            text.len() - rest.len() + (line.len() - body.len()),
            body.trim_end(),
        )
    })
}

/// The comment line just below the line where a value ends at byte `end`, when it is
/// indented deeper than the value's key (column `key_col`), as the next line of the text
/// would be: where its `#` is, and the comment.
fn comment_line_below(text: &str, end: usize, key_col: usize) -> Option<(usize, &str)> {
    let rest = text.get(end..)?;
    let after = rest.find(['\n', '\r'])?;
    let below = rest[after..].trim_start_matches(['\n', '\r']);
    let line = below.split(['\n', '\r']).next().unwrap_or_default();
    let body = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - body.len();
    (body.starts_with('#') && indent > key_col)
        .then(|| (text.len() - below.len() + indent, body.trim_end()))
}

/// The warning for a value cut by the comment whose `#` is at byte `hash`.
fn cut_warning(
    text: &str,
    hash: usize,
    name: &str,
    field: &str,
    value: &str,
    empty: bool,
    left_out: &str,
) -> Problem {
    let before = text.get(..hash).unwrap_or(text);
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let position = Position {
        line: line_of(text, hash) as u64,
        column: before[line_start..].chars().count() as u64 + 1,
    };
    let holds = if empty {
        "it is empty".to_owned()
    } else {
        format!("it holds only \"{}\"", crate::text::line(value))
    };
    let mut problem = Problem::new(
        Some(position),
        format!(
            "`{name}` ends where ` #` starts a comment: {holds}, and the rest (\"{}\") is not part of it",
            crate::text::line(left_out)
        ),
    )
    .help(format!(
        "to keep the rest, put the whole text in double quotes (`{field}: \"... #...\"`); if it is meant as a comment, put it on a line of its own, indented no deeper than `{field}`"
    ));
    problem.snippet = excerpt(text, position, "comment starts here");
    problem
}

/// `text` with each character that JSON allows in a string but YAML does not (DEL, the C1
/// controls but NEL, U+FFFE, U+FFFF) read as a space: no line or column moves, and the
/// span-keeping parse can read a JSON file that holds one.
fn yaml_readable(text: &str) -> std::borrow::Cow<'_, str> {
    let unreadable =
        |c: char| matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}');
    if text.contains(unreadable) {
        text.chars()
            .map(|c| if unreadable(c) { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

type At = Spanned<IgnoredAny>;
type Key = Spanned<String>;

fn pos<T>(s: &Spanned<T>) -> Option<Position> {
    Position::of(&s.referenced)
}

/// Just enough of an answers file to say where things are.
#[derive(Deserialize)]
struct Spans {
    questionnaire: Option<At>,
    screening: Option<DetailSpans>,
    profile: Option<Spanned<OrderedMap<At, Key>>>,
    answers: Option<OrderedMap<EntrySpans, Key>>,
    judgement: Option<JudgementSpans>,
    decisions: Option<DecisionSpans>,
}

#[derive(Deserialize)]
struct DetailSpans {
    date: Option<At>,
    case_reference: Option<At>,
    practitioner: Option<At>,
    agency: Option<At>,
}

#[derive(Deserialize)]
struct DecisionSpans {
    discussed_with: Option<At>,
    actions: Option<Vec<ActionSpans>>,
}

#[derive(Deserialize)]
struct ActionSpans {
    action: Option<At>,
    owner: Option<At>,
    due: Option<At>,
}

#[derive(Deserialize)]
struct EntrySpans {
    windows: Option<Vec<At>>,
    rating: Option<At>,
    follow_up: Option<OrderedMap<At, Key>>,
}

#[derive(Deserialize)]
struct JudgementSpans {
    raise_to: Option<At>,
    reason: Option<At>,
}

fn entry<'a, V>(map: &'a OrderedMap<V, Key>, id: &str) -> Option<(&'a Key, &'a V)> {
    map.0
        .iter()
        .find(|(k, _)| k.value == id)
        .map(|(k, v)| (k, v))
}

/// Where each answer is, by indicator id: the first of a repeated id, as [`entry`] finds.
type AnswerIndex<'a> = HashMap<&'a str, (&'a Key, &'a EntrySpans)>;

impl Spans {
    /// The answers by id, found once for all of a file's problems: a file can hold
    /// thousands of answers, and a search of them per problem is their square.
    fn answer_index(&self) -> AnswerIndex<'_> {
        let mut index = AnswerIndex::new();
        for (k, v) in self.answers.iter().flat_map(|a| &a.0) {
            index.entry(k.value.as_str()).or_insert((k, v));
        }
        index
    }

    fn find(&self, locus: &Locus, answers: &AnswerIndex<'_>) -> Option<Position> {
        let answer = |id: &str| answers.get(id).copied();
        let profile = |id: &str| self.profile.as_ref().and_then(|p| entry(&p.value, id));
        match locus {
            Locus::File => None,
            Locus::Stamp => self.questionnaire.as_ref().and_then(pos),
            Locus::Date => self.screening.as_ref()?.date.as_ref().and_then(pos),
            Locus::CaseReference => self
                .screening
                .as_ref()?
                .case_reference
                .as_ref()
                .and_then(pos),
            Locus::Practitioner => self.screening.as_ref()?.practitioner.as_ref().and_then(pos),
            Locus::Agency => self.screening.as_ref()?.agency.as_ref().and_then(pos),
            Locus::ActionDue(n) => self
                .decisions
                .as_ref()?
                .actions
                .as_ref()?
                .get(*n)?
                .due
                .as_ref()
                .and_then(pos),
            Locus::Action(n) => self
                .decisions
                .as_ref()?
                .actions
                .as_ref()?
                .get(*n)?
                .action
                .as_ref()
                .and_then(pos),
            Locus::ActionOwner(n) => self
                .decisions
                .as_ref()?
                .actions
                .as_ref()?
                .get(*n)?
                .owner
                .as_ref()
                .and_then(pos),
            Locus::DiscussedWith => self
                .decisions
                .as_ref()?
                .discussed_with
                .as_ref()
                .and_then(pos),
            Locus::Profile => self.profile.as_ref().and_then(pos),
            Locus::ProfileKey(id) => profile(id).and_then(|(k, _)| pos(k)),
            Locus::ProfileValue(id) => profile(id).and_then(|(_, v)| pos(v)),
            Locus::AnswerKey(id) => answer(id).and_then(|(k, _)| pos(k)),
            Locus::AnswerRating(id) => answer(id).and_then(|(_, e)| pos(e.rating.as_ref()?)),
            Locus::AnswerWindow(id, n) => answer(id)
                .and_then(|(_, e)| e.windows.as_ref()?.get(*n))
                .and_then(pos),
            Locus::FollowUpKey(id, f) => answer(id)
                .and_then(|(_, e)| entry(e.follow_up.as_ref()?, f))
                .and_then(|(k, _)| pos(k)),
            Locus::FollowUpValue(id, f) => answer(id)
                .and_then(|(_, e)| entry(e.follow_up.as_ref()?, f))
                .and_then(|(_, v)| pos(v)),
            Locus::JudgementLevel => self.judgement.as_ref()?.raise_to.as_ref().and_then(pos),
            Locus::JudgementReason => self.judgement.as_ref()?.reason.as_ref().and_then(pos),
        }
    }
}

/// A scalar of any type, as text (`yes`, `14`, `maybe`).
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a single value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(if v { "yes" } else { "no" }.to_owned()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar("~".to_owned()))
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar("~".to_owned()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

type Value = Spanned<Scalar>;

/// An answers file with every enumerated value read as text, to find all wrong values at once.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lenient {
    #[serde(rename = "$schema", default)]
    schema: Option<String>,
    #[serde(default)]
    format: Option<u64>,
    // Missing parts and fields are read as empty here: the strict reading and
    // [`super::sweep`] report them from where they should be.
    #[serde(default)]
    questionnaire: LenientStamp,
    #[serde(default)]
    screening: LenientDetails,
    #[serde(default)]
    profile: OrderedMap<Value>,
    #[serde(default)]
    answers: OrderedMap<LenientEntry>,
    #[serde(default)]
    judgement: Option<super::JudgementEntry>,
    #[serde(default)]
    decisions: Option<super::Decisions>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LenientStamp {
    #[serde(default)]
    id: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    sha256: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LenientDetails {
    #[serde(default)]
    case_reference: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    practitioner: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    status: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LenientEntry {
    answer: Value,
    #[serde(default)]
    windows: Vec<String>,
    #[serde(default)]
    rating: Option<String>,
    #[serde(default)]
    basis: Option<Value>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    follow_up: OrderedMap<Value>,
    #[serde(default)]
    language_kept: Vec<String>,
}

/// The spellings of null in YAML 1.2 core, besides nothing at all.
const NULLS: [&str; 4] = ["null", "Null", "NULL", "~"];

/// From `l`, `text` read leniently, the screening with every wrong value read as not known,
/// and every value that is not allowed where it is written.
fn salvage(text: &str, l: Lenient) -> (Screening, Vec<Problem>) {
    use super::{AnswerEntry, Basis, Details, ProfileValue, Status};
    use crate::engine::Answer;

    let mut problems = Vec::new();
    let wrong = |v: &Value, what: &str, allowed: &str| {
        // As written: a huge number reads back as a float, which would print differently,
        // and every spelling of null (`null`, `~`, nothing) reads back as `~`.
        let as_written = pos(v).and_then(|at| input::scalar_at(text, at));
        let written = as_written
            .filter(|w| {
                !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b"+-.".contains(&b))
                    || NULLS.contains(w)
            })
            .unwrap_or(&v.value.0);
        // `~` read back from neither a spelling of null nor quoted text: nothing is written.
        let nothing = v.value.0 == "~"
            && as_written.is_some_and(|w| !NULLS.contains(&w) && !w.starts_with(['"', '\'']));
        let message = if nothing {
            format!("nothing is written where {what} should be")
        } else {
            format!("`{written}` is not {what}")
        };
        let mut p = Problem::new(pos(v), message).help(format!("use {allowed}"));
        if let Some(at) = p.position {
            p.snippet = excerpt(text, at, "here");
        }
        p
    };

    // A number in quotes is text to YAML and to JSON: `"3"` is no count, `"15"` no age.
    let quoted_number = |v: &Value, what: &str| -> Option<Problem> {
        let at = pos(v)?;
        let quote = input::scalar_at(text, at)?
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))?;
        let inner = &v.value.0;
        let help = match inner.parse::<u32>() {
            Ok(n) if n.to_string() == *inner => format!("write the number without quotes: `{n}`"),
            _ => "use a whole number, 0 or more, without quotes".to_owned(),
        };
        let mut p = Problem::new(
            Some(at),
            format!("`{quote}{inner}{quote}` is text, not {what}"),
        )
        .help(help);
        p.snippet = excerpt(text, at, "here");
        Some(p)
    };

    let status = match l.screening.status.as_ref().map(|v| (v, v.value.0.as_str())) {
        Some((_, "complete")) => Status::Complete,
        Some((_, "in_progress")) | None => Status::InProgress,
        Some((v, _)) => {
            problems.push(wrong(v, "a status", "complete or in_progress"));
            Status::InProgress
        }
    };
    let mut profile = OrderedMap::default();
    for (id, v) in &l.profile.0 {
        let what = format!("a value for profile fact `{id}`");
        let value = match v.value.0.parse::<ProfileValue>() {
            Ok(ProfileValue::Number(_)) if let Some(p) = quoted_number(v, &what) => {
                problems.push(p);
                None
            }
            Ok(value) => Some(value),
            Err(_) => {
                problems.push(wrong(
                    v,
                    &what,
                    "a whole number (for an age), yes, no or not_known",
                ));
                None
            }
        };
        // A wrong value stands in as not known so the rest of the file is still checked.
        let value = value.unwrap_or(ProfileValue::Answer(Answer::NotKnown));
        profile.0.push((id.clone(), value));
    }
    let mut answers = OrderedMap::default();
    for (id, e) in &l.answers.0 {
        let answer = e.answer.value.0.parse::<Answer>().unwrap_or_else(|_| {
            problems.push(wrong(
                &e.answer,
                &format!("an answer (indicator `{id}`)"),
                "yes, no or not_known",
            ));
            Answer::NotKnown
        });
        let basis = match e.basis.as_ref().map(|b| (b, b.value.0.as_str())) {
            None => None,
            Some((_, "evidence")) => Some(Basis::Evidence),
            Some((_, "concern")) => Some(Basis::Concern),
            Some((b, _)) => {
                problems.push(wrong(
                    b,
                    &format!("a basis (indicator `{id}`)"),
                    "evidence or concern",
                ));
                None
            }
        };
        let mut follow_up = std::collections::BTreeMap::new();
        for (f, v) in &e.follow_up.0 {
            let what = format!("a count (follow-up `{f}` of indicator `{id}`)");
            // Any count in quotes is text, whatever it holds.
            if let Some(p) = quoted_number(v, &what) {
                problems.push(p);
                continue;
            }
            // Only as the reader takes a number: Rust would take `010` (text here) as 10.
            let written = &v.value.0;
            match written.parse::<u32>() {
                Ok(n) if n.to_string() == written.strip_prefix('+').unwrap_or(written) => {
                    follow_up.insert(f.clone(), n);
                }
                _ => problems.push(wrong(v, &what, "a whole number, 0 or more")),
            }
        }
        answers.0.push((
            id.clone(),
            AnswerEntry {
                answer,
                windows: e.windows.clone(),
                rating: e.rating.clone(),
                basis,
                note: e.note.clone(),
                follow_up,
                language_kept: e.language_kept.clone(),
            },
        ));
    }
    let screening = Screening {
        schema: l.schema,
        format: l.format,
        questionnaire: super::Stamp {
            id: l.questionnaire.id,
            version: l.questionnaire.version,
            sha256: l.questionnaire.sha256,
        },
        screening: Details {
            case_reference: l.screening.case_reference,
            date: l.screening.date,
            practitioner: l.screening.practitioner,
            agency: l.screening.agency,
            status,
        },
        profile,
        answers,
        judgement: l.judgement,
        decisions: l.decisions,
    };
    (screening, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the whole span-keeping parse puts the stamp.
    fn stamp_by_spans(text: &str) -> Option<Position> {
        let spans = input::ANSWERS
            .from_yaml::<Spans>(&yaml_readable(strip_bom(text)))
            .ok()?;
        spans.find(&Locus::Stamp, &AnswerIndex::default())
    }

    /// The quick look for the stamp finds it exactly where the whole parse does, or leaves
    /// it to that parse, on every example in YAML and JSON and on shapes a file may take.
    #[test]
    fn the_stamp_is_found_where_the_whole_parse_finds_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["examples/answers", "examples/caseload", "examples/training"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                if let Ok(s) = parse(&text, Format::detect(Some(&path), &text)) {
                    // The same screening as JSON, pretty and on one line.
                    texts.push(serde_json::to_string_pretty(&s).unwrap());
                    texts.push(serde_json::to_string(&s).unwrap());
                }
                texts.push(text);
            }
        }
        let stamp = "questionnaire: {id: national-cse, version: 2.5.0, sha256: abc}";
        let block = "questionnaire:\n  id: national-cse\n  version: 2.5.0\n  sha256: abc";
        for shape in [
            format!("{stamp}\nscreening: {{date: 2026-01-01}}\n"),
            format!("{block}\nscreening: {{date: 2026-01-01}}\n"),
            format!("format: 1\nscreening:\n  date: 2026-01-01\n  notes: [a, {{b: c}}]\n{block}\n"),
            format!("# a comment\n\n  # another\n{stamp}\n"),
            format!("\u{feff}{stamp}\n"),
            format!("{}\r\n", block.replace('\n', "\r\n")),
            "\"questionnaire\": {\"id\": \"x\"}\n".to_owned(),
            "'questionnaire':\n    - a\n".to_owned(),
            "questionnaire: plain text\n".to_owned(),
            "questionnaire:\n".to_owned(),
            "screening: {note: \"\u{e9}\u{e9} \u{1f600}\"}\nquestionnaire: {id: x}\n".to_owned(),
            "a: &x {id: x}\nquestionnaire: *x\n".to_owned(),
            "questionnaire: !!map {id: x}\n".to_owned(),
            "questionnaire: &x {id: x}\n".to_owned(),
            format!("--- \n{stamp}\n"),
            format!("%YAML 1.2\n---\n{stamp}\n"),
            format!("- {stamp}\n"),
            format!("screening: [unclosed\n{stamp}\n"),
            format!("{stamp}\nquestionnaire: {{id: y}}\n"),
            "? questionnaire\n: {id: x}\n".to_owned(),
            format!("screening: {{date: \u{80}}}\n{stamp}\n"),
        ] {
            texts.push(shape);
        }
        // A real screening in other shapes that still read: the stamp last, written as a
        // block, after comments, a byte-order mark, Windows line ends, wide characters.
        let example = std::fs::read_to_string(
            root.join("examples/answers/oxfordshire-16-several-risk-indicators.yaml"),
        )
        .unwrap();
        let (head, rest) = example.split_once("\nquestionnaire: ").unwrap();
        let (stamp_line, body) = rest.split_once('\n').unwrap();
        let as_block = stamp_line
            .trim_matches(['{', '}'])
            .split(", ")
            .map(|kv| format!("  {kv}"))
            .collect::<Vec<_>>()
            .join("\n");
        for variant in [
            format!("{head}\n{body}questionnaire: {stamp_line}\n"),
            format!("{head}\nquestionnaire:\n{as_block}\n{body}"),
            format!("{head}\n{body}questionnaire:\n{as_block}\n"),
            format!("\u{feff}{example}"),
            example.replace('\n', "\r\n"),
            format!("# \u{e9}\u{1f600}\n\n   # x\n{example}"),
            example.replacen("practitioner: ", "practitioner: \u{e9}\u{1f600} ", 1),
        ] {
            assert!(
                parse(&variant, Format::Yaml).is_ok(),
                "the variant still reads:\n{variant}"
            );
            texts.push(variant);
        }
        let mut quick = 0;
        for text in &texts {
            let readable = yaml_readable(strip_bom(text));
            match (stamp_position(&readable), stamp_by_spans(text)) {
                (Some(at), Some(whole)) => {
                    quick += 1;
                    assert_eq!(at, whole, "{text}");
                }
                // Only a file that is not read has no place for it in the whole parse; its
                // stamp is never warned about (the warning comes after reading).
                (Some(_), None) => assert!(
                    parse(text, Format::Yaml).is_err() && parse(text, Format::Json).is_err(),
                    "{text}"
                ),
                (None, _) => {}
            }
        }
        // It is used: every example and most shapes are found the quick way.
        assert!(quick > texts.len() / 2, "{quick} of {}", texts.len());
    }

    /// Each warning as `line:column message`.
    fn cut(text: &str) -> Vec<String> {
        cut_by_comment(text)
            .into_iter()
            .map(|p| {
                let at = p.position.map(|p| format!("{}:{}", p.line, p.column));
                format!("{} {}", at.unwrap_or_default(), p.message)
            })
            .collect()
    }

    #[test]
    fn a_comment_that_cuts_a_practitioners_text_is_found_with_its_place_and_field() {
        let text = "\
# A header comment is a comment.
screening:
  case_reference: EX-1 #2
  status: in_progress  # a comment after a status is a comment
answers:
  gifts: {answer: yes, note: \"quoted #1 keeps it\"}
  missing:
    answer: yes   # so is one after an answer
    note: seen at the station #3 this month
judgement:
  reason: \"#1\"
decisions:
  discussed_with: # the lead, #4
  actions:
    - action: call the school #5
      owner: A. Example
";
        assert_eq!(
            cut(text),
            [
                "3:24 `screening.case_reference` ends where ` #` starts a comment: it holds only \"EX-1\", and the rest (\"#2\") is not part of it",
                "9:31 `answers.missing.note` ends where ` #` starts a comment: it holds only \"seen at the station\", and the rest (\"#3 this month\") is not part of it",
                "13:19 `decisions.discussed_with` ends where ` #` starts a comment: it is empty, and the rest (\"# the lead, #4\") is not part of it",
                "15:31 `decisions.actions[0].action` ends where ` #` starts a comment: it holds only \"call the school\", and the rest (\"#5\") is not part of it",
            ]
        );
        let first = &cut_by_comment(text)[0];
        assert!(
            first
                .help
                .as_deref()
                .is_some_and(|h| h.contains("double quotes"))
        );
        assert!(
            first
                .snippet
                .as_deref()
                .is_some_and(|s| s.contains("comment starts here"))
        );
    }

    #[test]
    fn a_comment_on_the_next_line_of_a_text_or_before_it_is_found_too() {
        let text = "\
answers:
  missing:
    answer: yes
    note: seen at the station with an older man
      #2 this week, the parent does not know
    # a comment at the key's own indent is a comment
judgement:
  reason: # the flat at
    #14 Example Road
    the child was frightened
";
        assert_eq!(
            cut(text),
            [
                "5:7 `answers.missing.note` ends where ` #` starts a comment: it holds only \"seen at the station with an older man\", and the rest (\"#2 this week, the parent does not know\") is not part of it",
                "8:11 `judgement.reason` ends where ` #` starts a comment: it holds only \"the child was frightened\", and the rest (\"# the flat at\") is not part of it",
            ]
        );
        // Lines ending in a lone carriage return are lines too, and the place is counted so.
        let cr = "# header\ranswers:\r  missing: {answer: yes}\rdecisions:\r  discussed_with: the lead #2\r";
        assert_eq!(
            cut(cr),
            [
                "5:28 `decisions.discussed_with` ends where ` #` starts a comment: it holds only \"the lead\", and the rest (\"#2\") is not part of it"
            ]
        );
        // A YAML file in flow style is read as YAML.
        let flow = "{decisions: {discussed_with: the lead #2\n}}";
        assert_eq!(cut(flow).len(), 1, "{:?}", cut(flow));
    }

    #[test]
    fn the_pre_filter_passes_every_file_a_comment_could_cut() {
        for (text, could) in [
            ("{\"note\": \"seen\"}", false),
            ("# header\r\n# more\r\nnote: seen\r\n", false),
            ("note: issue#1\n", false),
            ("note: seen #1\n", true),
            ("note: seen\t#1\n", true),
            ("note: seen\r\n\r\n  #1 more\r\n", true),
            ("note: seen\r  #1 more\r", true),
            ("a:\n  note: seen\n  # at the same indent\n", false),
            ("  # indented first line\nnote: x\n", false),
        ] {
            assert_eq!(may_cut(text), could, "{text:?}");
        }
    }

    #[test]
    fn text_no_comment_cuts_gives_nothing() {
        for text in [
            "answers:\n  missing: {answer: yes, note: \"seen #3\"}\n",
            "answers:\n  missing: {answer: yes, note: issue#3 and C#}\n",
            "# only comments\nanswers: {}\n",
            "{\"answers\": {\"missing\": {\"answer\": \"yes\", \"note\": \"seen #3\"}}}",
            "answers:\n  missing:\n    note: >-\n      folded text #3 is kept\n",
            // A file the parser refuses is refused elsewhere, in its own words.
            "answers: [\n  note: a #b\n",
        ] {
            assert_eq!(cut(text), Vec::<String>::new(), "{text}");
        }
    }
}
