//! `sprut cycle`, `dead`, `rotate`, `weekly`, `scorecard`, `simulate`, `extend`, `recall`,
//! `archive`: dead clients
//! and rotation from the terminal.

use crate::cli::{DecideCommand, RotationCommand, TeamDayArgs, WeeklyCommand};
use anyhow::Context;
use serde::Serialize;
use sprut_core::rules::cycle::CycleStats;
use sprut_core::rules::day::{DayPlan, RotationPolicy};
use sprut_core::rules::extension::ExtensionRequest;
use sprut_core::rules::review::ReviewQuery;
use sprut_core::rules::service::{cycle_report, dead_review, missing, rep_scorecard};
use sprut_core::rules::store::{NewReport, RotationStore};
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, CoreError, EmployeeId};
use sprut_store::snapshot::Snapshot;
use sprut_store::Db;
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use time::{Date, Duration, OffsetDateTime};

/// The company's rotation policy.
async fn policy(db: &Db) -> anyhow::Result<RotationPolicy> {
    Ok(RotationPolicy::from_settings(&db.settings().await?))
}

fn json<T: Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn fig(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{x:.1}"))
}

fn stats_line(name: &str, s: &CycleStats) -> String {
    format!(
        "{name:<24} {:>6} {:>8} {:>7} {:>7} {:>7} {:>9}",
        s.n,
        s.censored,
        fig(s.mean),
        fig(s.median),
        fig(s.p80),
        s.km_median.map_or("-".into(), |d| d.to_string())
    )
}

/// Runs one rotation command.
pub async fn run(db: &Db, url: &str, cmd: RotationCommand) -> anyhow::Result<()> {
    let today = crate::company_today(db).await?;
    match cmd {
        RotationCommand::Cycle { as_of, json: as_json } => {
            let t = cycle_report(db, as_of.unwrap_or(today)).await?;
            if as_json {
                return json(&t);
            }
            println!(
                "{:<24} {:>6} {:>8} {:>7} {:>7} {:>7} {:>9}",
                "segment", "sales", "censored", "mean", "median", "p80", "KM median"
            );
            println!("{}", stats_line("(company)", &t.company));
            for (name, s) in &t.segments {
                println!("{}", stats_line(name, s));
            }
            if t.left_out > 0 {
                println!(
                    "{} deal(s) left out: their opening date is unknown (migrated records created after they closed)",
                    t.left_out
                );
            }
        }
        RotationCommand::Dead {
            day: TeamDayArgs { as_of, team, json: as_json },
            rep,
            reason,
            segment,
            min_days_over,
            sort,
        } => {
            let scope = team_scope(db, team).await?;
            let rep = match rep {
                Some(email) => Some(employee(db, &email).await?),
                None => None,
            };
            let q = ReviewQuery { rep, reason, segment, min_days_over, sort, offset: None, limit: Some(usize::MAX) };
            let list = dead_review(db, &scope, as_of.unwrap_or(today), &policy(db).await?, &q).await?.rows;
            if as_json {
                return json(&list);
            }
            for e in &list {
                println!(
                    "{} ({}), held by {} for {} days, cycle {} days: {}",
                    e.brief.name,
                    e.dead.client_id,
                    e.brief.holder_name.as_deref().unwrap_or("-"),
                    e.dead.days_held,
                    e.cycle.days,
                    e.why.join("; ")
                );
            }
            println!("{} dead clients", list.len());
        }
        RotationCommand::Rotate { as_of, dry_run, json: as_json } => {
            let now = OffsetDateTime::now_utc();
            let plan = db.rotate(&Actor::system(now), as_of.unwrap_or(today), &policy(db).await?, dry_run).await?;
            if as_json {
                return json(&plan);
            }
            print_plan(&plan, dry_run);
        }
        RotationCommand::Weekly(cmd) => weekly(db, cmd, today).await?,
        RotationCommand::Scorecard { email, as_of, json: as_json } => {
            let rep = employee(db, &email).await?;
            let cadence = sprut_core::touch::TouchCadence::from_settings(&db.settings().await?);
            let card = rep_scorecard(db, rep, as_of.unwrap_or(today), &cadence).await?;
            if as_json {
                return json(&card);
            }
            let rate = card.conversion_rate.map_or("-".into(), |r| format!("{:.0} %", r * 100.0));
            println!("{email}: {} clients held", card.clients_held);
            println!(
                "development periods: {} ({} with a sale, {} running), conversion {rate}",
                card.development_periods, card.converted, card.running
            );
            println!("mean days to the first sale: {}", fig(card.mean_days_to_first_sale));
            println!("reported hopeless, then sold by another holder: {}", card.hopeless_then_sold);
            println!("weekly reports missing: {}", card.missing_reports);
            println!("touches overdue by more than their cadence: {}", card.touches_long_overdue);
        }
        RotationCommand::Simulate { from, to, json: as_json } => {
            anyhow::ensure!(from <= to, "--from must not be after --to");
            anyhow::ensure!(to - from <= Duration::days(3660), "simulate at most ten years");
            // PostgreSQL copies a database only when nobody is connected to it, this process included.
            db.close().await;
            let copy_db = Db::open(url).await?;
            let copy = Snapshot::take(copy_db, url).await?;
            let result = simulate(copy.url(), from, to).await;
            copy.discard().await?;
            let summary = result?;
            if as_json {
                return json(&summary);
            }
            println!(
                "{} to {}: {} released to rest, {} handed on, {} left resting for want of a rep, {} became customers, \
                 {} of them sold by a later holder",
                summary.from,
                summary.to,
                summary.released,
                summary.handed_on,
                summary.unplaced_days,
                summary.converted,
                summary.sold_by_later_holder
            );
            for d in &summary.days {
                println!("  {}: released {}, handed on {}, converted {}", d.day, d.released, d.handed_on, d.converted);
            }
        }
    }
    Ok(())
}

