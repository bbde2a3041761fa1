//! Why the current state refuses a change: a code with its figures. Like [`crate::Reason`], the
//! core names it, English is its `Display` (API, CLI), and the UI says it in the user's language
//! by matching the code.

use crate::handover::offboarding::OffboardingState;
use crate::handover::transfer::TransferState;
use crate::outbox::MessageStatus;
use time::Date;

/// A change the current state refuses (HTTP 409).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A team with this name exists.
    TeamNameTaken,
    /// An employee with this e-mail exists.
    EmailTaken,
    /// A client with this ИНН exists.
    LegalIdTaken,
    /// The client is held by someone: end that holding first.
    AlreadyHeld,
    /// The client is resting: end its rest first.
    AlreadyResting,
    /// This week's report on the client is written: change it instead.
    ReportWritten,
    /// The client is in a transfer under way.
    InTransferUnderWay,
    /// The employee's departure is being planned.
    DepartureBeingPlanned,
    /// Another uniqueness rule of the base.
    Duplicate,
    /// A record the change names does not exist.
    MissingReference,
    /// A check rule of the base; the engine's words follow.
    BrokenRule {
        /// The engine's message.
        detail: String,
    },
    /// Nobody holds the client now.
    NotHeldNow,
    /// The client rests until a day.
    RestingUntil {
        /// The end of the rest.
        until: Date,
    },
    /// Only a development can be extended.
    OnlyDevelopmentExtends,
    /// The client is archived already.
    Archived,
    /// Weekly reports are written on development clients only.
    ReportsOnDevelopment,
    /// A client's holding changed while the rotation ran.
    HoldingChanged {
        /// The client's id.
        client: String,
    },
    /// A client's rest changed while the rotation ran.
    RestChanged {
        /// The client's id.
        client: String,
    },
    /// The employee has left.
    AlreadyLeft {
        /// His name.
        name: String,
    },
    /// The same departure is recorded.
    DepartureRecorded {
        /// His name.
        name: String,
        /// His last day.
        on: Date,
    },
    /// A playbook is running for the leaver.
    PlaybookRunning {
        /// The leaver's name.
        name: String,
    },
    /// The playbook is no longer active.
    PlaybookState {
        /// Its state.
        state: OffboardingState,
    },
    /// The offboarding plan has been applied.
    PlanApplied,
    /// The client is in another transfer.
    InTransfer {
        /// The client's name.
        client: String,
        /// That transfer's id, when known.
        transfer: String,
    },
    /// The transfer's state does not allow the step.
    TransferState {
        /// Its state.
        state: TransferState,
    },
    /// A client of the transfer is no longer held by the giver.
    NoLongerHeld {
        /// The client's name.
        client: String,
        /// The giver.
        from: String,
    },
    /// The clients change hands on their day first.
    HandoverFirst {
        /// The day.
        on: Date,
    },
    /// Steps of the checklist are open.
    ChecklistOpen {
        /// Each client with its open steps' codes.
        steps: String,
    },
    /// The documents are confirmed after they are listed.
    DocumentsNotListed,
    /// Receivables are reconciled as of the transfer day.
    ReceivablesAfterHandover,
    /// Nothing to settle before the reconciliation.
    NoReconciliation,
    /// The departments have been told.
    DepartmentsTold,
    /// The client has been told.
    ClientTold,
    /// The alert is closed.
    AlertClosed,
    /// An investigation was closed already.
    InvestigationClosed,
    /// A survey link was answered already.
    SurveyAnswered,
    /// A survey link expired.
    SurveyExpired {
        /// Its last day.
        on: Date,
    },
    /// The client was surveyed this quarter already.
    SurveyThisQuarter {
        /// When.
        sent_on: Date,
    },
    /// A spot check was recorded already.
    CheckRecorded,
    /// A meeting request was answered already.
    RequestAnswered {
        /// Its state.
        state: String,
    },
    /// Only a daily-record-limit alert lifts a limit.
    NotALimitAlert,
    /// Only a failed letter is sent again.
    OnlyFailedResend {
        /// The letter's state.
        status: MessageStatus,
    },
    /// The backup file exists.
    FileExists {
        /// Its path.
        path: String,
    },
    /// The team's book changed since the redistribution was previewed.
    BookChanged {
        /// What changed, client by client and rep by rep.
        changes: Vec<crate::planner::book::Changed>,
    },
    /// The copy's target holds data.
    TargetNotEmpty {
        /// A table with rows.
        table: String,
        /// Its rows.
        rows: i64,
    },
}

