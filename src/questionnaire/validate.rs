//! Turns a parsed [`RawQuestionnaire`] into a [`Questionnaire`], or reports every problem.
//!
//! One pass collects all problems (it never stops at the first), each with the line and
//! column of the value at fault, what is wrong and what to do. Checks: id syntax and
//! uniqueness across the file, every reference resolves (suggesting the nearest id),
//! levels start at 0 and strictly increase, weights and other numbers are in range,
//! every route and level is reachable, rules can fire, ages are sane.

use std::collections::BTreeMap;
use std::fmt;

use super::model::*;
use super::raw::*;
use crate::diagnostic::{Position, Problem, did_you_mean};

/// The newest format version this build understands (it reads every earlier one too).
pub const FORMAT_VERSION: u64 = 2;
const MAX_ID_LEN: usize = 64;

/// The kinds of thing that share the id namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Source,
    Fact,
    Window,
    Category,
    Section,
    Indicator,
    Level,
    Rule,
    Route,
    Reminder,
    Scale,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Source => "source",
            Kind::Fact => "profile fact",
            Kind::Window => "window",
            Kind::Category => "category",
            Kind::Section => "section",
            Kind::Indicator => "indicator",
            Kind::Level => "level",
            Kind::Rule => "rule",
            Kind::Route => "route",
            Kind::Reminder => "reminder",
            Kind::Scale => "scale",
        })
    }
}

fn pos(t: &serde_saphyr::Spanned<impl Sized>) -> Option<Position> {
    Position::of(&t.referenced)
}

/// Every id, by kind, with its index within that kind.
struct Names {
    all: BTreeMap<String, (Kind, usize)>,
}

impl Names {
    fn by_kind(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.all
            .iter()
            .filter(move |(_, (k, _))| *k == kind)
            .map(|(id, _)| id.as_str())
    }
}

struct Checker {
    problems: Vec<Problem>,
    names: Names,
    /// Set when a weight is invalid: the highest possible score is then unknown, so checks
    /// that depend on it stand down rather than report problems that are not there.
    weights_invalid: bool,
    /// The file's format (1 or 2): format-2 fields are refused in a format-1 file.
    format: u32,
    /// The scales, checked before the indicators that use them.
    scales: Vec<Scale>,
    /// How an undated "yes" scores unless an indicator says otherwise.
    undated: Undated,
}

impl Checker {
    fn problem(
        &mut self,
        at: Option<Position>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.problems.push(Problem::new(at, message).help(help));
    }

    /// Resolves a reference to an id of `kind`, reporting a problem if it does not exist.
    fn resolve(&mut self, kind: Kind, reference: &Text, context: &str) -> Option<usize> {
        let id = reference.value.as_str();
        match self.names.all.get(id) {
            Some((k, index)) if *k == kind => return Some(*index),
            Some((other, _)) => {
                let message = format!(
                    "{context} names `{id}`, which is {} {other}, not {} {kind}",
                    article(*other),
                    article(kind)
                );
                let help = match did_you_mean(id, self.names.by_kind(kind)) {
                    Some(near) => format!("did you mean the {kind} `{near}`?"),
                    None => format!(
                        "name one of the {}: {}",
                        plural(kind),
                        list(self.names.by_kind(kind))
                    ),
                };
                self.problem(pos(reference), message, help);
            }
            None => {
                let message = format!("{context} names unknown {kind} `{id}`");
                let help = match did_you_mean(id, self.names.by_kind(kind)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "define it, or name one of the {}: {}",
                        plural(kind),
                        list(self.names.by_kind(kind))
                    ),
                };
                self.problem(pos(reference), message, help);
            }
        }
        None
    }

    /// The id of the `index`th thing of `kind`.
    fn id_of(&self, kind: Kind, index: usize) -> String {
        self.names
            .all
            .iter()
            .find(|(_, (k, i))| *k == kind && *i == index)
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    }

    /// A format-2 field in a format-1 file: a problem at `at`.
    fn needs_format_2(&mut self, at: Option<Position>, what: &str) {
        if self.format < 2 {
            self.problem(
                at,
                format!("{what} needs `format: 2`; this file is format {}", self.format),
                "write `format: 2` at the top of the file (see docs/questionnaire-format.md), or remove it",
            );
        }
    }

    /// A whole number in `min..=max`, or a problem naming `what`.
    fn number(&mut self, n: &Number, min: i64, max: i64, what: &str) -> Option<u32> {
        if (min..=max).contains(&n.value) {
            u32::try_from(n.value).ok()
        } else {
            let message = if n.value < 0 && min >= 0 {
                format!("{what} is negative ({})", n.value)
            } else {
                format!("{what} is {}, outside {min} to {max}", n.value)
            };
            self.problem(
                pos(n),
                message,
                format!("use a whole number from {min} to {max}"),
            );
            None
        }
    }

    /// Non-empty text, or a problem.
    fn text(&mut self, t: &Text, what: &str) -> String {
        if t.value.trim().is_empty() {
            self.problem(
                pos(t),
                format!("{what} is empty"),
                "write the text, or remove the entry",
            );
        }
        t.value.trim().to_owned()
    }
}

/// Joins ids for a help line, at most ten of them.
fn list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    match ids.len() {
        0 => "(none defined)".to_owned(),
        n if n > 10 => format!("{}, ... ({n} in all)", ids[..10].join(", ")),
        _ => ids.join(", "),
    }
}

/// A kind's name in the plural.
fn plural(kind: Kind) -> String {
    match kind {
        Kind::Category => "categories".to_owned(),
        other => format!("{other}s"),
    }
}

/// "a" or "an" before a kind's name.
fn article(kind: Kind) -> &'static str {
    if matches!(kind, Kind::Indicator) {
        "an"
    } else {
        "a"
    }
}

/// Whether `id` is `lower_snake_case`, at most 64 characters.
pub(crate) fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && id.len() <= MAX_ID_LEN
}

