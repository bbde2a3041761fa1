//! Deals and invoices: what each holder sold, lost or is still working on, and what clients owe.

use super::names::{DEAL_TITLES, SEGMENTS};
use super::story::{Span, Story};
use super::{add, midnight, Book};
use sprut_core::assignment::AssignmentKind;
use sprut_core::client::Tier;
use sprut_core::deal::{Deal, DealPhase, DealStage};
use sprut_core::money::Currency;
use sprut_core::receivable::Receivable;
use sprut_core::seeded::Rng;
use sprut_core::{DealId, ReceivableId};
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use time::Date;

/// A deal with the index of its client.
pub(super) struct Sale {
    /// Index of the client.
    pub client: usize,
    /// The deal.
    pub deal: Deal,
}

/// Every client's deals: a first sale that converts a development, then repeat orders while
/// a customer is looked after, losses along the way, and some still open.
pub(super) fn build(rng: &mut Rng, book: &Book) -> Vec<Sale> {
    let mut dealer = Dealer { rng, book, out: Vec::with_capacity(25_000) };
    for (i, story) in book.stories.iter().enumerate() {
        for span in &story.spans {
            match span.kind {
                AssignmentKind::Development => dealer.development(i, story, span),
                AssignmentKind::Account => dealer.account(i, story, span),
            }
        }
    }
    dealer.out
}

struct Dealer<'a> {
    rng: &'a mut Rng,
    book: &'a Book,
    out: Vec<Sale>,
}

impl Dealer<'_> {
    fn development(&mut self, i: usize, story: &Story, span: &Span) {
        let today = self.book.today;
        let stop = span.stop(today);
        if let Some(win) = span.win {
            let opened = add(win, -self.rng.int(7, 45)).max(span.start);
            let amount = self.amount(i, 30, 90);
            self.push(i, span.rep, DealStage::Won, opened, Some(win), amount);
        } else if span.end.is_some() {
            if self.rng.chance(0.35) && (stop - span.start).whole_days() > 10 {
                self.lost_within(i, story, span, stop);
            }
        } else {
            if self.rng.chance(0.1) && (today - span.start).whole_days() > 20 {
                self.lost_within(i, story, span, today);
            }
            if self.rng.chance(0.35) && story.quiet_from.is_none() {
                let opened = add(today, -self.rng.int(0, 60)).max(span.start);
                let amount = self.amount(i, 30, 90);
                self.push(i, span.rep, DealStage::Open, opened, None, amount);
            }
        }
    }

    /// A deal lost between the span's sixth day and `stop`.
    fn lost_within(&mut self, i: usize, story: &Story, span: &Span, stop: Date) {
        let closed = add(span.start, self.rng.int(5, (stop - span.start).whole_days() - 1));
        if story.sales_stop().is_some_and(|s| closed >= s) {
            return;
        }
        let opened = add(closed, -self.rng.int(5, 40)).max(span.start);
        let amount = self.amount(i, 30, 90);
        self.push(i, span.rep, DealStage::Lost, opened, Some(closed), amount);
    }

    fn account(&mut self, i: usize, story: &Story, span: &Span) {
        let today = self.book.today;
        let (lo, hi) = match self.book.shells[i].tier {
            Tier::Key => (25, 60),
            Tier::Regular => (50, 110),
            Tier::Small => (90, 200),
        };
        let stop = span.stop(today).min(add(today, 1));
        let sales_stop = story.sales_stop();
        let mut day = add(span.start, self.rng.int(0, hi));
        while day < stop && sales_stop.is_none_or(|s| day < s) {
            let gap = self.rng.int(lo, hi);
            let stage = if self.rng.chance(0.86) { DealStage::Won } else { DealStage::Lost };
            let opened = add(day, -self.rng.int(5, 35)).max(span.start);
            let amount = self.amount(i, gap, gap);
            self.push(i, span.rep, stage, opened, Some(day), amount);
            day = add(day, gap);
        }
        if span.end.is_none() && sales_stop.is_none() && self.rng.chance(0.3) {
            let opened = add(today, -self.rng.int(0, 40)).max(span.start);
            let amount = self.amount(i, lo, hi);
            self.push(i, span.rep, DealStage::Open, opened, None, amount);
        }
    }

    /// About `lo..=hi` days worth of the client's potential, in whole hundreds of roubles (at least 5,000 ₽).
    fn amount(&mut self, i: usize, lo: i64, hi: i64) -> i64 {
        let days = self.rng.int(lo, hi);
        let value = self.book.shells[i].potential as f64 * days as f64 / 365.0 * self.rng.float(0.35, 0.95);
        ((value / 10_000.0).round() as i64).max(50) * 10_000
    }

    fn push(&mut self, i: usize, rep: usize, stage: DealStage, opened: Date, closed: Option<Date>, amount: i64) {
        let goods = self.rng.pick(&SEGMENTS[self.book.shells[i].segment].goods);
        let title = format!("{} {goods}", self.rng.pick(DEAL_TITLES));
        let created_at = midnight(opened);
        // An open deal's funnel phase and expected close follow from its amount, so that the
        // demo's random stream (and every figure drawn from it) stays as it was.
        let step = (amount / 10_000) as usize;
        let deal = Deal {
            id: DealId(self.rng.uuid(created_at)),
            client_id: self.book.clients[i].id,
            title,
            stage,
            phase: DealPhase::ALL[step % DealPhase::ALL.len()],
            amount_minor: amount,
            currency: Currency::rub(),
            opened_on: opened,
            expected_close_on: (stage == DealStage::Open).then(|| add(opened, 20 + (step % 70) as i64)),
            closed_on: closed,
            opened_known: true,
            owner_id: Some(self.book.company.employees[rep].id),
            credited_to: (stage == DealStage::Won).then(|| self.book.company.employees[rep].id),
            created_at,
            updated_at: midnight(closed.unwrap_or(opened)),
            extra: Default::default(),
        };
        self.out.push(Sale { client: i, deal });
    }
}

