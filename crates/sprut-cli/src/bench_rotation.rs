//! `sprut bench rotation`: generates a large company in SQLite, then times the daily dead-client
//! scan and rotation, beside one hand-written SQL query listing the same dead clients run in
//! the `sqlite3` shell on the same file; prints both and the peak memory.

use anyhow::Context;
use sprut_core::activity::{Activity, ActivityKind};
use sprut_core::assignment::{Assignment, AssignmentKind, EndReason};
use sprut_core::client::{Client, ClientStatus, Tier};
use sprut_core::dataset::Dataset;
use sprut_core::deal::{Deal, DealStage};
use sprut_core::employee::{Employee, EmployeeStatus, Language, Role};
use sprut_core::money::Currency;
use sprut_core::rules::day::RotationPolicy;
use sprut_core::rules::dead::dead_clients;
use sprut_core::rules::store::{NewRest, RotationStore};
use sprut_core::scope::Scope;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::team::Team;
use sprut_core::*;
use std::time::Instant;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

/// Sizes of the generated company.
#[derive(Clone, Copy)]
pub struct Sizes {
    /// Clients.
    pub clients: u64,
    /// Reps.
    pub reps: u64,
    /// Deals.
    pub deals: u64,
    /// Activities.
    pub activities: u64,
}

/// A small deterministic generator (splitmix64).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SEGMENTS: [&str; 6] = ["Розница", "Дистрибуция", "Производство", "HoReCa", "Логистика", "Строительство"];
/// Clients generated and loaded in one transaction.
pub(crate) const CHUNK: u64 = 25_000;

/// The peak resident memory of this process, from /proc/self/status.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// `n` reps in teams of `per_team`, the teams without heads.
pub(crate) fn employees(n: u64, per_team: u64, now: OffsetDateTime) -> (Vec<Team>, Vec<Employee>) {
    let teams: Vec<Team> = (0..n.div_ceil(per_team))
        .map(|t| Team {
            id: TeamId(Uuid::from_u128(0x7000 + t as u128)), name: format!("Команда {t}"), head_id: None
        })
        .collect();
    let reps = (0..n)
        .map(|i| Employee {
            id: EmployeeId(Uuid::from_u128(0x1_0000_0000 + i as u128)),
            email: format!("rep{i}@bench.sprut"),
            name: format!("Менеджер {i}"),
            role: Role::Rep,
            department: None,
            team_id: Some(teams[(i / per_team) as usize].id),
            region: None,
            capacity: 10_000,
            specialisation: None,
            status: EmployeeStatus::Active,
            last_day: None,
            language: Language::Ru,
            created_at: now,
        })
        .collect();
    (teams, reps)
}

/// Clients `from..to` with their holding, deals and activities.
pub(crate) fn chunk(s: &Sizes, from: u64, to: u64, today: Date, now: OffsetDateTime, rng: &mut Rng) -> Dataset {
    let mut d = Dataset::default();
    let rub = Currency::rub();
    let deals_per = s.deals as f64 / s.clients as f64;
    let acts_per = s.activities as f64 / s.clients as f64;
    let rest_days = Settings::default().rest_days;
    for i in from..to {
        let id = ClientId(Uuid::from_u128(0x2_0000_0000 + i as u128));
        d.clients.push(Client {
            id,
            name: format!("ООО Клиент {i}"),
            legal_id: None,
            parent_id: None,
            segment: Some(SEGMENTS[(i % 6) as usize].into()),
            region: None,
            tier: Tier::Regular,
            potential_minor: rng.below(10_000_000) as i64,
            currency: rub.clone(),
            status: ClientStatus::Active,
            address: None,
            language: Language::Ru,
            created_at: now,
            updated_at: now,
            channels: Vec::new(),
            extra: Default::default(),
        });
        // Development started within the last cycle: about one in 90 falls due each day.
        // Every tenth client rests instead, released at the end of its last development;
        // about one in 46 of them comes off rest today and goes to the next rep.
        let resting = i % 10 == 9;
        let rest_until = today + Duration::days(44 - rng.below(46) as i64);
        let rest_from = rest_until - Duration::days(rest_days);
        let started =
            if resting { rest_from - Duration::days(90) } else { today - Duration::days(rng.below(91) as i64) };
        let holder = EmployeeId(Uuid::from_u128(0x1_0000_0000 + (i % s.reps) as u128));
        d.assignments.push(Assignment {
            id: AssignmentId(Uuid::from_u128(0x3_0000_0000 + i as u128)),
            client_id: id,
            employee_id: holder,
            kind: AssignmentKind::Development,
            started_on: started,
            due_on: Some(started + Duration::days(90)),
            ended_on: resting.then_some(rest_from),
            end_reason: resting.then_some(EndReason::Released),
            end_explanation: resting.then(|| "bench: development over without a sale".into()),
            decided_by: None,
            explanation: "bench".into(),
            why: None,
            end_why: None,
            created_at: now,
        });
        if resting {
            d.rests.push(NewRest { client: id, released_by: holder, from: rest_from, until: rest_until });
        }
        let n_deals = ((i + 1) as f64 * deals_per) as u64 - (i as f64 * deals_per) as u64;
        for k in 0..n_deals {
            // Sales closed before the current holder started: history, not a conversion today.
            let opened = started - Duration::days(130 + rng.below(600) as i64);
            let won = rng.below(10) < 4;
            let closed = opened + Duration::days(5 + rng.below(120) as i64);
            d.deals.push(Deal {
                id: DealId(Uuid::from_u128(0x4_0000_0000_0000 + ((i as u128) << 8) + k as u128)),
                client_id: id,
                title: "Поставка".into(),
                stage: if won { DealStage::Won } else { DealStage::Lost },
                phase: sprut_core::deal::DealPhase::Contract,
                expected_close_on: None,
                amount_minor: rng.below(1_000_000) as i64,
                currency: rub.clone(),
                opened_on: opened,
                closed_on: Some(closed),
                opened_known: true,
                owner_id: Some(holder),
                credited_to: Some(holder),
                created_at: now,
                updated_at: now,
                extra: Default::default(),
            });
        }
        let n_acts = ((i + 1) as f64 * acts_per) as u64 - (i as f64 * acts_per) as u64;
        for k in 0..n_acts {
            let at = (today - Duration::days(rng.below(120) as i64)).midnight().assume_utc();
            d.activities.push(Activity {
                id: ActivityId(Uuid::from_u128(0x5_0000_0000_0000 + ((i as u128) << 8) + k as u128)),
                client_id: id,
                kind: ActivityKind::Call,
                occurred_at: at,
                author_id: Some(holder),
                participant_ids: vec![],
                contact_ids: vec![],
                outcome: None,
                text: "звонок".into(),
                checklist: None,
                created_at: now,
                extra: Default::default(),
            });
        }
    }
    d
}

