//! Rows as the database returns them, and their conversion to domain records.

use crate::id::DbId;
use sprut_core::account_team::AccountMember;
use sprut_core::activity::Activity;
use sprut_core::assignment::Assignment;
use sprut_core::client::{Client, ClientListItem, Holder};
use sprut_core::contact::Contact;
use sprut_core::deal::Deal;
use sprut_core::employee::Employee;
use sprut_core::money::Currency;
use sprut_core::receivable::Receivable;
use sprut_core::task::Task;
use sprut_core::team::Team;
use sprut_core::CoreError;
use time::{Date, OffsetDateTime};

/// Parses a stored word (enum) or reports a damaged row.
pub(crate) fn word<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, CoreError> {
    s.parse().map_err(|e| CoreError::storage(format!("stored value: {e}")))
}

fn opt_word<T: std::str::FromStr<Err = String>>(s: Option<&str>) -> Result<Option<T>, CoreError> {
    s.map(word).transpose()
}

pub(crate) fn currency(s: &str) -> Result<Currency, CoreError> {
    Currency::parse(s).map_err(|e| CoreError::storage(format!("stored currency: {e}")))
}

/// Extra fields as stored (a JSON object of strings).
pub(crate) fn extra_fields(s: &str) -> Result<sprut_core::ExtraFields, CoreError> {
    serde_json::from_str(s).map_err(|e| CoreError::storage(format!("stored extra fields: {e}")))
}

pub(crate) fn json_list<T: serde::de::DeserializeOwned>(s: &str) -> Result<Vec<T>, CoreError> {
    serde_json::from_str(s).map_err(|e| CoreError::storage(format!("stored list: {e}")))
}

#[derive(sqlx::FromRow)]
pub(crate) struct TeamRow {
    id: DbId,
    name: String,
    head_id: Option<DbId>,
}

