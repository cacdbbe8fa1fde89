//! What the bundled questionnaires say about themselves: every level, rule and route cites its
//! sources, phone numbers and timescales are sourced or marked as a local default, and no
//! text overstates what the screening is (the hazard log, H08 and H09, cites these tests).

use cse_screen::questionnaire::{self, Questionnaire};
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
