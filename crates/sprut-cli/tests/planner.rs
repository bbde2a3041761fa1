//! The planner's optimum against HiGHS on a small generated book: `sprut bench planner` fails
//! when its cost is more than 0.1 % off the LP optimum HiGHS finds for the same network.

use std::process::Command;

#[test]
fn the_planner_matches_highs_on_a_small_book() {
    let out = Command::new(env!("CARGO_BIN_EXE_sprut"))
        .args(["bench", "planner", "--sizes", "400x8,1000x20"])
        .output()
        .expect("run sprut");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let rows: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    for row in rows {
        assert!(row.contains("(Optimal)"), "HiGHS solved it: {row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[6], cols[7], "the same optimum: {row}");
    }
}

/// `sprut plan redistribute` on the demo company: a preview whose moves each say why and whose
/// loads end within the balance, then applied; planned again, nothing moves.
#[test]
fn a_team_is_redistributed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let sprut = |args: &[&str]| {
        let out =
            Command::new(env!("CARGO_BIN_EXE_sprut")).arg("--db").arg(&db).args(args).output().expect("run sprut");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    sprut(&["demo", "--seed", "3", "--today", "2026-11-23"]);
    let plan: serde_json::Value =
        serde_json::from_str(&sprut(&["plan", "redistribute", "--team", "москва", "--balance", "10", "--json"]))
            .unwrap();
    let moves = plan["moves"].as_array().unwrap();
    assert!(!moves.is_empty(), "the demo's books are uneven");
    assert!(moves.iter().all(|m| m["reason"].as_str().unwrap().contains("weighs least")));
    let clients = plan["clients"].as_f64().unwrap();
    let loads = plan["loads"].as_array().unwrap();
    let mean = clients / loads.len() as f64;
    for l in loads {
        let after = l["clients_after"].as_f64().unwrap();
        assert!(after >= (mean * 0.9).floor() && after <= (mean * 1.1).ceil(), "{l}");
    }
    let text = sprut(&["plan", "redistribute", "--team", "москва", "--apply"]);
    assert!(text.contains("applied:") && text.contains("transfers, effective on"), "{text}");
    let again: serde_json::Value =
        serde_json::from_str(&sprut(&["plan", "redistribute", "--team", "Москва", "--json"])).unwrap();
    assert_eq!(again["moves"].as_array().unwrap().len(), 0, "{again}");
}

/// `sprut plan sales` and `sprut plan set-month` on the demo company: plans from potential
/// for every rep, and a head's month shown beside the figure potential gave.
#[test]
fn sales_plans_are_read_and_set_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let sprut = |args: &[&str]| {
        let out =
            Command::new(env!("CARGO_BIN_EXE_sprut")).arg("--db").arg(&db).args(args).output().expect("run sprut");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert!(sprut(&["demo", "--seed", "3", "--today", "2026-11-23"]).0);
    let (ok, _, err) = sprut(&[
        "plan",
        "set-month",
        "--rep",
        "rep1@demo.sprut",
        "--month",
        "2026-11",
        "--plan",
        "1 000 000",
        "--reason",
        "сезон",
    ]);
    assert!(ok, "{err}");
    let (ok, _, err) = sprut(&["plan", "set-month", "--rep", "rep1@demo.sprut", "--month", "2026-Q4", "--reason", "x"]);
    assert!(!ok && err.contains("not a month"), "{err}");
    let mut found = false;
    for team in ["Москва", "Северо-Запад", "Урал"] {
        let (ok, out, err) = sprut(&["plan", "sales", "--team", team, "--period", "2026-11", "--json"]);
        assert!(ok, "{err}");
        let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
        let reps = plan["reps"].as_array().unwrap();
        assert!(
            !reps.is_empty() && plan["plan_minor"].as_i64().unwrap() > 0,
            "{team}: plans from the demo's potentials"
        );
        for r in reps.iter().filter(|r| !r["overrides"].as_array().unwrap().is_empty()) {
            assert_eq!(
                (r["plan_minor"].as_i64(), r["overrides"][0]["reason"].as_str()),
                (Some(100_000_000), Some("сезон"))
            );
            found = true;
        }
    }
    assert!(found, "rep 1's month is the head's");
    let (ok, text, _) = sprut(&["plan", "sales", "--team", "Урал", "--period", "2026-Q4"]);
    assert!(ok && text.contains("from potential"), "{text}");
}
