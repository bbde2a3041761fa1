//! The redistribution of a team's book as a minimum-cost flow. Every movable client either
//! stays with its holder (free) or goes through the hub of its kind (potential band, region,
//! customer or prospect) to another rep; each rep's count of clients per potential band and in
//! all stays within the balance around the team's mean. Moves are counted first (a move costs
//! [`MOVE`] points, more than every other cost together), then weighed by the client's revenue
//! and the years with its holder, a region outside the new rep's and a specialisation that does
//! not fit, so the plan makes the fewest moves the balance needs and, among those, breaks the
//! fewest and shortest relationships.

use super::flow::{Network, INFINITE};
use crate::employee::Specialisation;
use crate::{ClientId, EmployeeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// How many potential bands balance the potential.
pub const BANDS: usize = 4;
/// The cost of one move, above every weight a move can add.
pub const MOVE: i64 = 1_000_000;
/// Weight points per year with the current holder (at most [`MAX_YEARS`]).
pub const PER_YEAR: i64 = 100;
/// Years that count.
pub const MAX_YEARS: i64 = 10;
/// Weight points of a client whose twelve months' revenue is the team's largest.
pub const REVENUE: i64 = 1_000;
/// Weight points of a client outside the new rep's region.
pub const OFF_ROUTE: i64 = 500;
/// Weight points of a prospect given to a farmer or a customer to a hunter.
pub const MISFIT: i64 = 300;

/// A rep of the team as the planner sees him.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRep {
    /// The rep.
    pub id: EmployeeId,
    /// His region, if he works one.
    pub region: Option<String>,
    /// Hunter or farmer.
    pub specialisation: Option<Specialisation>,
    /// The most clients he can hold, if limited.
    pub capacity: Option<u32>,
}

/// A client of the team's book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanClient {
    /// The client.
    pub id: ClientId,
    /// Who holds it.
    pub holder: EmployeeId,
    /// Its sales potential (minor units).
    pub potential_minor: i64,
    /// Its won revenue of twelve months (minor units).
    pub revenue_minor: i64,
    /// Held by its holder since.
    pub held_since: Date,
    /// Its region.
    pub region: Option<String>,
    /// It has bought (a customer), or not yet (a prospect).
    pub customer: bool,
    /// A key client.
    pub key: bool,
    /// In development or in a transfer: never moved.
    pub locked: bool,
}

/// What the head asks of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
pub struct Limits {
    /// Each rep's clients, in all and per potential band, within this many percent of the
    /// team's mean.
    pub balance_percent: u8,
    /// At most this many moves.
    pub max_moves: Option<u32>,
    /// Key clients may move too.
    pub move_key: bool,
}

/// Why a client moves, and what the move weighs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Move {
    /// The client.
    pub client_id: ClientId,
    /// From.
    pub from: EmployeeId,
    /// To.
    pub to: EmployeeId,
    /// Its potential band (0: the smallest).
    pub band: u8,
    /// The weight of the move beyond its base cost.
    pub weight: i64,
    /// Years with the holder counted in the weight.
    pub years: i64,
    /// Outside the new rep's region.
    pub off_route: bool,
    /// A prospect to a farmer or a customer to a hunter.
    pub misfit: bool,
}

/// A rep's book before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Load {
    /// The rep.
    pub employee_id: EmployeeId,
    /// Clients before.
    pub clients_before: u32,
    /// Clients after.
    pub clients_after: u32,
    /// Potential before (minor units).
    pub potential_before: i64,
    /// Potential after (minor units).
    pub potential_after: i64,
}

/// A plan of moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Plan {
    /// The moves, by client.
    pub moves: Vec<Move>,
    /// Each rep's book before and after.
    pub loads: Vec<Load>,
    /// The flow's cost: moves × [`MOVE`] + their weights.
    pub cost: i64,
}

/// Which limit to relax when no plan meets them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "relax", rename_all = "snake_case")]
pub enum Relax {
    /// The team has no rep or no client to balance.
    NothingToPlan,
    /// Clients that may not move (in development, in a transfer, key without the tick) hold
    /// some rep above the balance or his capacity; allowing key clients may help.
    Locked {
        /// Whether allowing key clients to move makes a plan.
        move_key_helps: bool,
    },
    /// The balance is too tight for the book; `percent` is the least that works.
    Balance {
        /// The least balance (percent) with a plan.
        percent: u8,
    },
    /// The capacities hold fewer clients than the team has.
    Capacity,
    /// The balance needs more moves than allowed.
    MaxMoves {
        /// The fewest moves that meet the balance.
        needed: u32,
    },
}

