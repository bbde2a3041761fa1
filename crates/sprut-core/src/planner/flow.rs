//! Minimum-cost flow by the primal network simplex (the algorithm of LEMON's `NetworkSimplex`:
//! an artificial root, a strongly feasible spanning tree by Cunningham's rule, so degenerate
//! pivots cannot cycle, and block search for the entering arc). Exact on integers and
//! deterministic: the same network in the same arc order gives the same flow.

/// An arc of a [`Network`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// Where it leaves.
    pub from: usize,
    /// Where it enters.
    pub to: usize,
    /// The least flow it carries.
    pub lower: i64,
    /// The most flow it carries.
    pub upper: i64,
    /// The cost of one unit of flow.
    pub cost: i64,
}

/// A flow network: nodes `0..nodes`, each with a supply (positive) or a demand (negative).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// Supply of each node (negative: demand); they must sum to zero.
    pub supply: Vec<i64>,
    /// The arcs.
    pub arcs: Vec<Arc>,
}

/// The cheapest flow meeting every supply and bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Its cost.
    pub cost: i128,
    /// The flow on each arc, in the network's order.
    pub on: Vec<i64>,
}

/// Flow bigger than any network here carries.
pub const INFINITE: i64 = i64::MAX / 4;

/// Where a non-tree arc sits.
const LOWER: i8 = 1;
const TREE: i8 = 0;
const UPPER: i8 = -1;
/// Whether a tree arc points from the node to its parent.
const UP: i64 = 1;
const DOWN: i64 = -1;
/// No node.
const NONE: usize = usize::MAX;

impl Network {
    /// A network of `nodes` nodes without supplies or arcs.
    pub fn with_nodes(nodes: usize) -> Self {
        Network { supply: vec![0; nodes], arcs: Vec::new() }
    }

    /// Adds an arc and returns its index.
    pub fn arc(&mut self, from: usize, to: usize, lower: i64, upper: i64, cost: i64) -> usize {
        self.arcs.push(Arc { from, to, lower, upper, cost });
        self.arcs.len() - 1
    }

    /// The cheapest flow, or none when no flow meets the supplies and bounds (or a cycle of
    /// unbounded capacity has a negative cost).
    pub fn solve(&self) -> Option<Flow> {
        if self.supply.iter().sum::<i64>() != 0 || self.arcs.iter().any(|a| a.lower > a.upper) {
            return None;
        }
        let mut s = Simplex::new(self);
        if !s.run() {
            return None;
        }
        s.result(self)
    }
}

/// The working state of one solve.
struct Simplex {
    /// Real arcs first, then one artificial arc per node to the root.
    source: Vec<usize>,
    target: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,
    real: usize,
    /// Per node (the root last): potential, parent, the arc to it and its direction, depth.
    pi: Vec<i64>,
    parent: Vec<usize>,
    pred: Vec<usize>,
    dir: Vec<i64>,
    depth: Vec<usize>,
    /// Children as linked lists.
    first_child: Vec<usize>,
    next_sib: Vec<usize>,
    prev_sib: Vec<usize>,
    /// Where the next block search starts, and its size.
    next_arc: usize,
    block: usize,
}

impl Simplex {
    fn new(net: &Network) -> Self {
        let n = net.supply.len();
        let root = n;
        let m = net.arcs.len();
        let mut supply = net.supply.clone();
        let mut source = Vec::with_capacity(m + n);
        let mut target = Vec::with_capacity(m + n);
        let mut cap = Vec::with_capacity(m + n);
        let mut cost = Vec::with_capacity(m + n);
        for a in &net.arcs {
            // Lower bounds leave as supplies: flow − lower runs in 0..=upper − lower.
            supply[a.from] -= a.lower;
            supply[a.to] += a.lower;
            source.push(a.from);
            target.push(a.to);
            cap.push(a.upper.min(INFINITE) - a.lower);
            cost.push(a.cost);
        }
        let max_cost = net.arcs.iter().map(|a| a.cost.abs()).max().unwrap_or(0);
        let art_cost = (max_cost + 1).saturating_mul(n as i64 + 1);
        let mut flow = vec![0; m];
        let mut state = vec![LOWER; m];
        let mut pi = vec![0; n + 1];
        let mut parent = vec![root; n + 1];
        let mut pred = vec![NONE; n + 1];
        let mut dir = vec![UP; n + 1];
        let mut next_sib = vec![NONE; n + 1];
        let mut prev_sib = vec![NONE; n + 1];
        parent[root] = NONE;
        for (u, &s) in supply.iter().enumerate() {
            let e = source.len();
            if s >= 0 {
                source.push(u);
                target.push(root);
                dir[u] = UP;
                pi[u] = -art_cost;
            } else {
                source.push(root);
                target.push(u);
                dir[u] = DOWN;
                pi[u] = art_cost;
            }
            cap.push(INFINITE);
            cost.push(art_cost);
            flow.push(s.abs());
            state.push(TREE);
            pred[u] = e;
            next_sib[u] = if u + 1 < n { u + 1 } else { NONE };
            prev_sib[u] = if u > 0 { u - 1 } else { NONE };
        }
        let mut first_child = vec![NONE; n + 1];
        first_child[root] = if n > 0 { 0 } else { NONE };
        let mut depth = vec![1; n + 1];
        depth[root] = 0;
        let block = ((m as f64).sqrt() as usize).max(10);
        Simplex {
            source,
            target,
            cap,
            cost,
            flow,
            state,
            real: m,
            pi,
            parent,
            pred,
            dir,
            depth,
            first_child,
            next_sib,
            prev_sib,
            next_arc: 0,
            block,
        }
    }

