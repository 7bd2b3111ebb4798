//! The SQLite files on disk: only the server's user may read them. The data
//! directory is created 0700 and the database file 0600 before SQLite opens
//! it (SQLite gives its `-wal` and `-shm` files the database file's mode).
//! Encrypting the volume is the operator's part (README, "Data at rest").

use std::path::Path;

/// Creates the directory of `db_file` (0700) if missing and the database
/// file (0600) if missing; tightens an existing database file to 0600.
/// An existing directory is left as it is (it may be shared, like /tmp),
/// with a warning when others can read it.
pub fn prepare_sqlite_file(db_file: &Path) -> std::io::Result<()> {
    if let Some(dir) = db_file.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            create_private_dir(dir)?;
        } else if others_can_read(dir) {
            tracing::warn!(dir = %dir.display(), "the data directory is readable by other users; chmod 700 it");
        }
    }
    make_private_file(db_file)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn others_can_read(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn others_can_read(_: &Path) -> bool {
    false
}

#[cfg(unix)]
fn make_private_file(file: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(file)?;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn make_private_file(_: &Path) -> std::io::Result<()> {
    Ok(())
}
