//! What the bundled questionnaires say about themselves: every level, rule and route cites its
//! sources, phone numbers and timescales are sourced or marked as a local default, and no
//! text overstates what the screening is (the hazard log, H08 and H09, cites these tests).

use cse_screen::questionnaire::{self, Condition, Questionnaire};
use regex::Regex;

const BUNDLED: [&str; 2] = ["oxfordshire-cse", "national-cse"];

fn bundled(id: &str) -> Questionnaire {
    let b = questionnaire::bundled(id).expect("bundled");
    questionnaire::from_str(b.text).expect("the bundled questionnaire is valid")
}

/// Every text a practitioner sees from the questionnaire, each with where it comes from.
fn texts(q: &Questionnaire) -> Vec<(String, String)> {
    let mut out = vec![
        (
            "description".to_owned(),
            q.description.clone().unwrap_or_default(),
        ),
        ("disclaimer".to_owned(), q.disclaimer.clone()),
    ];
    for r in &q.routes {
        let contact = r.contact.clone().unwrap_or_default();
        out.push((
            format!("route {}", r.id),
            format!("{} {} {contact} {}", r.title, r.action, r.timescale),
        ));
    }
    for r in &q.rules {
        out.push((format!("rule {}", r.id), r.reason.clone()));
    }
    for l in &q.levels {
        out.push((
            format!("level {}", l.id),
            l.description.clone().unwrap_or_default(),
        ));
    }
    if let Some(e) = &q.escalation {
        out.push(("escalation".to_owned(), e.reason.clone()));
        if let Some(m) = &e.missing {
            out.push(("escalation.missing".to_owned(), m.reason.clone()));
        }
    }
    out
}

#[test]
fn every_level_rule_and_route_cites_its_sources() {
    for id in BUNDLED {
        let q = bundled(id);
        let mut bare: Vec<String> = Vec::new();
        bare.extend(
            q.levels
                .iter()
                .filter(|l| l.sources.is_empty())
                .map(|l| format!("level {}", l.id)),
        );
        bare.extend(
            q.rules
                .iter()
                .filter(|r| r.sources.is_empty())
                .map(|r| format!("rule {}", r.id)),
        );
        bare.extend(
            q.routes
                .iter()
                .filter(|r| r.sources.is_empty())
                .map(|r| format!("route {}", r.id)),
        );
        assert!(bare.is_empty(), "{id}: no sources for {bare:?}");
    }
}

#[test]
fn a_timescale_or_threshold_without_a_published_source_says_it_is_a_local_default() {
    // The timescales issue 16 found with no source: each is now either sourced (and so
    // changed to what the source says) or marked, in words the practitioner sees.
    let local = "check your local procedures";
    for id in BUNDLED {
        let q = bundled(id);
        for r in &q.routes {
            let t = r.timescale.to_lowercase();
            // "Within 72 hours" (Oxfordshire, DfE) and "every six weeks" (the Exploitation
            // Network) are what their sources say; days and weeks of our own are marked.
            if t.contains("working day") || t.contains("this week") || t.contains("2 weeks") {
                assert!(
                    t.contains(local) || t.contains("the mash decides"),
                    "{id}: route {} gives `{}` with no source or local-default note",
                    r.id,
                    r.timescale
                );
            }
        }
        let e = q.escalation.as_ref().expect("escalation");
        assert!(
            e.reason.contains("local default") && e.reason.contains(local),
            "{id}: escalation after {} screenings is a local default: {}",
            e.not_reducing_after,
            e.reason
        );
        // The 14-day review at High had no source; Staffordshire's 4 to 6 weeks does.
        let high = q.levels.last().expect("levels");
        assert_eq!(high.review_days, 28, "{id}");
        assert!(
            high.sources
                .iter()
                .any(|&s| q.sources[s].id == "staffordshire_risk_matrix"),
            "{id}"
        );
    }
}

#[test]
fn every_phone_number_is_in_a_route_that_cites_a_source() {
    let phone = Regex::new(r"\b(999|101|0\d{3} ?\d{3} ?\d{3,4})\b").expect("regex");
    for id in BUNDLED {
        let q = bundled(id);
        for r in &q.routes {
            let text = format!("{} {}", r.action, r.contact.as_deref().unwrap_or(""));
            if phone.is_match(&text) {
                assert!(
                    !r.sources.is_empty(),
                    "{id}: route {} has a number and no source",
                    r.id
                );
            }
        }
    }
}

