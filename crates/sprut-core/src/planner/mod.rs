//! The redistribution planner (article 000): which clients to move so that the reps' books are
//! balanced at the least disruption, solved exactly as a minimum-cost flow.

pub mod book;
pub mod flow;
pub mod model;
pub mod service;
