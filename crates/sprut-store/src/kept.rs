//! Figures kept per day: the sales-cycle histogram and the transfer report are computed once
//! (by the daily job or on the first page that needs them) and read back from `kept_days`
//! while the epoch they were computed at is current. Triggers move the epochs with any change
//! to their inputs (deals, segments, handovers), and an import or a bulk load moves them
//! itself, each in the transaction of the change. A development that starts today adds a cycle
//! sample of 0 days, which changes no figure but the count of open periods; it joins the next
//! day's table.

use crate::rotation::cycle_samples_in;
use crate::sql::{q_exec, q_opt, q_scalar, Conn};
use crate::Db;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sprut_core::rules::cycle::CycleSample;
use sprut_core::CoreError;
use std::future::Future;
use time::Date;

/// What is kept, under the epoch of its inputs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kept {
    /// The sales-cycle histogram.
    Cycle,
    /// The transfer outcome report.
    TransferReport,
}

impl Kept {
    fn kind(self) -> &'static str {
        match self {
            Kept::Cycle => "cycle",
            Kept::TransferReport => "transfer_report",
        }
    }

    fn epoch(self) -> &'static str {
        match self {
            Kept::Cycle => "cycle",
            Kept::TransferReport => "transfers",
        }
    }
}

/// The kept value of `day`, when its epoch is current.
async fn kept_in<T: DeserializeOwned>(conn: Conn<'_>, what: Kept, day: Date) -> Result<Option<T>, CoreError> {
    let body: Option<(String,)> = q_opt!(
        conn,
        (String,),
        "SELECT k.body FROM kept_days k JOIN kept_epochs e ON e.name = $2 AND e.n = k.epoch \
         WHERE k.kind = $1 AND k.day = $3",
        what.kind(),
        what.epoch(),
        day
    )?;
    // A body this build cannot read is computed again, not an error.
    Ok(body.and_then(|(s,)| serde_json::from_str(&s).ok()))
}

async fn epoch_in(conn: Conn<'_>, what: Kept) -> Result<i64, CoreError> {
    q_scalar!(conn, i64, "SELECT n FROM kept_epochs WHERE name = $1", what.epoch())
}

/// Keeps `value` of `day`, computed at `epoch`, unless the epoch has moved since; drops what
/// was kept at earlier epochs.
async fn keep_in<T: Serialize>(
    mut conn: Conn<'_>,
    what: Kept,
    day: Date,
    epoch: i64,
    value: &T,
) -> Result<(), CoreError> {
    let body = serde_json::to_string(value).map_err(|e| CoreError::storage_caused("keeping a day's figures", e))?;
    q_exec!(
        conn.reborrow(),
        "DELETE FROM kept_days WHERE kind = $1 AND (day = $2 OR epoch <> $3)",
        what.kind(),
        day,
        epoch
    )?;
    q_exec!(
        conn,
        "INSERT INTO kept_days (kind, day, epoch, body) SELECT $1, $2, $3, $4 FROM kept_epochs WHERE name = $5 AND n = $3",
        what.kind(),
        day,
        epoch,
        body,
        what.epoch()
    )?;
    Ok(())
}

/// Moves every epoch: whatever is kept is computed again when next needed.
pub(crate) async fn move_all_in(conn: Conn<'_>) -> Result<(), CoreError> {
    q_exec!(conn, "UPDATE kept_epochs SET n = n + 1")?;
    Ok(())
}

/// The sales-cycle histogram of `day` inside a write transaction: the kept one, else
/// computed on the same connection and kept.
pub(crate) async fn cycle_samples_kept_in(mut conn: Conn<'_>, day: Date) -> Result<Vec<CycleSample>, CoreError> {
    if let Some(samples) = kept_in(conn.reborrow(), Kept::Cycle, day).await? {
        return Ok(samples);
    }
    let epoch = epoch_in(conn.reborrow(), Kept::Cycle).await?;
    let samples = cycle_samples_in(conn.reborrow(), day).await?;
    keep_in(conn, Kept::Cycle, day, epoch, &samples).await?;
    Ok(samples)
}

impl Db {
    /// The value of `day`: the kept one, else computed by `compute` on a reader and kept in a
    /// short write (skipped when a change moved the epoch meanwhile).
    pub(crate) async fn kept_or<T, F, Fut>(&self, what: Kept, day: Date, compute: F) -> Result<T, CoreError>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, CoreError>>,
    {
        let epoch = {
            let mut r = self.read().await?;
            if let Some(value) = kept_in(r.conn(), what, day).await? {
                return Ok(value);
            }
            epoch_in(r.conn(), what).await?
        };
        let value = compute().await?;
        let mut tx = self.write().await?;
        keep_in(tx.conn(), what, day, epoch, &value).await?;
        tx.commit().await?;
        Ok(value)
    }

    /// Whether the sales cycle of `day` is kept and current.
    pub async fn cycle_is_kept(&self, day: Date) -> Result<bool, CoreError> {
        let kept: Option<serde_json::Value> = kept_in(self.read().await?.conn(), Kept::Cycle, day).await?;
        Ok(kept.is_some())
    }
}
