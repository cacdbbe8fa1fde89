//! The result of a screening as text for a person: immediate danger first, then the detail
//! (the level, the routes in urgency order, why, what to find out, learning points, the
//! review date), and last a compact "What to do now" block that stays on screen.

use std::fmt::Write as _;

use super::{Review, review_of};
use super::{shorten, table, wrap};
use crate::answers::Decisions;
use crate::engine::{Assessment, RouteOut, SetBy};
use crate::questionnaire::Questionnaire;

/// What the result needs beyond the assessment.
pub struct Context<'a> {
    /// The screening's date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// Where the screening was saved, if it was (or the file that was scored).
    pub saved_to: Option<&'a str>,
    /// The command that prints the record of the saved screening, if there is a file.
    pub record_command: Option<String>,
    /// The questionnaire it was scored against (for indicator questions in place of ids).
    pub questionnaire: &'a Questionnaire,
    /// Who it was discussed with and the actions agreed.
    pub decisions: Option<&'a Decisions>,
    pub style: Style,
    /// The terminal's rows, when the result is shown on one: the last block is made to fit.
    pub height: Option<u16>,
    /// Questions added to the questionnaire after the screening was made: not asked.
    pub not_asked: Option<&'a crate::screening::NotAsked>,
}

/// How the result is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Emphasise the immediate-danger line with bold red (never under `NO_COLOR`,
    /// `--color never` or `--plain`).
    pub color: bool,
    /// For screen readers: short lines and lists, no tables or box drawing.
    pub plain: bool,
}

/// Below this width the routes are a list, not a table: five columns of under 16
/// characters would break words such as "safeguarding".
const LIST_BELOW: u16 = 80;

/// How many contributions "why" lists.
const TOP_CONTRIBUTIONS: usize = 5;

/// Bold red on, and everything off: the only escapes [`crate::text::Guard`] lets through.
const EMPHASIS: (&str, &str) = (crate::text::EMPHASIS_ON, crate::text::EMPHASIS_OFF);