    /// The reduced cost of `e` signed so that negative means entering improves.
    fn violation(&self, e: usize) -> i64 {
        i64::from(self.state[e]) * (self.cost[e] + self.pi[self.source[e]] - self.pi[self.target[e]])
    }

    /// The entering arc by block search, if any arc improves.
    fn entering(&mut self) -> Option<usize> {
        let m = self.real;
        if m == 0 {
            return None;
        }
        let (mut best, mut best_arc, mut seen) = (0, NONE, 0);
        let mut e = self.next_arc;
        for _ in 0..m {
            let c = self.violation(e);
            if c < best {
                best = c;
                best_arc = e;
            }
            seen += 1;
            e = if e + 1 == m { 0 } else { e + 1 };
            if seen == self.block {
                if best_arc != NONE {
                    break;
                }
                seen = 0;
            }
        }
        (best_arc != NONE).then(|| {
            self.next_arc = e;
            best_arc
        })
    }

    /// The lowest common ancestor of `u` and `v`.
    fn join(&self, mut u: usize, mut v: usize) -> usize {
        while u != v {
            if self.depth[u] >= self.depth[v] {
                u = self.parent[u];
            } else {
                v = self.parent[v];
            }
        }
        u
    }

    /// Pivots until no arc improves; `false` when a cycle of unbounded capacity lowers the cost
    /// without end.
    fn run(&mut self) -> bool {
        while let Some(e) = self.entering() {
            if !self.pivot(e) {
                return false;
            }
        }
        true
    }

    /// Pushes flow around the cycle `e` closes and exchanges the blocking arc for `e` (`false`:
    /// nothing blocks, the cost is unbounded).
    fn pivot(&mut self, e: usize) -> bool {
        let (first, second) =
            if self.state[e] == LOWER { (self.source[e], self.target[e]) } else { (self.target[e], self.source[e]) };
        let join = self.join(first, second);
        // The blocking arc: the last one met going round the cycle from the join (Cunningham).
        let mut delta = self.cap[e];
        let mut out: Option<(usize, bool)> = None;
        let mut u = first;
        while u != join {
            let a = self.pred[u];
            let d = if self.dir[u] == UP { self.flow[a] } else { residual(self.cap[a], self.flow[a]) };
            if d < delta {
                delta = d;
                out = Some((u, true));
            }
            u = self.parent[u];
        }
        u = second;
        while u != join {
            let a = self.pred[u];
            let d = if self.dir[u] == UP { residual(self.cap[a], self.flow[a]) } else { self.flow[a] };
            if d <= delta {
                delta = d;
                out = Some((u, false));
            }
            u = self.parent[u];
        }
        if delta >= INFINITE {
            return false;
        }
        if delta > 0 {
            let val = i64::from(self.state[e]) * delta;
            self.flow[e] += val;
            let mut u = self.source[e];
            while u != join {
                self.flow[self.pred[u]] -= self.dir[u] * val;
                u = self.parent[u];
            }
            u = self.target[e];
            while u != join {
                self.flow[self.pred[u]] += self.dir[u] * val;
                u = self.parent[u];
            }
        }
        let Some((u_out, on_first)) = out else {
            self.state[e] = -self.state[e];
            return true;
        };
        let leaving = self.pred[u_out];
        self.state[leaving] = if self.flow[leaving] == 0 { LOWER } else { UPPER };
        self.state[e] = TREE;
        let (u_in, v_in) = if on_first { (first, second) } else { (second, first) };
        self.rehang(e, u_in, v_in, u_out);
        true
    }

