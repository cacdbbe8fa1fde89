//! One test per class of questionnaire problem, pinning the message, its position and its help.
//!
//! Each case edits the complete example from docs/questionnaire-format.md (which is valid)
//! and asserts the exact list of problems `validate` reports.

use cse_screen::questionnaire;

const EXAMPLE: &str = include_str!("../../examples/questionnaire-minimal.yaml");

/// The example with each `(from, to)` replaced once; panics if `from` is not there.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = EXAMPLE.to_owned();
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "test setup: `{from}` is not in the example"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// Every problem as `line:col: message [help]`, in report order.
fn problems(text: &str) -> Vec<String> {
    match questionnaire::from_str(text) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .iter()
            .map(|p| {
                let at = p
                    .position
                    .map_or_else(|| "-".to_owned(), |p| format!("{}:{}", p.line, p.column));
                format!("{at}: {} [{}]", p.message, p.help.as_deref().unwrap_or(""))
            })
            .collect(),
    }
}

fn check(edits: &[(&str, &str)], expected: &[&str]) {
    assert_eq!(problems(&edited(edits)), expected);
}

#[test]
fn the_example_is_valid() {
    assert_eq!(problems(EXAMPLE), Vec::<String>::new());
}

#[test]
fn yaml_syntax_error() {
    check(
        &[(
            "title: Minimal example screening",
            "title: Minimal: example: screening",
        )],
        &[
            "5:15: mapping values are not allowed in this context [check the indentation of this line and the ones above; quote text that contains `: `]",
        ],
    );
}

#[test]
fn unknown_field_suggests_nearest() {
    check(
        &[("    help: Ask who gave", "    hlep: Ask who gave")],
        &["50:9: unknown field `hlep` [did you mean `help`?]"],
    );
}

#[test]
fn duplicate_key() {
    check(
        &[(
            "        weight: 1\n",
            "        weight: 1\n        weight: 2\n",
        )],
        &[
            "53:9: duplicate mapping key `weight` is not allowed here [a key may appear only once in each mapping; remove or merge the repeated one]",
        ],
    );
}

#[test]
fn wrong_type() {
    check(
        &[("        weight: 1\n", "        weight: lots\n")],
        &[
            "52:17: expected a whole number [write a whole number such as 2, without quotes or decimals]",
        ],
    );
}

#[test]
fn missing_required_field() {
    check(
        &[("title: Minimal example screening\n", "")],
        &[
            "101:1: missing field `title` [add `title:`; see docs/questionnaire-format.md for what it holds]",
        ],
    );
}

#[test]
fn rule_on_no_answer_cannot_be_written() {
    check(
        &[(
            "        - count: {section: significant_indicators, of: yes, at_least: 1}",
            "        - answer: {indicator: missing, is: no}",
        )],
        &[
            "64:44: unknown variant `no`, expected one of yes, yes_or_not_known [rules can only test `yes` or `yes_or_not_known`: a rule on \"no\" or \"not known\" alone would stop firing when the answer became yes, and lower the outcome]",
        ],
    );
}

#[test]
fn empty_file() {
    assert_eq!(
        problems("# only a comment\n"),
        [
            "-: the file is empty [a questionnaire starts with `format: 1`; see docs/questionnaire-format.md]"
        ]
    );
}

#[test]
fn unsupported_format_version() {
    check(
        &[("format: 1", "format: 3")],
        &[
            "2:9: this questionnaire was made by a newer cse-screen: it is format 3, and this cse-screen reads format 2 [upgrade cse-screen to a version that reads it; the file was not changed]",
        ],
    );
}

#[test]
fn invalid_questionnaire_id() {
    check(
        &[("id: example-minimal", "id: Example Minimal")],
        &[
            "3:5: questionnaire id `Example Minimal` is not valid [use lower-case letters, digits, `-` and `_`, starting with a letter (for example `oxfordshire-cse`)]",
        ],
    );
}

#[test]
fn invalid_id_syntax() {
    check(
        &[(
            "      - id: unexplained_gifts",
            "      - id: Unexplained-Gifts",
        )],
        &[
            "48:13: indicator id `Unexplained-Gifts` is not valid [ids are lower_snake_case: a lower-case letter, then lower-case letters, digits or `_` (at most 64)]",
        ],
    );
}

