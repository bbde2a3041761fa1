//! The command line: global options and commands.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;

/// sprut: the client base belongs to the company, not to the salesperson.
#[derive(Parser)]
#[command(name = "sprut", version, about)]
pub struct Cli {
    /// Database URL: sqlite://FILE or postgres://USER@HOST:PORT/DB.
    #[arg(
        long,
        global = true,
        env = "SPRUT_DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://sprut.db"
    )]
    pub db: String,
    /// Write logs as JSON lines (for log collectors).
    #[arg(long, global = true)]
    pub log_json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Serve the web UI and the JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Create the demo company first when the database is empty.
        #[arg(long)]
        demo: bool,
        /// Mark cookies Secure (when sprut is served over HTTPS).
        #[arg(long)]
        secure_cookies: bool,
        /// Serve /metrics (Prometheus) without a token on this address of its own; keep it on
        /// loopback or a private network.
        #[arg(long, value_name = "ADDR")]
        metrics_listen: Option<SocketAddr>,
        /// The bearer token /metrics asks for on the main address (without one it answers 404
        /// there).
        #[arg(long, env = "SPRUT_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
        /// The mail server the outbox is sent through.
        #[command(flatten)]
        mail: MailArgs,
    },
    /// Create or upgrade the database schema.
    Migrate,
    /// Fill an empty database with a realistic demo company.
    Demo {
        /// Seed: the same seed gives the same company.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The demo's "today" (YYYY-MM-DD); default: the current date.
        #[arg(long, value_parser = parse_date)]
        today: Option<time::Date>,
    },
    /// Manage employees' sign-in.
    #[command(subcommand)]
    User(UserCommand),
    /// Measure how fast sprut answers.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Find where a leaked file came from.
    #[command(subcommand)]
    Leak(LeakCommand),
    /// Hand clients over from one holder to others, with the checklist.
    #[command(subcommand)]
    Transfer(TransferCommand),
    /// Start the offboarding playbook for a leaving employee, or show or apply it.
    Offboard(OffboardArgs),
    /// Plan the books: which clients to move so that a team's reps are balanced.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Send the outbox's letters, or see how it stands.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Import clients, contacts, employees, deals, activities, receivables or leads from a CSV or
    /// XLSX file (Bitrix24, amoCRM, HubSpot, Salesforce or any spreadsheet).
    Import(ImportArgs),
    /// Contacts an import found without a client: list them, attach one to its client.
    #[command(subcommand)]
    Contacts(ContactsCommand),
    /// Whole-database operations.
    #[command(subcommand)]
    Db(DbCommand),
    /// Write a consistent copy of the base to a new file while it serves (SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump), then check the copy's rows and audit chain.
    Backup {
        /// The file to write.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Bring a backup back into an empty database (`--db`; SQLite: a new file; PostgreSQL:
    /// pg_restore), then check its rows and audit chain.
    Restore {
        /// The backup file.
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Sales cycle, dead clients, rotation and its simulation.
    #[command(flatten)]
    Rotation(RotationCommand),
    /// A head's decisions on held clients.
    #[command(flatten)]
    Decide(DecideCommand),
    /// Open tasks (next steps), soonest first: one employee's or everyone's.
    Tasks {
        /// Only this employee's (by e-mail).
        #[arg(long = "as", value_name = "EMAIL")]
        owner: Option<String>,
        /// Only those due on or before this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        due: Option<time::Date>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Planned touches by the tiers' cadence.
    #[command(subcommand)]
    Touches(TouchesCommand),
    /// Unpaid invoices.
    #[command(subcommand)]
    Receivables(ReceivablesCommand),
    /// Open deals.
    #[command(subcommand)]
    Deals(DealsCommand),
    /// The quarterly meetings of the heads with the significant clients: overdue, due,
    /// planned or held this quarter, the most urgent first.
    Meetings(TeamDayArgs),
    /// Who of ours is in touch with whom of a client (touches and the last one), the contacts
    /// only its holder knows, and its coverage score (0–100) with what it lacks.
    Relationships {
        /// The client (id or ИНН).
        #[arg(long)]
        client: String,
        /// The day to draw it on (default today in the company's zone).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The key clients whose coverage score is below the setting `key_coverage_min`, the
    /// thinnest first, each with what it lacks; or every client below a score.
    Coverage {
        /// The day (default today in the company's zone).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// First count every client's coverage score now (as the server does each night), for
        /// the client list's filter and order.
        #[arg(long)]
        count: bool,
        /// Instead of the key clients: every client whose kept score is below this (0–100),
        /// the thinnest first.
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=100))]
        below: Option<u8>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// What clients said in the company's surveys: per rep (the manager rated) and per team, the
    /// surveys sent and answered, the mean ratings of the company and the manager, and the
    /// answers rating the manager far above the company; then those answers.
    Surveys {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// CRM spot checks: the week's draw and how each rep's data fare.
    #[command(subcommand)]
    SpotChecks(SpotChecksCommand),
    /// Requests to meet clients and how their holders answered: per holder the declines,
    /// postponements and red flags, then the requests, newest first.
    MeetingRequests {
        /// Only those to this holder (by e-mail).
        #[arg(long)]
        holder: Option<String>,
        /// Only in this state: open, accepted, postponed, declined or withdrawn.
        #[arg(long)]
        state: Option<sprut_core::meeting_request::RequestState>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// What the company loses if one of its people leaves: per employee, the clients where he
    /// is the only one of ours in touch in 180 days, their revenue of twelve months and
    /// potential, the people only he has met and those the company cannot reach itself; the
    /// largest loss first, those over the alert's share of their team's revenue marked.
    Risk {
        /// Only this employee (by e-mail), with his single-threaded clients listed.
        #[arg(long)]
        employee: Option<String>,
        /// The day (default today in the company's zone).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Whose records a list shows: one rep's or one team's.
#[derive(clap::Args)]
pub struct WhoseArgs {
    /// Only this team's (by name).
    #[arg(long)]
    pub team: Option<String>,
    /// Only this employee's (by e-mail).
    #[arg(long)]
    pub rep: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Unpaid invoices.
#[derive(Subcommand)]
pub enum ReceivablesCommand {
    /// Unpaid invoices aged by days past due (not due, 1–30, 31–60, 61–90, over 90) in total,
    /// per team, per rep and per client, largest debtor first.
    Aging {
        /// Whose.
        #[command(flatten)]
        whose: WhoseArgs,
        /// The day the ages are counted on (default: today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
    },
}

/// CRM spot checks.
#[derive(Subcommand)]
pub enum SpotChecksCommand {
    /// Draws this week's sample of every rep's contacts (once a week; the server's jobs do it
    /// too), weighted towards key clients and the longest unverified, from a seed it prints.
    Draw {
        /// The seed (default: from the clock); the same seed and data give the same draw.
        #[arg(long)]
        seed: Option<u64>,
        /// The day whose week is drawn (default today in the company's zone).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
    },
    /// Per rep and quarter: contacts drawn, checked, found wrong and their share, invented
    /// data; then the open investigations.
    Report {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Open deals.
#[derive(Subcommand)]
pub enum DealsCommand {
    /// The open deals by funnel phase with each phase's count and totals.
    Board(WhoseArgs),
}

/// Sales cycle, dead clients and rotation.
#[derive(Subcommand)]
pub enum RotationCommand {
    /// The sales cycle per segment and company-wide: mean, median, p80, Kaplan–Meier median.
    Cycle {
        /// The day to compute it for (default: today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The dead clients with why, for the head's review, most days over first.
    Dead {
        /// The day and team.
        #[command(flatten)]
        day: TeamDayArgs,
        /// Only the clients this employee holds (e-mail).
        #[arg(long)]
        rep: Option<String>,
        /// Only the clients this rule found dead: past_due, no_activity or lapsed.
        #[arg(long)]
        reason: Option<sprut_core::rules::review::DeadKind>,
        /// Only the clients of this segment.
        #[arg(long)]
        segment: Option<String>,
        /// Only the clients at least this many days past a rule's limit.
        #[arg(long)]
        min_days_over: Option<i64>,
        /// The order: days_over, potential, name or holder.
        #[arg(long)]
        sort: Option<sprut_core::rules::review::ReviewSort>,
    },
    /// Release due clients to rest and hand rested ones to the next rep.
    Rotate {
        /// The day (default: today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// Show what would happen without changing anything.
        #[arg(long)]
        dry_run: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Weekly reports on development clients: write one as the holder, or list the missing.
    #[command(subcommand)]
    Weekly(WeeklyCommand),
    /// A rep's scorecard: clients held, development periods turned into sales, days to the
    /// first sale, "hopeless, then sold", weekly reports missing.
    Scorecard {
        /// The rep's e-mail.
        email: String,
        /// The day (default: today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replay rotation day by day on a copy of the data; the data itself is unchanged.
    Simulate {
        /// First day.
        #[arg(long, value_parser = parse_date)]
        from: time::Date,
        /// Last day.
        #[arg(long, value_parser = parse_date)]
        to: time::Date,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// A list of a day, for the whole company or one team.
#[derive(clap::Args)]
pub struct TeamDayArgs {
    /// The day (default: today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<time::Date>,
    /// Only this team's (by name).
    #[arg(long)]
    pub team: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Planned touches.
#[derive(Subcommand)]
pub enum TouchesCommand {
    /// Touches due by the day and not made, most overdue first, with the rule behind each date.
    Overdue(TeamDayArgs),
}

/// Weekly reports on development clients.
#[derive(Subcommand)]
pub enum WeeklyCommand {
    /// Write the week's report on a development client, as its holder (a second report of
    /// the same week replaces the first).
    Write {
        /// The client's id.
        client: sprut_core::ClientId,
        /// working, postponed or hopeless.
        #[arg(long)]
        status: sprut_core::rules::reports::ReportStatus,
        /// Until when the client postponed (required with `postponed`).
        #[arg(long, value_parser = parse_date)]
        until: Option<time::Date>,
        /// What happened this week.
        #[arg(long)]
        text: String,
        /// The next step.
        #[arg(long)]
        next_step: String,
        /// Any day of the week reported on (default: today).
        #[arg(long, value_parser = parse_date)]
        week: Option<time::Date>,
        /// The holding rep's e-mail.
        #[arg(long = "as")]
        by: String,
    },
    /// The weekly reports overdue, by holder: what the head chases.
    Missing(TeamDayArgs),
}

/// A head's decisions.
#[derive(Subcommand)]
pub enum DecideCommand {
    /// Extend a development client to a firm date for an objective reason.
    Extend {
        /// The client's id.
        client: sprut_core::ClientId,
        /// purchase_cycle, budget_period, corporate_group, state_funding or seasonality.
        #[arg(long)]
        reason: sprut_core::rules::extension::ExtensionReason,
        /// The facts behind the reason.
        #[arg(long)]
        text: String,
        /// The new due date.
        #[arg(long, value_parser = parse_date)]
        until: time::Date,
        /// The day of the decision (default: today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// The deciding head's e-mail.
        #[arg(long = "as")]
        by: String,
    },
    /// Take a client back: to rest, or straight to a named rep.
    Recall {
        /// The client's id.
        client: sprut_core::ClientId,
        /// The rep's e-mail (default: to rest).
        #[arg(long)]
        to: Option<String>,
        /// Why.
        #[arg(long)]
        reason: String,
        /// The day of the decision (default: today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// The deciding head's e-mail.
        #[arg(long = "as")]
        by: String,
    },
    /// Archive a client.
    Archive {
        /// The client's id.
        client: sprut_core::ClientId,
        /// Why.
        #[arg(long)]
        reason: String,
        /// The day of the decision (default: today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<time::Date>,
        /// The deciding head's e-mail.
        #[arg(long = "as")]
        by: String,
    },
}

/// Whole-database operations.
#[derive(Subcommand)]
pub enum DbCommand {
    /// Copy the whole base from SQLite to PostgreSQL or back into a new, empty database,
    /// verified by row counts and checksums of every table.
    Copy {
        /// The source database URL.
        #[arg(long)]
        from: String,
        /// The target database URL (created and migrated when new; must hold no data).
        #[arg(long)]
        to: String,
    },
}

/// `sprut import ENTITY FILE`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// What the file holds: clients, contacts, employees, deals, activities, receivables or leads.
    pub entity: sprut_core::import::ImportEntity,
    /// The CSV or XLSX file.
    pub file: std::path::PathBuf,
    /// Whose export it is: generic, bitrix24, amocrm, hubspot or salesforce.
    #[arg(long, default_value = "generic")]
    pub preset: sprut_core::import::Preset,
    /// Map a column to a field: 'SOURCE COLUMN=field' ('=-' ignores the column); repeat.
    #[arg(long)]
    pub map: Vec<String>,
    /// Translate a value: 'field:SOURCE VALUE=value', e.g. stage:Engaging=open; repeat.
    #[arg(long)]
    pub value: Vec<String>,
    /// The CSV's text encoding: auto, utf-8 or windows-1251.
    #[arg(long, default_value = "auto")]
    pub encoding: sprut_server::import::Encoding,
    /// Report what would be created, updated and skipped, and every bad row; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Load the good rows and write the bad ones to the errors file (default: all or nothing).
    #[arg(long)]
    pub partial: bool,
    /// Where to write the bad rows as the file had them, with an `error` column, to fix and
    /// import again (default with --partial: FILE.errors.csv in the working directory).
    #[arg(long)]
    pub errors: Option<std::path::PathBuf>,
    /// Create unknown holders and owners as inactive employees instead of refusing their rows.
    #[arg(long)]
    pub create_employees: bool,
    /// The business date of the import (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<time::Date>,
    /// The currency of amounts the file gives none for (e.g. USD); default: the company's.
    #[arg(long, value_parser = parse_currency)]
    pub currency: Option<sprut_core::money::Currency>,
    /// Rows per batch (for tests: the result never depends on it).
    #[arg(long, hide = true)]
    pub batch_rows: Option<usize>,
    /// Print the outcome as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_currency(s: &str) -> Result<sprut_core::money::Currency, String> {
    sprut_core::money::Currency::parse(s)
}

/// `sprut contacts ...`.
#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// The contacts without a client, by name.
    Pool {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Attach a contact of the pool to its client (it keeps its id).
    Attach {
        /// The pooled contact's id.
        id: sprut_core::ContactId,
        /// The client (id or ИНН).
        #[arg(long)]
        client: String,
    },
}

/// Transfers.
#[derive(Subcommand)]
pub enum TransferCommand {
    /// Arrange a transfer; handed over at once when its day has come.
    Create {
        /// The giving holder's e-mail.
        #[arg(long)]
        from: String,
        /// A client (id or ИНН); repeat for several.
        #[arg(long = "client", required = true)]
        clients: Vec<String>,
        /// A receiver's e-mail; repeat to share among several.
        #[arg(long = "to", required = true)]
        to: Vec<String>,
        /// Customers to farmers, prospects to hunters.
        #[arg(long)]
        by_specialisation: bool,
        /// The day the clients change hands (default: today).
        #[arg(long, value_parser = parse_date)]
        on: Option<time::Date>,
        /// Why: manual, rotation, rebalance, offboarding or recall.
        #[arg(long, default_value = "manual")]
        cause: sprut_core::handover::transfer::TransferCause,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show a transfer and its checklists.
    Show {
        /// The transfer's id.
        id: sprut_core::TransferId,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Do one checklist step for one client.
    Check {
        /// The transfer's id.
        id: sprut_core::TransferId,
        /// The client (id or ИНН).
        #[arg(long)]
        client: String,
        /// The step: plan_visit, visit_done, set_documents, confirm_documents, confirm_receivables,
        /// settle_receivables, notify_departments, notify_client, set_questions, accept_questions.
        #[arg(long)]
        step: String,
        /// Who acts (e-mail): the giving or receiving holder confirms their part; default: a manager.
        #[arg(long = "as")]
        actor: Option<String>,
        /// A date (visits).
        #[arg(long, value_parser = parse_date)]
        on: Option<time::Date>,
        /// A line of the inventory or of the open questions; repeat.
        #[arg(long = "item")]
        items: Vec<String>,
        /// A total in minor units (reconciliation).
        #[arg(long)]
        total: Option<i64>,
        /// A note (settling a difference; telling the client another way).
        #[arg(long)]
        note: Option<String>,
    },
    /// Complete a transfer whose checklists are closed.
    Complete {
        /// The transfer's id.
        id: sprut_core::TransferId,
    },
    /// Cancel a planned transfer.
    Cancel {
        /// The transfer's id.
        id: sprut_core::TransferId,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// `sprut offboard EMAIL --last-day DATE` starts the playbook; with `--apply` turns the plan
/// into transfers.
#[derive(clap::Args)]
pub struct OffboardArgs {
    /// The leaving employee's e-mail.
    pub email: String,
    /// The last working day (to start the playbook).
    #[arg(long, value_parser = parse_date)]
    pub last_day: Option<time::Date>,
    /// Turn the plan into transfers effective on this day.
    #[arg(long, value_parser = parse_date)]
    pub apply: Option<time::Date>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Planning the books.
#[derive(Subcommand)]
pub enum PlanCommand {
    /// Previews which clients of a team move so that every rep's clients (in all and per
    /// potential quarter) are within the balance, at the least disruption; `--apply` makes
    /// the transfers.
    Redistribute(RedistributeArgs),
    /// A team's sales plans for a month or a quarter: per rep the plan from the potentials he
    /// held each day (or the head's), actual, hunters' targets, the changes of hands that moved it.
    Sales {
        /// The team, by name or id.
        #[arg(long)]
        team: String,
        /// `2026-12` (a month) or `2026-Q4` (a quarter); default this month.
        #[arg(long)]
        period: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sets a rep's month: the plan instead of the one from potential, hunters' targets, with
    /// the reason (audited); none of the three clears it.
    SetMonth {
        /// The rep's e-mail.
        #[arg(long)]
        rep: String,
        /// The month, `2026-12`.
        #[arg(long)]
        month: String,
        /// The plan in the company's currency (`1 250 000,50`).
        #[arg(long)]
        plan: Option<String>,
        /// Target: new clients.
        #[arg(long)]
        new_clients: Option<i64>,
        /// Target: first sales.
        #[arg(long)]
        first_sales: Option<i64>,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// `sprut plan redistribute`.
#[derive(clap::Args)]
pub struct RedistributeArgs {
    /// The team, by name or id.
    #[arg(long)]
    pub team: String,
    /// Each rep within this many percent of the team's mean.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub balance: u8,
    /// At most this many moves.
    #[arg(long)]
    pub max_moves: Option<u32>,
    /// At most this many clients per rep.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub capacity: Option<u32>,
    /// Key clients may move too.
    #[arg(long)]
    pub move_key: bool,
    /// Apply the plan at once: one transfer per giving rep, with its checklists.
    #[arg(long)]
    pub apply: bool,
    /// The day the clients change hands when applied (default today).
    #[arg(long, value_parser = parse_date, requires = "apply")]
    pub on: Option<time::Date>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Reports.
#[derive(Subcommand)]
pub enum ReportCommand {
    /// Sales of transferred clients 3, 6 and 12 months before and after, beside the clients of
    /// the same segments that stayed, by cause and by receiving rep.
    Transfers {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The mail server letters go through: never stored in the database, so no password sits in
/// the settings.
#[derive(clap::Args, Clone, Default)]
pub struct MailArgs {
    /// Mail server URL: smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465
    /// (TLS) or smtp://host:25?tls=none (unencrypted); without it letters wait in the outbox.
    #[arg(long = "smtp", env = "SPRUT_SMTP_URL", hide_env_values = true, value_name = "URL")]
    pub smtp: Option<String>,
    /// Sender of every letter: noreply@firm.ru or "Компания <noreply@firm.ru>".
    #[arg(long = "mail-from", env = "SPRUT_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,
}

/// The outbox.
#[derive(Subcommand)]
pub enum MailCommand {
    /// Send every letter due now, once (the same pass `sprut serve` runs every 30 seconds).
    SendDue {
        /// The mail server to send through.
        #[command(flatten)]
        mail: MailArgs,
    },
    /// Count the letters pending, sent and failed, and list the last ones that failed.
    Status,
}

/// The audit log.
#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the whole audit log; names the first broken event.
    Verify {
        /// `SEQ:HASH` from an auditor's daily letter or the server log: proves the log still
        /// holds that event unchanged, so a log cut back or rewritten since is found out.
        #[arg(long)]
        anchor: Option<sprut_core::audit::AuditAnchor>,
    },
}

/// Leaked files.
#[derive(Subcommand)]
pub enum LeakCommand {
    /// Name the export (who, when, which filter) a leaked CSV or XLSX file came from, by the
    /// canary rows every export carries; works after columns were renamed or reordered and
    /// most rows deleted.
    Trace {
        /// The leaked file (.csv or .xlsx).
        file: std::path::PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Sign-in management.
#[derive(Subcommand)]
pub enum UserCommand {
    /// Add an employee who can sign in.
    Add {
        /// Sign-in e-mail.
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Role: admin, head, rep, staff or auditor.
        #[arg(long)]
        role: sprut_core::employee::Role,
        /// Team name.
        #[arg(long)]
        team: Option<String>,
        /// Department (staff only): logistics, accounting, legal, support or contracts.
        #[arg(long)]
        department: Option<sprut_core::employee::Department>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print a new API token for an employee.
    Token {
        /// The employee's e-mail.
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "cli")]
        label: String,
    },
    /// List an employee's API tokens: name, made, last used, expiry, revoked.
    Tokens {
        /// The employee's e-mail.
        email: String,
    },
    /// Revoke an API token at once (its id, from `sprut user tokens`).
    RevokeToken {
        /// The token's id.
        id: sprut_core::TokenId,
    },
    /// Set an employee's password (read from standard input, or asked for on a terminal); ends
    /// their sessions and revokes their API tokens.
    Passwd {
        /// The employee's e-mail.
        email: String,
    },
    /// Record that an employee is leaving: read-only on his own book at once, no export, no
    /// new clients, every read logged; the account closes after the last working day.
    Depart {
        /// The employee's e-mail.
        email: String,
        /// The last working day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        last_day: time::Date,
    },
}

/// Benchmarks.
#[derive(Subcommand)]
pub enum BenchCommand {
    /// Time the client list and a head's daily pages on the demo company or a generated one
    /// (SQLite, and PostgreSQL when --postgres is given).
    List {
        /// A PostgreSQL server URL to measure as well (a scratch database is created and dropped).
        #[arg(long)]
        postgres: Option<String>,
        /// Requests per query shape.
        #[arg(long, default_value_t = 200)]
        iterations: u32,
        /// Generate a company of this many clients (two deals and three activities each, in
        /// teams of 20 reps under a head) instead of loading the demo company.
        #[arg(long, default_value_t = 0)]
        clients: u64,
        /// Reps of the generated company.
        #[arg(long, default_value_t = 2_000)]
        reps: u64,
        /// The SQLite file to generate the company into and keep (with --postgres, the database
        /// that URL names is used and kept instead of a scratch one); a kept company is
        /// measured again without generating it.
        #[arg(long)]
        keep: Option<std::path::PathBuf>,
    },
    /// Generate a large company and time "my day" of one rep, the head's home of a team and a
    /// client's relationship map and card through the HTTP stack, beside one hand-written SQL
    /// query returning the same lines.
    Workday {
        /// A PostgreSQL server URL to measure as well (a scratch database is created and dropped).
        #[arg(long)]
        postgres: Option<String>,
        /// Requests per page.
        #[arg(long, default_value_t = 200)]
        iterations: u32,
        /// Clients (two deals each; every fifth with a next step, every eighth with an unpaid
        /// invoice, every sixth with an open deal).
        #[arg(long, default_value_t = 1_000_000)]
        clients: u64,
        /// Reps.
        #[arg(long, default_value_t = 2_000)]
        reps: u64,
        /// Activities.
        #[arg(long, default_value_t = 10_000_000)]
        activities: u64,
        /// Reps per team (the head's home shows his team).
        #[arg(long, default_value_t = 100)]
        team: u64,
        /// Keep the generated company (as for `bench list`).
        #[arg(long)]
        keep: Option<std::path::PathBuf>,
    },
    /// Generate a large company in SQLite and time the dead-client scan and the daily rotation
    /// beside the same dead-client list as one SQL query in the sqlite3 shell.
    Rotation {
        /// Clients.
        #[arg(long, default_value_t = 1_000_000)]
        clients: u64,
        /// Reps.
        #[arg(long, default_value_t = 2_000)]
        reps: u64,
        /// Deals.
        #[arg(long, default_value_t = 2_000_000)]
        deals: u64,
        /// Activities.
        #[arg(long, default_value_t = 10_000_000)]
        activities: u64,
        /// Keep the generated database at this path (default: a temporary file).
        #[arg(long)]
        keep: Option<std::path::PathBuf>,
    },
    /// Import clients and contacts CSV files into SQLite through the whole import pipeline,
    /// beside the sqlite3 shell's `.import` of the same files (apt-get install sqlite3), at a
    /// quarter of the sizes and at the sizes given, with the peak memory of each run.
    Import {
        /// Clients in the larger file.
        #[arg(long, default_value_t = 1_000_000)]
        clients: u64,
        /// Contacts in the larger file.
        #[arg(long, default_value_t = 2_000_000)]
        contacts: u64,
    },
    /// One file of `bench import`, in a process of its own so that its peak memory is its
    /// own: prints the seconds and the peak resident kB.
    #[command(hide = true)]
    ImportRun {
        /// clients or contacts.
        entity: String,
        /// The generated file.
        file: std::path::PathBuf,
        /// The base to import into.
        db: String,
        /// The rows the file holds.
        rows: u64,
    },
    /// Open client cards as a rep at many connections, with the audit of reads on and off,
    /// driven by `wrk` (apt-get install wrk) against two servers on loopback.
    Audit {
        /// Concurrent connections.
        #[arg(long, default_value_t = 64)]
        connections: u32,
        /// Seconds per run.
        #[arg(long, default_value_t = 10)]
        seconds: u32,
        /// A PostgreSQL server URL to measure instead of SQLite (a scratch database is used).
        #[arg(long)]
        postgres: Option<String>,
    },
    /// Log activities on PostgreSQL from 1 writer, from many on one server and from many on two
    /// servers (every write locks the audit chain's head), then check the chain is whole.
    Writes {
        /// The PostgreSQL server (a scratch database is created and dropped).
        #[arg(long)]
        postgres: String,
        /// Concurrent writers of the busy runs.
        #[arg(long, default_value_t = 64)]
        writers: u32,
        /// Seconds per run.
        #[arg(long, default_value_t = 10)]
        seconds: u32,
    },
    /// Plan the redistribution of generated books (clients × reps) and solve the same networks
    /// with HiGHS (Python's highspy, installed by the script when missing): the costs must agree
    /// within 0.1 %; prints the times and the peak memory.
    Planner {
        /// Books as CLIENTSxREPS, comma-separated.
        #[arg(long, default_value = "1000x20,10000x200,100000x500", value_delimiter = ',', value_parser = parse_sizes)]
        sizes: Vec<(usize, usize)>,
        /// Each rep's clients within this many percent of the team's mean.
        #[arg(long, default_value_t = 10)]
        balance: u8,
        /// Skip HiGHS.
        #[arg(long)]
        no_highs: bool,
    },
}

/// Parses `CLIENTSxREPS` (e.g. `1000x20`).
fn parse_sizes(s: &str) -> Result<(usize, usize), String> {
    let (c, r) = s.split_once('x').ok_or_else(|| format!("'{s}': expected CLIENTSxREPS, e.g. 1000x20"))?;
    let n = |v: &str| v.trim().parse::<usize>().map_err(|_| format!("'{v}' is not a number"));
    match (n(c)?, n(r)?) {
        (_, 0) => Err("a book needs at least one rep".into()),
        sizes => Ok(sizes),
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<time::Date, String> {
    time::Date::parse(s, &time::format_description::well_known::Iso8601::DATE)
        .map_err(|_| format!("'{s}' is not a date; write it as YYYY-MM-DD"))
}
