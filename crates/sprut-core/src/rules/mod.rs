//! The rules over dead clients and rotation, as pure functions of facts and a date.
//!
//! Nothing here reads a clock or a database: the store loads compact facts, a rule
//! decides, and every decision carries the rule and the figures behind it so that a
//! head of sales can answer "why?". Same input, same output: whatever is iterated is
//! sorted first.

pub mod cycle;
pub mod cycle_stats;
