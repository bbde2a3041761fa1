//! CRM spot checks and investigations (article 000): each week a seeded random sample of every
//! rep's contacts is checked by someone who is not their holder; a contact found wrong opens an
//! investigation of who wrote it, the holder's explanation and the head's finding.

use crate::meeting::Quarter;
use crate::rules::reports::week_of;
use crate::seeded::Rng;
use crate::validate::Checks;
use crate::{word_enum, ClientId, Conflict, ContactId, CoreError, EmployeeId, Reason};
use crate::{InvestigationId, SpotCheckId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};

/// Days a contact drawn once is not drawn again (a quarter).
pub const REST_DAYS: i64 = 91;

word_enum!(
    /// What the verifier found when he checked a contact with the client.
    CheckOutcome {
        /// The person is there and the data are right.
        Confirmed = "confirmed",
        /// The phone is wrong.
        WrongPhone = "wrong_phone",
        /// The e-mail is wrong.
        WrongEmail = "wrong_email",
        /// The person no longer works at the client.
        LeftClient = "left_client",
        /// The client does not know the person.
        UnknownToClient = "unknown_to_client",
        /// The client would not talk.
        Refused = "refused",
    }
);

impl CheckOutcome {
    /// The data were found wrong: an investigation opens.
    pub fn wrong(self) -> bool {
        !matches!(self, CheckOutcome::Confirmed | CheckOutcome::Refused)
    }
}

word_enum!(
    /// The head's finding that closes an investigation.
    Finding {
        /// A typo or a misunderstanding.
        HonestMistake = "honest_mistake",
        /// The client changed (the person left, the number changed).
        ClientChanged = "client_changed",
        /// The data were made up: it counts against the rep and raises an alert.
        Invented = "invented",
    }
);

/// A contact that may be drawn, with what weighs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The contact.
    pub contact_id: ContactId,
    /// Its client.
    pub client_id: ClientId,
    /// The client's holder.
    pub holder_id: EmployeeId,
    /// The client is a key client.
    pub key: bool,
    /// When the contact was last verified.
    pub verified_on: Option<Date>,
    /// When it was last drawn.
    pub last_drawn: Option<Date>,
}

/// How much more likely a contact is drawn: 3× for a key client's, and 1 more for each 90 days
/// it has gone unverified (5 when never), so the oldest data are checked first.
pub fn weight(c: &Candidate, today: Date) -> u32 {
    let stale = c.verified_on.map_or(5, |d| 1 + ((today - d).whole_days().max(0) / 90).min(4) as u32);
    stale * if c.key { 3 } else { 1 }
}

/// One contact drawn, with its weight and who checks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Drawn {
    /// The contact.
    pub contact_id: ContactId,
    /// Its client.
    pub client_id: ClientId,
    /// The client's holder.
    pub holder_id: EmployeeId,
    /// Its weight in the draw.
    pub weight: u32,
    /// Who checks it (never the holder).
    pub verifier_id: EmployeeId,
}

/// Who may check a holder's contacts: the staff chosen in the settings in turn, else the head
/// of his team, else an administrator; never the holder himself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verifiers {
    /// The staff chosen in the settings (of the department `spot_check_department`).
    pub staff: Vec<EmployeeId>,
    /// The head of each holder's team.
    pub heads: BTreeMap<EmployeeId, EmployeeId>,
    /// The active administrators.
    pub admins: Vec<EmployeeId>,
}

impl Verifiers {
    /// The verifier of the `n`-th check of `holder`'s contacts.
    pub fn of(&self, holder: EmployeeId, n: usize) -> Option<EmployeeId> {
        let staff: Vec<EmployeeId> = self.staff.iter().copied().filter(|e| *e != holder).collect();
        if !staff.is_empty() {
            return Some(staff[n % staff.len()]);
        }
        self.heads
            .get(&holder)
            .copied()
            .filter(|h| *h != holder)
            .or_else(|| self.admins.iter().copied().find(|a| *a != holder))
    }
}

