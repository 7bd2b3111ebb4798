//! The SamenOp sync backend as a library, so the binary, the black-box tests
//! and the benchmark all start the very same application.

pub mod auth;
pub mod config;
pub mod demo;
pub mod error;
pub mod limits;
pub mod membership;
pub mod pdf;
pub mod retention;
pub mod routes;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod users_cmd;

pub use config::Config;
pub use startup::Application;
