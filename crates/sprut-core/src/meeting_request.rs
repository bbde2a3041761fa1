//! Meeting requests (article 000): a head or a colleague asks to meet a client; its holder
//! accepts, postpones or declines with a reason. A holder who keeps others away from his client
//! — declines again and again, or postpones far — is a red flag the company is told about.

use crate::settings::Settings;
use crate::validate::Checks;
use crate::{word_enum, ClientId, Conflict, CoreError, EmployeeId, MeetingRequestId, Reason};
use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

/// Dates a request may propose.
pub const MAX_PROPOSED: usize = 3;

/// Days back the holder's earlier answers on the same client count towards the red flag.
pub const FLAG_WINDOW_DAYS: i64 = 365;

word_enum!(
    /// Where a request stands.
    RequestState {
        /// Waiting for the holder's answer.
        Open = "open",
        /// The holder agreed to one of the dates.
        Accepted = "accepted",
        /// The holder proposed a later date.
        Postponed = "postponed",
        /// The holder refused, with a reason.
        Declined = "declined",
        /// The one who asked took it back.
        Withdrawn = "withdrawn",
    }
);

word_enum!(
    /// What is done with an open request.
    Answer {
        /// The holder agrees to a date.
        Accept = "accept",
        /// The holder proposes a later date, with a reason.
        Postpone = "postpone",
        /// The holder refuses, with a reason.
        Decline = "decline",
        /// The one who asked takes it back.
        Withdraw = "withdraw",
    }
);

/// A request to meet a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MeetingRequest {
    /// Id.
    pub id: MeetingRequestId,
    /// The client.
    pub client_id: ClientId,
    /// Who asks.
    pub requested_by: EmployeeId,
    /// The client's holder when asked: who answers.
    pub holder_id: EmployeeId,
    /// Why the meeting.
    pub purpose: String,
    /// The dates proposed, earliest first.
    pub proposed_on: Vec<Date>,
    /// Where it stands.
    pub state: RequestState,
    /// The date agreed (accepted) or proposed instead (postponed).
    pub agreed_on: Option<Date>,
    /// The holder's reason (postponed, declined).
    pub reason: Option<String>,
    /// The answer raised a red flag on the holder.
    pub red_flag: bool,
    /// When asked.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When answered.
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
}

/// A request to make.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewMeetingRequest {
    /// The client.
    pub client_id: ClientId,
    /// Why the meeting (required).
    pub purpose: String,
    /// One to three dates, none in the past.
    pub proposed_on: Vec<Date>,
}

impl NewMeetingRequest {
    /// The request trimmed and checked on `today`, its dates sorted without repeats.
    pub fn checked(mut self, today: Date) -> Result<Self, CoreError> {
        let mut c = Checks::new();
        self.purpose = c.text("purpose", &self.purpose, 1000);
        self.proposed_on.sort();
        self.proposed_on.dedup();
        if self.proposed_on.is_empty() || self.proposed_on.len() > MAX_PROPOSED {
            c.fail("proposed_on", Reason::Range { min: 1, max: Some(MAX_PROPOSED as i64) });
        } else if self.proposed_on[0] < today {
            c.fail("proposed_on", Reason::Past { today });
        }
        c.finish()?;
        Ok(self)
    }
}

/// An answer to an open request.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MeetingAnswer {
    /// What is done.
    pub answer: Answer,
    /// The date: one of those proposed to accept (default the first still ahead), a later one
    /// to postpone.
    pub on: Option<Date>,
    /// Why (required to postpone or decline).
    pub reason: Option<String>,
}

