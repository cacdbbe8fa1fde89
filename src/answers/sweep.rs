//! Every problem of an answers file that is not well formed, at once: what one problem
//! concerns is cut out of (a copy of) the text, and the rest is read again.
//!
//! serde stops at a file's first structural problem (a misspelt field, a list where fields
//! belong, a missing `answer:`), so a file with three is otherwise fixed and re-run three
//! times. Here the text is first mapped, from the YAML parser's events, into the place of
//! every field and list item. Then, until the rest reads or nothing more can be cut:
//! - a field the format does not have, or a key written twice, is cut alone;
//! - any other problem inside one indicator's answer, one profile fact, the actions, the
//!   judgement or another optional part cuts that whole part (so a missing `answer:` is not
//!   followed by problems that only follow from it);
//! - a wrong value of a field `screening` or `questionnaire` must hold is replaced by `x`;
//! - anything else (a syntax error, a missing `screening:`) ends the sweep.
//!
//! A cut is blanked with spaces, character for character, keeping line ends, so every line
//! and column of the copy is the line and column of the file, and every problem is quoted
//! from the file itself. A problem at a part that holds a cut follows from the cut and is
//! not reported. Once the rest reads, the values are checked as for any file
//! ([`super::parse`]'s salvage), and the problems come back in the file's order.

use serde_saphyr::granit_parser::{Event, Marker, Parser, StructureStyle};

use crate::diagnostic::{Position, Problem, excerpt, sorted};
use crate::input;

/// One step on the way to a field or item: a key, or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Item(usize),
}

/// A field (`key: value`) or list item, where it is in the text.
#[derive(Debug, Clone)]
struct Part {
    path: Vec<Seg>,
    /// From the key (or the item) to the end of its value: byte offsets, and places.
    start: usize,
    end: usize,
    from: Position,
    to: Position,
    /// Where the value starts.
    value: usize,
    /// Inside `{...}` or `[...]`, where parts are separated by commas.
    flow: bool,
}

/// What the sweep does about one problem.
enum Fix {
    /// Blank the part at this path.
    Cut(Vec<Seg>),
    /// Put `x` in place of this part's value.
    Stand(Vec<Seg>),
}

/// The most times one file is read again, once for each structural problem (the wrong
/// values are all found in the last reading), and the most text read again in all: bounds
/// on the time a hostile file can take (a few milliseconds for a file of usual size; for a
/// file at the 1 MiB limit, 16 readings).
const MOST: usize = 100;
const REREAD_BYTES: usize = 16 * 1024 * 1024;

