//! The SQLite files on disk: only the server's user may read them. The data
//! directory is created 0700 and the database file 0600 before SQLite opens
//! it (SQLite gives its `-wal` and `-shm` files the database file's mode).
//! Encrypting the volume is the operator's part (README, "Data at rest").

use std::path::{Path, PathBuf};

/// SQLite is for ONE server process: the single group-commit writer is
/// what orders `seq` and settles duplicates, and it is per process (two
/// processes would also fight over the write lock and the checkpoints).
/// `serve` therefore takes an exclusive lock on `<database>.lock` for as
/// long as it runs, and a second `serve` on the same file is refused. The
/// lock is a separate file: closing any descriptor of the database file
/// itself would drop SQLite's own POSIX locks. The CLI commands (`users`,
/// `retention run`) do not take it. Run several instances on PostgreSQL
/// (README, "Several instances").
#[derive(Debug)]
pub struct SqliteClaim {
    _file: std::fs::File,
}

/// Why a SQLite file could not be claimed.
#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    #[error("another samenop-server process serves {0} (SQLite is for one process; use PostgreSQL for several)")]
    Taken(PathBuf),
    #[error("cannot lock {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// Takes the one-process lock of the SQLite file `db_file` (see `SqliteClaim`).
pub fn claim_sqlite_file(db_file: &Path) -> Result<SqliteClaim, ClaimError> {
    let mut name = db_file.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    let io = |source| ClaimError::Io {
        path: path.clone(),
        source,
    };
    make_private_file(&path).map_err(io)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => Ok(SqliteClaim { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(ClaimError::Taken(db_file.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
    }
}

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
