//! Touches: calls, e-mails, meetings, visits, proposals and notes, so each client's history
//! tells a stranger what happened.

use super::deals::Sale;
use super::names::{LOSS_REASONS, OUTCOMES, SEGMENTS, TEXTS};
use super::story::{Span, REST_DAYS};
use super::{add, midnight, Book};
use sprut_core::activity::{Activity, ActivityKind};
use sprut_core::assignment::{AssignmentKind, EndReason};
use sprut_core::client::Tier;
use sprut_core::deal::DealStage;
use sprut_core::money::format_minor;
use sprut_core::seeded::Rng;
use sprut_core::{ActivityId, ContactId};
use time::{Date, Duration};

/// Every client's touches, the deal proposals and losses, and the system's notes on releases.
pub(super) fn build(rng: &mut Rng, book: &Book, sales: &[Sale]) -> Vec<Activity> {
    let mut log = Log { rng, book, out: Vec::with_capacity(70_000) };
    for (i, story) in book.stories.iter().enumerate() {
        if story.spans.is_empty() {
            log.push(
                i,
                None,
                story.created,
                ActivityKind::Note,
                "Входящая заявка с сайта: клиент ждёт назначения менеджера.".into(),
            );
        }
        for span in &story.spans {
            log.touches(i, span);
            log.release_note(i, span);
        }
    }
    for sale in sales {
        log.deal_notes(sale);
    }
    log.out
}

/// Kinds of touch, weighted, in the order of `ActivityKind::ALL`.
const DEVELOPMENT_MIX: [u32; 6] = [38, 24, 10, 8, 8, 12];
const ACCOUNT_MIX: [u32; 6] = [34, 30, 12, 10, 4, 10];

struct Log<'a> {
    rng: &'a mut Rng,
    book: &'a Book,
    out: Vec<Activity>,
}

impl Log<'_> {
    /// The holder's own touches over the span, until the client was left alone.
    fn touches(&mut self, i: usize, span: &Span) {
        let story = &self.book.stories[i];
        let stop = span.stop(self.book.today).min(story.quiet_from.unwrap_or(span.stop(self.book.today)));
        let days = (stop - span.start).whole_days();
        let every = days_per_touch(self.book.shells[i].tier, span.kind);
        let count = days / every + i64::from(self.rng.chance((days % every) as f64 / every as f64));
        let mix = if span.kind == AssignmentKind::Development { &DEVELOPMENT_MIX } else { &ACCOUNT_MIX };
        for _ in 0..count.max(0) {
            let day = add(span.start, self.rng.int(0, days - 1));
            let kind = ActivityKind::ALL[self.rng.weighted(mix)];
            let goods = self.rng.pick(&SEGMENTS[self.book.shells[i].segment].goods);
            let text = self.rng.pick(TEXTS[kind as usize]).replace("{g}", goods);
            self.push(i, Some(span.rep), day, kind, text);
        }
    }

    /// The system's note when a development ends without a sale: nobody holds the client that day.
    fn release_note(&mut self, i: usize, span: &Span) {
        let (Some(end), Some(reason)) = (span.end, span.reason) else { return };
        let text = match reason {
            EndReason::Released => {
                format!("Срок разработки истёк без продажи: клиент в пуле на передышке {REST_DAYS} дн.")
            }
            EndReason::Recalled => "Руководитель отозвал клиента: нет движения; клиент на передышке.".into(),
            EndReason::Archived => "Клиент переведён в архив: прекратил закупки.".into(),
            _ => return,
        };
        if end <= self.book.today {
            self.push(i, None, end, ActivityKind::Note, text);
        }
    }

    /// The proposal behind every new client's deal and some repeat orders, and the reason when lost.
    fn deal_notes(&mut self, sale: &Sale) {
        let story = &self.book.stories[sale.client];
        let deal = &sale.deal;
        let span = story.span_on(deal.opened_on);
        if span.is_some_and(|s| s.kind == AssignmentKind::Development) || self.rng.chance(0.4) {
            let proposal = format!("КП по сделке «{}» на {} ₽.", deal.title, format_minor(deal.amount_minor));
            self.push(sale.client, span.map(|s| s.rep), deal.opened_on, ActivityKind::Proposal, proposal);
        }
        if let (DealStage::Lost, Some(closed)) = (deal.stage, deal.closed_on) {
            let text = format!("Сделка «{}» проиграна: {}.", deal.title, self.rng.pick(LOSS_REASONS));
            self.push(sale.client, story.holder_on(closed), closed, ActivityKind::Note, text);
        }
    }

    fn push(&mut self, i: usize, author: Option<usize>, day: Date, kind: ActivityKind, text: String) {
        let occurred_at = midnight(day) + Duration::minutes(self.rng.int(6 * 60, 15 * 60));
        let talked =
            matches!(kind, ActivityKind::Call | ActivityKind::Meeting | ActivityKind::Visit | ActivityKind::Proposal);
        let outcome = (talked && self.rng.chance(0.5)).then(|| self.rng.pick(OUTCOMES).to_string());
        let contact_ids = if kind == ActivityKind::Note { Vec::new() } else { self.contacts(i) };
        self.out.push(Activity {
            id: ActivityId(self.rng.uuid(occurred_at)),
            client_id: self.book.clients[i].id,
            kind,
            occurred_at,
            author_id: author.map(|e| self.book.company.employees[e].id),
            participant_ids: Vec::new(),
            contact_ids,
            outcome,
            text,
            checklist: None,
            created_at: occurred_at + Duration::minutes(self.rng.int(1, 90)),
            extra: Default::default(),
        });
    }

    /// None, one or two of the client's contacts.
    fn contacts(&mut self, i: usize) -> Vec<ContactId> {
        let range = self.book.contact_ranges[i].clone();
        let people = &self.book.contacts[range];
        let roll = self.rng.unit();
        if people.is_empty() || roll < 0.15 {
            return Vec::new();
        }
        let a = self.rng.below(people.len());
        let b = self.rng.below(people.len());
        if roll > 0.85 && a != b {
            vec![people[a].id, people[b].id]
        } else {
            vec![people[a].id]
        }
    }
}

/// How many days pass between touches, on average.
fn days_per_touch(tier: Tier, kind: AssignmentKind) -> i64 {
    match (tier, kind) {
        (Tier::Key, AssignmentKind::Development) => 10,
        (Tier::Key, AssignmentKind::Account) => 20,
        (Tier::Regular, AssignmentKind::Development) => 18,
        (Tier::Regular, AssignmentKind::Account) => 55,
        (Tier::Small, AssignmentKind::Development) => 30,
        (Tier::Small, AssignmentKind::Account) => 100,
    }
}
