//! `sprut bench import`: clients and contacts CSV files imported into SQLite through the
//! whole pipeline, beside the `sqlite3` shell's `.import` of the same files into tables of
//! the same columns, and beside the shell writing the same rows into sprut's own tables (the
//! floor the engine sets for that schema); at two file sizes, with the peak memory of each run.

use crate::bench::sqlite3;
use sprut_core::import::{ImportEntity, Preset};
use sprut_core::Actor;
use sprut_server::import::{run, ImportRequest, ReadOptions, TableReader};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

/// Runs the benchmark at a quarter of the sizes and at the sizes given.
pub async fn bench(clients: u64, contacts: u64) -> anyhow::Result<()> {
    println!(
        "{:<9} {:>9} {:>8} {:>12} {:>14} {:>7} {:>12} {:>7} {:>10}",
        "file", "rows", "sprut s", "sprut rows/s", ".import rows/s", "ratio", "floor rows/s", "ratio", "peak RSS"
    );
    for (c, k) in [(clients / 4, contacts / 4), (clients, contacts)] {
        one_size(c.max(1), k.max(1)).await?;
    }
    Ok(())
}

async fn one_size(clients: u64, contacts: u64) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let clients_csv = dir.path().join("clients.csv");
    let contacts_csv = dir.path().join("contacts.csv");
    write_clients(&clients_csv, clients)?;
    write_contacts(&contacts_csv, contacts, clients)?;
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("sprut.db").display());
    crate::open(&url).await?.close().await;
    let shell = dir.path().join("shell.db");
    let floor = dir.path().join("floor.db");
    crate::open(&format!("sqlite://{}?mode=rwc", floor.display())).await?.close().await;
    for (entity, path, rows, cols, floor_sql) in [
        ("clients", &clients_csv, clients, "id, name, segment, region, potential, created", CLIENTS_FLOOR),
        ("contacts", &contacts_csv, contacts, "id, client_id, name, position, phone, email", CONTACTS_FLOOR),
    ] {
        let (sprut, peak) = import_in_child(entity, path, &url, rows)?;
        let shell_s = shell_import(&shell, entity, cols, path)?;
        let floor_s = shell_floor(&floor, &shell, floor_sql, entity, rows)?;
        println!(
            "{:<9} {:>9} {:>8.2} {:>12.0} {:>14.0} {:>6.1}x {:>12.0} {:>6.1}x {:>7} MB",
            entity,
            rows,
            sprut,
            rows as f64 / sprut,
            rows as f64 / shell_s,
            sprut / shell_s,
            rows as f64 / floor_s,
            sprut / floor_s,
            peak / 1024
        );
    }
    Ok(())
}

