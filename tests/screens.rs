//! Component tests: real screens rendered in a VirtualDom (dioxus-ssr),
//! clicks dispatched through the runtime, state in a real encrypted vault.

#[path = "../crates/device/tests/common/mod.rs"]
mod common;

use std::any::Any;
use std::rc::Rc;

use dioxus::dioxus_core::{ElementId, Mutation, NoOpMutations};
use dioxus::prelude::*;
use dioxus_html::{PlatformEventData, SerializedHtmlEventConverter, SerializedMouseData};
use samenop::{App, Seed, View};
use samenop_core::event::ReportSource;
use samenop_core::steps::{SafetyItem, Step};
use samenop_core::triage::Criterion;
use samenop_core::{Answer, Assignment, CaseId};
use samenop_device::field::Field;
use samenop_device::sync::SyncStatus;

fn field_with_case(dir: &tempfile::TempDir) -> (Field, CaseId) {
    let mut field = common::signed_in(dir);
    let case = field.open_case(ReportSource::PoliceReport, "Teststraat").unwrap();
    (field, case)
}

/// A field with one case in which `assignment` has been recorded.
fn field_with_case_after(dir: &tempfile::TempDir, assignment: Assignment) -> (Field, CaseId) {
    let (mut field, case) = field_with_case(dir);
    field.send(case, samenop_core::Command::Set(assignment)).unwrap();
    (field, case)
}

fn render(field: Field, view: View) -> (VirtualDom, Vec<ElementId>) {
    dioxus_html::set_event_converter(Box::new(SerializedHtmlEventConverter));
    let mut dom = VirtualDom::new(App);
    dom.provide_root_context(Seed::new(field, view));
    let mutations = dom.rebuild_to_vec();
    let clicks = mutations
        .edits
        .iter()
        .filter_map(|m| match m {
            Mutation::NewEventListener { name, id, .. } if name == "click" => Some(*id),
            _ => None,
        })
        .collect();
    (dom, clicks)
}

fn click(dom: &mut VirtualDom, id: ElementId) {
    let event = dioxus::dioxus_core::Event::new(
        Rc::new(PlatformEventData::new(Box::<SerializedMouseData>::default())) as Rc<dyn Any>,
        true,
    );
    dom.runtime().handle_event("click", event, id);
    dom.render_immediate(&mut NoOpMutations);
}

/// The page `view` shows of `field`, rendered once.
fn page_of(field: Field, view: View) -> String {
    let (dom, _) = render(field, view);
    html(&dom)
}

/// Fails, showing the page, unless it shows every one of `texts`.
fn assert_shows(page: &str, texts: &[&str]) {
    for text in texts {
        assert!(page.contains(text), "missing {text}: {page}");
    }
}

fn html(dom: &VirtualDom) -> String {
    dioxus_ssr::render(dom)
}