#[test]
fn no_text_overstates_what_the_screening_is_or_names_an_unsourced_service() {
    for id in BUNDLED {
        let q = bundled(id);
        for (where_, text) in texts(&q) {
            // MARAMP has no primary source, and the Kingfisher Team's own number dates
            // from 2015: the service is now the Youth Justice and Exploitation Service.
            assert!(!text.contains("MARAMP"), "{id}: {where_}: {text}");
            assert!(!text.contains("01865 335276"), "{id}: {where_}: {text}");
            // A return interview is offered after every episode (DfE 2014); two or more
            // episodes are a local trigger, not a requirement.
            assert!(
                !text.contains("conversation is required"),
                "{id}: {where_}: {text}"
            );
        }
        // The referral route says the area's own tool is still needed.
        let referral = q
            .routes
            .iter()
            .find(|r| r.id == "mash_referral" || r.id == "front_door_referral")
            .expect("a referral route");
        assert!(
            referral
                .action
                .contains("this screening does not replace it"),
            "{id}: {}",
            referral.action
        );
    }
    let oxfordshire = bundled("oxfordshire-cse");
    assert!(oxfordshire.description.as_deref().is_some_and(|d| {
        d.contains("does not replace Oxfordshire's Child Exploitation Screening Tool")
    }),);
}

#[test]
fn both_questionnaires_ask_about_criminal_exploitation_and_the_routes_practitioners_need() {
    for id in BUNDLED {
        let q = bundled(id);
        let section = q
            .sections
            .iter()
            .find(|s| s.id == "criminal_exploitation")
            .unwrap_or_else(|| panic!("{id}: no criminal exploitation section"));
        assert!(section.indicators.len() >= 5, "{id}");
        for route in [
            "police_information",
            "national_referral_mechanism",
            "early_help",
            "childs_voice",
            "support_for_parents",
            "professional_disagreement",
            "education_safeguarding",
        ] {
            assert!(
                q.routes.iter().any(|r| r.id == route),
                "{id}: no route {route}"
            );
        }
        // Early Help, the child's voice and the parents are there from the lowest level.
        let low: Vec<&str> = q.levels[0]
            .routes
            .iter()
            .map(|&r| q.routes[r].id.as_str())
            .collect();
        for route in ["early_help", "childs_voice", "support_for_parents"] {
            assert!(low.contains(&route), "{id}: low lacks {route}: {low:?}");
        }
        // Parents are partners, not the cause.
        let parents = q
            .routes
            .iter()
            .find(|r| r.id == "support_for_parents")
            .expect("route");
        assert!(parents.action.contains("not as the cause"), "{id}");
    }
}

/// Decision 33 (oxfordshire-cse and national-cse 2.5.0): the wording a review found wrong or
/// missing. Each of these fails on 2.4.0.
#[test]
fn the_2_5_0_wording_says_what_to_answer_and_does_not_contradict_the_routes() {
    for id in BUNDLED {
        let q = bundled(id);
        let ind = |x: &str| &q.indicators[q.indicator(x).unwrap_or_else(|| panic!("{id}: {x}"))];
        let route = |x: &str| {
            q.routes
                .iter()
                .find(|r| r.id == x)
                .unwrap_or_else(|| panic!("{id}: {x}"))
        };
        let rule = |x: &str| {
            q.rules
                .iter()
                .find(|r| r.id == x)
                .unwrap_or_else(|| panic!("{id}: {x}"))
        };
        let oxfordshire = id == "oxfordshire-cse";
        // 1. An injury that may come from an assault is asked even when its cause is known
        // (a child stabbed, found in review: Medium with no referral).
        let injury = ind("unexplained_injury");
        assert!(
            injury
                .prompt
                .contains("may come from an assault even if its cause is known")
                && injury.prompt.contains("hurt with a weapon"),
            "{id}: {}",
            injury.prompt
        );
        assert!(
            injury
                .help
                .contains("even when everyone knows how it happened"),
            "{id}: {}",
            injury.help
        );
        let why = &rule("unexplained_injury_investigated").reason;
        assert!(
            why.contains("may come from an assault")
                && why.contains("even where how it happened is known"),
            "{id}: {why}"
        );
        let weapon = &ind("weapon_concern").help;
        assert!(
            weapon.contains("also answer yes to the question about an injury"),
            "{id}: {weapon}"
        );
        // 4. Sextortion: threats with images are also answered as threats.
        let images = &ind("sexual_images_solicited").help;
        assert!(
            images.contains("threatened or")
                && images.contains("also answer yes to the question about a debt or threats"),
            "{id}: {images}"
        );
        // 6. No "today" for the police that no route gives: the police route says 1 working
        // day, and 999 is for danger now.
        assert!(
            route("police_information")
                .timescale
                .starts_with("Within 1 working day"),
            "{id}"
        );
        let debt = &ind("debt_or_threats").help;
        assert!(
            debt.contains("If anyone is in danger now, call 999; otherwise tell the police"),
            "{id}: {debt}"
        );
        // 5. A return interview whose 72 hours have passed is checked, and held now if missed.
        let ri = route("return_home_conversation");
        assert!(
            ri.timescale.contains("where 72 hours have passed")
                && ri.action.contains("Where 72 hours have passed")
                && ri.action.contains("talk with the child now")
                && ri.action.contains("record any decision not to hold one"),
            "{id}: {ri:?}"
        );
        // 7. Beside a referral, nothing reads as a choice not to refer.
        let consultation = route(if oxfordshire {
            "mash_consultation"
        } else {
            "front_door_consultation"
        });
        assert!(
            consultation.title.starts_with("Where no rule here refers")
                && consultation
                    .action
                    .starts_with("This applies only where no")
                && consultation.action.contains("make the referral"),
            "{id}: {consultation:?}"
        );
        let why = &rule("under_16_sexual_harm").reason;
        assert!(
            why.contains("Where no rule here refers")
                && why.contains("this is not a choice not to refer")
                && !why.contains("If you decide not to refer"),
            "{id}: {why}"
        );
    }
    // No bundled questionnaire tells anyone to involve the police "today" (found in review:
    // the debt help did, while the only police route it brings says 1 working day).
    for id in ["oxfordshire-cse", "national-cse", "seraf", "pan-cheshire"] {
        let text = questionnaire::bundled(id).expect("bundled").text;
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!words.to_lowercase().contains("police today"), "{id}");
    }
}

