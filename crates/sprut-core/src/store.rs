//! The Store: one method per use case, each one transaction in which the change,
//! its history and its audit event commit together or not at all. The use cases are grouped by
//! capability, one trait each (implemented once, in the engine's module of the same name);
//! [`Store`] is all of them, and [`prelude`] brings their methods into scope.

use crate::account_team::AccountMember;
use crate::activity::{Activity, ActivityPatch, NewActivity};
use crate::alert::{Alert, AlertFilter, NewAlert};
use crate::assignment::{Assignment, EndAssignment, NewAssignment};
use crate::audit::{AuditEvent, AuditFilter, NewAuditEvent};
use crate::client::{Client, ClientFilter, ClientListItem, ClientPatch, NewClient};
use crate::contact::{Contact, ContactPatch, NewContact};
use crate::dataset::Dataset;
use crate::deal::{Deal, DealPatch, NewDeal};
use crate::employee::{Department, Employee, EmployeeFilter, EmployeePatch, NewEmployee};
use crate::error::CoreResult;
use crate::export::{Canary, ExportEntity, ExportFormat, ExportRecord};
use crate::page::{Page, PageRequest};
use crate::receivable::{NewReceivable, Receivable, ReceivablePatch};
use crate::scope::Scope;
use crate::settings::Settings;
use crate::task::{NewTask, Task, TaskPatch};
use crate::team::{NewTeam, Team, TeamPatch};
use crate::*;
use std::collections::BTreeMap;
use std::future::Future;
use time::{Date, OffsetDateTime};

/// Which records of a client-owned kind to list.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct ChildFilter {
    /// Only this client's.
    pub client_id: Option<ClientId>,
    /// Only records of clients matching this filter (read from the same query string).
    #[serde(skip)]
    pub clients: ClientFilter,
}

/// A signed-in browser session.
#[derive(Debug, Clone)]
pub struct Session {
    /// SHA-256 of the cookie token.
    pub token_hash: String,
    /// Who signed in.
    pub employee_id: EmployeeId,
    /// Token that every form of this session must carry.
    pub csrf_token: String,
    /// When it stops being valid.
    pub expires_at: OffsetDateTime,
}

/// Teams and employees.
pub trait PeopleStore: Send + Sync + 'static {
    /// Creates a team.
    fn create_team(&self, actor: &Actor, new: NewTeam) -> impl Future<Output = CoreResult<Team>> + Send;
    /// Changes a team.
    fn update_team(&self, actor: &Actor, id: TeamId, patch: TeamPatch)
        -> impl Future<Output = CoreResult<Team>> + Send;
    /// One team.
    fn team(&self, id: TeamId) -> impl Future<Output = CoreResult<Team>> + Send;
    /// All teams by name.
    fn teams(&self) -> impl Future<Output = CoreResult<Vec<Team>>> + Send;
    /// Creates an employee, with a password hash when given.
    fn create_employee(
        &self,
        actor: &Actor,
        new: NewEmployee,
        password_hash: Option<String>,
    ) -> impl Future<Output = CoreResult<Employee>> + Send;
    /// Changes an employee.
    fn update_employee(
        &self,
        actor: &Actor,
        id: EmployeeId,
        patch: EmployeePatch,
    ) -> impl Future<Output = CoreResult<Employee>> + Send;
    /// One employee.
    fn employee(&self, id: EmployeeId) -> impl Future<Output = CoreResult<Employee>> + Send;
    /// The employee with this e-mail (any case) and their password hash.
    fn employee_by_email(
        &self,
        email: &str,
    ) -> impl Future<Output = CoreResult<Option<(Employee, Option<String>)>>> + Send;
    /// Employees by name.
    fn employees(
        &self,
        filter: &EmployeeFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Employee>>> + Send;
    /// The employees of these ids that exist, in no order: the names a page shows, read
    /// without reading the whole company.
    fn employees_among(&self, ids: &[EmployeeId]) -> impl Future<Output = CoreResult<Vec<Employee>>> + Send;
    /// Teams headed by this employee.
    fn headed_teams(&self, id: EmployeeId) -> impl Future<Output = CoreResult<Vec<TeamId>>> + Send;
    /// Sets an employee's password hash and ends their sessions and API tokens.
    fn set_password(&self, actor: &Actor, id: EmployeeId, hash: String) -> impl Future<Output = CoreResult<()>> + Send;
}

