//! `sprut`: the command line of the sprut CRM.

mod audit;
mod backup;
mod bench;
mod bench_audit;
mod bench_import;
mod bench_planner;
mod bench_rotation;
mod bench_workday;
mod bench_writes;
mod cli;
mod demo;
mod handover;
mod import;
mod mail;
mod planning;
mod rotation;
mod user;
mod workbench;

use anyhow::Context;
use clap::Parser;
use cli::{Cli, Command};
use sprut_store::Db;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    quiet_on_closed_output();
    let cli = Cli::parse();
    init_logs(cli.log_json);
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Ends quietly, as Unix tools do, when whoever reads the output has gone (`sprut dead | head`):
/// Rust ignores SIGPIPE, so a print to a closed pipe panics; that panic becomes exit status 141
/// (128 + SIGPIPE) without a message. Every other panic is reported as before.
fn quiet_on_closed_output() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.payload().downcast_ref::<String>().map_or("", String::as_str);
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        report(info);
    }));
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    // Opens the base, runs `module::command(&db, args...)`, and closes the base whatever came
    // of it, so that SQLite's write-ahead log is folded into the file before the process ends.
    macro_rules! on_db {
        ($($f:ident)::+ ( $($arg:expr),* )) => {{
            let db = open(&cli.db).await?;
            let done = $($f)::+(&db $(, $arg)*).await;
            db.close().await;
            done?
        }};
    }
    match cli.command {
        Command::Migrate => {
            open(&cli.db).await?;
            println!("database {} is up to date", sprut_store::redact_url(&cli.db));
        }
        Command::Serve { listen, demo, secure_cookies, metrics_listen, metrics_token, mail } => {
            let mailer = mail::mailer(&mail)?;
            let db = open(&cli.db).await?;
            if db.is_empty_base().await? {
                if demo {
                    demo::fill(&db, 1, None).await?;
                } else {
                    eprintln!("{}", first_admin_hint(&cli.db));
                }
            }
            let mut state = sprut_server::AppState::new(db);
            state.secure_cookies = secure_cookies;
            state.mailer = mailer.map(std::sync::Arc::new);
            state.metrics.token = metrics_token.filter(|t| !t.trim().is_empty());
            sprut_server::serve::serve(state, listen, metrics_listen).await.context("serving")?;
        }
        Command::Demo { seed, today } => {
            let db = open(&cli.db).await?;
            anyhow::ensure!(
                db.is_empty_base().await?,
                "{} already holds a company; point --db at a new file to create the demo",
                cli.db
            );
            let filled = demo::fill(&db, seed, today).await;
            db.close().await;
            filled?;
        }
        Command::User(cmd) => on_db!(user::run(cmd)),
        Command::Bench(cmd) => bench::run(cmd).await?,
        Command::Audit(cmd) => on_db!(audit::audit(cmd)),
        Command::Leak(cmd) => on_db!(audit::leak(cmd)),
        Command::Transfer(cmd) => on_db!(handover::transfer(cmd)),
        Command::Offboard(args) => on_db!(handover::offboard(args)),
        Command::Plan(cli::PlanCommand::Redistribute(args)) => on_db!(planning::redistribute(args)),
        Command::Plan(cli::PlanCommand::Sales { team, period, json }) => {
            on_db!(planning::sales(&team, period.as_deref(), json))
        }
        Command::Plan(cli::PlanCommand::SetMonth { rep, month, plan, new_clients, first_sales, reason }) => {
            let setting = planning::MonthArgs { plan, new_clients, first_sales, reason };
            on_db!(planning::set_month(&rep, &month, setting))
        }
        Command::Report(cmd) => on_db!(handover::report_cmd(cmd)),
        Command::Mail(cmd) => on_db!(mail::run(cmd)),
        Command::Import(args) => on_db!(import::import(args)),
        Command::Contacts(cmd) => on_db!(handover::contacts(cmd)),
        Command::Db(cli::DbCommand::Copy { from, to }) => import::copy(&from, &to).await?,
        Command::Backup { to } => backup::backup(&cli.db, &to).await?,
        Command::Restore { from } => backup::restore(&cli.db, &from).await?,
        Command::Rotation(cmd) => on_db!(rotation::run(&cli.db, cmd)),
        Command::Decide(cmd) => on_db!(rotation::decide(cmd)),
        Command::Tasks { owner, due, json } => on_db!(workbench::tasks(owner, due, json)),
        Command::Touches(cli::TouchesCommand::Overdue(args)) => on_db!(workbench::touches_overdue(args)),
        Command::Receivables(cli::ReceivablesCommand::Aging { whose, as_of }) => {
            on_db!(workbench::receivables_aging(whose, as_of))
        }
        Command::Deals(cli::DealsCommand::Board(whose)) => on_db!(workbench::deal_board(whose)),
        Command::Meetings(args) => on_db!(workbench::meetings(args)),
        Command::Relationships { client, as_of, json } => on_db!(workbench::relationships(&client, as_of, json)),
        Command::Surveys { json } => on_db!(workbench::surveys(json)),
        Command::Coverage { as_of, count, below, json } => on_db!(workbench::coverage(as_of, count, below, json)),
        Command::SpotChecks(cli::SpotChecksCommand::Draw { seed, as_of }) => on_db!(workbench::spot_draw(seed, as_of)),
        Command::SpotChecks(cli::SpotChecksCommand::Report { json }) => on_db!(workbench::spot_report(json)),
        Command::MeetingRequests { holder, state, json } => {
            on_db!(workbench::meeting_requests(holder.as_deref(), state, json))
        }
        Command::Risk { employee, as_of, json } => on_db!(workbench::risk(employee.as_deref(), as_of, json)),
    }
    Ok(())
}

