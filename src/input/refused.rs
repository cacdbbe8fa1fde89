//! What no YAML file of the project may hold, found before it is read: a tag (`!!binary`,
//! `!custom`), and a number only a YAML 1.1 reader takes for one (`0b1101`, `0X0D`, `+0o15`).
//!
//! Both can make a value read as something other than what is written. serde-saphyr decodes
//! `!!binary` from base64 (so `!!binary eWVz` reads as `yes`, and a key written that way names
//! an indicator the file never spells out) and drops a tag it does not know (`!foo EX-1` reads
//! as `EX-1`). It also reads `0b1101`, `0X0D`, `0O15` and a signed `+0x0D` as 13, where YAML
//! 1.2, the JSON Schema and the file's editor read text: an age written so would fire the
//! under-13 rules while an editor shows no number at all. No file format of the project uses
//! either, so the first one found is refused, in its place. `0x0D` and `0o15`, which YAML 1.2
//! reads as 13 too, stay numbers.

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};

use super::Limits;
use crate::diagnostic::{Position, Problem, excerpt};

/// The first tag or YAML 1.1 number in `text`, as a located problem; `None` when there is
/// none, or when the text does not parse up to it (the YAML reader then says why the file
/// cannot be read).
pub fn first_refused(text: &str, limits: &Limits) -> Option<Problem> {
    // Every tag starts with `!`, and every such number with `0` and a letter after a sign,
    // a space or a bracket: most files hold neither, and are not parsed twice.
    if !text.contains('!') && !may_hold_a_prefixed_number(text.as_bytes()) {
        return None;
    }
    scan(text, limits)
}

/// [`first_refused`] without the quick test of whether to look.
fn scan(text: &str, limits: &Limits) -> Option<Problem> {
    let parser: Parser<'_, StrInput<'_>> =
        Parser::new_from_str_with_options(text, super::plain_yaml::parser_options(limits));
    for item in parser {
        let (event, span) = item.ok()?;
        if event.tag().is_some() {
            return Some(tag(text, span.tag_span().unwrap_or(span), limits));
        }
        if let Event::Scalar(value, ScalarStyle::Plain, ..) = &event
            && let Some(number) = yaml_1_1_number(value)
        {
            return Some(number_problem(text, span, value, number, limits));
        }
    }
    None
}

/// Whether `b` holds a `0` followed by a radix letter where a plain value can start (at the
/// start, or after anything but a letter or digit): a cheap test that every YAML 1.1 number
/// of [`yaml_1_1_number`] passes, and a sha256 or a time of day does not.
fn may_hold_a_prefixed_number(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &c)| {
        c == b'0'
            && matches!(b.get(i + 1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'))
            && i.checked_sub(1)
                .and_then(|p| b.get(p))
                .is_none_or(|p| !p.is_ascii_alphanumeric())
    })
}

/// A plain value serde-saphyr reads as an integer in another base, but YAML 1.2 core does
/// not: `0b` and `0B` (binary), `0X` and `0O`, and any of them with a sign. Its value when it
/// fits (for the help), else `Some(None)`; `None` for anything else, `0x0D` and `0o15`
/// included (YAML 1.2 reads those as numbers too).
fn yaml_1_1_number(value: &str) -> Option<Option<u128>> {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let signed = unsigned.len() != value.len();
    let b = unsigned.as_bytes();
    let (radix, yaml_1_2) = match b.get(..2)? {
        [b'0', b'x'] => (16, true),
        [b'0', b'X'] => (16, false),
        [b'0', b'o'] => (8, true),
        [b'0', b'O'] => (8, false),
        [b'0', b'b' | b'B'] => (2, false),
        _ => return None,
    };
    let digits = unsigned.get(2..)?;
    let digit = |c: char| c.is_digit(radix);
    if digits.is_empty() || !digits.chars().all(|c| digit(c) || c == '_') {
        return None;
    }
    if yaml_1_2 && !signed && digits.chars().all(digit) {
        return None;
    }
    let plain: String = digits.chars().filter(|&c| c != '_').collect();
    Some(u128::from_str_radix(&plain, radix).ok())
}

