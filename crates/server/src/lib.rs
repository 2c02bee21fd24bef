//! The Portico server: one stateless binary serving the JSON API under `/api`, probes, and the
//! built SPA, over SQLite or PostgreSQL. It owns authentication, authorization, the program's
//! rules and all persistence. It must not depend on the SPA crate; the contract it shares with
//! the browser lives in `portico-api`.

pub mod app;
pub mod blobs;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod outbound;
pub mod request_log;
pub mod routes;
pub mod startup;
pub mod state;
pub mod store;
pub mod web;
