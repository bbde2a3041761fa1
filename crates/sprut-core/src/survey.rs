//! The client's own voice (articles 002 and 004): the company, not the rep, asks a client's
//! consenting contacts to rate the company and their manager, by a letter with a single-use
//! link; a manager rated far above the company is flagged (the client who praises his manager
//! and scolds the company may follow the manager out).

use crate::validate::Checks;
use crate::{ClientId, Conflict, ContactId, CoreError, EmployeeId, Reason, SurveyId, TeamId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, Duration, OffsetDateTime};

/// Days a survey link works.
pub const LINK_DAYS: i64 = 14;

/// Points by which the manager's rating must exceed the company's to be flagged.
pub const FLAG_GAP: u8 = 2;

/// A survey sent to one contact of a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Survey {
    /// Id.
    pub id: SurveyId,
    /// The client.
    pub client_id: ClientId,
    /// The contact asked.
    pub contact_id: ContactId,
    /// The manager rated: the client's holder when sent.
    pub holder_id: EmployeeId,
    /// Who decided to send it.
    pub sent_by: EmployeeId,
    /// When sent.
    pub sent_on: Date,
    /// The last day the link works.
    pub expires_on: Date,
    /// When answered.
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
    /// The company, 1–5.
    pub company_rating: Option<u8>,
    /// The manager, 1–5.
    pub manager_rating: Option<u8>,
    /// The comment.
    pub comment: Option<String>,
    /// The manager rated [`FLAG_GAP`] or more points above the company.
    pub flagged: bool,
}

/// An answer from the public page.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct SurveyAnswer {
    /// The company, 1–5.
    pub company_rating: u8,
    /// The manager, 1–5.
    pub manager_rating: u8,
    /// A comment.
    pub comment: Option<String>,
}

impl SurveyAnswer {
    /// The answer checked: ratings from 1 to 5, a comment of at most 2,000 characters.
    pub fn checked(mut self) -> Result<SurveyAnswer, CoreError> {
        let mut c = Checks::new();
        for (field, v) in [("company_rating", self.company_rating), ("manager_rating", self.manager_rating)] {
            if !(1..=5).contains(&v) {
                c.fail(field, Reason::Range { min: 1, max: Some(5) });
            }
        }
        self.comment = c.optional_text("comment", self.comment.as_deref(), 2000);
        c.finish()?;
        Ok(self)
    }

    /// Whether it rates the manager far above the company.
    pub fn flagged(&self) -> bool {
        self.manager_rating >= self.company_rating + FLAG_GAP
    }
}

impl Survey {
    /// Whether the link still takes an answer on `today`: not answered and not expired.
    pub fn open_on(&self, today: Date) -> Result<(), CoreError> {
        if self.answered_at.is_some() {
            return Err(CoreError::Conflict(Conflict::SurveyAnswered));
        }
        if today > self.expires_on {
            return Err(CoreError::Conflict(Conflict::SurveyExpired { on: self.expires_on }));
        }
        Ok(())
    }
}

/// Refuses a second survey of a client in one quarter: `last` is the day its latest was sent.
pub fn may_send(last: Option<Date>, today: Date) -> Result<(), CoreError> {
    match last {
        Some(d) if crate::meeting::Quarter::of(d) == crate::meeting::Quarter::of(today) => {
            Err(CoreError::Conflict(Conflict::SurveyThisQuarter { sent_on: d }))
        }
        _ => Ok(()),
    }
}

/// The day a link sent on `today` stops working.
pub fn expires(today: Date) -> Date {
    today + Duration::days(LINK_DAYS)
}

/// The answers of one rep or one team.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SurveyScore {
    /// Surveys sent.
    pub sent: u32,
    /// Answered.
    pub answered: u32,
    /// The company's mean rating (one decimal).
    pub company_mean: Option<f64>,
    /// The manager's mean rating (one decimal).
    pub manager_mean: Option<f64>,
    /// Answers rating the manager far above the company.
    pub flagged: u32,
}

impl SurveyScore {
    fn add(&mut self, s: &Survey) {
        self.sent += 1;
        if let (Some(c), Some(m)) = (s.company_rating, s.manager_rating) {
            let n = f64::from(self.answered);
            self.company_mean = Some((self.company_mean.unwrap_or(0.0) * n + f64::from(c)) / (n + 1.0));
            self.manager_mean = Some((self.manager_mean.unwrap_or(0.0) * n + f64::from(m)) / (n + 1.0));
            self.answered += 1;
            self.flagged += u32::from(s.flagged);
        }
    }

    fn rounded(mut self) -> Self {
        let r = |v: Option<f64>| v.map(|x| (x * 10.0).round() / 10.0);
        self.company_mean = r(self.company_mean);
        self.manager_mean = r(self.manager_mean);
        self
    }
}

