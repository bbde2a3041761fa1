//! The octopus (article 004): who of ours is in touch with whom of the client, and how wide
//! the contact is. A client reached by one rep through one person (a drip) is lost when either
//! of them leaves; many of ours in touch with many of theirs (an octopus) keep it.

use crate::contact::{ContactFunction, ContactLevel};
use crate::{ClientId, ContactId, EmployeeId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Duration};

/// How many days back a touch counts towards the coverage score.
pub const COVERAGE_DAYS: i64 = 180;

/// One touch as the people it links: ours (its author and participants) and theirs (the
/// contacts it names; none when it names none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchLinks {
    /// The day it happened.
    pub on: Date,
    /// Our people in it.
    pub ours: Vec<EmployeeId>,
    /// The client's contacts in it.
    pub theirs: Vec<ContactId>,
}

/// A contact of the client as the map needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFacts {
    /// The contact.
    pub contact_id: ContactId,
    /// Full name.
    pub name: String,
    /// The part the contact plays.
    pub level: ContactLevel,
    /// What the contact is our person for.
    pub function: ContactFunction,
}

/// What the relationship map of a client is drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipFacts {
    /// The client.
    pub client_id: ClientId,
    /// Who holds it now.
    pub holder: Option<EmployeeId>,
    /// Its contacts.
    pub contacts: Vec<ContactFacts>,
    /// Our people seated in its account team.
    pub account_team: Vec<EmployeeId>,
    /// Its touches.
    pub touches: Vec<TouchLinks>,
}

/// One of ours and one of theirs in touch (`contact_id` none: touches naming no contact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Link {
    /// Ours.
    pub employee_id: EmployeeId,
    /// Theirs.
    pub contact_id: Option<ContactId>,
    /// How many touches.
    pub touches: u32,
    /// The last one.
    pub last_on: Date,
}

/// A contact on the map, with who of ours has met it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MapContact {
    /// The contact.
    pub contact_id: ContactId,
    /// Full name.
    pub name: String,
    /// The part the contact plays.
    #[schema(value_type = String)]
    pub level: ContactLevel,
    /// Ours who have been in touch with it.
    pub met_by: Vec<EmployeeId>,
    /// The last touch with it.
    pub last_on: Option<Date>,
    /// No one but the holder has met it: it leaves with him.
    pub only_holder: bool,
}

/// What a client's coverage lacks, in words a head acts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum Gap {
    /// At most one of ours has been in touch in the window: he is the only thread.
    OneOfOurs {
        /// That one, if anyone.
        employee_id: Option<EmployeeId>,
    },
    /// At most one of their people has been reached in the window.
    OneOfTheirs,
    /// No decision maker reached in the window (`known`: the client has one in sprut).
    NoDecisionMaker {
        /// Whether a decision maker is recorded at all.
        known: bool,
    },
    /// Only the holder has reached a decision maker in the window.
    DecisionMakerOnlyHolder {
        /// The holder.
        employee_id: EmployeeId,
    },
    /// None of the client's accounting, logistics, legal or support people reached.
    NoDepartment,
}

/// How wide a client's contact with us is, 0–100, with its figures and what is missing.
///
/// Over the last [`COVERAGE_DAYS`] days: 15 points for each of ours in touch (at most 3), 10
/// for each of their people reached (at most 3), 10 when a decision maker was reached and 5
/// more when someone besides the holder reached one, 10 when a department contact (accounting,
/// logistics, legal or support) was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    /// The score.
    pub score: u8,
    /// Ours with a touch in the window.
    pub employees: u32,
    /// Their people reached in the window.
    pub contacts_reached: u32,
    /// A decision maker reached in the window.
    pub decision_maker: bool,
    /// Someone besides the holder reached a decision maker in the window.
    pub decision_maker_beyond_holder: bool,
    /// A department contact reached in the window.
    pub department: bool,
    /// What is missing, most serious first.
    pub gaps: Vec<Gap>,
}

/// Who of ours is in touch with whom of the client, and the coverage score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RelationshipMap {
    /// The client.
    pub client_id: ClientId,
    /// Its holder.
    pub holder: Option<EmployeeId>,
    /// The day the map is drawn on.
    pub today: Date,
    /// Ours: the holder first, then the account team and everyone else in touch, by last touch.
    pub people: Vec<EmployeeId>,
    /// Theirs: decision makers first, then by level and name.
    pub contacts: Vec<MapContact>,
    /// Each pair in touch.
    pub links: Vec<Link>,
    /// The coverage score.
    pub coverage: Coverage,
}