/// Opens (and migrates) the database at `url`, saying what to do when it fails.
pub async fn open(url: &str) -> anyhow::Result<Db> {
    let shown = sprut_store::redact_url(url);
    Db::open(url).await.with_context(|| format!("cannot open the database {shown} (check --db or SPRUT_DATABASE_URL)"))
}

/// What to do on a base that holds no one yet: nobody can sign in until an administrator exists.
fn first_admin_hint(db: &str) -> String {
    format!(
        "The base {} holds no one yet, so nobody can sign in. Create the first administrator with \
         the same --db (it asks for the password twice), then sign in with that e-mail:\n  \
         sprut user add --email you@company.ru --name \"Your Name\" --role admin\n\
         Or try sprut on a demo company in a new file: sprut --db \"sqlite://demo.db?mode=rwc\" serve --demo",
        sprut_store::redact_url(db)
    )
}

/// Today in the company's time zone (its settings), as every rule reads it.
pub async fn company_today(db: &Db) -> anyhow::Result<time::Date> {
    let zone = sprut_core::store::SettingsStore::settings(db).await?.time_zone;
    Ok(sprut_server::zone::local_date(time::OffsetDateTime::now_utc(), &zone))
}

/// The day `as_of` when given, else today in the company's time zone.
pub async fn day_or_today(db: &Db, as_of: Option<time::Date>) -> anyhow::Result<time::Date> {
    match as_of {
        Some(d) => Ok(d),
        None => company_today(db).await,
    }
}

/// Whether the store has no employees yet.
trait EmptyBase {
    async fn is_empty_base(&self) -> anyhow::Result<bool>;
}

impl EmptyBase for Db {
    async fn is_empty_base(&self) -> anyhow::Result<bool> {
        use sprut_core::store::prelude::*;
        Ok(self.is_empty().await?)
    }
}

fn init_logs(json: bool) {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;
    let filter: Targets = std::env::var("SPRUT_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO).with_target("sqlx", tracing::Level::WARN));
    let registry = tracing_subscriber::registry().with(filter);
    if json {
        registry.with(tracing_subscriber::fmt::layer().json().with_writer(std::io::stderr)).init();
    } else {
        registry.with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr)).init();
    }
}

#[cfg(test)]
mod first_admin_tests {
    #[test]
    fn an_empty_base_says_how_to_create_the_first_administrator_without_showing_a_password() {
        let hint = super::first_admin_hint("postgres://sprut:secret@db.local:5432/crm");
        assert!(hint.contains("sprut user add") && hint.contains("--role admin"), "{hint}");
        assert!(!hint.contains("secret"), "{hint}");
    }
}