/// The potential band of each client: quartiles of the team's potentials (ties in one band).
pub fn bands(clients: &[PlanClient]) -> Vec<u8> {
    let mut sorted: Vec<i64> = clients.iter().map(|c| c.potential_minor).collect();
    sorted.sort_unstable();
    let cut = |k: usize| sorted.get(k * sorted.len() / BANDS).copied().unwrap_or(i64::MAX);
    let cuts: Vec<i64> = (1..BANDS).map(cut).collect();
    clients.iter().map(|c| cuts.iter().filter(|x| c.potential_minor >= **x).count() as u8).collect()
}

/// The least and most of `total` units per rep among `reps` within `percent` of the mean.
pub fn bounds(total: usize, reps: usize, percent: u8) -> (i64, i64) {
    let mean = total as f64 / reps as f64;
    let p = f64::from(percent) / 100.0;
    ((mean * (1.0 - p)).floor() as i64, (mean * (1.0 + p)).ceil() as i64)
}

/// The client's own part of a move's weight on `today`: its years with the holder and its
/// revenue against the team's largest `top_revenue`; and the years counted.
fn client_weight(c: &PlanClient, top_revenue: i64, today: Date) -> (i64, i64) {
    let years = ((today - c.held_since).whole_days() / 365).clamp(0, MAX_YEARS);
    let revenue = if top_revenue > 0 {
        (i128::from(c.revenue_minor.max(0)) * i128::from(REVENUE) / i128::from(top_revenue)) as i64
    } else {
        0
    };
    (years * PER_YEAR + revenue, years)
}

/// Whether a client of `region` (a customer or not) sits off `to`'s route, and whether it
/// misfits his specialisation (only in a team of `mixed` hunters and farmers).
fn fit(region: Option<&str>, customer: bool, to: &PlanRep, mixed: bool) -> (bool, bool) {
    let off_route = matches!((to.region.as_deref(), region), (Some(r), Some(cr)) if r != cr);
    let misfit = mixed
        && matches!(
            (to.specialisation, customer),
            (Some(Specialisation::Farmer), false) | (Some(Specialisation::Hunter), true)
        );
    (off_route, misfit)
}

/// The rep's part of a move's weight.
fn fit_weight((off_route, misfit): (bool, bool)) -> i64 {
    i64::from(off_route) * OFF_ROUTE + i64::from(misfit) * MISFIT
}

/// Whether `reps` mix hunters and farmers (only then does specialisation weigh).
fn mixed(reps: &[PlanRep]) -> bool {
    let has = |s| reps.iter().any(|p| p.specialisation == Some(s));
    has(Specialisation::Hunter) && has(Specialisation::Farmer)
}

/// The network of a redistribution and how to read its flow back.
pub struct Instance {
    /// The network.
    pub network: Network,
    /// Per client of the book: the arc that moves it to its hub, if it may move.
    movers: Vec<Option<usize>>,
    /// Per hub → rep arc: the hub, the rep's index.
    hub_arcs: Vec<(usize, usize, usize)>,
    /// Clients per hub, by index in the book.
    hubs: Vec<Vec<usize>>,
    bands: Vec<u8>,
    /// Whether the team mixes hunters and farmers.
    mixed: bool,
    /// The team's largest revenue of twelve months.
    top_revenue: i64,
}

