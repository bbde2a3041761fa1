//! The demo company: a Russian B2B distributor with three sales teams, ~5,000 clients and two
//! years of history, built from a seed so every run (and every test) sees the same company.
//!
//! The history is shaped so the rules have material: developments held long past due without
//! a sale, customers who stopped buying over a year ago, clients nobody touched for months,
//! and reps whose revenue hangs on a few key clients.

mod activities;
mod clients;
mod contacts;
mod deals;
mod names;
mod people;
mod story;
mod tasks;
#[cfg(test)]
mod tests;
mod transfers;

use clients::Shell;
use people::Company;
use sprut_core::client::Client;
use sprut_core::contact::Contact;
use sprut_core::dataset::Dataset;
use sprut_core::employee::Employee;
use sprut_core::seeded::Rng;
use std::ops::Range;
use story::Story;
use time::{Date, Duration, OffsetDateTime};

/// The password every demo account gets.
pub const DEMO_PASSWORD: &str = "demo";

/// The accounts printed for people trying the demo, in the order shown.
const LOGINS: [&str; 9] = [
    "admin@demo.sprut",
    "auditor@demo.sprut",
    "head1@demo.sprut",
    "head2@demo.sprut",
    "head3@demo.sprut",
    "rep1@demo.sprut",
    "rep2@demo.sprut",
    "rep3@demo.sprut",
    "staff@demo.sprut",
];

/// Builds the demo company as of `today`, the same for the same seed.
pub fn generate(seed: u64, today: Date) -> Dataset {
    let step = |n| Rng::stream(seed, n);
    let company = people::company(&mut step(1), today);
    let shells = clients::shells(&mut step(2));
    let stories = story::plan(&mut step(3), today, &company, &shells);
    let mut book =
        Book { today, company, shells, stories, clients: Vec::new(), contacts: Vec::new(), contact_ranges: Vec::new() };
    book.clients = clients::records(&mut step(4), &book);
    (book.contacts, book.contact_ranges) = contacts::build(&mut step(5), &book);
    let assignments = story::assignments(&mut step(6), &book);
    let mut sales = deals::build(&mut step(7), &book);
    let anchors = deals::concentrate(&mut step(8), &book, &mut sales);
    contacts::only_through_rep(&mut book.contacts, &book.contact_ranges, &anchors);
    let receivables = deals::receivables(&mut step(9), &book, &sales);
    let activities = activities::build(&mut step(10), &book, &sales);
    let account_members = clients::seats(&mut step(11), &book, &anchors);
    let mut data = Dataset {
        teams: book.company.teams,
        employees: book.company.employees,
        passwords: Vec::new(),
        clients: book.clients,
        contacts: book.contacts,
        assignments,
        deals: sales.into_iter().map(|s| s.deal).collect(),
        activities,
        receivables,
        tasks: Vec::new(),
        account_members,
        rests: Vec::new(),
        transfers: Vec::new(),
    };
    data.transfers = transfers::history(&data);
    data.tasks = tasks::build(&mut step(12), &data, today);
    data
}

/// The accounts worth printing for people trying the demo (all with password `demo`).
pub fn logins(data: &Dataset) -> Vec<&Employee> {
    LOGINS.iter().filter_map(|login| data.employees.iter().find(|e| e.email == *login)).collect()
}

/// What the later steps of the generator read: the people, the clients and their stories.
struct Book {
    today: Date,
    company: Company,
    shells: Vec<Shell>,
    stories: Vec<Story>,
    clients: Vec<Client>,
    contacts: Vec<Contact>,
    /// The contacts of client `i` are `contacts[contact_ranges[i]]`.
    contact_ranges: Vec<Range<usize>>,
}

/// `day` moved by `days` (negative: back).
fn add(day: Date, days: i64) -> Date {
    day + Duration::days(days)
}

/// The start of `day` in UTC.
fn midnight(day: Date) -> OffsetDateTime {
    day.midnight().assume_utc()
}