/// The dead clients by the same three rules, in one SQL query for the sqlite3 shell.
fn dead_sql(today: Date, no_activity: i64, lapse: i64) -> String {
    format!(
        "SELECT COUNT(*) FROM (SELECT a.client_id, a.kind, a.started_on, \
           MAX(COALESCE(a.due_on, ''), COALESCE((SELECT MAX(x.until_on) FROM extensions x WHERE x.assignment_id = a.id), '')) AS due, \
           (SELECT MAX(substr(v.occurred_at, 1, 10)) FROM activities v WHERE v.client_id = a.client_id AND substr(v.occurred_at, 1, 10) <= '{today}') AS act, \
           (SELECT MAX(d.closed_on) FROM deals d WHERE d.client_id = a.client_id AND d.stage = 'won' AND d.closed_on <= '{today}') AS won, \
           EXISTS (SELECT 1 FROM deals d WHERE d.client_id = a.client_id AND d.stage = 'won' AND d.closed_on >= a.started_on AND d.closed_on <= '{today}') AS won_since \
         FROM assignments a WHERE a.ended_on IS NULL AND a.started_on <= '{today}') h \
         WHERE (h.kind = 'development' AND NOT h.won_since AND h.due <> '' AND h.due <= '{today}') \
            OR julianday('{today}') - julianday(MAX(COALESCE(h.act, h.started_on), h.started_on)) > {no_activity} \
            OR (h.kind = 'account' AND julianday('{today}') - julianday(MAX(COALESCE(h.won, h.started_on), h.started_on)) > {lapse});"
    )
}

/// Runs the benchmark.
pub async fn run(s: Sizes, keep: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::ensure!(s.clients > 0 && s.reps > 0, "need at least one client and one rep");
    let dir = tempfile::tempdir()?;
    let path = keep.unwrap_or_else(|| dir.path().join("bench.db"));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = crate::open(&url).await?;
    let now = OffsetDateTime::now_utc();
    let today = now.date();
    let actor = Actor::system(now);
    let mut rng = Rng(42);
    let started = Instant::now();
    let (teams, reps) = employees(s.reps, 100, now);
    db.load_dataset(&actor, &Dataset { teams, employees: reps, ..Dataset::default() }).await?;
    let mut from = 0;
    while from < s.clients {
        let to = (from + CHUNK).min(s.clients);
        db.load_dataset(&actor, &chunk(&s, from, to, today, now, &mut rng)).await?;
        from = to;
    }
    println!(
        "generated {} clients, {} reps, {} deals, {} activities in {:.1} s ({})",
        s.clients,
        s.reps,
        s.deals,
        s.activities,
        started.elapsed().as_secs_f64(),
        path.display()
    );
    let policy = RotationPolicy::from_settings(&Settings::default());

    let t = Instant::now();
    let held = db.dead_candidates(&Scope::All, today, &policy.dead).await?;
    let dead = dead_clients(&held, today, &policy.dead);
    let scan = t.elapsed().as_secs_f64();
    drop(held);

    let sql = dead_sql(today, policy.dead.no_activity_days, policy.dead.lapse_days);
    let (out, shell) = crate::bench::sqlite3(&path, &[&sql])?;
    let shell_count: usize = out.trim().parse().context("sqlite3 count")?;

    let t = Instant::now();
    let plan = db.rotate(&actor, today, &policy, false).await?;
    let rotation = t.elapsed().as_secs_f64();
    db.close().await;

    println!("dead-client scan (store facts + rules): {scan:.2} s, {} dead clients", dead.len());
    println!(
        "daily rotation (scan, plan, {} released, {} handed on, {} converted, one transaction): {rotation:.2} s",
        plan.releases.len(),
        plan.handouts.len(),
        plan.conversions.len()
    );
    println!("hand-written SQL in the sqlite3 shell, same file, same day: {shell:.2} s, {shell_count} dead clients");
    anyhow::ensure!(shell_count == dead.len(), "the SQL query and the rules disagree: {shell_count} vs {}", dead.len());
    println!(
        "scan / SQL = {:.2}×; scan + rotation / SQL = {:.2}×",
        scan / shell.max(1e-9),
        (scan + rotation) / shell.max(1e-9)
    );
    if let Some(mib) = peak_rss_mib() {
        println!("peak RSS (VmHWM): {mib:.0} MiB");
    }
    Ok(())
}
