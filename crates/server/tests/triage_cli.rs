//! The `samenop-server triage` contract, called as other systems call it:
//! the real binary, JSON on stdin, JSON on stdout, exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn triage(input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samenop-server"))
        .arg("triage")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start samenop-server");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(input: Value) -> Value {
    let run = triage(&input.to_string());
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("stdout is one JSON object")
}

fn invalid(input: &str, field: &str) {
    let run = triage(input);
    assert_eq!(run.code, 2, "{input}");
    assert!(run.stdout.is_empty(), "nothing on stdout: {}", run.stdout);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "one line: {}", run.stderr);
    assert!(run.stderr.contains(field), "names `{field}`: {}", run.stderr);
}

const AT: &str = "2026-03-01T22:00:00+01:00";

#[test]
fn firearm_yes_is_acute_with_every_output_field() {
    let out = ok(json!({"assessed_at": AT, "criteria": {"firearm": "yes"}}));
    assert_eq!(out["status"], "acute");
    assert_eq!(out["acute_criteria"], json!(["firearm"]));
    assert_eq!(out["open_criteria"].as_array().map(Vec::len), Some(9));
    assert_eq!(out["suspect_has_access"], true);
    assert_eq!(out["third_party_oversight"], false);
    assert_eq!(out["reassess_before"], json!(["arrest_decision"]));
    assert_eq!(out["warnings"], json!([]));
    assert_eq!(out["missing"], json!([]));
    assert_eq!(out["sash_level"], Value::Null);
}

#[test]
fn empty_assessment_is_not_acute_with_all_ten_criteria_open_in_order() {
    let out = ok(json!({"assessed_at": AT}));
    assert_eq!(out["status"], "not_acute");
    assert_eq!(
        out["open_criteria"],
        json!([
            "offence_8_years",
            "firearm",
            "injury_or_strangulation",
            "violence_in_pregnancy",
            "sexual_abuse",
            "withholding_care",
            "intimate_terror_recent_breakup",
            "threat_of_violence",
            "stalking_with_fear",
            "breach_of_safety_conditions"
        ])
    );
}

#[test]
fn breakup_14_days_counts_and_15_days_does_not() {
    let base = |date: &str| json!({"assessed_at": AT, "criteria": {"intimate_terror_recent_breakup": "yes"}, "relationship_ended_on": date});
    assert_eq!(ok(base("2026-02-15"))["status"], "acute");
    assert_eq!(ok(base("2026-02-14"))["status"], "not_acute");
}

#[test]
fn breakup_without_date_counts_and_lists_the_missing_date() {
    let out = ok(
        json!({"assessed_at": AT, "criteria": {"intimate_terror_recent_breakup": "yes"}, "relationship_ended_on": null}),
    );
    assert_eq!(out["status"], "acute");
    assert_eq!(out["missing"], json!(["relationship_ended_on"]));
}

#[test]
fn arrest_contains_and_asks_reassessment_before_release() {
    let out = ok(
        json!({"assessed_at": AT, "criteria": {"injury_or_strangulation": "yes"}, "lifted_by": ["arrested_art53_sv"]}),
    );
    assert_eq!(out["status"], "contained");
    assert_eq!(out["suspect_has_access"], false);
    assert_eq!(out["reassess_before"], json!(["release_of_suspect"]));
    assert_eq!(out["warnings"], json!(["no_release_without_safety_measures"]));
}

#[test]
fn plan_with_oversight_contains_and_keeps_access() {
    let out = ok(
        json!({"assessed_at": AT, "criteria": {"threat_of_violence": "yes"}, "suspect_has_access": "yes", "lifted_by": ["plan_with_oversight"]}),
    );
    assert_eq!(out["status"], "contained");
    assert_eq!(out["suspect_has_access"], true);
    assert_eq!(out["third_party_oversight"], true);
}

#[test]
fn downgrade_is_ignored_and_warned() {
    let out = ok(
        json!({"assessed_at": AT, "criteria": {"sexual_abuse": "yes"}, "professional_judgement": {"acute": false, "reason": "lijkt mee te vallen"}}),
    );
    assert_eq!(out["status"], "acute");
    assert_eq!(out["warnings"], json!(["downgrade_ignored"]));
}

#[test]
fn professional_judgement_raises_to_acute() {
    let out = ok(json!({"assessed_at": AT, "professional_judgement": {"acute": true, "reason": "dreigende sfeer"}}));
    assert_eq!(out["acute_criteria"], json!(["professional_judgement"]));
}

#[test]
fn sash_decisive_indicator_overrides_the_assessor() {
    let out = ok(json!({"assessed_at": AT, "sash": {"nothing_to_lose": "yes", "assessor_level": "low"}}));
    assert_eq!(out["sash_level"], "high");
    let out = ok(json!({"assessed_at": AT, "sash": {"fear_of_death": "no", "assessor_level": "medium"}}));
    assert_eq!(out["sash_level"], "medium");
}

#[test]
fn invalid_input_exits_2_naming_the_field() {
    invalid(r#"{"criteria":{}}"#, "assessed_at");
    invalid(r#"{"assessed_at":"gisteren"}"#, "assessed_at");
    for (input, field) in [
        (json!({"assessed_at": AT, "criteria": {"gun": "yes"}}), "criteria.gun"),
        (
            json!({"assessed_at": AT, "criteria": {"firearm": "ja"}}),
            "criteria.firearm",
        ),
        (
            json!({"assessed_at": AT, "suspect_has_access": true}),
            "suspect_has_access",
        ),
        (
            json!({"assessed_at": AT, "third_party_oversight": "maybe"}),
            "third_party_oversight",
        ),
        (json!({"assessed_at": AT, "lifted_by": ["hope"]}), "lifted_by"),
        (
            json!({"assessed_at": AT, "professional_judgement": {"acute": true, "reason": ""}}),
            "professional_judgement.reason",
        ),
        (
            json!({"assessed_at": AT, "sash": {"assessor_level": "extreme"}}),
            "sash.assessor_level",
        ),
        (
            json!({"assessed_at": AT, "sash": {"shoe_size": "yes"}}),
            "sash.shoe_size",
        ),
        (
            json!({"assessed_at": AT, "relationship_ended_on": "2026-03-09"}),
            "relationship_ended_on",
        ),
        (json!({"assessed_at": AT, "colour": "red"}), "colour"),
    ] {
        invalid(&input.to_string(), field);
    }
    invalid("not json", "`.`");
    invalid("", "`.`");
}
