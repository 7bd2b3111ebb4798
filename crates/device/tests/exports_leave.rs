//! A summary PDF the app saved in its own export folder (a phone's, beside
//! the vault) is plaintext: it leaves with its case and with the vault
//! (device security review, stop 36). Its own test binary: it points
//! `SAMENOP_DATA_DIR` at a temporary directory for the whole process. All
//! cases are invented.

mod common;

use samenop_core::event::ReportSource;
use samenop_device::platform::export_file_name;

#[test]
fn an_export_in_the_apps_folder_leaves_with_its_case_and_with_the_vault() {
    let dir = tempfile::tempdir().expect("temp dir");
    // SAFETY: the only test in this binary; nothing else reads the env.
    unsafe { std::env::set_var("SAMENOP_DATA_DIR", dir.path()) };
    let mut field = common::signed_in(&dir);
    let dropped = field
        .open_case(ReportSource::PoliceReport, "Teststraat 5")
        .expect("open");
    let kept = field.open_case(ReportSource::PoliceReport, "Proefweg 9").expect("open");
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).expect("export folder");
    for case_id in [dropped, kept] {
        std::fs::write(exports.join(export_file_name(case_id)), b"%PDF-1.7 synthetic").expect("export");
    }

    field.purge(dropped).expect("drop the case");
    assert!(
        !exports.join(export_file_name(dropped)).exists(),
        "the dropped case's PDF is gone"
    );
    assert!(
        exports.join(export_file_name(kept)).exists(),
        "another case's PDF stays"
    );

    // A PDF of a case this device never held (a lead exports without
    // opening it here) goes at the server's notice too.
    let never_held = samenop_core::CaseId::generate();
    std::fs::write(exports.join(export_file_name(never_held)), b"%PDF-1.7 synthetic").expect("export");
    field.purge(never_held).expect("notice of a case never held");
    assert!(!exports.join(export_file_name(never_held)).exists(), "its PDF is gone");

    field.wipe().expect("wipe");
    assert!(!exports.exists(), "the wipe takes the app's export folder with it");
}
