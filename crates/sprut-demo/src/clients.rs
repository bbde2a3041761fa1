//! The demo company's clients: ~5,000 legal entities, ~50 corporate groups among them,
//! and the account-team seats of staff on them.

use super::names::{self, Person, GROUP_SUFFIXES, REGIONS, REGION_WEIGHTS, SEGMENTS, SEGMENT_WEIGHTS, STREETS};
use super::{add, midnight, Book};
use sprut_core::account_team::AccountMember;
use sprut_core::client::{inn_from_prefix, Client, ClientStatus, Tier};
use sprut_core::employee::Department;
use sprut_core::money::Currency;
use sprut_core::seeded::Rng;
use sprut_core::ClientId;
use std::collections::HashSet;

/// Clients in the demo company.
pub(super) const CLIENTS: usize = 5000;
/// Corporate groups among them.
pub(super) const GROUPS: usize = 50;

/// A client before its history is known: what it is, not what happened to it.
pub(super) struct Shell {
    /// Name with the legal form.
    pub name: String,
    /// ИНН, when known.
    pub legal_id: Option<String>,
    /// Index of the group's parent company.
    pub parent: Option<usize>,
    /// Index into [`SEGMENTS`].
    pub segment: usize,
    /// Index into [`REGIONS`].
    pub region: usize,
    /// Tier.
    pub tier: Tier,
    /// Expected yearly revenue, kopecks.
    pub potential: i64,
    /// Postal address.
    pub address: String,
    /// Mail domain (`None`: an entrepreneur on a free mail service).
    pub domain: Option<String>,
    /// The entrepreneur, for an ИП.
    pub owner: Option<Person>,
}

impl Shell {
    /// Index of the team serving this client.
    pub(super) fn team(&self) -> usize {
        REGIONS[self.region].team
    }
}

/// Draws the clients: the corporate groups first (each parent before its children), then the rest.
pub(super) fn shells(rng: &mut Rng) -> Vec<Shell> {
    let mut out = Vec::with_capacity(CLIENTS);
    let mut roots = HashSet::new();
    while roots.len() < GROUPS {
        let root = names::compound(rng);
        if roots.insert(root.clone()) {
            group(rng, &root, &mut out);
        }
    }
    while out.len() < CLIENTS {
        let serial = out.len() as u64;
        out.push(single(rng, serial));
    }
    out
}

fn group(rng: &mut Rng, root: &str, out: &mut Vec<Shell>) {
    let parent_at = out.len();
    let size = rng.int(2, 8) as usize;
    let region = rng.weighted(&REGION_WEIGHTS);
    let segment = rng.weighted(&SEGMENT_WEIGHTS);
    let form = rng.pick(&["АО «{}»", "АО «{} Холдинг»", "ПАО «{}»", "ООО «Группа {}»"]).replace("{}", root);
    let mut parent = company(rng, form, root, segment, region, out.len() as u64);
    parent.tier = Tier::Key;
    parent.potential = potential(rng, Tier::Key);
    out.push(parent);
    let mut suffixes = GROUP_SUFFIXES.to_vec();
    rng.shuffle(&mut suffixes);
    for suffix in suffixes.into_iter().take(size - 1) {
        let region = 2 * REGIONS[region].team + rng.below(2);
        let segment = if rng.chance(0.7) { segment } else { rng.weighted(&SEGMENT_WEIGHTS) };
        let mut child = company(rng, format!("ООО «{root}-{suffix}»"), root, segment, region, out.len() as u64);
        child.parent = Some(parent_at);
        child.tier = if rng.chance(0.35) { Tier::Key } else { Tier::Regular };
        child.potential = potential(rng, child.tier);
        out.push(child);
    }
}

fn single(rng: &mut Rng, serial: u64) -> Shell {
    let region = rng.weighted(&REGION_WEIGHTS);
    let segment = rng.weighted(&SEGMENT_WEIGHTS);
    if rng.chance(0.14) {
        return entrepreneur(rng, segment, region, serial);
    }
    let brand = names::brand(rng, segment);
    let form = ["ООО", "АО", "ПАО"][rng.weighted(&[88, 10, 2])];
    let mut shell = company(rng, format!("{form} «{brand}»"), &brand, segment, region, serial);
    shell.tier = match (form, rng.weighted(&[8, 55, 37])) {
        (_, 0) | ("ПАО", _) => Tier::Key,
        (_, 1) | ("АО", _) => Tier::Regular,
        _ => Tier::Small,
    };
    shell.potential = potential(rng, shell.tier);
    if rng.chance(0.05) {
        shell.legal_id = None;
    }
    shell
}

fn company(rng: &mut Rng, name: String, brand: &str, segment: usize, region: usize, serial: u64) -> Shell {
    let tld = if rng.chance(0.85) { "ru" } else { "com" };
    let office = rng.int(1, 39) as u64;
    Shell {
        name,
        legal_id: Some(inn_from_prefix(REGIONS[region].tax_code * 10_000_000 + office * 100_000 + serial)),
        parent: None,
        segment,
        region,
        tier: Tier::Regular,
        potential: 0,
        address: address(rng, region),
        domain: Some(format!("{}.{tld}", names::translit(brand))),
        owner: None,
    }
}

