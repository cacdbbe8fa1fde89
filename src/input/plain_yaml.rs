//! The quick reader for plain YAML: maps, lists and untagged scalars read straight from the
//! parser's events into serde, for the files it can vouch for, and `None` for any other.
//!
//! Nearly every answers file is plain YAML: no anchors, aliases, tags or second documents,
//! and no scalar YAML could read as a number, boolean or null where text is wanted.
//! serde-saphyr reads such a file at about two and a half times the cost of the parser's own
//! events: it records events for replay, checks budgets and keys, and keeps locations for its
//! messages.
//! This reader drives the same parser (granit-parser, with the options serde-saphyr gives it)
//! and hands each value to serde as serde-saphyr would. It **vouches** for a file only when
//! serde-saphyr, with the project's options, would read the same value from it; anything it
//! is not sure of it leaves alone and returns `None`, and the caller reads the file with
//! serde-saphyr as before, which then reports every problem in its own words and place:
//! - an anchor, alias, tag, `%YAML` directive, second document or `<<` key;
//! - a plain scalar that might be typed ([`plain_is_text`]) where text is wanted, any
//!   number but a plain decimal where a number is wanted, any null where a value might be;
//! - a type's own refusal (an unknown field, a repeated key, a wrong answer): the file is
//!   refused either way, and serde-saphyr says why;
//! - more than half of the file's budget of values, nesting or text.
//!
//! The tests read every example and generated screenings, with scalars of every shape,
//! through both readers and require the same value wherever this one vouches
//! (`tests/answers.rs`, `the_quick_yaml_reader_*`), and that it vouches for every valid
//! example (so it cannot silently stop being used).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle, StrInput};

use super::Limits;

/// Reads `text` (without its byte-order mark) as a `T`, or `None` where serde-saphyr must.
pub fn read<T: de::DeserializeOwned>(text: &str, limits: &Limits) -> Option<T> {
    let mut reader = Reader::new(text, limits);
    reader.document::<T>().ok()
}

/// Not vouched for: the caller reads the file with serde-saphyr. Never shown to anyone.
#[derive(Debug)]
pub struct Unsure;

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde-saphyr")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsure
    }
}

type Result<T> = std::result::Result<T, Unsure>;

/// The options serde-saphyr's budget gives the parser (`Budget::parser_options`), so the
/// parser accepts and refuses the same text and yields the same scalars.
pub fn parser_options(limits: &Limits) -> granit_parser::Options {
    granit_parser::options! {
        simple_key_max_lookahead: 1024,
        flow_nesting_limit: limits.max_depth,
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(limits.max_depth.saturating_add(1)),
        emit_comments: false,
    }
}

