//! sprut's Store on SQLite and PostgreSQL: one code base, the engine chosen by URL.
//!
//! Every SQL text runs unchanged on both engines (`$n` placeholders, `ON CONFLICT`,
//! partial unique indexes); the `q_*!` macros bind it for whichever engine is open.

mod account_team;
mod alert_mail;
mod alerts;
mod audit;
mod backup;
mod bulk;
mod clients;
#[path = "../migrations/constraints.rs"]
pub mod constraints;
mod contact_pool;
pub mod copy;
mod dataset;
mod engine;
mod exports;
pub(crate) mod handover;
mod holding;
mod id;
mod import;
mod job_runs;
mod outbox;
mod paging;
mod people;
mod records;
pub mod rotation;
mod rows;
mod scope;
pub mod scratch;
mod sessions;
mod settings;
pub mod snapshot;
mod sql;
mod watch;

pub use engine::{redact_url, Db, Engine, Health, TABLES};
pub use watch::{ACCESS_DENIED, CLIENT_VIEW, SIGN_IN_FAILED};

use sprut_core::account_team::AccountMember;
use sprut_core::activity::*;
use sprut_core::alert::{Alert, AlertFilter, NewAlert};
use sprut_core::assignment::*;
use sprut_core::audit::{AuditEvent, AuditFilter, NewAuditEvent};
use sprut_core::client::*;
use sprut_core::contact::*;
use sprut_core::dataset::Dataset;
use sprut_core::deal::*;
use sprut_core::employee::*;
use sprut_core::error::CoreResult;
use sprut_core::export::{Canary, ExportEntity, ExportFormat, ExportRecord};
use sprut_core::page::{Page, PageRequest};
use sprut_core::receivable::*;
use sprut_core::scope::Scope;
use sprut_core::settings::Settings;
use sprut_core::store::{ChildFilter, Session, Store};
use sprut_core::team::*;
use sprut_core::token::ApiToken;
use sprut_core::*;
use std::collections::BTreeMap;
use std::future::Future;
use time::{Date, OffsetDateTime};