/// The whole company, or the team named `team`.
pub(crate) async fn team_scope(db: &Db, team: Option<String>) -> anyhow::Result<Scope> {
    let Some(name) = team else { return Ok(Scope::All) };
    Ok(Scope::Teams(vec![team_named(db, &name).await?.id]))
}

/// The team named `name` (in any case) or with that id; a name no team has is refused with
/// the names there are.
pub(crate) async fn team_named(db: &Db, name: &str) -> anyhow::Result<sprut_core::team::Team> {
    let teams = db.teams().await?;
    let wanted = name.trim().to_lowercase();
    if let Some(t) = teams.iter().find(|t| t.id.to_string() == wanted || t.name.to_lowercase() == wanted) {
        return Ok(t.clone());
    }
    let known: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
    let known = if known.is_empty() { "none yet".into() } else { known.join(", ") };
    anyhow::bail!("no team named {name}; teams: {known}")
}

/// Runs one weekly-report command.
async fn weekly(db: &Db, cmd: WeeklyCommand, today: Date) -> anyhow::Result<()> {
    match cmd {
        WeeklyCommand::Write { client, status, until, text, next_step, week, by } => {
            let rep = employee(db, &by).await?;
            let actor = Actor::employee(rep, OffsetDateTime::now_utc());
            let req = NewReport {
                client_id: client,
                week: week.unwrap_or(today),
                status,
                postponed_until: until,
                text,
                next_step,
            };
            let r = db.write_report(&actor, rep, &req, today).await.map_err(|e| match e {
                CoreError::NotFound(_) => anyhow::anyhow!("{by} does not hold client {client} in development"),
                other => other.into(),
            })?;
            println!("report for the week of {} on {}: {}", r.report.week, client, r.report.status);
        }
        WeeklyCommand::Missing(TeamDayArgs { as_of, team, json: as_json }) => {
            let scope = team_scope(db, team).await?;
            let list = missing(db, &scope, as_of.unwrap_or(today)).await?;
            if as_json {
                return json(&list);
            }
            let mut names: HashMap<EmployeeId, String> = HashMap::new();
            for m in &list {
                let who = match names.entry(m.employee_id) {
                    Entry::Occupied(e) => e.into_mut(),
                    Entry::Vacant(e) => e.insert(db.employee(m.employee_id).await?.email),
                };
                println!("{who}: client {} owes the report for the week of {}", m.client_id, m.week);
            }
            println!("{} reports missing", list.len());
        }
    }
    Ok(())
}