impl MeetingRequest {
    /// The request after `a` by `by` on `today` at `now`: only its holder accepts, postpones or
    /// declines, only the one who asked withdraws, and only while it is open.
    pub fn answered(
        &self,
        a: MeetingAnswer,
        by: EmployeeId,
        today: Date,
        now: OffsetDateTime,
    ) -> Result<MeetingRequest, CoreError> {
        if self.state != RequestState::Open {
            return Err(CoreError::Conflict(Conflict::RequestAnswered { state: self.state.as_str().into() }));
        }
        let allowed = if a.answer == Answer::Withdraw { self.requested_by } else { self.holder_id };
        if by != allowed {
            return Err(CoreError::Forbidden(match a.answer {
                Answer::Withdraw => "only the one who asked withdraws a meeting request".into(),
                _ => "only the client's holder answers a meeting request".into(),
            }));
        }
        let mut c = Checks::new();
        let reason = c.optional_text("reason", a.reason.as_deref(), 1000);
        let (state, agreed_on) = match a.answer {
            Answer::Accept => {
                let ahead = self.proposed_on.iter().copied().find(|d| *d >= today);
                let on = a.on.or(ahead);
                match on {
                    Some(d) if self.proposed_on.contains(&d) && d >= today => {}
                    Some(d) if d < today => c.fail("on", Reason::Past { today }),
                    _ => c.fail("on", Reason::NotProposed),
                }
                (RequestState::Accepted, on)
            }
            Answer::Postpone => {
                match a.on {
                    None => c.fail("on", Reason::Required),
                    Some(d) if d < today => c.fail("on", Reason::Past { today }),
                    Some(d) if self.proposed_on.contains(&d) => c.fail("on", Reason::AlreadyProposed),
                    Some(_) => {}
                }
                if reason.is_none() {
                    c.fail("reason", Reason::Required);
                }
                (RequestState::Postponed, a.on)
            }
            Answer::Decline => {
                if reason.is_none() {
                    c.fail("reason", Reason::Required);
                }
                (RequestState::Declined, None)
            }
            Answer::Withdraw => (RequestState::Withdrawn, None),
        };
        c.finish()?;
        Ok(MeetingRequest { state, agreed_on, reason, answered_at: Some(now), ..self.clone() })
    }

    /// How far a postponement pushes the meeting past the earliest date proposed, in days.
    pub fn pushed_days(&self) -> Option<i64> {
        match (self.state, self.agreed_on, self.proposed_on.first()) {
            (RequestState::Postponed, Some(on), Some(first)) => Some((on - *first).whole_days()),
            _ => None,
        }
    }
}

/// Whether `answered` (just answered) raises the red flag on its holder, given his other
/// answers on the same client (`earlier`): declines within [`FLAG_WINDOW_DAYS`] reaching the
/// setting `meeting_decline_limit`, or a postponement past `meeting_postpone_days` after the
/// earliest date proposed. Returns the summary and the figures.
pub fn red_flag(
    answered: &MeetingRequest,
    earlier: &[MeetingRequest],
    today: Date,
    s: &Settings,
) -> Option<(String, serde_json::Value)> {
    let since = today - Duration::days(FLAG_WINDOW_DAYS);
    let same = |r: &&MeetingRequest| {
        r.id != answered.id
            && r.client_id == answered.client_id
            && r.holder_id == answered.holder_id
            && r.answered_at.is_some_and(|t| t.date() > since)
    };
    let declines = earlier.iter().filter(same).filter(|r| r.state == RequestState::Declined).count() as i64
        + i64::from(answered.state == RequestState::Declined);
    let postponements = earlier.iter().filter(same).filter(|r| r.state == RequestState::Postponed).count() as i64
        + i64::from(answered.state == RequestState::Postponed);
    let pushed = answered.pushed_days();
    let too_many = answered.state == RequestState::Declined && declines >= s.meeting_decline_limit;
    let too_far = pushed.is_some_and(|d| d > s.meeting_postpone_days);
    (too_many || too_far).then(|| {
        let summary = if too_many {
            format!(
                "declined a meeting with the client {declines} times in a year (limit {}); last reason: {}",
                s.meeting_decline_limit,
                answered.reason.as_deref().unwrap_or("")
            )
        } else {
            format!(
                "postponed a meeting with the client by {} days (limit {})",
                pushed.unwrap_or(0),
                s.meeting_postpone_days
            )
        };
        let details = serde_json::json!({
            "request_id": answered.id, "requested_by": answered.requested_by, "answer": answered.state.as_str(),
            "declines_in_year": declines, "postponements_in_year": postponements,
            "decline_limit": s.meeting_decline_limit, "pushed_days": pushed,
            "postpone_limit_days": s.meeting_postpone_days, "reason": answered.reason,
        });
        (summary, details)
    })
}

