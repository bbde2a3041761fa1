//! `sprut backup` and `sprut restore`: a consistent copy of the base while it serves, and
//! bringing one back into an empty database, each checked by its row counts and audit chain.

use anyhow::{bail, Context};
use sprut_core::store::prelude::*;
use sprut_store::{Db, Engine};
use std::path::Path;
use std::process::Command;

/// Runs `sprut backup --to FILE` on the base at `url`.
pub async fn backup(url: &str, to: &Path) -> anyhow::Result<()> {
    let db = crate::open(url).await?;
    match db.engine() {
        Engine::Sqlite => {
            db.backup_sqlite(to).await.with_context(|| format!("cannot back up into {}", to.display()))?;
            let copy = Db::open(&sqlite_url(to)?).await.context("the backup does not open")?;
            report("backup", to, &copy).await?;
            copy.close().await;
        }
        Engine::Postgres => {
            if to.exists() {
                bail!("{} already exists; choose a new file for the backup", to.display());
            }
            pg_tool(url, "pg_dump", &["--format=custom", "--file", path_str(to)?])?;
            println!(
                "backup {}: written by pg_dump (custom format); restore it with `sprut restore --from`",
                to.display()
            );
        }
    }
    Ok(())
}

/// Runs `sprut restore --from FILE` into the empty base at `url`.
pub async fn restore(url: &str, from: &Path) -> anyhow::Result<()> {
    if !from.exists() {
        bail!("{} does not exist", from.display());
    }
    match url.strip_prefix("sqlite:") {
        Some(rest) => {
            let target = rest.trim_start_matches("//").split('?').next().unwrap_or_default();
            restore_sqlite(url, Path::new(target), from).await?;
        }
        None => {
            let db = crate::open(url).await?;
            let empty = db.is_empty().await?;
            db.close().await;
            if !empty {
                bail!(not_empty(url));
            }
            pg_tool(url, "pg_restore", &["--exit-on-error", "--no-owner", "--clean", "--if-exists", path_str(from)?])?;
        }
    }
    let restored = crate::open(url).await?;
    report("restored", from, &restored).await?;
    restored.close().await;
    Ok(())
}

/// Restores a SQLite backup into the file `target`: a file that exists must hold no company
/// and is removed with its log, never written over; SQLite itself writes the copy (`VACUUM
/// INTO`), whole whatever the backup's own log still holds.
async fn restore_sqlite(url: &str, target: &Path, from: &Path) -> anyhow::Result<()> {
    if target.exists() {
        let db = crate::open(url).await?;
        let empty = db.is_empty().await?;
        db.close().await;
        if !empty {
            bail!(not_empty(url));
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
    }
    let source = Db::open(&sqlite_url(from)?).await.context("the backup does not open as a sprut base")?;
    let verified = sprut_core::audit::verify(&source, None, |_, _| {}).await?;
    if let Err(b) = verified {
        bail!("the backup's audit log is broken at event {}: {}; it was not restored", b.seq, b.reason);
    }
    source.backup_sqlite(target).await.with_context(|| format!("cannot write {}", target.display()))?;
    source.close().await;
    Ok(())
}

/// Why a base cannot be restored into.
fn not_empty(url: &str) -> String {
    format!(
        "{} already holds a company: restore into a new, empty database (stop the server, move the old file or \
         database away, then restore)",
        sprut_store::redact_url(url)
    )
}

/// Prints what a base holds and fails unless its audit chain is intact.
async fn report(what: &str, file: &Path, db: &Db) -> anyhow::Result<()> {
    let counts = db.counts().await?;
    let rows: i64 = counts.iter().map(|(_, n)| n).sum();
    match sprut_core::audit::verify(db, None, |_, _| {}).await? {
        Ok(events) => {
            println!(
                "{what} {}: {rows} rows in {} tables; the audit log is intact ({events} events)",
                file.display(),
                counts.len()
            );
            Ok(())
        }
        Err(b) => bail!("{what} {}: the audit log is broken at event {}: {}", file.display(), b.seq, b.reason),
    }
}

fn sqlite_url(path: &Path) -> anyhow::Result<String> {
    Ok(format!("sqlite://{}", path_str(path)?))
}

fn path_str(path: &Path) -> anyhow::Result<&str> {
    path.to_str().with_context(|| format!("{} is not a UTF-8 path", path.display()))
}

/// Runs a PostgreSQL client tool on the database at `url`; its password goes through the
/// environment, so it never shows in the process list.
fn pg_tool(url: &str, tool: &str, args: &[&str]) -> anyhow::Result<()> {
    let mut parsed = url::Url::parse(url).context("the database URL is not a URL")?;
    let password = parsed.password().map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned());
    let _ = parsed.set_password(None);
    let mut command = Command::new(tool);
    command.arg(format!("--dbname={parsed}")).args(args);
    if let Some(p) = password {
        command.env("PGPASSWORD", p);
    }
    let status = command.status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => bail!("{tool} failed ({s}); see its message above"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{tool} is not on the PATH: install PostgreSQL's client tools (Debian: apt-get install postgresql-client) \
             of the server's major version, then run this again"
        ),
        Err(e) => bail!("cannot run {tool}: {e}"),
    }
}
