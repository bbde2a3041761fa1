//! Daily jobs claimed once per day, whichever process gets there first: a row in `job_runs`
//! inserted in the transaction that does the day's work (on PostgreSQL also under an
//! advisory lock, so a second server gives up at once instead of waiting).

use crate::sql::{q_exec, Tx};
use sprut_core::CoreError;
use time::{Date, OffsetDateTime};

/// Claims `job` for `day` inside `tx`: `false` when another transaction has it or had it
/// (the caller then rolls back and does nothing).
pub(crate) async fn claim_day(tx: &mut Tx, job: &str, day: Date, now: OffsetDateTime) -> Result<bool, CoreError> {
    if let Tx::Pg(_) = tx {
        let locked: bool = crate::sql::q_scalar!(
            tx.conn(),
            bool,
            "SELECT pg_try_advisory_xact_lock(hashtext('sprut.job.' || $1))",
            job
        )?;
        if !locked {
            return Ok(false);
        }
    }
    let claimed = q_exec!(
        tx.conn(),
        "INSERT INTO job_runs (job, day, started_at) VALUES ($1, $2, $3) ON CONFLICT (job, day) DO NOTHING",
        job,
        day,
        now,
    )?;
    Ok(claimed == 1)
}

/// Whether `job` ran (was claimed) for `day`.
pub(crate) async fn day_claimed(conn: crate::sql::Conn<'_>, job: &str, day: Date) -> Result<bool, CoreError> {
    let runs = crate::sql::q_scalar!(conn, i64, "SELECT COUNT(*) FROM job_runs WHERE job = $1 AND day = $2", job, day)?;
    Ok(runs > 0)
}

/// The last day `job` ran (was claimed) for, if ever.
pub(crate) async fn last_day(conn: crate::sql::Conn<'_>, job: &str) -> Result<Option<Date>, CoreError> {
    crate::sql::q_scalar!(conn, Option<Date>, "SELECT MAX(day) FROM job_runs WHERE job = $1", job)
}