/// Browser sessions and API tokens.
pub trait SignInStore: Send + Sync + 'static {
    /// Stores a new browser session.
    fn create_session(&self, actor: &Actor, session: Session) -> impl Future<Output = CoreResult<()>> + Send;
    /// The live session with this token hash at `now`, and its employee.
    fn session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> impl Future<Output = CoreResult<Option<(Session, Employee)>>> + Send;
    /// Ends a session.
    fn delete_session(&self, token_hash: &str) -> impl Future<Output = CoreResult<()>> + Send;
    /// Stores a new API token for an employee, working until `expires_at`.
    fn create_token(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        token_hash: String,
        label: String,
        expires_at: OffsetDateTime,
    ) -> impl Future<Output = CoreResult<TokenId>> + Send;
    /// The live API token with this hash at `now`, and the employee owning it.
    fn token_owner(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> impl Future<Output = CoreResult<Option<(Employee, crate::token::ApiToken)>>> + Send;
    /// Notes that token `id` was used at `now` (bookkeeping: no audit event).
    fn touch_token(&self, id: TokenId, now: OffsetDateTime) -> impl Future<Output = CoreResult<()>> + Send;
    /// The API tokens of `employee` (of everyone when `None`), newest first.
    fn tokens(
        &self,
        employee: Option<EmployeeId>,
    ) -> impl Future<Output = CoreResult<Vec<crate::token::ApiToken>>> + Send;
    /// One API token.
    fn token(&self, id: TokenId) -> impl Future<Output = CoreResult<crate::token::ApiToken>> + Send;
    /// Revokes an API token at once (revoking a revoked one changes nothing).
    fn revoke_token(
        &self,
        actor: &Actor,
        id: TokenId,
    ) -> impl Future<Output = CoreResult<crate::token::ApiToken>> + Send;
    /// Gives `employee` a calendar feed known by the hash of its secret, replacing the one he
    /// had (whose address stops working).
    fn issue_calendar_feed(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        hash: String,
    ) -> impl Future<Output = CoreResult<()>> + Send;
    /// Ends `employee`'s calendar feed at once; whether he had one.
    fn revoke_calendar_feed(
        &self,
        actor: &Actor,
        employee: EmployeeId,
    ) -> impl Future<Output = CoreResult<bool>> + Send;
    /// The active employee whose calendar feed has this hash.
    fn calendar_feed_owner(&self, hash: &str) -> impl Future<Output = CoreResult<Option<Employee>>> + Send;
    /// When `employee`'s calendar feed was issued, if he has one.
    fn calendar_feed_since(
        &self,
        employee: EmployeeId,
    ) -> impl Future<Output = CoreResult<Option<time::OffsetDateTime>>> + Send;
}

/// Clients and their corporate groups.
pub trait ClientStore: Send + Sync + 'static {
    /// Creates a client, held from the start by `holder` when given (a rep's own find).
    fn create_client(
        &self,
        actor: &Actor,
        new: NewClient,
        holder: Option<NewAssignment>,
    ) -> impl Future<Output = CoreResult<Client>> + Send;
    /// Changes a client.
    fn update_client(
        &self,
        actor: &Actor,
        id: ClientId,
        patch: ClientPatch,
    ) -> impl Future<Output = CoreResult<Client>> + Send;
    /// One client with its current holder, if `scope` sees it (else not found, as if it did
    /// not exist: every single-record read takes the reader's scope).
    fn client(&self, scope: &Scope, id: ClientId) -> impl Future<Output = CoreResult<ClientListItem>> + Send;
    /// Whether the client is inside `scope`.
    fn client_in_scope(&self, scope: &Scope, id: ClientId) -> impl Future<Output = CoreResult<bool>> + Send;
    /// Clients inside `scope` matching `filter`, by name.
    fn clients(
        &self,
        scope: &Scope,
        filter: &ClientFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<ClientListItem>>> + Send;
    /// The companies of a corporate group: the parent and children of a client `scope` sees.
    fn client_group(&self, scope: &Scope, id: ClientId) -> impl Future<Output = CoreResult<Vec<Client>>> + Send;
}

