//! Every problem of an answers file that is not well formed, at once: what one problem
//! concerns is cut out of (a copy of) the text, and the rest is read again.
//!
//! serde stops at a file's first structural problem (a misspelt field, a list where fields
//! belong, a missing `answer:`), so a file with three is otherwise fixed and re-run three
//! times. Here the text is first mapped, from the YAML parser's events, into the place of
//! every field and list item. Then, until the rest reads or nothing more can be cut, the
//! field or list item a problem is at is cut (the copy of a key written twice that the
//! problem names; for a missing field, the map or item that lacks it; a wrong value inside
//! `screening` or `questionnaire`, which must be there, is replaced by `x`), and the copy is
//! read again. The lenient reading takes a missing `screening` or `questionnaire` field as
//! empty: those are found from the map. A syntax error, an alias, a missing field of the
//! whole file, or reading's own limits end the sweep.
//!
//! A cut is blanked with spaces, character for character, keeping line ends, so every line
//! and column of the copy is the line and column of the file, and every problem is quoted
//! from the file itself. Nothing that only follows from a cut is reported: a problem inside
//! what was cut, at a part whose every field was cut, or a field cut (or misspelt, with a
//! "did you mean") then said to be missing. Once the rest reads, the values are checked as
//! for any file ([`super::parse`]'s salvage), and the problems come back in the file's order.

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
    /// The part that holds it (by index; `None`: the whole file).
    parent: Option<usize>,
    /// Its value is a map of fields.
    fields: bool,
}

impl Part {
    /// Whether `other` lies within this part.
    fn holds(&self, other: &Part) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The key this part is the value of, if it is a field.
    fn key(&self) -> Option<&str> {
        match self.path.last() {
            Some(Seg::Key(k)) => Some(k),
            _ => None,
        }
    }
}

/// The fields the lenient reading takes as empty when missing, by the part that holds them
/// (the whole file first), so the sweep reports them.
const REQUIRED: [(&[&str], &[&str]); 3] = [
    (&[], &["questionnaire", "screening"]),
    (&["questionnaire"], &["id", "version", "sha256"]),
    (
        &["screening"],
        &["case_reference", "date", "practitioner", "agency", "status"],
    ),
];

/// The most times one file is read again, once for each structural problem (the wrong
/// values are all found in the last reading), and the most text read again in all: bounds
/// on the time a hostile file can take (a millisecond or two for a file of usual size;
/// for a file at the 1 MiB limit, four readings).
const MOST: usize = 100;
const REREAD_BYTES: usize = 4 * 1024 * 1024;

