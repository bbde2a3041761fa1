//! Who receives each client of a handover: by team, region and specialisation (customers to
//! farmers, prospects to hunters), then the lightest book; every choice says why.

use crate::employee::{EmployeeStatus, Role, Specialisation};
use crate::{ClientId, EmployeeId, TeamId};
use serde::{Deserialize, Serialize};
use time::Date;

/// What a handover needs to know about a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientFacts {
    /// The client.
    pub client_id: ClientId,
    /// Its name.
    pub name: String,
    /// Region.
    pub region: Option<String>,
    /// Expected yearly revenue, minor units.
    pub potential_minor: i64,
    /// Whether it ever bought (a customer) or not (a prospect).
    pub is_customer: bool,
    /// Won deals over the last twelve months, minor units.
    pub revenue_12m: i64,
    /// Contact persons.
    pub contacts: i64,
    /// Contacts verified in the last twelve months.
    pub verified_contacts: i64,
    /// The last meeting or visit with a head or an administrator there.
    pub last_management_meeting: Option<Date>,
    /// Open invoices, minor units.
    pub open_receivables: i64,
    /// Of which overdue.
    pub overdue_receivables: i64,
}

/// A possible receiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receiver {
    /// The employee.
    pub employee_id: EmployeeId,
    /// Name, for the explanation.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Status.
    pub status: EmployeeStatus,
    /// Team.
    pub team_id: Option<TeamId>,
    /// Region.
    pub region: Option<String>,
    /// Hunter or farmer.
    pub specialisation: Option<Specialisation>,
    /// Clients held now.
    pub load: i64,
}

/// The receiver chosen for one client and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Choice {
    /// The client.
    pub client_id: ClientId,
    /// The receiver, `None` when nobody can take clients.
    pub to_id: Option<EmployeeId>,
    /// The rule and figures behind it, in English with the receiver's name.
    pub reason: String,
    /// The same as data, for a page to say in its reader's language.
    pub why: ShareWhy,
}

/// Why a receiver was chosen for a client, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ShareWhy {
    /// Nobody active can take clients.
    Nobody,
    /// The head chose the receiver for this client.
    ChosenByHead,
    /// The transfer named one receiver for all its clients.
    OneReceiver,
    /// The receiver the rules picked.
    Picked {
        /// A customer (else a prospect).
        customer: bool,
        /// Asked for: whether a receiver of the wanted specialisation was free.
        specialisation: Option<bool>,
        /// Asked for: whether the receiver is of the leaver's team.
        same_team: Option<bool>,
        /// The client has a region: whether the receiver works it.
        same_region: Option<bool>,
        /// The receiver's book before this client.
        load: i64,
    },
}

impl ShareWhy {
    /// The rule and figures in English.
    pub fn explain(&self) -> String {
        let (customer, specialisation, same_team, same_region, load) = match self {
            ShareWhy::Nobody => return "nobody active can take clients".into(),
            ShareWhy::ChosenByHead => return "chosen by the head".into(),
            ShareWhy::OneReceiver => return "the one receiver named".into(),
            ShareWhy::Picked { customer, specialisation, same_team, same_region, load } => {
                (customer, specialisation, same_team, same_region, load)
            }
        };
        let mut why = Vec::new();
        match specialisation {
            Some(true) => why.push(if *customer { "a customer to a farmer" } else { "a prospect to a hunter" }.into()),
            Some(false) => why.push(format!("no {}: any specialisation", if *customer { "farmer" } else { "hunter" })),
            None => {}
        }
        match same_team {
            Some(true) => why.push("same team".to_string()),
            Some(false) => why.push("another team (none free in the same)".into()),
            None => {}
        }
        match same_region {
            Some(true) => why.push("same region".to_string()),
            Some(false) => why.push("another region".into()),
            None => {}
        }
        why.push(format!("lightest book: {load} → {} clients", load + 1));
        why.join(", ")
    }
}

/// How to share.
#[derive(Debug, Clone, Copy, Default)]
pub struct ShareRules {
    /// Send customers to farmers and prospects to hunters where there are any.
    pub by_specialisation: bool,
    /// Prefer receivers of this team (a leaver's own team).
    pub team: Option<TeamId>,
}