#[test]
fn duplicate_id_across_kinds() {
    check(
        &[("      - id: unexplained_gifts", "      - id: risk")],
        &[
            "48:13: indicator id `risk` is already used by a category at line 31 [every id must be unique across the questionnaire; rename one of them]",
        ],
    );
}

#[test]
fn unknown_reference_suggests_nearest() {
    check(
        &[("raise_to: high", "raise_to: hihg")],
        &["65:15: rule `under_13` names unknown level `hihg` [did you mean `high`?]"],
    );
}

#[test]
fn unknown_reference_lists_choices() {
    check(
        &[("category: risk", "category: gifts")],
        &[
            "51:19: indicator `unexplained_gifts` names unknown category `gifts` [define it, or name one of the categories: risk, significant]",
        ],
    );
}

#[test]
fn reference_to_wrong_kind() {
    check(
        &[(
            "add_routes: [return_home_conversation]",
            "add_routes: [high]",
        )],
        &[
            "69:18: rule `two_missing_episodes` names `high`, which is a level, not a route [name one of the routes: call_999, discuss_with_dsl, record_and_rescreen, return_home_conversation, strategy_meeting]",
            "84:9: route `return_home_conversation` is never recommended [name it in a level's `routes`, a rule's `add_routes`, `immediate_danger` or `escalation`, or remove it]",
        ],
    );
}

#[test]
fn negative_weight() {
    check(
        &[("        weight: 1\n", "        weight: -3\n")],
        &[
            "52:17: weight of indicator `unexplained_gifts` is negative (-3) [use a whole number from 0 to 1000]",
        ],
    );
}

#[test]
fn huge_weight() {
    check(
        &[(
            "weights: {recent: 5, earlier: 1}",
            "weights: {recent: 5000000000, earlier: 1}",
        )],
        &[
            "41:27: weight of indicator `missing` in window `recent` is 5000000000, outside 0 to 1000 [use a whole number from 0 to 1000]",
        ],
    );
}

#[test]
fn weight_and_weights() {
    check(
        &[(
            "        weight: 1\n",
            "        weight: 1\n        weights: {recent: 1}\n",
        )],
        &[
            "52:17: indicator `unexplained_gifts` has both `weight` and `weights` [keep `weights` for an indicator asked with time windows, `weight` for one without]",
        ],
    );
}

#[test]
fn no_weight() {
    check(
        &[("        weight: 1\n", "")],
        &[
            "48:13: indicator `unexplained_gifts` has no `weight` [add `weight: N`, or `weights: {window: N, ...}` for an indicator asked with time windows]",
        ],
    );
}

#[test]
fn empty_weights() {
    check(
        &[("weights: {recent: 5, earlier: 1}", "weights: {}")],
        &[
            "41:18: `weights` of indicator `missing` is empty [give points for at least one window, such as {recent: 5, earlier: 1}]",
        ],
    );
}

#[test]
fn window_not_defined() {
    check(
        &[(
            "weights: {recent: 5, earlier: 1}",
            "weights: {recent: 5, last_year: 1}",
        )],
        &[
            "41:30: `weights` of indicator `missing` names unknown window `last_year` [define it, or name one of the windows: earlier, recent]",
        ],
    );
}

#[test]
fn missing_help() {
    check(
        &[(
            "        help: Ask who gave them and what was expected in return.\n",
            "",
        )],
        &[
            "48:13: indicator `unexplained_gifts` has no `help` [add help text that says what to look for or ask: a practitioner must be able to act on every question]",
        ],
    );
}

#[test]
fn empty_prompt() {
    check(
        &[(
            "prompt: Has the child been missing from home or care?",
            "prompt: ' '",
        )],
        &["38:17: prompt of indicator `missing` is empty [write the text, or remove the entry]"],
    );
}

#[test]
fn first_level_not_zero() {
    check(
        &[("min_score: 0,", "min_score: 1,")],
        &[
            "55:38: the first level, `low`, starts at 1 instead of 0 [give the lowest level `min_score: 0`, so every score has a level]",
        ],
    );
}

#[test]
fn levels_not_increasing() {
    check(
        &[("min_score: 6,", "min_score: 5,")],
        &[
            "57:40: `min_score` of level `high` (5) is not greater than that of `medium` (5) [list levels lowest first, each with a higher `min_score` than the one before]",
        ],
    );
}

