//! The company's settings, and the phones of channels read in its region.

use crate::audit;
use crate::sql::{q_all, q_exec, Conn};
use crate::Db;
use sprut_core::meeting::MeetingRule;
use sprut_core::settings::Settings;
use sprut_core::store::SettingsStore;
use sprut_core::touch::TouchCadence;
use sprut_core::Reason;
use sprut_core::*;

/// Reads the phones of `channels` in the company's phone region (E.164 where they are numbers);
/// reads the settings only when there is a channel to read.
pub(crate) async fn read_channels(
    conn: Conn<'_>,
    channels: &mut [sprut_core::channel::Channel],
) -> Result<(), CoreError> {
    if !channels.is_empty() {
        let region = settings_in(conn).await?.phone_region;
        sprut_core::channel::normalise_all(channels, &region);
    }
    Ok(())
}

/// The company's settings as `conn` sees them (in a transaction: as of its start).
pub(crate) async fn settings_in(conn: Conn<'_>) -> Result<Settings, CoreError> {
    let pairs: Vec<(String, String)> = q_all!(conn, (String, String), "SELECT key, value FROM settings ORDER BY key")?;
    Ok(Settings::from_pairs(&pairs))
}

impl SettingsStore for Db {
    async fn settings(&self) -> Result<Settings, CoreError> {
        settings_in(self.read().await?.conn()).await
    }

    async fn save_settings(&self, actor: &Actor, s: &Settings) -> Result<(), CoreError> {
        let mut c = sprut_core::validate::Checks::new();
        c.text("company_name", &s.company_name, 200);
        c.text("time_zone", &s.time_zone, 64);
        if sprut_core::money::Currency::parse(&s.currency).is_err() {
            c.fail("currency", Reason::Currency { value: s.currency.clone() });
        }
        if !(1..=3650).contains(&s.default_cycle_days) {
            c.fail("default_cycle_days", Reason::Range { min: 1, max: Some(3650) });
        }
        if !(0..=3650).contains(&s.rest_days) {
            c.fail("rest_days", Reason::Range { min: 0, max: Some(3650) });
        }
        c.finish()?;
        let mut tx = self.write().await?;
        let before = settings_in(tx.conn()).await?;
        for (k, v) in s.to_pairs() {
            q_exec!(
                tx.conn(),
                "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                k,
                v
            )?;
        }
        let read_by_rules = |s: &Settings| (TouchCadence::from_settings(s), MeetingRule::from_settings(s));
        if read_by_rules(&before) != read_by_rules(s) {
            crate::holding_plan::all_stale(tx.conn()).await?;
        }
        audit::record(&mut tx, actor, "settings.update", "settings", "company", audit::change(&before, s)).await?;
        tx.commit().await
    }
}
