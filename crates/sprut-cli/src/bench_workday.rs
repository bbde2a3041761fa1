//! `sprut bench workday`: "my day" of one rep and the head's home of a team of reps (and a
//! client's relationship map and card, the concentration risk, the nightly count of coverage
//! scores and the client list by coverage), through the HTTP stack, on a generated company (by default 1,000,000 clients, 2,000 reps, 10,000,000
//! activities, teams of 100), beside one hand-written SQL query returning the same lines.

use crate::bench::{header, measure, quantile, ready, Ready, Shape};
use sprut_core::dataset::Dataset;
use sprut_core::deal::{Deal, DealPhase, DealStage};
use sprut_core::meeting::TaskKind;
use sprut_core::money::Currency;
use sprut_core::receivable::Receivable;
use sprut_core::settings::Settings;
use sprut_core::task::{Task, TaskStatus};
use sprut_core::touch::TouchCadence;
use sprut_core::{ClientId, DealId, EmployeeId, ReceivableId, TaskId};
use std::time::{Duration as Elapsed, Instant};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

/// The workbench's own rows of clients `from..` of `chunk`: every fifth client a next step of
/// its holder (a third of them late), every eighth an unpaid invoice (aged up to 120 days),
/// every sixth an open deal expected to close within ±30 days.
pub(crate) fn workbench_rows(chunk: &mut Dataset, from: u64, now: OffsetDateTime) {
    let today = now.date();
    let rub = Currency::rub();
    let held: Vec<(ClientId, EmployeeId)> =
        chunk.assignments.iter().filter(|a| a.ended_on.is_none()).map(|a| (a.client_id, a.employee_id)).collect();
    for (n, (client, holder)) in held.into_iter().enumerate() {
        let i = from + n as u64;
        let serial = u128::from(i);
        if i.is_multiple_of(5) {
            chunk.tasks.push(Task {
                id: TaskId(Uuid::from_u128(0x7_0000_0000 + serial)),
                client_id: client,
                owner_id: holder,
                kind: TaskKind::Step,
                title: "Отправить КП".into(),
                due_on: today + Duration::days(10 - (i % 30) as i64),
                status: TaskStatus::Open,
                activity_id: None,
                created_by: Some(holder),
                created_at: now,
                closed_at: None,
            });
        }
        if i.is_multiple_of(8) {
            let due_on = today - Duration::days((i % 120) as i64 - 10);
            chunk.receivables.push(Receivable {
                id: ReceivableId(Uuid::from_u128(0x8_0000_0000 + serial)),
                client_id: client,
                number: format!("{i}"),
                amount_minor: 100_000_00 + (i % 1000) as i64,
                currency: rub.clone(),
                issued_on: due_on - Duration::days(30),
                due_on,
                paid_on: None,
                extra: Default::default(),
            });
        }
        if i.is_multiple_of(6) {
            chunk.deals.push(Deal {
                id: DealId(Uuid::from_u128(0x9_0000_0000 + serial)),
                client_id: client,
                title: "Поставка".into(),
                stage: DealStage::Open,
                phase: DealPhase::ALL[(i % 5) as usize],
                expected_close_on: Some(today + Duration::days(30 - (i % 61) as i64)),
                amount_minor: 500_000_00,
                currency: rub.clone(),
                opened_on: today - Duration::days(60),
                closed_on: None,
                opened_known: true,
                owner_id: Some(holder),
                credited_to: None,
                created_at: now,
                updated_at: now,
                extra: Default::default(),
            });
        }
    }
}

