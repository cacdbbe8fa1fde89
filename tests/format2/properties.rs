//! Safety properties of format 2, on the bundled format-2 tools and on random format-2
//! questionnaires (scales with random non-decreasing points, windows with every kind of
//! undated weighting, levels with and without scores and inheritance, rules on rated
//! counts, subtotals and comparisons):
//! - a higher option never lowers the score or the level (monotone in every scale);
//! - not known never scores below the lowest option, nor gives a lower level than `no`;
//! - rules and judgement only raise: the level is at least the score's and the judgement's.

use cse_screen::engine::{
    Answer, FactValue, Judgement, Responses, assess, level_for_score, outcome,
};
use cse_screen::questionnaire::{self, Questionnaire, Scoring};

use proptest::prelude::*;

/// The ranks an indicator's answer can take, lowest first: no, not known (scores as no),
/// then each option above the lowest, then a "yes" with no rating (scored as the highest).
fn ladder(q: &Questionnaire, i: usize) -> Vec<(Answer, Option<usize>)> {
    match &q.indicators[i].scoring {
        Scoring::Scale { points, .. } => {
            let mut out = vec![(Answer::No, None), (Answer::NotKnown, None)];
            out.extend((1..points.len()).map(|o| (Answer::Yes, Some(o))));
            out.push((Answer::Yes, None));
            out
        }
        _ => vec![
            (Answer::No, None),
            (Answer::NotKnown, None),
            (Answer::Yes, None),
        ],
    }
}

fn set(r: &Responses, i: usize, (answer, option): (Answer, Option<usize>)) -> Responses {
    let mut r = r.clone();
    r.indicators[i].answer = Some(answer);
    r.indicators[i].option = option;
    r
}

/// Random responses: per indicator a step on its ladder; windows ticked at random.
fn random_responses(q: &Questionnaire) -> impl Strategy<Value = Responses> + use<> {
    let q = q.clone();
    let n = q.indicators.len();
    (
        proptest::collection::vec((0usize..8, 0u8..4, proptest::option::of(0u32..30)), n),
        proptest::option::of(0u32..20),
        proptest::option::of(0usize..4),
    )
        .prop_map(move |(steps, age, judged)| {
            let mut r = Responses::empty(&q);
            for (i, (step, windows, value)) in steps.into_iter().enumerate() {
                let l = ladder(&q, i);
                let (answer, option) = l[step % l.len()];
                r.indicators[i].answer = Some(answer);
                r.indicators[i].option = option;
                if let Scoring::Windows(ws) = &q.indicators[i].scoring {
                    r.indicators[i].windows = ws
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| windows & (1 << k) != 0)
                        .map(|(_, (w, _))| *w)
                        .collect();
                }
                for f in &mut r.indicators[i].follow_ups {
                    *f = value;
                }
            }
            if let (Some(age), Some(f)) = (age, q.fact("age")) {
                r.profile[f] = FactValue::Age(age);
            }
            r.judgement = judged
                .filter(|&l| l < q.levels.len())
                .map(|raise_to| Judgement {
                    raise_to,
                    reason: "fictional".to_owned(),
                });
            r
        })
}

/// A random format-2 questionnaire, as YAML that `validate` accepts.
fn random_questionnaire() -> impl Strategy<Value = Questionnaire> {
    (
        proptest::collection::vec(0u32..4, 2..5),     // scale point increments
        proptest::collection::vec(0u32..3, 3..7),     // indicator kinds
        proptest::collection::vec(any::<bool>(), 3),  // level scored?
        proptest::collection::vec(any::<bool>(), 3),  // level inherits?
        0u32..3,                                       // undated weighting
        1u32..4,                                       // rule thresholds
    )
        .prop_map(|(inc, kinds, scored, inherits, undated, k)| {
            let mut p = 0;
            let options: Vec<String> = inc
                .iter()
                .enumerate()
                .map(|(o, d)| {
                    p += d;
                    format!("      - {{id: o{o}, label: O{o}, points: {p}}}\n")
                })
                .collect();
            let undated = ["{highest_window: true}", "{window: earlier}", "{points: 2}"]
                [undated as usize];
            let mut y = format!(
                "format: 2\nid: random\nversion: '1'\ntitle: T\njurisdiction: J\ndisclaimer: D\n\
                 ages: {{min: 8, max: 17}}\neligibility: {{statement: S, younger: {{message: M, tool: other}}}}\n\
                 sources: [{{id: s, title: S, url: 'https://example.org'}}]\nimmediate_danger: r0\n\
                 profile: [{{id: age, kind: age, prompt: Age}}]\n\
                 windows: [{{id: recent, label: R}}, {{id: earlier, label: E}}]\nundated_yes: {undated}\n\
                 scales:\n  - id: sc\n    label: Scale\n    options:\n{}\
                 categories: [{{id: c, title: C}}]\nsections:\n  - id: s1\n    title: S1\n    indicators:\n",
                options.concat()
            );
            for (i, kind) in kinds.iter().enumerate() {
                let scoring = match kind {
                    0 => "scale: sc".to_owned(),
                    1 => "weights: {recent: 3, earlier: 1}".to_owned(),
                    _ => "weight: 2".to_owned(),
                };
                y.push_str(&format!(
                    "      - {{id: i{i}, prompt: P, help: H, category: c, {scoring}, \
                     follow_up: [{{id: f, kind: count, prompt: F, max: 99}}]}}\n"
                ));
            }
            y.push_str("levels:\n  - {id: l0, label: L0, min_score: 0, routes: [r1], review_days: 30}\n");
            for l in 1..=3 {
                let min = if scored[l - 1] {
                    format!("min_score: {}, ", l as u32 * k * 2)
                } else {
                    String::new()
                };
                y.push_str(&format!(
                    "  - {{id: l{l}, label: L{l}, {min}inherit_routes: {}, routes: [r{}], review_days: 30}}\n",
                    inherits[l - 1],
                    l + 1
                ));
            }
            let top = options.len() - 1;
            y.push_str(&format!(
                "rules:\n  - id: rated\n    when: {{count: {{category: c, of: yes_or_not_known, rated: {{scale: sc, at_least: o{top}}}, at_least: 1}}}}\n    raise_to: l1\n    reason: R\n\
                 \x20 - id: sub\n    when: {{subtotal: {{section: s1, at_least: {k}}}}}\n    raise_to: l2\n    add_routes: [r5]\n    reason: R\n\
                 \x20 - id: cmp\n    when: {{compare: {{indicator: i0, follow_up: f, at_least_fact: age, plus: 3}}}}\n    raise_to: l3\n    reason: R\n"
            ));
            y.push_str("routes:\n");
            for r in 0..6 {
                y.push_str(&format!(
                    "  - {{id: r{r}, title: T, action: A, timescale: T, urgency: {}}}\n",
                    r + 1
                ));
            }
            y
        })
        .prop_filter_map("valid format-2 questionnaire", |y| questionnaire::from_str(&y).ok())
}

