//! Why the system started or ended a holding (the rotation's rules, a transfer), as data: the
//! holding's explanation keeps the English line for the API and the CLI, and a page says it in
//! its reader's language from these figures.

use super::dead::DeadReason;
use super::rotation::PickRule;
use crate::handover::share::ShareWhy;
use crate::handover::transfer::TransferCause;
use serde::{Deserialize, Serialize};
use time::Date;

/// The rule or transfer behind a holding the system started or ended, with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum RuleWhy {
    /// A sale during development: the client became the holder's customer.
    Converted,
    /// Released to rest until `until` for a dead-client reason.
    Released {
        /// The last day of rest.
        until: Date,
        /// Why the client was dead, with its figures.
        reason: DeadReason,
    },
    /// Handed on from rest by the rotation.
    HandedOut {
        /// How the rep was picked.
        pick: PickRule,
        /// His development load when picked.
        load: i64,
        /// His capacity.
        capacity: i64,
        /// The eligible reps he was picked among.
        among: u32,
        /// The development's length in days (the sales cycle given).
        cycle_days: i64,
    },
    /// Ended by a transfer to `to`.
    HandedOver {
        /// Why the client moved.
        cause: TransferCause,
        /// The receiver's name.
        to: String,
    },
    /// Started by a transfer from `from`, for the transfer's stated reason.
    Received {
        /// Why the client moved.
        cause: TransferCause,
        /// The giver's name.
        from: String,
        /// The reason as the transfer stated it.
        reason: String,
        /// The same as data, when a rule or the head chose the receiver.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        why: Option<ShareWhy>,
    },
    /// Started by an import from what the source system says of the client.
    Inferred {
        /// The source system.
        source: String,
        /// The source names him the client's holder (else he owns its latest deal or touch).
        holder: bool,
    },
    /// Recalled from the previous holder by the head, straight to this rep.
    Recalled {
        /// The head's reason, as written.
        reason: String,
        /// The development's length in days (the sales cycle given).
        days: i64,
    },
    /// The rep entered a client he found himself, and holds it.
    FoundByRep,
    /// Ended by an import: the source names someone else the client's holder.
    HolderElsewhere {
        /// The source system.
        source: String,
    },
}