    /// Cuts the subtree of `u_out` off its parent and hangs it from `v_in` by `e`, rooted at
    /// `u_in`; then its depths and potentials follow.
    fn rehang(&mut self, e: usize, u_in: usize, v_in: usize, u_out: usize) {
        // The path u_in → u_out turns round: each node becomes its old parent's parent.
        let mut child = u_in;
        let mut arc = e;
        let mut arc_dir = if self.source[e] == u_in { UP } else { DOWN };
        let mut new_parent = v_in;
        loop {
            let old_parent = self.parent[child];
            let (old_arc, old_dir) = (self.pred[child], self.dir[child]);
            self.detach(child);
            self.attach(child, new_parent);
            self.pred[child] = arc;
            self.dir[child] = arc_dir;
            if child == u_out {
                break;
            }
            new_parent = child;
            child = old_parent;
            arc = old_arc;
            arc_dir = -old_dir;
        }
        // Depths and potentials of the moved subtree, parents before children.
        let mut stack = vec![u_in];
        while let Some(u) = stack.pop() {
            let p = self.parent[u];
            let a = self.pred[u];
            self.depth[u] = self.depth[p] + 1;
            self.pi[u] = if self.dir[u] == UP { self.pi[p] - self.cost[a] } else { self.pi[p] + self.cost[a] };
            let mut c = self.first_child[u];
            while c != NONE {
                stack.push(c);
                c = self.next_sib[c];
            }
        }
    }

    fn detach(&mut self, u: usize) {
        let p = self.parent[u];
        let (prev, next) = (self.prev_sib[u], self.next_sib[u]);
        if prev == NONE {
            self.first_child[p] = next;
        } else {
            self.next_sib[prev] = next;
        }
        if next != NONE {
            self.prev_sib[next] = prev;
        }
    }

    fn attach(&mut self, u: usize, p: usize) {
        self.parent[u] = p;
        let head = self.first_child[p];
        self.next_sib[u] = head;
        self.prev_sib[u] = NONE;
        if head != NONE {
            self.prev_sib[head] = u;
        }
        self.first_child[p] = u;
    }

    /// The flow on the network's arcs, or none while an artificial arc still carries some.
    fn result(&self, net: &Network) -> Option<Flow> {
        if self.flow[self.real..].iter().any(|f| *f != 0) {
            return None;
        }
        let on: Vec<i64> = net.arcs.iter().zip(&self.flow).map(|(a, f)| f + a.lower).collect();
        let cost = net.arcs.iter().zip(&on).map(|(a, f)| i128::from(a.cost) * i128::from(*f)).sum();
        Some(Flow { cost, on })
    }
}