#[test]
fn review_days_out_of_range() {
    check(
        &[("review_days: 14", "review_days: 0")],
        &[
            "57:84: `review_days` of level `high` is 0, outside 1 to 3650 [use a whole number from 1 to 3650]",
        ],
    );
}

#[test]
fn route_never_recommended() {
    check(
        &[(
            "add_routes: [return_home_conversation]",
            "add_routes: [discuss_with_dsl]",
        )],
        &[
            "84:9: route `return_home_conversation` is never recommended [name it in a level's `routes`, a rule's `add_routes`, `immediate_danger` or `escalation`, or remove it]",
        ],
    );
}

#[test]
fn level_never_reached() {
    check(
        &[
            ("min_score: 6,", "min_score: 60,"),
            ("raise_to: high", "raise_to: medium"),
        ],
        &[
            "57:40: level `high` can never be reached: it needs 60 points, the highest possible score is 7, and no rule raises to it [lower its `min_score`, or add a rule with `raise_to` this level]",
        ],
    );
}

#[test]
fn a_weight_in_an_id_does_not_stand_down_the_score_checks() {
    // Only a problem with a weight makes the highest score unknown; a problem with an
    // indicator whose id happens to contain "weight" does not.
    check(
        &[
            ("- id: unexplained_gifts", "- id: weight_loss"),
            (
                "        help: Ask who gave them and what was expected in return.\n",
                "",
            ),
            ("min_score: 6,", "min_score: 60,"),
            ("raise_to: high", "raise_to: medium"),
        ],
        &[
            "48:13: indicator `weight_loss` has no `help` [add help text that says what to look for or ask: a practitioner must be able to act on every question]",
            "56:40: level `high` can never be reached: it needs 60 points, the highest possible score is 7, and no rule raises to it [lower its `min_score`, or add a rule with `raise_to` this level]",
        ],
    );
}

#[test]
fn count_can_never_fire() {
    check(
        &[("of: yes, at_least: 1}", "of: yes, at_least: 2}")],
        &[
            "64:71: `count` in rule `under_13` needs at least 2 answers, but only 1 indicator is counted, so the rule can never fire [use a number from 1 to 1]",
        ],
    );
}

#[test]
fn score_can_never_fire() {
    check(
        &[(
            "        - count: {section: significant_indicators, of: yes, at_least: 1}",
            "        - score: {at_least: 100}",
        )],
        &[
            "64:29: `score` in rule `under_13` needs at least 100, but the highest possible score is 7, so the rule can never fire [use a number from 1 to 7]",
        ],
    );
}

#[test]
fn count_not_known_in_a_window() {
    check(
        &[(
            "of: yes, at_least: 1}",
            "of: yes_or_not_known, window: recent, at_least: 1}",
        )],
        &[
            "64:82: `count` in rule `under_13` counts `yes_or_not_known` in window `recent` [a not-known answer has no window: count `of: yes` in a window, or `yes_or_not_known` without `window`]",
        ],
    );
}

#[test]
fn count_window_unused_in_scope() {
    check(
        &[(
            "- count: {section: significant_indicators, of: yes, at_least: 1}",
            "- count: {section: risk_indicators, of: yes, window: recent, at_least: 1}",
        )],
        &[
            "64:62: `count` in rule `under_13` counts window `recent`, but no indicator it counts is asked with that window [remove `window`, or count a section or category whose indicators use it]",
        ],
    );
}

#[test]
fn count_needs_one_scope() {
    check(
        &[(
            "- count: {section: significant_indicators, of: yes, at_least: 1}",
            "- count: {section: risk_indicators, category: risk, of: yes, at_least: 1}",
        )],
        &[
            "64:11: `count` in rule `under_13` needs exactly one of `section` and `category` [count the answers of one section, or of one category]",
        ],
    );
}

#[test]
fn rule_does_nothing() {
    check(
        &[("    raise_to: high\n", "")],
        &[
            "60:9: rule `under_13` does nothing [give it `raise_to: LEVEL`, `add_routes: [ROUTE, ...]`, or both]",
        ],
    );
}