/// Every problem of `text`, given the `first` the strict reading found. `read` reads a copy
/// of the text leniently: the problems of its values when it reads, or the one structural
/// problem that stopped it. `None` when the text cannot be mapped (a syntax error, an alias):
/// the caller reports `first` alone.
pub(super) fn every_problem(
    text: &str,
    first: &Problem,
    read: impl Fn(&str) -> Result<Vec<Problem>, Problem>,
) -> Option<Vec<Problem>> {
    let parts = map(text)?;
    let mut cuts: Vec<(Part, bool)> = Vec::new();
    // Each problem found, and whether it is a wrong value (found once the rest read).
    let mut found: Vec<(Problem, bool)> = Vec::new();
    let mut done = false;
    // Each field an unknown field's help names ("did you mean `action`?"), by its map.
    let mut misspellings: Vec<(Vec<Seg>, String)> = Vec::new();
    // Whether a problem at `path` follows from a cut: it is inside a part cut (or stood in
    // for), or (but for a missing field, which no cut removes) at a part that holds one, as
    // a map whose every field was cut.
    let follows = |cuts: &[(Part, bool)], path: &[Seg], missing: bool| {
        cuts.iter()
            .any(|(c, _)| path.starts_with(&c.path) || (!missing && c.path.starts_with(path)))
    };
    let path_at = |at: Position| innermost(&parts, at).map(|p| p.path.clone());
    let rereads = MOST.min(REREAD_BYTES / text.len().max(1)).max(1);
    let mut spent = 0;
    for _ in 0..rereads {
        let copy = blanked(text, &cuts);
        let problem = match read(&copy) {
            Ok(values) => {
                found.extend(
                    values
                        .into_iter()
                        .filter(|p| {
                            !p.position
                                .and_then(path_at)
                                .is_some_and(|path| follows(&cuts, &path, false))
                        })
                        .map(|p| (p, true)),
                );
                done = true;
                break;
            }
            Err(p) => p,
        };
        let Some(subject) = subject(&parts, &problem) else {
            break;
        };
        let subject = &subject[..];
        let missing = problem.message.starts_with("missing field");
        let followed = follows(&cuts, subject, missing);
        let fix = fix_for(&problem.message, subject, missing);
        let target = fix.as_ref().and_then(|f| {
            let (path, stand) = match f {
                Fix::Cut(p) => (p, false),
                Fix::Stand(p) => (p, true),
            };
            parts
                .iter()
                .find(|p| &p.path == path)
                .filter(|t| !cuts.iter().any(|(c, _)| c.path == t.path))
                .filter(|t| !stand || can_stand(text, t))
                .map(|t| (t.clone(), stand))
        });
        // A field misspelt is reported once, as unknown with the right name to use, not
        // again as missing.
        let field = |text: &str| text.split('`').nth(1).map(str::to_owned);
        let suggested = problem
            .help
            .as_deref()
            .filter(|h| h.starts_with("did you mean"))
            .and_then(field);
        let misspelt = missing
            && field(&problem.message).is_some_and(|f| {
                misspellings
                    .iter()
                    .any(|(map, s)| map == subject && *s == f)
            });
        if let Some(s) = suggested
            && let Some((_, map)) = subject.split_last()
        {
            misspellings.push((map.to_vec(), s));
        }
        if !followed && !misspelt {
            found.push((problem, false));
        }
        match target {
            Some(cut) => cuts.push(cut),
            None => break,
        }
        spent += 1;
    }
    if !done && found.is_empty() {
        return None;
    }
    // The first problem as the strict reading worded it, unless it is a wrong value, which
    // the lenient reading words better (`maybe` is not an answer).
    let first_subject = subject(&parts, first);
    let same = |p: &Problem| {
        p.position == first.position
            || (first_subject.is_some() && subject(&parts, p) == first_subject)
    };
    let value_first = found.iter().any(|(p, value)| *value && same(p));
    let mut all: Vec<Problem> = found
        .into_iter()
        .filter(|(p, value)| value_first || *value || !same(p))
        .map(|(mut p, value)| {
            // Quoted from the file, not from the copy with its cuts, and labelled as a
            // wrong value or a parser's problem is everywhere.
            if let Some(at) = p.position {
                let label = if value { "here" } else { p.message.as_str() };
                p.snippet = excerpt(text, at, label).or(p.snippet);
            }
            p
        })
        .collect();
    if !value_first {
        all.push(first.clone());
    }
    let mut all = sorted(all);
    // Said whenever the file was not read to its end.
    if spent == rereads {
        all.push(
            Problem::new(
                None,
                format!(
                    "checking stopped before the end of the file, which is read again once \
                     for each problem in its structure and at most {rereads} times: there may \
                     be more problems"
                ),
            )
            .help("fix the problems listed and run it again"),
        );
    }
    Some(all)
}

/// The path of the part `problem` is about: the deepest part at its place, or for a missing
/// field, reported at a key of the map that lacks it (or at the map), that map.
fn subject(parts: &[Part], problem: &Problem) -> Option<Vec<Seg>> {
    let at = problem.position?;
    let part = innermost(parts, at)?;
    let mut path = part.path.clone();
    if problem.message.starts_with("missing field") && part.from == at {
        path.pop();
    }
    Some(path)
}