/// Measures one engine.
pub(crate) async fn on(engine: &str, url: String, iterations: u32, shape: Shape) -> anyhow::Result<()> {
    let r = ready(engine, &url, &shape, workbench_rows).await?;
    let today = OffsetDateTime::now_utc().date();
    header(iterations);
    let (map, card) =
        (format!("/api/v1/clients/{}/relationships", r.company.card.0), format!("/clients/{}", r.company.card.0));
    let pages = [
        ("API my day, rep", "/api/v1/my-day", &r.rep),
        ("UI my day, rep", "/my-day", &r.rep),
        ("API team day, head", "/api/v1/team-day", &r.head),
        ("UI head's home (my day + team), head", "/my-day", &r.head),
        ("API relationship map of a client, head", map.as_str(), &r.head),
        ("UI client card with its map, head", card.as_str(), &r.head),
    ];
    let mut p95 = Vec::new();
    for (label, uri, token) in pages {
        p95.push(quantile(&measure(&r.app, label, uri, token, iterations).await?, 0.95));
    }
    // The concentration risk reads every touch of 180 days in its scope: a few runs are enough.
    let few = (iterations / 20).max(3);
    let team_risk = quantile(&measure(&r.app, "API risk, head of 100 reps", "/api/v1/risk", &r.head, few).await?, 0.95);
    measure(&r.app, "API risk, whole company (admin)", "/api/v1/risk", &r.admin, few).await?;
    count_and_list_by_coverage(&r, &url, today, iterations).await?;
    let cadence = TouchCadence::from_settings(&Settings::default());
    let (rep_sql, team_sql) = hand_sql(&url, &cadence);
    let rep_times = run_sql(&url, &rep_sql, r.company.rep.0, today, iterations).await?;
    let team = r.rep_team.map_or(Uuid::nil(), |t| t.0);
    let team_times = run_sql(&url, &team_sql, team, today, iterations).await?;
    let risk_times = run_sql(&url, &risk_sql(&url), team, today, few).await?;
    let ms = |d: Elapsed| d.as_secs_f64() * 1000.0;
    for (label, times, http) in [
        ("rep's day", &rep_times, p95[0]),
        ("team's counts", &team_times, p95[2]),
        ("team's single threads", &risk_times, team_risk),
    ] {
        let sql = quantile(times, 0.95);
        println!(
            "{:<48} {:>8.1} {:>8.1}   API p95 / SQL p95 = {:.1}×",
            format!("one SQL query: the {label}"),
            ms(quantile(times, 0.5)),
            ms(sql),
            ms(http) / ms(sql).max(0.001)
        );
    }
    Ok(())
}

/// Times the count of every client's coverage score twice (the first writes every score, the
/// second, like each night after, only those that changed), then the client list by it.
async fn count_and_list_by_coverage(r: &Ready, url: &str, today: Date, iterations: u32) -> anyhow::Result<()> {
    let db = crate::open(url).await?;
    let actor = sprut_core::Actor::system(OffsetDateTime::now_utc());
    for run in ["first", "next"] {
        let started = Instant::now();
        let c = sprut_core::octopus::count_coverage(&db, &actor, today, |_| {}).await?;
        let took = started.elapsed().as_secs_f64();
        println!("{run} coverage count: {} clients ({} changed) in {took:.0} s", c.clients, c.changed);
    }
    if url.starts_with("postgres") {
        // What autovacuum does after the count's updates.
        sqlx::query("VACUUM ANALYZE clients").execute(&sqlx::PgPool::connect(url).await?).await?;
    }
    let lists = [
        ("API clients by coverage, admin", "/api/v1/clients?sort=coverage&limit=50", &r.admin),
        ("UI clients below 50 by coverage, head", "/clients?sort=coverage&coverage_below=50", &r.head),
    ];
    for (label, uri, token) in lists {
        measure(&r.app, label, uri, token, iterations).await?;
    }
    Ok(())
}

