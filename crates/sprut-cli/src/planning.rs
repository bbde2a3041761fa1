//! `sprut plan redistribute`: a team's redistribution previewed in the terminal, and applied
//! as transfers on request.

use crate::cli::RedistributeArgs;
use anyhow::bail;
use sprut_core::planner::service::{self, ApplyRedistribution, RedistributionRequest};
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_store::Db;
use time::OffsetDateTime;

/// Previews (and with `--apply` applies) the redistribution of a team's book.
pub async fn redistribute(db: &Db, args: RedistributeArgs) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let settings = db.settings().await?;
    let today = sprut_server::zone::local_date(now, &settings.time_zone);
    let teams = db.teams().await?;
    let wanted = args.team.trim();
    let Some(team) =
        teams.iter().find(|t| t.id.to_string() == wanted || t.name.to_lowercase() == wanted.to_lowercase())
    else {
        let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
        bail!("no team is named '{wanted}'; the teams are: {}", names.join(", "));
    };
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
