//! Guarding the base: the read log, rate limits, metering of list reads, and the settings
//! they all read.

pub mod limits;
pub mod reads;
pub mod settings;
pub mod watch;