/// The week's draw on `today` from `seed`: up to `per_rep` contacts of each holder, weighted
/// by [`weight`], none drawn in the last [`REST_DAYS`] days, each with its verifier. The same
/// candidates and seed give the same draw on every machine.
pub fn draw(candidates: &[Candidate], per_rep: u32, today: Date, seed: u64, verifiers: &Verifiers) -> Vec<Drawn> {
    let mut by_holder: BTreeMap<EmployeeId, Vec<&Candidate>> = BTreeMap::new();
    for c in candidates.iter().filter(|c| c.last_drawn.is_none_or(|d| (today - d).whole_days() >= REST_DAYS)) {
        by_holder.entry(c.holder_id).or_default().push(c);
    }
    let mut out = Vec::new();
    for (holder, mut pool) in by_holder {
        pool.sort_by_key(|c| c.contact_id);
        // Weighted sampling without replacement (Efraimidis–Spirakis): the largest u^(1/w).
        let mut rng = Rng::stream(seed, u64::from_le_bytes(holder.0.as_bytes()[..8].try_into().unwrap_or_default()));
        let mut keyed: Vec<(f64, &Candidate)> = pool
            .into_iter()
            .map(|c| (rng.unit().max(f64::MIN_POSITIVE).powf(1.0 / f64::from(weight(c, today))), c))
            .collect();
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.contact_id.cmp(&b.1.contact_id)));
        for (n, (_, c)) in keyed.into_iter().take(per_rep as usize).enumerate() {
            if let Some(verifier_id) = verifiers.of(holder, n) {
                out.push(Drawn {
                    contact_id: c.contact_id,
                    client_id: c.client_id,
                    holder_id: holder,
                    weight: weight(c, today),
                    verifier_id,
                });
            }
        }
    }
    out
}

/// A contact drawn for a check, and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SpotCheck {
    /// Id.
    pub id: SpotCheckId,
    /// The Monday of the draw's week.
    pub week: Date,
    /// The draw's seed (to draw it again).
    pub seed: String,
    /// The contact.
    pub contact_id: ContactId,
    /// Its client.
    pub client_id: ClientId,
    /// The client's holder when drawn.
    pub holder_id: EmployeeId,
    /// Who checks it.
    pub verifier_id: EmployeeId,
    /// Its weight in the draw.
    pub weight: u32,
    /// What was found (none: not checked yet).
    pub outcome: Option<CheckOutcome>,
    /// The verifier's note.
    pub note: Option<String>,
    /// When checked.
    pub checked_on: Option<Date>,
    /// The investigation it opened.
    pub investigation_id: Option<InvestigationId>,
}

/// What a verifier records.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CheckResult {
    /// What was found.
    pub outcome: CheckOutcome,
    /// A note (required unless confirmed).
    pub note: Option<String>,
}

impl CheckResult {
    /// The result checked: a wrong or refused finding says what happened.
    pub fn checked(mut self) -> Result<CheckResult, CoreError> {
        let mut c = Checks::new();
        self.note = c.optional_text("note", self.note.as_deref(), 1000);
        if self.outcome != CheckOutcome::Confirmed && self.note.is_none() {
            c.fail("note", Reason::Required);
        }
        c.finish()?;
        Ok(self)
    }
}

/// An investigation of contact data found wrong.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Investigation {
    /// Id.
    pub id: InvestigationId,
    /// The check that opened it.
    pub check_id: SpotCheckId,
    /// The contact.
    pub contact_id: ContactId,
    /// Its client.
    pub client_id: ClientId,
    /// The holder whose data were found wrong.
    pub holder_id: EmployeeId,
    /// What the check found.
    pub outcome: CheckOutcome,
    /// The verifier's note.
    pub note: Option<String>,
    /// Who created the contact and who changed it, with each change (from the audit log).
    pub history: serde_json::Value,
    /// The holder's explanation.
    pub explanation: Option<String>,
    /// The head's finding.
    pub finding: Option<Finding>,
    /// The correction made.
    pub correction: Option<String>,
    /// When opened.
    pub opened_on: Date,
    /// When closed (none: open).
    pub closed_on: Option<Date>,
    /// Who closed it.
    pub closed_by: Option<EmployeeId>,
    /// When last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A step of an investigation: the holder explains, a head closes it with his finding.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum InvestigationStep {
    /// The holder's explanation.
    Explain {
        /// What happened, in his words.
        explanation: String,
    },
    /// The head's finding and the correction made; closes it.
    Close {
        /// The finding.
        finding: Finding,
        /// What was corrected in the data.
        correction: String,
    },
}

impl Investigation {
    /// The investigation after `step` by `by` (`oversees`: a head of the holder or an admin) on
    /// `today`: only the holder explains, only an overseer closes, and only while it is open.
    pub fn stepped(
        &self,
        step: InvestigationStep,
        by: EmployeeId,
        oversees: bool,
        today: Date,
        now: OffsetDateTime,
    ) -> Result<Investigation, CoreError> {
        if self.closed_on.is_some() {
            return Err(CoreError::Conflict(Conflict::InvestigationClosed));
        }
        let mut c = Checks::new();
        let mut next = Investigation { updated_at: now, ..self.clone() };
        match step {
            InvestigationStep::Explain { explanation } => {
                if by != self.holder_id {
                    return Err(CoreError::Forbidden("only the holder explains his data".into()));
                }
                next.explanation = Some(c.text("explanation", &explanation, 2000));
            }
            InvestigationStep::Close { finding, correction } => {
                if !oversees || by == self.holder_id {
                    return Err(CoreError::Forbidden(
                        "a head of sales or an administrator closes an investigation".into(),
                    ));
                }
                next.correction = Some(c.text("correction", &correction, 2000));
                next.finding = Some(finding);
                next.closed_on = Some(today);
                next.closed_by = Some(by);
            }
        }
        c.finish()?;
        Ok(next)
    }
}

