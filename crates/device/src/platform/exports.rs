//! Where a native build saves an exported file: the user's Downloads folder
//! on a desktop; on a phone (no such folder through `dirs`) beside the
//! vault in the app's private directory, out of every backup.
//!
//! An export is plaintext. One in Downloads was the user's own choice to
//! keep (the confirmation says to keep it only in the dossier); one in the
//! app's private folder is the app's to clear, so it leaves with its case
//! and with the vault (device security review, stop 36).

use std::io::ErrorKind;
use std::path::PathBuf;

use samenop_core::CaseId;

use crate::store::StoreError;

pub fn export_dir() -> PathBuf {
    dirs::download_dir().unwrap_or_else(private_exports)
}

/// The app's own export folder (a phone's `export_dir`).
fn private_exports() -> PathBuf {
    super::data_dir().join("exports")
}

fn gone(result: std::io::Result<()>) -> Result<(), StoreError> {
    match result {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(StoreError::Backend(format!("exports: {}", e.kind()))),
        _ => Ok(()),
    }
}

/// Removes the app's private export folder and everything in it.
pub fn forget_exports() -> Result<(), StoreError> {
    gone(std::fs::remove_dir_all(private_exports()))
}

/// Removes the PDF of `case_id` from the app's private export folder.
pub fn forget_case_export(case_id: CaseId) -> Result<(), StoreError> {
    gone(std::fs::remove_file(
        private_exports().join(super::export_file_name(case_id)),
    ))
}
