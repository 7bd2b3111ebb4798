//! Synthetic responders and helpers shared by the core's integration tests.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use samenop_core::command::{Command, FirstContact};
use samenop_core::event::ReportSource;
use samenop_core::measures::{AgreedMeasure, MeasureId, MeasureKind, MeasureOwner};
use samenop_core::text::ShortText;
use samenop_core::{Actor, Assignment, CaseId, CaseState, Device, DeviceId, Event, EventKind, Organisation, Role};
use uuid::Uuid;

pub fn officer() -> Actor {
    Actor {
        user_id: "agent.voorbeeld".into(),
        display_name: "Agent A. Voorbeeld".into(),
        organisation: Organisation::Police,
        role: Role::Police,
    }
}

pub fn vt_worker() -> Actor {
    Actor {
        user_id: "vt.proef".into(),
        display_name: "B. Proef (VT)".into(),
        organisation: Organisation::VeiligThuis,
        role: Role::VeiligThuis,
    }
}

/// A value set without having seen any earlier one (it supersedes nothing),
/// as a responder writes it offline.
pub fn offline_set(assignment: Assignment) -> EventKind {
    EventKind::Assigned {
        supersedes: vec![],
        assignment,
    }
}

/// The `n`th synthetic measure id.
pub fn measure_id(n: u128) -> MeasureId {
    MeasureId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n))
}

/// A measure as an event carries it, before any rule looked at it: `kind`
/// owned by `person` of `organisation`, nothing else recorded yet.
pub fn measure_as_recorded(
    id: MeasureId,
    kind: MeasureKind,
    organisation: Organisation,
    person: &str,
) -> AgreedMeasure {
    AgreedMeasure::new(
        id,
        kind,
        MeasureOwner {
            organisation,
            person: person.into(),
        },
    )
}

/// A tijdelijk huisverbod of the police as an event carries it (officer
/// `person`), nothing else recorded yet: the shape older events have.
pub fn police_huisverbod_as_recorded(id: MeasureId, person: &str) -> AgreedMeasure {
    measure_as_recorded(id, MeasureKind::TijdelijkHuisverbod, Organisation::Police, person)
}

/// Agree a measure without a first point of contact.
pub fn agree(
    measure_id: MeasureId,
    kind: MeasureKind,
    owner: Organisation,
    person: Option<&str>,
    started_at: Option<DateTime<Utc>>,
) -> Command {
    Command::AgreeMeasure {
        measure_id,
        kind,
        owner,
        owner_person: person.map(|p| ShortText::parse(p).unwrap()),
        started_at,
        first_contact: None,
    }
}

/// The police agree `kind` as their own measure, without naming an officer
/// or a first point of contact.
pub fn police_agree(measure_id: MeasureId, kind: MeasureKind, started_at: Option<DateTime<Utc>>) -> Command {
    agree(measure_id, kind, Organisation::Police, None, started_at)
}

/// The police agree a tijdelijk huisverbod started at `started_at`, with
/// a synthetic officer and number as the measure's own first contact.
pub fn police_agree_huisverbod_with_first_contact(measure_id: MeasureId, started_at: DateTime<Utc>) -> Command {
    Command::AgreeMeasure {
        measure_id,
        kind: MeasureKind::TijdelijkHuisverbod,
        owner: Organisation::Police,
        owner_person: None,
        started_at: Some(started_at),
        first_contact: Some(FirstContact {
            person: ShortText::parse("Agent A. Voorbeeld").unwrap(),
            phone: ShortText::parse("0800-0000001").unwrap(),
        }),
    }
}