impl Conflict {
    /// The machine-readable code, stable across languages.
    pub fn code(&self) -> &'static str {
        use Conflict::*;
        match self {
            TeamNameTaken => "team_name_taken",
            EmailTaken => "email_taken",
            LegalIdTaken => "legal_id_taken",
            AlreadyHeld => "already_held",
            AlreadyResting => "already_resting",
            ReportWritten => "report_written",
            InTransferUnderWay => "in_transfer_under_way",
            DepartureBeingPlanned => "departure_being_planned",
            Duplicate => "duplicate",
            MissingReference => "missing_reference",
            BrokenRule { .. } => "broken_rule",
            NotHeldNow => "not_held_now",
            RestingUntil { .. } => "resting_until",
            OnlyDevelopmentExtends => "only_development_extends",
            Archived => "archived",
            ReportsOnDevelopment => "reports_on_development",
            HoldingChanged { .. } => "holding_changed",
            RestChanged { .. } => "rest_changed",
            AlreadyLeft { .. } => "already_left",
            DepartureRecorded { .. } => "departure_recorded",
            PlaybookRunning { .. } => "playbook_running",
            PlaybookState { .. } => "playbook_state",
            PlanApplied => "plan_applied",
            InTransfer { .. } => "in_transfer",
            TransferState { .. } => "transfer_state",
            NoLongerHeld { .. } => "no_longer_held",
            HandoverFirst { .. } => "handover_first",
            ChecklistOpen { .. } => "checklist_open",
            DocumentsNotListed => "documents_not_listed",
            ReceivablesAfterHandover => "receivables_after_handover",
            NoReconciliation => "no_reconciliation",
            DepartmentsTold => "departments_told",
            ClientTold => "client_told",
            AlertClosed => "alert_closed",
            RequestAnswered { .. } => "request_answered",
            InvestigationClosed => "investigation_closed",
            CheckRecorded => "check_recorded",
            SurveyAnswered => "survey_answered",
            SurveyExpired { .. } => "survey_expired",
            SurveyThisQuarter { .. } => "survey_this_quarter",
            NotALimitAlert => "not_a_limit_alert",
            OnlyFailedResend { .. } => "only_failed_resend",
            FileExists { .. } => "file_exists",
            TargetNotEmpty { .. } => "target_not_empty",
            BookChanged { .. } => "book_changed",
        }
    }
}

/// The conflict in English, for the API and the CLI.
impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use Conflict::*;
        match self {
            TeamNameTaken => write!(f, "a team with this name already exists"),
            EmailTaken => write!(f, "an employee with this e-mail already exists"),
            LegalIdTaken => write!(f, "a client with this legal id (ИНН) already exists"),
            AlreadyHeld => write!(f, "the client is already held by someone; end the current assignment first"),
            AlreadyResting => write!(f, "the client is already resting; end its rest first"),
            ReportWritten => write!(f, "this week's report on the client is already written; change it instead"),
            InTransferUnderWay => {
                write!(f, "the client is already in a transfer under way; finish or cancel that one first")
            }
            DepartureBeingPlanned => write!(f, "the employee's departure is already being planned; open that playbook"),
            Duplicate => write!(f, "a record with these values already exists"),
            MissingReference => write!(f, "a referenced record (client, employee or team) does not exist"),
            BrokenRule { detail } => write!(f, "the change breaks a rule of the base: {detail}"),
            NotHeldNow => write!(f, "the client is not held by anyone now"),
            RestingUntil { until } => write!(f, "the client is already resting until {until}"),
            OnlyDevelopmentExtends => write!(f, "only a development assignment can be extended"),
            Archived => write!(f, "the client is archived already"),
            ReportsOnDevelopment => write!(f, "weekly reports are written on development clients only"),
            HoldingChanged { client } => write!(f, "the holding of client {client} changed during the rotation"),
            RestChanged { client } => write!(f, "the rest of client {client} changed during the rotation"),
            AlreadyLeft { name } => write!(f, "{name} has already left"),
            DepartureRecorded { name, on } => write!(f, "{name}'s departure on {on} is already recorded"),
            PlaybookRunning { name } => write!(f, "a playbook is already running for {name}"),
            PlaybookState { state } => write!(f, "the playbook is {state}"),
            PlanApplied => write!(f, "the plan has been applied already"),
            InTransfer { client, transfer } if transfer.is_empty() => {
                write!(f, "{client} is already in a transfer; cancel it to change the receiver")
            }
            InTransfer { client, transfer } => {
                write!(f, "{client} is already in transfer {transfer}; finish or cancel it first")
            }
            TransferState { state } => write!(f, "the transfer is {state}"),
            NoLongerHeld { client, from } => {
                write!(f, "{client} is no longer held by {from}; the transfer cannot hand it over")
            }
            HandoverFirst { on } => write!(f, "the clients are handed over on {on} first"),
            ChecklistOpen { steps } => write!(f, "the checklist is not closed: {steps}"),
            DocumentsNotListed => write!(f, "list the documents handed over before confirming them"),
            ReceivablesAfterHandover => {
                write!(f, "the receivables are reconciled as of the transfer date: wait for the handover")
            }
            NoReconciliation => write!(f, "there is no reconciliation before the handover"),
            DepartmentsTold => write!(f, "the departments have been told already"),
            ClientTold => write!(f, "the client has been told already"),
            AlertClosed => write!(f, "the alert is already closed"),
            RequestAnswered { state } => write!(f, "the meeting request is {state} already"),
            InvestigationClosed => write!(f, "the investigation is closed already"),
            CheckRecorded => write!(f, "the check was recorded already"),
            SurveyAnswered => write!(f, "this survey was answered already: thank you"),
            SurveyExpired { on } => write!(f, "this survey link worked until {on}"),
            SurveyThisQuarter { sent_on } => {
                write!(f, "the client was surveyed on {sent_on}; a client is asked at most once a quarter")
            }
            NotALimitAlert => write!(f, "only a daily record limit alert lifts a limit"),
            OnlyFailedResend { status } => {
                write!(f, "only a message that failed can be sent again; this one is {status}")
            }
            FileExists { path } => write!(f, "{path} already exists; choose a new file for the backup"),
            BookChanged { changes } => {
                let first: Vec<String> = changes
                    .iter()
                    .take(5)
                    .map(|c| format!("{} {}", c.name, c.what.as_str().replace('_', " ")))
                    .collect();
                let more = if changes.len() > 5 { ", …" } else { "" };
                write!(
                    f,
                    "the team's book changed since the preview ({} changes: {}{more}); make a new preview",
                    changes.len(),
                    first.join(", ")
                )
            }
            TargetNotEmpty { table, rows } => {
                write!(f, "the target is not empty ({table} has {rows} rows); copy into a new, migrated database")
            }
        }
    }
}
