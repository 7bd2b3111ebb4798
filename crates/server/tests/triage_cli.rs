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
    assert_eq!(out["network_has_access"], false);
    assert_eq!(out["third_party_oversight"], false);
    assert_eq!(out["reassess_before"], json!(["arrest_decision"]));
    assert_eq!(out["warnings"], json!([]));
    assert_eq!(out["missing"], json!([]));
    assert_eq!(out["sash_level"], Value::Null);
}

#[test]
fn empty_assessment_is_undetermined_with_all_ten_criteria_open_in_order() {
    let out = ok(json!({"assessed_at": AT}));
    assert_eq!(out["status"], "undetermined"); // v2: was "not_acute"
    assert_eq!(out["reassess_before"], json!([]));
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
    // v2: the other nine criteria are open, so "undetermined" (was "not_acute").
    assert_eq!(ok(base("2026-02-14"))["status"], "undetermined");
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
        (json!({"assessed_at": AT, "honour_based": "yes"}), "honour_based"),
        (json!({"assessed_at": AT, "honour_based": null}), "honour_based"),
        (
            json!({"assessed_at": AT, "network_has_access": "maybe"}),
            "network_has_access",
        ),
        (
            json!({"assessed_at": AT, "network_has_access": false}),
            "network_has_access",
        ),
        (
            json!({"assessed_at": AT, "network_has_access": null}),
            "network_has_access",
        ),
        (json!({"assessed_at": AT, "network": "yes"}), "network"),
    ] {
        invalid(&input.to_string(), field);
    }
    invalid("not json", "`.`");
    invalid("", "`.`");
}

// ---- Contract v2 ----------------------------------------------------------

fn all_no() -> Value {
    json!({
        "offence_8_years": "no", "firearm": "no", "injury_or_strangulation": "no",
        "violence_in_pregnancy": "no", "sexual_abuse": "no", "withholding_care": "no",
        "intimate_terror_recent_breakup": "no", "threat_of_violence": "no",
        "stalking_with_fear": "no", "breach_of_safety_conditions": "no"
    })
}

#[test]
fn not_acute_only_when_all_ten_are_answered_else_undetermined() {
    let out = ok(json!({"assessed_at": AT, "criteria": all_no()}));
    assert_eq!(out["status"], "not_acute");
    let mut criteria = all_no();
    criteria["firearm"] = json!("unknown");
    let out = ok(json!({"assessed_at": AT, "criteria": criteria, "lifted_by": ["kept_away_art3_pw"]}));
    assert_eq!(out["status"], "undetermined");
    assert_eq!(out["open_criteria"], json!(["firearm"]));
    // An unfinished assessment still asks before the police leave (002
    // l.1095-1106, l.443-444).
    assert_eq!(out["reassess_before"], json!(["police_departure"]));
}

#[test]
fn a_high_sash_counts_as_sash_high_after_professional_judgement() {
    let out = ok(json!({"assessed_at": AT, "criteria": all_no(), "sash": {"fear_of_death": "yes"}}));
    assert_eq!(out["status"], "acute");
    assert_eq!(out["acute_criteria"], json!(["sash_high"]));
    let out = ok(json!({
        "assessed_at": AT, "criteria": {"firearm": "yes"},
        "professional_judgement": {"acute": true, "reason": "dreigende sfeer"},
        "sash": {"assessor_level": "high"}
    }));
    assert_eq!(
        out["acute_criteria"],
        json!(["firearm", "professional_judgement", "sash_high"])
    );
    let out = ok(json!({"assessed_at": AT, "criteria": all_no(), "sash": {"assessor_level": "medium"}}));
    assert_eq!(out["status"], "not_acute");
}

#[test]
fn downgrade_is_ignored_when_only_sash_high_counts() {
    let out = ok(json!({
        "assessed_at": AT, "criteria": all_no(), "sash": {"assessor_level": "high"},
        "professional_judgement": {"acute": false, "reason": "lijkt mee te vallen"}
    }));
    assert_eq!(out["status"], "acute");
    assert_eq!(out["warnings"], json!(["downgrade_ignored"]));
}

#[test]
fn breakup_outside_14_days_is_answered_and_warns() {
    let mut criteria = all_no();
    criteria["intimate_terror_recent_breakup"] = json!("yes");
    let out = ok(json!({"assessed_at": AT, "criteria": criteria, "relationship_ended_on": "2026-02-14"}));
    assert_eq!(out["status"], "not_acute");
    assert_eq!(out["open_criteria"], json!([]));
    assert_eq!(out["acute_criteria"], json!([]));
    assert_eq!(out["warnings"], json!(["breakup_outside_14_days"]));
    assert_eq!(out["breakup_days_ago"], 15);
}

#[test]
fn art3_pw_asks_to_reassess_before_the_police_leave() {
    let out = ok(json!({"assessed_at": AT, "criteria": {"firearm": "yes"}, "lifted_by": ["kept_away_art3_pw"]}));
    assert_eq!(out["status"], "contained");
    assert_eq!(out["reassess_before"], json!(["police_departure"]));
}

#[test]
fn honour_based_network_counts_as_access_until_answered_no() {
    let base = json!({"assessed_at": AT, "criteria": {"threat_of_violence": "yes"}, "lifted_by": ["arrested_art53_sv"], "honour_based": true});
    let out = ok(base.clone());
    assert_eq!(out["suspect_has_access"], false);
    assert_eq!(out["network_has_access"], true);
    assert_eq!(out["status"], "acute");
    let mut unknown = base.clone();
    unknown["network_has_access"] = json!("unknown");
    assert_eq!(ok(unknown)["status"], "acute");
    let mut no = base;
    no["network_has_access"] = json!("no");
    let out = ok(no);
    assert_eq!(out["network_has_access"], false);
    assert_eq!(out["status"], "contained");
}

#[test]
fn without_honour_based_only_an_answered_network_counts() {
    let base =
        json!({"assessed_at": AT, "criteria": {"threat_of_violence": "yes"}, "lifted_by": ["kept_away_art3_pw"]});
    let out = ok(base.clone());
    assert_eq!(out["network_has_access"], false);
    assert_eq!(out["status"], "contained");
    let mut yes = base;
    yes["network_has_access"] = json!("yes");
    let out = ok(yes);
    assert_eq!(out["suspect_has_access"], false);
    assert_eq!(out["network_has_access"], true);
    assert_eq!(out["status"], "acute");
}
