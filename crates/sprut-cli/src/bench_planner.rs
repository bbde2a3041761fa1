//! `sprut bench planner`: the redistribution planner on generated books of 1,000 to 100,000
//! clients and 20 to 500 reps, its time and peak memory, beside HiGHS solving the same network
//! as an LP (the independent optimum its objective must match within 0.1 %).

use anyhow::Context;
use sprut_core::employee::Specialisation;
use sprut_core::planner::flow::Network;
use sprut_core::planner::model::{instance, plan, Limits, PlanClient, PlanRep};
use sprut_core::seeded::Rng;
use sprut_core::{ClientId, EmployeeId};
use std::fmt::Write as _;
use std::time::Instant;
use time::{Date, Duration};

/// The HiGHS side of the comparison, written out next to the network it solves.
const HIGHS_SCRIPT: &str = include_str!("../bench/planner_highs.py");

/// Regions of the generated books.
const REGIONS: [&str; 10] =
    ["Москва", "Тверь", "Тула", "Рязань", "Калуга", "Владимир", "Ярославль", "Смоленск", "Брянск", "Орёл"];

/// A generated team: `reps` reps, `clients` clients piled unevenly on them (a third of the reps
/// hold twice the others' share), with potentials, revenue, years, regions, kinds, key and
/// locked clients drawn from `seed`.
pub fn book(clients: usize, reps: usize, seed: u64, today: Date) -> (Vec<PlanRep>, Vec<PlanClient>) {
    let mut r = Rng::stream(seed, 0);
    let team: Vec<PlanRep> = (0..reps)
        .map(|i| PlanRep {
            id: EmployeeId::new(),
            region: (i % 4 != 0).then(|| REGIONS[i % REGIONS.len()].to_string()),
            specialisation: Some(if i % 3 == 0 { Specialisation::Hunter } else { Specialisation::Farmer }),
            capacity: None,
        })
        .collect();
    let book = (0..clients)
        .map(|_| {
            // Reps 0..reps/3 are picked twice as often.
            let pick = r.below(reps + reps / 3);
            let holder = if pick >= reps { pick - reps } else { pick };
            PlanClient {
                id: ClientId::new(),
                holder: team[holder].id,
                potential_minor: r.int(1, 1_000) * r.int(1, 100) * 10_000,
                revenue_minor: if r.below(3) == 0 { 0 } else { r.int(1, 5_000) * 100_000 },
                held_since: today - Duration::days(r.int(0, 12 * 365)),
                region: (r.below(10) != 0).then(|| REGIONS[r.below(REGIONS.len())].to_string()),
                customer: r.below(3) != 0,
                key: r.below(20) == 0,
                locked: r.below(10) == 0,
            }
        })
        .collect();
    (team, book)
}

/// The network as the HiGHS script reads it: nodes and arcs, the supplies, one arc a line.
fn written(net: &Network) -> String {
    let mut out = String::with_capacity(net.arcs.len() * 32);
    let _ = writeln!(out, "{} {}", net.supply.len(), net.arcs.len());
    let supplies: Vec<String> = net.supply.iter().map(i64::to_string).collect();
    let _ = writeln!(out, "{}", supplies.join(" "));
    for a in &net.arcs {
        let _ = writeln!(out, "{} {} {} {} {}", a.from, a.to, a.lower, a.upper, a.cost);
    }
    out
}

/// The process's peak resident memory so far, in MiB (Linux; none elsewhere).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// What HiGHS said about one network.
#[derive(serde::Deserialize)]
struct Highs {
    status: String,
    objective: f64,
    seconds: f64,
}

/// Solves `net` with HiGHS through the script, in `dir`.
fn highs(net: &Network, dir: &std::path::Path) -> anyhow::Result<Highs> {
    let script = dir.join("planner_highs.py");
    std::fs::write(&script, HIGHS_SCRIPT)?;
    let file = dir.join("network.txt");
    std::fs::write(&file, written(net))?;
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&file)
        .output()
        .context("python3 is needed for the HiGHS side: install it, or pass --no-highs")?;
    anyhow::ensure!(out.status.success(), "HiGHS failed: {}", String::from_utf8_lossy(&out.stderr));
    let last = String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().to_string();
    serde_json::from_str(&last).with_context(|| format!("HiGHS said: {last}"))
}

/// Plans each `sizes` (clients × reps) book and, unless `no_highs`, solves it with HiGHS too.
pub fn run(sizes: &[(usize, usize)], balance_percent: u8, no_highs: bool) -> anyhow::Result<()> {
    let today = time::OffsetDateTime::now_utc().date();
    let dir = tempfile::tempdir()?;
    println!(
        "{:>8} {:>5} {:>7} {:>9} {:>9} {:>8} {:>15} {:>15} {:>8} {:>6}",
        "clients", "reps", "moves", "plan s", "solve s", "peak MiB", "sprut cost", "HiGHS cost", "HiGHS s", "ratio"
    );
    for &(clients, reps) in sizes {
        let (team, book) = book(clients, reps, 7, today);
        let limits = Limits { balance_percent, max_moves: None, move_key: false };
        let started = Instant::now();
        let planned = plan(&team, &book, &limits, today);
        let plan_s = started.elapsed().as_secs_f64();
        let net = instance(&team, &book, &limits, today).network;
        let started = Instant::now();
        let flow = net.solve();
        let solve_s = started.elapsed().as_secs_f64();
        let peak = peak_mib().map_or("?".into(), |m| format!("{m:.0}"));
        let (moves, cost) = match (&planned, &flow) {
            (Ok(p), Some(f)) => (p.moves.len().to_string(), f.cost.to_string()),
            (Err(relax), _) => (format!("{relax:?}"), "-".into()),
            (Ok(_), None) => anyhow::bail!("the plan and the network disagree"),
        };
        let (theirs, their_s, ratio) = if no_highs {
            ("-".to_string(), "-".to_string(), "-".to_string())
        } else {
            let h = highs(&net, dir.path())?;
            let ours = flow.as_ref().map(|f| f.cost as f64);
            if let Some(ours) = ours {
                let gap = (ours - h.objective).abs() / h.objective.abs().max(1.0);
                anyhow::ensure!(
                    gap <= 0.001,
                    "sprut's cost {ours} is {:.3} % off HiGHS's {}",
                    gap * 100.0,
                    h.objective
                );
            }
            (
                format!("{:.0} ({})", h.objective, h.status),
                format!("{:.2}", h.seconds),
                format!("{:.1}×", solve_s / h.seconds),
            )
        };
        println!(
            "{clients:>8} {reps:>5} {moves:>7} {plan_s:>9.2} {solve_s:>9.2} {peak:>8} {cost:>15} {theirs:>15} {their_s:>8} {ratio:>6}"
        );
    }
    Ok(())
}
