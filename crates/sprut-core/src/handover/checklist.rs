//! The checklist of one client's handover: a joint visit introducing the new holder,
//! documents handed over by inventory, receivables reconciled as of the transfer date,
//! departments and the client notified, open questions handed over.

use crate::validate::Checks;
use crate::Conflict;
use crate::Reason;
use crate::{word_enum, CoreError, EmployeeId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// A step of the checklist.
    Step {
        /// Joint visit to the client, introducing the new holder.
        JointVisit = "joint_visit",
        /// Documents handed over by inventory, confirmed by both holders.
        Documents = "documents",
        /// Open invoices as of the effective date, confirmed by both holders.
        Receivables = "receivables",
        /// The account team told.
        Departments = "departments",
        /// The client told directly by the company.
        Client = "client",
        /// Open questions handed over and accepted.
        Questions = "questions",
    }
);

/// An open invoice in the reconciliation snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SnapshotLine {
    /// Invoice number.
    pub number: String,
    /// Amount, minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: String,
    /// Issued.
    pub issued_on: Date,
    /// Due.
    pub due_on: Date,
}

/// The state of one client's checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Checklist {
    /// The joint visit's date, once planned.
    pub joint_visit_on: Option<Date>,
    /// When the joint visit happened.
    pub joint_visit_done_on: Option<Date>,
    /// The documents handed over, item by item.
    pub documents: Vec<String>,
    /// When the giving holder confirmed the inventory.
    #[serde(with = "time::serde::rfc3339::option")]
    pub documents_from_at: Option<OffsetDateTime>,
    /// When the receiving holder confirmed it.
    #[serde(with = "time::serde::rfc3339::option")]
    pub documents_to_at: Option<OffsetDateTime>,
    /// Open invoices as of the effective date (taken at the handover).
    pub receivables: Option<Vec<SnapshotLine>>,
    /// Their total, minor units.
    pub receivables_total: Option<i64>,
    /// The total the giving holder confirmed.
    pub from_total: Option<i64>,
    /// The total the receiving holder confirmed.
    pub to_total: Option<i64>,
    /// How a difference was settled.
    pub receivables_note: Option<String>,
    /// When the reconciliation closed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub receivables_closed_at: Option<OffsetDateTime>,
    /// When the account team was told.
    #[serde(with = "time::serde::rfc3339::option")]
    pub departments_notified_at: Option<OffsetDateTime>,
    /// When the client was told.
    #[serde(with = "time::serde::rfc3339::option")]
    pub client_notified_at: Option<OffsetDateTime>,
    /// Letters sent to the client's contacts.
    pub client_notices: i64,
    /// Open questions handed over.
    pub questions: Vec<String>,
    /// When the receiving holder accepted them.
    #[serde(with = "time::serde::rfc3339::option")]
    pub questions_accepted_at: Option<OffsetDateTime>,
}

/// Who acts on a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The holder giving the client up.
    From,
    /// The holder receiving it.
    To,
    /// A head or an administrator (may act for either holder; it is recorded).
    Manager,
}

/// Something done on a client's checklist.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum CheckAction {
    /// Plans the joint visit.
    PlanVisit {
        /// The day.
        on: Date,
    },
    /// Records that the joint visit happened.
    VisitDone {
        /// The day it happened.
        on: Date,
    },
    /// Sets the inventory of documents handed over (confirmations start again).
    SetDocuments {
        /// One line per document.
        items: Vec<String>,
    },
    /// Confirms the inventory (as the giving or the receiving holder).
    ConfirmDocuments,
    /// Confirms the open invoices by their total as one holder sees it.
    ConfirmReceivables {
        /// The total, minor units.
        total_minor: i64,
    },
    /// Settles a difference in the reconciliation (heads), with a note.
    SettleReceivables {
        /// What was found and agreed.
        note: String,
    },
    /// Sends the account team the department notice.
    NotifyDepartments,
    /// Writes to the client's consenting contacts; with a note (e.g. "told by phone") the
    /// step closes without letters.
    NotifyClient {
        /// How the client was told otherwise.
        #[serde(default)]
        note: Option<String>,
    },
    /// Sets the open questions handed over (acceptance starts again).
    SetQuestions {
        /// One line per question.
        items: Vec<String>,
    },
    /// The receiving holder accepts the open questions.
    AcceptQuestions,
}

/// What the store must do besides saving the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing more.
    None,
    /// Write the department notices.
    NotifyDepartments,
    /// Write the client notices (or record `note` when given instead).
    NotifyClient(Option<String>),
}

