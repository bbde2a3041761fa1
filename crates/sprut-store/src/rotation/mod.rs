//! Dead clients and rotation in the database: the facts the rules read, the head's decisions,
//! weekly reports, and the daily rotation with its claim.

mod decisions;
pub(crate) mod facts;
mod run;

pub(crate) use decisions::start_rests;
pub(crate) use facts::cycle_samples_in;
pub use run::ROTATION_JOB;
pub(crate) use run::{raise_hopeless_then_sold, SalesOf};

use crate::kept::Kept;
use crate::Db;
use sprut_core::error::CoreResult;
use sprut_core::rules::cycle::CycleSample;
use sprut_core::rules::day::{DayPlan, RotationPolicy};
use sprut_core::rules::dead::{DeadSettings, HoldingFacts};
use sprut_core::rules::extension::ExtensionRequest;
use sprut_core::rules::rotation::RepLoad;
use sprut_core::rules::scorecard::DevPeriod;
use sprut_core::rules::store::{ClientBrief, Decision, NewReport, Report, RotationStore};
use sprut_core::scope::Scope;
use sprut_core::{Actor, ClientId, CoreError, EmployeeId};
use time::Date;

/// Report facts: open development `(client, holder, started_on)` and `(client, author, week)`.
type ReportFacts = (Vec<(ClientId, EmployeeId, Date)>, Vec<(ClientId, EmployeeId, Date)>);

impl Db {
    async fn report_facts_of(&self, scope: &Scope, since: Date) -> Result<ReportFacts, CoreError> {
        let mut r = self.read().await?;
        let held = facts::developments_in(r.conn(), scope).await?;
        let reports = facts::reports_since_in(r.conn(), scope, since).await?;
        Ok((held, reports))
    }
}

impl RotationStore for Db {
    async fn cycle_samples(&self, today: Date) -> CoreResult<Vec<CycleSample>> {
        self.kept_or(Kept::Cycle, today, || async { facts::cycle_samples_in(self.read().await?.conn(), today).await })
            .await
    }
    async fn unknown_openings(&self, today: Date) -> CoreResult<u64> {
        let n: i64 = crate::sql::q_scalar!(
            self.read().await?.conn(),
            i64,
            "SELECT COUNT(*) FROM deals WHERE opened_known = FALSE AND opened_on <= $1",
            today
        )?;
        Ok(n.max(0) as u64)
    }
    async fn holding_facts(&self, scope: &Scope, today: Date) -> CoreResult<Vec<HoldingFacts>> {
        facts::holding_facts_in(self.read().await?.conn(), scope, today, facts::Only::All).await
    }
    async fn dead_candidates(
        &self,
        scope: &Scope,
        today: Date,
        settings: &DeadSettings,
    ) -> CoreResult<Vec<HoldingFacts>> {
        facts::holding_facts_in(self.read().await?.conn(), scope, today, facts::Only::MaybeDead(settings)).await
    }
    async fn rep_loads(&self, scope: &Scope) -> CoreResult<Vec<RepLoad>> {
        facts::reps_in(self.read().await?.conn(), scope).await
    }
    async fn client_briefs(&self, clients: &[ClientId]) -> CoreResult<Vec<ClientBrief>> {
        facts::briefs_in(self.read().await?.conn(), clients, facts::Brief::Full).await
    }
    async fn client_names(&self, clients: &[ClientId]) -> CoreResult<std::collections::BTreeMap<ClientId, String>> {
        facts::names_in(self.read().await?.conn(), clients).await
    }
    async fn client_outlines(&self, clients: &[ClientId]) -> CoreResult<Vec<ClientBrief>> {
        facts::briefs_in(self.read().await?.conn(), clients, facts::Brief::Outline).await
    }
    async fn extend(
        &self,
        actor: &Actor,
        client: ClientId,
        req: &ExtensionRequest,
        today: Date,
        policy: &RotationPolicy,
    ) -> CoreResult<Decision> {
        self.extend_tx(actor, client, req, today, policy).await
    }
    async fn recall(
        &self,
        actor: &Actor,
        client: ClientId,
        to: Option<EmployeeId>,
        reason: &str,
        today: Date,
        policy: &RotationPolicy,
    ) -> CoreResult<Decision> {
        self.recall_tx(actor, client, to, reason, today, policy).await
    }
    async fn archive(&self, actor: &Actor, client: ClientId, reason: &str, today: Date) -> CoreResult<Decision> {
        self.archive_tx(actor, client, reason, today).await
    }
    async fn write_report(
        &self,
        actor: &Actor,
        author: EmployeeId,
        report: &NewReport,
        today: Date,
    ) -> CoreResult<Report> {
        self.write_report_tx(actor, author, report, today).await
    }
    async fn reports(&self, client: ClientId) -> CoreResult<Vec<Report>> {
        self.report_list(client).await
    }
    async fn report_facts(&self, scope: &Scope, since: Date) -> CoreResult<ReportFacts> {
        self.report_facts_of(scope, since).await
    }
    async fn rotate(&self, actor: &Actor, today: Date, policy: &RotationPolicy, dry_run: bool) -> CoreResult<DayPlan> {
        self.rotate_tx(actor, today, policy, dry_run).await
    }
    async fn rotate_daily(&self, actor: &Actor, today: Date, policy: &RotationPolicy) -> CoreResult<Option<DayPlan>> {
        self.rotate_daily_tx(actor, today, policy).await
    }
    async fn decisions(&self, client: ClientId) -> CoreResult<Vec<Decision>> {
        self.decision_list(client).await
    }
    async fn scorecard_facts(&self, employee: EmployeeId) -> CoreResult<(Vec<DevPeriod>, u32)> {
        facts::dev_periods_in(self.read().await?.conn(), employee).await
    }
}
