//! Concentration risk (article 004): what the company loses if one of its people leaves — the
//! clients where he is the only thread, their revenue and potential, the client's people only
//! he has met, and those of them the company cannot reach itself.

use crate::alert::{AlertKind, NewAlert};
use crate::octopus::COVERAGE_DAYS;
use crate::settings::Settings;
use crate::{ClientId, ContactId, EmployeeId, TeamId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use time::{Date, Duration};

/// Days back the revenue at stake is summed over.
pub const REVENUE_DAYS: i64 = 365;

/// A client held now, as the risk needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldClient {
    /// The client.
    pub client_id: ClientId,
    /// Its holder.
    pub holder: EmployeeId,
    /// Expected yearly revenue, minor units.
    pub potential_minor: i64,
    /// Won deals closed in the last [`REVENUE_DAYS`] days, minor units.
    pub revenue_minor: i64,
}

/// One touch in the coverage window: who of ours, whom of theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadTouch {
    /// The client.
    pub client_id: ClientId,
    /// Ours in it (author and participants).
    pub ours: Vec<EmployeeId>,
    /// The client's contacts it names.
    pub theirs: Vec<ContactId>,
}

/// A contact of a held client and whether the company can reach it itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactReach {
    /// The contact.
    pub contact_id: ContactId,
    /// Its client.
    pub client_id: ClientId,
    /// Agreed to the company's letters.
    pub consent: bool,
    /// Has a phone or an e-mail of its own in sprut.
    pub own_channel: bool,
}

impl ContactReach {
    /// The company can reach the person itself: an own phone or e-mail and consent to its letters.
    pub fn direct(&self) -> bool {
        self.consent && self.own_channel
    }
}

/// What the concentration risk of a scope is computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreadFacts {
    /// The clients held now.
    pub clients: Vec<HeldClient>,
    /// Their touches since [`ThreadFacts::since`] of the day.
    pub touches: Vec<ThreadTouch>,
    /// Their contacts.
    pub contacts: Vec<ContactReach>,
    /// Each employee's team (of everyone who may appear).
    pub teams: Vec<(EmployeeId, Option<TeamId>)>,
}

impl ThreadFacts {
    /// The first day whose touches count on `today`.
    pub fn since(today: Date) -> Date {
        today - Duration::days(COVERAGE_DAYS - 1)
    }

    /// The first day whose won deals count as revenue on `today`.
    pub fn revenue_since(today: Date) -> Date {
        today - Duration::days(REVENUE_DAYS - 1)
    }
}

/// One client that hangs on a single thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ThreadClient {
    /// The client.
    pub client_id: ClientId,
    /// Its holder.
    pub holder: EmployeeId,
    /// Revenue of the last twelve months, minor units.
    pub revenue_minor: i64,
    /// Potential, minor units.
    pub potential_minor: i64,
    /// No one of ours was in touch in the window: the holder is the thread by default.
    pub untouched: bool,
}

/// What the company loses if one employee leaves.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EmployeeRisk {
    /// The employee.
    pub employee_id: EmployeeId,
    /// His team.
    pub team_id: Option<TeamId>,
    /// Clients he holds.
    pub clients_held: u32,
    /// Clients where he is the only one of ours in touch (or holds them and no one is).
    pub single_threaded: u32,
    /// Their revenue of the last twelve months, minor units.
    pub revenue_minor: i64,
    /// Their potential, minor units.
    pub potential_minor: i64,
    /// The client's people whom only he has met in the window.
    pub contacts_only_his: u32,
    /// The people of his single-threaded clients the company cannot reach itself.
    pub contacts_unreachable: u32,
    /// The revenue of his team's clients (of the company's when he has no team), minor units.
    pub team_revenue_minor: i64,
    /// His single-threaded revenue as a share of it, in percent (one decimal).
    pub share_percent: f64,
    /// The share reaches the alert setting.
    pub alert: bool,
    /// His single-threaded clients, largest revenue first (only when one employee is asked for).
    pub clients: Vec<ThreadClient>,
}