/// A key client whose coverage is below the minimum, with what it lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ThinClient {
    /// The client.
    pub client_id: ClientId,
    /// Its holder.
    pub holder: Option<EmployeeId>,
    /// Its coverage and gaps.
    pub coverage: Coverage,
}

/// The key clients of a scope below the coverage minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct KeyCoverage {
    /// The day.
    pub today: Date,
    /// The minimum (setting `key_coverage_min`).
    pub minimum: u8,
    /// Key clients held in the scope.
    pub key_clients: u32,
    /// Those below the minimum, the thinnest first.
    pub below: Vec<ThinClient>,
}

/// The clients of `facts` whose coverage on `today` is below `minimum`, the thinnest first.
pub fn below_minimum(facts: &[RelationshipFacts], today: Date, minimum: u8) -> KeyCoverage {
    let mut below: Vec<ThinClient> = facts
        .iter()
        .map(|f| ThinClient { client_id: f.client_id, holder: f.holder, coverage: relationship_map(f, today).coverage })
        .filter(|t| t.coverage.score < minimum)
        .collect();
    below.sort_by_key(|t| (t.coverage.score, t.client_id));
    KeyCoverage { today, minimum, key_clients: facts.len() as u32, below }
}

/// The key clients of `scope` below the minimum coverage of the settings, on `today`.
pub async fn key_clients_below<S: crate::store::OctopusStore + crate::store::SettingsStore>(
    store: &S,
    scope: &crate::scope::Scope,
    today: Date,
) -> crate::error::CoreResult<KeyCoverage> {
    let minimum = u8::try_from(store.settings().await?.key_coverage_min).unwrap_or(100);
    let since = today - Duration::days(COVERAGE_DAYS);
    Ok(below_minimum(&store.key_relationship_facts(scope, since).await?, today, minimum))
}

/// How many clients the count of coverage scores reads at a time.
pub const COUNT_BATCH: u32 = 2_000;

/// What a count of coverage scores did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CoverageCount {
    /// The day counted.
    pub day: Date,
    /// Clients counted.
    pub clients: u64,
    /// Of them, those whose kept score changed.
    pub changed: u64,
}

/// Counts every client's coverage score on `today` and keeps it for the client list, a batch
/// of [`COUNT_BATCH`] clients at a time, and records the day counted; `progress` hears how many
/// were counted so far.
pub async fn count_coverage<S: crate::store::OctopusStore>(
    store: &S,
    actor: &crate::Actor,
    today: Date,
    mut progress: impl FnMut(u64) + Send,
) -> crate::error::CoreResult<CoverageCount> {
    let since = today - Duration::days(COVERAGE_DAYS);
    let mut count = CoverageCount { day: today, clients: 0, changed: 0 };
    let mut after = None;
    loop {
        let batch = store.relationship_facts_batch(after, since, COUNT_BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.client_id);
        let scores: Vec<(ClientId, u8)> =
            batch.iter().map(|f| (f.client_id, relationship_map(f, today).coverage.score)).collect();
        count.changed += store.keep_coverage(&scores).await?;
        count.clients += scores.len() as u64;
        progress(count.clients);
    }
    store.coverage_counted(today, actor.now).await?;
    Ok(count)
}

/// The nightly count: [`count_coverage`] once a day (none when `today` was counted already).
pub async fn count_coverage_daily<S: crate::store::OctopusStore>(
    store: &S,
    actor: &crate::Actor,
    today: Date,
) -> crate::error::CoreResult<Option<CoverageCount>> {
    if store.coverage_counted_on().await?.is_some_and(|d| d >= today) {
        return Ok(None);
    }
    Ok(Some(count_coverage(store, actor, today, |_| {}).await?))
}

/// The relationship map of `client` (seen inside `scope`) on `today`.
pub async fn client_relationships<S: crate::store::OctopusStore>(
    store: &S,
    scope: &crate::scope::Scope,
    client: ClientId,
    today: Date,
) -> crate::error::CoreResult<RelationshipMap> {
    Ok(relationship_map(&store.relationship_facts(scope, client).await?, today))
}