impl Store for Db {
    fn create_team(&self, actor: &Actor, new: NewTeam) -> impl Future<Output = CoreResult<Team>> + Send {
        self.create_team_tx(actor, new)
    }
    fn update_team(
        &self,
        actor: &Actor,
        id: TeamId,
        patch: TeamPatch,
    ) -> impl Future<Output = CoreResult<Team>> + Send {
        self.update_team_tx(actor, id, patch)
    }
    fn team(&self, id: TeamId) -> impl Future<Output = CoreResult<Team>> + Send {
        self.team_one(id)
    }
    fn teams(&self) -> impl Future<Output = CoreResult<Vec<Team>>> + Send {
        self.team_list()
    }
    fn create_employee(
        &self,
        actor: &Actor,
        new: NewEmployee,
        password_hash: Option<String>,
    ) -> impl Future<Output = CoreResult<Employee>> + Send {
        self.create_employee_tx(actor, new, password_hash)
    }
    fn update_employee(
        &self,
        actor: &Actor,
        id: EmployeeId,
        patch: EmployeePatch,
    ) -> impl Future<Output = CoreResult<Employee>> + Send {
        self.update_employee_tx(actor, id, patch)
    }
    fn employee(&self, id: EmployeeId) -> impl Future<Output = CoreResult<Employee>> + Send {
        self.employee_one(id)
    }
    fn employee_by_email(
        &self,
        email: &str,
    ) -> impl Future<Output = CoreResult<Option<(Employee, Option<String>)>>> + Send {
        self.employee_email(email)
    }
    fn employees(
        &self,
        filter: &EmployeeFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Employee>>> + Send {
        self.employee_list(filter, page)
    }
    fn headed_teams(&self, id: EmployeeId) -> impl Future<Output = CoreResult<Vec<TeamId>>> + Send {
        self.headed(id)
    }
    fn set_password(&self, actor: &Actor, id: EmployeeId, hash: String) -> impl Future<Output = CoreResult<()>> + Send {
        self.set_password_tx(actor, id, hash)
    }
    fn create_session(&self, actor: &Actor, session: Session) -> impl Future<Output = CoreResult<()>> + Send {
        self.create_session_tx(actor, session)
    }
    fn session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> impl Future<Output = CoreResult<Option<(Session, Employee)>>> + Send {
        self.session_of(token_hash, now)
    }
    fn delete_session(&self, token_hash: &str) -> impl Future<Output = CoreResult<()>> + Send {
        self.end_session(token_hash)
    }
    fn create_token(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        token_hash: String,
        label: String,
        expires_at: OffsetDateTime,
    ) -> impl Future<Output = CoreResult<TokenId>> + Send {
        self.create_token_tx(actor, employee, token_hash, label, expires_at)
    }
    fn token_owner(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> impl Future<Output = CoreResult<Option<(Employee, ApiToken)>>> + Send {
        self.token_owner_at(token_hash, now)
    }
    fn touch_token(&self, id: TokenId, now: OffsetDateTime) -> impl Future<Output = CoreResult<()>> + Send {
        self.touch_token_at(id, now)
    }
    fn tokens(&self, employee: Option<EmployeeId>) -> impl Future<Output = CoreResult<Vec<ApiToken>>> + Send {
        self.tokens_of(employee)
    }
    fn token(&self, id: TokenId) -> impl Future<Output = CoreResult<ApiToken>> + Send {
        self.token_by_id(id)
    }
    fn revoke_token(&self, actor: &Actor, id: TokenId) -> impl Future<Output = CoreResult<ApiToken>> + Send {
        self.revoke_token_tx(actor, id)
    }
    fn create_client(
        &self,
        actor: &Actor,
        new: NewClient,
        holder: Option<NewAssignment>,
    ) -> impl Future<Output = CoreResult<Client>> + Send {
        self.create_client_tx(actor, new, holder)
    }
    fn update_client(
        &self,
        actor: &Actor,
        id: ClientId,
        patch: ClientPatch,
    ) -> impl Future<Output = CoreResult<Client>> + Send {
        self.update_client_tx(actor, id, patch)
    }
    fn client(&self, id: ClientId) -> impl Future<Output = CoreResult<ClientListItem>> + Send {
        self.client_one(id)
    }
    fn client_in_scope(&self, scope: &Scope, id: ClientId) -> impl Future<Output = CoreResult<bool>> + Send {
        self.in_scope(scope, id)
    }
    fn clients(
        &self,
        scope: &Scope,
        filter: &ClientFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<ClientListItem>>> + Send {
        self.client_list(scope, filter, page)
    }
    fn client_group(&self, id: ClientId) -> impl Future<Output = CoreResult<Vec<Client>>> + Send {
        self.group(id)
    }
    fn assign(
        &self,
        actor: &Actor,
        client: ClientId,
        new: NewAssignment,
    ) -> impl Future<Output = CoreResult<Assignment>> + Send {
        self.assign_tx(actor, client, new)
    }
    fn end_assignment(
        &self,
        actor: &Actor,
        client: ClientId,
        end: EndAssignment,
    ) -> impl Future<Output = CoreResult<Assignment>> + Send {
        self.end_tx(actor, client, end)
    }
    fn assignments(&self, client: ClientId) -> impl Future<Output = CoreResult<Vec<Assignment>>> + Send {
        self.history(client)
    }
    fn holder_on(&self, client: ClientId, day: Date) -> impl Future<Output = CoreResult<Option<Assignment>>> + Send {
        self.held_on(client, day)
    }
    fn create_contact(&self, actor: &Actor, new: NewContact) -> impl Future<Output = CoreResult<Contact>> + Send {
        self.create_contact_tx(actor, new)
    }
    fn update_contact(
        &self,
        actor: &Actor,
        id: ContactId,
        patch: ContactPatch,
    ) -> impl Future<Output = CoreResult<Contact>> + Send {
        self.update_contact_tx(actor, id, patch)
    }
    fn contact(&self, id: ContactId) -> impl Future<Output = CoreResult<Contact>> + Send {
        self.contact_one(id)
    }
    fn contacts(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Contact>>> + Send {
        self.contact_list(scope, filter, page)
    }
    fn create_deal(&self, actor: &Actor, new: NewDeal) -> impl Future<Output = CoreResult<Deal>> + Send {
        self.create_deal_tx(actor, new)
    }
    fn update_deal(
        &self,
        actor: &Actor,
        id: DealId,
        patch: DealPatch,
    ) -> impl Future<Output = CoreResult<Deal>> + Send {
        self.update_deal_tx(actor, id, patch)
    }
    fn deal(&self, id: DealId) -> impl Future<Output = CoreResult<Deal>> + Send {
        self.deal_one(id)
    }
    fn deals(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Deal>>> + Send {
        self.deal_list(scope, filter, page)
    }
    fn create_activity(&self, actor: &Actor, new: NewActivity) -> impl Future<Output = CoreResult<Activity>> + Send {
        self.create_activity_tx(actor, new)
    }
    fn update_activity(
        &self,
        actor: &Actor,
        id: ActivityId,
        patch: ActivityPatch,
    ) -> impl Future<Output = CoreResult<Activity>> + Send {
        self.update_activity_tx(actor, id, patch)
    }
    fn activity(&self, id: ActivityId) -> impl Future<Output = CoreResult<Activity>> + Send {
        self.activity_one(id)
    }
    fn activities(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Activity>>> + Send {
        self.activity_list(scope, filter, page)
    }
    fn create_receivable(
        &self,
        actor: &Actor,
        new: NewReceivable,
    ) -> impl Future<Output = CoreResult<Receivable>> + Send {
        self.create_receivable_tx(actor, new)
    }
    fn update_receivable(
        &self,
        actor: &Actor,
        id: ReceivableId,
        patch: ReceivablePatch,
    ) -> impl Future<Output = CoreResult<Receivable>> + Send {
        self.update_receivable_tx(actor, id, patch)
    }
    fn receivable(&self, id: ReceivableId) -> impl Future<Output = CoreResult<Receivable>> + Send {
        self.receivable_one(id)
    }
    fn receivables(
        &self,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Receivable>>> + Send {
        self.receivable_list(scope, filter, page)
    }
    fn seat(
        &self,
        actor: &Actor,
        client: ClientId,
        department: Department,
        employee: EmployeeId,
    ) -> impl Future<Output = CoreResult<AccountMember>> + Send {
        self.seat_tx(actor, client, department, employee)
    }
    fn unseat(
        &self,
        actor: &Actor,
        client: ClientId,
        department: Department,
    ) -> impl Future<Output = CoreResult<()>> + Send {
        self.unseat_tx(actor, client, department)
    }
    fn account_team(&self, client: ClientId) -> impl Future<Output = CoreResult<Vec<AccountMember>>> + Send {
        self.members(client)
    }
    fn settings(&self) -> impl Future<Output = CoreResult<Settings>> + Send {
        self.settings_now()
    }
    fn save_settings(&self, actor: &Actor, settings: &Settings) -> impl Future<Output = CoreResult<()>> + Send {
        self.save_settings_tx(actor, settings)
    }
    fn is_empty(&self) -> impl Future<Output = CoreResult<bool>> + Send {
        self.empty()
    }
    fn load_dataset(&self, actor: &Actor, data: &Dataset) -> impl Future<Output = CoreResult<()>> + Send {
        self.load(actor, data)
    }
    fn record_reads(
        &self,
        events: &[NewAuditEvent],
        settings: &Settings,
    ) -> impl Future<Output = CoreResult<()>> + Send {
        self.record_reads_tx(events, settings)
    }
    fn meter_reads(
        &self,
        employee: EmployeeId,
        now: OffsetDateTime,
        records: i64,
        limit: i64,
    ) -> impl Future<Output = CoreResult<i64>> + Send {
        self.meter_reads_tx(employee, now, records, limit)
    }
    fn record_failed_sign_in(
        &self,
        event: NewAuditEvent,
        settings: &Settings,
    ) -> impl Future<Output = CoreResult<()>> + Send {
        self.failed_sign_in_tx(event, settings)
    }
    fn audit_events(
        &self,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<AuditEvent>>> + Send {
        self.audit_list(filter, page)
    }
    fn audit_chain(&self, after_seq: i64, limit: u32) -> impl Future<Output = CoreResult<Vec<AuditEvent>>> + Send {
        self.chain_after(after_seq, limit)
    }
    fn audit_head(&self) -> impl Future<Output = CoreResult<(i64, String)>> + Send {
        self.chain_head()
    }
    fn audit_unchained(&self) -> impl Future<Output = CoreResult<(i64, Option<AuditEventId>)>> + Send {
        self.unchained()
    }
    fn anchor_audit(
        &self,
        actor: &Actor,
        day: Date,
        company: &str,
    ) -> impl Future<Output = CoreResult<Option<sprut_core::audit::AuditAnchor>>> + Send {
        self.anchor_audit_tx(actor, day, company)
    }
    fn alerts(
        &self,
        filter: &AlertFilter,
        teams: Option<&[TeamId]>,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Alert>>> + Send {
        self.alert_list(filter, teams, page)
    }
    fn alert(&self, id: AlertId, teams: Option<&[TeamId]>) -> impl Future<Output = CoreResult<Alert>> + Send {
        self.alert_one(id, teams)
    }
    fn close_alert(
        &self,
        actor: &Actor,
        id: AlertId,
        teams: Option<&[TeamId]>,
        note: &str,
    ) -> impl Future<Output = CoreResult<Alert>> + Send {
        self.close_alert_tx(actor, id, teams, note)
    }
    fn raise_alert(&self, actor: &Actor, alert: &NewAlert) -> impl Future<Output = CoreResult<()>> + Send {
        self.raise_alert_tx(actor, alert)
    }
    fn record_export(
        &self,
        actor: &Actor,
        record: &ExportRecord,
        canaries: &[Canary],
    ) -> impl Future<Output = CoreResult<()>> + Send {
        self.record_export_tx(actor, record, canaries)
    }
    fn refuse_export(
        &self,
        actor: &Actor,
        entity: ExportEntity,
        format: ExportFormat,
        filter: &serde_json::Value,
    ) -> impl Future<Output = CoreResult<()>> + Send {
        self.refuse_export_tx(actor, entity, format, filter)
    }
    fn exports(&self, page: &PageRequest) -> impl Future<Output = CoreResult<Page<ExportRecord>>> + Send {
        self.export_list(page)
    }
    fn export(&self, id: ExportId) -> impl Future<Output = CoreResult<ExportRecord>> + Send {
        self.export_one(id)
    }
    fn canary_tokens(&self) -> impl Future<Output = CoreResult<BTreeMap<String, (ExportId, u32)>>> + Send {
        self.canary_map()
    }
}
