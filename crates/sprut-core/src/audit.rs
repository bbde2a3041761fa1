//! The audit log: who did what to which record, when. Append-only and hash-chained: each
//! event carries the hash of the one before, so an edited, removed or reordered event breaks
//! the chain at the first place it was touched.

use crate::{AuditEventId, EmployeeId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// The `prev_hash` of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event to append: the chain position and hash are given by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEvent {
    /// When it happened (stored to the microsecond, in UTC).
    pub at: OffsetDateTime,
    /// Who did it (`None`: the system or an anonymous caller).
    pub actor_id: Option<EmployeeId>,
    /// What was done, e.g. `client.update`, `client.view`, `access.denied`.
    pub action: String,
    /// The kind of record, e.g. `client`.
    pub entity: String,
    /// The record's id, when there is one.
    pub entity_id: Option<String>,
    /// The caller's address.
    pub ip: Option<String>,
    /// The caller's program.
    pub user_agent: Option<String>,
    /// JSON details (before/after values of a change, the filter of an export...).
    pub details: String,
}

/// A stored event with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AuditEvent {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// Id.
    pub id: AuditEventId,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who.
    pub actor_id: Option<EmployeeId>,
    /// What.
    pub action: String,
    /// Kind of record.
    pub entity: String,
    /// Record id.
    pub entity_id: Option<String>,
    /// Address.
    pub ip: Option<String>,
    /// Program.
    pub user_agent: Option<String>,
    /// Details as stored (JSON text).
    pub details: String,
    /// Hash of the previous event.
    pub prev_hash: String,
    /// Hash of this event.
    pub hash: String,
}

/// `at` as the chain stores and hashes it: UTC, whole microseconds (what both engines keep).
pub fn stored_instant(at: OffsetDateTime) -> OffsetDateTime {
    let at = at.to_offset(UtcOffset::UTC);
    at.replace_nanosecond(at.nanosecond() / 1000 * 1000).unwrap_or(at)
}

/// The hash of an event given its content and the previous hash: SHA-256 (hex) of a JSON
/// array of every field, so no field can be changed or moved into another undetected.
pub fn event_hash(seq: i64, id: AuditEventId, e: &NewAuditEvent, prev_hash: &str) -> String {
    let at = stored_instant(e.at).format(&Rfc3339).unwrap_or_default();
    let canonical = serde_json::json!([
        seq,
        id.to_string(),
        at,
        e.actor_id.map(|a| a.to_string()),
        e.action,
        e.entity,
        e.entity_id,
        e.ip,
        e.user_agent,
        e.details,
        prev_hash
    ]);
    hex(&Sha256::digest(canonical.to_string().as_bytes()))
}

impl AuditEvent {
    /// The event's content, as it was appended.
    pub fn content(&self) -> NewAuditEvent {
        NewAuditEvent {
            at: self.at,
            actor_id: self.actor_id,
            action: self.action.clone(),
            entity: self.entity.clone(),
            entity_id: self.entity_id.clone(),
            ip: self.ip.clone(),
            user_agent: self.user_agent.clone(),
            details: self.details.clone(),
        }
    }

    /// The hash this event should carry.
    pub fn expected_hash(&self) -> String {
        event_hash(self.seq, self.id, &self.content(), &self.prev_hash)
    }
}

/// Where and why the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct BrokenLink {
    /// The first event that does not check out (or the position where one is missing).
    pub seq: i64,
    /// Its id, when the event exists.
    pub id: Option<AuditEventId>,
    /// What is wrong.
    pub reason: String,
}

/// A position of the chain and its hash, kept outside the database (the server log, the
/// auditors' mail): a later log must still hold that event with that hash, so cutting the
/// log back or rewriting it before the anchor is found out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AuditAnchor {
    /// The position.
    pub seq: i64,
    /// The hash of the event at that position.
    pub hash: String,
}

impl std::fmt::Display for AuditAnchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl std::str::FromStr for AuditAnchor {
    type Err = String;

