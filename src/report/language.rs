//! Wording-check findings for people (the `language` command, the interview, `score`'s
//! warnings) and as JSON (a stable shape, documented in docs/language.md).
//!
//! A phrase to consider (`tier: consider`) is always labelled as a prompt to consider, never
//! as blaming wording: its own heading in the interview, `to consider:` before its words in
//! the `language` command, a `note:` (not a `warning:`) for `score`, `"tier": "consider"` in
//! JSON, and a count of its own.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::{Printable, Problem};
use crate::language::{Finding, Tier};

/// How a finding to consider is introduced, wherever it is shown.
pub const CONSIDER_LABEL: &str = "to consider";

/// "\"a\" or \"b\"": the better wordings, quoted.
fn instead(f: &Finding) -> String {
    f.instead
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Said after a finding the practitioner kept at screening.
fn kept_mark(f: &Finding) -> &'static str {
    if f.kept {
        " (kept by the practitioner)"
    } else {
        ""
    }
}

/// The explanation of one finding, indented under its first line.
fn explanation(f: &Finding, out: &mut String) {
    let _ = writeln!(out, "  why: {}", f.why);
    if let Some(legal) = &f.legal {
        let _ = writeln!(out, "  under 13: {legal}");
    }
    let label = match f.tier {
        Tier::Avoid => "instead",
        Tier::Consider => "for example",
    };
    let _ = writeln!(out, "  {label}: {}", instead(f));
}

/// What the interview shows after text with findings is typed: the wording that can blame
/// the child, then, under their own heading, the prompts to consider.
pub fn advice(findings: &[Finding]) -> String {
    let mut out = String::new();
    let (avoid, consider): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.is_blaming());
    if !avoid.is_empty() {
        out.push_str("Wording check: this text has wording that can blame the child.\n");
        for f in avoid {
            let _ = writeln!(out, "\"{}\" ({})", Printable(&f.text), f.phrase);
            explanation(f, &mut out);
        }
    }
    if !consider.is_empty() {
        out.push_str(
            "Wording check, to consider: this is not blaming in itself, but the reader may need more.\n",
        );
        for f in consider {
            let _ = writeln!(out, "\"{}\" ({})", Printable(&f.text), f.phrase);
            explanation(f, &mut out);
        }
    }
    out.trim_end().to_owned()
}

/// Every finding of `file` for the `language` command, compiler style, then a count.
pub fn text(file: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let at = f
            .position
            .map_or_else(String::new, |p| format!("{}:{}:", p.line, p.column));
        let field = f
            .field
            .as_ref()
            .map_or_else(String::new, |field| format!(" in {field}"));
        let kept = kept_mark(f);
        let label = match f.tier {
            Tier::Avoid => String::new(),
            Tier::Consider => format!(" {CONSIDER_LABEL}:"),
        };
        let _ = writeln!(
            out,
            "{file}:{at}{label} \"{}\"{field}: {}{kept}",
            Printable(&f.text),
            f.phrase
        );
        explanation(f, &mut out);
        let sources: Vec<&str> = f.sources.iter().map(|s| s.url.as_str()).collect();
        let _ = writeln!(out, "  sources: {}", sources.join(" "));
    }
    let blaming = findings.iter().filter(|f| f.is_blaming());
    let open = blaming.clone().filter(|f| !f.kept).count();
    let kept = blaming.count() - open;
    let prompts = findings.iter().filter(|f| !f.is_blaming()).count();
    let _ = write!(
        out,
        "{file}: {open} finding{}",
        if open == 1 { "" } else { "s" }
    );
    if kept > 0 {
        let _ = write!(out, " ({kept} more kept by the practitioner)");
    }
    if prompts > 0 {
        let _ = write!(
            out,
            "; {prompts} prompt{} {CONSIDER_LABEL}, not counted as blaming",
            if prompts == 1 { "" } else { "s" }
        );
    }
    out.push('\n');
    out
}

/// One finding as JSON.
#[derive(Debug, Serialize)]
struct FindingOut<'a> {
    line: Option<u64>,
    column: Option<u64>,
    /// The field of an answers file (`answers.missing.note`), or null for plain text.
    field: Option<String>,
    phrase_id: &'a str,
    phrase: &'a str,
    /// `avoid` (wording that blames the child) or `consider` (a prompt, not counted).
    tier: &'a str,
    text: &'a str,
    why: &'a str,
    legal: Option<&'a str>,
    instead: &'a [String],
    kept: bool,
    sources: Vec<SourceOut<'a>>,
}

#[derive(Debug, Serialize)]
struct SourceOut<'a> {
    title: &'a str,
    url: &'a str,
}

/// The findings of a file as JSON values (for `language --format json` and `score`'s records).
pub fn findings_json(findings: &[Finding]) -> Vec<serde_json::Value> {
    findings
        .iter()
        .map(|f| {
            let out = FindingOut {
                line: f.position.map(|p| p.line),
                column: f.position.map(|p| p.column),
                field: f.field.as_ref().map(crate::language::Field::path),
                phrase_id: &f.id,
                phrase: &f.phrase,
                tier: f.tier.as_str(),
                text: &f.text,
                why: &f.why,
                legal: f.legal.as_deref(),
                instead: &f.instead,
                kept: f.kept,
                sources: f
                    .sources
                    .iter()
                    .map(|s| SourceOut {
                        title: &s.title,
                        url: &s.url,
                    })
                    .collect(),
            };
            serde_json::to_value(out).unwrap_or(serde_json::Value::Null)
        })
        .collect()
}

/// The `language --format json` document for one file.
pub fn json(file: &str, kind: &str, findings: &[Finding]) -> String {
    let doc = serde_json::json!({
        "file": file,
        "kind": kind,
        "findings": findings_json(findings),
    });
    let mut out = crate::text::json(serde_json::to_string_pretty(&doc).unwrap_or_default());
    out.push('\n');
    out
}

/// A finding as a warning for `score`: where, the words, the phrase, and what to say instead.
/// A finding to consider reads `wording to consider:`; [`diagnostics`] shows it as a note.
pub fn warning(f: &Finding) -> Problem {
    let field = f
        .field
        .as_ref()
        .map_or_else(String::new, |field| format!("{field} says "));
    let kept = kept_mark(f);
    let mut help = f.why.clone();
    if let Some(legal) = &f.legal {
        help.push(' ');
        help.push_str(legal);
    }
    let say = match f.tier {
        Tier::Avoid => "Say instead",
        Tier::Consider => "For example",
    };
    let _ = write!(help, " {say}: {}.", instead(f));
    let what = match f.tier {
        Tier::Avoid => "wording".to_owned(),
        Tier::Consider => format!("wording {CONSIDER_LABEL}"),
    };
    Problem::new(
        f.position,
        format!("{what}: {field}\"{}\" ({}){kept}", f.text, f.phrase),
    )
    .help(help)
}

/// The findings of `file` for stderr: blaming wording as warnings
/// (`file:line:column: warning: wording: ...`), prompts to consider as notes
/// (`file:line:column: note: wording to consider: ...`), in file order.
pub fn diagnostics(file: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let mut p = warning(f);
        let kind = if f.is_blaming() { "warning" } else { "note" };
        p.message = format!("{kind}: {}", p.message);
        let _ = writeln!(out, "{}", p.display(file));
    }
    out
}