#[test]
fn the_2_6_0_reasons_say_why_grooming_with_sexual_contact_and_harmful_sexual_behaviour_act() {
    for id in BUNDLED {
        let q = bundled(id);
        let rule = |x: &str| {
            q.rules
                .iter()
                .find(|r| r.id == x)
                .unwrap_or_else(|| panic!("{id}: {x}"))
        };
        // 1. Grooming with sexual contact is a child manipulated or deceived into sexual
        // activity: the definition, at 16 and 17 too.
        let why = &rule("sexual_harm_with_exchange_or_control").reason;
        assert!(
            why.contains("grooming online or by phone together with sexual contact")
                && why.contains("manipulat")
                && why.contains("16- or 17-year-old"),
            "{id}: {why}"
        );
        // 2. Harmful sexual behaviour is never Low: the published tools rate it High.
        let r = rule("sexual_behaviour_not_low");
        assert!(
            r.reason.contains("rated High") && r.reason.contains("safeguarding lead"),
            "{id}: {}",
            r.reason
        );
        for source in ["wiltshire_suggested_levels", "pan_cheshire_screening_tool"] {
            assert!(
                r.sources.iter().any(|&s| q.sources[s].id == source),
                "{id}: {source}"
            );
        }
    }
}

/// Version 2.8.0: the images rules' reasons ask who asked and what was given, promised or
/// threatened, and say to raise it if so; the help on being out late or overnight sends the
/// practitioner to the missing question; and the sexual contact help says what the rules read
/// about the other person's age, with no age gap of its own (the reference gives none).
#[test]
fn the_2_8_0_texts_say_what_to_answer_for_images_overnight_and_an_older_person() {
    for id in BUNDLED {
        let q = bundled(id);
        let rule = |x: &str| {
            q.rules
                .iter()
                .find(|r| r.id == x)
                .unwrap_or_else(|| panic!("{id}: {x}"))
        };
        let indicator = |x: &str| &q.indicators[q.indicator(x).unwrap_or_else(|| panic!("{x}"))];
        let why = &rule("sexual_images_at_any_age").reason;
        for want in [
            "who asked",
            "given",
            "promised or\nthreatened",
            "raise the outcome",
        ] {
            let want = want.replace('\n', " ");
            assert!(why.contains(&want), "{id}: `{want}` in {why}");
        }
        let why = &rule("under_16_sexual_images_asked_for").reason;
        assert!(
            why.contains("grooming") && why.contains("sections 9 to 15"),
            "{id}: {why}"
        );
        for rule_id in [
            "sexual_images_at_any_age",
            "under_16_sexual_images_asked_for",
        ] {
            for source in ["cse_definition_online", "online_grooming_language"] {
                assert!(
                    rule(rule_id)
                        .sources
                        .iter()
                        .any(|&s| q.sources[s].id == source),
                    "{id}: {rule_id} cites {source}"
                );
            }
        }
        let why = &rule("sexual_harm_with_exchange_or_control").reason;
        assert!(
            why.contains("together with sexual contact or with sexual images asked for"),
            "{id}: {why}"
        );
        // 4. Overnight, or nobody knew where: the missing question too, for each episode.
        let help = indicator("whereabouts_not_known").help.clone();
        assert!(
            help.contains("overnight")
                && help.contains("missing from home or care")
                && help.contains("each episode"),
            "{id}: {help}"
        );
        // 5. No "much older person" promise the rules do not keep: 18 or over, or the sexual
        // interest question, which the under-16 rule reads as a power imbalance.
        let contact = indicator("sexual_contact_concern");
        let learning = contact.learning.join(" ");
        assert!(
            !learning.contains("an adult or a much older person, and any sign"),
            "{id}: {learning}"
        );
        assert!(
            learning.contains("18 or over")
                && learning.contains("sexual interest from an older person"),
            "{id}: {learning}"
        );
        let interest = q
            .indicator("sexual_interest_from_older_person")
            .expect("indicator");
        assert!(
            reads(
                &rule("under_16_sexual_harm_with_power_imbalance").when,
                interest
            ),
            "{id}: the under-16 rule reads the sexual interest question"
        );
    }
}

/// Whether `c` reads indicator `i` by its id.
fn reads(c: &Condition, i: usize) -> bool {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(|c| reads(c, i)),
        Condition::Answer { indicator, .. } => *indicator == i,
        _ => false,
    }
}
