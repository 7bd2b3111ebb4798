//! `samenop-server triage`: the exact triage contract for tools and other
//! systems. One JSON object in, one out; exit 2 with a one-line message on
//! stderr naming the field when the input is invalid.

use std::io::{Read, Write};
use std::process::ExitCode;

use samenop_core::triage::{TriageInput, evaluate};

/// Exit code for invalid input, as the contract says.
const EXIT_INVALID: u8 = 2;

pub fn run() -> ExitCode {
    let mut raw = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut raw) {
        return fail(&format!("invalid triage input at `.`: cannot read stdin: {e}"));
    }
    let input = match TriageInput::from_json(&raw) {
        Ok(input) => input,
        Err(e) => return fail(&e.to_string()),
    };
    let outcome = evaluate(&input);
    let mut out = std::io::stdout().lock();
    match serde_json::to_writer(&mut out, &outcome).and_then(|_| writeln!(out).map_err(serde_json::Error::io)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn fail(message: &str) -> ExitCode {
    // One line, whatever the parser said.
    eprintln!("{}", message.replace('\n', " "));
    ExitCode::from(EXIT_INVALID)
}