    /// Reads `SEQ:HASH`, as [`AuditAnchor`]'s display writes it.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not an anchor: expected SEQ:HASH, e.g. 1204:3fa9… as the daily letter gives it");
        let (seq, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        let seq: i64 = seq.trim().parse().map_err(|_| bad())?;
        let hash = hash.trim().to_ascii_lowercase();
        if seq < 0 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Self { seq, hash })
    }
}

/// Walks the chain event by event (in `seq` order) and stops at the first broken link; with
/// an anchor, also proves the chain still holds it.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    prev_hash: String,
    next_seq: i64,
    anchor: Option<AuditAnchor>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { prev_hash: GENESIS.to_string(), next_seq: 1, anchor: None }
    }
}

impl ChainVerifier {
    /// A verifier that also checks the chain against `anchor`.
    pub fn with_anchor(anchor: Option<AuditAnchor>) -> Self {
        Self { anchor, ..Self::default() }
    }

    /// Checks the next event of the chain.
    pub fn check(&mut self, e: &AuditEvent) -> Result<(), BrokenLink> {
        let broken = |seq, reason: &str| Err(BrokenLink { seq, id: Some(e.id), reason: reason.into() });
        if e.seq != self.next_seq {
            return Err(BrokenLink {
                seq: self.next_seq,
                id: None,
                reason: format!("event {} is missing (the next stored event is {})", self.next_seq, e.seq),
            });
        }
        if e.prev_hash != self.prev_hash {
            return broken(
                e.seq,
                "its link to the previous event does not match: an event before it was changed or removed",
            );
        }
        if e.expected_hash() != e.hash {
            return broken(e.seq, "its content does not match its hash: the event was changed");
        }
        if self.anchor.as_ref().is_some_and(|a| a.seq == e.seq && a.hash != e.hash) {
            return broken(
                e.seq,
                "it is not the event the anchor recorded: the log was rewritten up to here after the anchor was taken",
            );
        }
        self.prev_hash = e.hash.clone();
        self.next_seq += 1;
        Ok(())
    }

    /// Checks the end of the chain against the head the store keeps (last seq and hash).
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, BrokenLink> {
        let last = self.next_seq - 1;
        if let Some(a) = self.anchor.as_ref().filter(|a| a.seq > last) {
            return Err(BrokenLink {
                seq: last + 1,
                id: None,
                reason: format!(
                    "the log ends at event {last}, before the anchored event {}: the newest events were removed",
                    a.seq
                ),
            });
        }
        if head_seq != last || head_hash != self.prev_hash {
            return Err(BrokenLink {
                seq: last + 1,
                id: None,
                reason: format!("the chain ends at event {last} but the log recorded {head_seq} events: the newest ones were removed"),
            });
        }
        Ok(last)
    }
}

/// Which events to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct AuditFilter {
    /// Only this employee's actions.
    pub actor_id: Option<EmployeeId>,
    /// Only this action (e.g. `client.view`).
    pub action: Option<String>,
    /// Only this kind of record.
    pub entity: Option<String>,
    /// Only this record.
    pub entity_id: Option<String>,
    /// From this day (inclusive, `YYYY-MM-DD`).
    pub from: Option<time::Date>,
    /// Until this day (inclusive).
    pub to: Option<time::Date>,
}

