//! Dead clients and rotation from the command line, on the demo company: the cycle table,
//! the dead list, a dry run that changes nothing, a simulation on a copy that leaves the
//! original as it was, a real rotation, and a head's refused extension.

use serde_json::Value;
use std::process::{Command, Output};

fn sprut(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sprut")).arg("--db").arg(db).args(args).output().expect("run sprut")
}

fn json(db: &str, args: &[&str]) -> Value {
    let out = sprut(db, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn count(v: &Value, key: &str) -> usize {
    v[key].as_array().map_or(0, Vec::len)
}

/// A new SQLite file with the demo company of 2026-11-23; the directory lives as long as the guard.
fn demo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let out = sprut(&db, &["demo", "--seed", "5", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, db)
}

#[test]
fn cycle_dead_rotate_and_simulate() {
    let (_dir, db) = demo();
    let day = ["--as-of", "2026-11-23", "--json"];

    let cycle = json(&db, &[&["cycle"][..], &day].concat());
    let n = cycle["company"]["n"].as_u64().unwrap();
    assert!(n > 0 && cycle["company"]["mean"].as_f64().unwrap() > 0.0, "{cycle}");

    let dead = json(&db, &[&["dead"][..], &day].concat());
    let dead = dead.as_array().unwrap();
    assert!(!dead.is_empty());
    assert!(dead.iter().all(|d| !d["why"].as_array().unwrap().is_empty() && d["cycle"]["days"].as_i64().unwrap() > 0));

    let dry = json(&db, &[&["rotate", "--dry-run"][..], &day].concat());
    assert!(count(&dry, "releases") > 0, "{dry}");
    assert_eq!(json(&db, &[&["rotate", "--dry-run"][..], &day].concat()), dry, "a dry run changes nothing");

    let sim = json(&db, &["simulate", "--from", "2026-11-23", "--to", "2027-02-28", "--json"]);
    let days = sim["days"].as_array().unwrap();
    assert_eq!(days[0]["released"].as_u64().unwrap() as usize, count(&dry, "releases"), "the first day as the dry run");
    let released: u64 = days.iter().map(|d| d["released"].as_u64().unwrap()).sum();
    assert_eq!(sim["released"].as_u64().unwrap(), released);
    assert!(sim["handed_on"].as_u64().unwrap() > 0, "{sim}");
    assert_eq!(json(&db, &[&["rotate", "--dry-run"][..], &day].concat()), dry, "the simulation ran on a copy");

    let done = json(&db, &[&["rotate"][..], &day].concat());
    assert_eq!(done, dry, "the run does what the dry run said");
    assert_eq!(count(&json(&db, &[&["rotate", "--dry-run"][..], &day].concat()), "releases"), 0);

    let client = dead[0]["dead"]["client_id"].as_str().unwrap();
    let out = sprut(
        &db,
        &[
            "extend",
            client,
            "--reason",
            "budget_period",
            "--text",
            " ",
            "--until",
            "2026-11-01",
            "--as",
            "head1@demo.sprut",
            "--as-of",
            "2026-11-23",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("text") || err.contains("resting") || err.contains("development"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulate_on_postgres_leaves_the_original_unchanged() {
    let Ok(server) = std::env::var("SPRUT_TEST_POSTGRES_URL") else {
        eprintln!("SKIPPED: set SPRUT_TEST_POSTGRES_URL to simulate on PostgreSQL");
        return;
    };
    let scratch = sprut_store::scratch::ScratchDb::create(&server, "sprut_sim_t").await.unwrap();
    let db = scratch.url.clone();
    let out = sprut(&db, &["demo", "--seed", "5", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dry = ["rotate", "--dry-run", "--as-of", "2026-11-23", "--json"];
    let before = json(&db, &dry);
    let sim = json(&db, &["simulate", "--from", "2026-11-23", "--to", "2027-02-28", "--json"]);
    assert!(sim["released"].as_u64().unwrap() > 0 && sim["handed_on"].as_u64().unwrap() > 0, "{sim}");
    assert_eq!(json(&db, &dry), before, "the simulation ran on a copy");
    scratch.drop().await.unwrap();
}

/// `(holder e-mail, client, week)` of each line of `sprut weekly missing`.
fn missing(db: &str) -> Vec<(String, String, String)> {
    let out = sprut(db, &["weekly", "missing", "--as-of", "2026-11-23"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (who, rest) = l.split_once(": client ")?;
            let (client, week) = rest.split_once(" owes the report for the week of ")?;
            Some((who.to_string(), client.to_string(), week.to_string()))
        })
        .collect()
}

#[test]
fn weekly_reports_and_scorecard() {
    let (_dir, db) = demo();
    let before = missing(&db);
    assert!(!before.is_empty());
    let as_json = json(&db, &["weekly", "missing", "--as-of", "2026-11-23", "--json"]);
    assert_eq!(as_json.as_array().unwrap().len(), before.len());
    let (rep, client, week) = before[0].clone();
    let write = |status: &str, until: Option<&str>, who: &str| {
        let mut args = vec!["weekly", "write", &client, "--status", status, "--text", "звонил", "--next-step", "КП"];
        args.extend(["--week", &week, "--as", who]);
        if let Some(u) = until {
            args.extend(["--until", u]);
        }
        sprut(&db, &args)
    };
    let bad = write("postponed", None, &rep);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("postponed_until"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let other = before.iter().find(|m| m.0 != rep).map(|m| m.0.clone()).unwrap_or("head1@demo.sprut".into());
    let stranger = write("working", None, &other);
    assert!(
        String::from_utf8_lossy(&stranger.stderr).contains("does not hold"),
        "{}",
        String::from_utf8_lossy(&stranger.stderr)
    );
    assert_eq!(missing(&db), before, "refused reports change nothing");
    let ok = write("working", None, &rep);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let after = missing(&db);
    assert_eq!(after.len() + 1, before.len());
    assert!(!after.contains(&before[0]));

    let card = json(&db, &["scorecard", &rep, "--as-of", "2026-11-23", "--json"]);
    assert!(card["clients_held"].as_u64().unwrap() > 0, "{card}");
    let owed = after.iter().filter(|m| m.0 == rep).count() as u64;
    assert_eq!(card["missing_reports"].as_u64().unwrap(), owed, "{card}");
}

#[test]
fn touches_due_and_tasks_from_the_terminal() {
    let (_dir, db) = demo();
    let day = ["--as-of", "2026-11-23"];
    let due = json(&db, &[&["touches", "overdue", "--json"][..], &day].concat());
    let due = due.as_array().unwrap();
    assert!(!due.is_empty());
    assert!(due.iter().all(|t| t["due_on"].as_str().unwrap() <= "2026-11-23" && t["basis"] != "task"), "{due:?}");
    let text = sprut(&db, &[&["touches", "overdue"][..], &day].concat());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.ends_with(&format!("{} touches due\n", due.len())), "{text}");
    assert!(text.contains("days over"), "{text}");

    let tasks = json(&db, &["tasks", "--due", "2026-11-23", "--json"]);
    assert!(tasks.as_array().is_some());
    let unknown = sprut(&db, &["tasks", "--as", "nobody@nowhere.ru"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no employee with e-mail nobody@nowhere.ru"));
}

#[test]
fn receivables_aging_and_the_deal_board_from_the_terminal() {
    let (_dir, db) = demo();
    let aged = json(&db, &["receivables", "aging", "--as-of", "2026-11-23", "--json"]);
    let total = &aged["total"][0];
    let sum: i64 = ["not_due", "days_1_30", "days_31_60", "days_61_90", "over_90"]
        .iter()
        .map(|b| total[b].as_i64().unwrap())
        .sum();
    assert!(sum > 0, "{aged}");
    let by_client: i64 =
        aged["clients"].as_array().unwrap().iter().map(|c| c["lines"][0]["over_90"].as_i64().unwrap()).sum();
    assert!(by_client <= total["over_90"].as_i64().unwrap());
    let text = sprut(&db, &["receivables", "aging", "--as-of", "2026-11-23"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("over_90: "));
    let nobody = sprut(&db, &["receivables", "aging", "--team", "Нет такой"]);
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("no team named Нет такой"));

    let board = json(&db, &["deals", "board", "--json"]);
    let columns = board["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 5, "one column per funnel phase");
    assert!(columns.iter().any(|c| c["deals_count"].as_u64().unwrap() > 0));
    let text = sprut(&db, &["deals", "board"]);
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("new — "));

    // Every key client the demo's heads must meet this quarter, the most urgent first.
    let meetings = json(&db, &["meetings", "--as-of", "2026-11-23", "--json"]);
    let list = meetings["meetings"].as_array().unwrap();
    assert!(!list.is_empty(), "{meetings}");
    let order = ["overdue", "due", "planned", "met"];
    let ranks: Vec<usize> = list.iter().map(|m| order.iter().position(|s| m["state"] == *s).unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    let text = sprut(&db, &["meetings", "--as-of", "2026-11-23"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains(&format!("{} clients need a head meeting", list.len())));

    // A key client's relationships: its holder first among ours, and the score with its figures.
    let client = list[0]["client_id"].as_str().unwrap();
    let map = json(&db, &["relationships", "--client", client, "--as-of", "2026-11-23", "--json"]);
    assert_eq!(map["people"][0], list[0]["holder_id"], "{map}");
    let score = map["coverage"]["score"].as_u64().unwrap();
    assert!(score <= 100 && !map["links"].as_array().unwrap().is_empty(), "{map}");
    let text = sprut(&db, &["relationships", "--client", client, "--as-of", "2026-11-23"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains(&format!("Coverage {score}/100")));
    let nobody = sprut(&db, &["relationships", "--client", "0000000000"]);
    assert!(!nobody.status.success() && String::from_utf8_lossy(&nobody.stderr).contains("no client with id or ИНН"));

    // The company's concentration risk: the largest loss first, and one employee's clients.
    let risk = json(&db, &["risk", "--as-of", "2026-11-23", "--json"]);
    let lines = risk["employees"].as_array().unwrap();
    assert!(risk["single_threaded"].as_u64().unwrap() > 0 && !lines.is_empty(), "{risk}");
    let revenue: Vec<i64> = lines.iter().map(|l| l["revenue_minor"].as_i64().unwrap()).collect();
    assert!(revenue.windows(2).all(|w| w[0] >= w[1]), "{revenue:?}");
    // The text names each employee by e-mail, the largest loss first.
    let text = sprut(&db, &["risk", "--as-of", "2026-11-23"]);
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let email = text.lines().nth(1).and_then(|l| l.split_once(": the only thread of")).unwrap().0.to_string();
    let one = json(&db, &["risk", "--employee", &email, "--as-of", "2026-11-23", "--json"]);
    assert_eq!(
        one["employees"][0]["clients"].as_array().unwrap().len() as u64,
        lines[0]["single_threaded"].as_u64().unwrap()
    );
    let text = sprut(&db, &["risk", "--employee", &email, "--as-of", "2026-11-23"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("the only thread of"), "{text:?}");
    // The week's spot checks from a seed, once; the report counts what was drawn per rep.
    let drawn = sprut(&db, &["spot-checks", "draw", "--seed", "5", "--as-of", "2026-11-23"]);
    assert!(String::from_utf8_lossy(&drawn.stdout).contains("contacts drawn from seed 5"), "{drawn:?}");
    let again = sprut(&db, &["spot-checks", "draw", "--as-of", "2026-11-23"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("already drawn"), "{again:?}");
    let report = json(&db, &["spot-checks", "report", "--json"]);
    let quarters = report["accuracy"].as_array().unwrap();
    assert!(!quarters.is_empty() && quarters.iter().all(|q| q["figures"]["drawn"].as_u64().unwrap() >= 1), "{report}");
    assert!(quarters.iter().all(|q| q["figures"]["drawn"].as_u64().unwrap() <= 2), "at most two a rep: {report}");

    // Key clients below the coverage minimum: the thinnest first, each under the minimum.
    let thin = json(&db, &["coverage", "--as-of", "2026-11-23", "--json"]);
    let scores: Vec<u64> =
        thin["below"].as_array().unwrap().iter().map(|t| t["coverage"]["score"].as_u64().unwrap()).collect();
    assert!(thin["key_clients"].as_u64().unwrap() > 0 && !scores.is_empty(), "{thin}");
    assert!(scores.windows(2).all(|w| w[0] <= w[1]) && scores.iter().all(|s| *s < 50), "{scores:?}");

    // Surveys: none sent in the demo yet.
    let surveyed = json(&db, &["surveys", "--json"]);
    assert!(surveyed["reps"].as_array().unwrap().is_empty(), "{surveyed}");
    assert!(String::from_utf8_lossy(&sprut(&db, &["surveys"]).stdout).contains("no surveys sent yet"));

    // Meeting requests: none in the demo yet; a state that does not exist is named.
    let asked = json(&db, &["meeting-requests", "--json"]);
    assert_eq!((asked["holders"].as_array().unwrap().len(), asked["requests"].as_array().unwrap().len()), (0, 0));
    let text = sprut(&db, &["meeting-requests", "--holder", &email]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("no meeting requests"), "{text:?}");
    let bad = sprut(&db, &["meeting-requests", "--state", "lost"]);
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("expected one of: open"));
    let nobody = sprut(&db, &["risk", "--employee", "nobody@firm.ru"]);
    assert!(!nobody.status.success() && String::from_utf8_lossy(&nobody.stderr).contains("no employee with e-mail"));
}
