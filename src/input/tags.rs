//! YAML tags refused: a tag (`!!binary`, `!custom`, `!!str`) can make a value read as
//! something other than what is written, so no user file is read with one in it.
//!
//! serde-saphyr decodes `!!binary` from base64 (so `!!binary eWVz` reads as `yes`, and a key
//! written that way names an indicator the file never spells out) and drops a tag it does not
//! know (`!foo EX-1` reads as `EX-1`). What the tool shows must be what the file holds, and no
//! file format of the project uses a tag, so the first one found is refused, in its place.

use serde_saphyr::granit_parser::{Parser, StrInput};

use super::Limits;
use crate::diagnostic::{Position, Problem, excerpt};

/// The first tag in `text`, as a located problem; `None` when there is none, or when the
/// text does not parse up to it (the YAML reader then says why the file cannot be read).
pub fn first_tag(text: &str, limits: &Limits) -> Option<Problem> {
    // Every tag starts with `!`: most files hold none, and are not parsed twice.
    if !text.contains('!') {
        return None;
    }
    let parser: Parser<'_, StrInput<'_>> =
        Parser::new_from_str_with_options(text, super::plain_yaml::parser_options(limits));
    for item in parser {
        let (event, span) = item.ok()?;
        if event.tag().is_none() {
            continue;
        }
        let at = span.tag_span().unwrap_or(span);
        let written = at
            .slice(text)
            .map_or(std::borrow::Cow::Borrowed("!"), crate::text::line);
        let position = Position {
            line: at.start.line() as u64,
            column: at.start.col() as u64 + 1,
        };
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
        return Some(problem);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{ANSWERS, QUESTIONNAIRE};

    fn found(text: &str) -> Option<(u64, u64, String)> {
        first_tag(text, &ANSWERS).map(|p| {
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
    fn the_message_names_the_kind_of_file() {
        let p = first_tag("id: !!binary eA==\n", &QUESTIONNAIRE).expect("a tag");
        assert!(
            p.message.contains("a questionnaire is read without tags"),
            "{}",
            p.message
        );
        assert!(p.snippet.is_some());
    }
}