/// Builds the network of redistributing `clients` among `reps` within `limits` on `today`.
pub fn instance(reps: &[PlanRep], clients: &[PlanClient], limits: &Limits, today: Date) -> Instance {
    let band_of = bands(clients);
    let rep_index: BTreeMap<EmployeeId, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let movable = |c: &PlanClient| !c.locked && (limits.move_key || !c.key) && rep_index.contains_key(&c.holder);
    // Hubs: one per (band, region, customer) among the movable clients.
    let mut hub_of: BTreeMap<(u8, Option<&str>, bool), usize> = BTreeMap::new();
    let mut hubs: Vec<Vec<usize>> = Vec::new();
    for (i, c) in clients.iter().enumerate().filter(|(_, c)| movable(c)) {
        let h = *hub_of.entry((band_of[i], c.region.as_deref(), c.customer)).or_insert_with(|| {
            hubs.push(Vec::new());
            hubs.len() - 1
        });
        hubs[h].push(i);
    }
    // Nodes: movable clients, hubs, rep × band, reps, the sink.
    let n_movers = hubs.iter().map(Vec::len).sum::<usize>();
    let (r, b) = (reps.len(), BANDS);
    let hub0 = n_movers;
    let band0 = hub0 + hubs.len();
    let rep0 = band0 + r * b;
    let sink = rep0 + r;
    let mut net = Network::with_nodes(sink + 1);
    let mut movers = vec![None; clients.len()];
    let mut fixed = vec![[0i64; BANDS]; r];
    let mut node = 0;
    let mixed = mixed(reps);
    // The weight of a move depends on the client (years, revenue), which rides on its arc to
    // the hub, and on the rep (region, specialisation), which rides on the hub's arc to him.
    let top_revenue = clients.iter().map(|c| c.revenue_minor).max().unwrap_or(0);
    for (h, members) in hubs.iter().enumerate() {
        for &i in members {
            let c = &clients[i];
            let holder = rep_index[&c.holder];
            net.supply[node] = 1;
            net.arc(node, band0 + holder * b + usize::from(band_of[i]), 0, 1, 0);
            let cost = MOVE + client_weight(c, top_revenue, today).0;
            movers[i] = Some(net.arc(node, hub0 + h, 0, 1, cost));
            node += 1;
        }
    }
    for (i, c) in clients.iter().enumerate().filter(|(_, c)| !movable(c)) {
        if let Some(&holder) = rep_index.get(&c.holder) {
            fixed[holder][usize::from(band_of[i])] += 1;
        }
    }
    let mut hub_arcs = Vec::new();
    for (h, members) in hubs.iter().enumerate() {
        let kind = &clients[members[0]];
        for (ri, rep) in reps.iter().enumerate() {
            let cost = fit_weight(fit(kind.region.as_deref(), kind.customer, rep, mixed));
            let arc = net.arc(hub0 + h, band0 + ri * b + usize::from(band_of[members[0]]), 0, INFINITE, cost);
            hub_arcs.push((arc, h, ri));
        }
    }
    // Per band and in all, each rep within the balance; fixed clients take their share first.
    let per_band: Vec<usize> = (0..BANDS).map(|k| band_of.iter().filter(|x| usize::from(**x) == k).count()).collect();
    let (lo_all, hi_all) = bounds(clients.len(), r.max(1), limits.balance_percent);
    for (ri, rep) in reps.iter().enumerate() {
        let mut fixed_all = 0;
        for (k, total) in per_band.iter().enumerate() {
            let (lo, hi) = bounds(*total, r.max(1), limits.balance_percent);
            let f = fixed[ri][k];
            fixed_all += f;
            net.arc(band0 + ri * b + k, rep0 + ri, (lo - f).max(0), hi - f, 0);
        }
        let hi = rep.capacity.map_or(hi_all, |cap| hi_all.min(i64::from(cap)));
        net.arc(rep0 + ri, sink, (lo_all - fixed_all).max(0), hi - fixed_all, 0);
    }
    net.supply[sink] = -(n_movers as i64);
    Instance { network: net, movers, hub_arcs, hubs, bands: band_of, mixed, top_revenue }
}

/// Plans the redistribution of `clients` among `reps` within `limits` on `today`: the fewest
/// moves that meet the balance, the least weighty among them; or which limit to relax.
pub fn plan(reps: &[PlanRep], clients: &[PlanClient], limits: &Limits, today: Date) -> Result<Plan, Relax> {
    if reps.is_empty() || clients.is_empty() {
        return Err(Relax::NothingToPlan);
    }
    let Some(plan) = solve(reps, clients, limits, today) else {
        return Err(diagnose(reps, clients, limits, today));
    };
    match limits.max_moves {
        Some(most) if plan.moves.len() > most as usize => Err(Relax::MaxMoves { needed: plan.moves.len() as u32 }),
        _ => Ok(plan),
    }
}