impl Checklist {
    /// The steps not done yet.
    pub fn open_steps(&self) -> Vec<Step> {
        let mut open = Vec::new();
        if self.joint_visit_done_on.is_none() {
            open.push(Step::JointVisit);
        }
        if self.documents.is_empty() || self.documents_from_at.is_none() || self.documents_to_at.is_none() {
            open.push(Step::Documents);
        }
        if self.receivables_closed_at.is_none() {
            open.push(Step::Receivables);
        }
        if self.departments_notified_at.is_none() {
            open.push(Step::Departments);
        }
        if self.client_notified_at.is_none() {
            open.push(Step::Client);
        }
        if self.questions_accepted_at.is_none() {
            open.push(Step::Questions);
        }
        open
    }

    /// Whether every step is done.
    pub fn is_closed(&self) -> bool {
        self.open_steps().is_empty()
    }

    /// The difference between the snapshot and what a holder confirmed, if any.
    pub fn receivables_difference(&self) -> Option<i64> {
        let total = self.receivables_total?;
        [self.from_total, self.to_total].into_iter().flatten().map(|t| t - total).find(|d| *d != 0)
    }

    /// Takes the reconciliation snapshot (at the handover); an empty one closes the step.
    pub fn take_snapshot(&mut self, lines: Vec<SnapshotLine>, now: OffsetDateTime) {
        self.receivables_total = Some(lines.iter().map(|l| l.amount_minor).sum());
        if lines.is_empty() {
            self.receivables_closed_at = Some(now);
        }
        self.receivables = Some(lines);
    }

    /// Applies `action` by `side` at `now` on `today`; the effect tells the store what else to do.
    pub fn apply(
        &mut self,
        action: CheckAction,
        side: Side,
        now: OffsetDateTime,
        today: Date,
    ) -> Result<Effect, CoreError> {
        let holders_only =
            |what: &str| CoreError::Forbidden(format!("{what} is confirmed by the giving or the receiving holder"));
        match action {
            CheckAction::PlanVisit { on } => {
                if on < today && self.joint_visit_done_on.is_none() {
                    return Err(CoreError::field("on", Reason::Past { today }));
                }
                self.joint_visit_on = Some(on);
            }
            CheckAction::VisitDone { on } => {
                if on > today {
                    return Err(CoreError::field("on", Reason::Future { today }));
                }
                self.joint_visit_on.get_or_insert(on);
                self.joint_visit_done_on = Some(on);
            }
            CheckAction::SetDocuments { items } => {
                self.documents = lines("items", items)?;
                self.documents_from_at = None;
                self.documents_to_at = None;
            }
            CheckAction::ConfirmDocuments => {
                if self.documents.is_empty() {
                    return Err(CoreError::Conflict(Conflict::DocumentsNotListed));
                }
                match side {
                    Side::From => self.documents_from_at = Some(now),
                    Side::To => self.documents_to_at = Some(now),
                    Side::Manager => return Err(holders_only("the inventory")),
                }
            }
            CheckAction::ConfirmReceivables { total_minor } => {
                if self.receivables.is_none() {
                    return Err(CoreError::Conflict(Conflict::ReceivablesAfterHandover));
                }
                if total_minor < 0 {
                    return Err(CoreError::field("total_minor", Reason::Negative));
                }
                match side {
                    Side::From => self.from_total = Some(total_minor),
                    Side::To => self.to_total = Some(total_minor),
                    Side::Manager => return Err(holders_only("the reconciliation")),
                }
                let agreed =
                    self.from_total.is_some() && self.to_total.is_some() && self.receivables_difference().is_none();
                if agreed {
                    self.receivables_closed_at = Some(now);
                }
            }
            CheckAction::SettleReceivables { note } => {
                if side != Side::Manager {
                    return Err(CoreError::Forbidden(
                        "a head of sales settles a difference in the reconciliation".into(),
                    ));
                }
                let mut c = Checks::new();
                let note = c.text("note", &note, 2000);
                c.finish()?;
                if self.receivables.is_none() {
                    return Err(CoreError::Conflict(Conflict::NoReconciliation));
                }
                self.receivables_note = Some(note);
                self.receivables_closed_at = Some(now);
            }
            CheckAction::NotifyDepartments => {
                if self.departments_notified_at.is_some() {
                    return Err(CoreError::Conflict(Conflict::DepartmentsTold));
                }
                self.departments_notified_at = Some(now);
                return Ok(Effect::NotifyDepartments);
            }
            CheckAction::NotifyClient { note } => {
                if self.client_notified_at.is_some() {
                    return Err(CoreError::Conflict(Conflict::ClientTold));
                }
                let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
                self.client_notified_at = Some(now);
                return Ok(Effect::NotifyClient(note));
            }
            CheckAction::SetQuestions { items } => {
                self.questions = lines("items", items)?;
                self.questions_accepted_at = None;
            }
            CheckAction::AcceptQuestions => {
                if side == Side::From {
                    return Err(CoreError::Forbidden("the receiving holder accepts the open questions".into()));
                }
                self.questions_accepted_at = Some(now);
            }
        }
        Ok(Effect::None)
    }
}

