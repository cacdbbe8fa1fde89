//! Wording-check findings for people (the `language` command, the interview, `score`'s
//! warnings) and as JSON (a stable shape, documented in docs/language.md).

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::Problem;
use crate::language::Finding;

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
    let _ = writeln!(out, "  instead: {}", instead(f));
}

/// What the interview shows after text with findings is typed.
pub fn advice(findings: &[Finding]) -> String {
    let mut out = String::from("Wording check: this text has wording that can blame the child.\n");
    for f in findings {
        let _ = writeln!(out, "\"{}\" ({})", f.text, f.phrase);
        explanation(f, &mut out);
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
        let _ = writeln!(out, "{file}:{at} \"{}\"{field}: {}{kept}", f.text, f.phrase);
        explanation(f, &mut out);
        let sources: Vec<&str> = f.sources.iter().map(|s| s.url.as_str()).collect();
        let _ = writeln!(out, "  sources: {}", sources.join(" "));
    }
    let open = findings.iter().filter(|f| !f.kept).count();
    let kept = findings.len() - open;
    let _ = write!(
        out,
        "{file}: {open} finding{}",
        if open == 1 { "" } else { "s" }
    );
    if kept > 0 {
        let _ = write!(out, " ({kept} more kept by the practitioner)");
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
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// A finding as a warning for `score`: where, the words, the phrase, and what to say instead.
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
    let _ = write!(help, " Say instead: {}.", instead(f));
    Problem::new(
        f.position,
        format!("wording: {field}\"{}\" ({}){kept}", f.text, f.phrase),
    )
    .help(help)
}