fn entrepreneur(rng: &mut Rng, segment: usize, region: usize, serial: u64) -> Shell {
    let owner = Person::random(rng, 0.35);
    let tier = if rng.chance(0.85) { Tier::Small } else { Tier::Regular };
    let office = rng.int(1, 39) as u64;
    let prefix = (REGIONS[region].tax_code * 100 + office) * 1_000_000 + serial;
    Shell {
        name: format!("ИП {}", owner.with_initials()),
        legal_id: (!rng.chance(0.05)).then(|| personal_inn(prefix)),
        parent: None,
        segment,
        region,
        tier,
        potential: potential(rng, tier),
        address: address(rng, region),
        domain: None,
        owner: Some(owner),
    }
}

/// A valid 12-digit ИНН of an entrepreneur from its first ten digits.
fn personal_inn(prefix: u64) -> String {
    let mut digits: Vec<u32> =
        format!("{:010}", prefix % 10_000_000_000).chars().filter_map(|c| c.to_digit(10)).collect();
    for weights in [&[7u32, 2, 4, 10, 3, 5, 9, 4, 6, 8][..], &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]] {
        let sum: u32 = weights.iter().zip(&digits).map(|(w, d)| w * d).sum();
        digits.push(sum % 11 % 10);
    }
    digits.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect()
}

/// Expected yearly revenue in kopecks, log-uniform within the tier's band, in whole 10,000 ₽.
fn potential(rng: &mut Rng, tier: Tier) -> i64 {
    let (lo, hi) = match tier {
        Tier::Small => (100_000.0, 1_000_000.0),
        Tier::Regular => (1_000_000.0, 10_000_000.0),
        Tier::Key => (10_000_000.0_f64, 100_000_000.0),
    };
    let roubles = lo * (hi / lo).powf(rng.unit());
    (roubles / 10_000.0).round() as i64 * 10_000 * 100
}

pub(super) fn address(rng: &mut Rng, region: usize) -> String {
    let town = rng.pick(REGIONS[region].towns);
    let street = rng.pick(STREETS);
    let house = rng.int(1, 120);
    match rng.below(3) {
        0 => format!("{town}, {street}, д. {house}, оф. {}", rng.int(101, 520)),
        1 => format!("{town}, {street}, д. {house}, стр. {}", rng.int(1, 6)),
        _ => format!("{town}, {street}, д. {house}"),
    }
}

/// The client records, stamped with the dates their stories give them.
pub(super) fn records(rng: &mut Rng, book: &Book) -> Vec<Client> {
    let mut ids: Vec<ClientId> = Vec::with_capacity(book.shells.len());
    let mut out = Vec::with_capacity(book.shells.len());
    for (shell, story) in book.shells.iter().zip(&book.stories) {
        let created_at = midnight(story.created);
        let id = ClientId(rng.uuid(created_at));
        ids.push(id);
        out.push(Client {
            id,
            name: shell.name.clone(),
            legal_id: shell.legal_id.clone(),
            parent_id: shell.parent.map(|p| ids[p]),
            segment: Some(SEGMENTS[shell.segment].name.into()),
            region: Some(REGIONS[shell.region].name.into()),
            tier: shell.tier,
            potential_minor: shell.potential,
            currency: Currency::rub(),
            status: if story.archived_on.is_some() { ClientStatus::Archived } else { ClientStatus::Active },
            address: Some(shell.address.clone()),
            language: sprut_core::employee::Language::Ru,
            created_at,
            updated_at: story.archived_on.map_or(created_at, midnight),
            channels: shell
                .domain
                .iter()
                .map(|d| {
                    sprut_core::channel::Channel::new(
                        sprut_core::channel::ChannelKind::Web,
                        sprut_core::channel::ChannelLabel::Work,
                        format!("https://{d}"),
                    )
                })
                .collect(),
            extra: Default::default(),
        });
    }
    out
}

/// Account-team seats: staff named on ~40% of the active clients, key clients most often;
/// the clients in `bare` (a rep's few big customers) get none.
pub(super) fn seats(rng: &mut Rng, book: &Book, bare: &HashSet<usize>) -> Vec<AccountMember> {
    let mut out = Vec::new();
    for (i, (shell, client)) in book.shells.iter().zip(&book.clients).enumerate() {
        let odds = match shell.tier {
            Tier::Key => 0.9,
            Tier::Regular => 0.42,
            Tier::Small => 0.22,
        };
        if client.status == ClientStatus::Archived || bare.contains(&i) || !rng.chance(odds) {
            continue;
        }
        let mut departments = Department::ALL.to_vec();
        rng.shuffle(&mut departments);
        let most = if shell.tier == Tier::Key { 5 } else { 3 };
        let first_day = book.stories[i].spans.first().map_or(book.stories[i].created, |s| s.start);
        for department in departments.into_iter().take(rng.int(1, most) as usize) {
            let e = book.company.staff_of(shell.team(), department);
            let since = add(first_day, rng.int(0, 60)).min(book.today);
            out.push(AccountMember {
                client_id: client.id,
                department,
                employee_id: book.company.employees[e].id,
                employee_name: book.company.employees[e].name.clone(),
                since: midnight(since),
            });
        }
    }
    out
}