/// Chooses a receiver for every client (specialisation, then team, then reps before heads,
/// then region, then the lightest book), biggest revenue first so the best-suited receivers
/// are not used up by small clients, counting what each receiver gets in this share.
pub fn share(clients: &[ClientFacts], receivers: &[Receiver], rules: ShareRules) -> Vec<Choice> {
    let mut open: Vec<Receiver> = receivers
        .iter()
        .filter(|r| r.status == EmployeeStatus::Active && matches!(r.role, Role::Rep | Role::Head))
        .cloned()
        .collect();
    open.sort_by_key(|r| r.employee_id);
    let mut order: Vec<&ClientFacts> = clients.iter().collect();
    order.sort_by(|a, b| {
        (b.revenue_12m, b.potential_minor, a.client_id).cmp(&(a.revenue_12m, a.potential_minor, b.client_id))
    });
    let mut out = Vec::with_capacity(clients.len());
    for c in order {
        let want = if c.is_customer { Specialisation::Farmer } else { Specialisation::Hunter };
        let key = |r: &Receiver| {
            let off_spec = rules.by_specialisation && r.specialisation.is_some_and(|s| s != want);
            let off_team = rules.team.is_some() && r.team_id != rules.team;
            let off_region = c.region.is_some() && r.region != c.region;
            // Heads hold clients only when no rep of the team can.
            (off_spec, off_team, r.role != Role::Rep, off_region, r.load, r.employee_id)
        };
        let Some(best) = open.iter_mut().min_by_key(|r| key(r)) else {
            let why = ShareWhy::Nobody;
            out.push(Choice { client_id: c.client_id, to_id: None, reason: why.explain(), why });
            continue;
        };
        let (off_spec, off_team, _, off_region, load, _) = key(best);
        let why = ShareWhy::Picked {
            customer: c.is_customer,
            specialisation: rules.by_specialisation.then_some(!off_spec),
            same_team: rules.team.is_some().then_some(!off_team),
            same_region: c.region.is_some().then_some(!off_region),
            load,
        };
        out.push(Choice {
            client_id: c.client_id,
            to_id: Some(best.employee_id),
            reason: format!("{}: {}", best.name, why.explain()),
            why,
        });
        best.load += 1;
    }
    out.sort_by_key(|c| c.client_id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(customer: bool, revenue: i64, region: &str) -> ClientFacts {
        ClientFacts {
            client_id: ClientId::new(),
            name: "c".into(),
            region: Some(region.into()),
            potential_minor: 0,
            is_customer: customer,
            revenue_12m: revenue,
            contacts: 1,
            verified_contacts: 0,
            last_management_meeting: None,
            open_receivables: 0,
            overdue_receivables: 0,
        }
    }

    fn rep(spec: Specialisation, load: i64, region: &str) -> Receiver {
        Receiver {
            employee_id: EmployeeId::new(),
            name: spec.as_str().into(),
            role: Role::Rep,
            status: EmployeeStatus::Active,
            team_id: None,
            region: Some(region.into()),
            specialisation: Some(spec),
            load,
        }
    }

    #[test]
    fn customers_go_to_farmers_and_prospects_to_hunters() {
        let farmer = rep(Specialisation::Farmer, 30, "Москва");
        let hunter = rep(Specialisation::Hunter, 5, "Москва");
        let clients = [client(true, 100, "Москва"), client(false, 0, "Москва")];
        let got =
            share(&clients, &[farmer.clone(), hunter.clone()], ShareRules { by_specialisation: true, team: None });
        let to = |c: &ClientFacts| got.iter().find(|x| x.client_id == c.client_id).unwrap().to_id;
        assert_eq!(to(&clients[0]), Some(farmer.employee_id));
        assert_eq!(to(&clients[1]), Some(hunter.employee_id));
        // Without the rule the lighter book wins both.
        let plain = share(&clients, &[farmer, hunter.clone()], ShareRules::default());
        assert!(plain.iter().all(|c| c.to_id == Some(hunter.employee_id)));
    }

    #[test]
    fn loads_even_out_and_leavers_get_nothing() {
        let a = rep(Specialisation::Farmer, 0, "Урал");
        let b = rep(Specialisation::Farmer, 1, "Урал");
        let mut gone = rep(Specialisation::Farmer, 0, "Урал");
        gone.status = EmployeeStatus::Departing;
        let clients: Vec<_> = (0..5).map(|i| client(true, i, "Урал")).collect();
        let got = share(&clients, &[a.clone(), b.clone(), gone.clone()], ShareRules::default());
        let n = |id: EmployeeId| got.iter().filter(|c| c.to_id == Some(id)).count();
        assert_eq!((n(a.employee_id), n(b.employee_id), n(gone.employee_id)), (3, 2, 0));
        assert!(got[0].reason.contains("lightest book"), "{}", got[0].reason);
        assert_eq!(share(&clients[..1], &[gone], ShareRules::default())[0].to_id, None);
    }
}
