//! A team's book as the planner reads it (its active reps and the clients they hold, with
//! names), and what changed in it between a preview and its apply.

use super::model::{PlanClient, PlanRep};
use crate::client::Tier;
use crate::{word_enum, ClientId, EmployeeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rep of the book with his name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookRep {
    /// His name.
    pub name: String,
    /// What the planner needs.
    pub rep: PlanRep,
}

/// A client of the book with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookClient {
    /// Its name.
    pub name: String,
    /// Its tier (the share of its potential in its holder's sales plan).
    pub tier: Tier,
    /// What the planner needs.
    pub client: PlanClient,
}

/// A team's active reps and every client they hold, in id order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Book {
    /// The reps.
    pub reps: Vec<BookRep>,
    /// Their clients.
    pub clients: Vec<BookClient>,
}

word_enum!(
    /// How a client or rep of a book changed since a preview.
    BookChange {
        /// Another holder now.
        ChangedHands = "changed_hands",
        /// Joined the book (a new holding).
        Joined = "joined",
        /// Left the book (released, archived, held outside the team).
        Left = "left",
        /// Went into development or a transfer.
        Locked = "locked",
        /// Came out of development or a transfer.
        Unlocked = "unlocked",
        /// Its potential or tier changed.
        Potential = "potential",
        /// A rep joined the team or became active.
        RepJoined = "rep_joined",
        /// A rep left the team or stopped working.
        RepLeft = "rep_left",
    }
);

/// One change of a book, with the name of the client or rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Changed {
    /// What changed.
    pub what: BookChange,
    /// Whose (a client's or a rep's name).
    pub name: String,
}

impl Book {
    /// The reps as the model takes them, each limited to `capacity` clients if given.
    pub fn plan_reps(&self, capacity: Option<u32>) -> Vec<PlanRep> {
        self.reps.iter().map(|r| PlanRep { capacity, ..r.rep.clone() }).collect()
    }

    /// The clients as the model takes them.
    pub fn plan_clients(&self) -> Vec<PlanClient> {
        self.clients.iter().map(|c| c.client.clone()).collect()
    }

    /// The name of a rep of the book.
    pub fn rep_name(&self, id: EmployeeId) -> &str {
        self.reps.iter().find(|r| r.rep.id == id).map_or("", |r| r.name.as_str())
    }

    /// The clients by id.
    pub fn client_index(&self) -> BTreeMap<ClientId, &BookClient> {
        self.clients.iter().map(|c| (c.client.id, c)).collect()
    }
}

/// What changed from `before` to `now` that a plan made on `before` depends on: who holds
/// each client, which may move, its potential and tier, and who the reps are.
pub fn changes(before: &Book, now: &Book) -> Vec<Changed> {
    let mut out = Vec::new();
    let change = |what, name: &str| Changed { what, name: name.to_string() };
    let reps_now: BTreeMap<EmployeeId, &BookRep> = now.reps.iter().map(|r| (r.rep.id, r)).collect();
    let reps_before: BTreeMap<EmployeeId, &BookRep> = before.reps.iter().map(|r| (r.rep.id, r)).collect();
    out.extend(
        before.reps.iter().filter(|r| !reps_now.contains_key(&r.rep.id)).map(|r| change(BookChange::RepLeft, &r.name)),
    );
    out.extend(
        now.reps
            .iter()
            .filter(|r| !reps_before.contains_key(&r.rep.id))
            .map(|r| change(BookChange::RepJoined, &r.name)),
    );
    let index_now = now.client_index();
    let index_before = before.client_index();
    for b in &before.clients {
        let Some(n) = index_now.get(&b.client.id) else {
            out.push(change(BookChange::Left, &b.name));
            continue;
        };
        let (b, n) = (&b.client, &n.client);
        let what = if b.holder != n.holder {
            BookChange::ChangedHands
        } else if !b.locked && n.locked {
            BookChange::Locked
        } else if b.locked && !n.locked {
            BookChange::Unlocked
        } else if b.potential_minor != n.potential_minor || b.key != n.key {
            BookChange::Potential
        } else {
            continue;
        };
        out.push(change(what, &index_now[&n.id].name));
    }
    out.extend(
        now.clients
            .iter()
            .filter(|c| !index_before.contains_key(&c.client.id))
            .map(|c| change(BookChange::Joined, &c.name)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn rep(name: &str) -> BookRep {
        BookRep {
            name: name.into(),
            rep: PlanRep { id: EmployeeId::new(), region: None, specialisation: None, capacity: None },
        }
    }

    fn client(name: &str, holder: &BookRep) -> BookClient {
        BookClient {
            name: name.into(),
            tier: Tier::Regular,
            client: PlanClient {
                id: ClientId::new(),
                holder: holder.rep.id,
                potential_minor: 100,
                revenue_minor: 0,
                held_since: date!(2025 - 01 - 01),
                region: None,
                customer: true,
                key: false,
                locked: false,
            },
        }
    }

    #[test]
    fn every_change_a_plan_depends_on_is_named_and_nothing_else() {
        let (a, b) = (rep("Анна"), rep("Борис"));
        let names = ["Альфа", "Бета", "Гамма", "Дельта", "Эпсилон", "Дзета"];
        let before = Book { reps: vec![a.clone(), b.clone()], clients: names.iter().map(|n| client(n, &a)).collect() };
        assert_eq!(changes(&before, &before), []);
        let mut now = before.clone();
        now.clients[0].client.holder = b.rep.id;
        now.clients[1].client.locked = true;
        now.clients[2].client.potential_minor = 5;
        now.clients[3].client.revenue_minor = 1_000; // a sale changes no plan's limits
        now.clients.remove(4);
        now.clients.push(client("Эта", &b));
        now.reps.push(rep("Вера"));
        let got = changes(&before, &now);
        let got: Vec<(BookChange, &str)> = got.iter().map(|c| (c.what, c.name.as_str())).collect();
        assert_eq!(
            got,
            [
                (BookChange::RepJoined, "Вера"),
                (BookChange::ChangedHands, "Альфа"),
                (BookChange::Locked, "Бета"),
                (BookChange::Potential, "Гамма"),
                (BookChange::Left, "Эпсилон"),
                (BookChange::Joined, "Эта"),
            ]
        );
    }
}
