//! `sprut user ...`: employees who sign in, their passwords and API tokens.

use crate::cli::UserCommand;
use anyhow::{anyhow, bail, Context};
use sprut_core::employee::{Employee, NewEmployee};
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_server::auth::{hash_password, new_token};
use sprut_store::Db;
use std::io::{BufRead, IsTerminal};
use time::OffsetDateTime;

/// Runs one `user` command.
pub async fn run(db: &Db, cmd: UserCommand) -> anyhow::Result<()> {
    let actor = Actor::system(OffsetDateTime::now_utc());
    match cmd {
        UserCommand::Add { email, name, role, team, department, password_stdin } => {
            let team_id = match team {
                Some(t) => Some(crate::rotation::team_named(db, &t).await?.id),
                None => None,
            };
            let password = if password_stdin { Some(stdin_line()?) } else { ask_password()? };
            let hash = password.map(|p| hash(&p)).transpose()?;
            let new = NewEmployee {
                email,
                name,
                role,
                department,
                team_id,
                region: None,
                capacity: None,
                specialisation: None,
                language: None,
            };
            let e = db.create_employee(&actor, new, hash.clone()).await?;
            println!("added {} <{}> as {}", e.name, e.email, e.role);
            if hash.is_none() {
                println!("no password set: run `sprut user passwd {}` before signing in", e.email);
            }
        }
        UserCommand::Token { email, label } => {
            let e = find(db, &email).await?;
            let (token, token_hash) = new_token();
            let expires_at = actor.now + time::Duration::days(db.settings().await?.api_token_days);
            db.create_token(&actor, e.id, token_hash, label, expires_at).await?;
            println!("{token}");
            eprintln!("it works until {} (UTC); revoke it with `sprut user revoke-token ID`", day_time(expires_at));
        }
        UserCommand::Tokens { email } => {
            let e = find(db, &email).await?;
            let tokens = db.tokens(Some(e.id)).await?;
            for t in &tokens {
                let state = match (t.revoked_at, t.is_live(actor.now)) {
                    (Some(at), _) => format!("revoked {}", day_time(at)),
                    (None, true) => format!("expires {}", day_time(t.expires_at)),
                    (None, false) => format!("expired {}", day_time(t.expires_at)),
                };
                let used = t.last_used_at.map_or("never used".to_string(), |u| format!("last used {}", day_time(u)));
                println!("{}  {:<20} made {}, {used}, {state}", t.id, t.label, day_time(t.created_at));
            }
            println!("{} token(s) of {}", tokens.len(), e.email);
        }
        UserCommand::RevokeToken { id } => {
            let t = db.revoke_token(&actor, id).await.map_err(|e| anyhow!("cannot revoke token {id}: {e}"))?;
            println!("token {} ({}) is revoked; it no longer signs anyone in", t.id, t.label);
        }
        UserCommand::Passwd { email } => {
            let e = find(db, &email).await?;
            let password = if std::io::stdin().is_terminal() {
                ask_password()?.ok_or_else(|| anyhow!("no password given"))?
            } else {
                stdin_line()?
            };
            db.set_password(&actor, e.id, hash(&password)?).await?;
            println!("password of {} changed; their sessions were ended and their API tokens revoked", e.email);
        }
        UserCommand::Depart { email, last_day } => {
            let e = find(db, &email).await?;
            let patch = sprut_core::leaver::departure_patch(&e, last_day, actor.today())?;
            let e = db.update_employee(&actor, e.id, patch).await?;
            println!(
                "{} is leaving: read-only on their own book from now on; the account closes after {last_day}",
                e.email
            );
        }
    }
    Ok(())
}

async fn find(db: &Db, email: &str) -> anyhow::Result<Employee> {
    db.employee_by_email(email)
        .await?
        .map(|(e, _)| e)
        .with_context(|| format!("no employee with e-mail {email}; add one with `sprut user add`"))
}

fn hash(password: &str) -> anyhow::Result<String> {
    sprut_core::validate::password(password)?;
    hash_password(password).map_err(|e| anyhow!(e.message()))
}

fn stdin_line() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    let p = line.trim_end_matches(['\r', '\n']).to_string();
    if p.is_empty() {
        bail!("standard input held no password");
    }
    Ok(p)
}

/// Asks twice on a terminal; `None` when there is no terminal.
fn ask_password() -> anyhow::Result<Option<String>> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let first = rpassword::prompt_password("password: ")?;
    let second = rpassword::prompt_password("again: ")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(Some(first))
}

/// A moment as `2026-12-04 21:32` (UTC).
fn day_time(t: OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    t.format(&f).unwrap_or_else(|_| t.to_string())
}
