//! `sprut tasks` and `sprut touches overdue`: the daily workbench from the terminal.

use crate::cli::TeamDayArgs;
use sprut_core::rules::store::RotationStore;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::touch::{due_touches, TouchBasis, TouchCadence};
use sprut_core::{ClientId, EmployeeId};
use sprut_store::Db;
use std::collections::HashMap;
use time::Date;

/// The names of `clients` and of `people`, for printing lines.
async fn names(
    db: &Db,
    clients: Vec<ClientId>,
    people: Vec<EmployeeId>,
) -> anyhow::Result<(HashMap<ClientId, String>, HashMap<EmployeeId, String>)> {
    let clients = db.client_outlines(&clients).await?.into_iter().map(|b| (b.client_id, b.name)).collect();
    let people = db.employees_among(&people).await?.into_iter().map(|e| (e.id, e.email)).collect();
    Ok((clients, people))
}

/// Prints the open tasks, of the employee with e-mail `owner` when given, due by `due`.
pub async fn tasks(db: &Db, owner: Option<String>, due: Option<Date>, as_json: bool) -> anyhow::Result<()> {
    let owner = match owner {
        Some(email) => Some(crate::rotation::employee(db, &email).await?),
        None => None,
    };
    let list = db.open_tasks(&Scope::All, owner, due).await?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    let (clients, people) =
        names(db, list.iter().map(|t| t.client_id).collect(), list.iter().map(|t| t.owner_id).collect()).await?;
    let today = crate::company_today(db).await?;
    for t in &list {
        let late = if t.overdue_on(today) { " (overdue)" } else { "" };
        let client = clients.get(&t.client_id).map_or("?", String::as_str);
        let who = people.get(&t.owner_id).map_or("?", String::as_str);
        println!("{}{late}  {client}  {}  — {who}", t.due_on, t.title);
    }
    println!("{} open tasks", list.len());
    Ok(())
}

/// Prints the touches due by the day (default today), of one team when given.
pub async fn touches_overdue(db: &Db, args: TeamDayArgs) -> anyhow::Result<()> {
    let today = match args.as_of {
        Some(d) => d,
        None => crate::company_today(db).await?,
    };
    let scope = crate::rotation::team_scope(db, args.team).await?;
    let cadence = TouchCadence::from_settings(&db.settings().await?);
    let due = due_touches(&db.touch_facts(&scope, None).await?, &cadence, today);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&due)?);
        return Ok(());
    }
    let (clients, people) =
        names(db, due.iter().map(|t| t.client_id).collect(), due.iter().map(|t| t.holder).collect()).await?;
    for t in &due {
        let from = match t.basis {
            TouchBasis::Task => "a task".to_string(),
            TouchBasis::LastTouch { on } => format!("last touch {on} + {} days", t.cadence_days),
            TouchBasis::HeldSince { on } => format!("never touched, held since {on} + {} days", t.cadence_days),
        };
        let client = clients.get(&t.client_id).map_or("?", String::as_str);
        let who = people.get(&t.holder).map_or("?", String::as_str);
        let long = if t.long_overdue(today) { ", past a whole cadence" } else { "" };
        println!("{}  {client} ({})  {} days over{long}  — {who}; {from}", t.due_on, t.tier, t.days_overdue(today));
    }
    println!("{} touches due", due.len());
    Ok(())
}
