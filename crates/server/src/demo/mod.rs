//! `serve --demo`: a demo region with demo users, one demo case from just
//! now and two weeks of earlier cases (`history`), so a newcomer can log in
//! at once and the shift lead's list, board and figures have something to
//! show. Synthetic data only: invented names and places, never real people
//! or addresses.

mod history;

use chrono::{Duration, Utc};
use samenop_core::event::{CaseNature, EventKind, ReportSource};
use samenop_core::wire::{Account, PushOutcome};
use samenop_core::{Actor, Assignment, CaseId, DeviceId, Event, EventId, Hlc, Organisation, Role};

use crate::auth::password;
use crate::routes::events::prepare_batch;
use crate::state::AppState;
use crate::storage::{self, writer::Caller};

pub const REGION: &str = "Testregio";
pub const PASSWORD: &str = "samenop-demo";

/// Fixed so a restart finds the demo case instead of adding another.
fn demo_case_id() -> CaseId {
    CaseId::from_parts(1_767_225_600_000, *b"samenopdmo")
}

pub fn accounts() -> Vec<Account> {
    let a = |username: &str, display_name: &str, organisation, role, region: &str| Account {
        username: username.into(),
        display_name: display_name.into(),
        organisation,
        role,
        region: region.into(),
    };
    vec![
        a(
            "agent.demo",
            "Agent A. Voorbeeld",
            Organisation::Police,
            Role::Police,
            REGION,
        ),
        a(
            "vt.demo",
            "B. Testmedewerker",
            Organisation::VeiligThuis,
            Role::VeiligThuis,
            REGION,
        ),
        a(
            "lead.demo",
            "C. Dienstleider",
            Organisation::Police,
            Role::ShiftLead,
            REGION,
        ),
        a("admin.demo", "D. Beheerder", Organisation::Police, Role::Admin, REGION),
        a(
            "agent.elders",
            "Agent E. Elders",
            Organisation::Police,
            Role::Police,
            "Andereregio",
        ),
    ]
}

/// A case in the other demo region, to show (and test) that regions never mix.
fn other_region_case_id() -> CaseId {
    CaseId::from_parts(1_767_225_600_002, *b"samenopelk")
}

/// Fixed like the demo case, so a restart finds it instead of adding another.
fn busy_case_id() -> CaseId {
    CaseId::from_parts(1_767_225_600_001, *b"samenopbsy")
}

/// Demo accounts share one published password, so they must never be
/// added to a database with real accounts: `--demo` refuses one that holds
/// any account that is not a demo account.
pub async fn refuse_real_accounts(state: &AppState) -> Result<(), String> {
    let demo: Vec<String> = accounts().into_iter().map(|a| a.username).collect();
    let real: Vec<String> = storage::list_users(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|(a, _, _)| a.username)
        .filter(|u| !demo.contains(u))
        .collect();
    if real.is_empty() {
        return Ok(());
    }
    Err(format!(
        "refusing --demo: this database holds {} account(s) that are not demo accounts ({}); demo accounts \
         have a published password and must not live beside real ones. Use another --data-dir for the demo.",
        real.len(),
        real.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
    ))
}