/// Validates `raw`; `sha256` is the digest of the file text it was parsed from.
pub fn validate(raw: &RawQuestionnaire, sha256: String) -> Result<Questionnaire, Vec<Problem>> {
    let mut problems = Vec::new();
    let names = collect_names(raw, &mut problems);
    let mut c = Checker {
        problems,
        names,
        weights_invalid: false,
        format: u32::try_from(raw.format.value).unwrap_or(1),
        scales: Vec::new(),
        undated: Undated::HighestWindow,
    };

    if let Some(p) = crate::input::format_problem(
        raw.format.value,
        pos(&raw.format),
        FORMAT_VERSION,
        &crate::input::QUESTIONNAIRE,
    ) {
        c.problems.push(p);
    }
    let qid = &raw.id.value;
    let qid_ok = qid.chars().next().is_some_and(|ch| ch.is_ascii_lowercase())
        && qid
            .chars()
            .all(|ch| matches!(ch, 'a'..='z' | '0'..='9' | '-' | '_'))
        && qid.len() <= MAX_ID_LEN;
    if !qid_ok {
        c.problem(
            pos(&raw.id),
            format!("questionnaire id `{qid}` is not valid"),
            "use lower-case letters, digits, `-` and `_`, starting with a letter (for example `oxfordshire-cse`)",
        );
    }
    let version = c.text(&raw.version, "`version`");
    let title = c.text(&raw.title, "`title`");
    let jurisdiction = c.text(&raw.jurisdiction, "`jurisdiction`");
    let disclaimer = c.text(&raw.disclaimer, "`disclaimer`");

    let age_min = c.number(&raw.ages.min, 0, MAX_AGE, "`ages.min`");
    let age_max = c.number(&raw.ages.max, 0, MAX_AGE, "`ages.max`");
    if let (Some(min), Some(max)) = (age_min, age_max)
        && min > max
    {
        c.problem(
            pos(&raw.ages.min),
            format!("`ages.min` ({min}) is greater than `ages.max` ({max})"),
            "swap them: `min` is the youngest age the questionnaire is for",
        );
    }

    check_format_2_fields(&mut c, raw);
    let eligibility = check_eligibility(&mut c, raw);
    let sources = check_sources(&mut c, raw);
    let profile = check_profile(&mut c, raw);
    c.scales = check_scales(&mut c, raw);
    if let Some(u) = &raw.undated_yes {
        c.undated = check_undated(&mut c, u, "`undated_yes`");
    }
    let windows: Vec<Window> = raw
        .windows
        .iter()
        .map(|w| Window {
            id: w.id.value.clone(),
            label: c.text(&w.label, &format!("label of window `{}`", w.id.value)),
        })
        .collect();
    let categories: Vec<Category> = raw
        .categories
        .iter()
        .map(|k| Category {
            id: k.id.value.clone(),
            title: c.text(&k.title, &format!("title of category `{}`", k.id.value)),
        })
        .collect();
    let (sections, indicators) = check_sections(&mut c, raw);
    let reminders: Vec<Reminder> = raw
        .reminders
        .iter()
        .map(|r| Reminder {
            id: r.id.value.clone(),
            text: c.text(&r.text, &format!("text of reminder `{}`", r.id.value)),
        })
        .collect();
    let routes = check_routes(&mut c, raw);
    let levels = check_levels(&mut c, raw);
    let immediate_danger = c.resolve(Kind::Route, &raw.immediate_danger, "`immediate_danger`");

    let shape = Shape {
        indicators: &indicators,
        sections: &sections,
        max_score: indicators
            .iter()
            .fold(0u32, |s, i| s.saturating_add(i.max_points())),
        scales: &c.scales.clone(),
    };
    let rules: Vec<Option<Rule>> = raw
        .rules
        .iter()
        .map(|r| check_rule(&mut c, r, &shape, &profile))
        .collect();
    let escalation = raw
        .escalation
        .as_ref()
        .and_then(|e| check_escalation(&mut c, e, &indicators));

    check_reachable(&mut c, raw, &levels, &rules, shape.max_score);

    let problems = crate::diagnostic::sorted(c.problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    // No problems means every Option above is Some; a None here would be a validator bug,
    // reported as a problem rather than a panic.
    let bug = || {
        vec![Problem::new(
            None,
            "internal error: validation passed with unresolved parts; please report this",
        )]
    };
    let (Some(min), Some(max), Some(immediate_danger)) = (age_min, age_max, immediate_danger)
    else {
        return Err(bug());
    };
    let (Some(levels), Some(routes), Some(profile)) =
        (collect(levels), collect(routes), collect(profile))
    else {
        return Err(bug());
    };
    let (Some(rules), Some(indicators)) = (
        collect(rules),
        collect(indicators.into_iter().map(Some).collect()),
    ) else {
        return Err(bug());
    };
    Ok(Questionnaire {
        format: c.format,
        id: qid.clone(),
        version,
        title,
        jurisdiction,
        description: raw.description.as_ref().map(|d| d.value.trim().to_owned()),
        disclaimer,
        sha256,
        ages: AgeRange { min, max },
        eligibility,
        scales: c.scales,
        sources,
        immediate_danger,
        profile,
        windows,
        categories,
        sections,
        indicators,
        levels,
        rules,
        routes,
        reminders,
        escalation,
    })
}

fn collect<T>(items: Vec<Option<T>>) -> Option<Vec<T>> {
    items.into_iter().collect()
}

/// Records every id with its kind; reports bad syntax and duplicates.
fn collect_names(raw: &RawQuestionnaire, problems: &mut Vec<Problem>) -> Names {
    let mut ids: Vec<(Kind, usize, &Text)> = Vec::new();
    ids.extend(
        raw.sources
            .iter()
            .enumerate()
            .map(|(i, s)| (Kind::Source, i, &s.id)),
    );
    ids.extend(
        raw.profile
            .iter()
            .enumerate()
            .map(|(i, f)| (Kind::Fact, i, &f.id)),
    );
    ids.extend(
        raw.windows
            .iter()
            .enumerate()
            .map(|(i, w)| (Kind::Window, i, &w.id)),
    );
    ids.extend(
        raw.categories
            .iter()
            .enumerate()
            .map(|(i, k)| (Kind::Category, i, &k.id)),
    );
    ids.extend(
        raw.sections
            .iter()
            .enumerate()
            .map(|(i, s)| (Kind::Section, i, &s.id)),
    );
    let indicators = raw.sections.iter().flat_map(|s| &s.indicators);
    ids.extend(
        indicators
            .enumerate()
            .map(|(i, ind)| (Kind::Indicator, i, &ind.id)),
    );
    ids.extend(
        raw.levels
            .iter()
            .enumerate()
            .map(|(i, l)| (Kind::Level, i, &l.id)),
    );
    ids.extend(
        raw.rules
            .iter()
            .enumerate()
            .map(|(i, r)| (Kind::Rule, i, &r.id)),
    );
    ids.extend(
        raw.routes
            .iter()
            .enumerate()
            .map(|(i, r)| (Kind::Route, i, &r.id)),
    );
    ids.extend(
        raw.reminders
            .iter()
            .enumerate()
            .map(|(i, r)| (Kind::Reminder, i, &r.id)),
    );
    ids.extend(
        raw.scales
            .iter()
            .enumerate()
            .map(|(i, r)| (Kind::Scale, i, &r.id)),
    );
    // Report duplicates at the later occurrence, in file order.
    ids.sort_by_key(|(_, _, t)| pos(t));

    let mut all: BTreeMap<String, (Kind, usize)> = BTreeMap::new();
    let mut first_at: BTreeMap<String, Option<Position>> = BTreeMap::new();
    for (kind, index, text) in ids {
        let id = &text.value;
        if !valid_id(id) {
            problems.push(
                Problem::new(pos(text), format!("{kind} id `{id}` is not valid"))
                    .help("ids are lower_snake_case: a lower-case letter, then lower-case letters, digits or `_` (at most 64)"),
            );
        }
        if let Some((first_kind, _)) = all.get(id) {
            let first = match first_at.get(id).copied().flatten() {
                Some(p) => format!(" at line {}", p.line),
                None => String::new(),
            };
            problems.push(
                Problem::new(
                    pos(text),
                    format!(
                        "{kind} id `{id}` is already used by {} {first_kind}{first}",
                        article(*first_kind)
                    ),
                )
                .help("every id must be unique across the questionnaire; rename one of them"),
            );
            continue;
        }
        all.insert(id.clone(), (kind, index));
        first_at.insert(id.clone(), pos(text));
    }
    Names { all }
}

/// Format-2 fields written in a format-1 file, each reported where it is written.
fn check_format_2_fields(c: &mut Checker, raw: &RawQuestionnaire) {
    if c.format >= 2 {
        return;
    }
    if let Some(e) = &raw.eligibility {
        c.needs_format_2(pos(e), "`eligibility`");
    }
    if let Some(s) = raw.scales.first() {
        c.needs_format_2(pos(&s.id), "`scales`");
    }
    if let Some(u) = &raw.undated_yes {
        c.needs_format_2(pos(u), "`undated_yes`");
    }
    for ind in raw.sections.iter().flat_map(|s| &s.indicators) {
        if let Some(k) = &ind.scale {
            c.needs_format_2(pos(k), &format!("`scale` of indicator `{}`", ind.id.value));
        }
        if let Some(u) = &ind.undated_yes {
            c.needs_format_2(
                pos(u),
                &format!("`undated_yes` of indicator `{}`", ind.id.value),
            );
        }
    }
    for l in &raw.levels {
        if l.min_score.is_none() {
            c.problem(
                pos(&l.id),
                format!("level `{}` has no `min_score`", l.id.value),
                "give it `min_score: N`; in a `format: 2` file a level only rules or judgement reach may leave it out",
            );
        }
        if let Some(i) = &l.inherit_routes {
            c.needs_format_2(
                pos(i),
                &format!("`inherit_routes` of level `{}`", l.id.value),
            );
        }
    }
    fn walk(c: &mut Checker, cond: &At<RawCondition>) {
        match &cond.value {
            RawCondition::All(items) | RawCondition::Any(items) => {
                items.iter().for_each(|i| walk(c, i));
            }
            RawCondition::Subtotal(_) => c.needs_format_2(pos(cond), "a `subtotal` condition"),
            RawCondition::Compare(_) => c.needs_format_2(pos(cond), "a `compare` condition"),
            RawCondition::Count(k) if k.rated.is_some() => {
                let at = k.rated.as_ref().and_then(|r| pos(r));
                c.needs_format_2(at, "`rated` in a `count` condition");
            }
            _ => {}
        }
    }
    for r in &raw.rules {
        walk(c, &r.when);
    }
}

fn check_eligibility(c: &mut Checker, raw: &RawQuestionnaire) -> Eligibility {
    let Some(e) = &raw.eligibility else {
        return Eligibility::default();
    };
    let mut referral = |r: &Option<RawReferral>, what: &str| {
        r.as_ref().map(|r| {
            if let Some(t) = &r.tool {
                let ok = t
                    .value
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_lowercase())
                    && t.value
                        .chars()
                        .all(|ch| matches!(ch, 'a'..='z' | '0'..='9' | '-' | '_'));
                if !ok {
                    c.problem(
                        pos(t),
                        format!(
                            "`tool` of `eligibility.{what}` (`{}`) is not a questionnaire id",
                            t.value
                        ),
                        "name another questionnaire by its id, for example `national-cse`",
                    );
                }
            }
            Referral {
                message: c.text(&r.message, &format!("message of `eligibility.{what}`")),
                tool: r.tool.as_ref().map(|t| t.value.trim().to_owned()),
            }
        })
    };
    let younger = referral(&e.value.younger, "younger");
    let older = referral(&e.value.older, "older");
    let statement = e
        .value
        .statement
        .as_ref()
        .map(|t| c.text(t, "`eligibility.statement`"));
    Eligibility {
        statement,
        younger,
        older,
    }
}

