//! The SamenOp device engine, without UI: the PIN-sealed on-device log and
//! outbox (`store`), the device's working state (`field`), the HTTP sync
//! client (`sync`) and the sync engine that drives it (`engine`). The field
//! app renders and calls this crate; every `#[cfg]` lives in `platform`.

pub mod engine;
pub mod export;
pub mod field;
pub mod offline;
pub mod platform;
pub mod resume;
pub mod server_url;
pub mod signout;
pub mod store;
pub mod sync;

pub use engine::{Host, SyncEngine};
pub use field::{CaseRow, Field, FieldError};
pub use sync::{Revocation, SyncError, SyncStatus};