/// Who holds a client: assignments and their history.
pub trait HoldingStore: Send + Sync + 'static {
    /// Opens an assignment; a conflict when the client is already held.
    fn assign(
        &self,
        actor: &Actor,
        client: ClientId,
        new: NewAssignment,
    ) -> impl Future<Output = CoreResult<Assignment>> + Send;
    /// Closes the open assignment of a client.
    fn end_assignment(
        &self,
        actor: &Actor,
        client: ClientId,
        end: EndAssignment,
    ) -> impl Future<Output = CoreResult<Assignment>> + Send;
    /// The holding history of a client `scope` sees, oldest first.
    fn assignments(&self, scope: &Scope, client: ClientId) -> impl Future<Output = CoreResult<Vec<Assignment>>> + Send;
    /// The assignment covering `day`, if anyone held the client (one `scope` sees) then.
    fn holder_on(
        &self,
        scope: &Scope,
        client: ClientId,
        day: Date,
    ) -> impl Future<Output = CoreResult<Option<Assignment>>> + Send;
}

/// A client's contacts, deals, activities, invoices and tasks.
pub trait RecordStore: Send + Sync + 'static {
    /// Creates a contact.
    fn create_contact(&self, actor: &Actor, new: NewContact) -> impl Future<Output = CoreResult<Contact>> + Send;
    /// Changes a contact.
    fn update_contact(
        &self,
        actor: &Actor,
        id: ContactId,
        patch: ContactPatch,
    ) -> impl Future<Output = CoreResult<Contact>> + Send;
    /// One contact `scope` sees (its client, its kind and, for staff, its function).
    fn contact(&self, scope: &Scope, id: ContactId) -> impl Future<Output = CoreResult<Contact>> + Send;
    /// Contacts inside `scope`.
    fn contacts(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Contact>>> + Send;
    /// Creates a deal; a closed deal is credited to the holder on its close date.
    fn create_deal(&self, actor: &Actor, new: NewDeal, today: Date) -> impl Future<Output = CoreResult<Deal>> + Send;
    /// Changes a deal; its next step, if any, becomes a task in the same transaction.
    fn update_deal(
        &self,
        actor: &Actor,
        id: DealId,
        patch: DealPatch,
        today: Date,
    ) -> impl Future<Output = CoreResult<Deal>> + Send;
    /// One deal `scope` sees.
    fn deal(&self, scope: &Scope, id: DealId) -> impl Future<Output = CoreResult<Deal>> + Send;
    /// Deals inside `scope`, newest first.
    fn deals(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Deal>>> + Send;
    /// Logs an activity, and its next step as a task (checked on the company's `today`).
    fn create_activity(
        &self,
        actor: &Actor,
        new: NewActivity,
        today: Date,
    ) -> impl Future<Output = CoreResult<Activity>> + Send;
    /// Changes an activity.
    fn update_activity(
        &self,
        actor: &Actor,
        id: ActivityId,
        patch: ActivityPatch,
    ) -> impl Future<Output = CoreResult<Activity>> + Send;
    /// One activity `scope` sees.
    fn activity(&self, scope: &Scope, id: ActivityId) -> impl Future<Output = CoreResult<Activity>> + Send;
    /// Activities inside `scope`, newest first.
    fn activities(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Activity>>> + Send;
    /// Records an invoice.
    fn create_receivable(
        &self,
        actor: &Actor,
        new: NewReceivable,
    ) -> impl Future<Output = CoreResult<Receivable>> + Send;
    /// Changes an invoice.
    fn update_receivable(
        &self,
        actor: &Actor,
        id: ReceivableId,
        patch: ReceivablePatch,
    ) -> impl Future<Output = CoreResult<Receivable>> + Send;
    /// One invoice `scope` sees.
    fn receivable(&self, scope: &Scope, id: ReceivableId) -> impl Future<Output = CoreResult<Receivable>> + Send;
    /// Invoices inside `scope`, newest first.
    fn receivables(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Receivable>>> + Send;
    /// Sets a task; its owner defaults to the client's holder, else the actor.
    fn create_task(&self, actor: &Actor, new: NewTask, today: Date) -> impl Future<Output = CoreResult<Task>> + Send;
    /// Changes a task: closes, reopens, moves its date or hands it to someone else.
    fn update_task(
        &self,
        actor: &Actor,
        id: TaskId,
        patch: TaskPatch,
        today: Date,
    ) -> impl Future<Output = CoreResult<Task>> + Send;
    /// One task `scope` sees.
    fn task(&self, scope: &Scope, id: TaskId) -> impl Future<Output = CoreResult<Task>> + Send;
    /// Tasks inside `scope`, in id order.
    fn tasks(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Task>>> + Send;
}

/// What a day's work list reads: open tasks, the facts planned touches come from, and
/// overdue invoices, of the clients inside a scope.
pub trait WorkbenchStore: Send + Sync + 'static {
    /// Open tasks inside `scope`, due on or before `due_by` when given, by due date: those of
    /// `owner` when given, else, for a head's teams, those their members own.
    fn open_tasks(
        &self,
        scope: &Scope,
        owner: Option<EmployeeId>,
        due_by: Option<Date>,
    ) -> impl Future<Output = CoreResult<Vec<Task>>> + Send;
    /// The touch-planning facts of the held clients inside `scope` (of `holder` when given);
    /// with `due_by`, only those whose touch the cadence plans on or before that day.
    fn touch_facts(
        &self,
        scope: &Scope,
        holder: Option<EmployeeId>,
        due_by: Option<Date>,
    ) -> impl Future<Output = CoreResult<Vec<crate::touch::TouchFacts>>> + Send;
    /// What is due on `today` for each rep whose work `scope` oversees (a head's teams'
    /// members) and who has something due, counted: his open tasks overdue and due today, the
    /// touches the kept plans of his holdings say are due (and those overdue by a whole
    /// cadence), the overdue invoices of the clients he holds, the weekly reports for
    /// `report_week` he owes, his late open deals (whoever holds their clients).
    fn rep_day_counts(
        &self,
        scope: &Scope,
        today: Date,
        report_week: Date,
    ) -> impl Future<Output = CoreResult<Vec<crate::workday::RepDay>>> + Send;
    /// Unpaid invoices inside `scope` due before `today`: of the clients `holder` holds when
    /// given, else, for a head's teams, of those their members hold.
    fn overdue_receivables(
        &self,
        scope: &Scope,
        holder: Option<EmployeeId>,
        today: Date,
    ) -> impl Future<Output = CoreResult<Vec<Receivable>>> + Send;
    /// The unpaid invoices inside `scope` that `filter` picks (by the client's holder or the
    /// holder's team), each with its client's holder and team, by due date.
    fn unpaid_receivables(
        &self,
        scope: &Scope,
        filter: &crate::scope::OwnerFilter,
    ) -> impl Future<Output = CoreResult<Vec<crate::aging::HeldReceivable>>> + Send;
    /// The facts of the held clients inside `scope` (only `client`, when given) that the
    /// company's [`crate::meeting::MeetingRule`] takes (by tier or potential, as each holding
    /// keeps it), for their quarterly head meetings.
    fn meeting_facts(
        &self,
        scope: &Scope,
        client: Option<ClientId>,
    ) -> impl Future<Output = CoreResult<Vec<crate::meeting::MeetingFacts>>> + Send;
    /// Open deals inside `scope` expected to close before `today`, the longest late first: owned
    /// by `owner` when given, else, for a head's teams, by their members.
    fn late_deals(
        &self,
        scope: &Scope,
        owner: Option<EmployeeId>,
        today: Date,
    ) -> impl Future<Output = CoreResult<Vec<crate::deal::Deal>>> + Send;
    /// Open deals inside `scope` that `filter` picks, at most `per_phase` of each phase, soonest
    /// expected close first (those without a date last).
    fn open_deals(
        &self,
        scope: &Scope,
        filter: &crate::scope::OwnerFilter,
        per_phase: u32,
    ) -> impl Future<Output = CoreResult<Vec<crate::deal::Deal>>> + Send;
    /// The count and sum of the open deals inside `scope` that `filter` picks, per phase and
    /// currency.
    fn open_deal_totals(
        &self,
        scope: &Scope,
        filter: &crate::scope::OwnerFilter,
    ) -> impl Future<Output = CoreResult<Vec<crate::board::PhaseTotal>>> + Send;
}

/// Who of ours is in touch with whom of a client (the octopus).
pub trait OctopusStore: Send + Sync + 'static {
    /// What the relationship map of `client` (seen inside `scope`) is drawn from: its holder,
    /// contacts, account team and every touch as the people it links.
    fn relationship_facts(
        &self,
        scope: &Scope,
        client: ClientId,
    ) -> impl Future<Output = CoreResult<crate::octopus::RelationshipFacts>> + Send;
    /// The relationship facts of every key client held in `scope`, with their touches since
    /// `since` only (what the coverage score reads).
    fn key_relationship_facts(
        &self,
        scope: &Scope,
        since: Date,
    ) -> impl Future<Output = CoreResult<Vec<crate::octopus::RelationshipFacts>>> + Send;
    /// The relationship facts of up to `limit` clients after `after` in id order (every client,
    /// held or not), with their touches since `since` only: the nightly count reads the base so.
    fn relationship_facts_batch(
        &self,
        after: Option<ClientId>,
        since: Date,
        limit: u32,
    ) -> impl Future<Output = CoreResult<Vec<crate::octopus::RelationshipFacts>>> + Send;
    /// Keeps the coverage scores of clients for the list, writing only those that changed;
    /// returns how many changed.
    fn keep_coverage(&self, scores: &[(ClientId, u8)]) -> impl Future<Output = CoreResult<u64>> + Send;
    /// The last day every client's coverage score was counted, if ever.
    fn coverage_counted_on(&self) -> impl Future<Output = CoreResult<Option<Date>>> + Send;
    /// Records that every client's coverage score was counted on `day` (`false`: it was
    /// recorded already).
    fn coverage_counted(&self, day: Date, now: OffsetDateTime) -> impl Future<Output = CoreResult<bool>> + Send;
    /// What the concentration risk of `scope` on `today` is computed from: the clients held in
    /// it, their touches in the coverage window, their contacts, and everyone's team.
    fn thread_facts(
        &self,
        scope: &Scope,
        today: Date,
    ) -> impl Future<Output = CoreResult<crate::concentration::ThreadFacts>> + Send;
    /// Whether the single-thread alerts of `day` were raised already.
    fn thread_alerts_raised(&self, day: Date) -> impl Future<Output = CoreResult<bool>> + Send;
    /// Raises the day's single-thread alerts once a day, whichever process comes first (`false`:
    /// the day was already done).
    fn raise_thread_alerts(
        &self,
        actor: &Actor,
        day: Date,
        alerts: &[crate::alert::NewAlert],
    ) -> impl Future<Output = CoreResult<bool>> + Send;
}

/// Requests to meet a client, answered by its holder.
pub trait MeetingRequestStore: Send + Sync + 'static {
    /// Asks the holder of a client the actor sees (inside `scope`) for a meeting, with its
    /// audit event; the holder gets it on his card and his day.
    fn request_meeting(
        &self,
        actor: &Actor,
        scope: &Scope,
        new: crate::meeting_request::NewMeetingRequest,
        today: Date,
    ) -> impl Future<Output = CoreResult<crate::meeting_request::MeetingRequest>> + Send;
    /// Answers an open request (see [`crate::meeting_request::MeetingRequest::answered`]) with
    /// its audit event, and raises the red-flag alert on the holder when
    /// [`crate::meeting_request::red_flag`] says so, in one transaction.
    fn answer_meeting(
        &self,
        actor: &Actor,
        id: crate::MeetingRequestId,
        answer: crate::meeting_request::MeetingAnswer,
        today: Date,
    ) -> impl Future<Output = CoreResult<crate::meeting_request::MeetingRequest>> + Send;
    /// The requests on the clients of `scope` and those `asker` made, newest first (at most
    /// [`crate::page::MAX_LIMIT`]).
    fn meeting_requests(
        &self,
        scope: &Scope,
        asker: Option<EmployeeId>,
        filter: &crate::meeting_request::RequestFilter,
    ) -> impl Future<Output = CoreResult<Vec<crate::meeting_request::MeetingRequest>>> + Send;
}

/// CRM spot checks and the investigations they open.
pub trait SpotCheckStore: Send + Sync + 'static {
    /// Whether the week starting on `week` (a Monday) was drawn already.
    fn week_drawn(&self, week: Date) -> impl Future<Output = CoreResult<bool>> + Send;
    /// The contacts of every held client that may be drawn on `today`, and who may check them
    /// (the active staff of `department` when given).
    fn spot_facts(
        &self,
        today: Date,
        department: Option<crate::employee::Department>,
    ) -> impl Future<Output = CoreResult<(Vec<crate::spot_check::Candidate>, crate::spot_check::Verifiers)>> + Send;
    /// Records the week's draw made from `seed`, once (`false`: the week was drawn already),
    /// with its audit event.
    fn record_draw(
        &self,
        actor: &Actor,
        week: Date,
        seed: u64,
        drawn: &[crate::spot_check::Drawn],
    ) -> impl Future<Output = CoreResult<bool>> + Send;
    /// The checks of `scope`'s clients and those `verifier` makes, the newest week first (at
    /// most [`crate::page::MAX_LIMIT`]); `open`: only those not checked yet.
    fn spot_checks(
        &self,
        scope: &Scope,
        verifier: Option<EmployeeId>,
        open: bool,
    ) -> impl Future<Output = CoreResult<Vec<crate::spot_check::SpotCheck>>> + Send;
    /// Records what the verifier (only he) found, in one transaction with its audit event: a
    /// confirmed contact is marked verified by him on `today`; data found wrong open an
    /// investigation with the contact's history from the audit log.
    fn record_check(
        &self,
        actor: &Actor,
        id: crate::SpotCheckId,
        result: crate::spot_check::CheckResult,
        today: Date,
    ) -> impl Future<Output = CoreResult<crate::spot_check::SpotCheck>> + Send;
    /// The investigations of `scope`'s clients and of `holder`'s data, newest first (at most
    /// [`crate::page::MAX_LIMIT`]); `open`: only those not closed.
    fn investigations(
        &self,
        scope: &Scope,
        holder: Option<EmployeeId>,
        open: bool,
    ) -> impl Future<Output = CoreResult<Vec<crate::spot_check::Investigation>>> + Send;
    /// A step of an investigation (see [`crate::spot_check::Investigation::stepped`]; the actor
    /// oversees the holder when `closing` oversees his team) with its audit event; a finding of
    /// invented data raises an alert on the holder in the same transaction. Anyone but the
    /// holder and those who oversee him is not told it exists.
    fn step_investigation(
        &self,
        actor: &Actor,
        id: crate::InvestigationId,
        step: crate::spot_check::InvestigationStep,
        closing: &Scope,
        today: Date,
    ) -> impl Future<Output = CoreResult<crate::spot_check::Investigation>> + Send;
}