#[test]
fn age_test_shape() {
    check(
        &[(
            "profile: {fact: age, below: 13}",
            "profile: {fact: age, is: yes}",
        )],
        &[
            "63:11: `profile` test of `age` in rule `under_13` needs exactly one of `below`, `at_most` and `at_least` [for example `profile: {fact: age, below: 13}` (under 13) or `{fact: age, at_most: 13}` (13 or under)]",
        ],
    );
}

#[test]
fn yes_no_test_shape() {
    check(
        &[(
            "profile: {fact: age, below: 13}",
            "profile: {fact: looked_after, below: 13}",
        )],
        &[
            "63:11: `profile` test of yes/no fact `looked_after` in rule `under_13` needs `is: yes` or `is: no` [for example `profile: {fact: looked_after, is: yes}`]",
        ],
    );
}

#[test]
fn age_out_of_range() {
    check(
        &[(
            "profile: {fact: age, below: 13}",
            "profile: {fact: age, below: 30}",
        )],
        &["63:39: age in rule `under_13` is 30, outside 0 to 25 [use a whole number from 0 to 25]"],
    );
}

#[test]
fn unknown_follow_up() {
    check(
        &[(
            "follow_up: episodes, at_least: 2",
            "follow_up: episode, at_least: 2",
        )],
        &[
            "68:55: rule `two_missing_episodes` names unknown follow-up `episode` of indicator `missing` [did you mean `episodes`?]",
        ],
    );
}

#[test]
fn no_age_fact() {
    check(
        &[
            (
                "  - id: age\n    kind: age\n",
                "  - id: years\n    kind: yes_no\n",
            ),
            ("fact: age,", "fact: years,"),
        ],
        &[
            "-: `profile` has no age fact [add `- {id: age, kind: age, prompt: Age of the child in whole years}`: rules about young children need it]",
            "63:11: `profile` test of yes/no fact `years` in rule `under_13` needs `is: yes` or `is: no` [for example `profile: {fact: years, is: yes}`]",
        ],
    );
}

#[test]
fn age_fact_named_differently() {
    check(
        &[
            ("  - id: age\n", "  - id: years\n"),
            ("fact: age,", "fact: years,"),
        ],
        &[
            "18:9: the age fact is called `years` [call it `age`, so saved screenings and tools can find it]",
        ],
    );
}

#[test]
fn two_age_facts() {
    check(
        &[("    kind: yes_no\n", "    kind: age\n")],
        &[
            "22:11: profile fact `looked_after` is a second age fact [a questionnaire has one age fact, `age`; make this one `kind: yes_no` or remove it]",
        ],
    );
}

#[test]
fn ages_reversed() {
    check(
        &[("ages: {min: 10, max: 17}", "ages: {min: 17, max: 10}")],
        &[
            "10:13: `ages.min` (17) is greater than `ages.max` (10) [swap them: `min` is the youngest age the questionnaire is for]",
        ],
    );
}

#[test]
fn source_url_not_a_web_address() {
    check(
        &[("url: https://example.org/seraf", "url: example.org/seraf")],
        &[
            "14:10: url of source `seraf` is not a web address [write the full address, starting with https://]",
        ],
    );
}

/// Found in review: `show --format markdown` writes a source's address as an autolink,
/// `<address>`; a `<` in it ended the link and what followed was raw HTML.
#[test]
fn source_url_with_what_ends_a_link() {
    check(
        &[(
            "url: https://example.org/seraf",
            "url: \"https://example.org/a?<img src=x onerror=alert(1)>\"",
        )],
        &[
            "14:10: url of source `seraf` holds `<`, which a web address cannot [percent-encode it in the address (%20 for a space, %3C for <, %3E for >, %22 for \")]",
        ],
    );
    check(
        &[(
            "url: https://example.org/seraf",
            "url: \"https://example.org/a b\"",
        )],
        &[
            "14:10: url of source `seraf` holds a space, which a web address cannot [percent-encode it in the address (%20 for a space, %3C for <, %3E for >, %22 for \")]",
        ],
    );
}

#[test]
fn empty_all() {
    check(
        &[(
            "      all:\n        - profile: {fact: age, below: 13}\n        - count: {section: significant_indicators, of: yes, at_least: 1}\n",
            "      all: []\n",
        )],
        &["62:7: `all` in rule `under_13` is empty [list at least one condition]"],
    );
}