/// Prints a day's plan in words.
fn print_plan(plan: &DayPlan, dry_run: bool) {
    let verb = if dry_run { "would" } else { "did" };
    println!(
        "rotation {verb}: {} converted, {} released, {} handed on, {} left resting",
        plan.conversions.len(),
        plan.releases.len(),
        plan.handouts.len(),
        plan.unplaced.len()
    );
    for r in &plan.releases {
        println!("  release {} from {}: {}", r.client_id, r.employee_id, r.reason.explain());
    }
    for h in &plan.handouts {
        println!("  hand {} to {} until {}: {}", h.client_id, h.pick.employee_id, h.due_on, h.explain());
    }
    for u in &plan.unplaced {
        println!("  keep {} resting: {}", u.client_id, u.why.explain());
    }
}

/// One simulated day in figures.
#[derive(Serialize)]
struct SimDay {
    day: Date,
    released: usize,
    handed_on: usize,
    converted: usize,
}

/// What the rules would have done from `from` to `to`.
#[derive(Serialize)]
struct Simulation {
    from: Date,
    to: Date,
    released: usize,
    handed_on: usize,
    unplaced_days: usize,
    converted: usize,
    sold_by_later_holder: usize,
    /// Days on which something happened.
    days: Vec<SimDay>,
}

/// Replays rotation day by day on the copy at `url`.
async fn simulate(url: &str, from: Date, to: Date) -> anyhow::Result<Simulation> {
    let db = Db::open(url).await?;
    let policy = policy(&db).await?;
    let actor = Actor::system(OffsetDateTime::now_utc());
    let mut s = Simulation {
        from,
        to,
        released: 0,
        handed_on: 0,
        unplaced_days: 0,
        converted: 0,
        sold_by_later_holder: 0,
        days: vec![],
    };
    let mut handed: BTreeSet<(ClientId, EmployeeId)> = BTreeSet::new();
    let mut day = from;
    while day <= to {
        let plan = db.rotate(&actor, day, &policy, false).await?;
        s.released += plan.releases.len();
        s.handed_on += plan.handouts.len();
        s.unplaced_days += plan.unplaced.len();
        s.converted += plan.conversions.len();
        s.sold_by_later_holder +=
            plan.conversions.iter().filter(|c| handed.contains(&(c.client_id, c.employee_id))).count();
        handed.extend(plan.handouts.iter().map(|h| (h.client_id, h.pick.employee_id)));
        if !(plan.releases.is_empty() && plan.handouts.is_empty() && plan.conversions.is_empty()) {
            s.days.push(SimDay {
                day,
                released: plan.releases.len(),
                handed_on: plan.handouts.len(),
                converted: plan.conversions.len(),
            });
        }
        day += Duration::days(1);
    }
    db.close().await;
    Ok(s)
}

/// An employee by e-mail.
pub(crate) async fn employee(db: &Db, email: &str) -> anyhow::Result<EmployeeId> {
    db.employee_by_email(email).await?.map(|(e, _)| e.id).with_context(|| format!("no employee with e-mail {email}"))
}

/// Runs one decision command, acting as the head given by `--as`.
pub async fn decide(db: &Db, cmd: DecideCommand) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let policy = policy(db).await?;
    let today = crate::company_today(db).await?;
    let decision = match cmd {
        DecideCommand::Extend { client, reason, text, until, as_of, by } => {
            let actor = Actor::employee(employee(db, &by).await?, now);
            let req = ExtensionRequest { reason, text, until };
            db.extend(&actor, client, &req, as_of.unwrap_or(today), &policy).await?
        }
        DecideCommand::Recall { client, to, reason, as_of, by } => {
            let actor = Actor::employee(employee(db, &by).await?, now);
            let to = match to {
                Some(email) => Some(employee(db, &email).await?),
                None => None,
            };
            db.recall(&actor, client, to, &reason, as_of.unwrap_or(today), &policy).await?
        }
        DecideCommand::Archive { client, reason, as_of, by } => {
            let actor = Actor::employee(employee(db, &by).await?, now);
            db.archive(&actor, client, &reason, as_of.unwrap_or(today)).await?
        }
    };
    println!("{}: {} ({})", decision.kind, decision.reason, decision.client_id);
    Ok(())
}