/// Which limit to relax when `limits` have no plan.
fn diagnose(reps: &[PlanRep], clients: &[PlanClient], limits: &Limits, today: Date) -> Relax {
    let capacity: Option<u64> = reps.iter().map(|r| r.capacity.map(u64::from)).sum();
    if capacity.is_some_and(|cap| cap < clients.len() as u64) {
        return Relax::Capacity;
    }
    let unlocked = Limits { move_key: true, ..*limits };
    let all_free: Vec<PlanClient> =
        clients.iter().map(|c| PlanClient { locked: false, key: false, ..c.clone() }).collect();
    let feasible = |cs: &[PlanClient], l: &Limits| solve(reps, cs, l, today).is_some();
    if feasible(&all_free, limits) {
        let move_key_helps = !limits.move_key && feasible(clients, &unlocked);
        return Relax::Locked { move_key_helps };
    }
    // A wider balance only loosens the bounds: the least that works is found by halving.
    let works = |p: u8| feasible(clients, &Limits { balance_percent: p, ..*limits });
    if !works(100) {
        return Relax::Capacity;
    }
    let (mut fails, mut holds) = (limits.balance_percent, 100);
    while holds - fails > 1 {
        let mid = fails + (holds - fails) / 2;
        if works(mid) {
            holds = mid;
        } else {
            fails = mid;
        }
    }
    Relax::Balance { percent: holds }
}

/// The cheapest plan within `limits`, if any.
fn solve(reps: &[PlanRep], clients: &[PlanClient], limits: &Limits, today: Date) -> Option<Plan> {
    let inst = instance(reps, clients, limits, today);
    let flow = inst.network.solve()?;
    let (mixed, top_revenue) = (inst.mixed, inst.top_revenue);
    // Each hub's moving clients go to the reps its flow reaches, in rep order. An optimal flow
    // never sends a hub's flow back to a rep whose clients leave by that hub (both moves would
    // cost and change nothing), so which client goes where within a hub costs the same.
    let mut moving: Vec<Vec<usize>> = inst
        .hubs
        .iter()
        .map(|members| {
            members.iter().rev().copied().filter(|&i| inst.movers[i].is_some_and(|a| flow.on[a] == 1)).collect()
        })
        .collect();
    let mut moves = Vec::new();
    for &(arc, h, ri) in &inst.hub_arcs {
        for _ in 0..flow.on[arc] {
            let Some(i) = moving[h].pop() else { break };
            let c = &clients[i];
            let rep = &reps[ri];
            if rep.id == c.holder {
                continue;
            }
            let (own, years) = client_weight(c, top_revenue, today);
            let (off_route, misfit) = fit(c.region.as_deref(), c.customer, rep, mixed);
            let weight = own + fit_weight((off_route, misfit));
            moves.push(Move {
                client_id: c.id,
                from: c.holder,
                to: rep.id,
                band: inst.bands[i],
                weight,
                years,
                off_route,
                misfit,
            });
        }
    }
    moves.sort_by_key(|m| m.client_id);
    let loads = loads(reps, clients, &moves);
    Some(Plan { moves, loads, cost: i64::try_from(flow.cost).unwrap_or(i64::MAX) })
}