/// Every problem of `text`, given the `first` the strict reading found. `read` reads a copy
/// of the text leniently: the problems of its values when it reads, or the one structural
/// problem that stopped it. `reword` puts each problem reported in the file's own terms
/// (JSON's for a JSON file). `None` when the text cannot be mapped (a syntax error, an
/// alias): the caller reports `first` alone.
pub(super) fn every_problem(
    text: &str,
    first: &Problem,
    read: impl Fn(&str) -> Result<Vec<Problem>, Problem>,
    reword: impl Fn(Problem) -> Problem,
) -> Option<Vec<Problem>> {
    let parts = map(text)?;
    // Parts cut (by index), and whether `x` stands in their value instead.
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    // Each problem found, and whether it is a wrong value (found once the rest read).
    let mut found: Vec<(Problem, bool)> = Vec::new();
    let mut done = false;
    // Each field an unknown field's help names ("did you mean `action`?"), by the part of
    // the map (`None`: the whole file).
    let mut misspellings: Vec<(Option<usize>, String)> = Vec::new();
    let rereads = MOST.min(REREAD_BYTES / text.len().max(1)).max(1);
    let mut spent = 0;
    for _ in 0..rereads {
        let copy = blanked(text, &parts, &cuts);
        let problem = match read(&copy) {
            Ok(values) => {
                found.extend(
                    values
                        .into_iter()
                        .filter(|p| {
                            let at = p.position.and_then(|at| innermost(&parts, at));
                            !at.is_some_and(|i| follows(&parts, &cuts, Some(i), false))
                        })
                        .map(|p| (p, true)),
                );
                done = true;
                break;
            }
            Err(p) => p,
        };
        // Reading's own limits (size, nesting, values) hold for every reading alike.
        if ["too large", "too deeply", "too much"]
            .iter()
            .any(|m| problem.message.contains(m))
        {
            found.push((problem, false));
            break;
        }
        let Some(subject) = subject(&parts, &problem) else {
            break;
        };
        let missing = problem.message.starts_with("missing field");
        let field = |words: &str| words.split('`').nth(1).map(str::to_owned);
        let named = field(&problem.message);
        // A field cut, or misspelt, is not reported again as missing.
        let cut_before = missing
            && named.as_deref().is_some_and(|f| {
                cuts.iter().any(|&(c, stand)| {
                    !stand && parts[c].key() == Some(f) && parts[c].parent == subject
                }) || misspellings.iter().any(|(m, s)| *m == subject && s == f)
            });
        let followed = follows(&parts, &cuts, subject, missing) || cut_before;
        if let Some(s) = problem
            .help
            .as_deref()
            .filter(|h| h.starts_with("did you mean"))
            .and_then(field)
        {
            misspellings.push((subject.and_then(|i| parts[i].parent), s));
        }
        // A value with no character to stand `x` on (nothing written) is cut instead: the
        // lenient reading takes the field as empty.
        let target = subject
            .and_then(|i| fix_for(&parts, i, &problem.message))
            .map(|(t, stand)| (t, stand && can_stand(text, &parts[t])))
            .filter(|&(t, _)| !cuts.iter().any(|&(c, _)| c == t));
        if !followed {
            found.push((problem, false));
        }
        match target {
            Some(cut) => cuts.push(cut),
            None => break,
        }
        spent += 1;
    }
    if done {
        found.extend(missing_required(text, &parts, &misspellings));
    }
    // A key written twice whose first copy was cut for another problem: the reading never
    // met the second as a repeat. At most as many are listed as there are readings again
    // (each is quoted, and a file full of them is one mistake made many times), then counted.
    let said: std::collections::BTreeSet<Position> = found
        .iter()
        .filter_map(|(f, _)| f.position)
        .chain(first.position)
        .collect();
    let mut keys = std::collections::HashSet::new();
    let repeats: Vec<usize> = (0..parts.len())
        .filter(|&i| {
            let p = &parts[i];
            p.key().is_some_and(|k| !keys.insert((p.parent, k)))
                && !said.contains(&p.from)
                && !follows(&parts, &cuts, Some(i), false)
        })
        .collect();
    for &i in repeats.iter().take(MOST) {
        let p = &parts[i];
        let key = p.key().unwrap_or_default();
        let mut problem = Problem::new(
            Some(p.from),
            format!("duplicate mapping key `{key}` is not allowed here"),
        )
        .help("a key may appear only once in each mapping; remove or merge the repeated one");
        problem.snippet = excerpt(text, p.from, &problem.message);
        found.push((problem, false));
    }
    if repeats.len() > MOST {
        found.push((
            Problem::new(
                None,
                format!(
                    "{} more keys are written twice in their mapping",
                    repeats.len() - MOST
                ),
            )
            .help("a key may appear only once in each mapping; remove or merge the repeated ones"),
            false,
        ));
    }
    if found.is_empty() {
        return None;
    }
    // The first problem as the strict reading worded it, unless it is a wrong value, which
    // the lenient reading words better (`maybe` is not an answer).
    let first_subject = subject(&parts, first);
    let same = |p: &Problem| {
        let missing = |p: &Problem| p.message.starts_with("missing field");
        p.position == first.position
            || (first_subject.is_some()
                && subject(&parts, p) == first_subject
                && (missing(p) == missing(first))
                && (!missing(p) || p.message == first.message))
    };
    let value_first = found.iter().any(|(p, value)| *value && same(p));
    let mut all: Vec<Problem> = found
        .into_iter()
        .filter(|(p, value)| value_first || *value || !same(p))
        .map(|(p, value)| {
            let mut p = reword(p);
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
        let mut p = reword(first.clone());
        if p.message != first.message
            && let Some(at) = p.position
        {
            p.snippet = excerpt(text, at, &p.message).or(p.snippet);
        }
        all.push(p);
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

/// The fields of `screening` and `questionnaire` (and those two parts) the file does not
/// have, which the lenient reading took as empty; not one misspelt with a "did you mean",
/// and not inside a part that is not a map of fields at all.
fn missing_required(
    text: &str,
    parts: &[Part],
    misspellings: &[(Option<usize>, String)],
) -> Vec<(Problem, bool)> {
    let key = |path: &[&str]| -> Vec<Seg> { path.iter().map(|k| Seg::Key((*k).into())).collect() };
    let mut out = Vec::new();
    for (holder, fields) in REQUIRED {
        let holder_path = key(holder);
        let at = if holder.is_empty() {
            None
        } else {
            match parts.iter().position(|p| p.path == holder_path) {
                // Not a map of fields (a list, a value): said as that, not field by field.
                Some(i) if !parts[i].fields => continue,
                Some(i) => Some(i),
                // The part itself is missing: said once, for it.
                None => continue,
            }
        };
        // Where the problem is placed: the holder's first field, or the file's first part.
        let first_field = parts
            .iter()
            .find(|p| p.path.len() == holder.len() + 1 && p.path.starts_with(&holder_path));
        let Some(place) = first_field else {
            continue;
        };
        for f in fields {
            let mut path = holder_path.clone();
            path.push(Seg::Key((*f).into()));
            let misspelt = misspellings.iter().any(|(m, s)| *m == at && s == f);
            if misspelt || parts.iter().any(|p| p.path == path) {
                continue;
            }
            let mut p = Problem::new(Some(place.from), format!("missing field `{f}`")).help(
                format!("add `{f}:`; see {} for what it holds", input::ANSWERS.docs),
            );
            p.snippet = excerpt(text, place.from, &p.message);
            out.push((p, false));
        }
    }
    out
}

/// The part (by index) that `problem` is about: the deepest part at its place, or for a
/// missing field, reported at a key of the map that lacks it (or at the map), that map.
/// `Some(None)` is the whole file; `None`, a problem with no place in the map.
fn subject(parts: &[Part], problem: &Problem) -> Option<Option<usize>> {
    let at = problem.position?;
    let mut i = Some(innermost(parts, at)?);
    // The map: the part at the place, or the nearest that holds it (a JSON reader places a
    // missing field just after the last value of the map).
    if problem.message.starts_with("missing field")
        && let Some(j) = i
    {
        // Reported at a key of the map (the key's own part starts there): its holder.
        if parts[j].from == at || !parts[j].fields {
            i = parts[j].parent;
        }
        while let Some(k) = i.filter(|&k| !parts[k].fields) {
            i = parts[k].parent;
        }
    }
    Some(i)
}

/// Whether a problem at `subject` follows from a cut: it is inside a part cut (or stood in
/// for), or (but for a missing field, which no cut makes) at a part that holds one, as a
/// map whose every field was cut.
fn follows(parts: &[Part], cuts: &[(usize, bool)], subject: Option<usize>, missing: bool) -> bool {
    cuts.iter().any(|&(c, _)| match subject {
        None => !missing,
        Some(s) => parts[c].holds(&parts[s]) || (!missing && parts[s].holds(&parts[c])),
    })
}

/// What to cut for a problem at part `i`, and whether `x` stands in its value instead: a
/// field the format does not have, or a second copy of a key, is cut; a wrong value of a
/// field of `screening` or `questionnaire` is stood in for; any other part is cut.
fn fix_for(parts: &[Part], i: usize, message: &str) -> Option<(usize, bool)> {
    if message.starts_with("unknown field") || message.starts_with("duplicate") {
        return Some((i, false));
    }
    let path = &parts[i].path;
    let top = match path.first() {
        Some(Seg::Key(k)) => k.as_str(),
        _ => return None,
    };
    if matches!(top, "screening" | "questionnaire") {
        return match path.len() {
            // The part itself, not a map: the lenient reading takes it as missing.
            1 => Some((i, false)),
            _ => {
                let field = &path[..2];
                let j = parts
                    .iter()
                    .position(|p| p.path == field && p.holds(&parts[i]))?;
                Some((j, true))
            }
        };
    }
    Some((i, false))
}

/// The keys at the top of `text` and where each is, when it can be mapped.
pub(super) fn top_keys(text: &str) -> Option<Vec<(String, Position)>> {
    Some(
        map(text)?
            .into_iter()
            .filter(|p| p.parent.is_none())
            .filter_map(|p| p.key().map(|k| (k.to_owned(), p.from)))
            .collect(),
    )
}

/// Whether `x` can stand for the value of `part`: there is a character to put it on.
fn can_stand(text: &str, part: &Part) -> bool {
    // Nothing written: the parser places the empty value at the key's `:`.
    part.value < part.end
        && text
            .get(part.value..part.end)
            .and_then(|v| v.chars().next())
            .is_some_and(|c| c != '\n' && c != '\r')
}

/// `text` with each cut blanked (each character a space, line ends kept), with the comma
/// that separated a cut part from its neighbour in `{...}` or `[...]` and the `-` of a cut
/// list item, and `x` where a value stands in.
fn blanked(text: &str, parts: &[Part], cuts: &[(usize, bool)]) -> String {
    let mut ranges: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for &(i, stand) in cuts {
        let part = &parts[i];
        if stand {
            ranges.push((part.value, part.end, Some(part.value)));
            continue;
        }
        let (mut start, mut end) = (part.start, part.end);
        // Nothing written after a key: the parser places the empty value at its `:`.
        if part.value == part.end
            && matches!(part.path.last(), Some(Seg::Key(_)))
            && let Some(rest) = text.get(end..)
            && let Some(after) = rest.trim_start_matches([' ', '\t']).strip_prefix(':')
        {
            end = text.len() - after.len();
        }
        let before = text
            .get(..start)
            .unwrap_or_default()
            .trim_end_matches([' ', '\t']);
        if part.flow {
            let rest = text.get(end..).unwrap_or_default();
            let after = rest.trim_start();
            if after.starts_with(',') {
                end += rest.len() - after.len() + 1;
            } else {
                let before = before.trim_end();
                if before.ends_with(',') {
                    start = before.len() - 1;
                }
            }
        } else if matches!(part.path.last(), Some(Seg::Item(_))) && before.ends_with('-') {
            start = before.len() - 1;
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

/// The deepest part whose place holds `at` (by index). Its end counts (a JSON reader places
/// a problem just after the value), unless another part starts there: a map, a list or a
/// folded text in block style ends where the next part starts. Parts are in the order they
/// start, so the last to start at or before `at` is the deepest there or inside one that
/// holds `at`: its holders are walked up to the first that does.
fn innermost(parts: &[Part], at: Position) -> Option<usize> {
    let last = parts.partition_point(|p| p.from <= at).checked_sub(1)?;
    if parts[last].from == at {
        return Some(last);
    }
    let mut i = Some(last);
    while let Some(j) = i {
        if at <= parts[j].to {
            return Some(j);
        }
        i = parts[j].parent;
    }
    None
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
    let mut documents = 0;
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
            // A second document: refused, and its fields are no repeats of the first's.
            Event::DocumentStart(..) if documents > 0 => return None,
            Event::DocumentStart(..) => documents += 1,
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
                let holder = stack.last().and_then(|o| o.owner);
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
                            parent: holder,
                            fields: map,
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
                        parent: stack.last().and_then(|o| o.owner),
                        fields: false,
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
        // In the order they start, as `innermost` relies on.
        for text in [
            text,
            "{a: [1, {b: 2}], c: {d: [x, y]}}\n",
            "- a: 1\n  b:\n    - c\n",
        ] {
            let parts = map(text).expect("mapped");
            assert!(parts.is_sorted_by_key(|p| p.from), "{text}");
        }
        // An alias or a map as a key cannot be mapped.
        assert!(map("a: &x 1\nb: *x\n").is_none());
        assert!(map("? [a]\n: 1\n").is_none());
        assert!(map("a: [1\n").is_none());
    }

    #[test]
    fn a_cut_keeps_every_line_and_column_and_its_comma() {
        let text = "s: {a: é, colour: 1, b: 2}\nt: {a: 1, colour: 2}\nu:\n  - 1\n  - [2]\n";
        let parts = map(text).expect("mapped");
        let find = |p: &str| {
            let path: Vec<Seg> = p
                .split('.')
                .map(|k| match k.parse() {
                    Ok(n) => Seg::Item(n),
                    Err(_) => Seg::Key(k.into()),
                })
                .collect();
            parts.iter().position(|x| x.path == path).expect("part")
        };
        let copy = blanked(
            text,
            &parts,
            &[
                (find("s.colour"), false),
                (find("t.colour"), false),
                (find("u.1"), false),
            ],
        );
        assert_eq!(
            copy,
            "s: {a: é,            b: 2}\nt: {a: 1           }\nu:\n  - 1\n       \n"
        );
        assert_eq!(copy.chars().count(), text.chars().count());
        let copy = blanked(text, &parts, &[(find("s.a"), true)]);
        assert_eq!(
            copy,
            "s: {a: x, colour: 1, b: 2}\nt: {a: 1, colour: 2}\nu:\n  - 1\n  - [2]\n"
        );
    }
}