/// The properties, for one questionnaire and one set of responses; with `routes`, also that
/// no step up an indicator's ladder (nor not known against no) drops a route: true of every
/// questionnaire whose levels all inherit the routes below them, as the bundled ones do
/// (DESIGN §2.1; a random questionnaire may say `inherit_routes: false`).
fn check(q: &Questionnaire, r: &Responses, routes: bool) -> Result<(), TestCaseError> {
    let a = assess(q, r);
    // Rules and judgement only raise.
    prop_assert!(a.level.rank >= level_for_score(q, a.score));
    if let Some(j) = &r.judgement {
        prop_assert!(a.level.rank >= j.raise_to);
    }
    for i in 0..q.indicators.len() {
        let l = ladder(q, i);
        let scored: Vec<(u32, usize)> = l
            .iter()
            .map(|step| {
                let s = assess(q, &set(r, i, *step));
                (s.score, s.level.rank)
            })
            .collect();
        // Monotone up the options: no, each higher option, then a yes with no rating (the
        // highest). Not known sits above no and below the highest; it is not ordered against
        // the options in between (a rule may count "not known" and only the top option).
        let mut up = vec![scored[0]];
        up.extend_from_slice(&scored[2..]);
        for w in up.windows(2) {
            prop_assert!(
                w[1].1 >= w[0].1,
                "level fell along {}: {:?}",
                q.indicators[i].id,
                scored
            );
            prop_assert!(
                w[1].0 >= w[0].0,
                "score fell along {}: {:?}",
                q.indicators[i].id,
                scored
            );
        }
        let top = scored[scored.len() - 1];
        prop_assert!(
            scored[1].1 >= scored[0].1,
            "not known below no on {}",
            q.indicators[i].id
        );
        prop_assert!(
            scored[1].1 <= top.1,
            "not known above the highest on {}",
            q.indicators[i].id
        );
        // Not known scores exactly the lowest option (never below it).
        prop_assert_eq!(scored[1].0, scored[0].0);
        // The outcome function agrees with the assessment.
        prop_assert_eq!(outcome(q, &set(r, i, l[0])).level, scored[0].1);
        if routes {
            let ids = |step: &(Answer, Option<usize>)| -> std::collections::BTreeSet<String> {
                assess(q, &set(r, i, *step))
                    .routes
                    .into_iter()
                    .map(|r| r.id)
                    .collect()
            };
            let sets: Vec<_> = l.iter().map(ids).collect();
            let mut up = vec![&sets[0]];
            up.extend(&sets[2..]);
            for w in up.windows(2) {
                prop_assert!(
                    w[1].is_superset(w[0]),
                    "a route was dropped along {}: {:?}",
                    q.indicators[i].id,
                    sets
                );
            }
            prop_assert!(
                sets[1].is_superset(&sets[0]),
                "not known has fewer routes than no on {}: {:?}",
                q.indicators[i].id,
                sets
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::common::proptest_config(48))]

    #[test]
    fn random_format_2_questionnaires_are_monotone_in_every_scale_and_rules_only_raise(
        (q, r) in random_questionnaire().prop_flat_map(|q| {
            let rs = random_responses(&q);
            (Just(q), rs)
        })
    ) {
        check(&q, &r, false)?;
    }

    #[test]
    fn pan_cheshire_is_monotone_in_its_scale(r in random_responses(&super::bundled("pan-cheshire"))) {
        check(&super::bundled("pan-cheshire"), &r, true)?;
    }

    #[test]
    fn seraf_is_monotone_and_not_known_is_never_below_no(r in random_responses(&super::bundled("seraf"))) {
        check(&super::bundled("seraf"), &r, true)?;
    }
}