/// The concentration risk of a scope on a day, the largest loss first.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ConcentrationRisk {
    /// The day.
    pub today: Date,
    /// The first day of the touch window.
    pub since: Date,
    /// The alert's share, percent (setting `single_thread_alert_percent`).
    pub alert_percent: i64,
    /// Clients held in the scope.
    pub clients: u32,
    /// Of them, hanging on one thread.
    pub single_threaded: u32,
    /// Per employee with anything at stake, by revenue then potential at stake.
    pub employees: Vec<EmployeeRisk>,
}

/// The concentration risk of `f` on `today` by `s`; with `detail`, that employee's clients
/// are listed too.
pub fn concentration_risk(f: &ThreadFacts, today: Date, s: &Settings, detail: Option<EmployeeId>) -> ConcentrationRisk {
    let mut ours: HashMap<ClientId, BTreeSet<EmployeeId>> = HashMap::new();
    let mut met: HashMap<ContactId, BTreeSet<EmployeeId>> = HashMap::new();
    for t in &f.touches {
        ours.entry(t.client_id).or_default().extend(t.ours.iter().copied());
        for c in &t.theirs {
            met.entry(*c).or_default().extend(t.ours.iter().copied());
        }
    }
    let team_of: HashMap<EmployeeId, Option<TeamId>> = f.teams.iter().copied().collect();
    let team = |e: &EmployeeId| team_of.get(e).copied().flatten();
    let mut team_revenue: HashMap<Option<TeamId>, i64> = HashMap::new();
    let mut total = 0i64;
    let mut lines: BTreeMap<EmployeeId, EmployeeRisk> = BTreeMap::new();
    let mut thread_of: HashMap<ClientId, EmployeeId> = HashMap::new();
    for c in &f.clients {
        *team_revenue.entry(team(&c.holder)).or_default() += c.revenue_minor;
        total += c.revenue_minor;
        line(&mut lines, c.holder).clients_held += 1;
        let touched = ours.get(&c.client_id);
        let only = match touched.map(|s| s.len()).unwrap_or(0) {
            0 => Some((c.holder, true)),
            1 => touched.and_then(|s| s.iter().next()).map(|e| (*e, false)),
            _ => None,
        };
        if let Some((e, untouched)) = only {
            thread_of.insert(c.client_id, e);
            let l = line(&mut lines, e);
            l.single_threaded += 1;
            l.revenue_minor += c.revenue_minor;
            l.potential_minor += c.potential_minor;
            if detail == Some(e) {
                l.clients.push(ThreadClient {
                    client_id: c.client_id,
                    holder: c.holder,
                    revenue_minor: c.revenue_minor,
                    potential_minor: c.potential_minor,
                    untouched,
                });
            }
        }
    }
    for c in &f.contacts {
        if let Some(only) = met.get(&c.contact_id).filter(|m| m.len() == 1).and_then(|m| m.iter().next()) {
            line(&mut lines, *only).contacts_only_his += 1;
        }
        if let (Some(e), false) = (thread_of.get(&c.client_id), c.direct()) {
            line(&mut lines, *e).contacts_unreachable += 1;
        }
    }
    let mut employees: Vec<EmployeeRisk> = lines
        .into_values()
        .filter(|l| l.single_threaded > 0 || l.contacts_only_his > 0)
        .map(|mut l| {
            l.team_id = team(&l.employee_id);
            l.team_revenue_minor =
                if l.team_id.is_some() { team_revenue.get(&l.team_id).copied().unwrap_or(0) } else { total };
            l.share_percent = share(l.revenue_minor, l.team_revenue_minor);
            l.alert = l.revenue_minor > 0 && l.share_percent >= s.single_thread_alert_percent as f64;
            l.clients.sort_by(|a, b| {
                (b.revenue_minor, b.potential_minor, a.client_id).cmp(&(
                    a.revenue_minor,
                    a.potential_minor,
                    b.client_id,
                ))
            });
            l
        })
        .collect();
    employees.sort_by(|a, b| {
        (b.revenue_minor, b.potential_minor, b.contacts_only_his, a.employee_id).cmp(&(
            a.revenue_minor,
            a.potential_minor,
            a.contacts_only_his,
            b.employee_id,
        ))
    });
    if let Some(e) = detail {
        employees.retain(|l| l.employee_id == e);
    }
    ConcentrationRisk {
        today,
        since: ThreadFacts::since(today),
        alert_percent: s.single_thread_alert_percent,
        clients: f.clients.len() as u32,
        single_threaded: thread_of.len() as u32,
        employees,
    }
}

