//! The use cases of dead clients and rotation, as a Store the database implements.

use crate::error::CoreResult;
use crate::rules::cycle::CycleSample;
use crate::rules::day::{DayPlan, RotationPolicy};
use crate::rules::dead::{DeadSettings, HoldingFacts};
use crate::rules::extension::ExtensionRequest;
use crate::rules::reports::ReportStatus;
use crate::rules::rotation::RepLoad;
use crate::rules::scorecard::DevPeriod;
use crate::rules::why::RuleWhy;
use crate::scope::Scope;
use crate::store::prelude::*;
use crate::{word_enum, Actor, AssignmentId, ClientId, EmployeeId};
use serde::{Deserialize, Serialize};
use std::future::Future;
use time::{Date, OffsetDateTime};

word_enum!(
    /// What was decided about a held client.
    DecisionKind {
        /// Development extended to a firm date.
        Extend = "extend",
        /// Taken back and sent to rest now.
        RecallToRest = "recall_to_rest",
        /// Taken back and handed straight to a named rep.
        RecallToRep = "recall_to_rep",
        /// Archived.
        Archive = "archive",
        /// Released to rest by the rule (development past due).
        Release = "release",
        /// Handed to the next rep by the rotation rule.
        Rotate = "rotate",
        /// Development turned into a customer by a sale.
        Convert = "convert",
    }
);

/// A recorded decision with who made it (or the rule and its figures).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Decision {
    /// The client.
    pub client_id: ClientId,
    /// The assignment it was about (for `rotate` and `recall_to_rep`: the new one).
    pub assignment_id: Option<AssignmentId>,
    /// What.
    pub kind: DecisionKind,
    /// The business day.
    pub on_date: Date,
    /// The person's words, or the rule's explanation.
    pub reason: String,
    /// Who decided; `None`: the system, by a rule.
    pub decided_by: Option<EmployeeId>,
    /// The rule, for automatic decisions.
    pub rule: Option<String>,
    /// The figures behind an automatic decision.
    #[schema(value_type = Option<Object>)]
    pub figures: Option<serde_json::Value>,
    /// An automatic decision's rule and figures as a page says them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<RuleWhy>,
    /// When recorded.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A rep's weekly line on a held development client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NewReport {
    /// The client.
    pub client_id: ClientId,
    /// Any day of the week reported on (stored as its Monday).
    pub week: Date,
    /// Working, postponed or hopeless.
    pub status: ReportStatus,
    /// Until when, for `postponed`.
    pub postponed_until: Option<Date>,
    /// What happened.
    pub text: String,
    /// What comes next.
    pub next_step: String,
}

/// A stored weekly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Report {
    /// The author (the holder).
    pub employee_id: EmployeeId,
    /// The week's Monday.
    pub week: Date,
    /// The report itself.
    pub report: NewReport,
}

/// What the head's review shows about a client beside the rules' figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ClientBrief {
    /// The client.
    pub client_id: ClientId,
    /// Its name.
    pub name: String,
    /// The current holder's name.
    pub holder_name: Option<String>,
    /// Segment.
    pub segment: Option<String>,
    /// In a corporate group («куст»).
    pub in_group: bool,
    /// Expected yearly revenue, minor units.
    pub potential_minor: i64,
    /// Won deals ever.
    pub won_deals: i64,
    /// The latest weekly report's week.
    pub last_report_week: Option<Date>,
    /// The latest weekly report's status.
    pub last_report_status: Option<ReportStatus>,
}

/// A rest to start: the client, who released it, its first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRest {
    /// The client.
    pub client: ClientId,
    /// The holder who released it.
    pub released_by: EmployeeId,
    /// First day of rest.
    pub from: Date,
    /// Last day of rest.
    pub until: Date,
}

