//! `sprut audit verify` and `sprut leak trace`: proving who did what, and where a leak came from.

use crate::cli::{AuditCommand, LeakCommand};
use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use sprut_core::store::prelude::*;
use sprut_server::import::{ReadOptions, TableReader};
use sprut_store::Db;
use std::io::IsTerminal;

/// A progress bar on a terminal, nothing otherwise.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta} left)")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what.to_string());
    bar
}

/// Runs one `audit` command.
pub async fn audit(db: &Db, cmd: AuditCommand) -> anyhow::Result<()> {
    match cmd {
        AuditCommand::Verify { anchor } => {
            let (head, _) = db.audit_head().await?;
            let bar = progress(head as u64, "checking the audit chain");
            let anchored = anchor.clone();
            let result = sprut_core::audit::verify(db, anchor, |done, _| bar.set_position(done as u64)).await?;
            bar.finish_and_clear();
            match result {
                Ok(n) => {
                    println!("the audit log is intact: {n} events, each linked to the one before");
                    if let Some(a) = anchored {
                        println!("it still holds the anchored event {} unchanged", a.seq);
                    }
                }
                Err(b) => {
                    let id = b.id.map(|i| format!(" ({i})")).unwrap_or_default();
                    bail!("the audit log is broken at event {}{id}: {}", b.seq, b.reason)
                }
            }
        }
    }
    Ok(())
}

/// Runs one `leak` command.
pub async fn leak(db: &Db, cmd: LeakCommand) -> anyhow::Result<()> {
    match cmd {
        LeakCommand::Trace { file, json } => {
            let reader = TableReader::open(&file, &ReadOptions::default())
                .map_err(|e| anyhow::anyhow!("{e}"))
                .with_context(|| format!("reading {}", file.display()))?;
            let headers = reader.headers().to_vec();
            let mut rows = vec![headers];
            for row in reader {
                rows.push(row.map_err(|e| anyhow::anyhow!("{e}"))?.cells);
            }
            let known = db.canary_tokens().await?;
            let hits = sprut_core::export::trace(rows, &known);
            let mut found = Vec::new();
            for h in &hits {
                let export = db.export(h.export_id).await?;
                let who = db.employee(export.employee_id).await?;
                found.push(serde_json::json!({
                    "export": export, "exported_by": { "name": who.name, "email": who.email },
                    "canary_rows_found": h.canary_rows, "values_matched": h.tokens,
                }));
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&found)?);
            } else if found.is_empty() {
                bail!("no canary row of any export was found in {}: it was not exported from sprut, or every canary row was removed", file.display());
            } else {
                for f in &found {
                    let e = &f["export"];
                    println!(
                        "{} exported {} as {} on {} (export {}), filter {}; {} canary row(s) of it found",
                        f["exported_by"]["email"].as_str().unwrap_or(""),
                        e["entity"].as_str().unwrap_or(""),
                        e["format"].as_str().unwrap_or(""),
                        e["at"].as_str().unwrap_or(""),
                        e["id"].as_str().unwrap_or(""),
                        e["filter"],
                        f["canary_rows_found"]
                    );
                }
            }
        }
    }
    Ok(())
}