/// The line of `e`, started empty.
fn line(lines: &mut BTreeMap<EmployeeId, EmployeeRisk>, e: EmployeeId) -> &mut EmployeeRisk {
    lines.entry(e).or_insert_with(|| EmployeeRisk {
        employee_id: e,
        team_id: None,
        clients_held: 0,
        single_threaded: 0,
        revenue_minor: 0,
        potential_minor: 0,
        contacts_only_his: 0,
        contacts_unreachable: 0,
        team_revenue_minor: 0,
        share_percent: 0.0,
        alert: false,
        clients: Vec::new(),
    })
}

/// `part` of `whole` in percent, one decimal (0 of nothing).
fn share(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

/// The alerts the risk calls for on its day: one per employee whose single-threaded revenue
/// reaches the share of his team's, with the figures behind it.
pub fn alerts(risk: &ConcentrationRisk) -> Vec<NewAlert> {
    risk.employees
        .iter()
        .filter(|l| l.alert)
        .map(|l| NewAlert {
            kind: AlertKind::SingleThreaded,
            employee_id: Some(l.employee_id),
            client_id: None,
            day: risk.today,
            summary: format!(
                "the only thread of {} clients with {:.2} of revenue in 12 months: {}% of the team's {:.2} (alert at {}%)",
                l.single_threaded,
                l.revenue_minor as f64 / 100.0,
                l.share_percent,
                l.team_revenue_minor as f64 / 100.0,
                risk.alert_percent
            ),
            details: serde_json::json!({
                "single_threaded": l.single_threaded, "revenue_minor": l.revenue_minor,
                "potential_minor": l.potential_minor, "team_revenue_minor": l.team_revenue_minor,
                "share_percent": l.share_percent, "alert_percent": risk.alert_percent,
                "contacts_only_his": l.contacts_only_his, "contacts_unreachable": l.contacts_unreachable,
                "window_days": COVERAGE_DAYS,
            }),
        })
        .collect()
}

/// The concentration risk of `scope` on `today` (`detail`: one employee with his clients).
pub async fn concentration<S: crate::store::OctopusStore + crate::store::SettingsStore>(
    store: &S,
    scope: &crate::scope::Scope,
    today: Date,
    detail: Option<EmployeeId>,
) -> crate::error::CoreResult<ConcentrationRisk> {
    let settings = store.settings().await?;
    let facts = store.thread_facts(scope, today).await?;
    Ok(concentration_risk(&facts, today, &settings, detail))
}

/// Raises today's single-thread alerts over the whole company, once a day: `None` when the day
/// was done already, else the alerts raised.
pub async fn raise_single_thread_alerts<S: crate::store::OctopusStore + crate::store::SettingsStore>(
    store: &S,
    actor: &crate::Actor,
    today: Date,
) -> crate::error::CoreResult<Option<usize>> {
    if store.thread_alerts_raised(today).await? {
        return Ok(None);
    }
    let raised = alerts(&concentration(store, &crate::scope::Scope::All, today, None).await?);
    Ok(store.raise_thread_alerts(actor, today, &raised).await?.then_some(raised.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 06);

    fn held(holder: EmployeeId, revenue: i64, potential: i64) -> HeldClient {
        HeldClient { client_id: ClientId::new(), holder, potential_minor: potential, revenue_minor: revenue }
    }

    fn reach(client: &HeldClient, consent: bool, own_channel: bool) -> ContactReach {
        ContactReach { contact_id: ContactId::new(), client_id: client.client_id, consent, own_channel }
    }

    #[test]
    fn the_only_thread_carries_the_revenue_and_the_people_only_he_met() {
        let (ivan, olga, head) = (EmployeeId::new(), EmployeeId::new(), EmployeeId::new());
        let team = TeamId::new();
        // Ivan is the only one in touch with a; b is touched by Ivan and his head; nobody
        // touched c, so its holder Olga is its thread; d is Olga's but only Ivan meets it.
        let (a, b, c, d) = (held(ivan, 900, 5000), held(ivan, 100, 0), held(olga, 0, 700), held(olga, 1000, 0));
        let (boss, buh) = (reach(&a, false, true), reach(&a, true, true));
        let (b1, d1) = (reach(&b, true, true), reach(&d, true, false));
        let touch = |c: &HeldClient, ours: &[EmployeeId], theirs: &[&ContactReach]| ThreadTouch {
            client_id: c.client_id,
            ours: ours.to_vec(),
            theirs: theirs.iter().map(|r| r.contact_id).collect(),
        };
        let f = ThreadFacts {
            clients: vec![a.clone(), b.clone(), c.clone(), d.clone()],
            touches: vec![
                touch(&a, &[ivan], &[&boss, &buh]),
                touch(&b, &[ivan, head], &[&b1]),
                touch(&d, &[ivan], &[&d1]),
            ],
            contacts: vec![boss, buh, b1, d1],
            teams: vec![(ivan, Some(team)), (olga, Some(team)), (head, Some(team))],
        };
        let s = Settings { single_thread_alert_percent: 50, ..Settings::default() };
        let r = concentration_risk(&f, TODAY, &s, None);
        assert_eq!((r.clients, r.single_threaded), (4, 3));
        let [first, second] = &r.employees[..] else { panic!("{:?}", r.employees) };
        // Ivan: a and d (1,900 of the team's 2,000), the three people only he met, and of
        // the people of a and d, the boss without consent and d's without a channel.
        assert_eq!(first.employee_id, ivan);
        assert_eq!((first.single_threaded, first.revenue_minor, first.potential_minor), (2, 1900, 5000));
        assert_eq!((first.contacts_only_his, first.contacts_unreachable, first.clients_held), (3, 2, 2));
        assert_eq!((first.team_revenue_minor, first.share_percent, first.alert), (2000, 95.0, true));
        assert!(first.clients.is_empty());
        // Olga: c by default (nobody in touch), no revenue, so no alert.
        assert_eq!((second.employee_id, second.single_threaded, second.potential_minor), (olga, 1, 700));
        assert!(!second.alert);
        let alerts = alerts(&r);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].details["share_percent"], 95.0);
        // One employee: his clients, the largest revenue first.
        let one = concentration_risk(&f, TODAY, &s, Some(ivan));
        let ids: Vec<ClientId> = one.employees[0].clients.iter().map(|c| c.client_id).collect();
        assert_eq!(ids, [d.client_id, a.client_id]);
        let olgas = concentration_risk(&f, TODAY, &s, Some(olga));
        assert!(olgas.employees[0].clients[0].untouched);
    }

    #[test]
    fn an_employee_without_a_team_is_measured_against_the_company() {
        let lone = EmployeeId::new();
        let a = held(lone, 300, 0);
        let b = held(EmployeeId::new(), 700, 0);
        let touch = ThreadTouch { client_id: b.client_id, ours: vec![lone, EmployeeId::new()], theirs: vec![] };
        let f = ThreadFacts { clients: vec![a, b], touches: vec![touch], ..ThreadFacts::default() };
        let r = concentration_risk(&f, TODAY, &Settings::default(), None);
        assert_eq!(r.employees.len(), 1);
        assert_eq!((r.employees[0].team_revenue_minor, r.employees[0].share_percent), (1000, 30.0));
        assert!(
            r.employees[0].alert,
            "30% reaches the default of {}%",
            Settings::default().single_thread_alert_percent
        );
    }
}
