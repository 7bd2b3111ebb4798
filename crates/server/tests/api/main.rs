//! Black-box tests: the real server on 127.0.0.1:0 with a fresh database
//! per test (SQLite in a temp dir; PostgreSQL when
//! `SAMENOP_TEST_DATABASE_URL` is set), driven over HTTP with reqwest.
//! All people, places and cases here are invented.

mod admission;
mod at_rest;
mod bad_input;
mod board;
mod demo;
mod export;
mod headers;
mod helpers;
mod login;
mod login_checks;
mod login_hardening;
mod membership;
mod ops;
mod region;
mod review;
mod sync;
mod tls;
mod trusted;
mod visibility;