/// The scales: ids unique per scale, at least two options, points that never decrease.
fn check_scales(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Scale> {
    let mut out = Vec::new();
    for s in &raw.scales {
        let sid = &s.id.value;
        if s.options.len() < 2 {
            c.problem(
                pos(&s.id),
                format!("scale `{sid}` has {} option(s)", s.options.len()),
                "give at least two options, lowest first: the lowest is what `no` means",
            );
        }
        let mut options: Vec<ScaleOption> = Vec::new();
        for o in &s.options {
            let oid = &o.id.value;
            if !valid_id(oid) {
                c.problem(pos(&o.id), format!("option id `{oid}` of scale `{sid}` is not valid"), "ids are lower_snake_case: a lower-case letter, then lower-case letters, digits or `_`");
            }
            if options.iter().any(|x| &x.id == oid) || oid == "not_known" {
                c.problem(
                    pos(&o.id),
                    format!("scale `{sid}` has two options called `{oid}`"),
                    "rename one of them (`not_known` is always an answer of its own)",
                );
            }
            let points = c.number(
                &o.points,
                0,
                MAX_WEIGHT,
                &format!("points of option `{oid}` of scale `{sid}`"),
            );
            if let (Some(p), Some(prev)) = (points, options.last())
                && p < prev.points
            {
                c.problem(
                    pos(&o.points),
                    format!(
                        "option `{oid}` of scale `{sid}` scores {p}, less than `{}` before it ({})",
                        prev.id, prev.points
                    ),
                    "list options lowest first, each scoring at least as much as the one before: a higher option must never lower the outcome",
                );
            }
            options.push(ScaleOption {
                id: oid.clone(),
                label: c.text(
                    &o.label,
                    &format!("label of option `{oid}` of scale `{sid}`"),
                ),
                description: o.description.as_ref().map(|d| d.value.trim().to_owned()),
                points: points.unwrap_or(0),
            });
        }
        out.push(Scale {
            id: sid.clone(),
            label: c.text(&s.label, &format!("label of scale `{sid}`")),
            options,
        });
    }
    out
}

/// How an undated "yes" scores: exactly one of `highest_window: true`, `window` and `points`.
fn check_undated(c: &mut Checker, u: &At<RawUndated>, what: &str) -> Undated {
    let v = &u.value;
    match (&v.highest_window, &v.window, &v.points) {
        (Some(h), None, None) if h.value => Undated::HighestWindow,
        (None, Some(w), None) => c
            .resolve(Kind::Window, w, what)
            .map_or(Undated::HighestWindow, Undated::Window),
        (None, None, Some(p)) => c
            .number(p, 0, MAX_WEIGHT, &format!("`points` of {what}"))
            .map_or(Undated::HighestWindow, Undated::Points),
        _ => {
            c.problem(
                pos(u),
                format!(
                    "{what} needs exactly one of `highest_window: true`, `window` and `points`"
                ),
                "for example `undated_yes: {window: recent}` or `undated_yes: {points: 3}`",
            );
            Undated::HighestWindow
        }
    }
}

fn check_sources(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Source> {
    if raw.sources.is_empty() {
        c.problem(
            None,
            "`sources` is empty",
            "cite at least one published tool or guidance the content is drawn from",
        );
    }
    raw.sources
        .iter()
        .map(|s| {
            let url = s.url.value.trim();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                c.problem(
                    pos(&s.url),
                    format!("url of source `{}` is not a web address", s.id.value),
                    "write the full address, starting with https://",
                );
            } else if let Some(bad) = url.chars().find(|&c| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`' | '\\')
            }) {
                // Found in review: `show --format markdown` writes the address as an autolink,
                // `<address>`, which a `<` or a space ends, so the rest became raw HTML.
                c.problem(
                    pos(&s.url),
                    format!(
                        "url of source `{}` holds {}, which a web address cannot",
                        s.id.value,
                        match bad {
                            ' ' => "a space".to_owned(),
                            c if c.is_whitespace() || c.is_control() =>
                                format!("the hidden character U+{:04X}", u32::from(c)),
                            c => format!("`{c}`"),
                        }
                    ),
                    "percent-encode it in the address (%20 for a space, %3C for <, %3E for >, %22 for \")",
                );
            }
            Source {
                id: s.id.value.clone(),
                title: c.text(&s.title, &format!("title of source `{}`", s.id.value)),
                url: url.to_owned(),
            }
        })
        .collect()
}

fn check_profile(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Option<Fact>> {
    let ages: Vec<&RawFact> = raw
        .profile
        .iter()
        .filter(|f| f.kind.value == FactKind::Age)
        .collect();
    match ages.as_slice() {
        [] => c.problem(
            None,
            "`profile` has no age fact",
            "add `- {id: age, kind: age, prompt: Age of the child in whole years}`: rules about young children need it",
        ),
        [one] if one.id.value != "age" => c.problem(
            pos(&one.id),
            format!("the age fact is called `{}`", one.id.value),
            "call it `age`, so saved screenings and tools can find it",
        ),
        [_] => {}
        [_, second, ..] => c.problem(
            pos(&second.kind),
            format!("profile fact `{}` is a second age fact", second.id.value),
            "a questionnaire has one age fact, `age`; make this one `kind: yes_no` or remove it",
        ),
    }
    raw.profile
        .iter()
        .map(|f| {
            Some(Fact {
                id: f.id.value.clone(),
                kind: f.kind.value,
                prompt: c.text(
                    &f.prompt,
                    &format!("prompt of profile fact `{}`", f.id.value),
                ),
                help: f.help.as_ref().map(|h| h.value.trim().to_owned()),
            })
        })
        .collect()
}

fn check_sections(c: &mut Checker, raw: &RawQuestionnaire) -> (Vec<Section>, Vec<Indicator>) {
    if raw.sections.is_empty() {
        c.problem(
            None,
            "`sections` is empty",
            "add at least one section with at least one indicator",
        );
    }
    let mut sections = Vec::new();
    let mut indicators = Vec::new();
    for (si, s) in raw.sections.iter().enumerate() {
        if s.indicators.is_empty() {
            c.problem(
                pos(&s.id),
                format!("`indicators` of section `{}` is empty", s.id.value),
                "add indicators to it, or remove the section",
            );
        }
        let start = indicators.len();
        for ind in &s.indicators {
            indicators.push(check_indicator(c, si, ind));
        }
        sections.push(Section {
            id: s.id.value.clone(),
            title: c.text(&s.title, &format!("title of section `{}`", s.id.value)),
            intro: s.intro.as_ref().map(|i| i.value.trim().to_owned()),
            indicators: start..indicators.len(),
        });
    }
    (sections, indicators)
}

fn check_indicator(c: &mut Checker, section: usize, ind: &RawIndicator) -> Indicator {
    let id = &ind.id.value;
    let prompt = c.text(&ind.prompt, &format!("prompt of indicator `{id}`"));
    let help = match &ind.help {
        Some(h) => c.text(h, &format!("help of indicator `{id}`")),
        None => {
            c.problem(
                pos(&ind.id),
                format!("indicator `{id}` has no `help`"),
                "add help text that says what to look for or ask: a practitioner must be able to act on every question",
            );
            String::new()
        }
    };
    let category = c
        .resolve(Kind::Category, &ind.category, &format!("indicator `{id}`"))
        .unwrap_or(0);
    // Every problem with the weights sets `weights_invalid`, here where it is found.
    if let Some(scale) = &ind.scale {
        if ind.weight.is_some() || ind.weights.is_some() {
            c.weights_invalid = true;
            c.problem(
                pos(scale),
                format!("indicator `{id}` has both `scale` and `weight` or `weights`"),
                "an indicator rated on a scale scores its option's points: remove `weight` and `weights`",
            );
        }
        if ind.undated_yes.is_some() {
            c.problem(
                pos(scale),
                format!("indicator `{id}` has `undated_yes` but is rated on a scale"),
                "`undated_yes` is for indicators asked with time windows: remove it",
            );
        }
        let scoring = match c.resolve(Kind::Scale, scale, &format!("indicator `{id}`")) {
            Some(k) => Scoring::Scale {
                scale: k,
                points: c
                    .scales
                    .get(k)
                    .map(|s| s.options.iter().map(|o| o.points).collect())
                    .unwrap_or_default(),
            },
            None => {
                c.weights_invalid = true;
                Scoring::Single(0)
            }
        };
        return finish_indicator(
            c,
            section,
            ind,
            prompt,
            help,
            category,
            scoring,
            Undated::HighestWindow,
        );
    }
    let scoring = match (&ind.weight, &ind.weights) {
        (Some(w), None) => {
            let points = c.number(w, 0, MAX_WEIGHT, &format!("weight of indicator `{id}`"));
            c.weights_invalid |= points.is_none();
            Scoring::Single(points.unwrap_or(0))
        }
        (None, Some(ws)) => {
            if ws.value.0.is_empty() {
                c.weights_invalid = true;
                c.problem(
                    pos(ws),
                    format!("`weights` of indicator `{id}` is empty"),
                    "give points for at least one window, such as {recent: 5, earlier: 1}",
                );
            }
            let mut out = Vec::new();
            for w in &ws.value.0 {
                let context = format!("`weights` of indicator `{id}`");
                let window = c.resolve(Kind::Window, &w.window, &context);
                let points = c.number(
                    &w.points,
                    0,
                    MAX_WEIGHT,
                    &format!("weight of indicator `{id}` in window `{}`", w.window.value),
                );
                if let (Some(window), Some(points)) = (window, points) {
                    out.push((window, points));
                } else {
                    c.weights_invalid = true;
                }
            }
            Scoring::Windows(out)
        }
        (Some(w), Some(_)) => {
            c.weights_invalid = true;
            c.problem(
                pos(w),
                format!("indicator `{id}` has both `weight` and `weights`"),
                "keep `weights` for an indicator asked with time windows, `weight` for one without",
            );
            Scoring::Single(0)
        }
        (None, None) => {
            c.weights_invalid = true;
            c.problem(pos(&ind.id), format!("indicator `{id}` has no `weight`"), "add `weight: N`, or `weights: {window: N, ...}` for an indicator asked with time windows");
            Scoring::Single(0)
        }
    };
    let undated = match &ind.undated_yes {
        Some(u) => {
            if !matches!(scoring, Scoring::Windows(_)) {
                c.problem(
                    pos(u),
                    format!("indicator `{id}` has `undated_yes` but no time windows"),
                    "`undated_yes` says how a \"yes\" with no window scores: remove it, or give the indicator `weights`",
                );
            }
            check_undated(c, u, &format!("`undated_yes` of indicator `{id}`"))
        }
        None => c.undated,
    };
    if let (Undated::Window(w), Scoring::Windows(ws)) = (undated, &scoring)
        && !ws.iter().any(|(x, _)| *x == w)
    {
        let at = ind.undated_yes.as_ref().and_then(|u| pos(u));
        let window = c.id_of(Kind::Window, w);
        c.problem(
            at.or(pos(&ind.id)),
            format!("an undated \"yes\" to indicator `{id}` scores window `{window}`, which it is not asked with"),
            "give the indicator a weight in that window, or say `undated_yes` for this indicator",
        );
    }
    finish_indicator(c, section, ind, prompt, help, category, scoring, undated)
}

/// The follow-ups, sources and learning of an indicator whose scoring is checked.
#[allow(clippy::too_many_arguments)]
fn finish_indicator(
    c: &mut Checker,
    section: usize,
    ind: &RawIndicator,
    prompt: String,
    help: String,
    category: usize,
    scoring: Scoring,
    undated: Undated,
) -> Indicator {
    let id = &ind.id.value;
    let mut follow_ups: Vec<FollowUp> = Vec::new();
    for f in &ind.follow_up {
        let fid = &f.id.value;
        if !valid_id(fid) {
            c.problem(pos(&f.id), format!("follow-up id `{fid}` of indicator `{id}` is not valid"), "ids are lower_snake_case: a lower-case letter, then lower-case letters, digits or `_`");
        }
        if follow_ups.iter().any(|g| &g.id == fid) {
            c.problem(
                pos(&f.id),
                format!("indicator `{id}` has two follow-ups called `{fid}`"),
                "rename one of them",
            );
        }
        let max = f.max.as_ref().and_then(|m| {
            c.number(
                m,
                1,
                MAX_FOLLOW_UP,
                &format!("`max` of follow-up `{fid}` of indicator `{id}`"),
            )
        });
        follow_ups.push(FollowUp {
            id: fid.clone(),
            prompt: c.text(
                &f.prompt,
                &format!("prompt of follow-up `{fid}` of indicator `{id}`"),
            ),
            help: f.help.as_ref().map(|h| h.value.trim().to_owned()),
            kind: f.kind.value,
            max,
        });
    }
    let sources = source_ids(c, &ind.sources, &format!("indicator `{id}`"));
    Indicator {
        id: id.clone(),
        section,
        category,
        prompt,
        help,
        scoring,
        undated,
        learning: ind
            .learning
            .iter()
            .map(|l| l.value.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        follow_ups,
        sources,
    }
}

fn check_routes(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Option<Route>> {
    if raw.routes.is_empty() {
        c.problem(
            None,
            "`routes` is empty",
            "define at least the immediate-danger route",
        );
    }
    raw.routes
        .iter()
        .map(|r| {
            let id = &r.id.value;
            let urgency = c.number(
                &r.urgency,
                1,
                MAX_URGENCY,
                &format!("urgency of route `{id}`"),
            );
            let reminders = r
                .reminders
                .iter()
                .filter_map(|m| c.resolve(Kind::Reminder, m, &format!("route `{id}`")))
                .collect();
            Some(Route {
                id: id.clone(),
                title: c.text(&r.title, &format!("title of route `{id}`")),
                action: c.text(&r.action, &format!("action of route `{id}`")),
                contact: r.contact.as_ref().map(|t| t.value.trim().to_owned()),
                timescale: c.text(&r.timescale, &format!("timescale of route `{id}`")),
                urgency: urgency?,
                reminders,
                sources: source_ids(c, &r.sources, &format!("route `{id}`")),
            })
        })
        .collect()
}

fn check_levels(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Option<Level>> {
    if raw.levels.is_empty() {
        c.problem(
            None,
            "`levels` is empty",
            "define at least one level, starting at `min_score: 0`",
        );
    }
    let mut previous: Option<(u32, &str)> = None;
    let mut out = Vec::new();
    for (i, l) in raw.levels.iter().enumerate() {
        let id = &l.id.value;
        let min = l.min_score.as_ref().and_then(|n| {
            c.number(
                n,
                0,
                i64::from(u32::MAX),
                &format!("`min_score` of level `{id}`"),
            )
        });
        if let Some(n) = &l.min_score
            && i == 0
            && min.is_some_and(|m| m != 0)
        {
            c.problem(
                pos(n),
                format!(
                    "the first level, `{id}`, starts at {} instead of 0",
                    n.value
                ),
                "give the lowest level `min_score: 0`, so every score has a level",
            );
        }
        if let (Some(m), Some((prev, prev_id)), Some(n)) = (min, previous, &l.min_score)
            && m <= prev
        {
            c.problem(
                pos(n),
                format!("`min_score` of level `{id}` ({m}) is not greater than that of `{prev_id}` ({prev})"),
                "list levels lowest first, each with a higher `min_score` than the one before",
            );
        }
        if let Some(m) = min {
            previous = Some((m, id));
        }
        let review_days = c.number(
            &l.review_days,
            1,
            MAX_REVIEW_DAYS,
            &format!("`review_days` of level `{id}`"),
        );
        let routes = l
            .routes
            .iter()
            .filter_map(|r| c.resolve(Kind::Route, r, &format!("level `{id}`")))
            .collect();
        out.push(Some(Level {
            id: id.clone(),
            label: c.text(&l.label, &format!("label of level `{id}`")),
            description: l.description.as_ref().map(|d| d.value.trim().to_owned()),
            // The first level holds every score, whether or not it says `min_score: 0`.
            min_score: if i == 0 { Some(0) } else { min },
            routes,
            inherit_routes: l.inherit_routes.as_ref().is_none_or(|b| b.value),
            review_days: review_days.unwrap_or(1),
            sources: source_ids(c, &l.sources, &format!("level `{id}`")),
        }));
    }
    out
}

/// What rules need to know about the questionnaire to check they can fire.
struct Shape<'a> {
    indicators: &'a [Indicator],
    sections: &'a [Section],
    max_score: u32,
    scales: &'a [Scale],
}

impl Shape<'_> {
    /// The indicators in a section or category.
    fn in_scope(&self, scope: Scope) -> Vec<&Indicator> {
        self.indicators
            .iter()
            .enumerate()
            .filter(|(i, ind)| match scope {
                Scope::Section(s) => self
                    .sections
                    .get(s)
                    .is_some_and(|sec| sec.indicators.contains(i)),
                Scope::Category(k) => ind.category == k,
            })
            .map(|(_, ind)| ind)
            .collect()
    }
}

fn check_rule(
    c: &mut Checker,
    r: &RawRule,
    shape: &Shape<'_>,
    profile: &[Option<Fact>],
) -> Option<Rule> {
    let id = &r.id.value;
    let context = format!("rule `{id}`");
    let when = check_condition(c, &r.when, &context, shape, profile);
    let raise_to = r
        .raise_to
        .as_ref()
        .and_then(|l| c.resolve(Kind::Level, l, &context));
    let add_routes: Vec<usize> = r
        .add_routes
        .iter()
        .filter_map(|t| c.resolve(Kind::Route, t, &context))
        .collect();
    if r.raise_to.is_none() && r.add_routes.is_empty() {
        c.problem(
            pos(&r.id),
            format!("rule `{id}` does nothing"),
            "give it `raise_to: LEVEL`, `add_routes: [ROUTE, ...]`, or both",
        );
    }
    let reason = c.text(&r.reason, &format!("reason of rule `{id}`"));
    Some(Rule {
        id: id.clone(),
        when: when?,
        raise_to,
        add_routes,
        reason,
        sources: source_ids(c, &r.sources, &context),
    })
}

/// Resolves the `sources` of an indicator, level, rule or route.
fn source_ids(c: &mut Checker, ids: &[Text], owner: &str) -> Vec<usize> {
    ids.iter()
        .filter_map(|s| c.resolve(Kind::Source, s, &format!("`sources` of {owner}")))
        .collect()
}

fn check_condition(
    c: &mut Checker,
    cond: &At<RawCondition>,
    ctx: &str,
    shape: &Shape<'_>,
    profile: &[Option<Fact>],
) -> Option<Condition> {
    let at = pos(cond);
    match &cond.value {
        RawCondition::All(items) | RawCondition::Any(items) => {
            let word = if matches!(cond.value, RawCondition::All(_)) {
                "all"
            } else {
                "any"
            };
            if items.is_empty() {
                c.problem(
                    at,
                    format!("`{word}` in {ctx} is empty"),
                    "list at least one condition",
                );
            }
            let inner: Vec<Option<Condition>> = items
                .iter()
                .map(|i| check_condition(c, i, ctx, shape, profile))
                .collect();
            let inner = collect(inner)?;
            Some(if word == "all" {
                Condition::All(inner)
            } else {
                Condition::Any(inner)
            })
        }
        RawCondition::Answer(a) => Some(Condition::Answer {
            indicator: c.resolve(Kind::Indicator, &a.indicator, ctx)?,
            accept: a.is.value,
        }),
        RawCondition::Count(k) => {
            let scope = match (&k.section, &k.category) {
                (Some(s), None) => Scope::Section(c.resolve(Kind::Section, s, ctx)?),
                (None, Some(cat)) => Scope::Category(c.resolve(Kind::Category, cat, ctx)?),
                _ => {
                    c.problem(
                        at,
                        format!("`count` in {ctx} needs exactly one of `section` and `category`"),
                        "count the answers of one section, or of one category",
                    );
                    return None;
                }
            };
            let mut in_scope = shape.in_scope(scope);
            let rated = match &k.rated {
                None => None,
                Some(r) => {
                    let scale = c.resolve(Kind::Scale, &r.value.scale, ctx)?;
                    let sc = shape.scales.get(scale)?;
                    let Some(option) = sc.option(&r.value.at_least.value) else {
                        let ids = sc.options.iter().map(|o| o.id.as_str());
                        c.problem(
                            pos(&r.value.at_least),
                            format!(
                                "{ctx} names unknown option `{}` of scale `{}`",
                                r.value.at_least.value, sc.id
                            ),
                            format!("name one of its options: {}", list(ids)),
                        );
                        return None;
                    };
                    if option == 0 {
                        c.problem(
                            pos(&r.value.at_least),
                            format!("`count` in {ctx} counts answers rated at least `{}`, the lowest option of scale `{}`", r.value.at_least.value, sc.id),
                            "name an option above the lowest: every answer, even `no`, is rated at least the lowest, and a rule must not stop firing when not known becomes no",
                        );
                        return None;
                    }
                    in_scope.retain(
                        |ind| matches!(ind.scoring, Scoring::Scale { scale: s, .. } if s == scale),
                    );
                    if in_scope.is_empty() {
                        c.problem(
                            pos(r),
                            format!("`count` in {ctx} counts answers on scale `{}`, but no indicator it counts uses that scale", sc.id),
                            "count a section or category whose indicators use the scale",
                        );
                        return None;
                    }
                    Some(Rated {
                        scale,
                        at_least: option,
                    })
                }
            };
            let window = match &k.window {
                Some(w) if k.of.value == Accept::YesOrNotKnown => {
                    c.problem(pos(w), format!("`count` in {ctx} counts `yes_or_not_known` in window `{}`", w.value), "a not-known answer has no window: count `of: yes` in a window, or `yes_or_not_known` without `window`");
                    return None;
                }
                Some(w) => {
                    let window = c.resolve(Kind::Window, w, ctx)?;
                    if !in_scope.iter().any(|ind| ind.scoring.has_window(window)) {
                        c.problem(pos(w), format!("`count` in {ctx} counts window `{}`, but no indicator it counts is asked with that window", w.value), "remove `window`, or count a section or category whose indicators use it");
                    }
                    Some(window)
                }
                None => None,
            };
            let max = i64::try_from(in_scope.len()).unwrap_or(i64::MAX);
            if k.at_least.value > max && k.at_least.value >= 1 {
                let counted = if max == 1 {
                    "only 1 indicator is counted".to_owned()
                } else {
                    format!("only {max} indicators are counted")
                };
                c.problem(pos(&k.at_least), format!("`count` in {ctx} needs at least {} answers, but {counted}, so the rule can never fire", k.at_least.value), format!("use a number from 1 to {max}"));
                return None;
            }
            let at_least = c.number(
                &k.at_least,
                1,
                max.max(1),
                &format!("`at_least` of `count` in {ctx}"),
            )?;
            Some(Condition::Count {
                scope,
                accept: k.of.value,
                window,
                rated,
                at_least,
            })
        }
        RawCondition::Subtotal(t) => {
            let scope = match (&t.section, &t.category) {
                (Some(s), None) => Scope::Section(c.resolve(Kind::Section, s, ctx)?),
                (None, Some(cat)) => Scope::Category(c.resolve(Kind::Category, cat, ctx)?),
                _ => {
                    c.problem(
                        at,
                        format!(
                            "`subtotal` in {ctx} needs exactly one of `section` and `category`"
                        ),
                        "add up the points of one section, or of one category",
                    );
                    return None;
                }
            };
            let most = shape
                .in_scope(scope)
                .iter()
                .fold(0u32, |s, i| s.saturating_add(i.max_points()));
            let max = if c.weights_invalid {
                i64::from(u32::MAX)
            } else {
                i64::from(most).max(1)
            };
            if t.at_least.value > max {
                c.problem(pos(&t.at_least), format!("`subtotal` in {ctx} needs at least {}, but the most it can score is {max}, so the rule can never fire", t.at_least.value), format!("use a number from 1 to {max}"));
                return None;
            }
            Some(Condition::Subtotal {
                scope,
                at_least: c.number(
                    &t.at_least,
                    1,
                    max,
                    &format!("`at_least` of `subtotal` in {ctx}"),
                )?,
            })
        }
        RawCondition::Compare(t) => {
            let indicator = c.resolve(Kind::Indicator, &t.indicator, ctx)?;
            let fact = c.resolve(Kind::Fact, &t.at_least_fact, ctx);
            let plus = match &t.plus {
                Some(n) => c.number(n, 0, MAX_AGE, &format!("`plus` of `compare` in {ctx}")),
                None => Some(0),
            };
            let ind = shape.indicators.get(indicator)?;
            let follow_up = ind
                .follow_ups
                .iter()
                .position(|x| x.id == t.follow_up.value);
            if follow_up.is_none() {
                let ids = ind.follow_ups.iter().map(|x| x.id.as_str());
                c.problem(
                    pos(&t.follow_up),
                    format!(
                        "{ctx} names unknown follow-up `{}` of indicator `{}`",
                        t.follow_up.value, ind.id
                    ),
                    format!("name one of its follow-ups: {}", list(ids)),
                );
            }
            let fact = fact?;
            if profile.get(fact).and_then(|f| f.as_ref()).map(|f| f.kind) != Some(FactKind::Age) {
                c.problem(
                    pos(&t.at_least_fact),
                    format!("`compare` in {ctx} compares with `{}`, which is not the age fact", t.at_least_fact.value),
                    "compare a follow-up with `at_least_fact: age`, for example the other person's age with the child's age plus 3",
                );
                return None;
            }
            Some(Condition::Compare {
                indicator,
                follow_up: follow_up?,
                fact,
                plus: plus?,
            })
        }
        RawCondition::Score(s) => {
            let max = if c.weights_invalid {
                i64::from(u32::MAX)
            } else {
                i64::from(shape.max_score).max(1)
            };
            if s.at_least.value > max {
                c.problem(pos(&s.at_least), format!("`score` in {ctx} needs at least {}, but the highest possible score is {max}, so the rule can never fire", s.at_least.value), format!("use a number from 1 to {max}"));
                return None;
            }
            Some(Condition::Score {
                at_least: c.number(
                    &s.at_least,
                    1,
                    max,
                    &format!("`at_least` of `score` in {ctx}"),
                )?,
            })
        }
        RawCondition::Level(l) => Some(Condition::Level {
            at_least: c.resolve(Kind::Level, &l.at_least, ctx)?,
        }),
        RawCondition::Profile(p) => {
            let fact = c.resolve(Kind::Fact, &p.fact, ctx)?;
            let kind = profile.get(fact).and_then(|f| f.as_ref()).map(|f| f.kind)?;
            let numeric = [
                ("below", &p.below),
                ("at_most", &p.at_most),
                ("at_least", &p.at_least),
            ];
            let given: Vec<(&str, &Number)> = numeric
                .iter()
                .filter_map(|(name, n)| n.as_ref().map(|n| (*name, n)))
                .collect();
            match (kind, given.as_slice(), &p.is) {
                (FactKind::Age, [(name, n)], None) => {
                    let v = c.number(n, 0, MAX_AGE, &format!("age in {ctx}"))?;
                    Some(Condition::Age {
                        fact,
                        test: match *name {
                            "below" => AgeTest::Below(v),
                            "at_most" => AgeTest::AtMost(v),
                            _ => AgeTest::AtLeast(v),
                        },
                    })
                }
                (FactKind::Age, _, _) => {
                    c.problem(at, format!("`profile` test of `{}` in {ctx} needs exactly one of `below`, `at_most` and `at_least`", p.fact.value), "for example `profile: {fact: age, below: 13}` (under 13) or `{fact: age, at_most: 13}` (13 or under)");
                    None
                }
                (FactKind::YesNo, [], Some(is)) => Some(Condition::Fact { fact, is: is.value }),
                (FactKind::YesNo, _, _) => {
                    c.problem(at, format!("`profile` test of yes/no fact `{}` in {ctx} needs `is: yes` or `is: no`", p.fact.value), format!("for example `profile: {{fact: {}, is: yes}}`", p.fact.value));
                    None
                }
            }
        }
        RawCondition::FollowUp(f) => {
            let indicator = c.resolve(Kind::Indicator, &f.indicator, ctx)?;
            let ind = shape.indicators.get(indicator)?;
            let Some(follow_up) = ind
                .follow_ups
                .iter()
                .position(|x| x.id == f.follow_up.value)
            else {
                let ids = ind.follow_ups.iter().map(|x| x.id.as_str());
                let help = match did_you_mean(
                    &f.follow_up.value,
                    ind.follow_ups.iter().map(|x| x.id.as_str()),
                ) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("name one of its follow-ups: {}", list(ids)),
                };
                c.problem(
                    pos(&f.follow_up),
                    format!(
                        "{ctx} names unknown follow-up `{}` of indicator `{}`",
                        f.follow_up.value, ind.id
                    ),
                    help,
                );
                return None;
            };
            let max = ind.follow_ups[follow_up]
                .max
                .map_or(MAX_FOLLOW_UP, i64::from);
            let at_least = c.number(
                &f.at_least,
                1,
                max,
                &format!("`at_least` of `follow_up` in {ctx}"),
            )?;
            Some(Condition::FollowUp {
                indicator,
                follow_up,
                at_least,
            })
        }
    }
}

fn check_escalation(
    c: &mut Checker,
    e: &RawEscalation,
    indicators: &[Indicator],
) -> Option<Escalation> {
    let ctx = "`escalation`";
    let not_reducing_after = c.number(
        &e.not_reducing_after,
        2,
        50,
        "`escalation.not_reducing_after`",
    );
    let from_level = c.resolve(Kind::Level, &e.from_level, ctx);
    let route = c.resolve(Kind::Route, &e.route, ctx);
    let reason = c.text(&e.reason, "reason of `escalation`");
    let missing = match &e.missing {
        None => None,
        Some(m) => {
            let ctx = "`escalation.missing`";
            let indicator = c.resolve(Kind::Indicator, &m.indicator, ctx);
            let follow_up = indicator.and_then(|i| {
                let ind = indicators.get(i)?;
                let found = ind
                    .follow_ups
                    .iter()
                    .position(|f| f.id == m.follow_up.value);
                if found.is_none() {
                    c.problem(
                        pos(&m.follow_up),
                        format!(
                            "{ctx} names unknown follow-up `{}` of indicator `{}`",
                            m.follow_up.value, ind.id
                        ),
                        format!(
                            "name one of its follow-ups: {}",
                            list(ind.follow_ups.iter().map(|f| f.id.as_str()))
                        ),
                    );
                }
                found
            });
            let at_least = c.number(
                &m.at_least,
                1,
                MAX_FOLLOW_UP,
                "`escalation.missing.at_least`",
            );
            let reason = c.text(&m.reason, "reason of `escalation.missing`");
            Some(MissingEscalation {
                indicator: indicator?,
                follow_up: follow_up?,
                at_least: at_least?,
                reason,
            })
        }
    };
    if e.missing.is_some() && missing.is_none() {
        return None;
    }
    Some(Escalation {
        not_reducing_after: not_reducing_after?,
        from_level: from_level?,
        when_rising: e.when_rising,
        route: route?,
        reason,
        missing,
    })
}

/// Every route must be named somewhere; every level above the first must be reachable.
fn check_reachable(
    c: &mut Checker,
    raw: &RawQuestionnaire,
    levels: &[Option<Level>],
    rules: &[Option<Rule>],
    max_score: u32,
) {
    let mut used = vec![false; raw.routes.len()];
    let mut mark = |id: &str| {
        if let Some(i) = raw.routes.iter().position(|r| r.id.value == id) {
            used[i] = true;
        }
    };
    mark(&raw.immediate_danger.value);
    raw.levels
        .iter()
        .flat_map(|l| &l.routes)
        .for_each(|r| mark(&r.value));
    raw.rules
        .iter()
        .flat_map(|r| &r.add_routes)
        .for_each(|r| mark(&r.value));
    if let Some(e) = &raw.escalation {
        mark(&e.route.value);
    }
    for (route, used) in raw.routes.iter().zip(used) {
        if !used {
            c.problem(
                pos(&route.id),
                format!("route `{}` is never recommended", route.id.value),
                "name it in a level's `routes`, a rule's `add_routes`, `immediate_danger` or `escalation`, or remove it",
            );
        }
    }
    for (i, level) in levels.iter().enumerate().skip(1) {
        let Some(level) = level else { continue };
        let Some(min_score) = level.min_score else {
            // Format 2: a level without a score is reached by rules and by judgement.
            continue;
        };
        let raised = rules.iter().flatten().any(|r| r.raise_to == Some(i));
        let at = raw
            .levels
            .get(i)
            .and_then(|l| l.min_score.as_ref())
            .and_then(|n| pos(n));
        if c.format >= 2 {
            // Judgement reaches any level, so the level is reachable; but a threshold the
            // score can never reach is a mistake in the tool.
            if min_score > max_score && !c.weights_invalid {
                c.problem(
                    at,
                    format!("the score can never reach level `{}`: it needs {min_score} points and the highest possible score is {max_score}", level.id),
                    "lower its `min_score`, or leave `min_score` out for a level only rules and professional judgement reach",
                );
            }
            continue;
        }
        if min_score > max_score && !raised && !c.weights_invalid {
            c.problem(
                at,
                format!("level `{}` can never be reached: it needs {} points, the highest possible score is {max_score}, and no rule raises to it", level.id, min_score),
                "lower its `min_score`, or add a rule with `raise_to` this level",
            );
        }
    }
}
