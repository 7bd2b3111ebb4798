//! SamenOp core: the rules of *Samen op in acuut* as pure Rust — no IO, no
//! UI. The field app and the server both call this crate and never
//! re-implement a protocol rule.

pub mod actor;
pub mod admit;
pub mod agreement;
pub mod answer;
pub mod board;
pub mod bounds;
pub mod case;
pub mod catalogue;
pub mod command;
pub mod device;
pub mod evaluation;
pub mod event;
pub mod handover;
pub mod hlc;
pub mod honour;
pub mod lang;
pub mod local_time;
pub mod measures;
pub mod membership;
pub mod pin;
pub mod read_model;
pub mod refusal;
pub mod retention;
pub mod sash;
pub mod sharing;
pub mod shift;
pub mod steps;
pub mod summary;
pub mod synthetic;
pub mod text;
pub mod triage;
pub mod trusted_time;
pub mod wire;

pub use actor::{Actor, Organisation, Role};
pub use answer::Answer;
pub use case::{CaseState, CaseStatus, Conflict};
pub use command::Command;
pub use device::Device;
pub use event::{Assignment, CaseId, DeviceId, Event, EventId, EventKind, FieldKey, Schema};
pub use hlc::{Hlc, HlcClock};
pub use lang::{Label, Lang, Vocabulary};
pub use refusal::Refusal;
pub use strum::VariantArray;
pub use summary::OnSceneSummary;
pub use triage::{TriageInput, TriageOutcome, TriageStatus, evaluate};