/// Walks the whole stored chain and checks every link and the head, that no event sits
/// outside the chain, and the `anchor` when given: `Ok(events)` when intact, else the first
/// broken link. `progress(checked, total)` is called after each batch.
pub async fn verify<S: crate::store::Store>(
    store: &S,
    anchor: Option<AuditAnchor>,
    mut progress: impl FnMut(i64, i64),
) -> crate::error::CoreResult<Result<i64, BrokenLink>> {
    let (foreign, first) = store.audit_unchained().await?;
    if foreign > 0 {
        return Ok(Err(BrokenLink {
            seq: 0,
            id: first,
            reason: format!(
                "{foreign} event(s) have no place in the chain: they were written into the database directly, not by sprut"
            ),
        }));
    }
    let (head_seq, head_hash) = store.audit_head().await?;
    let mut verifier = ChainVerifier::with_anchor(anchor);
    let mut after = 0;
    loop {
        let batch = store.audit_chain(after, 5000).await?;
        let Some(last) = batch.last() else { break };
        after = last.seq;
        for e in &batch {
            if let Err(broken) = verifier.check(e) {
                return Ok(Err(broken));
            }
        }
        progress(after, head_seq);
    }
    Ok(verifier.finish(head_seq, &head_hash))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Vec<AuditEvent> {
        let mut prev = GENESIS.to_string();
        (1..=n as i64)
            .map(|seq| {
                let content = NewAuditEvent {
                    at: OffsetDateTime::UNIX_EPOCH + time::Duration::nanoseconds(seq * 1_234_567),
                    actor_id: None,
                    action: "client.view".into(),
                    entity: "client".into(),
                    entity_id: Some(format!("c{seq}")),
                    ip: None,
                    user_agent: None,
                    details: "{}".into(),
                };
                let id = AuditEventId::new();
                let hash = event_hash(seq, id, &content, &prev);
                AuditEvent {
                    seq,
                    id,
                    at: stored_instant(content.at),
                    actor_id: None,
                    action: content.action,
                    entity: content.entity,
                    entity_id: content.entity_id,
                    ip: None,
                    user_agent: None,
                    details: content.details,
                    prev_hash: std::mem::replace(&mut prev, hash.clone()),
                    hash,
                }
            })
            .collect()
    }

    fn verify(events: &[AuditEvent], head: (i64, &str)) -> Result<i64, BrokenLink> {
        let mut v = ChainVerifier::default();
        for e in events {
            v.check(e)?;
        }
        v.finish(head.0, head.1)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify(&c, (5, &c[4].hash)), Ok(5));
        assert_eq!(verify(&[], (0, GENESIS)), Ok(0));
    }

    #[test]
    fn each_kind_of_tampering_names_the_first_broken_event() {
        let c = chain(5);
        let mut edited = c.clone();
        edited[2].details = r#"{"after":"changed"}"#.into();
        assert_eq!(verify(&edited, (5, &c[4].hash)).unwrap_err().seq, 3);
        let mut removed = c.clone();
        removed.remove(1);
        assert_eq!(verify(&removed, (5, &c[4].hash)).unwrap_err().seq, 2);
        let truncated = &c[..4];
        assert_eq!(verify(truncated, (5, &c[4].hash)).unwrap_err().seq, 5);
        let mut rehashed = c.clone();
        rehashed[1].action = "client.update".into();
        rehashed[1].hash = rehashed[1].expected_hash();
        assert_eq!(verify(&rehashed, (5, &c[4].hash)).unwrap_err().seq, 3, "the next link exposes a recomputed hash");
    }

    #[test]
    fn an_anchor_exposes_a_log_cut_back_or_rewritten() {
        let c = chain(5);
        let check = |events: &[AuditEvent], head: (i64, &str), anchor: AuditAnchor| {
            let mut v = ChainVerifier::with_anchor(Some(anchor));
            for e in events {
                v.check(e)?;
            }
            v.finish(head.0, head.1)
        };
        let anchor = AuditAnchor { seq: 4, hash: c[3].hash.clone() };
        assert_eq!(check(&c, (5, &c[4].hash), anchor.clone()), Ok(5));
        // The last two events deleted and the head rewound to event 3: consistent, but short.
        let cut = check(&c[..3], (3, &c[2].hash), anchor.clone()).unwrap_err();
        assert_eq!(cut.seq, 4);
        assert!(cut.reason.contains("before the anchored event 4"), "{}", cut.reason);
        // The whole chain recomputed after a change: every link holds, the anchor does not.
        let rewritten = chain(5);
        assert_eq!(check(&rewritten, (5, &rewritten[4].hash), anchor.clone()).unwrap_err().seq, 4);
        assert_eq!(format!("{anchor}").parse::<AuditAnchor>(), Ok(anchor));
        assert!("12:nothex".parse::<AuditAnchor>().is_err());
    }
}