/// Per holder, how his sampled contacts fared.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RepAccuracy {
    /// The holder.
    pub holder_id: EmployeeId,
    /// Contacts drawn.
    pub drawn: u32,
    /// Of them checked (refusals included).
    pub checked: u32,
    /// Found wrong.
    pub wrong: u32,
    /// Wrong as a share of those checked with an answer (refusals left out), percent.
    pub wrong_percent: f64,
    /// Investigations closed in the quarter as invented data.
    pub invented: u32,
}

/// Per holder and quarter (its first day), the share of his sampled contacts found wrong: the
/// latest quarter first, then the largest share.
pub fn accuracy(checks: &[SpotCheck], findings: &[(EmployeeId, Date, Finding)]) -> Vec<(Date, RepAccuracy)> {
    let quarter = |d: Date| Quarter::of(d).first_day();
    // Each line with the checks answered (refusals left out), the share's denominator.
    let mut by: BTreeMap<(Date, EmployeeId), (RepAccuracy, u32)> = BTreeMap::new();
    for c in checks {
        let entry = by.entry((quarter(c.week), c.holder_id));
        let (a, answered) = entry.or_insert_with(|| (RepAccuracy { holder_id: c.holder_id, ..Default::default() }, 0));
        a.drawn += 1;
        if let Some(o) = c.outcome {
            a.checked += 1;
            a.wrong += u32::from(o.wrong());
            *answered += u32::from(o != CheckOutcome::Refused);
        }
    }
    for (h, on, _) in findings.iter().filter(|(_, _, f)| *f == Finding::Invented) {
        if let Some((a, _)) = by.get_mut(&(quarter(*on), *h)) {
            a.invented += 1;
        }
    }
    let mut out: Vec<(Date, RepAccuracy)> = by
        .into_iter()
        .map(|((q, _), (mut a, answered))| {
            a.wrong_percent =
                if answered == 0 { 0.0 } else { (f64::from(a.wrong) * 1000.0 / f64::from(answered)).round() / 10.0 };
            (q, a)
        })
        .collect();
    out.sort_by(|a, b| {
        b.0.cmp(&a.0).then(b.1.wrong_percent.total_cmp(&a.1.wrong_percent)).then(a.1.holder_id.cmp(&b.1.holder_id))
    });
    out
}