/// Non-empty trimmed lines, at most 100 of at most 500 characters.
fn lines(field: &str, items: Vec<String>) -> Result<Vec<String>, CoreError> {
    let items: Vec<String> = items.into_iter().map(|i| i.trim().to_string()).filter(|i| !i.is_empty()).collect();
    if items.len() > 100 || items.iter().any(|i| i.chars().count() > 500) {
        return Err(CoreError::field(field, Reason::Lines { lines: 100, chars: 500 }));
    }
    Ok(items)
}

/// Who a side is, given the transfer's holders: `None` when `actor` is neither and no manager.
pub fn side_of(actor: EmployeeId, from: EmployeeId, to: EmployeeId, manager: bool) -> Option<Side> {
    if actor == from {
        Some(Side::From)
    } else if actor == to {
        Some(Side::To)
    } else if manager {
        Some(Side::Manager)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    const NOW: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);
    const TODAY: Date = date!(2026 - 03 - 02);

    fn line(n: &str, amount: i64) -> SnapshotLine {
        SnapshotLine { number: n.into(), amount_minor: amount, currency: "RUB".into(), issued_on: TODAY, due_on: TODAY }
    }

    #[test]
    fn every_step_closes_the_checklist() {
        let mut c = Checklist::default();
        assert_eq!(c.open_steps().len(), 6);
        c.apply(CheckAction::VisitDone { on: TODAY }, Side::Manager, NOW, TODAY).unwrap();
        c.apply(
            CheckAction::SetDocuments { items: vec!["Договор поставки".into(), " ".into()] },
            Side::From,
            NOW,
            TODAY,
        )
        .unwrap();
        assert_eq!(c.documents, ["Договор поставки"]);
        assert!(c.apply(CheckAction::ConfirmDocuments, Side::Manager, NOW, TODAY).is_err());
        c.apply(CheckAction::ConfirmDocuments, Side::From, NOW, TODAY).unwrap();
        c.apply(CheckAction::ConfirmDocuments, Side::To, NOW, TODAY).unwrap();
        c.take_snapshot(vec![], NOW);
        assert_eq!(
            c.apply(CheckAction::NotifyDepartments, Side::Manager, NOW, TODAY).unwrap(),
            Effect::NotifyDepartments
        );
        assert!(c.apply(CheckAction::NotifyDepartments, Side::Manager, NOW, TODAY).is_err(), "once");
        let told =
            c.apply(CheckAction::NotifyClient { note: Some("звонок директору".into()) }, Side::Manager, NOW, TODAY);
        assert_eq!(told.unwrap(), Effect::NotifyClient(Some("звонок директору".into())));
        assert!(c.apply(CheckAction::AcceptQuestions, Side::From, NOW, TODAY).is_err());
        c.apply(CheckAction::AcceptQuestions, Side::To, NOW, TODAY).unwrap();
        assert!(c.is_closed(), "{:?}", c.open_steps());
    }

    #[test]
    fn reconciliation_flags_a_difference_until_settled() {
        let mut c = Checklist::default();
        assert!(c.apply(CheckAction::ConfirmReceivables { total_minor: 1 }, Side::From, NOW, TODAY).is_err());
        c.take_snapshot(vec![line("1", 100_00), line("2", 50_00)], NOW);
        assert_eq!(c.receivables_total, Some(150_00));
        c.apply(CheckAction::ConfirmReceivables { total_minor: 150_00 }, Side::From, NOW, TODAY).unwrap();
        c.apply(CheckAction::ConfirmReceivables { total_minor: 100_00 }, Side::To, NOW, TODAY).unwrap();
        assert_eq!(c.receivables_difference(), Some(-50_00));
        assert!(c.open_steps().contains(&Step::Receivables));
        assert!(c.apply(CheckAction::SettleReceivables { note: "x".into() }, Side::To, NOW, TODAY).is_err());
        c.apply(
            CheckAction::SettleReceivables { note: "счёт 2 оплачен 01.03, выписка".into() },
            Side::Manager,
            NOW,
            TODAY,
        )
        .unwrap();
        assert!(!c.open_steps().contains(&Step::Receivables));
    }

    #[test]
    fn dates_are_checked() {
        let mut c = Checklist::default();
        assert!(c.apply(CheckAction::PlanVisit { on: date!(2026 - 03 - 01) }, Side::Manager, NOW, TODAY).is_err());
        assert!(c.apply(CheckAction::VisitDone { on: date!(2026 - 03 - 03) }, Side::Manager, NOW, TODAY).is_err());
        assert_eq!(side_of(EmployeeId::new(), EmployeeId::new(), EmployeeId::new(), false), None);
    }
}