/// Draws the map of `f` on `today`.
pub fn relationship_map(f: &RelationshipFacts, today: Date) -> RelationshipMap {
    let mut links: BTreeMap<(EmployeeId, Option<ContactId>), Link> = BTreeMap::new();
    for t in f.touches.iter().filter(|t| t.on <= today) {
        let theirs: Vec<Option<ContactId>> =
            if t.theirs.is_empty() { vec![None] } else { t.theirs.iter().copied().map(Some).collect() };
        for e in distinct(&t.ours) {
            for c in &theirs {
                let l =
                    links.entry((e, *c)).or_insert(Link { employee_id: e, contact_id: *c, touches: 0, last_on: t.on });
                l.touches += 1;
                l.last_on = l.last_on.max(t.on);
            }
        }
    }
    let links: Vec<Link> = links.into_values().collect();
    let last_of = |e: EmployeeId| links.iter().filter(|l| l.employee_id == e).map(|l| l.last_on).max();
    let mut people: Vec<EmployeeId> = f.holder.into_iter().collect();
    for e in f.account_team.iter().copied().chain(links.iter().map(|l| l.employee_id)) {
        if !people.contains(&e) {
            people.push(e);
        }
    }
    let holder_first = usize::from(f.holder.is_some());
    people[holder_first..].sort_by_key(|e| (std::cmp::Reverse(last_of(*e)), *e));
    let mut contacts: Vec<MapContact> = f
        .contacts
        .iter()
        .map(|c| {
            let mine: Vec<&Link> = links.iter().filter(|l| l.contact_id == Some(c.contact_id)).collect();
            let met_by: Vec<EmployeeId> = mine.iter().map(|l| l.employee_id).collect();
            MapContact {
                contact_id: c.contact_id,
                name: c.name.clone(),
                level: c.level,
                only_holder: f.holder.is_some() && met_by.iter().all(|e| Some(*e) == f.holder) && !met_by.is_empty(),
                last_on: mine.iter().map(|l| l.last_on).max(),
                met_by,
            }
        })
        .collect();
    contacts.sort_by(|a, b| (a.level, &a.name).cmp(&(b.level, &b.name)));
    let coverage = coverage(f, &links, today);
    RelationshipMap { client_id: f.client_id, holder: f.holder, today, people, contacts, links, coverage }
}

/// The coverage score of `f` from its `links`, on `today`.
fn coverage(f: &RelationshipFacts, links: &[Link], today: Date) -> Coverage {
    let since = today - Duration::days(COVERAGE_DAYS);
    let recent: Vec<&Link> = links.iter().filter(|l| l.last_on > since).collect();
    let ours: BTreeSet<EmployeeId> = recent.iter().map(|l| l.employee_id).collect();
    let reached: BTreeSet<ContactId> = recent.iter().filter_map(|l| l.contact_id).collect();
    let contact = |id: &ContactId| f.contacts.iter().find(|c| c.contact_id == *id);
    let is_dm = |id: &ContactId| contact(id).is_some_and(|c| c.level == ContactLevel::DecisionMaker);
    let dm_reachers: BTreeSet<EmployeeId> =
        recent.iter().filter(|l| l.contact_id.as_ref().is_some_and(is_dm)).map(|l| l.employee_id).collect();
    let decision_maker = !dm_reachers.is_empty();
    let beyond_holder = dm_reachers.iter().any(|e| Some(*e) != f.holder);
    let department = reached.iter().any(|id| contact(id).is_some_and(|c| c.function != ContactFunction::General));
    let capped = |n: usize, each: u32| (n.min(3) as u32) * each;
    let score = capped(ours.len(), 15)
        + capped(reached.len(), 10)
        + if decision_maker { 10 } else { 0 }
        + if beyond_holder { 5 } else { 0 }
        + if department { 10 } else { 0 };
    let mut gaps = Vec::new();
    if ours.len() <= 1 {
        gaps.push(Gap::OneOfOurs { employee_id: ours.iter().next().copied() });
    }
    if !decision_maker {
        let known = f.contacts.iter().any(|c| c.level == ContactLevel::DecisionMaker);
        gaps.push(Gap::NoDecisionMaker { known });
    } else if let (false, Some(h)) = (beyond_holder, f.holder) {
        gaps.push(Gap::DecisionMakerOnlyHolder { employee_id: h });
    }
    if reached.len() <= 1 {
        gaps.push(Gap::OneOfTheirs);
    }
    if !department {
        gaps.push(Gap::NoDepartment);
    }
    Coverage {
        score: u8::try_from(score).unwrap_or(100),
        employees: ours.len() as u32,
        contacts_reached: reached.len() as u32,
        decision_maker,
        decision_maker_beyond_holder: beyond_holder,
        department,
        gaps,
    }
}

