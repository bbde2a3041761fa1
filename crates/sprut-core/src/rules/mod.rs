//! The rules over dead clients and rotation, as pure functions of facts and a date.
//!
//! Nothing here reads a clock or a database: the store loads compact facts, a rule
//! decides, and every decision carries the rule and the figures behind it so that a
//! head of sales can answer "why?". Same input, same output: whatever is iterated is
//! sorted first.

pub mod cycle;
pub mod cycle_stats;
pub mod day;
pub mod dead;
pub mod extension;
pub mod reports;
pub mod review;
pub mod rotation;
pub mod scorecard;
pub mod service;
pub mod store;
pub mod why;

/// "1 day" or "N days", for explanations.
pub(crate) fn days_text(n: i64) -> String {
    if n == 1 || n == -1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}