/// The problem with a tag at `at`.
fn tag(text: &str, at: Span, limits: &Limits) -> Problem {
    let written = at
        .slice(text)
        .map_or(std::borrow::Cow::Borrowed("!"), crate::text::line);
    let position = position(at);
    let mut problem = Problem::new(
        Some(position),
        format!(
            "`{written}` is a YAML tag, and {} is read without tags: a tag can make a value \
             read as something other than what is written",
            limits.what
        ),
    )
    .help(format!(
        "remove the tag and write the value itself, as plain text (a `!!binary` value is \
         base64: write what it decodes to); see {}",
        limits.docs
    ));
    problem.snippet = excerpt(text, position, "here");
    problem
}

/// The problem with a number written as only YAML 1.1 reads it, at `at`.
fn number_problem(
    text: &str,
    at: Span,
    value: &str,
    number: Option<u128>,
    limits: &Limits,
) -> Problem {
    let position = position(at);
    let shown = crate::text::line(value);
    let decimal = match (number, value.starts_with('-')) {
        (Some(n), true) if n != 0 => format!(" (`-{n}`)"),
        (Some(n), _) => format!(" (`{n}`)"),
        (None, _) => String::new(),
    };
    let mut problem = Problem::new(
        Some(position),
        format!(
            "`{shown}` is a number only in YAML 1.1: {} is read as YAML 1.2, where it is text, \
             as the file's editor shows it",
            limits.what
        ),
    )
    .help(format!(
        "write a number in decimal{decimal}, or put text in quotes; see {}",
        limits.docs
    ));
    problem.snippet = excerpt(text, position, "here");
    problem
}