/// Satisfaction surveys sent by the company to its clients' contacts.
pub trait SurveyStore: Send + Sync + 'static {
    /// Sends a survey to every consenting contact with an e-mail of a client seen in `scope`
    /// (at most once a quarter per client): a survey row per contact with the hash of its
    /// single-use token from `token` (raw, hash), and its letter with the link `{base}/survey/{raw}`
    /// in the outbox, in one transaction with the audit event.
    fn send_surveys(
        &self,
        actor: &Actor,
        scope: &Scope,
        client: ClientId,
        base: &str,
        token: &(dyn Fn() -> (String, String) + Send + Sync),
        today: Date,
    ) -> impl Future<Output = CoreResult<Vec<crate::survey::Survey>>> + Send;
    /// The survey a token's hash opens, with the company's name and the client's language.
    fn survey_by_token(
        &self,
        hash: &str,
    ) -> impl Future<Output = CoreResult<Option<(crate::survey::Survey, String, crate::employee::Language)>>> + Send;
    /// Records the answer of the survey a token's hash opens, once and before it expires.
    fn answer_survey(
        &self,
        hash: &str,
        answer: crate::survey::SurveyAnswer,
        now: time::OffsetDateTime,
        today: Date,
    ) -> impl Future<Output = CoreResult<crate::survey::Survey>> + Send;
    /// The surveys of `scope`'s clients (of one client when given), newest first (at most
    /// [`crate::page::MAX_LIMIT`]).
    fn surveys(
        &self,
        scope: &Scope,
        client: Option<ClientId>,
    ) -> impl Future<Output = CoreResult<Vec<crate::survey::Survey>>> + Send;
}

