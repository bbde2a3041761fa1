//! `sprut plan`: a team's redistribution previewed in the terminal and applied on request; its
//! sales plans from potential; a head's word on a rep's month.

use crate::cli::RedistributeArgs;
use crate::rotation::team_named;
use anyhow::bail;
use sprut_core::planner::service::{self, ApplyRedistribution, RedistributionRequest};
use sprut_core::sales_plan::{self, MonthSetting, Period};
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_store::Db;
use time::OffsetDateTime;

/// Previews (and with `--apply` applies) the redistribution of a team's book.
pub async fn redistribute(db: &Db, args: RedistributeArgs) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let settings = db.settings().await?;
    let today = sprut_server::zone::local_date(now, &settings.time_zone);
    let team = team_named(db, &args.team).await?;
    let actor = Actor::system(now);
    let req = RedistributionRequest {
        team_id: team.id,
        balance_percent: args.balance,
        max_moves: args.max_moves,
        move_key: args.move_key,
        capacity: args.capacity,
    };
    let spinner = crate::import::spinner(args.json, "{spinner} planning the book of the team");
    let mut plan = service::preview(db, &actor, &req, today).await;
    spinner.finish_and_clear();
    if args.apply {
        if let Ok(p) = &plan {
            let apply = ApplyRedistribution { effective_on: args.on };
            plan = service::apply(db, &actor, p.id, &apply, &settings, today).await;
        }
    }
    let plan = plan?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&plan)?);
        return Ok(());
    }
    println!(
        "{}: team {}, {} clients, {} reps, balance ±{} %: {} moves (plan {})",
        plan.made_on,
        team.name,
        plan.clients,
        plan.loads.len(),
        args.balance,
        plan.moves.len(),
        plan.id
    );
    println!("\n{:<30} {:>8} {:>8}", "rep", "before", "after");
    for l in &plan.loads {
        println!("{:<30} {:>8} {:>8}", l.name, l.clients_before, l.clients_after);
    }
    if !plan.moves.is_empty() {
        println!();
    }
    for m in &plan.moves {
        println!("{}: {} → {}\n  {}", m.client_name, m.from_name, m.to_name, m.reason);
    }
    match (plan.applied_at, plan.effective_on) {
        (Some(_), Some(on)) => println!("\napplied: {} transfers, effective on {on}", plan.transfers.len()),
        (Some(_), None) => println!("\napplied: nothing to move"),
        _ => println!("\na preview; apply it with --apply (or on the page /planning/{})", plan.id),
    }
    Ok(())
}

/// Prints a team's sales plans for a month or a quarter.
pub async fn sales(db: &Db, team_name: &str, period: Option<&str>, json: bool) -> anyhow::Result<()> {
    let settings = db.settings().await?;
    let today = sprut_server::zone::local_date(OffsetDateTime::now_utc(), &settings.time_zone);
    let period = match period {
        Some(p) => Period::parse(p).map_err(|r| anyhow::anyhow!("--period: {r}"))?,
        None => Period::month_of(today),
    };
    let team = team_named(db, team_name).await?;
    let plan = sales_plan::plans(db, team.id, period, &settings, today).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&plan)?);
        return Ok(());
    }
    let money = sprut_core::money::format_minor;
    let done = |p: Option<i64>| p.map_or_else(|| "-".into(), |v| format!("{v} %"));
    println!(
        "team {}, {} to {}: plan {}, actual {}",
        team.name,
        plan.from,
        plan.to,
        money(plan.plan_minor),
        money(plan.actual_minor)
    );
    println!("\n{:<32} {:>16} {:>16} {:>16} {:>6}", "rep", "plan", "from potential", "actual", "done");
    for r in &plan.reps {
        let mark = if r.overrides.is_empty() { "" } else { " *" };
        println!(
            "{:<32} {:>16} {:>16} {:>16} {:>6}{mark}",
            r.name,
            money(r.plan_minor),
            money(r.from_potential_minor),
            money(r.actual_minor),
            done(r.done_percent)
        );
        for o in &r.overrides {
            println!("  * the head's plan for {}: {} ({})", o.month, money(o.plan_minor), o.reason);
        }
        if r.hunter {
            let goal = |t: &sales_plan::Target| {
                t.target.map_or_else(|| t.actual.to_string(), |g| format!("{} of {g}", t.actual))
            };
            println!("  new clients {}, first sales {}", goal(&r.new_clients), goal(&r.first_sales));
        }
        for a in &r.adjustments {
            let sign = if a.change_minor >= 0 { "+" } else { "" };
            println!(
                "  {} {sign}{} {}: {}",
                a.on,
                money(a.change_minor),
                a.client_name,
                a.cause.as_str().replace('_', " ")
            );
        }
    }
    if !plan.potential_unknown.is_empty() {
        println!(
            "\n{} held clients have no potential (they give no plan): estimate them",
            plan.potential_unknown.len()
        );
        for u in &plan.potential_unknown {
            println!("  {}", u.client_name);
        }
    }
    Ok(())
}

/// What `sprut plan set-month` sets.
pub struct MonthArgs {
    /// The plan as typed.
    pub plan: Option<String>,
    /// Target: new clients.
    pub new_clients: Option<i64>,
    /// Target: first sales.
    pub first_sales: Option<i64>,
    /// Why.
    pub reason: String,
}

/// Sets a rep's month.
pub async fn set_month(db: &Db, rep: &str, month: &str, args: MonthArgs) -> anyhow::Result<()> {
    let period =
        Period::parse_month(month).map_err(|_| anyhow::anyhow!("--month: '{month}' is not a month such as 2026-12"))?;
    let Some((e, _)) = db.employee_by_email(rep).await? else { bail!("no employee has the e-mail {rep}") };
    let plan_minor = match &args.plan {
        Some(p) => Some(sprut_core::import::parse_money(p).map_err(|r| anyhow::anyhow!("--plan: {r}"))?.minor),
        None => None,
    };
    let setting = MonthSetting {
        plan_minor,
        new_clients: args.new_clients,
        first_sales: args.first_sales,
        reason: args.reason,
        set_by: None,
    };
    sales_plan::set_month(db, &Actor::system(OffsetDateTime::now_utc()), e.id, period.from, setting).await?;
    println!("{}: the month of {} is set", e.name, period.from);
    Ok(())
}