/// What an arc can still take.
fn residual(cap: i64, flow: i64) -> i64 {
    if cap >= INFINITE {
        INFINITE
    } else {
        cap - flow
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeded::Rng;

    /// The cheapest flow by successive shortest paths (Bellman–Ford on the residual network):
    /// slow and simple, the independent answer the simplex is checked against.
    fn by_shortest_paths(net: &Network) -> Option<i128> {
        if net.supply.iter().sum::<i64>() != 0 {
            return None;
        }
        let n = net.supply.len();
        let (s, t) = (n, n + 1);
        // Residual arcs: (to, cap, cost, reverse index).
        let mut g: Vec<Vec<(usize, i64, i64, usize)>> = vec![Vec::new(); n + 2];
        let add = |g: &mut Vec<Vec<(usize, i64, i64, usize)>>, a: usize, b: usize, cap: i64, cost: i64| {
            let (ra, rb) = (g[b].len(), g[a].len());
            g[a].push((b, cap, cost, ra));
            g[b].push((a, 0, -cost, rb));
        };
        let mut supply = net.supply.clone();
        let mut base: i128 = 0;
        for a in &net.arcs {
            supply[a.from] -= a.lower;
            supply[a.to] += a.lower;
            base += i128::from(a.lower) * i128::from(a.cost);
            add(&mut g, a.from, a.to, a.upper - a.lower, a.cost);
        }
        let mut need = 0;
        for (u, &x) in supply.iter().enumerate() {
            if x > 0 {
                add(&mut g, s, u, x, 0);
                need += x;
            } else if x < 0 {
                add(&mut g, u, t, -x, 0);
            }
        }
        let mut total = base;
        while need > 0 {
            let mut dist = vec![i64::MAX; n + 2];
            let mut prev = vec![(usize::MAX, 0); n + 2];
            dist[s] = 0;
            for _ in 0..n + 2 {
                let mut changed = false;
                for u in 0..n + 2 {
                    if dist[u] == i64::MAX {
                        continue;
                    }
                    for (i, &(v, cap, cost, _)) in g[u].iter().enumerate() {
                        if cap > 0 && dist[u] + cost < dist[v] {
                            dist[v] = dist[u] + cost;
                            prev[v] = (u, i);
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            if dist[t] == i64::MAX {
                return None;
            }
            let mut push = need;
            let mut v = t;
            while v != s {
                let (u, i) = prev[v];
                push = push.min(g[u][i].1);
                v = u;
            }
            v = t;
            while v != s {
                let (u, i) = prev[v];
                g[u][i].1 -= push;
                let r = g[u][i].3;
                g[v][r].1 += push;
                v = u;
            }
            need -= push;
            total += i128::from(push) * i128::from(dist[t]);
        }
        Some(total)
    }

    /// A random network of at most 8 nodes without negative cycles (so both methods agree on
    /// what "cheapest" means), with negative costs, lower bounds, parallel arcs and some
    /// infeasible ones.
    fn random_network(seed: u64, most: i64) -> Network {
        let mut r = Rng::stream(seed, 0);
        let n = r.int(2, most) as usize;
        let mut net = Network::with_nodes(n);
        // Costs c + p(from) − p(to) with c ≥ 0: every cycle costs its c's, never below zero.
        let p: Vec<i64> = (0..n).map(|_| r.int(-10, 10)).collect();
        for _ in 0..r.int(1, 3 * most) {
            let (a, b) = (r.below(n), r.below(n));
            if a == b {
                continue;
            }
            let cost = r.int(0, 20) + p[a] - p[b];
            let lower = if r.below(5) == 0 { r.int(0, 2) } else { 0 };
            let upper = if r.below(6) == 0 { INFINITE } else { lower + r.int(0, 6) };
            net.arc(a, b, lower, upper, cost);
        }
        for _ in 0..r.int(0, most / 2) {
            let (a, b) = (r.below(n), r.below(n));
            let x = r.int(1, 5);
            net.supply[a] += x;
            net.supply[b] -= x;
        }
        net
    }

    #[test]
    fn the_simplex_finds_the_cheapest_flow_of_random_networks() {
        let mut solved = 0;
        for seed in 0..4_000 {
            let net = random_network(seed, if seed % 4 == 0 { 30 } else { 8 });
            let simplex = net.solve();
            assert_eq!(simplex.as_ref().map(|f| f.cost), by_shortest_paths(&net), "seed {seed}: {net:?}");
            if let Some(f) = simplex {
                solved += 1;
                let mut balance = net.supply.clone();
                for (a, x) in net.arcs.iter().zip(&f.on) {
                    assert!(a.lower <= *x && *x <= a.upper, "seed {seed}: bounds");
                    balance[a.from] -= x;
                    balance[a.to] += x;
                }
                assert!(balance.iter().all(|b| *b == 0), "seed {seed}: conservation");
                assert_eq!(net.solve(), Some(f), "seed {seed}: the same flow again");
            }
        }
        assert!(solved > 1_000, "enough feasible cases: {solved}");
    }

    #[test]
    fn an_assignment_takes_the_cheapest_matching() {
        // Three workers, three jobs: the cheapest matching costs 1 + 2 + 3.
        let costs = [[1, 5, 9], [4, 2, 8], [7, 6, 3]];
        let mut net = Network::with_nodes(6);
        for (w, row) in costs.iter().enumerate() {
            net.supply[w] = 1;
            net.supply[3 + w] = -1;
            for (j, c) in row.iter().enumerate() {
                net.arc(w, 3 + j, 0, 1, *c);
            }
        }
        let f = net.solve().unwrap();
        assert_eq!(f.cost, 6);
        assert_eq!(f.on.iter().filter(|x| **x == 1).count(), 3);
    }

    #[test]
    fn a_degenerate_assignment_ends() {
        // Sixty workers and jobs at one cost: every pivot but the first is degenerate.
        let n = 60;
        let mut net = Network::with_nodes(2 * n);
        for w in 0..n {
            net.supply[w] = 1;
            net.supply[n + w] = -1;
            for j in 0..n {
                net.arc(w, n + j, 0, 1, 7);
            }
        }
        assert_eq!(net.solve().map(|f| f.cost), Some(7 * n as i128));
    }

    #[test]
    fn unmet_supply_or_crossed_bounds_have_no_flow() {
        let mut net = Network::with_nodes(2);
        net.supply = vec![3, -3];
        net.arc(0, 1, 0, 2, 1);
        assert_eq!(net.solve(), None, "the arc carries 2 of 3");
        net.arcs[0].upper = 3;
        assert_eq!(net.solve().map(|f| f.cost), Some(3));
        net.arc(1, 0, 5, 4, 0);
        assert_eq!(net.solve(), None, "lower above upper");
    }
}