struct Reader<'a> {
    parser: Parser<'a, StrInput<'a>>,
    peeked: Option<Event<'a>>,
    depth: usize,
    nodes: usize,
    text_bytes: usize,
    max_depth: usize,
    max_nodes: usize,
    max_text_bytes: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, limits: &Limits) -> Reader<'a> {
        Reader {
            parser: Parser::new_from_str_with_options(text, parser_options(limits)),
            peeked: None,
            depth: 0,
            nodes: 0,
            text_bytes: 0,
            // Half of each budget: well inside what serde-saphyr allows, however it counts.
            max_depth: limits.max_depth / 2,
            max_nodes: limits.max_nodes / 2,
            max_text_bytes: limits.max_text_bytes() / 2,
        }
    }

    fn document<T: de::DeserializeOwned>(&mut self) -> Result<T> {
        self.want(|e| matches!(e, Event::StreamStart))?;
        // A `%YAML` directive: left to serde-saphyr.
        self.want(|e| matches!(e, Event::DocumentStart(_, None)))?;
        let value = T::deserialize(&mut *self)?;
        self.want(|e| matches!(e, Event::DocumentEnd))?;
        self.want(|e| matches!(e, Event::StreamEnd))?;
        // Anything after the stream's end, a parser error included: left to serde-saphyr.
        match self.parser.next() {
            None => Ok(value),
            Some(_) => Err(Unsure),
        }
    }

    /// The next event, which must be one `is` accepts.
    fn want(&mut self, is: impl Fn(&Event<'a>) -> bool) -> Result<()> {
        let event = self.next()?;
        if is(&event) { Ok(()) } else { Err(Unsure) }
    }

    fn peek(&mut self) -> Result<&Event<'a>> {
        if self.peeked.is_none() {
            self.peeked = Some(self.pull()?);
        }
        self.peeked.as_ref().ok_or(Unsure)
    }

    fn next(&mut self) -> Result<Event<'a>> {
        match self.peeked.take() {
            Some(event) => Ok(event),
            None => self.pull(),
        }
    }

    /// The parser's next event, counted against the budgets; an anchor, alias or tag, a
    /// parser error and the end of input are all left to serde-saphyr.
    fn pull(&mut self) -> Result<Event<'a>> {
        let (event, _) = self.parser.next().ok_or(Unsure)?.map_err(|_| Unsure)?;
        match &event {
            Event::Scalar(value, _, 0, None) => {
                self.text_bytes += value.len();
                self.node()?;
            }
            Event::MappingStart(_, 0, None) | Event::SequenceStart(_, 0, None) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(Unsure);
                }
                self.node()?;
            }
            Event::MappingEnd | Event::SequenceEnd => self.depth = self.depth.saturating_sub(1),
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(..) => {}
            Event::DocumentEnd => {}
            _ => return Err(Unsure),
        }
        Ok(event)
    }

    fn node(&mut self) -> Result<()> {
        self.nodes += 1;
        if self.nodes > self.max_nodes || self.text_bytes > self.max_text_bytes {
            return Err(Unsure);
        }
        Ok(())
    }

    /// The next scalar: its text, and whether it was written plain (unquoted, not a block).
    fn scalar(&mut self) -> Result<(Cow<'a, str>, bool)> {
        match self.next()? {
            Event::Scalar(value, style, ..) => Ok((value, style == ScalarStyle::Plain)),
            _ => Err(Unsure),
        }
    }

    /// The next scalar as text, where serde-saphyr would give it as text.
    fn text(&mut self) -> Result<Cow<'a, str>> {
        match self.scalar()? {
            (value, true) if !plain_is_text(&value) => Err(Unsure),
            (value, _) => Ok(value),
        }
    }

    /// The next scalar as a whole number, where it is one written plainly in decimal.
    fn number(&mut self) -> Result<u64> {
        match self.scalar()? {
            (value, true) => plain_decimal(&value).ok_or(Unsure),
            _ => Err(Unsure),
        }
    }
}