#[tokio::test(flavor = "current_thread")]
async fn a_fresh_triage_shows_not_yet_assessed_and_ten_open_questions() {
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case(&dir);
    let page = page_of(field, View::Assessment(case));
    // Triage v2: nothing answered is "nog niet beoordeeld", not "niet acuut".
    assert_shows(
        &page,
        &[
            "Uitkomst: nog niet beoordeeld",
            "result not-assessed",
            "Nog onbekend: 10",
            "Vuurwapen",
        ],
    );
    assert!(
        page.contains("aria-label=\"Vuurwapen: Ja\""),
        "every toggle has a screen-reader label"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn tapping_ja_on_firearm_makes_the_case_acuut_onveilig_and_stores_it() {
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case(&dir);
    let (mut dom, clicks) = render(field, View::Assessment(case));
    // Listeners in order: back, five steps, summary, "Volgende stap", then
    // three per criterion (step 2's two part buttons are registered after these).
    let firearm_yes = clicks[8 + 3];
    click(&mut dom, firearm_yes);
    let page = html(&dom);
    assert_shows(
        &page,
        &[
            "Uitkomst: acuut onveilig",
            "Waarom: Vuurwapen",
            "Opnieuw beoordelen vóór het besluit tot aanhouding",
        ],
    );
    drop(dom);
    // The answer is in the vault, sealed, and in the outbox.
    let again = common::reopened(&dir);
    assert_eq!(again.case(&case).criterion(Criterion::Firearm), Answer::Yes);
    assert_eq!(again.local.outbox.len(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn step_three_shows_the_children_prompts_when_children_present_is_onbekend() {
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case(&dir);
    let page = page_of(field, View::Case(case, Step::Onderzoek));
    assert_shows(
        &page,
        &[
            "3. (Gezamenlijk) onderzoek",
            "data-testid=\"children-unknown\"",
            "data-testid=\"child-prompts\"",
            "Kindcheck gedaan",
            "Forensisch arts en Forensische Opsporing (letsel bij kind)",
            "VT-melding per kind",
            "Kind gesproken door VT of RvdK",
            "Verdachte minderjarig",
        ],
    );
    // The step bar names the toolkit's five steps.
    assert_shows(
        &page,
        &[
            "Fysieke veiligheid",
            "Motorkapoverleg",
            "(Gezamenlijk) onderzoek",
            "Veiligheidsmaatregelen",
            "Niet meer acuut?",
        ],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn step_three_shows_no_children_prompts_when_there_are_no_children() {
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case_after(&dir, Assignment::ChildrenPresent { answer: Answer::No });
    let page = page_of(field, View::Case(case, Step::Onderzoek));
    assert!(!page.contains("data-testid=\"child-prompts\""), "{page}");
    assert!(!page.contains("VT-melding per kind"), "{page}");
}

#[tokio::test(flavor = "current_thread")]
async fn step_one_shows_the_departure_reminder_once_police_are_on_scene() {
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case_after(
        &dir,
        Assignment::Safety {
            item: SafetyItem::PoliceOnScene,
            done: true,
        },
    );
    let page = page_of(field, View::Case(case, Step::FysiekeVeiligheid));
    assert!(
        page.contains("Politie vertrekt niet vóór Veilig Thuis er is zonder eerst telefonisch overleg"),
        "{page}"
    );
    assert!(page.contains("rule blocking"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_case_list_shows_status_and_unsynced_count() {
    let dir = tempfile::tempdir().unwrap();
    let (field, _) = field_with_case(&dir);
    let page = page_of(field, View::Cases);
    assert!(page.contains("Mijn casussen"));
    // Triage v2: a brand-new case is "nog niet beoordeeld", not "niet acuut".
    assert_shows(&page, &["status not-assessed", "nog niet beoordeeld"]);
    assert!(!page.contains(">niet acuut<"), "{page}");
    assert!(page.contains("1 niet gesynchroniseerd"), "{page}");
    assert!(page.contains("href=\"tel:08002000\""), "one-tap call to Veilig Thuis");
}

#[tokio::test(flavor = "current_thread")]
async fn an_unreadable_server_reply_is_named_on_the_badge_not_offline() {
    // A locked field: the app's own sync rounds do nothing and set no status.
    let (mut dom, _) = render(Field::default(), View::Cases);
    let ctx = dom
        .runtime()
        .consume_context::<samenop::AppCtx>(ScopeId::APP)
        .expect("the app provides its context");
    assert!(
        html(&dom).contains(">Offline"),
        "before any answer the badge says offline"
    );
    dom.in_runtime(|| {
        let mut sync = ctx.sync;
        sync.set(SyncStatus::Unreadable);
    });
    dom.process_events();
    dom.render_immediate(&mut NoOpMutations);
    let page = html(&dom);
    assert!(page.contains("Serverantwoord onleesbaar"), "{page}");
    assert!(!page.contains(">Offline"), "{page}");
    dom.in_runtime(|| {
        let mut lang = ctx.lang;
        lang.set(samenop_core::Lang::En);
    });
    dom.process_events();
    dom.render_immediate(&mut NoOpMutations);
    assert!(html(&dom).contains("Server reply unreadable"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_summary_screen_reads_like_the_protocol() {
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case_after(
        &dir,
        Assignment::Criterion {
            criterion: Criterion::Firearm,
            answer: Answer::Yes,
        },
    );
    let page = page_of(field, View::Summary(case));
    assert_shows(
        &page,
        &[
            "Samenvatting ter plaatse — acuut onveilig",
            "Agent A. Voorbeeld (Politie)",
        ],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn without_a_vault_the_app_starts_at_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY of the env change: this test binary's other tests never read it.
    unsafe { std::env::set_var("SAMENOP_DATA_DIR", dir.path()) };
    let mut dom = VirtualDom::new(App);
    dom.rebuild_in_place();
    let page = html(&dom);
    assert_shows(&page, &["Inloggen", "autocomplete=\"current-password\""]);
}

// --- The shift lead's view ---------------------------------------------

use samenop::screens::lead::LeadTab;
use samenop_core::measures::{AgreedMeasure, MeasureId, MeasureKind, MeasureOwner};
use samenop_core::wire::PullResponse;
use samenop_core::{Actor, Device, DeviceId, EventKind, Organisation, Role};

fn lead_field(dir: &tempfile::TempDir, role: Role) -> Field {
    let mut session = common::session();
    session.account.role = role;
    session.account.username = "lead.voorbeeld".into();
    let mut field = common::field_for(dir, session);
    // What a pull of the region brings: a case opened by an officer an hour
    // ago, with an arrest (OvJ decides within 9 h) and a huisverbod (10 days).
    let officer = Actor {
        user_id: "agent.voorbeeld".into(),
        display_name: "Agent A. Voorbeeld".into(),
        organisation: Organisation::Police,
        role: Role::Police,
    };
    let mut device = Device::new(officer, DeviceId::generate());
    let case = CaseId::generate();
    let hour_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    let owner = MeasureOwner {
        organisation: Organisation::Police,
        person: "Agent A. Voorbeeld".into(),
    };
    let mut huisverbod = AgreedMeasure::new(
        MeasureId(uuid::Uuid::now_v7()),
        MeasureKind::TijdelijkHuisverbod,
        owner.clone(),
    );
    huisverbod.started_at = Some(hour_ago);
    let mut arrest = AgreedMeasure::new(MeasureId(uuid::Uuid::now_v7()), MeasureKind::Aanhouding, owner);
    arrest.started_at = Some(hour_ago);
    let kinds = [
        EventKind::CaseOpened {
            reported_at: hour_ago,
            source: ReportSource::PoliceReport,
            address_hint: "Voorbeeldlaan 3".into(),
            region: "Testregio".into(),
        },
        EventKind::MeasureAgreed { measure: huisverbod },
        EventKind::MeasureAgreed { measure: arrest },
    ];
    let events = kinds.into_iter().map(|k| device.write(case, k)).collect();
    field
        .absorb_pull(&PullResponse {
            events,
            next_cursor: "1".into(),
            more: false,
            received_at: Vec::new(),
            server_time: None,
            purged: Vec::new(),
            max_offline_hours: None,
            device_keep_hours: None,
        })
        .unwrap();
    field
}

#[tokio::test(flavor = "current_thread")]
async fn a_shift_lead_starts_on_the_region_cases_with_their_flags_and_the_audit_note() {
    let dir = tempfile::tempdir().unwrap();
    let field = lead_field(&dir, Role::ShiftLead);
    assert_eq!(samenop::home_view(&field), View::Lead(LeadTab::Cases));
    let page = page_of(field, View::Lead(LeadTab::Cases));
    assert!(page.contains("Voorbeeldlaan 3"), "{page}");
    assert!(page.contains("Agent A. Voorbeeld (Politie)"), "who was on scene");
    assert!(page.contains("kinderen"), "children unknown is flagged");
    assert!(
        page.contains("termijn nadert of verstreken"),
        "the OvJ deadline is within a day"
    );
    assert!(page.contains("Elke inzage van een casus wordt vastgelegd"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_measures_board_puts_the_ovj_deadline_before_the_huisverbod_end() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_of(lead_field(&dir, Role::ShiftLead), View::Lead(LeadTab::Board));
    let arrest = page.find("Aanhouding").expect("arrest on the board");
    let huisverbod = page.find("Tijdelijk huisverbod").expect("huisverbod on the board");
    assert!(arrest < huisverbod, "{page}");
    assert!(
        page.contains("Beslissing OvJ (uiterlijk 9 uur na aanhouding)"),
        "{page}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_figures_are_drawn_as_svg_with_the_numbers_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_of(lead_field(&dir, Role::ShiftLead), View::Lead(LeadTab::Figures));
    assert_shows(&page, &["<svg", "Cijfers per week"]);
    assert!(page.contains("<table"), "numbers beside the charts");
}

#[tokio::test(flavor = "current_thread")]
async fn a_police_user_cannot_open_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let field = lead_field(&dir, Role::Police);
    assert_eq!(samenop::home_view(&field), View::Cases);
    let page = page_of(field, View::Lead(LeadTab::Board));
    assert!(page.contains("Alleen voor dienstleiders"), "{page}");
    assert!(!page.contains("Openstaande maatregelen"));
    assert!(!page.contains("Tijdelijk huisverbod"));
}

/// Issue 12: police on scene without having phoned VT see the phone rule
/// (004 l.96); "VT komt niet ter plaatse" closes VT's on-scene items.
#[tokio::test(flavor = "current_thread")]
async fn step_one_shows_the_phone_rule_and_closes_vt_items_when_vt_does_not_come() {
    let dir = tempfile::tempdir().unwrap();
    let (mut field, case) = field_with_case(&dir);
    let tick = |item| samenop_core::Command::Set(Assignment::Safety { item, done: true });
    field.send(case, tick(SafetyItem::PoliceOnScene)).unwrap();
    let page = page_of(field, View::Case(case, Step::FysiekeVeiligheid));
    assert!(
        page.contains("⚠ Politie neemt direct telefonisch contact op met Veilig Thuis"),
        "{page}"
    );
    assert_shows(
        &page,
        &[
            "Alle direct betrokkenen (ook kinderen) in beeld en fysiek veilig",
            "VT komt niet ter plaatse (telefonisch/beeldbellen afgestemd)",
            "Veilig Thuis is de woning binnengegaan",
        ],
    );
    let mut field = common::reopened(&dir);
    field.send(case, tick(SafetyItem::VtPhoned)).unwrap();
    field.send(case, tick(SafetyItem::VtNotComingOnScene)).unwrap();
    let page = page_of(field, View::Case(case, Step::FysiekeVeiligheid));
    assert!(!page.contains("Politie neemt direct telefonisch contact op"), "{page}");
    assert!(!page.contains("Veilig Thuis is de woning binnengegaan"), "{page}");
    assert!(!page.contains("laten weten dat het veilig genoeg is"), "{page}");
}

/// Issue 12: step 5 shows the derived veiligheidsbeoordeling, not a tick
/// box; a police account records it as assessed with VT by phone, by name.
#[tokio::test(flavor = "current_thread")]
async fn step_five_shows_the_derived_assessment_and_the_police_phone_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case(&dir);
    let page = page_of(field, View::Case(case, Step::NietMeerAcuut));
    assert_shows(
        &page,
        &[
            "Nog niet beantwoord: Vuurwapen",
            "Nog niet bevestigd door Veilig Thuis",
            "Naam medewerker Veilig Thuis",
            "Beoordeeld met VT (telefonisch)",
        ],
    );
    assert!(
        !page.contains("aria-label=\"Veiligheidsbeoordeling is gemaakt\""),
        "{page}"
    );
    let mut field = common::reopened(&dir);
    use samenop_core::VariantArray;
    for criterion in Criterion::VARIANTS.iter().copied() {
        let set = Assignment::Criterion {
            criterion,
            answer: Answer::No,
        };
        field.send(case, samenop_core::Command::Set(set)).unwrap();
    }
    for set in [
        Assignment::SuspectHasAccess { answer: Answer::No },
        Assignment::ThirdPartyOversight { answer: Answer::No },
    ] {
        field.send(case, samenop_core::Command::Set(set)).unwrap();
    }
    let name = samenop_core::text::ShortText::parse("J. Proef").unwrap();
    let confirm = samenop_core::Command::ConfirmSafetyAssessment {
        by_phone_with: Some(name),
    };
    field.send(case, confirm).unwrap();
    let page = page_of(field, View::Case(case, Step::NietMeerAcuut));
    assert_shows(
        &page,
        &[
            "✓ Veiligheidsbeoordeling is gemaakt",
            "Beoordeeld met VT (telefonisch): J. Proef",
        ],
    );
    assert!(!page.contains("Naam medewerker Veilig Thuis"), "{page}");
}

/// Step 4: the owner is offered from the measure's roles (huisverbod:
/// Burgemeester or Politie), "Ingegaan om" is asked, an arrest entered
/// late shows as opgelegd / ingegaan with its own start and the OvJ
/// deadline from it, and veiligheidsvoorwaarden read as "gesteld door".
#[tokio::test(flavor = "current_thread")]
async fn step_four_offers_owners_from_the_roles_and_shows_the_start_and_status() {
    use samenop_core::measures::{MeasureId, MeasureKind};
    use samenop_core::text::ShortText;
    use samenop_core::{Command, Organisation};
    let dir = tempfile::tempdir().unwrap();
    let (mut field, case) = field_with_case(&dir);
    let arrested = chrono::Utc::now() - chrono::Duration::minutes(40);
    field
        .send(
            case,
            Command::AgreeMeasure {
                measure_id: MeasureId(uuid::Uuid::now_v7()),
                kind: MeasureKind::Aanhouding,
                owner: Organisation::Police,
                owner_person: None,
                started_at: Some(arrested),
                first_contact: None,
            },
        )
        .unwrap();
    field
        .send(
            case,
            Command::AgreeMeasure {
                measure_id: MeasureId(uuid::Uuid::now_v7()),
                kind: MeasureKind::Veiligheidsvoorwaarden,
                owner: Organisation::VeiligThuis,
                owner_person: Some(ShortText::parse("B. Proef").unwrap()),
                started_at: None,
                first_contact: None,
            },
        )
        .unwrap();
    let page = page_of(field, View::Case(case, Step::Veiligheidsmaatregelen));
    assert!(page.contains("Uitvoering door"), "{page}");
    assert!(
        page.contains(">Burgemeester</option>"),
        "huisverbod: the mayor is offered"
    );
    assert!(page.contains("Ingegaan om"), "{page}");
    assert!(page.contains("opgelegd / ingegaan"), "the arrest is in force");
    assert!(
        page.contains(&samenop_core::summary::local_time_text(arrested)),
        "its own start"
    );
    let ovj = samenop_core::summary::local_time_text(arrested + chrono::Duration::hours(9));
    assert!(page.contains(&ovj), "the OvJ deadline runs from the arrest: {page}");
    assert_shows(
        &page,
        &[
            "Gesteld door: Veilig Thuis",
            "Veiligheidsvoorwaarden (gesteld door Veilig Thuis)",
            "Herbeoordeling vastleggen",
        ],
    );
}

/// Issue 13: police superseding VT's "Vuurwapen: ja" with "nee" stays a
/// conflict on the case screen, the case stays acuut, and a late join's
/// reason is shown to every participant.
#[tokio::test(flavor = "current_thread")]
async fn the_case_screen_shows_a_cross_organisation_downgrade_as_a_conflict_and_who_joined_late() {
    use samenop_core::wire::PullResponse;
    use samenop_core::{Actor, Device, DeviceId, EventKind, Organisation, Role};
    let dir = tempfile::tempdir().unwrap();
    let (mut field, case) = field_with_case(&dir);
    let mut vt = Device::new(
        Actor {
            user_id: "vt.proef".into(),
            display_name: "B. Proef".into(),
            organisation: Organisation::VeiligThuis,
            role: Role::VeiligThuis,
        },
        DeviceId(uuid::Uuid::from_u128(9)),
    );
    let later = chrono::Utc::now().timestamp_millis() + 1_000;
    let join = EventKind::CaseJoined {
        reason: Some("Tweede melding, VT-dossier nodig".into()),
    };
    let yes = EventKind::Assigned {
        supersedes: vec![],
        assignment: Assignment::Criterion {
            criterion: Criterion::Firearm,
            answer: Answer::Yes,
        },
    };
    let events = vec![
        vt.write_at(case, join, later, [1; 10]),
        vt.write_at(case, yes, later + 1, [2; 10]),
    ];
    field
        .absorb_pull(&PullResponse {
            events,
            next_cursor: "1.1".into(),
            more: false,
            received_at: Vec::new(),
            server_time: None,
            purged: Vec::new(),
            max_offline_hours: None,
            device_keep_hours: None,
        })
        .unwrap();
    field
        .send(
            case,
            samenop_core::Command::Set(Assignment::Criterion {
                criterion: Criterion::Firearm,
                answer: Answer::No,
            }),
        )
        .unwrap();
    let (dom, _) = render(field, View::Case(case, Step::Motorkapoverleg));
    let page = html(&dom);
    assert!(page.contains("card conflicts"), "{page}");
    assert!(page.contains("B. Proef (Veilig Thuis)"), "{page}");
    assert!(page.contains("Tweede melding, VT-dossier nodig"), "{page}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_device_clock_behind_the_server_shows_the_klok_wijkt_af_banner() {
    let dir = tempfile::tempdir().unwrap();
    let (mut field, _) = field_with_case(&dir);
    field.note_server_time(chrono::DateTime::from_timestamp_millis(
        samenop_device::platform::now_ms(),
    ));
    assert_eq!(field.clock_skew(), None, "no banner while the clocks agree");
    field.note_server_time(chrono::DateTime::from_timestamp_millis(
        samenop_device::platform::now_ms() + 10 * 60_000,
    ));
    let (dom, _) = render(field, View::Cases);
    let page = html(&dom);
    assert!(page.contains("Klok wijkt af"), "{page}");
    assert!(page.contains("10 minuten achter"), "{page}");
}

/// Issue 14 (004 l.302–303): step 4 has "Afspraken voor de hele casus" with
/// the eerste aanspreekpunt (missing until agreed) and the protocol's call
/// rules offered as suggestions, not agreed by themselves; step 5 names the
/// missing first contact while handover is blocked.
#[tokio::test(flavor = "current_thread")]
async fn step_four_offers_the_case_agreement_and_step_five_names_the_missing_first_contact() {
    use samenop_core::text::ShortText;
    use samenop_core::{Command, Organisation};
    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case(&dir);
    let page = page_of(field, View::Case(case, Step::Veiligheidsmaatregelen));
    assert_shows(
        &page,
        &[
            "Afspraken voor de hele casus",
            "Eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen: Nog niet afgesproken",
            "Voorstel, tik om af te spreken",
            "Veilig Thuis → Politie: bij verandering in de mate van onveiligheid",
            "Politie → Veilig Thuis: bij vrijlating van de verdachte of een nieuw incident",
        ],
    );
    assert!(!page.contains("<span>☎"), "a suggestion is not an agreed rule: {page}");

    let dir = tempfile::tempdir().unwrap();
    let (field, case) = field_with_case(&dir);
    let page = page_of(field, View::Case(case, Step::NietMeerAcuut));
    assert_shows(&page, &["Spreek eerst af wie eerste aanspreekpunt is"]);

    let dir = tempfile::tempdir().unwrap();
    let (mut field, case) = field_with_case(&dir);
    field
        .send(
            case,
            Command::AgreeFirstContact {
                organisation: Organisation::VeiligThuis,
                person: ShortText::parse("B. Proef").unwrap(),
                phone: ShortText::parse("0800-0000002").unwrap(),
            },
        )
        .unwrap();
    let page = page_of(field, View::Case(case, Step::NietMeerAcuut));
    assert!(!page.contains("Spreek eerst af wie eerste aanspreekpunt is"), "{page}");
}

/// Issue 17 §1: a refused tap on a shared control shows its reason under
/// that control, not only in the banner at the top of the page. A shift
/// lead may not record on scene (core's `RoleMayNotRecord`), so a lead's tap
/// on "Vuurwapen: Ja" is refused.
#[tokio::test(flavor = "current_thread")]
async fn a_refused_answer_shows_its_reason_under_the_toggle_not_in_the_banner() {
    let dir = tempfile::tempdir().unwrap();
    let field = lead_field(&dir, Role::ShiftLead);
    let case = *field.local.events.keys().next().expect("the pulled case");
    let (mut dom, clicks) = render(field, View::Assessment(case));
    click(&mut dom, clicks[8 + 3]);
    let page = html(&dom);
    let reason = "Alleen politie en Veilig Thuis leggen vast in een casus.";
    assert!(page.contains(reason), "the refusal is shown: {page}");
    let firearm = page.find("Vuurwapen: Onbekend").expect("the firearm toggle");
    let under = page[firearm..].find(reason).expect("the reason after the toggle");
    let next_toggle = page[firearm..].find("role=\"radiogroup\"").unwrap_or(usize::MAX);
    assert!(
        under < next_toggle,
        "the reason stands under the firearm toggle: {page}"
    );
    assert!(!page.contains("class=\"error\""), "not in the banner: {page}");
}

/// Issue 17 §6: an event the server refused by a core rule is listed in
/// core's Dutch words; the server's English line is kept, folded away,
/// for support.
#[tokio::test(flavor = "current_thread")]
async fn a_server_refusal_is_listed_in_core_words_with_the_server_line_folded_away() {
    use samenop_core::wire::RejectCode;
    let dir = tempfile::tempdir().unwrap();
    let (mut field, case) = field_with_case(&dir);
    let e = field
        .send(
            case,
            samenop_core::Command::Set(Assignment::Criterion {
                criterion: Criterion::Firearm,
                answer: Answer::Yes,
            }),
        )
        .unwrap();
    let refusal = samenop_core::Refusal::NotAParticipant;
    let answer = common::refused_by_core(e.id, RejectCode::Forbidden, &refusal);
    field.absorb_outcomes(&[answer]).unwrap();
    let page = page_of(field, View::Case(case, Step::FysiekeVeiligheid));
    let list = &page[page.find("data-testid=\"not-sent\"").expect("the not-sent list")..];
    let words = list
        .find("Reden: Je neemt geen deel aan deze casus")
        .expect("core's words as the reason");
    let details = list.find("<details").expect("the server's line folded away");
    assert!(words < details, "{list}");
    assert!(list[details..].contains(&refusal.to_string()), "{list}");
}

/// Issue 17 §3: every answer has its history under it, not only the five
/// first traced: a ticked step-1 item and a measure's "tot" each open one.
#[tokio::test(flavor = "current_thread")]
async fn a_step_one_item_and_a_measure_date_each_have_their_history_under_them() {
    use samenop_core::measures::{MeasureChange, MeasureId, MeasureKind};
    use samenop_core::{Label, Lang, Organisation};
    let dir = tempfile::tempdir().unwrap();
    let item = SafetyItem::VtPhoned;
    let (mut field, case) = field_with_case_after(&dir, Assignment::Safety { item, done: true });
    field
        .send(
            case,
            samenop_core::Command::Set(Assignment::Safety { item, done: false }),
        )
        .unwrap();
    field
        .send(
            case,
            samenop_core::Command::Set(Assignment::Safety { item, done: true }),
        )
        .unwrap();
    let page = page_of(field, View::Case(case, Step::FysiekeVeiligheid));
    let ticked = page.find(item.label(Lang::Nl)).expect("the step-1 item");
    let history = page[ticked..]
        .find("data-testid=\"field-history\"")
        .expect("its history");
    let next_row = page[ticked..].find("<label class=\"check").unwrap_or(usize::MAX);
    assert!(history < next_row, "the history stands under the ticked item: {page}");

    let dir = tempfile::tempdir().unwrap();
    let (mut field, case) = field_with_case(&dir);
    let measure_id = MeasureId(uuid::Uuid::from_u128(0x42));
    field
        .send(
            case,
            samenop_core::Command::AgreeMeasure {
                measure_id,
                kind: MeasureKind::TijdelijkHuisverbod,
                owner: Organisation::Police,
                owner_person: None,
                started_at: None,
                first_contact: None,
            },
        )
        .unwrap();
    let until = chrono::Utc::now() + chrono::Duration::days(3);
    field
        .send(
            case,
            samenop_core::Command::Set(Assignment::Measure {
                measure_id,
                change: MeasureChange::Until { at: Some(until) },
            }),
        )
        .unwrap();
    let page = page_of(field, View::Case(case, Step::Veiligheidsmaatregelen));
    let moment = page.find("data-testid=\"moment-Until\"").expect("the 'tot' field");
    let rest = &page[moment..];
    let end = rest.find("data-testid=\"moment-ReassessAt\"").expect("the next field");
    assert!(
        rest[..end].contains("data-testid=\"field-history\""),
        "the 'tot' history: {rest}"
    );
}