/// A client's account team: the seat of each department.
pub trait AccountTeamStore: Send + Sync + 'static {
    /// Seats `employee` in the client's `department` seat (replacing whoever sat there).
    fn seat(
        &self,
        actor: &Actor,
        client: ClientId,
        department: Department,
        employee: EmployeeId,
    ) -> impl Future<Output = CoreResult<AccountMember>> + Send;
    /// Empties a seat.
    fn unseat(
        &self,
        actor: &Actor,
        client: ClientId,
        department: Department,
    ) -> impl Future<Output = CoreResult<()>> + Send;
    /// The account team of a client `scope` sees.
    fn account_team(
        &self,
        scope: &Scope,
        client: ClientId,
    ) -> impl Future<Output = CoreResult<Vec<AccountMember>>> + Send;
}

/// The company settings.
pub trait SettingsStore: Send + Sync + 'static {
    /// The company settings.
    fn settings(&self) -> impl Future<Output = CoreResult<Settings>> + Send;
    /// Replaces the company settings.
    fn save_settings(&self, actor: &Actor, settings: &Settings) -> impl Future<Output = CoreResult<()>> + Send;
}

/// A whole base at once: whether it is empty, and loading one.
pub trait DatasetStore: Send + Sync + 'static {
    /// Whether the base holds no employees yet.
    fn is_empty(&self) -> impl Future<Output = CoreResult<bool>> + Send;
    /// Loads a whole dataset (demo company) in one transaction.
    fn load_dataset(&self, actor: &Actor, data: &Dataset) -> impl Future<Output = CoreResult<()>> + Send;
}