/// Per holder, how he answered the requests to meet his clients.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct HolderAnswers {
    /// The holder.
    pub holder_id: EmployeeId,
    /// Requests made to him.
    pub requests: u32,
    /// Waiting for his answer.
    pub open: u32,
    /// Accepted.
    pub accepted: u32,
    /// Postponed.
    pub postponed: u32,
    /// Declined.
    pub declined: u32,
    /// His answers that raised a red flag.
    pub red_flags: u32,
}

/// Which requests to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestFilter {
    /// Only of this client.
    pub client_id: Option<ClientId>,
    /// Only in this state.
    pub state: Option<RequestState>,
    /// Only to this holder.
    pub holder_id: Option<EmployeeId>,
}

/// Counts the answers of each holder in `requests`, the most declines first.
pub fn holder_answers(requests: &[MeetingRequest]) -> Vec<HolderAnswers> {
    let mut by: std::collections::BTreeMap<EmployeeId, HolderAnswers> = std::collections::BTreeMap::new();
    for r in requests {
        let h = by.entry(r.holder_id).or_insert_with(|| HolderAnswers { holder_id: r.holder_id, ..Default::default() });
        h.requests += 1;
        match r.state {
            RequestState::Open => h.open += 1,
            RequestState::Accepted => h.accepted += 1,
            RequestState::Postponed => h.postponed += 1,
            RequestState::Declined => h.declined += 1,
            RequestState::Withdrawn => {}
        }
        h.red_flags += u32::from(r.red_flag);
    }
    let mut out: Vec<HolderAnswers> = by.into_values().collect();
    out.sort_by(|a, b| {
        (b.red_flags, b.declined, b.postponed, a.holder_id).cmp(&(a.red_flags, a.declined, a.postponed, b.holder_id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    const TODAY: Date = date!(2026 - 12 - 07);
    const NOW: OffsetDateTime = datetime!(2026-12-07 10:00 UTC);

    fn request(holder: EmployeeId, client: ClientId, asker: EmployeeId) -> MeetingRequest {
        let new = NewMeetingRequest {
            client_id: client,
            purpose: " Познакомиться с директором ".into(),
            proposed_on: vec![date!(2026 - 12 - 15), date!(2026 - 12 - 10), date!(2026 - 12 - 10)],
        }
        .checked(TODAY)
        .unwrap();
        assert_eq!(new.proposed_on, [date!(2026 - 12 - 10), date!(2026 - 12 - 15)]);
        MeetingRequest {
            id: MeetingRequestId::new(),
            client_id: client,
            requested_by: asker,
            holder_id: holder,
            purpose: new.purpose,
            proposed_on: new.proposed_on,
            state: RequestState::Open,
            agreed_on: None,
            reason: None,
            red_flag: false,
            created_at: NOW,
            answered_at: None,
        }
    }

    fn answer(answer: Answer, on: Option<Date>, reason: Option<&str>) -> MeetingAnswer {
        MeetingAnswer { answer, on, reason: reason.map(Into::into) }
    }

    #[test]
    fn only_the_holder_answers_and_each_answer_needs_what_it_says() {
        let (rep, head, client) = (EmployeeId::new(), EmployeeId::new(), ClientId::new());
        let r = request(rep, client, head);
        assert!(matches!(
            r.answered(answer(Answer::Accept, None, None), head, TODAY, NOW),
            Err(CoreError::Forbidden(_))
        ));
        let ok = r.answered(answer(Answer::Accept, None, None), rep, TODAY, NOW).unwrap();
        assert_eq!((ok.state, ok.agreed_on), (RequestState::Accepted, Some(date!(2026 - 12 - 10))));
        assert!(matches!(
            ok.answered(answer(Answer::Decline, None, Some("нет")), rep, TODAY, NOW),
            Err(CoreError::Conflict(Conflict::RequestAnswered { .. }))
        ));
        let bad = r.answered(answer(Answer::Accept, Some(date!(2026 - 12 - 11)), None), rep, TODAY, NOW);
        assert!(matches!(bad, Err(CoreError::Validation(ref e)) if e[0].field == "on"), "{bad:?}");
        let bad = r.answered(answer(Answer::Postpone, Some(date!(2027 - 02 - 01)), None), rep, TODAY, NOW);
        assert!(matches!(bad, Err(CoreError::Validation(ref e)) if e[0].field == "reason"), "{bad:?}");
        let bad = r.answered(answer(Answer::Decline, None, Some("  ")), rep, TODAY, NOW);
        assert!(matches!(bad, Err(CoreError::Validation(_))), "{bad:?}");
        assert!(r.answered(answer(Answer::Withdraw, None, None), rep, TODAY, NOW).is_err(), "the asker withdraws");
        assert_eq!(
            r.answered(answer(Answer::Withdraw, None, None), head, TODAY, NOW).unwrap().state,
            RequestState::Withdrawn
        );
        let past =
            NewMeetingRequest { client_id: client, purpose: "x".into(), proposed_on: vec![date!(2026 - 12 - 01)] };
        assert!(past.checked(TODAY).is_err());
        let none = NewMeetingRequest { client_id: client, purpose: "x".into(), proposed_on: vec![] };
        assert!(none.checked(TODAY).is_err());
    }

    #[test]
    fn a_second_decline_or_a_far_postponement_raises_the_red_flag() {
        let s = Settings::default();
        let (rep, head, client) = (EmployeeId::new(), EmployeeId::new(), ClientId::new());
        let first =
            request(rep, client, head).answered(answer(Answer::Decline, None, Some("занят")), rep, TODAY, NOW).unwrap();
        assert!(red_flag(&first, &[], TODAY, &s).is_none(), "one decline is not a pattern");
        let second = request(rep, client, head)
            .answered(answer(Answer::Decline, None, Some("клиент против")), rep, TODAY, NOW)
            .unwrap();
        let (summary, figures) = red_flag(&second, std::slice::from_ref(&first), TODAY, &s).unwrap();
        assert!(summary.contains("2 times"), "{summary}");
        assert_eq!(figures["declines_in_year"], 2);
        // A decline on another client, or over a year ago, does not count.
        let elsewhere = MeetingRequest { client_id: ClientId::new(), ..first.clone() };
        let long_ago = MeetingRequest { answered_at: Some(NOW - Duration::days(400)), ..first.clone() };
        assert!(red_flag(&second, &[elsewhere, long_ago], TODAY, &s).is_none());
        // A postponement: 30 days after the earliest date proposed is allowed, 31 is not.
        let near = request(rep, client, head)
            .answered(answer(Answer::Postpone, Some(date!(2027 - 01 - 09)), Some("отпуск")), rep, TODAY, NOW)
            .unwrap();
        assert_eq!(near.pushed_days(), Some(30));
        assert!(red_flag(&near, &[], TODAY, &s).is_none());
        let far = request(rep, client, head)
            .answered(answer(Answer::Postpone, Some(date!(2027 - 01 - 10)), Some("отпуск")), rep, TODAY, NOW)
            .unwrap();
        let (summary, _) = red_flag(&far, &[], TODAY, &s).unwrap();
        assert!(summary.contains("31 days"), "{summary}");
        let counts = holder_answers(&[first, second, near, far]);
        assert_eq!((counts[0].declined, counts[0].postponed, counts[0].requests), (2, 2, 4));
    }
}
