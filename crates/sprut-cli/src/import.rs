//! `sprut import ENTITY FILE`: a CSV or XLSX file from another CRM or a spreadsheet into the
//! base, all or nothing unless `--partial`, with a dry run and row errors; and `sprut db copy`.

use crate::cli::ImportArgs;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use sprut_core::import::ImportOutcome;
use sprut_core::Actor;
use sprut_server::import::{run, ImportError, ImportRequest, ReadOptions, TableReader};
use sprut_store::Db;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Runs `sprut import`.
pub async fn import(db: &Db, a: ImportArgs) -> anyhow::Result<()> {
    let read = ReadOptions { encoding: a.encoding, ..ReadOptions::default() };
    let reader = TableReader::open(&a.file, &read).map_err(|e| anyhow::anyhow!("{}: {e}", a.file.display()))?;
    let now = time::OffsetDateTime::now_utc();
    let request = ImportRequest {
        entity: a.entity,
        preset: a.preset,
        maps: a.map,
        values: a.value,
        dry_run: a.dry_run,
        partial: a.partial,
        create_employees: a.create_employees,
        file_name: a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        today: crate::day_or_today(db, a.as_of).await?,
        currency: a.currency.clone(),
        batch_rows: a.batch_rows,
        language: sprut_core::employee::Language::En,
    };
    if !a.json {
        print_mapping(&request, reader.headers());
    }
    let bar = spinner(a.json, "{spinner} {pos} rows read ({per_sec}, {elapsed})");
    let tick = bar.clone();
    let errors_file = a.errors.or_else(|| a.partial.then(|| errors_path(&a.file)));
    let errors_to = match &errors_file {
        Some(path) => {
            let f = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
            Some(Box::new(std::io::BufWriter::new(f)) as sprut_server::import::ErrorsFile)
        }
        None => None,
    };
    let progress = Some(Box::new(move |n| tick.set_position(n)) as Box<dyn FnMut(u64) + Send>);
    let out = run::run(db, &Actor::system(now), reader, &request, progress, errors_to).await;
    bar.finish_and_clear();
    let out = match out {
        Ok(o) => o,
        Err(ImportError::File(e)) => anyhow::bail!("{}: {e}; nothing was imported", a.file.display()),
        Err(ImportError::Store(e)) => return Err(e).context("the import failed; nothing was imported"),
    };
    if let (Some(path), 0) = (&errors_file, out.errors_total) {
        // No bad rows: no errors file left behind.
        let _ = std::fs::remove_file(path);
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        report(&out, a.dry_run, errors_file.as_ref().filter(|_| out.errors_total > 0));
    }
    if let Some(e) = &out.file_error {
        anyhow::bail!("{}: {e}; nothing was imported", a.file.display());
    }
    if out.errors_total > 0 && !a.partial {
        anyhow::bail!(
            "{} bad row(s){}; fix them, or load the good rows with --partial",
            out.errors_total,
            if a.dry_run { "" } else { ", so nothing was imported" }
        );
    }
    Ok(())
}

/// Each column of the file and where it goes: a field, left out by `--map COLUMN=-`, kept as an
/// extra field of the record, or (for entities without extra fields) not imported.
fn print_mapping(request: &ImportRequest, headers: &[String]) {
    let Ok((mapping, _)) = sprut_server::import::plan(request, headers) else { return };
    println!("columns:");
    for (i, h) in headers.iter().enumerate() {
        let to = match mapping.field_of(i) {
            Some(field) => format!("→ {field}"),
            None if mapping.left_out(i) => "left out by --map".to_string(),
            None if mapping.kept_as_extra(i) => "kept as an extra field of the record".to_string(),
            None => "not imported (no field matches; map it with --map 'COLUMN=field')".to_string(),
        };
        println!("  {h:<32} {to}");
    }
}

/// `FILE.errors.csv` in the working directory (the file's own may be read-only).
fn errors_path(file: &std::path::Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".errors.csv");
    PathBuf::from(name)
}

/// A spinner on a terminal drawn by `template` (e.g. rows read so far).
pub(crate) fn spinner(quiet: bool, template: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner()));
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The first 100 of `items`, and how many more there are of `total`.
fn listed(items: &[sprut_core::import::RowError], total: u64) {
    for e in items.iter().take(100) {
        println!("  {e}");
    }
    let unlisted = total - items.len().min(100) as u64;
    if unlisted > 0 {
        println!("  ... and {unlisted} more");
    }
}

/// The outcome for a person.
fn report(out: &ImportOutcome, dry_run: bool, errors_file: Option<&PathBuf>) {
    let verb = if dry_run {
        "would be"
    } else if out.committed {
        "were"
    } else {
        "would have been"
    };
    println!(
        "{} rows read: {} {verb} created, {} updated, {} unchanged; {} bad ({} of them repeating an earlier row); {} warning(s); {} column(s) kept as extra fields",
        out.rows,
        out.created,
        out.updated,
        out.skipped,
        out.errors_total,
        out.duplicates,
        out.warnings_total,
        out.extra_columns.len()
    );
    if out.openings_unknown > 0 {
        println!(
            "{} deal(s) created after they closed (migrated records): they open on their close date and stay out of the sales cycle",
            out.openings_unknown
        );
    }
    if out.canaries_skipped > 0 {
        println!(
            "{} canary row(s) of an export of this base left out (they mark the file, they are not clients)",
            out.canaries_skipped
        );
    }
    if out.employees_created > 0 || out.inferred > 0 {
        println!("{} employees created (inactive), {} holdings inferred", out.employees_created, out.inferred);
    }
    listed(&out.errors, out.errors_total);
    if let Some(path) = errors_file {
        println!("bad rows written to {}", path.display());
    }
    if out.warnings_total > 0 {
        println!(
            "{} value(s) kept as written though they did not read as expected (the rows were imported):",
            out.warnings_total
        );
        listed(&out.warnings, out.warnings_total);
    }
    if dry_run {
        println!("dry run: nothing was changed");
    }
}

/// Runs `sprut db copy`: the whole base into an empty database of the other engine.
pub async fn copy(from: &str, to: &str) -> anyhow::Result<()> {
    let shown = sprut_store::redact_url(from);
    let source = Db::connect(from).await.with_context(|| format!("cannot open the source {shown}"))?;
    let target = crate::open(to).await?;
    let checks = source.copy_to(&target).await.context("the copy failed; the target was left unchanged")?;
    let mut total = 0;
    for c in &checks {
        println!("{:<20} {:>10} rows  checksum {:016x}", c.table, c.rows, c.checksum);
        total += c.rows;
    }
    println!("copied {total} rows in {} tables; counts and checksums match", checks.len());
    source.close().await;
    target.close().await;
    Ok(())
}
