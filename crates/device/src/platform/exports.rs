//! Where a native build saves an exported file: the user's Downloads folder
//! on a desktop; on a phone (no such folder through `dirs`) beside the
//! vault in the app's private directory, out of every backup.

use std::path::PathBuf;

pub fn export_dir() -> PathBuf {
    dirs::download_dir().unwrap_or_else(|| super::data_dir().join("exports"))
}