pub async fn seed(state: &AppState, busy_events: usize) -> Result<(), String> {
    refuse_real_accounts(state).await?;
    for account in accounts() {
        let hash = tokio::task::spawn_blocking(|| password::hash(PASSWORD))
            .await
            .map_err(|e| e.to_string())??;
        storage::insert_user(&state.db, &account, &hash)
            .await
            .map_err(|e| e.to_string())?;
    }
    if busy_events > 0 {
        seed_busy_case(state, busy_events).await?;
    }
    history::seed(state).await?;
    let case_id = demo_case_id();
    if storage::case_region(&state.db, &case_id)
        .await
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Ok(());
    }
    let accounts = accounts();
    let police = &accounts[0];
    let vt = &accounts[1];
    let elders = &accounts[4];
    let now = Utc::now();
    let device = DeviceId::generate();
    let at = |minutes_ago: i64| Hlc::new((now - Duration::minutes(minutes_ago)).timestamp_millis(), 0);
    let event = |who: &Account, minutes_ago: i64, kind: EventKind| Event {
        schema: samenop_core::Schema::CURRENT,
        id: EventId::generate(),
        case_id,
        author: actor(who),
        device_id: device,
        stamp: at(minutes_ago),
        kind,
        received_at: None,
    };
    let batches = [
        (
            police,
            vec![
                event(
                    police,
                    40,
                    EventKind::CaseOpened {
                        reported_at: now - Duration::minutes(45),
                        source: ReportSource::PoliceReport,
                        address_hint: "Teststraat 1, achterom".into(),
                        region: REGION.into(),
                    },
                ),
                event(
                    police,
                    35,
                    EventKind::Assigned {
                        supersedes: vec![],
                        assignment: Assignment::Nature {
                            nature: CaseNature::PartnerViolence,
                        },
                    },
                ),
            ],
        ),
        (vt, vec![event(vt, 20, EventKind::CaseJoined { reason: None })]),
        (
            elders,
            vec![Event {
                case_id: other_region_case_id(),
                ..event(
                    elders,
                    30,
                    EventKind::CaseOpened {
                        reported_at: now - Duration::minutes(32),
                        source: ReportSource::PoliceObservation,
                        address_hint: "Voorbeeldlaan 2".into(),
                        region: elders.region.clone(),
                    },
                )
            }],
        ),
    ];
    for (who, events) in batches {
        push_as(state, who, events).await?;
    }
    Ok(())
}

/// A long case by the demo police officer and VT worker, an hour ago.
async fn seed_busy_case(state: &AppState, n: usize) -> Result<(), String> {
    let exists = storage::case_region(&state.db, &busy_case_id())
        .await
        .map_err(|e| e.to_string())?;
    if exists.is_some() {
        return Ok(());
    }
    let accounts = accounts();
    let (police, vt) = (&accounts[0], &accounts[1]);
    let actors = [actor(police), actor(vt)];
    let start = (Utc::now() - Duration::hours(1)).timestamp_millis();
    let events = samenop_core::synthetic::busy_case(busy_case_id(), &actors, REGION, n, start);
    // The case must exist before the VT worker's events join it.
    let (opening, rest) = events.split_at(1);
    push_as(state, police, opening.to_vec()).await?;
    for chunk in rest.chunks(500) {
        for who in [police, vt] {
            let mine = chunk
                .iter()
                .filter(|e| e.author.user_id == who.username)
                .cloned()
                .collect();
            push_as(state, who, mine).await?;
        }
    }
    Ok(())
}

fn actor(a: &Account) -> Actor {
    Actor {
        user_id: a.username.clone(),
        display_name: a.display_name.clone(),
        organisation: a.organisation,
        role: a.role,
    }
}

/// Stores events as `who` would push them: same checks, same writer.
async fn push_as(state: &AppState, who: &Account, events: Vec<Event>) -> Result<(), String> {
    let items = prepare_batch(
        &state.db,
        who,
        &state.settings.limits,
        events,
        crate::membership::PushRules::replay(),
    )
    .await
    .map_err(|e| e.to_string())?;
    let caller = Caller {
        username: who.username.clone(),
        region: who.region.clone(),
    };
    let results = state.writer.push(caller, items).await.map_err(|e| e.to_string())?;
    // Demo data the server would refuse from a device is a bug in the demo.
    if let Some(refused) = results
        .iter()
        .find(|r| matches!(r.outcome, PushOutcome::Rejected { .. }))
    {
        return Err(format!("demo event {} refused: {:?}", refused.id, refused.outcome));
    }
    Ok(())
}

/// Printed at start so a newcomer can log in at once.
pub fn banner(base_url: &str) -> String {
    let users = accounts()
        .iter()
        .map(|a| format!("    {:<13} {:<13} {}", a.username, storage::enum_str(&a.role), a.region))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "SamenOp demo (synthetic data only)\n  !! The demo accounts share the published password below: never expose a --demo\n  !! server beyond this machine (loopback) or let it near real accounts or cases.\n  URL:       {base_url}\n  password:  {PASSWORD} (all demo users)\n  users:\n{users}\n  demo case: {} in {REGION}\n  other region's case: {} in {}\n",
        demo_case_id(),
        other_region_case_id(),
        accounts()[4].region
    )
}