/// Text written plainly that serde-saphyr, with the project's options (YAML 1.2 core types,
/// `strict_booleans`, `no_schema`), gives as the same text: not null-like (empty, `~`,
/// `null`), not `true` or `false`, not `<<`, and nothing that could be read as an integer
/// (any base) or a float (`.5`, `1e3`, `.inf`, `nan`). It errs towards "not text": a date
/// (`2026-11-03`), a dotted version (`2.0.0`), and anything holding a character no number
/// holds (a letter past the first digit other than `e`, a space, a colon) are text.
pub fn plain_is_text(s: &str) -> bool {
    if is_null(s)
        || matches!(
            s,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE" | "<<"
        )
    {
        return false;
    }
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    // A sign alone (`+`, `-`) is no number.
    let Some(&first) = t.as_bytes().first() else {
        return true;
    };
    if first == b'.' {
        // `.inf` and `.nan` in some case, or a fraction such as `.5`.
        let rest = &t[1..];
        return !(rest.eq_ignore_ascii_case("inf") || rest.eq_ignore_ascii_case("nan"))
            && holds_what_no_number_does(rest.as_bytes());
    }
    if !first.is_ascii_digit() {
        // Only `inf`, `infinity` and `nan`, in any case, could be a float not led by a digit.
        return !["inf", "infinity", "nan"]
            .iter()
            .any(|f| t.eq_ignore_ascii_case(f));
    }
    let b = t.as_bytes();
    // 0x1F, 0o17, 0b101: integers in another base (a prefix alone, `0x`, is text).
    if b.len() > 2 && b[0] == b'0' && matches!(b[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        return false;
    }
    super::date_shaped(t) || is_dotted(b) || holds_what_no_number_does(b)
}

/// A character no decimal number holds: anything but digits, `.`, `_`, a sign and `e`.
fn holds_what_no_number_does(b: &[u8]) -> bool {
    b.iter()
        .any(|c| !matches!(c, b'0'..=b'9' | b'.' | b'_' | b'e' | b'E' | b'+' | b'-'))
}

/// What YAML reads as null when written plainly.
fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// Digits in three or more groups joined by dots, as `2.0.0`.
fn is_dotted(b: &[u8]) -> bool {
    let mut groups = b.split(|c| *c == b'.');
    let count = groups.clone().count();
    count >= 3 && groups.all(|g| !g.is_empty() && g.iter().all(u8::is_ascii_digit))
}

/// A whole number written plainly in decimal digits, without a sign or a leading zero.
fn plain_decimal(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    s.parse().ok()
}

fn visit_text<'de, V: Visitor<'de>>(value: Cow<'de, str>, visitor: V) -> Result<V::Value> {
    match value {
        Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
        Cow::Owned(s) => visitor.visit_string(s),
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            Event::MappingStart(..) => self.deserialize_map(visitor),
            Event::SequenceStart(..) => self.deserialize_seq(visitor),
            Event::Scalar(..) => match self.scalar()? {
                (value, false) => visit_text(value, visitor),
                (value, true) => match plain_decimal(&value) {
                    Some(n) => visitor.visit_u64(n),
                    None if plain_is_text(&value) => visit_text(value, visitor),
                    None => Err(Unsure),
                },
            },
            _ => Err(Unsure),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let value = self.text()?;
        visit_text(value, visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = u32::try_from(self.number()?).map_err(|_| Unsure)?;
        visitor.visit_u32(n)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.number()?;
        visitor.visit_u64(n)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            // A null (`note: ~`, `note:`): serde-saphyr decides.
            Event::Scalar(value, ScalarStyle::Plain, ..) if is_null(value) => Err(Unsure),
            Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) => {
                visitor.visit_some(self)
            }
            _ => Err(Unsure),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.want(|e| matches!(e, Event::SequenceStart(..)))?;
        let mut items = Within::new(self);
        let value = visitor.visit_seq(&mut items)?;
        items.finished(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.want(|e| matches!(e, Event::MappingStart(..)))?;
        let mut entries = Within::new(self);
        let value = visitor.visit_map(&mut entries)?;
        entries.finished(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // A variant without data, written as a scalar (`status: complete`); no enum of an
        // answers file has another kind.
        match self.text()? {
            Cow::Borrowed(s) => visitor.visit_enum(s.into_deserializer()),
            Cow::Owned(s) => visitor.visit_enum(s.into_deserializer()),
        }
    }

    // No answers file holds these: left to serde-saphyr, should a type ever ask for one.
    fn deserialize_bool<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_char<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(Unsure)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsure)
    }
}

/// A list's items or a map's entries, up to the list's or the map's end. A map's keys are
/// scalars; a repeated key is passed on, for the type to refuse (as serde-saphyr does for
/// answers files, `DuplicateKeyPolicy::PassThrough`).
struct Within<'r, 'de> {
    reader: &'r mut Reader<'de>,
    ended: bool,
}

impl<'r, 'de> Within<'r, 'de> {
    fn new(reader: &'r mut Reader<'de>) -> Within<'r, 'de> {
        Within {
            reader,
            ended: false,
        }
    }

    /// Whether the next event ends the list or map (`end`), taking it if so. Asked again
    /// after the end: left to serde-saphyr.
    fn at_end(&mut self, end: impl Fn(&Event<'de>) -> bool) -> Result<bool> {
        if self.ended {
            return Err(Unsure);
        }
        if end(self.reader.peek()?) {
            self.reader.next()?;
            self.ended = true;
        }
        Ok(self.ended)
    }

    /// `value`, once the visitor has read up to the end (a type that stops early: unsure).
    fn finished<T>(self, value: T) -> Result<T> {
        if self.ended { Ok(value) } else { Err(Unsure) }
    }
}

impl<'de> de::SeqAccess<'de> for &mut Within<'_, 'de> {
    type Error = Unsure;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.at_end(|e| matches!(e, Event::SequenceEnd))? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for &mut Within<'_, 'de> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.at_end(|e| matches!(e, Event::MappingEnd))? {
            return Ok(None);
        }
        // A list or a map as a key: left to serde-saphyr.
        if !matches!(self.reader.peek()?, Event::Scalar(..)) {
            return Err(Unsure);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_yaml_might_type_is_not_vouched_for() {
        for s in [
            "", "~", "null", "NULL", "true", "False", "<<", "12", "+12", "-1", "012", "1_000",
            "0x1F", "0o17", "0b101", "1.5", ".5", "1e3", "1E+3", "-.inf", ".NaN", "inf",
            "Infinity", "nan",
        ] {
            assert!(!plain_is_text(s), "{s:?}");
        }
        for s in [
            "no",
            "yes",
            "complete",
            "EX-900000",
            "2026-11-03",
            "2.0.0",
            "10.1.2.3",
            "feec8eba0849ed02",
            "0a3f9c",
            "5bbc5c76",
            "12 Main Street",
            "12:30",
            "$schema",
            "E. Example",
            "informal",
            "nancy",
            "Yes",
            "-abc",
            "+",
            "-",
            ".a",
            ".infinity",
            "0B",
            "0x",
        ] {
            assert!(plain_is_text(s), "{s:?}");
        }
    }
}