/// The hand-written queries for `url`'s engine: a rep's due lines (`$1` the rep, `$2` today),
/// and the counts of a team's reps (`$1` the team).
fn hand_sql(url: &str, c: &TouchCadence) -> (String, String) {
    let pg = url.starts_with("postgres");
    let day_of = if pg { "CAST(MAX(v.occurred_at) AS DATE)" } else { "date(MAX(v.occurred_at))" };
    let add = |date: &str, days: &str| {
        if pg {
            format!("({date} + {days})")
        } else {
            format!("date({date}, '+' || {days} || ' days')")
        }
    };
    let cadence =
        format!("CASE c.tier WHEN 'key' THEN {} WHEN 'regular' THEN {} ELSE {} END", c.key, c.regular, c.small);
    let last = format!("(SELECT {day_of} FROM activities v WHERE v.client_id = a.client_id)");
    let next = add(&format!("COALESCE({last}, a.started_on)"), &cadence);
    let lines = |who: &str, holder: &str| {
        format!(
            "SELECT 'task' AS kind, t.owner_id AS who, t.client_id FROM tasks t WHERE t.status = 'open' AND t.due_on <= $2 AND t.owner_id {who} \
             UNION ALL SELECT 'touch', a.employee_id, a.client_id FROM assignments a JOIN clients c ON c.id = a.client_id \
             WHERE a.ended_on IS NULL AND a.employee_id {who} \
             AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.client_id = a.client_id AND t.status = 'open') AND {next} <= $2 \
             UNION ALL SELECT 'invoice', h.employee_id, r.client_id FROM receivables r JOIN assignments h ON h.client_id = r.client_id \
             AND h.ended_on IS NULL WHERE r.paid_on IS NULL AND r.due_on < $2 AND h.employee_id {holder} \
             UNION ALL SELECT 'deal', d.owner_id, d.client_id FROM deals d WHERE d.stage = 'open' AND d.expected_close_on < $2 AND d.owner_id {who}"
        )
    };
    let rep = lines("= $1", "= $1");
    let members = "IN (SELECT e.id FROM employees e WHERE e.team_id = $1)";
    let team = format!("SELECT kind, who, COUNT(*) FROM ({}) x GROUP BY kind, who", lines(members, members));
    (rep, team)
}

/// The hand-written query of a team's single threads (`$1` the team, `$2` today): per employee,
/// the clients held by the team where he is the only one of ours in touch in 180 days (or holds
/// them and no one is), and their revenue of twelve months.
fn risk_sql(url: &str) -> String {
    let pg = url.starts_with("postgres");
    let (since, year, people) = if pg {
        (
            "CAST($2 AS DATE) - 179",
            "CAST($2 AS DATE) - 364",
            "CROSS JOIN LATERAL jsonb_array_elements_text(CAST(t.participant_ids AS JSONB)) j(value)",
        )
    } else {
        ("date($2, '-179 days')", "date($2, '-364 days')", ", json_each(t.participant_ids) j")
    };
    format!(
        "WITH held AS (SELECT a.client_id, a.employee_id FROM assignments a WHERE a.ended_on IS NULL \
           AND a.employee_id IN (SELECT e.id FROM employees e WHERE e.team_id = $1)), \
         ours AS (SELECT t.client_id, CAST(t.author_id AS TEXT) AS e FROM activities t JOIN held h ON h.client_id = t.client_id \
           WHERE t.occurred_at >= {since} AND t.author_id IS NOT NULL \
           UNION SELECT t.client_id, j.value FROM activities t JOIN held h ON h.client_id = t.client_id {people} \
           WHERE t.occurred_at >= {since}), \
         threads AS (SELECT h.client_id, CAST(h.employee_id AS TEXT) AS holder, COUNT(o.e) AS n, MIN(o.e) AS one FROM held h \
           LEFT JOIN ours o ON o.client_id = h.client_id GROUP BY h.client_id, h.employee_id) \
         SELECT CASE WHEN x.n = 0 THEN x.holder ELSE x.one END AS who, COUNT(*), SUM(COALESCE(r.revenue, 0)) FROM threads x \
         LEFT JOIN (SELECT client_id, SUM(amount_minor) AS revenue FROM deals WHERE stage = 'won' AND closed_on >= {year} \
           GROUP BY client_id) r ON r.client_id = x.client_id WHERE x.n <= 1 GROUP BY 1"
    )
}

/// Runs `sql` with (`id`, `today`) `iterations` times after a first one; the sorted times.
async fn run_sql(url: &str, sql: &str, id: Uuid, today: Date, iterations: u32) -> anyhow::Result<Vec<Elapsed>> {
    let mut times = Vec::with_capacity(iterations as usize);
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await?;
        for i in 0..=iterations {
            let started = Instant::now();
            sqlx::query(sql).bind(id).bind(today).fetch_all(&pool).await?;
            if i > 0 {
                times.push(started.elapsed());
            }
        }
    } else {
        let pool = sqlx::SqlitePool::connect(url).await?;
        for i in 0..=iterations {
            let started = Instant::now();
            sqlx::query(sql).bind(id.hyphenated().to_string()).bind(today.to_string()).fetch_all(&pool).await?;
            if i > 0 {
                times.push(started.elapsed());
            }
        }
    }
    times.sort();
    Ok(times)
}
