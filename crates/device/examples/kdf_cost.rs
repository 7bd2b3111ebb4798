//! Prints what one PIN guess costs: ms per Argon2id derivation and
//! guesses per second per core, for the old and candidate parameters.
//! `cargo run --release -p samenop-device --example kdf_cost`
//! A figure, not a test: never asserts on time.

use std::time::Instant;

use samenop_device::store::{KdfParams, SALT_LEN, VaultKey};

fn main() {
    let candidates = [
        (
            "old (19 MiB, t=2)",
            KdfParams {
                m_cost_kib: 19 * 1024,
                t_cost: 2,
            },
        ),
        (
            "32 MiB, t=3",
            KdfParams {
                m_cost_kib: 32 * 1024,
                t_cost: 3,
            },
        ),
        (
            "46 MiB, t=2",
            KdfParams {
                m_cost_kib: 46 * 1024,
                t_cost: 2,
            },
        ),
        (
            "46 MiB, t=3",
            KdfParams {
                m_cost_kib: 46 * 1024,
                t_cost: 3,
            },
        ),
        (
            "64 MiB, t=3",
            KdfParams {
                m_cost_kib: 64 * 1024,
                t_cost: 3,
            },
        ),
        ("new default", KdfParams::default()),
    ];
    let rounds = 5;
    println!(
        "{:<20} {:>10} {:>14} {:>14}",
        "params", "ms/guess", "guesses/s/core", "6-digit space h/core"
    );
    for (name, params) in candidates {
        // One warm-up: the first allocation of the memory is not a guess.
        let _ = VaultKey::derive("000000", &[7; SALT_LEN], params);
        let start = Instant::now();
        for i in 0..rounds {
            let _ = VaultKey::derive(&format!("{i:06}"), &[7; SALT_LEN], params);
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / rounds as f64;
        let per_s = 1000.0 / ms;
        println!(
            "{name:<20} {ms:>10.1} {per_s:>14.1} {:>14.1}",
            1_000_000.0 / per_s / 3600.0
        );
    }
}