/// What people read and try: read events, paging meters, failed sign-ins.
pub trait WatchStore: Send + Sync + 'static {
    /// Appends read events (card views, denied attempts, a leaver's reads) in one transaction
    /// and raises the alerts they call for (mass viewing, departing spike, out of scope).
    fn record_reads(
        &self,
        events: &[NewAuditEvent],
        settings: &Settings,
    ) -> impl Future<Output = CoreResult<()>> + Send;
    /// Counts the `records` (a key each) handed to `employee` at `(now, company day)`, each
    /// once a day: the day's total, or past `limit` (unless lifted for the day) a
    /// [`CoreError::Limit`] with nothing counted, and an alert.
    fn meter_reads(
        &self,
        employee: EmployeeId,
        at: (OffsetDateTime, Date),
        records: &[String],
        limit: i64,
    ) -> impl Future<Output = CoreResult<i64>> + Send;
    /// Lifts for its day the daily record limit a paging-limit alert is about, with the head's
    /// `reason` (audited); the alert closes with it.
    fn lift_read_limit(
        &self,
        actor: &Actor,
        id: AlertId,
        teams: Option<&[TeamId]>,
        reason: &str,
    ) -> impl Future<Output = CoreResult<Alert>> + Send;
    /// Records a failed sign-in (the event's `entity_id` is the e-mail tried) and alerts on repeats.
    fn record_failed_sign_in(
        &self,
        event: NewAuditEvent,
        settings: &Settings,
    ) -> impl Future<Output = CoreResult<()>> + Send;
}