/// What to do about a problem at `path` (a missing field: in the part at `path`).
fn fix_for(message: &str, path: &[Seg], missing: bool) -> Option<Fix> {
    let key = |i: usize| match path.get(i) {
        Some(Seg::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let alone = message.starts_with("unknown field") || message.starts_with("duplicate");
    if alone && !missing && !path.is_empty() {
        return Some(Fix::Cut(path.to_vec()));
    }
    let top = key(0)?;
    let upto = |n: usize| Some(Fix::Cut(path.get(..n)?.to_vec()));
    match top {
        "answers" | "profile" if path.len() >= 2 => upto(2),
        "decisions" if path.len() >= 2 => upto(2),
        "answers" | "profile" | "decisions" | "judgement" | "format" | "$schema" => upto(1),
        "screening" | "questionnaire" if path.len() == 2 && !missing => {
            Some(Fix::Stand(path.to_vec()))
        }
        _ => None,
    }
}

/// Whether `x` can stand for the value of `part`: there is a character to put it on.
fn can_stand(text: &str, part: &Part) -> bool {
    text.get(part.value..part.end)
        .and_then(|v| v.chars().next())
        .is_some_and(|c| c != '\n' && c != '\r')
}

/// `text` with each cut blanked (each character a space, line ends kept), a comma that
/// separated a cut part from its neighbour included, and `x` where a value stands in.
fn blanked(text: &str, cuts: &[(Part, bool)]) -> String {
    let mut ranges: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for (part, stand) in cuts {
        if *stand {
            ranges.push((part.value, part.end, Some(part.value)));
            continue;
        }
        let (mut start, mut end) = (part.start, part.end);
        if part.flow {
            let rest = text.get(end..).unwrap_or_default();
            let after = rest.trim_start();
            if after.starts_with(',') {
                end += rest.len() - after.len() + 1;
            } else {
                let before = text.get(..start).unwrap_or_default().trim_end();
                if before.ends_with(',') {
                    start = before.len() - 1;
                }
            }
        }
        ranges.push((start, end, None));
    }
    ranges.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut next = ranges.iter().peekable();
    let mut open: Option<(usize, usize, Option<usize>)> = None;
    for (i, c) in text.char_indices() {
        // The range holding `i`, if any: ranges are taken in order of their start.
        while open.is_none_or(|(_, e, _)| i >= e)
            && let Some(&&(s, e, x)) = next.peek()
            && s <= i
        {
            next.next();
            if i < e {
                open = Some((s, e, x));
            }
        }
        match open.filter(|(_, e, _)| i < *e) {
            None => out.push(c),
            Some(_) if c == '\n' || c == '\r' => out.push(c),
            Some((_, _, Some(x))) if x == i => out.push('x'),
            Some(_) => out.push(' '),
        }
    }
    out
}

/// The deepest part whose place holds `at`. Its end counts (a JSON reader places a problem
/// just after the value), unless another part starts there: a map, a list or a folded text
/// in block style ends where the next part starts.
fn innermost(parts: &[Part], at: Position) -> Option<&Part> {
    let starts = parts.iter().any(|p| p.from == at);
    parts
        .iter()
        .filter(|p| p.from <= at && (at < p.to || (at == p.to && !starts)))
        .max_by_key(|p| p.path.len())
}

fn place(m: &Marker) -> Position {
    Position {
        line: m.line() as u64,
        column: m.col() as u64 + 1,
    }
}

/// The place of every field and item of `text`, or `None` when it cannot be mapped: a
/// syntax error, an anchor or alias (a value written once and read twice), a key that is
/// not plain text, or more parts than any answers file holds.
fn map(text: &str) -> Option<Vec<Part>> {
    /// An open map or list, and the part it is the value of.
    struct Open {
        path: Vec<Seg>,
        flow: bool,
        map: bool,
        /// For a map: the key read and waiting for its value, and where that key started.
        key: Option<(String, Marker)>,
        next: usize,
        /// The part this collection is the value of (`None` for the root).
        owner: Option<usize>,
    }
    let budget = input::ANSWERS.max_nodes;
    let mut parts = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let parser =
        Parser::new_from_str_with_options(text, input::plain_yaml::parser_options(&input::ANSWERS));
    // Where a value now starting belongs: its path, where its part started, and whether that
    // part is inside a flow collection. `None` at the root; a map waiting for a key is not
    // waiting for a value.
    let slot = |stack: &mut Vec<Open>, at: Marker| -> Option<Option<(Vec<Seg>, Marker, bool)>> {
        let Some(top) = stack.last_mut() else {
            return Some(None);
        };
        let mut path = top.path.clone();
        if top.map {
            let (key, from) = top.key.take()?;
            path.push(Seg::Key(key));
            Some(Some((path, from, top.flow)))
        } else {
            path.push(Seg::Item(top.next));
            top.next += 1;
            Some(Some((path, at, top.flow)))
        }
    };
    for event in parser {
        let (event, span) = event.ok()?;
        if parts.len() > budget {
            return None;
        }
        match event {
            Event::Alias(_) => return None,
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _)
                if anchor != 0 =>
            {
                return None;
            }
            Event::Scalar(_, _, anchor, _) if anchor != 0 => return None,
            Event::MappingStart(style, ..) | Event::SequenceStart(style, ..) => {
                let map = matches!(event, Event::MappingStart(..));
                if stack.last().is_some_and(|t| t.map && t.key.is_none()) {
                    // A map or list as a key.
                    return None;
                }
                let owner = slot(&mut stack, span.start)?;
                let (path, owner) = match owner {
                    Some((path, from, flow)) => {
                        parts.push(Part {
                            path: path.clone(),
                            start: from.byte_offset()?,
                            end: 0,
                            from: place(&from),
                            to: place(&span.start),
                            value: span.start.byte_offset()?,
                            flow,
                        });
                        (path, Some(parts.len() - 1))
                    }
                    None => (Vec::new(), None),
                };
                stack.push(Open {
                    path,
                    flow: style == StructureStyle::Flow,
                    map,
                    key: None,
                    next: 0,
                    owner,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let open = stack.pop()?;
                if let Some(owner) = open.owner {
                    let part = parts.get_mut(owner)?;
                    part.end = span.end.byte_offset()?.max(part.value);
                    part.to = place(&span.end);
                }
            }
            Event::Scalar(value, ..) => {
                if let Some(top) = stack.last_mut()
                    && top.map
                    && top.key.is_none()
                {
                    top.key = Some((value.into_owned(), span.start));
                    continue;
                }
                if let Some((path, from, flow)) = slot(&mut stack, span.start)? {
                    parts.push(Part {
                        path,
                        start: from.byte_offset()?,
                        end: span.end.byte_offset()?,
                        from: place(&from),
                        to: place(&span.end),
                        value: span.start.byte_offset()?,
                        flow,
                    });
                }
            }
            _ => {}
        }
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        map(text)
            .expect("mapped")
            .iter()
            .map(|p| {
                let path: Vec<String> = p
                    .path
                    .iter()
                    .map(|s| match s {
                        Seg::Key(k) => k.clone(),
                        Seg::Item(i) => format!("[{i}]"),
                    })
                    .collect();
                format!("{} {}", path.join("."), &text[p.start..p.end])
            })
            .collect()
    }

    #[test]
    fn every_field_and_item_is_mapped_from_its_key_to_the_end_of_its_value() {
        let text = "a: 1\nb:\n  c: {x: 1, y: [1, 2]}\n  d:\n    - p\n    - q: 2\ne: z\n";
        assert_eq!(
            paths(text),
            [
                "a a: 1",
                "b b:\n  c: {x: 1, y: [1, 2]}\n  d:\n    - p\n    - q: 2\n",
                "b.c c: {x: 1, y: [1, 2]}",
                "b.c.x x: 1",
                "b.c.y y: [1, 2]",
                "b.c.y.[0] 1",
                "b.c.y.[1] 2",
                "b.d d:\n    - p\n    - q: 2\n",
                "b.d.[0] p",
                "b.d.[1] q: 2\n",
                "b.d.[1].q q: 2",
                "e e: z",
            ]
        );
        // An alias or a map as a key cannot be mapped.
        assert!(map("a: &x 1\nb: *x\n").is_none());
        assert!(map("? [a]\n: 1\n").is_none());
        assert!(map("a: [1\n").is_none());
    }

    #[test]
    fn a_cut_keeps_every_line_and_column_and_its_comma() {
        let text = "s: {a: é, colour: 1, b: 2}\nt: {a: 1, colour: 2}\n";
        let parts = map(text).expect("mapped");
        let find = |p: &str| {
            parts
                .iter()
                .find(|x| x.path == p.split('.').map(|k| Seg::Key(k.into())).collect::<Vec<_>>())
                .expect("part")
                .clone()
        };
        let copy = blanked(
            text,
            &[(find("s.colour"), false), (find("t.colour"), false)],
        );
        assert_eq!(copy, "s: {a: é,            b: 2}\nt: {a: 1           }\n");
        assert_eq!(copy.chars().count(), text.chars().count());
        let copy = blanked(text, &[(find("s.a"), true)]);
        assert_eq!(copy, "s: {a: x, colour: 1, b: 2}\nt: {a: 1, colour: 2}\n");
    }
}
