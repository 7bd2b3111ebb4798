//! Black-box tests: the real server on 127.0.0.1:0 with a fresh database
//! per test (SQLite in a temp dir; PostgreSQL when
//! `SAMENOP_TEST_DATABASE_URL` is set), driven over HTTP with reqwest.
//! All people, places and cases here are invented.

mod admission;
mod bad_input;
mod board;
mod demo;
mod export;
mod helpers;
mod login;
mod ops;
mod region;
mod review;
mod sync;
mod tls;
mod trusted;