/// The audit log and its hash chain.
pub trait AuditStore: Send + Sync + 'static {
    /// Audit events matching `filter`, newest first.
    fn audit_events(
        &self,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<AuditEvent>>> + Send;
    /// Up to `limit` events of the chain after position `after_seq`, oldest first.
    fn audit_chain(&self, after_seq: i64, limit: u32) -> impl Future<Output = CoreResult<Vec<AuditEvent>>> + Send;
    /// The last position of the chain and its hash.
    fn audit_head(&self) -> impl Future<Output = CoreResult<(i64, String)>> + Send;
    /// Events stored without a place in the chain (written around sprut), and the first one.
    fn audit_unchained(&self) -> impl Future<Output = CoreResult<(i64, Option<AuditEventId>)>> + Send;
    /// Once a day (claimed in `job_runs`): takes the head of the chain as the day's anchor,
    /// records it as an audit event and mails it to every auditor, in one transaction; `None`
    /// when the day's anchor was already taken.
    fn anchor_audit(
        &self,
        actor: &Actor,
        day: Date,
        company: &str,
    ) -> impl Future<Output = CoreResult<Option<crate::audit::AuditAnchor>>> + Send;
}

/// Alerts for the heads and the security officer.
pub trait AlertStore: Send + Sync + 'static {
    /// Alerts matching `filter`, newest first; `teams` limits them to people of those teams.
    fn alerts(
        &self,
        filter: &AlertFilter,
        teams: Option<&[TeamId]>,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Alert>>> + Send;
    /// One alert (within `teams` when given).
    fn alert(&self, id: AlertId, teams: Option<&[TeamId]>) -> impl Future<Output = CoreResult<Alert>> + Send;
    /// Closes an alert with a note.
    fn close_alert(
        &self,
        actor: &Actor,
        id: AlertId,
        teams: Option<&[TeamId]>,
        note: &str,
    ) -> impl Future<Output = CoreResult<Alert>> + Send;
    /// Raises an alert (or counts it again the same day).
    fn raise_alert(&self, actor: &Actor, alert: &NewAlert) -> impl Future<Output = CoreResult<()>> + Send;
}