/// Draws the week of `today` once from `seed` (read at the edge and recorded with every
/// check): `None` when the week was drawn already or spot checks are off, else the checks drawn.
pub async fn draw_week<S: crate::store::SpotCheckStore + crate::store::SettingsStore>(
    store: &S,
    actor: &crate::Actor,
    today: Date,
    seed: u64,
) -> crate::error::CoreResult<Option<usize>> {
    let week = week_of(today);
    let settings = store.settings().await?;
    if settings.spot_check_per_rep == 0 || store.week_drawn(week).await? {
        return Ok(None);
    }
    let department = settings.spot_check_department.parse().ok();
    let (candidates, verifiers) = store.spot_facts(today, department).await?;
    let drawn = draw(&candidates, settings.spot_check_per_rep as u32, today, seed, &verifiers);
    Ok(store.record_draw(actor, week, seed, &drawn).await?.then_some(drawn.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};
    use time::Duration;

    const TODAY: Date = date!(2026 - 12 - 07);

    fn candidate(holder: EmployeeId, key: bool, verified_on: Option<Date>, last_drawn: Option<Date>) -> Candidate {
        Candidate {
            contact_id: ContactId::new(),
            client_id: ClientId::new(),
            holder_id: holder,
            key,
            verified_on,
            last_drawn,
        }
    }

    #[test]
    fn the_draw_is_weighted_reproducible_and_rests_a_contact_for_a_quarter() {
        assert_eq!(weight(&candidate(EmployeeId::new(), true, None, None), TODAY), 15);
        assert_eq!(weight(&candidate(EmployeeId::new(), false, Some(TODAY - Duration::days(100)), None), TODAY), 2);
        let (rep, other, head) = (EmployeeId::new(), EmployeeId::new(), EmployeeId::new());
        let mut pool: Vec<Candidate> = (0..40).map(|_| candidate(rep, false, Some(TODAY), None)).collect();
        let key = candidate(rep, true, None, None);
        let rested = candidate(rep, true, None, Some(TODAY - Duration::days(30)));
        pool.extend([key.clone(), rested.clone(), candidate(other, false, None, None)]);
        let verifiers = Verifiers { heads: [(rep, head), (other, head)].into(), ..Verifiers::default() };
        let a = draw(&pool, 3, TODAY, 42, &verifiers);
        assert_eq!(a, draw(&pool, 3, TODAY, 42, &verifiers), "the same seed, the same draw");
        assert_eq!(a.iter().filter(|d| d.holder_id == rep).count(), 3);
        assert_eq!(a.iter().filter(|d| d.holder_id == other).count(), 1, "all he has");
        assert!(a.iter().all(|d| d.verifier_id == head));
        assert!(!a.iter().any(|d| d.contact_id == rested.contact_id), "drawn a month ago: resting");
        // Over 200 seeds the key client's never-verified contact (weight 15 against 1) is drawn
        // in more than half the weeks (1 - 40/55 · 39/54 · 38/53 ≈ 62 %), an ordinary one in
        // about 6 %.
        let hits = |id: ContactId| {
            (0..200).filter(|s| draw(&pool, 3, TODAY, *s, &verifiers).iter().any(|d| d.contact_id == id)).count()
        };
        let (heavy, light) = (hits(key.contact_id), hits(pool[0].contact_id));
        assert!(heavy > 100 && light < 30, "{heavy} against {light}");
        // The head checks his own book? No: an administrator does; staff chosen go first.
        let own = Verifiers { heads: [(head, head)].into(), admins: vec![other], ..Verifiers::default() };
        assert_eq!(own.of(head, 0), Some(other));
        let staff = Verifiers { staff: vec![other, head], ..Verifiers::default() };
        assert_eq!((staff.of(rep, 0), staff.of(rep, 1)), (Some(other), Some(head)));
    }

    #[test]
    fn an_investigation_is_explained_by_the_holder_and_closed_by_a_head() {
        let (rep, head) = (EmployeeId::new(), EmployeeId::new());
        let now = datetime!(2026-12-07 10:00 UTC);
        let i = Investigation {
            id: InvestigationId::new(),
            check_id: SpotCheckId::new(),
            contact_id: ContactId::new(),
            client_id: ClientId::new(),
            holder_id: rep,
            outcome: CheckOutcome::UnknownToClient,
            note: Some("никто не знает".into()),
            history: serde_json::json!([]),
            explanation: None,
            finding: None,
            correction: None,
            opened_on: TODAY,
            closed_on: None,
            closed_by: None,
            updated_at: now,
        };
        let explain =
            || InvestigationStep::Explain { explanation: "записал со слов секретаря".into() };
        assert!(matches!(i.stepped(explain(), head, true, TODAY, now), Err(CoreError::Forbidden(_))));
        let i = i.stepped(explain(), rep, false, TODAY, now).unwrap();
        let close = |f| InvestigationStep::Close { finding: f, correction: "контакт удалён".into() };
        assert!(matches!(i.stepped(close(Finding::Invented), rep, false, TODAY, now), Err(CoreError::Forbidden(_))));
        let closed = i.stepped(close(Finding::Invented), head, true, TODAY, now).unwrap();
        assert_eq!(
            (closed.finding, closed.closed_on, closed.closed_by),
            (Some(Finding::Invented), Some(TODAY), Some(head))
        );
        assert!(closed.stepped(explain(), rep, false, TODAY, now).is_err(), "closed");
        let no_note = CheckResult { outcome: CheckOutcome::WrongPhone, note: None }.checked();
        assert!(no_note.is_err());
        assert!(CheckResult { outcome: CheckOutcome::Confirmed, note: None }.checked().is_ok());
    }

    #[test]
    fn accuracy_per_rep_and_quarter_leaves_refusals_out() {
        let rep = EmployeeId::new();
        let check = |week: Date, outcome| SpotCheck {
            id: SpotCheckId::new(),
            week,
            seed: "1".into(),
            contact_id: ContactId::new(),
            client_id: ClientId::new(),
            holder_id: rep,
            verifier_id: EmployeeId::new(),
            weight: 1,
            outcome,
            note: None,
            checked_on: None,
            investigation_id: None,
        };
        let w = week_of(TODAY);
        assert_eq!(w, date!(2026 - 12 - 07));
        let checks = [
            check(w, Some(CheckOutcome::Confirmed)),
            check(w, Some(CheckOutcome::WrongPhone)),
            check(w, Some(CheckOutcome::Refused)),
            check(w, None),
            check(date!(2026 - 09 - 07), Some(CheckOutcome::Confirmed)),
        ];
        let a = accuracy(&checks, &[(rep, TODAY, Finding::Invented)]);
        assert_eq!(a[0].0, date!(2026 - 10 - 01));
        assert_eq!((a[0].1.drawn, a[0].1.checked, a[0].1.wrong, a[0].1.wrong_percent), (4, 3, 1, 50.0));
        assert_eq!(a[0].1.invented, 1);
        assert_eq!((a[1].0, a[1].1.wrong_percent, a[1].1.invented), (date!(2026 - 07 - 01), 0.0, 0));
    }
}