/// Step 5 once the questions are answered: VT confirms the eerste
/// veiligheidsbeoordeling at `minute` and, a minute later, records the
/// other two exit conditions (004 l.307) and itself as taking over.
pub fn confirmed_and_taken_over(s: &mut Scene, minute: i64) {
    use samenop_core::handover::{ExitCondition, HandoverItem};
    s.vt_sets(minute, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    for condition in [ExitCondition::InvestigationDone, ExitCondition::PhysicallySafe] {
        let item = HandoverItem::ExitCondition { condition, met: true };
        s.vt_sets(minute + 1, Assignment::Handover { item });
    }
    let item = HandoverItem::HandedOverTo {
        organisations: vec![Organisation::VeiligThuis],
    };
    s.vt_sets(minute + 1, Assignment::Handover { item });
}

/// The arrest recorded as a measure in step 4 (police, taking effect at
/// `minute`) and the victim told of the measures (002 l.879-881): what step
/// 5 asks of a case that rests on an arrest since schema 5.
pub fn arrest_recorded(s: &mut Scene, minute: i64) {
    use samenop_core::handover::HandoverItem;
    s.police_does(
        minute,
        police_agree(measure_id(0xa4), MeasureKind::Aanhouding, Some(t(minute))),
    );
    let item = HandoverItem::VictimInformed { done: true };
    s.vt_sets(minute, Assignment::Handover { item });
}

/// The police answer every Bijlage II criterion at `minute`: a threat of
/// violence (A7) "ja", the others "nee", and the suspect's access as
/// `access`, no oversight by third parties.
pub fn threat_answered(s: &mut Scene, minute: i64, access: samenop_core::Answer) {
    use samenop_core::triage::Criterion;
    use samenop_core::{Answer, VariantArray};
    for c in Criterion::VARIANTS.iter().copied() {
        let answer = if c == Criterion::ThreatOfViolence {
            Answer::Yes
        } else {
            Answer::No
        };
        s.police_sets(minute, Assignment::Criterion { criterion: c, answer });
    }
    s.police_sets(minute, Assignment::SuspectHasAccess { answer: access });
    s.police_sets(minute, Assignment::ThirdPartyOversight { answer: Answer::No });
}

/// The declaration "niet meer acuut" (004 l.307).
pub fn declare_not_acute() -> Command {
    Command::Set(Assignment::Handover {
        item: samenop_core::handover::HandoverItem::Declared { not_acute: true },
    })
}

/// What blocks VT's declaration "niet meer acuut" at `minute`: the first
/// blocker, or `None` when core records it.
pub fn declaration_blocker(s: &Scene, minute: i64) -> Option<samenop_core::handover::HandoverBlocker> {
    match s.state().decide(declare_not_acute(), &vt_worker(), t(minute)) {
        Err(samenop_core::Refusal::HandoverBlocked(b)) => Some(b),
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => None,
    }
}

/// VT's declaration at `minute` is refused, and the refusal says `words`
/// in Dutch.
pub fn assert_declaration_refused_saying(s: &Scene, minute: i64, words: &str) {
    let refusal = s
        .state()
        .decide(declare_not_acute(), &vt_worker(), t(minute))
        .unwrap_err();
    let text = refusal.text(samenop_core::Lang::Nl);
    assert!(text.contains(words), "{text}");
}

/// Old events keep their meaning: VT's declaration "niet meer acuut",
/// written at `minute` in the shape `old`, folds as declared (admitted
/// under the blockers of its time); the same declaration in today's shape
/// is skipped.
pub fn assert_declaration_folds_only_in(mut s: Scene, minute: i64, old: samenop_core::Schema) {
    use samenop_core::handover::HandoverItem;
    let kind = s.state().assign(Assignment::Handover {
        item: HandoverItem::Declared { not_acute: true },
    });
    s.vt_writes(minute, kind);
    s.events.last_mut().unwrap().schema = old;
    let state = s.state();
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert!(state.handover().declared_not_acute);
    s.events.last_mut().unwrap().schema = samenop_core::Schema::CURRENT;
    let state = s.state();
    assert_eq!(state.skipped.len(), 1);
    assert!(!state.handover().declared_not_acute);
}

/// Agree `organisation` as eerste aanspreekpunt voor het totaal aan
/// veiligheidsmaatregelen (004 l.302), with a synthetic person and number.
pub fn agree_first_contact(organisation: Organisation) -> Command {
    Command::AgreeFirstContact {
        organisation,
        person: ShortText::parse("D. Proef").unwrap(),
        phone: ShortText::parse("0800-0000002").unwrap(),
    }
}

/// Fails, showing `text`, unless it says every one of `parts`.
pub fn assert_says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "missing {part}: {text}");
    }
}

/// A scene where the clock is driven by the test: minutes after 22:00 UTC
/// on 10 February 2026.
pub struct Scene {
    pub case_id: CaseId,
    pub police: Device,
    pub vt: Device,
    pub events: Vec<Event>,
    seq: u8,
}

pub fn t(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 10, 22, 0, 0).single().unwrap() + chrono::Duration::minutes(minutes)
}