/// Where `at` starts, as a 1-based line and column.
fn position(at: Span) -> Position {
    Position {
        line: at.start.line() as u64,
        column: at.start.col() as u64 + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{ANSWERS, QUESTIONNAIRE};

    fn found(text: &str) -> Option<(u64, u64, String)> {
        first_refused(text, &ANSWERS).map(|p| {
            let at = p.position.unwrap_or_default();
            (at.line, at.column, p.message)
        })
    }

    #[test]
    fn every_kind_of_tag_is_found_where_it_is_written() {
        for (text, line, column, tag) in [
            ("a: !!binary eWVz\n", 1, 4, "`!!binary`"),
            ("a:\n  b: !foo EX-1\n", 2, 6, "`!foo`"),
            ("!!binary YQ==: yes\n", 1, 1, "`!!binary`"),
            ("a: !!str no\n", 1, 4, "`!!str`"),
            (
                "a: !<tag:yaml.org,2002:str> x\n",
                1,
                4,
                "`!<tag:yaml.org,2002:str>`",
            ),
            ("a: !!map\n  b: c\n", 1, 4, "`!!map`"),
            ("a: [x, !!int 3]\n", 1, 8, "`!!int`"),
        ] {
            let (l, c, message) = found(text).unwrap_or_else(|| panic!("no tag in {text:?}"));
            assert_eq!((l, c), (line, column), "{text:?}");
            assert!(message.starts_with(tag), "{text:?}: {message}");
        }
    }

    #[test]
    fn an_exclamation_mark_in_text_is_not_a_tag() {
        for text in [
            "a: Call 999!\n",
            "a: \"!!binary eWVz\"\n",
            "a: '!foo'\n",
            "# !!binary in a comment\na: b\n",
            "a: |\n  !!binary eWVz\n",
            "a: b!c\n",
        ] {
            assert_eq!(found(text), None, "{text:?}");
        }
        // Text that does not parse is left to the reader, which says why.
        assert_eq!(found("a: [!!binary\n"), None);
    }

    #[test]
    fn a_number_only_yaml_1_1_reads_is_found_where_it_is_written() {
        for (text, line, column, written, help) in [
            ("age: 0b1100\n", 1, 6, "`0b1100`", "(`12`)"),
            ("a:\n  age: 0B1100\n", 2, 8, "`0B1100`", "(`12`)"),
            ("a: {episodes: 0X10}\n", 1, 15, "`0X10`", "(`16`)"),
            ("a: [x, 0O17]\n", 1, 8, "`0O17`", "(`15`)"),
            ("a: +0x0D\n", 1, 4, "`+0x0D`", "(`13`)"),
            ("a: -0o15\n", 1, 4, "`-0o15`", "(`-13`)"),
            ("a: 0b1_0\n", 1, 4, "`0b1_0`", "(`2`)"),
            ("- 0b1\n", 1, 3, "`0b1`", "(`1`)"),
            ("0b11: yes\n", 1, 1, "`0b11`", "(`3`)"),
            (
                "a: 0b11111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111\n",
                1,
                4,
                "`0b1111",
                "write a number in decimal, or",
            ),
        ] {
            let p = first_refused(text, &ANSWERS).unwrap_or_else(|| panic!("none in {text:?}"));
            let at = p.position.unwrap_or_default();
            assert_eq!((at.line, at.column), (line, column), "{text:?}");
            assert!(p.message.starts_with(written), "{text:?}: {}", p.message);
            assert!(
                p.message.contains("is a number only in YAML 1.1"),
                "{}",
                p.message
            );
            let h = p.help.unwrap_or_default();
            assert!(h.contains(help), "{text:?}: {h}");
        }
    }

    #[test]
    fn numbers_yaml_1_2_reads_and_text_are_not_refused() {
        for text in [
            "age: 0x0D\n",
            "age: 0o15\n",
            "age: 13\n",
            "age: +13\n",
            "a: '0b1101'\n",
            "a: \"0X0D\"\n",
            "a: |\n  0b1101\n",
            "a: see 0b1101\n",
            "a: 0b\n",
            "a: 0xZ\n",
            "a: 0b2\n",
            "a: 0o8\n",
            "sha256: ab0b12ff0x\n",
            "# 0b1101 in a comment\na: b\n",
        ] {
            assert_eq!(found(text), None, "{text:?}");
        }
    }

    /// Every spelling serde-saphyr reads as a number, in many places in a file, is either
    /// one YAML 1.2 core reads as the same integer, or refused; and the quick test of whether
    /// to look never skips a file that holds one.
    #[test]
    fn every_integer_serde_saphyr_reads_is_yaml_1_2_or_refused() {
        fn yaml_1_2_integer(s: &str) -> bool {
            let digits =
                |d: &str, radix: u32| !d.is_empty() && d.chars().all(|c| c.is_digit(radix));
            let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
            digits(unsigned, 10)
                || s.strip_prefix("0x").is_some_and(|d| digits(d, 16))
                || s.strip_prefix("0o").is_some_and(|d| digits(d, 8))
        }
        let mut refused = 0;
        for sign in ["", "+", "-"] {
            for prefix in ["", "0", "0b", "0B", "0o", "0O", "0x", "0X", "0_", "00"] {
                for digits in ["1", "10", "1_0", "_1", "7", "17", "f", "F", "8", "2", ""] {
                    let value = format!("{sign}{prefix}{digits}");
                    // As the project reads a number: by its type, not into an integer.
                    let read: Result<serde_json::Value, _> = serde_saphyr::from_str_with_options(
                        &format!("{value}\n"),
                        ANSWERS.yaml_options(),
                    );
                    if !read.is_ok_and(|v| v.is_number()) || yaml_1_2_integer(&value) {
                        // Not a number to serde-saphyr, or the same number to YAML 1.2.
                        continue;
                    }
                    for place in ["{v}", "a: {v}", "a: [x,{v}]", "a: {b: {v}}", "- {v}\n- y"] {
                        let text = place.replace("{v}", &value) + "\n";
                        assert!(
                            scan(&text, &ANSWERS).is_some(),
                            "{value} is read as a number, but not refused in {text:?}"
                        );
                        assert!(
                            may_hold_a_prefixed_number(text.as_bytes()),
                            "the quick test skips {text:?}"
                        );
                        refused += 1;
                    }
                }
            }
        }
        // The spellings above that serde-saphyr reads and YAML 1.2 does not.
        assert!(
            refused >= 5 * 40,
            "only {refused} refused: the test tries too little"
        );
    }

    #[test]
    fn the_message_names_the_kind_of_file() {
        let p = first_refused("id: !!binary eA==\n", &QUESTIONNAIRE).expect("a tag");
        assert!(
            p.message.contains("a questionnaire is read without tags"),
            "{}",
            p.message
        );
        assert!(p.snippet.is_some());
    }
}
