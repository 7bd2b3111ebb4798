//! Black-box tests: the real server on 127.0.0.1:0 with a fresh database
//! per test (SQLite in a temp dir; PostgreSQL when
//! `SAMENOP_TEST_DATABASE_URL` is set), driven over HTTP with reqwest.
//! All people, places and cases here are invented.

mod admission;
mod at_rest;
mod audit_scope;
mod bad_input;
mod board;
mod demo;
mod export;
mod headers;
mod helpers;
mod honour;
mod integrity;
mod lead_window;
mod login;
mod login_checks;
mod login_hardening;
mod membership;
mod openings;
mod ops;
mod read_models;
mod region;
mod retention;
mod review;
mod revocation;
mod sharing;
mod shift;
mod sync;
mod sync_wait;
mod tls;
mod trace;
mod trusted;
mod two_instances;
mod upkeep;
mod visibility;
mod wal;