impl Scene {
    pub fn new() -> Self {
        Self {
            case_id: CaseId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001)),
            police: Device::new(officer(), DeviceId(Uuid::from_u128(1))),
            vt: Device::new(vt_worker(), DeviceId(Uuid::from_u128(2))),
            events: Vec::new(),
            seq: 0,
        }
    }

    /// A scene in which the police opened the case at minute 0, where most tests start.
    pub fn opened() -> Self {
        let mut s = Self::new();
        s.open(0);
        s
    }

    fn random(&mut self) -> [u8; 10] {
        self.seq = self.seq.wrapping_add(1);
        [self.seq, 7, 7, 7, 7, 7, 7, 7, 7, 7]
    }

    /// Police opens the case at `minute`.
    pub fn open(&mut self, minute: i64) -> &Event {
        let kind = EventKind::CaseOpened {
            reported_at: t(minute - 5),
            source: ReportSource::PoliceReport,
            address_hint: "Teststraat, achterom".into(),
            region: "Testregio".into(),
        };
        self.police_writes(minute, kind)
    }

    pub fn police_writes(&mut self, minute: i64, kind: EventKind) -> &Event {
        let r = self.random();
        let e = self
            .police
            .write_at(self.case_id, kind, t(minute).timestamp_millis(), r);
        self.vt.observe([&e], t(minute).timestamp_millis());
        self.events.push(e);
        self.events.last().unwrap()
    }

    pub fn vt_writes(&mut self, minute: i64, kind: EventKind) -> &Event {
        let r = self.random();
        let e = self.vt.write_at(self.case_id, kind, t(minute).timestamp_millis(), r);
        self.police.observe([&e], t(minute).timestamp_millis());
        self.events.push(e);
        self.events.last().unwrap()
    }

    /// Police sets a field as seen in the current state (supersedes what it sees).
    pub fn police_sets(&mut self, minute: i64, a: Assignment) -> &Event {
        let kind = self.state().assign(a);
        self.police_writes(minute, kind)
    }

    pub fn vt_sets(&mut self, minute: i64, a: Assignment) -> &Event {
        let kind = self.state().assign(a);
        self.vt_writes(minute, kind)
    }

    /// Police sends `command` at `minute`: core decides the event, which is written.
    pub fn police_does(&mut self, minute: i64, command: Command) -> &Event {
        let kind = self.decided(&officer(), minute, command);
        self.police_writes(minute, kind)
    }

    /// VT sends `command` at `minute`: core decides the event, which is written.
    pub fn vt_does(&mut self, minute: i64, command: Command) -> &Event {
        let kind = self.decided(&vt_worker(), minute, command);
        self.vt_writes(minute, kind)
    }

    fn decided(&self, actor: &Actor, minute: i64, command: Command) -> EventKind {
        self.state()
            .decide(command, actor, t(minute))
            .unwrap_or_else(|r| panic!("expected an event, refused: {r}"))
    }

    pub fn state(&self) -> CaseState {
        CaseState::fold(&self.events)
    }
}

/// Golden event files: each version's events, written once and never
/// rewritten, so every shape ever sent keeps loading.
pub mod golden {
    use samenop_core::Event;

    /// Reads a golden file and checks that every line loads and writes back
    /// byte for byte (the server compares a retried push by its bytes).
    pub fn load_keeping_bytes(path: &str) -> Vec<Event> {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        text.lines()
            .enumerate()
            .map(|(n, line)| {
                let event: Event = serde_json::from_str(line).unwrap_or_else(|e| panic!("{path} line {}: {e}", n + 1));
                assert_eq!(
                    serde_json::to_string(&event).unwrap(),
                    line,
                    "{path} line {}: bytes changed",
                    n + 1
                );
                event
            })
            .collect()
    }

    /// Writes `events` to `path` only when `var` is set: a new version's
    /// file is made once, by hand.
    pub fn write_when_asked(var: &str, path: &str, events: &[Event]) {
        if std::env::var_os(var).is_none() {
            return;
        }
        let lines: Vec<String> = events.iter().map(|e| serde_json::to_string(e).unwrap()).collect();
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
    }
}

/// Given events, when a command, then an event or a refusal: the shape of
/// the core's decision tests.
pub mod given_when {
    use chrono::{DateTime, Utc};
    use samenop_core::command::Command;
    use samenop_core::{Actor, CaseState, Event, EventKind, Refusal};

    pub struct Given(pub CaseState);

    pub fn given(events: &[Event]) -> Given {
        Given(CaseState::fold(events))
    }

    pub struct Then(pub Result<EventKind, Refusal>);

