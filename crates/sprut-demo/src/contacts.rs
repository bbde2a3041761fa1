//! The people at each client: one to four contacts, usually one decision maker.

use super::names::{Person, BOSS_POSITIONS, MAIL_SERVICES, POSITIONS, REGIONS};
use super::{add, midnight, Book};
use sprut_core::client::Tier;
use sprut_core::contact::{Contact, ContactFunction, ContactLevel};
use sprut_core::employee::Department;
use sprut_core::seeded::Rng;
use sprut_core::ContactId;
use std::collections::HashSet;
use std::ops::Range;
use time::Duration;

/// The contacts of every client, and the range of them that belongs to each client.
pub(super) fn build(rng: &mut Rng, book: &Book) -> (Vec<Contact>, Vec<Range<usize>>) {
    let mut out = Vec::with_capacity(book.clients.len() * 2);
    let mut ranges = Vec::with_capacity(book.clients.len());
    for i in 0..book.clients.len() {
        let shell = &book.shells[i];
        let count = match (&shell.owner, shell.tier) {
            (Some(_), _) => 1,
            (None, Tier::Small) => rng.int(1, 2),
            (None, Tier::Regular) => rng.int(1, 3),
            (None, Tier::Key) => rng.int(2, 4),
        };
        let first = out.len();
        for j in 0..count {
            out.push(contact(rng, book, i, j == 0));
        }
        ranges.push(first..out.len());
    }
    (out, ranges)
}

fn contact(rng: &mut Rng, book: &Book, i: usize, first: bool) -> Contact {
    let shell = &book.shells[i];
    let owner = shell.owner.clone().filter(|_| first);
    let is_owner = owner.is_some();
    let person = owner.unwrap_or_else(|| Person::random(rng, 0.45));
    let position = match (is_owner, first) {
        (true, _) => "Индивидуальный предприниматель",
        (false, true) => rng.pick(BOSS_POSITIONS),
        (false, false) => rng.pick(POSITIONS),
    };
    let created = add(book.stories[i].created, rng.int(0, 30)).min(book.today);
    let verified = rng.chance(0.3).then(|| {
        let from = created.max(add(book.today, -365));
        add(from, rng.int(0, (book.today - from).whole_days()))
    });
    let verifier = if rng.chance(0.5) {
        book.company.heads[shell.team()]
    } else {
        book.company.staff_of(shell.team(), Department::Support)
    };
    let created_at = midnight(created);
    let verified_at = verified.map(|d| midnight(d) + Duration::hours(10));
    let function = ContactFunction::from_position(position);
    let decision_maker = first && (is_owner || rng.chance(0.9));
    Contact {
        id: ContactId(rng.uuid(created_at)),
        client_id: book.clients[i].id,
        name: if rng.chance(0.8) { person.full() } else { format!("{} {}", person.first, person.surname) },
        position: Some(position.into()),
        function,
        phones: phones(rng, shell.region, is_owner),
        emails: emails(rng, &person, shell.domain.as_deref(), first),
        channels: Vec::new(),
        decision_maker,
        level: ContactLevel::implied(decision_maker, function),
        consent: rng.chance(0.6),
        verified_at,
        verified_by: verified.map(|_| book.company.employees[verifier].id),
        created_at,
        updated_at: verified_at.unwrap_or(created_at),
        extra: Default::default(),
    }
}

fn phones(rng: &mut Rng, region: usize, mobile_only: bool) -> Vec<String> {
    let code = rng.pick(REGIONS[region].phone_codes);
    let office = format!("+7 {code} {}", seven_digits(rng));
    let mobile = format!("+7 9{:02} {}", rng.int(0, 99), seven_digits(rng));
    match (mobile_only, rng.below(3)) {
        (true, _) | (false, 0) => vec![mobile],
        (false, 1) => vec![office],
        _ => vec![office, mobile],
    }
}

pub(super) fn seven_digits(rng: &mut Rng) -> String {
    format!("{:03}-{:02}-{:02}", rng.int(100, 999), rng.int(0, 99), rng.int(0, 99))
}

fn emails(rng: &mut Rng, person: &Person, domain: Option<&str>, first: bool) -> Vec<String> {
    let Some(domain) = domain else {
        return vec![format!("{}{}@{}", person.login(), rng.int(1, 99), rng.pick(MAIL_SERVICES))];
    };
    let mut out = Vec::new();
    if rng.chance(0.85) {
        out.push(format!("{}@{domain}", person.dotted()));
    }
    if first && rng.chance(0.25) {
        out.push(format!("{}@{domain}", rng.pick(&["info", "office", "zakupki"])));
    }
    out
}

/// The contacts of `clients` lose consent and verification: nobody but the rep can reach them.
pub(super) fn only_through_rep(contacts: &mut [Contact], ranges: &[Range<usize>], clients: &HashSet<usize>) {
    for &i in clients {
        for c in &mut contacts[ranges[i].clone()] {
            c.consent = false;
            c.verified_at = None;
            c.verified_by = None;
            c.updated_at = c.created_at;
        }
    }
}
