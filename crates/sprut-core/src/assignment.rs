//! Assignments: a client held by one employee for a span of dates.
//!
//! At most one assignment per client is open. History is append-only: a span is
//! created once and only ever closed (its `ended_on` set once); it is never edited.

use crate::rules::why::RuleWhy;
use crate::validate::Checks;
use crate::Reason;
use crate::{word_enum, AssignmentId, ClientId, CoreError, EmployeeId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// Why the client is held.
    AssignmentKind {
        /// Time-boxed work to win a sale; has a due date.
        Development = "development",
        /// An existing customer looked after; no due date.
        Account = "account",
    }
);

word_enum!(
    /// Why an assignment ended.
    EndReason {
        /// Released to rest (no sale in the period).
        Released = "released",
        /// The head took it back early.
        Recalled = "recalled",
        /// Handed to another employee.
        Transferred = "transferred",
        /// Development turned into a customer (a sale).
        Converted = "converted",
        /// The client was archived.
        Archived = "archived",
        /// The holder left the company.
        Departed = "departed",
    }
);

/// One span of a client held by one employee: `started_on` inclusive, `ended_on` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Assignment {
    /// Id.
    pub id: AssignmentId,
    /// The client.
    pub client_id: ClientId,
    /// The holder.
    pub employee_id: EmployeeId,
    /// Development or account.
    pub kind: AssignmentKind,
    /// First day held.
    pub started_on: Date,
    /// When development must show a sale.
    pub due_on: Option<Date>,
    /// First day no longer held.
    pub ended_on: Option<Date>,
    /// Why it ended.
    pub end_reason: Option<EndReason>,
    /// The person's words or the rule's figures behind the ending.
    pub end_explanation: Option<String>,
    /// Who decided it (`None`: the system, by a rule).
    pub decided_by: Option<EmployeeId>,
    /// The rule and figures, or the person's reason, behind it.
    pub explanation: String,
    /// The rotation's rule and figures behind the start, as data (none: a person decided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<RuleWhy>,
    /// The rotation's rule and figures behind the ending, as data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_why: Option<RuleWhy>,
    /// When recorded.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Assignment {
    /// Whether this span covers `day`.
    pub fn covers(&self, day: Date) -> bool {
        self.started_on <= day && self.ended_on.is_none_or(|end| day < end)
    }
}

/// A request to give a client to an employee.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewAssignment {
    /// The new holder.
    pub employee_id: EmployeeId,
    /// Development or account.
    pub kind: AssignmentKind,
    /// First day held.
    pub started_on: Date,
    /// Due date (development only).
    #[serde(default)]
    pub due_on: Option<Date>,
    /// Why.
    pub explanation: String,
}

impl NewAssignment {
    /// Checks the request and builds the assignment for `client` decided by `decided_by`.
    pub fn into_assignment(
        self,
        client_id: ClientId,
        decided_by: Option<EmployeeId>,
        now: OffsetDateTime,
    ) -> Result<Assignment, CoreError> {
        let mut c = Checks::new();
        let explanation = c.text("explanation", &self.explanation, 2000);
        match (self.kind, self.due_on) {
            (AssignmentKind::Development, None) => c.fail("due_on", Reason::DevelopmentNeedsDue),
            (AssignmentKind::Development, Some(due)) if due <= self.started_on => {
                c.fail("due_on", Reason::Before { other: "started_on" })
            }
            (AssignmentKind::Account, Some(_)) => c.fail("due_on", Reason::AccountHasNoDue),
            _ => {}
        }
        c.finish()?;
        Ok(Assignment {
            id: AssignmentId::new(),
            client_id,
            employee_id: self.employee_id,
            kind: self.kind,
            started_on: self.started_on,
            due_on: self.due_on,
            ended_on: None,
            end_reason: None,
            end_explanation: None,
            decided_by,
            explanation,
            why: None,
            end_why: None,
            created_at: now,
        })
    }
}

/// A request to end the current assignment of a client.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct EndAssignment {
    /// First day no longer held.
    pub ended_on: Date,
    /// Why.
    pub reason: EndReason,
    /// Explanation.
    pub explanation: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn development_needs_a_due_date_after_start() {
        let req = |due| NewAssignment {
            employee_id: EmployeeId::new(),
            kind: AssignmentKind::Development,
            started_on: date!(2026 - 01 - 10),
            due_on: due,
            explanation: "first holder".into(),
        };
        let now = OffsetDateTime::UNIX_EPOCH;
        assert!(req(None).into_assignment(ClientId::new(), None, now).is_err());
        assert!(req(Some(date!(2026 - 01 - 10))).into_assignment(ClientId::new(), None, now).is_err());
        let a = req(Some(date!(2026 - 04 - 10))).into_assignment(ClientId::new(), None, now).unwrap();
        assert!(a.covers(date!(2026 - 01 - 10)));
        assert!(!a.covers(date!(2026 - 01 - 09)));
    }
}
