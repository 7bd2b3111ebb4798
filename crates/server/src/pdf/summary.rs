//! What the summary export says: heading, the core's `render_text`, then
//! who recorded each item and for which organisation.

use samenop_core::catalogue::{fill, text};
use samenop_core::steps::Step;
use samenop_core::summary::{OnSceneSummary, TimelineKind, local_time_text};
use samenop_core::{Actor, Answer, Label, Lang, Organisation};

use super::fonts::Style;
use super::layout::{Line, line};

fn by(actor: &Actor) -> String {
    format!("{} ({})", actor.display_name, actor.organisation.label(Lang::Nl))
}

/// Who recorded an item, or that the case does not say (an event the
/// device did not have).
fn by_if_recorded(actor: Option<&Actor>) -> String {
    actor
        .map(by)
        .unwrap_or_else(|| text(Lang::Nl, "pdf-not_recorded").into())
}

/// The lines of the export: heading, `render_text`, then who recorded what.
pub(super) fn document(summary: &OnSceneSummary, requested_by: &str) -> Vec<Line> {
    let mut out = vec![line(Style::Title, text(Lang::Nl, "pdf-title"))];
    if let Some(id) = summary.case_id {
        out.push(line(Style::Body, fill(Lang::Nl, "pdf-case", &[("id", &id)])));
    }
    out.push(line(
        Style::Body,
        fill(
            Lang::Nl,
            "pdf-generated",
            &[("at", &local_time_text(summary.generated_at)), ("by", &requested_by)],
        ),
    ));
    out.push(line(Style::Body, ""));

    let rendered = summary.render_text(Lang::Nl);
    let mut previous_blank = true;
    for (i, t) in rendered.lines().enumerate() {
        // The first line and the one-word section titles after a blank line
        // are headings; everything else is body text.
        let heading =
            i == 0 || (previous_blank && !t.is_empty() && !t.contains(':') && !t.starts_with([' ', '-', '*', '!']));
        out.push(line(if heading { Style::Heading } else { Style::Body }, t));
        previous_blank = t.is_empty();
    }

    out.push(line(Style::Body, ""));
    out.push(line(Style::Heading, text(Lang::Nl, "pdf-recorded_by")));
    let opener = summary.opening.as_ref().map(|o| &o.opened_by);
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            out.push(line(Style::Body, format!("{title}:")));
            out.extend(items.into_iter().map(|t| line(Style::Body, format!("- {t}"))));
        }
    };
    section(
        text(Lang::Nl, "summary-timeline"),
        summary
            .timeline
            .iter()
            .map(|e| {
                let who = match (&e.by, e.organisation) {
                    (Some(name), Some(org)) => format!("{name} ({})", org.label(Lang::Nl)),
                    (Some(name), None) => name.clone(),
                    // The report time is entered by whoever opened the case.
                    _ => match (&e.kind, opener) {
                        (TimelineKind::ReportReceived, Some(a)) => {
                            fill(Lang::Nl, "pdf-time_entered_by", &[("by", &by(a))])
                        }
                        _ => text(Lang::Nl, "pdf-not_recorded").into(),
                    },
                };
                format!(
                    "{} {} — {who}{}",
                    local_time_text(e.at),
                    e.kind.text(Lang::Nl),
                    e.received_text(Lang::Nl)
                )
            })
            .collect(),
    );
    section(
        &format!(
            "{} — {}",
            Step::Motorkapoverleg.heading(Lang::Nl),
            text(Lang::Nl, "steps-first_safety_assessment")
        ),
        summary
            .criteria
            .iter()
            .filter(|l| l.answer != Answer::Unknown || l.answered_by.is_some())
            .map(|l| {
                let who = by_if_recorded(l.answered_by.as_ref());
                format!("{}: {} — {who}", l.criterion.label(Lang::Nl), l.answer.label(Lang::Nl))
            })
            .collect(),
    );
    section(
        text(Lang::Nl, "summary-information_shared"),
        summary
            .shared
            .iter()
            .map(|s| {
                format!(
                    "{}: {} → {} [{}] — {}",
                    s.record.category.label(Lang::Nl),
                    s.record.from.label(Lang::Nl),
                    s.record.to.label(Lang::Nl),
                    s.record.ground_text(Lang::Nl),
                    by(&s.recorded_by)
                )
            })
            .collect(),
    );
    // OM contacts and consultations: the summary holds only what the
    // reader's organisation may see (`Event::visible_to`, issue 14).
    section(
        text(Lang::Nl, "summary-om_contacts"),
        summary
            .om_contacts
            .iter()
            .map(|c| format!("{} — {}", c.contact.line(Lang::Nl), by(&c.recorded_by)))
            .collect(),
    );
    section(
        text(Lang::Nl, "summary-consultations"),
        summary
            .consultations
            .iter()
            .map(|c| format!("{} — {}", c.consultation.line(Lang::Nl), by(&c.recorded_by)))
            .collect(),
    );
    section(
        text(Lang::Nl, "summary-safety_measures"),
        summary
            .measures
            .iter()
            .map(|l| {
                let who = by_if_recorded(l.agreed_by.as_ref());
                fill(
                    Lang::Nl,
                    "pdf-measure_line",
                    &[
                        ("measure", &l.measure.kind.label(Lang::Nl)),
                        ("by", &who),
                        (
                            "owner",
                            &owner_text(&l.measure.owner.person, l.measure.owner.organisation),
                        ),
                    ],
                )
            })
            .collect(),
    );
    // The eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen
    // (004 l.302) and who agreed it.
    if let Some(c) = &summary.agreement.first_contact {
        section(
            text(Lang::Nl, "agreement-title"),
            vec![format!(
                "{}: {} — {}",
                text(Lang::Nl, "field_key-case_first_contact"),
                c.text(Lang::Nl),
                by_if_recorded(summary.first_contact_agreed_by.as_ref())
            )],
        );
    }
    out
}

fn owner_text(person: &str, organisation: Organisation) -> String {
    format!("{person} ({})", organisation.label(Lang::Nl))
}