/// `ids` without repeats, in order.
fn distinct(ids: &[EmployeeId]) -> Vec<EmployeeId> {
    let mut out: Vec<EmployeeId> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 06);

    fn contact(name: &str, level: ContactLevel, function: ContactFunction) -> ContactFacts {
        ContactFacts { contact_id: ContactId::new(), name: name.into(), level, function }
    }

    fn touch(days_ago: i64, ours: &[EmployeeId], theirs: &[&ContactFacts]) -> TouchLinks {
        TouchLinks {
            on: TODAY - Duration::days(days_ago),
            ours: ours.to_vec(),
            theirs: theirs.iter().map(|c| c.contact_id).collect(),
        }
    }

    #[test]
    fn a_drip_scores_low_and_names_what_is_missing() {
        let rep = EmployeeId::new();
        let boss = contact("Пётр Директоров", ContactLevel::DecisionMaker, ContactFunction::General);
        let f = RelationshipFacts {
            client_id: ClientId::new(),
            holder: Some(rep),
            contacts: vec![boss.clone()],
            account_team: vec![],
            touches: vec![touch(10, &[rep], &[&boss]), touch(30, &[rep], &[&boss])],
        };
        let map = relationship_map(&f, TODAY);
        let c = &map.coverage;
        // One of ours (15) and one of theirs (10), a decision maker (10), only by the holder.
        assert_eq!((c.score, c.employees, c.contacts_reached), (35, 1, 1));
        assert_eq!(
            c.gaps,
            [
                Gap::OneOfOurs { employee_id: Some(rep) },
                Gap::DecisionMakerOnlyHolder { employee_id: rep },
                Gap::OneOfTheirs,
                Gap::NoDepartment
            ]
        );
        assert!(map.contacts[0].only_holder);
        assert_eq!(
            map.links,
            [Link {
                employee_id: rep,
                contact_id: Some(boss.contact_id),
                touches: 2,
                last_on: TODAY - Duration::days(10)
            }]
        );
    }

    #[test]
    fn an_octopus_scores_full_and_old_touches_do_not_count() {
        let (rep, head, buh, old) = (EmployeeId::new(), EmployeeId::new(), EmployeeId::new(), EmployeeId::new());
        let boss = contact("Пётр", ContactLevel::DecisionMaker, ContactFunction::General);
        let user = contact("Ольга", ContactLevel::User, ContactFunction::General);
        let acc = contact("Инна", ContactLevel::Accountant, ContactFunction::Billing);
        let f = RelationshipFacts {
            client_id: ClientId::new(),
            holder: Some(rep),
            contacts: vec![user.clone(), acc.clone(), boss.clone()],
            account_team: vec![buh],
            touches: vec![
                touch(5, &[rep, head], &[&boss, &user]),
                touch(20, &[buh], &[&acc]),
                touch(400, &[old], &[&boss]),
                touch(3, &[rep], &[]),
            ],
        };
        let map = relationship_map(&f, TODAY);
        let c = &map.coverage;
        assert_eq!((c.score, c.employees, c.contacts_reached), (100, 3, 3));
        assert!(c.gaps.is_empty(), "{:?}", c.gaps);
        // The holder first; the account team and the rest by their last touch; the old one last.
        assert_eq!(map.people.first(), Some(&rep));
        assert_eq!(map.people.last(), Some(&old));
        // Decision makers first; a touch naming no contact is its own column.
        assert_eq!(map.contacts[0].contact_id, boss.contact_id);
        assert!(!map.contacts[0].only_holder);
        assert!(map.links.iter().any(|l| l.employee_id == rep && l.contact_id.is_none()));
        // Only the old thread to the boss: he left the window, so no decision maker now.
        let lapsed = RelationshipFacts { touches: vec![touch(400, &[old], &[&boss])], ..f };
        let c = relationship_map(&lapsed, TODAY).coverage;
        assert_eq!(c.score, 0);
        assert!(c.gaps.contains(&Gap::NoDecisionMaker { known: true }));
    }

    #[test]
    fn key_clients_below_the_minimum_come_thinnest_first() {
        let rep = EmployeeId::new();
        let boss = contact("Пётр", ContactLevel::DecisionMaker, ContactFunction::General);
        let thin = RelationshipFacts {
            client_id: ClientId::new(),
            holder: Some(rep),
            contacts: vec![boss.clone()],
            account_team: vec![],
            touches: vec![touch(10, &[rep], &[&boss])],
        };
        let empty = RelationshipFacts { client_id: ClientId::new(), touches: vec![], ..thin.clone() };
        let r = below_minimum(&[thin.clone(), empty.clone()], TODAY, 40);
        assert_eq!(r.key_clients, 2);
        let ids: Vec<ClientId> = r.below.iter().map(|t| t.client_id).collect();
        assert_eq!(ids, [empty.client_id, thin.client_id], "0 before 35");
        assert!(below_minimum(&[thin], TODAY, 35).below.is_empty(), "35 is not below 35");
    }
}