/// Exports of the base and their canaries.
pub trait ExportStore: Send + Sync + 'static {
    /// Records an export and its canaries, with its audit event.
    fn record_export(
        &self,
        actor: &Actor,
        record: &ExportRecord,
        canaries: &[Canary],
    ) -> impl Future<Output = CoreResult<()>> + Send;
    /// Audits a refused export attempt and alerts the heads.
    fn refuse_export(
        &self,
        actor: &Actor,
        entity: ExportEntity,
        format: ExportFormat,
        filter: &serde_json::Value,
    ) -> impl Future<Output = CoreResult<()>> + Send;
    /// Exports, newest first.
    fn exports(&self, page: &PageRequest) -> impl Future<Output = CoreResult<Page<ExportRecord>>> + Send;
    /// One export.
    fn export(&self, id: ExportId) -> impl Future<Output = CoreResult<ExportRecord>> + Send;
    /// Every canary token with its export and canary number.
    fn canary_tokens(&self) -> impl Future<Output = CoreResult<BTreeMap<String, (ExportId, u32)>>> + Send;
}

/// Declares [`Store`] as all the capability traits named, implemented by whatever implements
/// them all, and the prelude that brings their methods into scope.
macro_rules! store_of {
    ($($capability:ident),+ $(,)?) => {
        /// Every use case on the client base: each capability's store, implemented once by the engine.
        pub trait Store: $($capability +)+ {}

        impl<T: $($capability +)+> Store for T {}

        /// The store traits, for calling their methods on a concrete store.
        pub mod prelude {
            pub use super::{Store, $($capability),+};
        }
    };
}

store_of!(
    PeopleStore,
    SignInStore,
    ClientStore,
    HoldingStore,
    RecordStore,
    WorkbenchStore,
    OctopusStore,
    MeetingRequestStore,
    SpotCheckStore,
    SurveyStore,
    AccountTeamStore,
    SettingsStore,
    DatasetStore,
    WatchStore,
    AuditStore,
    AlertStore,
    ExportStore,
);