    impl Given {
        pub fn when(&self, actor: &Actor, command: Command, at: DateTime<Utc>) -> Then {
            Then(self.0.decide(command, actor, at))
        }
    }

    impl Then {
        pub fn then_event(self) -> EventKind {
            self.0.unwrap_or_else(|r| panic!("expected an event, refused: {r}"))
        }

        pub fn then_refused(self, refusal: Refusal) {
            assert_eq!(self.0, Err(refusal));
        }
    }
}

/// A consultation of `with` on `topic`, with the advice given (004 l.27).
pub fn consult(with: Organisation, topic: samenop_core::sharing::consultation::ConsultTopic) -> Command {
    Command::RecordConsultation {
        consultation_id: Uuid::from_u128(0xc0),
        with,
        topic,
        consulted_at: None,
        advice: samenop_core::text::SharedSummary::parse("Geen spoedmaatregel nodig").unwrap(),
    }
}

/// The police record an OM contact `id` in which the OM said `may_share`.
pub fn om_contact(id: u128, may_share: bool) -> Command {
    Command::RecordOmContact {
        contact_id: Uuid::from_u128(id),
        contacted_at: None,
        officer: ShortText::parse("piket-OvJ mr. Proef").unwrap(),
        may_share,
        decision: samenop_core::text::SharedSummary::parse("Alleen dat er een onderzoek loopt").unwrap(),
    }
}

/// `from` shares `category` with `to` on `ground`; police and OM confirm
/// the zwaarwegend belang (004 l.510, l.515).
pub fn share(
    from: Organisation,
    to: Organisation,
    category: samenop_core::sharing::InfoCategory,
    ground: samenop_core::sharing::LegalGround,
) -> Command {
    Command::ShareInformation {
        record_id: Uuid::from_u128(0x77),
        from,
        to,
        category,
        legal_ground: ground,
        summary: samenop_core::text::SharedSummary::parse("Bekend, zie systeem").unwrap(),
        om_contact_id: None,
        vital_interest: None,
        weighty_interest: samenop_core::sharing::needs_weighty_interest(from),
    }
}

/// The Bijlage II triage's input at a fixed evening.
pub mod triage {
    use chrono::{DateTime, Utc};
    use samenop_core::VariantArray;
    use samenop_core::answer::Answer;
    use samenop_core::triage::{Criterion, TriageInput};

    /// 1 March 2026, 22:00 in Amsterdam (21:00 UTC).
    pub fn evening() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-01T22:00:00+01:00")
            .map(|t| t.with_timezone(&Utc))
            .unwrap()
    }

    pub fn input(criteria: &[(Criterion, Answer)]) -> TriageInput {
        let mut i = TriageInput::new(evening());
        for (c, a) in criteria {
            i.criteria.set(*c, *a);
        }
        i
    }

    pub fn all_answered_no() -> TriageInput {
        let all_no: Vec<_> = Criterion::VARIANTS.iter().map(|c| (*c, Answer::No)).collect();
        input(&all_no)
    }
}

/// Agreeing and changing measures, and reading them back.
pub mod measures {
    use chrono::{DateTime, Utc};
    use samenop_core::command::Command;
    use samenop_core::measures::{
        AgreedMeasure, MeasureChange, MeasureId, MeasureOwner, Reassessment, ReassessmentOutcome,
    };
    use samenop_core::{Actor, Assignment, CaseState, Event, EventKind, Organisation, Refusal};

    use super::Scene;

    pub fn change(measure_id: MeasureId, change: MeasureChange) -> Command {
        Command::Set(Assignment::Measure { measure_id, change })
    }

    pub fn decide(events: &[Event], actor: &Actor, command: Command, at: DateTime<Utc>) -> Result<EventKind, Refusal> {
        CaseState::fold(events).decide(command, actor, at)
    }

    pub fn measure_of(s: &Scene, measure_id: MeasureId) -> AgreedMeasure {
        s.state()
            .measures()
            .into_iter()
            .find(|m| m.measure_id == measure_id)
            .expect("measure in the case")
    }

    pub fn reassessed(at: DateTime<Utc>, outcome: ReassessmentOutcome) -> MeasureChange {
        MeasureChange::Reassessed {
            reassessment: Some(Reassessment {
                at,
                by: MeasureOwner {
                    organisation: Organisation::VeiligThuis,
                    person: "B. Proef".into(),
                },
                outcome,
            }),
        }
    }
}
