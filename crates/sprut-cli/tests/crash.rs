//! `kill -9` in the middle of the long use cases: an import of many rows and a day of rotation
//! on the demo company. Each time the base opens, holds all of the change or none of it, keeps
//! one holder per client, and its audit chain verifies.

use sprut_store::Db;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn sprut_ok(db: &str, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_sprut")).arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "sprut {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn url(p: &Path) -> String {
    format!("sqlite://{}?mode=rwc", p.display())
}

/// Copies a SQLite base, with its write-ahead log, to new files (new inodes: a connection of
/// the last check that sqlx closes late, in its worker thread, may still checkpoint into the
/// old ones). The log may still hold committed pages when the process that wrote them closed
/// its connections late (sqlx closes them in a worker thread), so the main file alone would be
/// an inconsistent copy.
fn copy_base(from: &Path, to: &Path) {
    for side in ["", "-wal", "-shm"] {
        let target = format!("{}{side}", to.display());
        let _ = std::fs::remove_file(&target);
        let source = format!("{}{side}", from.display());
        if side.is_empty() || Path::new(&source).exists() {
            std::fs::copy(&source, &target).unwrap();
        }
    }
}

/// Runs `sprut ARGS` on `db` and kills it with SIGKILL after `after` (when still running).
fn killed(db: &str, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sprut"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    child.wait().unwrap();
    running
}

/// The table's row count.
async fn count(db: &Db, table: &str) -> i64 {
    db.counts().await.unwrap().into_iter().find(|(t, _)| *t == table).unwrap().1
}

/// What every base must be after a crash: it opens, its chain verifies, one holder per client.
async fn intact(path: &Path) -> Db {
    let db = Db::open(&url(path)).await.expect("the base opens after the crash");
    assert!(sprut_core::audit::verify(&db, None, |_, _| {}).await.unwrap().is_ok(), "the audit chain verifies");
    let twice = db
        .execute_raw(
            "UPDATE assignments SET ended_on = ended_on WHERE ended_on IS NULL AND client_id IN \
             (SELECT client_id FROM assignments WHERE ended_on IS NULL GROUP BY client_id HAVING COUNT(*) > 1)",
        )
        .await
        .unwrap();
    assert_eq!(twice, 0, "no client has two holders");
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_killed_anywhere_keeps_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    sprut_ok(&url(&base), &["migrate"]);
    let file = dir.path().join("clients.csv");
    let mut csv = String::from("id;Название;ИНН;Сегмент\n");
    for i in 0..40_000 {
        csv.push_str(&format!("c{i};ООО Клиент {i};;Опт\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let work = dir.path().join("work.db");
    let mut interrupted = 0;
    for ms in [60, 250, 700, 1500] {
        copy_base(&base, &work);
        let args = ["import", "clients", file.to_str().unwrap()];
        interrupted += usize::from(killed(&url(&work), &args, Duration::from_millis(ms)));
        let db = intact(&work).await;
        let clients = count(&db, "clients").await;
        assert!(clients == 0 || clients == 40_000, "all or nothing, killed after {ms} ms: {clients} clients");
        db.close().await;
    }
    assert!(interrupted > 0, "at least one kill landed inside the import");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotation_killed_anywhere_keeps_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    sprut_ok(&url(&base), &["demo", "--today", "2026-11-23"]);
    // The whole day once, for the figures an uninterrupted run leaves.
    let done = dir.path().join("done.db");
    copy_base(&base, &done);
    let day = ["rotate", "--as-of", "2027-02-01"];
    sprut_ok(&url(&done), &day);
    let full = Db::open(&url(&done)).await.unwrap();
    let (after, before) = (count(&full, "rotation_decisions").await, {
        let b = Db::open(&url(&base)).await.unwrap();
        let n = count(&b, "rotation_decisions").await;
        b.close().await;
        n
    });
    full.close().await;
    assert!(after > before, "the day has work: {before} → {after} decisions");
    let work = dir.path().join("work.db");
    let mut interrupted = 0;
    for ms in [40, 150, 400, 900] {
        copy_base(&base, &work);
        interrupted += usize::from(killed(&url(&work), &day, Duration::from_millis(ms)));
        let db = intact(&work).await;
        let n = count(&db, "rotation_decisions").await;
        assert!(n == before || n == after, "all or nothing, killed after {ms} ms: {n} decisions");
        db.close().await;
    }
    assert!(interrupted > 0, "at least one kill landed inside the rotation");
}
