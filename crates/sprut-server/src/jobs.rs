//! Background work of `sprut serve`: the jobs that follow the calendar (closing the accounts
//! of employees past their last day, handing over transfers on their day, the daily rotation),
//! run at start and then every few minutes. Each job is
//! safe to run again and from several processes at once.

use crate::state::AppState;
use sprut_core::concentration::raise_single_thread_alerts;
use sprut_core::handover::HandoverStore;
use sprut_core::leaver::close_departures;
use sprut_core::octopus::count_coverage_daily;
use sprut_core::rules::day::{DayPlan, RotationPolicy};
use sprut_core::rules::store::RotationStore;
use sprut_core::spot_check::draw_week;
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use std::time::Duration;

/// How often the jobs look at the calendar.
const EVERY: Duration = Duration::from_secs(300);

/// Runs the jobs once now.
pub async fn run_once(state: &AppState) {
    let now = state.clock.now();
    let today = state.today().await;
    match close_departures(&*state.store, &Actor::system(now), today).await {
        Ok(closed) => {
            for e in closed {
                tracing::info!(employee = %e.email, last_day = ?e.last_day, "account closed after the last working day");
            }
        }
        Err(e) => tracing::error!(error = %e, "closing the accounts of leavers failed"),
    }
    match state.store.hand_over_due(&Actor::system(now), today).await {
        Ok(done) => {
            for t in done {
                tracing::info!(transfer = %t, "clients handed over on the transfer's day");
            }
        }
        Err(e) => tracing::error!(error = %e, "handing over due transfers failed"),
    }
    rotate_today(state).await;
    anchor_today(state).await;
    single_thread_alerts(state, today).await;
    spot_check_draw(state, today).await;
    coverage_count(state, today).await;
}

/// Counts every client's coverage score for the client list, once a day.
async fn coverage_count(state: &AppState, today: time::Date) {
    let started = std::time::Instant::now();
    match count_coverage_daily(&*state.store, &Actor::system(state.clock.now()), today).await {
        Ok(Some(c)) => {
            state.metrics.job_ran("coverage_count", started.elapsed().as_secs_f64());
            tracing::info!(day = %today, clients = c.clients, changed = c.changed, "coverage scores counted");
        }
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "counting the coverage scores failed"),
    }
}

/// A seed for a draw, read at the edge from the clock (recorded with every check it draws).
pub fn seed(state: &AppState) -> u64 {
    let now = state.clock.now();
    (now.unix_timestamp_nanos() as u64) ^ u64::from(std::process::id()).rotate_left(32)
}

/// Draws the week's spot checks, once a week.
async fn spot_check_draw(state: &AppState, today: time::Date) {
    let started = std::time::Instant::now();
    let seed = seed(state);
    match draw_week(&*state.store, &Actor::system(state.clock.now()), today, seed).await {
        Ok(Some(drawn)) => {
            state.metrics.job_ran("spot_checks", started.elapsed().as_secs_f64());
            tracing::info!(day = %today, drawn, seed, "the week's spot checks drawn");
        }
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "drawing the week's spot checks failed"),
    }
}

/// Raises the day's alerts on employees who are the only thread of too much revenue, once a day.
async fn single_thread_alerts(state: &AppState, today: time::Date) {
    let started = std::time::Instant::now();
    match raise_single_thread_alerts(&*state.store, &Actor::system(state.clock.now()), today).await {
        Ok(Some(raised)) => {
            state.metrics.job_ran("single_thread_alerts", started.elapsed().as_secs_f64());
            tracing::info!(day = %today, raised, "single-thread alerts looked at");
        }
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "the single-thread alerts failed"),
    }
}

/// Takes the day's anchor of the audit log once a day (in the company's time zone): into the
/// server log and the auditors' mail, outside the database it vouches for.
pub async fn anchor_today(state: &AppState) {
    let now = state.clock.now();
    let settings = state.settings().await;
    let day = crate::zone::local_date(now, &settings.time_zone);
    match state.store.anchor_audit(&Actor::system(now), day, &settings.company_name).await {
        Ok(Some(a)) => tracing::info!(%day, anchor = %a, "audit log anchor: keep it to prove the log later"),
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "taking the audit log's anchor failed"),
    }
}

/// Runs today's rotation unless this or another process already did (the store claims the day
/// in the same transaction); returns the plan when this call ran it.
pub async fn rotate_today(state: &AppState) -> Option<DayPlan> {
    let now = state.clock.now();
    let settings = state.settings().await;
    let policy = RotationPolicy::from_settings(&settings);
    // The company's day: the rotation runs at its midnight, not at UTC's.
    let today = crate::zone::local_date(now, &settings.time_zone);
    let started = std::time::Instant::now();
    match state.store.rotate_daily(&Actor::system(now), today, &policy).await {
        Ok(Some(plan)) => {
            state.metrics.job_ran("rotation", started.elapsed().as_secs_f64());
            tracing::info!(
                day = %today,
                released = plan.releases.len(),
                handed_on = plan.handouts.len(),
                converted = plan.conversions.len(),
                "daily rotation ran"
            );
            Some(plan)
        }
        Ok(None) => None,
        Err(e) => {
            tracing::error!(error = %e, "the daily rotation failed");
            None
        }
    }
}

/// Starts the jobs in the background: now, then every few minutes.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            run_once(&state).await;
        }
    })
}