impl TeamRow {
    pub(crate) fn into_team(self) -> Team {
        Team { id: self.id.into(), name: self.name, head_id: self.head_id.map(Into::into) }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EmployeeRow {
    id: DbId,
    email: String,
    name: String,
    role: String,
    department: Option<String>,
    team_id: Option<DbId>,
    region: Option<String>,
    capacity: i64,
    specialisation: Option<String>,
    status: String,
    last_day: Option<Date>,
    language: String,
    created_at: OffsetDateTime,
    pub(crate) password_hash: Option<String>,
}

impl EmployeeRow {
    pub(crate) fn into_employee(self) -> Result<Employee, CoreError> {
        Ok(Employee {
            id: self.id.into(),
            email: self.email,
            name: self.name,
            role: word(&self.role)?,
            department: opt_word(self.department.as_deref())?,
            team_id: self.team_id.map(Into::into),
            region: self.region,
            capacity: self.capacity,
            specialisation: opt_word(self.specialisation.as_deref())?,
            status: word(&self.status)?,
            last_day: self.last_day,
            language: word(&self.language)?,
            created_at: self.created_at,
        })
    }
}

/// Columns of [`EmployeeRow`], for SELECTs from `employees e`.
pub(crate) const EMPLOYEE_COLS: &str = "e.id, e.email, e.name, e.role, e.department, e.team_id, e.region, e.capacity, \
     e.specialisation, e.status, e.last_day, e.language, e.created_at, e.password_hash";

#[derive(sqlx::FromRow)]
pub(crate) struct ClientRow {
    id: DbId,
    name: String,
    legal_id: Option<String>,
    parent_id: Option<DbId>,
    segment: Option<String>,
    region: Option<String>,
    tier: String,
    potential_minor: i64,
    currency: String,
    status: String,
    address: Option<String>,
    language: String,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    holder_id: Option<DbId>,
    holder_name: Option<String>,
    holder_team: Option<DbId>,
    holder_since: Option<Date>,
    extra: String,
    channels: String,
    coverage_score: i64,
}

/// Columns of [`ClientRow`]: a client `c` with its open assignment `a` and holder `h`.
pub(crate) const CLIENT_COLS: &str = "c.id, c.name, c.legal_id, c.parent_id, c.segment, c.region, c.tier, \
     c.potential_minor, c.currency, c.status, c.address, c.language, c.created_at, c.updated_at, c.extra, \
     c.channels, c.coverage_score, h.id AS holder_id, h.name AS holder_name, h.team_id AS holder_team, a.started_on AS holder_since";

/// Joins that bring each client's open assignment and holder.
pub(crate) const CLIENT_FROM: &str = "clients c \
     LEFT JOIN assignments a ON a.client_id = c.id AND a.ended_on IS NULL \
     LEFT JOIN employees h ON h.id = a.employee_id";

impl ClientRow {
    pub(crate) fn into_item(self) -> Result<ClientListItem, CoreError> {
        let holder = match (self.holder_id, self.holder_name, self.holder_since) {
            (Some(id), Some(name), Some(since)) => {
                Some(Holder { employee_id: id.into(), name, team_id: self.holder_team.map(Into::into), since })
            }
            _ => None,
        };
        Ok(ClientListItem {
            client: Client {
                id: self.id.into(),
                name: self.name,
                legal_id: self.legal_id,
                parent_id: self.parent_id.map(Into::into),
                segment: self.segment,
                region: self.region,
                tier: word(&self.tier)?,
                potential_minor: self.potential_minor,
                currency: currency(&self.currency)?,
                status: word(&self.status)?,
                address: self.address,
                language: word(&self.language)?,
                created_at: self.created_at,
                updated_at: self.updated_at,
                channels: json_list(&self.channels)?,
                extra: extra_fields(&self.extra)?,
            },
            holder,
            coverage: u8::try_from(self.coverage_score).ok().filter(|s| *s < crate::clients::UNSCORED),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ContactRow {
    id: DbId,
    client_id: DbId,
    name: String,
    position: Option<String>,
    function: String,
    phones: String,
    emails: String,
    decision_maker: bool,
    level: String,
    consent: bool,
    verified_at: Option<OffsetDateTime>,
    verified_by: Option<DbId>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    extra: String,
    channels: String,
}

/// Columns of [`ContactRow`].
pub(crate) const CONTACT_COLS: &str = "t.id, t.client_id, t.name, t.position, t.function, t.phones, t.emails, \
     t.decision_maker, t.level, t.consent, t.verified_at, t.verified_by, t.created_at, t.updated_at, t.extra, \
     t.channels";

impl ContactRow {
    pub(crate) fn into_contact(self) -> Result<Contact, CoreError> {
        Ok(Contact {
            id: self.id.into(),
            client_id: self.client_id.into(),
            name: self.name,
            position: self.position,
            function: word(&self.function)?,
            phones: json_list(&self.phones)?,
            emails: json_list(&self.emails)?,
            channels: json_list(&self.channels)?,
            decision_maker: self.decision_maker,
            level: word(&self.level)?,
            consent: self.consent,
            verified_at: self.verified_at,
            verified_by: self.verified_by.map(Into::into),
            created_at: self.created_at,
            updated_at: self.updated_at,
            extra: extra_fields(&self.extra)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AssignmentRow {
    id: DbId,
    client_id: DbId,
    employee_id: DbId,
    kind: String,
    started_on: Date,
    due_on: Option<Date>,
    ended_on: Option<Date>,
    end_reason: Option<String>,
    end_explanation: Option<String>,
    decided_by: Option<DbId>,
    explanation: String,
    why: Option<String>,
    end_why: Option<String>,
    created_at: OffsetDateTime,
}

/// Columns of [`AssignmentRow`].
pub(crate) const ASSIGNMENT_COLS: &str = "id, client_id, employee_id, kind, started_on, due_on, ended_on, end_reason, \
     end_explanation, decided_by, explanation, why, end_why, created_at";

/// A reason kept as data beside its English line, as the JSON text stored.
pub(crate) fn why_text<T: serde::Serialize>(why: Option<&T>) -> Option<String> {
    why.and_then(|w| serde_json::to_string(w).ok())
}

/// A reason kept as data, read back; one this build cannot read is left out (its English line
/// stays).
pub(crate) fn why_of<T: serde::de::DeserializeOwned>(text: Option<&str>) -> Option<T> {
    text.and_then(|s| serde_json::from_str(s).ok())
}

impl AssignmentRow {
    pub(crate) fn into_assignment(self) -> Result<Assignment, CoreError> {
        Ok(Assignment {
            id: self.id.into(),
            client_id: self.client_id.into(),
            employee_id: self.employee_id.into(),
            kind: word(&self.kind)?,
            started_on: self.started_on,
            due_on: self.due_on,
            ended_on: self.ended_on,
            end_reason: opt_word(self.end_reason.as_deref())?,
            end_explanation: self.end_explanation,
            decided_by: self.decided_by.map(Into::into),
            explanation: self.explanation,
            why: why_of(self.why.as_deref()),
            end_why: why_of(self.end_why.as_deref()),
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DealRow {
    id: DbId,
    client_id: DbId,
    title: String,
    stage: String,
    phase: String,
    amount_minor: i64,
    currency: String,
    opened_on: Date,
    expected_close_on: Option<Date>,
    closed_on: Option<Date>,
    opened_known: bool,
    owner_id: Option<DbId>,
    credited_to: Option<DbId>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    extra: String,
}

/// Columns of [`DealRow`].
pub(crate) const DEAL_COLS: &str = "t.id, t.client_id, t.title, t.stage, t.phase, t.amount_minor, t.currency, \
     t.opened_on, t.expected_close_on, t.closed_on, t.opened_known, t.owner_id, t.credited_to, t.created_at, t.updated_at, t.extra";

impl DealRow {
    pub(crate) fn into_deal(self) -> Result<Deal, CoreError> {
        Ok(Deal {
            id: self.id.into(),
            client_id: self.client_id.into(),
            title: self.title,
            stage: word(&self.stage)?,
            phase: word(&self.phase)?,
            amount_minor: self.amount_minor,
            currency: currency(&self.currency)?,
            opened_on: self.opened_on,
            expected_close_on: self.expected_close_on,
            closed_on: self.closed_on,
            opened_known: self.opened_known,
            owner_id: self.owner_id.map(Into::into),
            credited_to: self.credited_to.map(Into::into),
            created_at: self.created_at,
            updated_at: self.updated_at,
            extra: extra_fields(&self.extra)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ActivityRow {
    id: DbId,
    client_id: DbId,
    kind: String,
    occurred_at: OffsetDateTime,
    author_id: Option<DbId>,
    participant_ids: String,
    contact_ids: String,
    outcome: Option<String>,
    text: String,
    checklist: Option<String>,
    created_at: OffsetDateTime,
    extra: String,
}

/// Columns of [`ActivityRow`].
pub(crate) const ACTIVITY_COLS: &str = "t.id, t.client_id, t.kind, t.occurred_at, t.author_id, t.participant_ids, \
     t.contact_ids, t.outcome, t.text, t.checklist, t.created_at, t.extra";

impl ActivityRow {
    pub(crate) fn into_activity(self) -> Result<Activity, CoreError> {
        Ok(Activity {
            id: self.id.into(),
            client_id: self.client_id.into(),
            kind: word(&self.kind)?,
            occurred_at: self.occurred_at,
            author_id: self.author_id.map(Into::into),
            participant_ids: json_list(&self.participant_ids)?,
            contact_ids: json_list(&self.contact_ids)?,
            outcome: self.outcome,
            text: self.text,
            checklist: match self.checklist {
                Some(j) => {
                    serde_json::from_str(&j).map_err(|e| CoreError::storage(format!("stored checklist: {e}")))?
                }
                None => None,
            },
            created_at: self.created_at,
            extra: extra_fields(&self.extra)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReceivableRow {
    id: DbId,
    client_id: DbId,
    number: String,
    amount_minor: i64,
    currency: String,
    issued_on: Date,
    due_on: Date,
    paid_on: Option<Date>,
    extra: String,
}

/// Columns of [`ReceivableRow`].
pub(crate) const RECEIVABLE_COLS: &str =
    "t.id, t.client_id, t.number, t.amount_minor, t.currency, t.issued_on, t.due_on, t.paid_on, t.extra";

impl ReceivableRow {
    pub(crate) fn into_receivable(self) -> Result<Receivable, CoreError> {
        Ok(Receivable {
            id: self.id.into(),
            client_id: self.client_id.into(),
            number: self.number,
            amount_minor: self.amount_minor,
            currency: currency(&self.currency)?,
            issued_on: self.issued_on,
            due_on: self.due_on,
            paid_on: self.paid_on,
            extra: extra_fields(&self.extra)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TaskRow {
    id: DbId,
    client_id: DbId,
    owner_id: DbId,
    kind: String,
    title: String,
    due_on: Date,
    status: String,
    activity_id: Option<DbId>,
    created_by: Option<DbId>,
    created_at: OffsetDateTime,
    closed_at: Option<OffsetDateTime>,
}

/// Columns of [`TaskRow`].
pub(crate) const TASK_COLS: &str =
    "t.id, t.client_id, t.owner_id, t.kind, t.title, t.due_on, t.status, t.activity_id, t.created_by, t.created_at, \
     t.closed_at";

impl TaskRow {
    pub(crate) fn into_task(self) -> Result<Task, CoreError> {
        Ok(Task {
            id: self.id.into(),
            client_id: self.client_id.into(),
            owner_id: self.owner_id.into(),
            kind: word(&self.kind)?,
            title: self.title,
            due_on: self.due_on,
            status: word(&self.status)?,
            activity_id: self.activity_id.map(Into::into),
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
            closed_at: self.closed_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    client_id: DbId,
    department: String,
    employee_id: DbId,
    employee_name: String,
    since: OffsetDateTime,
}

impl MemberRow {
    pub(crate) fn into_member(self) -> Result<AccountMember, CoreError> {
        Ok(AccountMember {
            client_id: self.client_id.into(),
            department: word(&self.department)?,
            employee_id: self.employee_id.into(),
            employee_name: self.employee_name,
            since: self.since,
        })
    }
}

/// Converts every row, stopping at the first damaged one.
pub(crate) fn all<R, T>(rows: Vec<R>, f: impl Fn(R) -> Result<T, CoreError>) -> Result<Vec<T>, CoreError> {
    rows.into_iter().map(f).collect()
}
