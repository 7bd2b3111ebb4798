//! `cargo bench -p samenop-core`: time to fold a busy case and to evaluate
//! a triage. Prints figures; asserts nothing (timings belong in benches,
//! not in tests that flake).

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use samenop_core::board::board;
use samenop_core::evaluation::weekly;
use samenop_core::synthetic;
use samenop_core::triage::{Criterion, LiftingRoute, TriageInput};
use samenop_core::{Actor, Answer, CaseId, CaseState, Event, OnSceneSummary, Organisation, Role, evaluate};
use uuid::Uuid;

fn actor(n: usize) -> Actor {
    let police = n.is_multiple_of(2);
    Actor {
        user_id: format!("user.{n}"),
        display_name: format!("Medewerker {n}"),
        organisation: if police {
            Organisation::Police
        } else {
            Organisation::VeiligThuis
        },
        role: if police { Role::Police } else { Role::VeiligThuis },
    }
}

/// 10,000 events of one case from four devices (see `synthetic`).
fn busy_case(n: usize) -> Vec<Event> {
    let case_id = CaseId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001));
    let start = Utc
        .with_ymd_and_hms(2026, 2, 10, 22, 0, 0)
        .single()
        .map(|t| t.timestamp_millis())
        .unwrap_or(0);
    let actors: Vec<Actor> = (0..4).map(actor).collect();
    synthetic::busy_case(case_id, &actors, "Testregio", n, start)
}

fn measure<T>(label: &str, rounds: usize, mut f: impl FnMut() -> T) -> Duration {
    for _ in 0..rounds.div_ceil(10) {
        black_box(f());
    }
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    println!(
        "{label:<48} median {:>10.3?}   p95 {:>10.3?}   ({rounds} rounds)",
        median, p95
    );
    median
}

fn main() {
    let events = busy_case(10_000);
    let bytes: usize = events
        .iter()
        .map(|e| serde_json::to_vec(e).map(|v| v.len()).unwrap_or(0))
        .sum();
    println!(
        "samenop-core bench: one case, {} events, {} KiB as JSON",
        events.len(),
        bytes / 1024
    );
    let state = CaseState::fold(&events);
    println!(
        "  folded: {} applied, {} skipped, {} conflicts",
        state.event_count,
        state.skipped.len(),
        state.conflicts().len()
    );

    // Arrival order is random on a real device; fold from reversed order.
    let mut reversed = events.clone();
    reversed.reverse();
    let fold = measure("fold 10,000 events (CaseState::fold)", 50, || {
        CaseState::fold(&reversed)
    });
    // What the server adds per push (issue 13 §5): the bounds walk.
    let tidy = measure("bounds::tidy of 10,000 events (push path)", 20, || {
        events
            .iter()
            .map(|e| samenop_core::bounds::tidy(e.clone()).is_ok())
            .filter(|ok| *ok)
            .count()
    });
    let now = Utc::now();
    measure("fold + on-scene summary of 10,000 events", 30, || {
        OnSceneSummary::build(&CaseState::fold(&reversed), now)
    });

    let mut input = TriageInput::new(now);
    input.criteria.set(Criterion::IntimateTerrorRecentBreakup, Answer::Yes);
    input.criteria.set(Criterion::Firearm, Answer::No);
    input.relationship_ended_on = Some(now.date_naive() - chrono::Duration::days(3));
    input.lifted_by = vec![LiftingRoute::ArrestedArt53Sv];
    // One triage is far below timer resolution: time batches of 1,000.
    let batch = measure("evaluate 1,000 triages", 200, || {
        for _ in 0..1_000 {
            black_box(evaluate(black_box(&input)));
        }
    });
    let per_triage = batch / 1_000;

    // A shift lead's region over a year: 2,000 cases of 50 events, a few hours apart.
    let actors: Vec<Actor> = (0..2).map(actor).collect();
    let year_start = Utc
        .with_ymd_and_hms(2026, 1, 1, 8, 0, 0)
        .single()
        .map(|t| t.timestamp_millis())
        .unwrap_or(0);
    let region: Vec<Vec<Event>> = (0..2_000u128)
        .map(|i| {
            let case = CaseId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0001_0000 + i));
            synthetic::busy_case(case, &actors, "Testregio", 50, year_start + (i as i64) * 4 * 3_600_000)
        })
        .collect();
    let states: Vec<CaseState> = region.iter().map(CaseState::fold).collect();
    let fold_region = measure("fold a region: 2,000 cases x 50 events", 10, || {
        region.iter().map(CaseState::fold).collect::<Vec<_>>()
    });
    let figures = measure("weekly figures of 2,000 folded cases", 20, || weekly(&states));
    let board_time = measure("measures board of 2,000 folded cases", 20, || board(&states, now));
    println!();
    println!("fold 10,000 events: {:.2} ms (target < 5 ms)", fold.as_secs_f64() * 1e3);
    println!(
        "bounds walk:        {:.2} µs per event",
        tidy.as_secs_f64() * 1e6 / events.len() as f64
    );
    println!(
        "evaluate triage:    {:.3} µs (target < 10 µs)",
        per_triage.as_secs_f64() * 1e6
    );
    println!(
        "shift lead, 2,000 cases / 100,000 events: fold {:.1} ms, weekly figures {:.1} ms, board {:.1} ms",
        fold_region.as_secs_f64() * 1e3,
        figures.as_secs_f64() * 1e3,
        board_time.as_secs_f64() * 1e3
    );
}
