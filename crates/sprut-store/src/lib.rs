//! sprut's Store on SQLite and PostgreSQL: one code base, the engine chosen by URL.
//!
//! Every SQL text runs unchanged on both engines (`$n` placeholders, `ON CONFLICT`,
//! partial unique indexes); the `q_*!` macros bind it for whichever engine is open.

mod account_team;
mod alert_mail;
mod alerts;
mod audit;
mod backup;
mod bound;
mod bulk;
mod clients;
#[path = "../migrations/constraints.rs"]
pub mod constraints;
mod contact_pool;
pub mod copy;
mod dataset;
mod engine;
mod exports;
pub(crate) mod handover;
mod holding;
mod holding_plan;
mod id;
mod import;
mod job_runs;
mod kept;
mod meeting_requests;
mod octopus;
mod outbox;
mod paging;
mod people;
mod planner;
mod records;
pub mod rotation;
mod rows;
mod sales_plan;
mod scope;
pub mod scratch;
mod sessions;
mod settings;
pub mod snapshot;
mod spot_checks;
mod sql;
mod surveys;
mod watch;
mod workbench;

pub use engine::{redact_url, Db, Engine, Health, TABLES};
pub use watch::{ACCESS_DENIED, CLIENT_VIEW, SIGN_IN_FAILED};