/// Renders `a` for the terminal, `width` columns wide.
pub fn render(a: &Assessment, ctx: &Context<'_>, width: u16) -> String {
    let mut out = String::new();
    let w = |text: &str| wrap(text, width, "");
    let item = |text: &str| wrap(&format!("- {text}"), width, "  ");
    let danger = &a.immediate_danger;
    let contact = danger
        .contact
        .as_deref()
        .map_or_else(String::new, |c| format!(" ({c})"));
    let _ = writeln!(
        out,
        "{}",
        emphasised(
            &w(&format!("IMMEDIATE DANGER: {}{contact}", danger.action)),
            ctx.style
        )
    );
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "{}",
        w(&format!(
            "Suggested level: {} (score {}), {}",
            a.level.label,
            a.score,
            set_by_words(a)
        ))
    );
    if let Some(o) = &a.age_outside {
        let _ = writeln!(out, "{}", w(&format!("Age: {}", o.words())));
    }
    if let Some(d) = &a.level.description {
        let _ = writeln!(out, "{}", w(d));
    }
    if let Some(j) = &a.judgement {
        let _ = writeln!(
            out,
            "{}",
            w(&format!(
                "Professional judgement: {}. Reason: {}",
                super::judgement_words(j),
                j.reason
            ))
        );
    }

    let _ = writeln!(out, "\nWhat to do, most urgent first");
    // A list for a screen reader, and where five columns would break words (under 80).
    if ctx.style.plain || width < LIST_BELOW {
        for (i, r) in a.routes.iter().enumerate() {
            let _ = writeln!(out, "{}", w(&format!("{}. {}", i + 1, r.title)));
            let detail = |label: &str, text: &str| {
                wrap(&format!("{label}: {text}"), width.saturating_sub(2), "  ")
                    .lines()
                    .map(|l| format!("  {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let _ = writeln!(out, "{}", detail("What to do", &r.action));
            if let Some(c) = &r.contact {
                let _ = writeln!(out, "{}", detail("Contact", c));
            }
            let _ = writeln!(out, "{}", detail("When", &r.timescale));
        }
    } else {
        // A contact column only when some route has a contact: fewer columns, fewer breaks.
        let contacts = a.routes.iter().any(|r| r.contact.is_some());
        let header: &[&str] = if contacts {
            &["", "route", "what to do", "contact", "when"]
        } else {
            &["", "route", "what to do", "when"]
        };
        let mut t = table(width, header);
        for (i, r) in a.routes.iter().enumerate() {
            let mut row = vec![(i + 1).to_string(), r.title.clone(), r.action.clone()];
            if contacts {
                row.push(r.contact.clone().unwrap_or_default());
            }
            row.push(r.timescale.clone());
            t.add_row(super::shown_row(row));
        }
        let _ = writeln!(out, "{t}");
    }
    for reminder in &a.reminders {
        let _ = writeln!(out, "{}", w(&format!("Reminder: {reminder}")));
    }

    let _ = writeln!(out, "\nWhy");
    if a.fired_rules.is_empty() {
        let _ = writeln!(out, "No rule raised the level; it comes from the score.");
    } else {
        for r in &a.fired_rules {
            let _ = writeln!(out, "{}", item(&r.reason));
        }
    }
    if !a.contributions.is_empty() {
        let mut top: Vec<_> = a.contributions.iter().collect();
        top.sort_by_key(|c| std::cmp::Reverse(c.points));
        let _ = writeln!(out, "\nIndicators present, most points first");
        for c in top.iter().take(TOP_CONTRIBUTIONS) {
            let when = if c.window_assumed {
                "when not known (counted as recent)".to_owned()
            } else if c.windows.is_empty() {
                String::new()
            } else {
                window_labels(ctx.questionnaire, &c.windows)
            };
            let points = if c.points == 1 { "point" } else { "points" };
            let what = indicator_prompt(ctx.questionnaire, &c.indicator);
            let mut parts: Vec<String> = Vec::new();
            if !when.is_empty() {
                parts.push(when);
            }
            parts.extend(super::rating_words(ctx.questionnaire, c));
            parts.push(format!("{} {points}", c.points));
            let line = format!("{what} ({})", parts.join("; "));
            let _ = writeln!(out, "{}", item(&line));
        }
        if a.contributions.len() > TOP_CONTRIBUTIONS {
            let _ = writeln!(
                out,
                "{}",
                w(&format!(
                    "({} more indicators present: cse-screen explain lists them all)",
                    a.contributions.len() - TOP_CONTRIBUTIONS
                ))
            );
        }
    }

    if !a.curiosity.is_empty() {
        let _ = writeln!(
            out,
            "\nFind out first: each of these could change the outcome"
        );
        for c in &a.curiosity {
            let _ = writeln!(out, "{}", item(&c.text));
        }
    }
    let asked: Vec<&str> = a.curiosity.iter().map(|c| c.id.as_str()).collect();
    let other_unknowns: Vec<_> = a
        .not_known
        .iter()
        .filter(|i| !asked.contains(&i.id.as_str()))
        .collect();
    if !other_unknowns.is_empty() || !a.undetermined.is_empty() || !a.unanswered.is_empty() {
        let _ = writeln!(out, "\nAlso not known");
        for i in other_unknowns {
            let _ = writeln!(out, "{}", item(&i.prompt));
        }
        let added = not_asked_count(ctx.not_asked);
        let n = a.unanswered.len().saturating_sub(added);
        if n > 0 {
            let _ = writeln!(
                out,
                "{}",
                item(&format!(
                    "{n} question{} not answered yet",
                    if n == 1 { "" } else { "s" }
                ))
            );
        }
        if let Some(na) = ctx.not_asked.filter(|_| added > 0) {
            let _ = writeln!(
                out,
                "{}",
                item(&format!(
                    "{added} question{} not asked: {}; ask {} at the next screening",
                    if added == 1 { "" } else { "s" },
                    na.words(),
                    if added == 1 { "it" } else { "them" },
                ))
            );
            for &i in &na.indicators {
                if let Some(ind) = ctx.questionnaire.indicators.get(i) {
                    let _ = writeln!(
                        out,
                        "{}",
                        wrap(&format!("  - {}", ind.prompt), width, "    ")
                    );
                }
            }
        }
        for u in &a.undetermined {
            let _ = writeln!(out, "{}", item(&undetermined_words(ctx.questionnaire, u)));
        }
    }

    if !a.learning_points.is_empty() {
        let _ = writeln!(out, "\nLearning points");
        for l in &a.learning_points {
            let _ = writeln!(out, "{}", item(&l.text));
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "{}", w(&review_line(a, ctx.date)));
    let _ = writeln!(out, "\n{}", w(&a.disclaimer));
    out.push_str(&what_to_do_now(a, ctx, width));
    out
}

/// The compact block printed last, so that it is what stays on screen: immediate danger,
/// the level and what set it, the review date, each route on one line, the discussion and
/// actions, where the screening is and the command that prints the record. With
/// `ctx.height` (a terminal's rows) it is made to fit the screen above the shell's prompt,
/// giving up the least important space first: the file name and command joined to their
/// labels, the short immediate-danger line, the heading, one line per action, the review
/// line (the review line above the block has it), then the least urgent routes (said to be
/// in the list above), and last the last actions agreed (said to be in the record).
pub fn what_to_do_now(a: &Assessment, ctx: &Context<'_>, width: u16) -> String {
    let full = Block::new(a, ctx, width, Compact::NONE);
    let Some(rows) = ctx.height.map(|h| usize::from(h).saturating_sub(1)) else {
        return full.text(ctx.style);
    };
    let mut compact = Compact::NONE;
    let mut block = full;
    for step in Compact::STEPS {
        if block.rows() <= rows {
            break;
        }
        compact = step(compact);
        block = Block::new(a, ctx, width, compact);
    }
    // Still too tall: the last actions agreed give way, one at a time, down to three, to a
    // line saying the record has them all; then the least urgent routes, to a line saying
    // they are in the list above (the first route always stays); then the other actions.
    // The 999 line and the level stay in view however many actions there are.
    let mut listed = ctx.decisions.map_or(0, |d| d.actions.len());
    let mut fewer_actions = |block: &mut Block, compact: &mut Compact, down_to: usize| {
        while block.rows() > rows && listed > down_to {
            listed -= 1;
            *compact = Compact {
                actions: Some(listed),
                ..*compact
            };
            *block = Block::new(a, ctx, width, *compact);
        }
    };
    fewer_actions(&mut block, &mut compact, 3);
    let mut kept = a.routes.len();
    while block.rows() > rows && kept > 1 {
        kept -= 1;
        compact = Compact {
            routes: Some(kept),
            ..compact
        };
        block = Block::new(a, ctx, width, compact);
    }
    fewer_actions(&mut block, &mut compact, 0);
    block.text(ctx.style)
}

/// What [`what_to_do_now`] gives up to fit a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Compact {
    /// "Saved in: FILE" and "Print the record: COMMAND" on one line each, where they fit.
    joined: bool,
    /// The immediate-danger line cut to its first line.
    short_danger: bool,
    /// No heading line.
    no_heading: bool,
    /// Each action agreed, and who it was discussed with, on one line.
    short_actions: bool,
    /// No review line (the review line above the block has the date).
    no_review: bool,
    /// How many routes are listed; the rest are counted.
    routes: Option<usize>,
    /// How many actions agreed are listed; the rest are counted (found in review: sixty
    /// actions, or a "Discussed with" of 1,600 characters, pushed the 999 line and the level
    /// off a 24-row screen).
    actions: Option<usize>,
}

impl Compact {
    const NONE: Compact = Compact {
        joined: false,
        short_danger: false,
        no_heading: false,
        short_actions: false,
        no_review: false,
        routes: None,
        actions: None,
    };
    const STEPS: [fn(Compact) -> Compact; 5] = [
        |c| Compact { joined: true, ..c },
        |c| Compact {
            short_danger: true,
            ..c
        },
        |c| Compact {
            no_heading: true,
            ..c
        },
        |c| Compact {
            short_actions: true,
            ..c
        },
        |c| Compact {
            no_review: true,
            ..c
        },
    ];
}

/// The block's lines, the immediate-danger ones apart so that they can be emphasised.
struct Block {
    heading: Option<String>,
    danger: String,
    rest: Vec<String>,
    /// The terminal's columns: a line wider (a file name or command kept whole, for
    /// copying) takes more than one row.
    width: u16,
}

impl Block {
    fn new(a: &Assessment, ctx: &Context<'_>, width: u16, c: Compact) -> Block {
        let w = |text: &str| wrap(text, width, "  ");
        let heading = "WHAT TO DO NOW";
        let heading = if c.no_heading {
            None
        } else if ctx.style.plain {
            Some(format!("\n{heading}"))
        } else {
            let rule = "=".repeat(
                usize::from(width)
                    .min(100)
                    .saturating_sub(heading.len() + 4),
            );
            Some(format!("\n== {heading} {rule}"))
        };
        let danger = w(&danger_line(&a.immediate_danger));
        let danger = if c.short_danger {
            short_danger(&a.immediate_danger, &danger, usize::from(width))
        } else {
            danger
        };
        let mut rest = vec![w(&format!(
            "Level: {} (score {}), {}{}",
            a.level.label,
            a.score,
            set_by_words(a),
            not_known_words_with(a, ctx.not_asked)
        ))];
        // The date to put in the diary stays on screen with the rest (found in review: it
        // was only in the review line above, which a short terminal scrolls away). Where the
        // screen is too short for everything, it gives way before the routes do.
        if !c.no_review {
            rest.push(w(&match review_of(ctx.date, a.review_interval_days) {
                Review::Due(due) => format!("Review by: {due}, or sooner if anything changes"),
                Review::AfterToday => format!(
                    "Review within: {} days of the real screening date ({} is after today: \
                     check it), or sooner if anything changes",
                    a.review_interval_days, ctx.date
                ),
                Review::Unknown => format!(
                    "Review within: {} days, or sooner if anything changes",
                    a.review_interval_days
                ),
            }));
        }
        let listed = c.routes.unwrap_or(a.routes.len()).min(a.routes.len());
        for (i, r) in a.routes.iter().take(listed).enumerate() {
            rest.push(if ctx.style.plain {
                // Read line by line (a screen reader): each route whole, never cut with `…`.
                // Later lines hang under the text, after "1. " or "10. ".
                let hang = " ".repeat(format!("{}. ", i + 1).len());
                wrap(&route_words(i + 1, r), width, &hang)
            } else {
                route_line(i + 1, r, usize::from(width))
            });
        }
        if listed < a.routes.len() {
            let more = a.routes.len() - listed;
            rest.push(w(&format!(
                "{}-{}: {more} more route{}, in the list above",
                listed + 1,
                a.routes.len(),
                if more == 1 { "" } else { "s" }
            )));
        }
        let none = "not recorded";
        let decisions = ctx.decisions;
        let discussed = decisions
            .and_then(|d| d.discussed_with.as_deref())
            .filter(|d| !d.trim().is_empty())
            .unwrap_or(none);
        let discussed = format!("Discussed with: {discussed}");
        rest.push(if c.short_actions {
            // One row: the whole text is in the record.
            shorten(&crate::text::line(&discussed), usize::from(width))
        } else {
            w(&discussed)
        });
        let actions = decisions.map(|d| d.actions.as_slice()).unwrap_or_default();
        if actions.is_empty() {
            rest.push(w(&format!("Actions agreed: {none}")));
        } else {
            rest.push("Actions agreed:".to_owned());
            let listed = c.actions.unwrap_or(actions.len()).min(actions.len());
            for act in &actions[..listed] {
                let text = format!("- {} ({}, by {})", act.action, act.owner, act.due);
                let shown = if c.short_actions {
                    // The owner and the date whole; the action cut to the room left.
                    let who = crate::text::line(&format!(" ({}, by {})", act.owner, act.due))
                        .into_owned();
                    let room =
                        usize::from(width).saturating_sub(4 + textwrap::core::display_width(&who));
                    if room >= 12 {
                        format!("- {}{who}", shorten(&crate::text::line(&act.action), room))
                    } else {
                        shorten(
                            &crate::text::line(&text),
                            usize::from(width).saturating_sub(2),
                        )
                    }
                } else {
                    wrap(&text, width.saturating_sub(2), "  ")
                };
                rest.push(
                    shown
                        .lines()
                        .map(|l| format!("  {l}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            if listed < actions.len() {
                let more = actions.len() - listed;
                rest.push(w(&format!(
                    "  {more} more action{}: every one is in the record",
                    if more == 1 { "" } else { "s" }
                )));
            }
        }
        // A file name and a command each stand whole on one line, never wrapped, so that
        // they can be copied: after their label where that fits, else on a line of their own.
        let labelled = |label: &str, short: &str, value: &str| {
            let joined = format!("{short} {value}");
            if c.joined && textwrap::core::display_width(&joined) <= usize::from(width) {
                joined
            } else {
                format!("{label}\n  {value}")
            }
        };
        if let Some(path) = ctx.saved_to {
            rest.push(labelled("Saved in:", "Saved in:", &crate::text::line(path)));
        }
        if let Some(cmd) = &ctx.record_command {
            rest.push(labelled(
                "To print the record for the case file:",
                "Print the record:",
                cmd,
            ));
        }
        Block {
            heading,
            danger,
            rest,
            width,
        }
    }

    /// The rows it takes on the terminal: a line wider than it (a long file name or command)
    /// is folded by the terminal onto as many rows as it needs.
    fn rows(&self) -> usize {
        let width = usize::from(self.width.max(1));
        let lines = |t: &str| {
            t.lines()
                .map(|l| l.chars().count().div_ceil(width).max(1))
                .sum::<usize>()
                .max(1)
        };
        self.heading.as_deref().map_or(0, lines)
            + lines(&self.danger)
            + self.rest.iter().map(|l| lines(l)).sum::<usize>()
    }

    fn text(&self, style: Style) -> String {
        let mut out = String::new();
        if let Some(h) = &self.heading {
            let _ = writeln!(out, "{h}");
        }
        let _ = writeln!(out, "{}", emphasised(&self.danger, style));
        for l in &self.rest {
            let _ = writeln!(out, "{l}");
        }
        out
    }
}

/// The immediate-danger line on one row: its first line when that holds a phone number,
/// else "IMMEDIATE DANGER:" and the contact's first part ("Police 999").
fn short_danger(r: &RouteOut, wrapped: &str, width: usize) -> String {
    let first = wrapped.lines().next().unwrap_or_default();
    if first.chars().any(|c| c.is_ascii_digit()) || r.contact.is_none() {
        if wrapped.lines().count() <= 1 {
            return wrapped.to_owned();
        }
        return shorten(first, width);
    }
    let contact = r.contact.as_deref().map(first_part).unwrap_or_default();
    shorten(&format!("IMMEDIATE DANGER: {contact}"), width)
}

/// `text`, each line in bold red when `style` allows colour.
fn emphasised(text: &str, style: Style) -> String {
    if !style.color || style.plain {
        return text.to_owned();
    }
    text.lines()
        .map(|l| format!("{}{l}{}", EMPHASIS.0, EMPHASIS.1))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The immediate-danger line, short: the action's first sentence, and the contact's first
/// part when the sentence does not already hold its number.
fn danger_line(r: &RouteOut) -> String {
    let action = first_sentence(&r.action);
    let contact = r.contact.as_deref().map(first_part);
    match contact {
        Some(c) if !c.is_empty() && !mentions_numbers_of(&action, &c) => {
            format!("IMMEDIATE DANGER: {action} ({c})")
        }
        _ => format!("IMMEDIATE DANGER: {action}"),
    }
}

/// True when every digit group of `contact` appears in `text`.
fn mentions_numbers_of(text: &str, contact: &str) -> bool {
    contact
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .all(|g| text.contains(g))
}

/// Route `n` whole: the first part of its title, its when and its contact.
fn route_words(n: usize, r: &RouteOut) -> String {
    let line = format!(
        "{n}. {}: {}",
        first_part(&r.title),
        first_part(&r.timescale)
    );
    match r.contact.as_deref().map(first_part) {
        Some(contact) if !contact.is_empty() => format!("{line}; {contact}"),
        _ => line,
    }
}

/// One route on one line: its number, title, when and contact, each shortened to its first
/// part (the full text is in the table above). Where the line is too long the contact is
/// left out, then the line is cut at a space; but when must keep its first
/// [`WHEN_WORDS`] words ("Today", "Within 1 working day": what the practitioner acts on),
/// so where cutting the line would lose them, the title is cut instead.
fn route_line(n: usize, r: &RouteOut, width: usize) -> String {
    use textwrap::core::display_width;
    let title = first_part(&r.title);
    let when = first_part(&r.timescale);
    let line = format!("{n}. {title}: {when}");
    let with = route_words(n, r);
    if with != line && display_width(&with) <= width {
        return with;
    }
    if display_width(&line) <= width {
        return line;
    }
    let cut = shorten(&line, width);
    let when_words: Vec<&str> = when.split(' ').collect();
    let words = when_words.len().min(WHEN_WORDS);
    let kept = cut
        .strip_prefix(&format!("{n}. {title}: "))
        .is_some_and(|shown| shown.trim_end_matches('…').split(' ').count() >= words);
    if kept {
        return cut;
    }
    // The title gives way: when keeps its first words (and a `…` if there are more), the
    // title the room they leave.
    let needed =
        display_width(&when_words[..words].join(" ")) + usize::from(words < when_words.len());
    let room = width.saturating_sub(display_width(&format!("{n}. : ")));
    let title_room = room.saturating_sub(needed);
    if title_room < 12 {
        return cut;
    }
    let title = shorten(&title, title_room);
    let when = shorten(&when, room.saturating_sub(display_width(&title)));
    format!("{n}. {title}: {when}")
}

/// The words of a route's when that its line keeps when cut to fit (all, if fewer).
const WHEN_WORDS: usize = 4;

/// Shown text up to its first bracket, semicolon or sentence end: "MASH 0345 050 7666"
/// from "MASH 0345 050 7666 (Mon-Thu 8.30-5, Fri 8.30-4); out of hours ...".
fn first_part(text: &str) -> String {
    let shown = crate::text::line(text);
    let mut end = shown.len();
    for stop in [" (", ";", ". "] {
        if let Some(i) = shown.find(stop) {
            end = end.min(i);
        }
    }
    let part = shown[..end].trim().trim_end_matches(['.', ',']);
    if part.is_empty() {
        shown.trim().to_owned()
    } else {
        part.to_owned()
    }
}

/// The first sentence of `text`, with what is in brackets left out.
fn first_sentence(text: &str) -> String {
    let shown = crate::text::line(text);
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in shown.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = plain.replace(" ,", ",").replace(" .", ".");
    match plain.find(". ") {
        Some(i) => plain[..=i].to_owned(),
        None => plain,
    }
}

/// A rule that could not be decided, in words: "Not known: <the question>; until it is, a
/// rule cannot tell whether <the first sentence of its reason>".
pub(crate) fn undetermined_words(q: &Questionnaire, u: &crate::engine::Undetermined) -> String {
    format!(
        "Not known: {}; until it is, a rule cannot tell whether {}",
        u.needs
            .iter()
            .map(|n| need_prompt(q, n))
            .collect::<Vec<_>>()
            .join("; "),
        lower_first(&first_sentence(&u.reason))
    )
}

/// "Review due: 2026-12-16 (28 days, as for High ...), or sooner if anything changes.", from
/// the screening's `date` (`YYYY-MM-DD`); "Review within ..." where no date can be given.
pub(crate) fn review_line(a: &Assessment, date: &str) -> String {
    let days = review_days_words(a);
    match review_of(date, a.review_interval_days) {
        Review::Due(due) => format!("Review due: {due} ({days}), or sooner if anything changes."),
        Review::AfterToday => format!(
            "Review within {days}, counted from the real screening date, or sooner if anything changes: \
             the date in the file, {}, is after today, so a review date from it would be \
             wrong too. Check it.",
            crate::text::OneLine(date)
        ),
        Review::Unknown => format!("Review within {days}, or sooner if anything changes."),
    }
}

/// The review interval in words: "42 days", or, when something not known could raise the
/// level, "28 days, as for High rather than Low's 90, because finding out what is not known
/// could raise the level to High".
pub fn review_days_words(a: &Assessment) -> String {
    match &a.review_as_for {
        Some(r) => format!(
            "{} days, as for {} rather than {}'s {}, because finding out what is not known \
             could raise the level to {}",
            a.review_interval_days,
            crate::text::OneLine(&r.label),
            crate::text::OneLine(&a.level.label),
            r.level_days,
            crate::text::OneLine(&r.label),
        ),
        None => format!("{} days", a.review_interval_days),
    }
}

/// After the level, how many answers are not known and what finding one out could raise it
/// to, so that a level resting on unknowns is never read as a finding: ". Not known: 49
/// answers; finding them out could raise the level to High". Empty when nothing is not known.
/// A count of a yes left empty that would change the outcome (the position-of-trust count of
/// sexual contact) is named too: ". Not known: 1 count; finding it out could raise ...".
pub(crate) fn not_known_words(a: &Assessment) -> String {
    not_known_words_with(a, None)
}

/// The indicators in `not_asked` (none if there is none).
pub(crate) fn not_asked_count(not_asked: Option<&crate::screening::NotAsked>) -> usize {
    not_asked.map_or(0, |n| n.indicators.len())
}

/// [`not_known_words`], where the questions in `not_asked`, added to the questionnaire after
/// the screening was made, are said to be not asked rather than not answered (they are
/// counted all the same).
pub(crate) fn not_known_words_with(
    a: &Assessment,
    not_asked: Option<&crate::screening::NotAsked>,
) -> String {
    use crate::engine::CuriosityKind;
    let n = a.not_known.len();
    // Questions not answered are scored as not known, and finding them out can raise the
    // level as much (found in review: four significant questions left out of a complete
    // screening gave a bare "Level: Low"; an in-progress one named only two facts).
    let added = not_asked_count(not_asked);
    let unanswered = a.unanswered.len().saturating_sub(added);
    let counts = a
        .curiosity
        .iter()
        .filter(|c| c.kind == CuriosityKind::FollowUp)
        .count();
    // Facts a rule reads (the age) count only where finding everything out could raise the
    // level: they are part of what could (found in review: "1 answer ... could raise the
    // level to High" where High also needed the age).
    let facts = if a.could_reach.is_some() {
        a.facts_not_known.len()
    } else {
        0
    };
    let all = n + unanswered + added + counts + facts;
    if all == 0 {
        return String::new();
    }
    let plural = |k: usize, one: &str| format!("{k} {one}{}", if k == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if n > 0 {
        parts.push(plural(n, "answer"));
    }
    if unanswered > 0 {
        parts.push(format!("{} not answered", plural(unanswered, "question")));
    }
    if let Some(na) = not_asked.filter(|_| added > 0) {
        parts.push(format!(
            "{} not asked, {}",
            plural(added, "question"),
            na.words()
        ));
    }
    if counts > 0 {
        parts.push(plural(counts, "count"));
    }
    if facts > 0 {
        parts.push(format!("{} about the child", plural(facts, "fact")));
    }
    let what = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    };
    let them = if all == 1 { "it" } else { "them" };
    match a.could_reach.as_ref().map(|l| l.label.as_str()) {
        Some(label) => {
            format!(". Not known: {what}; finding {them} out could raise the level to {label}")
        }
        None => format!(". Not known: {what}; find {them} out"),
    }
}

/// What set the level, in words: "set by the score", "because <the first sentence of the
/// rule's reason>", "raised by professional judgement from Medium to High".
fn set_by_words(a: &Assessment) -> String {
    let mut parts = Vec::new();
    for s in &a.level_set_by {
        match s {
            SetBy::Score => parts.push("set by the score".to_owned()),
            SetBy::Rule(id) => {
                let reason = a
                    .fired_rules
                    .iter()
                    .find(|r| &r.id == id)
                    .map(|r| first_sentence(&r.reason))
                    .unwrap_or_default();
                parts.push(format!(
                    "set by a rule: {}",
                    lower_first(reason.trim_end_matches('.'))
                ));
            }
            SetBy::Judgement => match &a.judgement {
                Some(j) if j.raised => parts.push(format!(
                    "raised by professional judgement {}",
                    super::from_to(j)
                )),
                _ => parts.push("set by professional judgement".to_owned()),
            },
        }
    }
    parts.join("; and ")
}

/// `text` with its first letter in lower case, unless the word is an acronym ("MASH").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

/// The question of indicator `id`, or the id when the questionnaire has no such indicator.
fn indicator_prompt(q: &Questionnaire, id: &str) -> String {
    q.indicators
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_owned(), |i| i.prompt.clone())
}

/// The question behind something a rule needs: a profile fact's id, or
/// `indicator.follow_up`; the id itself when the questionnaire has neither.
fn need_prompt(q: &Questionnaire, need: &str) -> String {
    let prompt = match need.split_once('.') {
        None => q
            .profile
            .iter()
            .find(|f| f.id == need)
            .map(|f| f.prompt.clone()),
        Some((indicator, follow_up)) => q
            .indicators
            .iter()
            .find(|i| i.id == indicator)
            .and_then(|i| i.follow_ups.iter().find(|f| f.id == follow_up))
            .map(|f| f.prompt.clone()),
    };
    prompt.map_or_else(|| need.to_owned(), |p| format!("\"{}\"", p.trim()))
}

/// The labels of window ids, joined.
fn window_labels(q: &Questionnaire, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            q.windows
                .iter()
                .find(|w| &w.id == id)
                .map_or_else(|| id.clone(), |w| w.label.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}
