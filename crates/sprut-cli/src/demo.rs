//! `sprut demo`: the demo company, and the logins to try it with.

use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_demo::{generate, logins, DEMO_PASSWORD};
use sprut_store::Db;
use std::time::Instant;
use time::{Date, OffsetDateTime};

/// Fills `db` with the demo company of `seed` as of `today` (default: now) and prints the logins.
pub async fn fill(db: &Db, seed: u64, today: Option<Date>) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let today = crate::day_or_today(db, today).await?;
    let started = Instant::now();
    eprintln!("creating the demo company (seed {seed}, as of {today})...");
    let mut data = generate(seed, today);
    let hash = sprut_server::auth::hash_password(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!(e.message()))?;
    data.passwords = data.employees.iter().filter(|e| e.can_sign_in()).map(|e| (e.id, hash.clone())).collect();
    db.load_dataset(&Actor::system(now), &data).await?;
    let counts: Vec<String> = data.counts().iter().map(|(k, n)| format!("{n} {k}")).collect();
    eprintln!("loaded {} in {:.1} s", counts.join(", "), started.elapsed().as_secs_f64());
    println!("Demo logins (password: {DEMO_PASSWORD}):");
    for e in logins(&data) {
        let team = data.teams.iter().find(|t| Some(t.id) == e.team_id).map(|t| t.name.as_str()).unwrap_or("");
        println!("  {:<8} {:<28} {} {}", e.role.as_str(), e.email, e.name, team);
    }
    Ok(())
}