/// Runs `sprut bench import-run` for one file and returns its seconds and peak resident kB.
fn import_in_child(entity: &str, file: &Path, url: &str, rows: u64) -> anyhow::Result<(f64, u64)> {
    let out = std::process::Command::new(std::env::current_exe()?)
        .args(["bench", "import-run", entity])
        .arg(file)
        .args([url, &rows.to_string()])
        .stderr(std::process::Stdio::inherit())
        .output()?;
    anyhow::ensure!(out.status.success(), "the import of {entity} failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut words = text.split_whitespace();
    let seconds = words.next().and_then(|w| w.parse().ok());
    let peak = words.next().and_then(|w| w.parse().ok());
    seconds.zip(peak).ok_or_else(|| anyhow::anyhow!("the import of {entity} printed '{}'", text.trim()))
}

/// Imports one generated file into `url` through the whole pipeline, as `sprut import` does,
/// and prints the seconds it took (opening and closing the base included) and the peak
/// resident memory of this process in kB.
pub async fn import_run(entity: &str, file: &Path, url: &str, rows: u64) -> anyhow::Result<()> {
    let entity: ImportEntity = entity.parse().map_err(|e: String| anyhow::anyhow!(e))?;
    let started = Instant::now();
    let db = crate::open(url).await?;
    let reader = TableReader::open(file, &ReadOptions::default()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = time::OffsetDateTime::now_utc();
    let request = ImportRequest {
        entity,
        preset: Preset::Generic,
        maps: Vec::new(),
        values: Vec::new(),
        dry_run: false,
        partial: false,
        create_employees: false,
        file_name: entity.as_str().into(),
        today: now.date(),
        currency: None,
        batch_rows: None,
        language: sprut_core::employee::Language::En,
    };
    let out =
        run::run(&db, &Actor::system(now), reader, &request, None, None).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    anyhow::ensure!(
        out.committed && out.created == rows,
        "the import did not load every row: {:?}",
        out.errors.first()
    );
    db.close().await;
    println!("{:.3} {}", started.elapsed().as_secs_f64(), peak_kb());
    Ok(())
}

/// Seconds the `sqlite3` shell takes to `.import` the file into a table of the same columns.
fn shell_import(db: &Path, table: &str, cols: &str, csv: &Path) -> anyhow::Result<f64> {
    let create = format!(
        "CREATE TABLE {table} ({});",
        cols.split(", ").map(|c| format!("{c} TEXT")).collect::<Vec<_>>().join(", ")
    );
    let import = format!(".import --skip 1 {} {table}", csv.display());
    Ok(sqlite3(db, &[&create, ".mode csv", &import])?.1)
}

/// The clients the shell has loaded, written into sprut's `clients` and `import_ids` with
/// sprut's settings: time-ordered ids, every index, the foreign keys, one transaction, in the
/// order of the file. No parsing, validation or normalisation: what the engine alone costs.
const CLIENTS_FLOOR: &str = "INSERT INTO clients (id, name, search_key, segment, region, tier, potential_minor, \
     currency, status, language, created_at, updated_at) \
     SELECT printf('01900000-0000-7000-8000-%012x', rowid), name, lower(name), segment, region, 'regular', \
     CAST(replace(potential, ' ', '') AS INTEGER) * 100, 'RUB', 'active', 'ru', \
     substr(created, 7, 4) || '-' || substr(created, 4, 2) || '-' || substr(created, 1, 2) || 'T00:00:00Z', \
     '2026-01-01T00:00:00Z' FROM plain.clients ORDER BY rowid; \
     INSERT INTO import_ids (source, entity, external_id, record_id, created_at) \
     SELECT 'generic', 'clients', id, printf('01900000-0000-7000-8000-%012x', rowid), '2026-01-01T00:00:00Z' \
     FROM plain.clients ORDER BY rowid;";

/// The contacts the shell has loaded, each resolved to its client through `import_ids` as
/// sprut does, written into sprut's `contacts` and `import_ids` (see [`CLIENTS_FLOOR`]).
const CONTACTS_FLOOR: &str = "INSERT INTO contacts (id, client_id, name, position, function, phones, emails, \
     decision_maker, consent, created_at, updated_at) \
     SELECT printf('01910000-0000-7000-8000-%012x', p.rowid), i.record_id, p.name, p.position, 'general', \
     json_array(p.phone), json_array(p.email), 0, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' \
     FROM plain.contacts p JOIN import_ids i \
     ON i.source = 'generic' AND i.entity = 'clients' AND i.external_id = p.client_id ORDER BY p.rowid; \
     INSERT INTO import_ids (source, entity, external_id, record_id, created_at) \
     SELECT 'generic', 'contacts', id, printf('01910000-0000-7000-8000-%012x', rowid), '2026-01-01T00:00:00Z' \
     FROM plain.contacts ORDER BY rowid;";

/// Seconds the `sqlite3` shell takes to run `sql` in one transaction on `db` (sprut's schema,
/// sprut's connection settings) with the `.import`ed tables attached as `plain`; checks that
/// `table` then holds `rows` rows.
fn shell_floor(db: &Path, plain: &Path, sql: &str, table: &str, rows: u64) -> anyhow::Result<f64> {
    let settings = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                    PRAGMA cache_size = -65536;";
    let load = format!("ATTACH '{}' AS plain; BEGIN; {sql} COMMIT;", plain.display());
    let (_, seconds) = sqlite3(db, &[settings, &load])?;
    let (count, _) = sqlite3(db, &[&format!("SELECT count(*) FROM {table}")])?;
    anyhow::ensure!(count.trim() == rows.to_string(), "the shell wrote {} {table}, not {rows}", count.trim());
    Ok(seconds)
}

const SEGMENTS: [&str; 5] = ["Розница", "Опт", "Производство", "Логистика", "Госсектор"];
const REGIONS: [&str; 4] = ["Москва", "Санкт-Петербург", "Новосибирск", "Казань"];

fn write_clients(path: &Path, n: u64) -> anyhow::Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    writeln!(w, "id,name,segment,region,potential,created")?;
    for i in 0..n {
        writeln!(
            w,
            "c{i},ООО \"Компания {i}\",{},{},{} 000,{:02}.{:02}.20{:02}",
            SEGMENTS[(i % 5) as usize],
            REGIONS[(i % 4) as usize],
            100 + i % 900,
            1 + i % 28,
            1 + i % 12,
            15 + i % 10
        )?;
    }
    Ok(w.flush()?)
}

fn write_contacts(path: &Path, n: u64, clients: u64) -> anyhow::Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    writeln!(w, "id,client_id,name,position,phone,email")?;
    for i in 0..n {
        let c = (i * 7919) % clients;
        writeln!(
            w,
            "p{i},c{c},Контакт Номер {i},Менеджер по закупкам,+7 495 {:03}-{:02}-{:02},p{i}@company{c}.ru",
            i % 1000,
            i % 100,
            (i / 100) % 100
        )?;
    }
    Ok(w.flush()?)
}

/// The process's peak resident memory in kB (VmHWM), 0 when unknown.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