#[test]
fn escalation_references() {
    check(
        &[(
            "reminders:\n  - id: share",
            "escalation:\n  not_reducing_after: 1\n  from_level: meduim\n  route: strategy_meeting\n  reason: Risk is not reducing.\n  missing: {indicator: missing, follow_up: episods, at_least: 2, reason: Return home conversation.}\nreminders:\n  - id: share",
        )],
        &[
            "103:23: `escalation.not_reducing_after` is 1, outside 2 to 50 [use a whole number from 2 to 50]",
            "104:15: `escalation` names unknown level `meduim` [did you mean `medium`?]",
            "107:44: `escalation.missing` names unknown follow-up `episods` of indicator `missing` [name one of its follow-ups: episodes]",
        ],
    );
}

#[test]
fn unknown_reminder() {
    check(
        &[(
            "    reminders: [share_information]\n  - id: return_home",
            "    reminders: [share_info]\n  - id: return_home",
        )],
        &[
            "83:17: route `strategy_meeting` names unknown reminder `share_info` [define it, or name one of the reminders: share_information]",
        ],
    );
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let text = edited(&[
        (
            "weights: {recent: 5, earlier: 1}",
            "weights: {recent: 5, erlier: 1}",
        ),
        ("        weight: 1\n", "        weight: -2\n"),
        ("routes: [discuss_with_dsl]", "routes: [discuss_with_dls]"),
        ("raise_to: high", "raise_to: hihg"),
    ]);
    let found = problems(&text);
    // The misspelt route also leaves `discuss_with_dsl` unreachable: five problems in all.
    assert_eq!(found.len(), 5, "{found:#?}");
    let lines: Vec<&str> = found
        .iter()
        .map(|p| p.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(lines, ["41", "52", "56", "65", "90"], "sorted by position");
}

/// Problems from the wording check of a questionnaire's own text, as `line:col: message`.
fn wording(text: &str) -> Vec<String> {
    let list = cse_screen::language::bundled().unwrap();
    cse_screen::language::questionnaire::check(list, text)
        .iter()
        .map(|p| {
            let at = p
                .position
                .map_or_else(|| "-".to_owned(), |p| format!("{}:{}", p.line, p.column));
            format!("{at}: {}", p.message)
        })
        .collect()
}

#[test]
fn a_listed_phrase_in_the_questionnaires_own_words_is_found_where_it_is() {
    assert_eq!(wording(EXAMPLE), Vec::<String>::new());
    let text = edited(&[
        (
            "prompt: Has the child been missing from home or care?",
            "prompt: Has the child been missing, putting herself at risk?",
        ),
        (
            "reason: A child under 13 cannot consent to any sexual activity.",
            "reason: >-\n      A child under 13 who is sexually\n      active needs a strategy meeting.",
        ),
        (
            "action: Discuss the screening with your safeguarding lead today.",
            "action: \"Discuss the \\\"lifestyle choice\\\" with your lead.\"",
        ),
    ]);
    assert_eq!(
        wording(&text),
        [
            "38:45: prompt of indicator `missing` says \"putting herself at risk\" (listed phrase `putting_self_at_risk`)",
            // A folded line: the words are found across the line break, where they start.
            "67:31: reason of rule `under_13` says \"sexually active\" (listed phrase `sexually_active`)",
            // Inside a quoted value with escapes, still on the words themselves.
            "94:28: action of route `discuss_with_dsl` says \"lifestyle choice\" (listed phrase `lifestyle_choice`)",
        ]
    );
}

#[test]
fn a_phrase_quoted_after_avoid_saying_is_allowed() {
    let text = edited(&[(
        "help: Ask what the child is running to, as well as from.",
        "help: 'Avoid saying \"she is putting herself at risk\" or “lifestyle choice”; ask what the child is running to.'",
    )]);
    assert_eq!(wording(&text), Vec::<String>::new());
    // Without the marker, the same quotes are findings.
    let text = edited(&[(
        "help: Ask what the child is running to, as well as from.",
        "help: 'Say \"she is putting herself at risk\"; ask what the child is running to.'",
    )]);
    assert_eq!(wording(&text).len(), 1);
}