/// The use cases of dead clients and rotation.
pub trait RotationStore: Store {
    /// Sales-cycle samples as of `today`, grouped by segment, days and outcome.
    fn cycle_samples(&self, today: Date) -> impl Future<Output = CoreResult<Vec<CycleSample>>> + Send;
    /// Deals opened by `today` whose opening date is unknown (migrated records created after
    /// they closed), which the cycle sample leaves out.
    fn unknown_openings(&self, today: Date) -> impl Future<Output = CoreResult<u64>> + Send;
    /// Facts of every open assignment inside `scope` as of `today`, by client id.
    fn holding_facts(&self, scope: &Scope, today: Date) -> impl Future<Output = CoreResult<Vec<HoldingFacts>>> + Send;
    /// Facts of the open assignments inside `scope` that may be dead as of `today` under
    /// `settings`: a superset of the dead ones, narrowed in the store, for [`crate::rules::dead::dead_clients`].
    fn dead_candidates(
        &self,
        scope: &Scope,
        today: Date,
        settings: &DeadSettings,
    ) -> impl Future<Output = CoreResult<Vec<HoldingFacts>>> + Send;
    /// The reps inside `scope` with their open development assignments, as the rotation counts them.
    fn rep_loads(&self, scope: &Scope) -> impl Future<Output = CoreResult<Vec<RepLoad>>> + Send;
    /// The review details of these clients, by client id.
    fn client_briefs(&self, clients: &[ClientId]) -> impl Future<Output = CoreResult<Vec<ClientBrief>>> + Send;
    /// The details a review filters and sorts on (name, holder, segment, group, potential), by
    /// client id; their won deals and latest weekly report are left empty, for
    /// [`RotationStore::client_briefs`] to give for the clients a page shows.
    fn client_outlines(&self, clients: &[ClientId]) -> impl Future<Output = CoreResult<Vec<ClientBrief>>> + Send;
    /// The name of each of `clients` that exists, for lines that name their client.
    fn client_names(
        &self,
        clients: &[ClientId],
    ) -> impl Future<Output = CoreResult<std::collections::BTreeMap<ClientId, String>>> + Send;
    /// Extends the client's development (checked by [`crate::rules::extension`]).
    fn extend(
        &self,
        actor: &Actor,
        client: ClientId,
        req: &ExtensionRequest,
        today: Date,
        policy: &RotationPolicy,
    ) -> impl Future<Output = CoreResult<Decision>> + Send;
    /// Takes the client back now: to rest, or straight to rep `to` for one cycle.
    fn recall(
        &self,
        actor: &Actor,
        client: ClientId,
        to: Option<EmployeeId>,
        reason: &str,
        today: Date,
        policy: &RotationPolicy,
    ) -> impl Future<Output = CoreResult<Decision>> + Send;
    /// Archives the client, ending its holding or rest.
    fn archive(
        &self,
        actor: &Actor,
        client: ClientId,
        reason: &str,
        today: Date,
    ) -> impl Future<Output = CoreResult<Decision>> + Send;
    /// Stores the holder's weekly report (a second one for the same week replaces the first).
    fn write_report(
        &self,
        actor: &Actor,
        author: EmployeeId,
        report: &NewReport,
        today: Date,
    ) -> impl Future<Output = CoreResult<Report>> + Send;
    /// The weekly reports on a client, newest first.
    fn reports(&self, client: ClientId) -> impl Future<Output = CoreResult<Vec<Report>>> + Send;
    /// What [`crate::rules::reports::missing_reports`] reads inside `scope`: open development
    /// assignments `(client, holder, started_on)` and reports `(client, author, week)` since `since`.
    #[allow(clippy::type_complexity)]
    fn report_facts(
        &self,
        scope: &Scope,
        since: Date,
    ) -> impl Future<Output = CoreResult<(Vec<(ClientId, EmployeeId, Date)>, Vec<(ClientId, EmployeeId, Date)>)>> + Send;
    /// Runs one day of rotation in one transaction (with `dry_run`, rolled back) and raises
    /// "hopeless, then sold" alerts for sales of the last 30 days.
    fn rotate(
        &self,
        actor: &Actor,
        today: Date,
        policy: &RotationPolicy,
        dry_run: bool,
    ) -> impl Future<Output = CoreResult<DayPlan>> + Send;
    /// The daily job: claims the day (a row in `job_runs`; on PostgreSQL also an advisory
    /// lock) and rotates in the same transaction, so that however many servers run it, the
    /// day is rotated once. `None` when the day was already claimed.
    fn rotate_daily(
        &self,
        actor: &Actor,
        today: Date,
        policy: &RotationPolicy,
    ) -> impl Future<Output = CoreResult<Option<DayPlan>>> + Send;
    /// The decisions about a client, oldest first.
    fn decisions(&self, client: ClientId) -> impl Future<Output = CoreResult<Vec<Decision>>> + Send;
    /// A rep's development periods with their first sale, and how many clients they gave
    /// up on (hopeless) that a later holder sold to.
    fn scorecard_facts(&self, employee: EmployeeId) -> impl Future<Output = CoreResult<(Vec<DevPeriod>, u32)>> + Send;
}
