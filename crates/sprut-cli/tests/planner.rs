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