/// Makes the last 12 months' revenue of each concentrated rep hang on one to three key
/// clients: their other sales shrink, those clients' grow. Returns those clients.
pub(super) fn concentrate(rng: &mut Rng, book: &Book, sales: &mut [Sale]) -> HashSet<usize> {
    let year_ago = add(book.today, -365);
    let mut anchors = HashSet::new();
    for &rep in &book.company.concentrated {
        let rep_id = book.company.employees[rep].id;
        let recent = |s: &Sale| {
            s.deal.stage == DealStage::Won && s.deal.credited_to == Some(rep_id) && s.deal.closed_on > Some(year_ago)
        };
        let mut revenue: HashMap<usize, i64> = HashMap::new();
        for s in sales.iter().filter(|s| recent(s)) {
            *revenue.entry(s.client).or_default() += s.deal.amount_minor;
        }
        let mut ranked: Vec<(usize, i64)> = revenue.into_iter().collect();
        ranked.sort_by_key(|&(c, r)| (book.shells[c].tier != Tier::Key, Reverse(r), c));
        let mine: Vec<usize> = ranked.iter().take(rng.int(1, 3) as usize).map(|&(c, _)| c).collect();
        for s in sales.iter_mut().filter(|s| recent(s)) {
            s.deal.amount_minor = if mine.contains(&s.client) {
                s.deal.amount_minor / 20_000 * 30_000
            } else {
                (s.deal.amount_minor / 200_000).max(50) * 10_000
            };
        }
        anchors.extend(mine);
    }
    anchors
}

/// An invoice per won deal: most paid, recent ones often open, some overdue.
pub(super) fn receivables(rng: &mut Rng, book: &Book, sales: &[Sale]) -> Vec<Receivable> {
    let today = book.today;
    let mut out = Vec::with_capacity(sales.len());
    for sale in sales.iter().filter(|s| s.deal.stage == DealStage::Won) {
        let Some(closed) = sale.deal.closed_on else { continue };
        let issued = add(closed, rng.int(0, 3)).min(today);
        let terms = *rng.pick(&[14, 30, 30, 45, 60]);
        let due = add(issued, terms);
        let age = (today - due).whole_days();
        let paid = if age > 0 {
            let unpaid = if age > 90 { 0.015 } else { 0.15 };
            (!rng.chance(unpaid)).then(|| add(issued, rng.int(1, terms + 20)).min(today))
        } else {
            rng.chance(0.4).then(|| add(issued, rng.int(0, (today - issued).whole_days())))
        };
        out.push(Receivable {
            id: ReceivableId(rng.uuid(midnight(issued))),
            client_id: sale.deal.client_id,
            number: format!("СФ-{}-{:05}", issued.year(), out.len() + 1),
            amount_minor: sale.deal.amount_minor,
            currency: Currency::rub(),
            issued_on: issued,
            due_on: due,
            paid_on: paid,
            extra: Default::default(),
        });
    }
    out
}
