//! `sprut bench import`: clients and contacts CSV files imported into SQLite through the
//! whole pipeline, beside the `sqlite3` shell's `.import` of the same files into tables of
//! the same columns; at two file sizes, with the peak memory of each run.

use anyhow::Context;
use sprut_core::import::{ImportEntity, Preset};
use sprut_core::Actor;
use sprut_server::import::{run, ImportRequest, ReadOptions, TableReader};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Runs the benchmark at a quarter of the sizes and at the sizes given.
pub async fn bench(clients: u64, contacts: u64) -> anyhow::Result<()> {
    println!(
        "{:<9} {:>9} {:>11} {:>12} {:>12} {:>8} {:>10}",
        "file", "rows", "sprut s", "sprut rows/s", "sqlite3 rows/s", "ratio", "peak RSS"
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
    let db = crate::open(&url).await?;
    let shell = dir.path().join("shell.db");
    for (entity, path, rows, table, cols) in [
        (ImportEntity::Clients, &clients_csv, clients, "clients", "id, name, segment, region, potential, created"),
        (ImportEntity::Contacts, &contacts_csv, contacts, "contacts", "id, client_id, name, position, phone, email"),
    ] {
        reset_peak();
        let started = Instant::now();
        let reader = TableReader::open(path, &ReadOptions::default()).map_err(|e| anyhow::anyhow!("{e}"))?;
        let now = time::OffsetDateTime::now_utc();
        let request = ImportRequest {
            entity,
            preset: Preset::Generic,
            maps: Vec::new(),
            values: Vec::new(),
            dry_run: false,
            partial: false,
            create_employees: false,
            file_name: table.into(),
            today: now.date(),
        };
        let out =
            run::run(&db, &Actor::system(now), reader, &request, None).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        anyhow::ensure!(
            out.committed && out.created == rows,
            "the import did not load every row: {:?}",
            out.errors.first()
        );
        let sprut = started.elapsed().as_secs_f64();
        let peak = peak_kb();
        let shell_s = shell_import(&shell, table, cols, path)?;
        println!(
            "{:<9} {:>9} {:>11.2} {:>12.0} {:>12.0} {:>7.1}x {:>7} MB",
            table,
            rows,
            sprut,
            rows as f64 / sprut,
            rows as f64 / shell_s,
            sprut / shell_s,
            peak / 1024
        );
    }
    db.close().await;
    Ok(())
}

/// Seconds the `sqlite3` shell takes to `.import` the file into a table of the same columns.
fn shell_import(db: &Path, table: &str, cols: &str, csv: &Path) -> anyhow::Result<f64> {
    let create = format!(
        "CREATE TABLE {table} ({});",
        cols.split(", ").map(|c| format!("{c} TEXT")).collect::<Vec<_>>().join(", ")
    );
    let started = Instant::now();
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(&create)
        .arg(".mode csv")
        .arg(format!(".import --skip 1 {} {table}", csv.display()))
        .output()
        .context("running sqlite3 (apt-get install sqlite3)")?;
    anyhow::ensure!(out.status.success(), "sqlite3 failed: {}", String::from_utf8_lossy(&out.stderr));
    Ok(started.elapsed().as_secs_f64())
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

/// Resets the process's peak resident memory (VmHWM) so the next run's peak is its own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's peak resident memory in kB (VmHWM), 0 when unknown.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