/// Each rep's clients and potential before and after `moves`.
fn loads(reps: &[PlanRep], clients: &[PlanClient], moves: &[Move]) -> Vec<Load> {
    let mut out: Vec<Load> = reps
        .iter()
        .map(|r| Load {
            employee_id: r.id,
            clients_before: 0,
            clients_after: 0,
            potential_before: 0,
            potential_after: 0,
        })
        .collect();
    let index: BTreeMap<EmployeeId, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let moved: BTreeMap<ClientId, EmployeeId> = moves.iter().map(|m| (m.client_id, m.to)).collect();
    for c in clients {
        if let Some(&i) = index.get(&c.holder) {
            out[i].clients_before += 1;
            out[i].potential_before = out[i].potential_before.saturating_add(c.potential_minor);
        }
        let now = moved.get(&c.id).copied().unwrap_or(c.holder);
        if let Some(&i) = index.get(&now) {
            out[i].clients_after += 1;
            out[i].potential_after = out[i].potential_after.saturating_add(c.potential_minor);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeded::Rng;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 07);

    fn rep(region: Option<&str>, specialisation: Option<Specialisation>) -> PlanRep {
        PlanRep { id: EmployeeId::new(), region: region.map(Into::into), specialisation, capacity: None }
    }

    fn client(holder: &PlanRep, potential: i64, years: i64) -> PlanClient {
        PlanClient {
            id: ClientId::new(),
            holder: holder.id,
            potential_minor: potential,
            revenue_minor: 0,
            held_since: TODAY - time::Duration::days(365 * years),
            region: None,
            customer: true,
            key: false,
            locked: false,
        }
    }

    const EVEN: Limits = Limits { balance_percent: 0, max_moves: None, move_key: false };

    #[test]
    fn a_lopsided_team_is_evened_by_the_fewest_and_shortest_relationships() {
        let (a, b) = (rep(None, None), rep(None, None));
        // Eight clients of one potential with A, held 0–7 years: four move, the newest.
        let book: Vec<PlanClient> = (0..8).map(|y| client(&a, 100, y)).collect();
        let p = plan(&[a.clone(), b.clone()], &book, &EVEN, TODAY).unwrap();
        assert_eq!(p.moves.len(), 4);
        let mut years: Vec<i64> = p.moves.iter().map(|m| m.years).collect();
        years.sort();
        assert_eq!(years, [0, 1, 2, 3]);
        assert!(p.moves.iter().all(|m| m.from == a.id && m.to == b.id));
        assert_eq!((p.loads[0].clients_after, p.loads[1].clients_after), (4, 4));
        assert_eq!(p.cost, 4 * MOVE + (1 + 2 + 3) * PER_YEAR);
        assert_eq!(plan(&[a, b], &book, &EVEN, TODAY), Ok(p), "the same plan again");
    }

    #[test]
    fn potential_is_balanced_band_by_band_and_routes_and_kinds_weigh() {
        let (a, b) =
            (rep(Some("Москва"), Some(Specialisation::Farmer)), rep(Some("Тверь"), Some(Specialisation::Hunter)));
        // A holds two big and two small, B two small: one big goes to B.
        let mut book = vec![client(&a, 1_000, 1), client(&a, 1_000, 1), client(&a, 10, 1), client(&a, 10, 1)];
        book.extend([client(&b, 10, 1), client(&b, 10, 1)]);
        book[0].region = Some("Москва".into());
        book[1].region = Some("Тверь".into());
        let p = plan(&[a.clone(), b.clone()], &book, &EVEN, TODAY).unwrap();
        assert_eq!(p.moves.len(), 1, "{p:?}");
        assert_eq!(p.moves[0].client_id, book[1].id, "the one in B's region");
        assert!(!p.moves[0].off_route && p.moves[0].misfit, "a customer to a hunter");
        assert_eq!((p.loads[0].potential_after, p.loads[1].potential_after), (1_020, 1_020));
    }

    #[test]
    fn locked_clients_stay_and_impossible_limits_say_what_to_relax() {
        let (a, b) = (rep(None, None), rep(None, None));
        let mut book: Vec<PlanClient> = (0..4).map(|y| client(&a, 100, y)).collect();
        for c in &mut book {
            c.key = true;
        }
        assert_eq!(plan(&[a.clone(), b.clone()], &book, &EVEN, TODAY), Err(Relax::Locked { move_key_helps: true }));
        let moved = plan(&[a.clone(), b.clone()], &book, &Limits { move_key: true, ..EVEN }, TODAY).unwrap();
        assert_eq!(moved.moves.len(), 2);
        for c in &mut book {
            c.locked = true;
        }
        assert_eq!(plan(&[a.clone(), b.clone()], &book, &EVEN, TODAY), Err(Relax::Locked { move_key_helps: false }));
        book[0].locked = false;
        book[1].locked = false;
        assert_eq!(
            plan(&[a.clone(), b.clone()], &book, &Limits { max_moves: Some(1), move_key: true, ..EVEN }, TODAY),
            Err(Relax::MaxMoves { needed: 2 })
        );
        let small = PlanRep { capacity: Some(1), ..b.clone() };
        let tight = PlanRep { capacity: Some(2), ..a.clone() };
        assert_eq!(plan(&[tight, small], &book, &Limits { balance_percent: 100, ..EVEN }, TODAY), Err(Relax::Capacity));
        assert_eq!(plan(&[a.clone(), b.clone()], &[], &EVEN, TODAY), Err(Relax::NothingToPlan));
        // A rep who can take one client cannot carry half of four: the balance must widen (at
        // 1 % the bounds round to 1–3 clients).
        let book: Vec<PlanClient> = (0..4).map(|y| client(&b, 100, y)).collect();
        let one = PlanRep { capacity: Some(1), ..a };
        assert_eq!(plan(&[one, b], &book, &EVEN, TODAY), Err(Relax::Balance { percent: 1 }));
    }

    /// The cost of giving client `i` to `to[i]`, or none when the limits forbid it: the model's
    /// definition, written out without the network.
    fn cost_of(reps: &[PlanRep], book: &[PlanClient], l: &Limits, to: &[usize]) -> Option<i64> {
        let band = bands(book);
        let top = book.iter().map(|c| c.revenue_minor).max().unwrap_or(0);
        let mut per = vec![[0i64; BANDS]; reps.len()];
        let mut cost = 0;
        for (i, c) in book.iter().enumerate() {
            let rep = &reps[to[i]];
            if rep.id != c.holder {
                if c.locked || (c.key && !l.move_key) {
                    return None;
                }
                let fits = fit(c.region.as_deref(), c.customer, rep, mixed(reps));
                cost += MOVE + client_weight(c, top, TODAY).0 + fit_weight(fits);
            }
            per[to[i]][usize::from(band[i])] += 1;
        }
        let (lo_all, hi_all) = bounds(book.len(), reps.len(), l.balance_percent);
        for (r, counts) in per.iter().enumerate() {
            for (k, n) in counts.iter().enumerate() {
                let (lo, hi) =
                    bounds(band.iter().filter(|x| usize::from(**x) == k).count(), reps.len(), l.balance_percent);
                if *n < lo || *n > hi {
                    return None;
                }
            }
            let all: i64 = counts.iter().sum();
            let hi = reps[r].capacity.map_or(hi_all, |c| hi_all.min(i64::from(c)));
            if all < lo_all || all > hi {
                return None;
            }
        }
        Some(cost)
    }

    #[test]
    fn the_plan_is_the_cheapest_of_every_assignment_on_small_books() {
        let regions = [None, Some("Москва"), Some("Тверь")];
        let kinds = [None, Some(Specialisation::Hunter), Some(Specialisation::Farmer)];
        let mut planned = 0;
        for seed in 0..400 {
            let mut r = Rng::stream(seed, 1);
            let reps: Vec<PlanRep> = (0..r.int(2, 3))
                .map(|_| PlanRep {
                    capacity: (r.below(4) == 0).then(|| r.int(1, 4) as u32),
                    ..rep(regions[r.below(3)], kinds[r.below(3)])
                })
                .collect();
            let book: Vec<PlanClient> = (0..r.int(1, 6))
                .map(|_| PlanClient {
                    revenue_minor: r.int(0, 5) * 100,
                    region: regions[r.below(3)].map(Into::into),
                    customer: r.below(2) == 0,
                    key: r.below(5) == 0,
                    locked: r.below(8) == 0,
                    ..client(&reps[r.below(reps.len())], r.int(1, 4) * 100, r.int(0, 12))
                })
                .collect();
            let limits =
                Limits { balance_percent: [0, 20, 50][r.below(3)] as u8, max_moves: None, move_key: r.below(2) == 0 };
            // Every assignment of the book to the reps, the cheapest allowed.
            let mut best: Option<i64> = None;
            let n = book.len();
            for code in 0..reps.len().pow(n as u32) {
                let to: Vec<usize> = (0..n).map(|i| code / reps.len().pow(i as u32) % reps.len()).collect();
                if let Some(c) = cost_of(&reps, &book, &limits, &to) {
                    best = Some(best.map_or(c, |b: i64| b.min(c)));
                }
            }
            let got = plan(&reps, &book, &limits, TODAY);
            assert_eq!(got.as_ref().ok().map(|p| p.cost), best, "seed {seed}: {got:?}");
            if let Ok(p) = got {
                planned += 1;
                let weights: i64 = p.moves.iter().map(|m| MOVE + m.weight).sum();
                assert_eq!(weights, p.cost, "seed {seed}: the moves explain the cost");
            }
        }
        assert!(planned > 100, "enough feasible books: {planned}");
    }
}
