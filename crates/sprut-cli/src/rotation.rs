//! `sprut cycle`, `dead`, `rotate`, `simulate`, `extend`, `recall`, `archive`: dead clients
//! and rotation from the terminal.

use crate::cli::{DecideCommand, RotationCommand};
use anyhow::Context;
use serde::Serialize;
use sprut_core::rules::cycle::CycleStats;
use sprut_core::rules::day::{DayPlan, RotationPolicy};
use sprut_core::rules::extension::ExtensionRequest;
use sprut_core::rules::service::{cycle_table, dead_review};
use sprut_core::rules::store::RotationStore;
use sprut_core::scope::Scope;
use sprut_core::store::Store;
use sprut_core::{Actor, ClientId, EmployeeId};
use sprut_store::snapshot::Snapshot;
use sprut_store::Db;
use std::collections::BTreeSet;
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
    let today = OffsetDateTime::now_utc().date();
    match cmd {
        RotationCommand::Cycle { as_of, json: as_json } => {
            let t = cycle_table(db, as_of.unwrap_or(today)).await?;
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
        }
        RotationCommand::Dead { as_of, team, json: as_json } => {
            let scope = match team {
                None => Scope::All,
                Some(name) => {
                    let teams = db.teams().await?;
                    let t = teams.iter().find(|t| t.name == name).with_context(|| format!("no team named {name}"))?;
                    Scope::Teams(vec![t.id])
                }
            };
            let list = dead_review(db, &scope, as_of.unwrap_or(today), &policy(db).await?).await?;
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
async fn employee(db: &Db, email: &str) -> anyhow::Result<EmployeeId> {
    db.employee_by_email(email).await?.map(|(e, _)| e.id).with_context(|| format!("no employee with e-mail {email}"))
}

/// Runs one decision command, acting as the head given by `--as`.
pub async fn decide(db: &Db, cmd: DecideCommand) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let policy = policy(db).await?;
    let decision = match cmd {
        DecideCommand::Extend { client, reason, text, until, as_of, by } => {
            let actor = Actor::employee(employee(db, &by).await?, now);
            let req = ExtensionRequest { reason, text, until };
            db.extend(&actor, client, &req, as_of.unwrap_or(now.date()), &policy).await?
        }
        DecideCommand::Recall { client, to, reason, as_of, by } => {
            let actor = Actor::employee(employee(db, &by).await?, now);
            let to = match to {
                Some(email) => Some(employee(db, &email).await?),
                None => None,
            };
            db.recall(&actor, client, to, &reason, as_of.unwrap_or(now.date()), &policy).await?
        }
        DecideCommand::Archive { client, reason, as_of, by } => {
            let actor = Actor::employee(employee(db, &by).await?, now);
            db.archive(&actor, client, &reason, as_of.unwrap_or(now.date())).await?
        }
    };
    println!("{}: {} ({})", decision.kind, decision.reason, decision.client_id);
    Ok(())
}