/// The answers about one rep (the manager rated).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RepSurveys {
    /// The rep.
    pub employee_id: EmployeeId,
    /// The figures.
    #[serde(flatten)]
    pub score: SurveyScore,
}

/// The answers about one team's reps.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TeamSurveys {
    /// The team (none: reps without a team).
    pub team_id: Option<TeamId>,
    /// The figures.
    #[serde(flatten)]
    pub score: SurveyScore,
}

/// The survey report: per rep (the manager rated) and per team of his.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SurveyReport {
    /// Per rep, the most flagged first.
    pub reps: Vec<RepSurveys>,
    /// Per team.
    pub teams: Vec<TeamSurveys>,
}

/// Sums `surveys` per rep and per his team (`team_of`), the most flagged first.
pub fn report(surveys: &[Survey], team_of: &BTreeMap<EmployeeId, Option<TeamId>>) -> SurveyReport {
    let mut reps: BTreeMap<EmployeeId, SurveyScore> = BTreeMap::new();
    let mut teams: BTreeMap<Option<TeamId>, SurveyScore> = BTreeMap::new();
    for s in surveys {
        reps.entry(s.holder_id).or_default().add(s);
        teams.entry(team_of.get(&s.holder_id).copied().flatten()).or_default().add(s);
    }
    let mut reps: Vec<RepSurveys> =
        reps.into_iter().map(|(employee_id, s)| RepSurveys { employee_id, score: s.rounded() }).collect();
    reps.sort_by(|a, b| {
        (b.score.flagged, b.score.answered, a.employee_id).cmp(&(a.score.flagged, a.score.answered, b.employee_id))
    });
    let teams = teams.into_iter().map(|(team_id, s)| TeamSurveys { team_id, score: s.rounded() }).collect();
    SurveyReport { reps, teams }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn survey(holder: EmployeeId, ratings: Option<(u8, u8)>) -> Survey {
        let answer = ratings.map(|(c, m)| SurveyAnswer { company_rating: c, manager_rating: m, comment: None });
        Survey {
            id: SurveyId::new(),
            client_id: ClientId::new(),
            contact_id: ContactId::new(),
            holder_id: holder,
            sent_by: EmployeeId::new(),
            sent_on: date!(2026 - 12 - 01),
            expires_on: expires(date!(2026 - 12 - 01)),
            answered_at: ratings.map(|_| datetime!(2026-12-02 10:00 UTC)),
            company_rating: ratings.map(|r| r.0),
            manager_rating: ratings.map(|r| r.1),
            comment: None,
            flagged: answer.is_some_and(|a| a.flagged()),
        }
    }

    #[test]
    fn a_manager_far_above_the_company_is_flagged_and_summed_per_rep_and_team() {
        let (ivan, olga, team) = (EmployeeId::new(), EmployeeId::new(), TeamId::new());
        let all =
            [survey(ivan, Some((2, 5))), survey(ivan, Some((4, 5))), survey(ivan, None), survey(olga, Some((5, 4)))];
        assert!(all[0].flagged && !all[1].flagged && !all[3].flagged);
        let r = report(&all, &[(ivan, Some(team)), (olga, Some(team))].into());
        assert_eq!(r.reps[0].employee_id, ivan);
        let s = &r.reps[0].score;
        assert_eq!((s.sent, s.answered, s.flagged, s.company_mean, s.manager_mean), (3, 2, 1, Some(3.0), Some(5.0)));
        assert_eq!((r.teams[0].score.sent, r.teams[0].score.answered), (4, 3));
    }

    #[test]
    fn a_link_answers_once_before_it_expires_and_a_client_is_asked_once_a_quarter() {
        let s = survey(EmployeeId::new(), None);
        assert!(s.open_on(date!(2026 - 12 - 15)).is_ok());
        assert!(matches!(s.open_on(date!(2026 - 12 - 16)), Err(CoreError::Conflict(Conflict::SurveyExpired { .. }))));
        let done = survey(EmployeeId::new(), Some((3, 3)));
        assert!(matches!(done.open_on(date!(2026 - 12 - 03)), Err(CoreError::Conflict(Conflict::SurveyAnswered))));
        assert!(may_send(Some(date!(2026 - 10 - 01)), date!(2026 - 12 - 31)).is_err());
        assert!(may_send(Some(date!(2026 - 09 - 30)), date!(2026 - 10 - 01)).is_ok());
        assert!(may_send(None, date!(2026 - 10 - 01)).is_ok());
        let bad = SurveyAnswer { company_rating: 0, manager_rating: 6, comment: None }.checked();
        assert!(matches!(bad, Err(CoreError::Validation(ref e)) if e.len() == 2));
    }
}
