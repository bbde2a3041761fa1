//! Each client's story over the last two years: who held it when, and how each holding ended.
//!
//! Stories are planned per client, oldest span first, so spans never overlap, at most the last
//! one is open, a released client rests before its next holder, and the next holder is never
//! the one who just let it go.

use super::clients::Shell;
use super::names::{REGIONS, SEGMENTS};
use super::people::Company;
use super::{add, midnight, Book};
use sprut_core::assignment::{Assignment, AssignmentKind, EndReason};
use sprut_core::client::Tier;
use sprut_core::employee::Specialisation;
use sprut_core::seeded::Rng;
use sprut_core::AssignmentId;
use time::Date;

/// Days of history the demo covers.
pub(super) const HISTORY_DAYS: i64 = 730;
/// Days a released client rests before anyone may take it again.
pub(super) const REST_DAYS: i64 = 45;
/// Days a development assignment runs before it is due.
const DEVELOPMENT_DAYS: i64 = 90;

/// One span of a client held by one rep.
pub(super) struct Span {
    /// Employee index of the holder.
    pub rep: usize,
    /// Development or account.
    pub kind: AssignmentKind,
    /// First day held.
    pub start: Date,
    /// Due date of a development.
    pub due: Option<Date>,
    /// First day no longer held.
    pub end: Option<Date>,
    /// Why it ended.
    pub reason: Option<EndReason>,
    /// The day of the first won deal that turned this development into a customer.
    pub win: Option<Date>,
    /// Decided by the team head (else by the system).
    pub by_head: bool,
    /// Why it started.
    pub why: String,
}

impl Span {
    fn open(rep: usize, kind: AssignmentKind, start: Date, due: Option<Date>, by_head: bool, why: String) -> Self {
        Self { rep, kind, start, due, end: None, reason: None, win: None, by_head, why }
    }

    fn closed(mut self, end: Date, reason: EndReason) -> Self {
        self.end = Some(end);
        self.reason = Some(reason);
        self
    }

    /// The first day after the span, or tomorrow while it is open.
    pub(super) fn stop(&self, today: Date) -> Date {
        self.end.unwrap_or(add(today, 1))
    }
}

/// What happened to a client over the two years.
pub(super) struct Story {
    /// The day the client entered the base.
    pub created: Date,
    /// Holding history, oldest first.
    pub spans: Vec<Span>,
    /// No sales from this day on: a lapsed or archived customer.
    pub sales_until: Option<Date>,
    /// Nothing at all from this day on: a client left alone by its holder.
    pub quiet_from: Option<Date>,
    /// Archived on this day.
    pub archived_on: Option<Date>,
}

impl Story {
    /// The span covering `day`.
    pub(super) fn span_on(&self, day: Date) -> Option<&Span> {
        self.spans.iter().find(|s| s.start <= day && s.end.is_none_or(|e| day < e))
    }

    /// The rep holding the client on `day`.
    pub(super) fn holder_on(&self, day: Date) -> Option<usize> {
        self.span_on(day).map(|s| s.rep)
    }

    /// The first day on which no deal may close any more.
    pub(super) fn sales_stop(&self) -> Option<Date> {
        self.sales_until.into_iter().chain(self.quiet_from).min()
    }
}

/// Plans every client's story as of `today`.
pub(super) fn plan(rng: &mut Rng, today: Date, company: &Company, shells: &[Shell]) -> Vec<Story> {
    let mut planner = Planner {
        rng,
        today,
        first_day: add(today, -HISTORY_DAYS),
        company,
        open_development: vec![0; company.employees.len()],
    };
    shells.iter().map(|shell| planner.story(shell)).collect()
}

/// Turns the planned spans into assignment records.
pub(super) fn assignments(rng: &mut Rng, book: &Book) -> Vec<Assignment> {
    let mut out = Vec::new();
    for ((story, client), shell) in book.stories.iter().zip(&book.clients).zip(&book.shells) {
        let head = book.company.head_id(shell.team());
        for s in &story.spans {
            let created_at = midnight(s.start);
            out.push(Assignment {
                id: AssignmentId(rng.uuid(created_at)),
                client_id: client.id,
                employee_id: book.company.employees[s.rep].id,
                kind: s.kind,
                started_on: s.start,
                due_on: s.due,
                ended_on: s.end,
                end_reason: s.reason,
                end_explanation: s.reason.map(|r| end_explanation(r).to_string()),
                decided_by: s.by_head.then_some(head),
                explanation: s.why.clone(),
                why: None,
                end_why: None,
                created_at,
            });
        }
    }
    out
}

fn end_explanation(reason: EndReason) -> &'static str {
    match reason {
        EndReason::Released => "Срок разработки истёк без продажи: клиент ушёл на передышку",
        EndReason::Recalled => "Отозван руководителем: нет движения по клиенту",
        EndReason::Transferred => "Передан коллеге при перераспределении нагрузки",
        EndReason::Converted => "Первая продажа: клиент переведён в сопровождение",
        EndReason::Archived => "Клиент в архиве: прекратил закупки",
        EndReason::Departed => "Менеджер уволился",
    }
}

/// What becomes of a client over the two years.
#[derive(Clone, Copy)]
enum Fate {
    /// A customer from before the history starts (some lapse).
    OldCustomer,
    /// Won during the history, then looked after.
    NewCustomer,
    /// In development now: fresh, past due, or long past due without a sale.
    Developing,
    /// Released without a sale and resting in the pool.
    Resting,
    /// Just entered the base, nobody holds it yet.
    Fresh,
    /// Archived.
    Archived,
}

const FATES: [Fate; 6] =
    [Fate::OldCustomer, Fate::NewCustomer, Fate::Developing, Fate::Resting, Fate::Fresh, Fate::Archived];

struct Planner<'a> {
    rng: &'a mut Rng,
    today: Date,
    first_day: Date,
    company: &'a Company,
    /// Open development assignments per employee, kept within capacity.
    open_development: Vec<i64>,
}

impl Planner<'_> {
    fn story(&mut self, shell: &Shell) -> Story {
        let weights: &[u32] = match shell.tier {
            Tier::Key => &[90, 50, 36, 10, 3, 4],
            _ => &[72, 56, 48, 13, 3, 4],
        };
        let mut story =
            Story { created: self.today, spans: Vec::new(), sales_until: None, quiet_from: None, archived_on: None };
        match FATES[self.rng.weighted(weights)] {
            Fate::OldCustomer => self.old_customer(shell, &mut story),
            Fate::NewCustomer => self.new_customer(shell, &mut story),
            Fate::Developing => self.developing(shell, &mut story),
            Fate::Resting => self.resting(shell, &mut story),
            Fate::Fresh => story.created = add(self.today, -self.rng.int(0, 45)),
            Fate::Archived => self.archived(shell, &mut story),
        }
        self.maybe_quiet(&mut story);
        story
    }

    fn old_customer(&mut self, shell: &Shell, story: &mut Story) {
        story.created = add(self.first_day, -self.rng.int(30, 1460));
        let rep = self.pick(shell.region, Specialisation::Farmer, None, self.first_day);
        let why = "Перенесено из прежней CRM: действующий клиент".to_string();
        let first = Span::open(rep, AssignmentKind::Account, self.first_day, None, false, why);
        if self.rng.chance(0.2) {
            let moved = add(self.first_day, self.rng.int(60, HISTORY_DAYS - 20));
            story.spans.push(first.closed(moved, EndReason::Transferred));
            let next = self.pick(shell.region, Specialisation::Farmer, Some(rep), moved);
            let why = "Передача клиента: перераспределение нагрузки в команде".to_string();
            story.spans.push(Span::open(next, AssignmentKind::Account, moved, None, true, why));
        } else {
            story.spans.push(first);
        }
        if self.rng.chance(0.2) {
            story.sales_until = Some(add(self.today, -self.rng.int(370, 540)));
        }
    }

    fn new_customer(&mut self, shell: &Shell, story: &mut Story) {
        let win = add(self.first_day, self.rng.int(30, HISTORY_DAYS - 15));
        let cycle = SEGMENTS[shell.segment].cycle_days as f64 * self.rng.float(0.4, 1.5);
        let start = add(win, -(cycle as i64).clamp(7, 400)).max(self.first_day).min(add(win, -1));
        story.created = add(start, -self.rng.int(0, 120));
        let from = story.created.max(self.first_day);
        self.failures(shell, story, from, start);
        let last = story.spans.last().map(|s| s.rep);
        let rep = self.pick(shell.region, Specialisation::Hunter, last, start);
        let (by_head, why) = self.development_why(shell, last.is_some());
        let mut won = Span::open(rep, AssignmentKind::Development, start, Some(due_covering(start, win)), by_head, why);
        won.win = Some(win);
        story.spans.push(won.closed(add(win, 1), EndReason::Converted));
        let keeper = if self.rng.chance(0.55) {
            rep
        } else {
            self.pick(shell.region, Specialisation::Farmer, Some(rep), add(win, 1))
        };
        let why = if keeper == rep {
            "Сопровождение после первой продажи"
        } else {
            "Передан на сопровождение фермеру после первой продажи"
        };
        story.spans.push(Span::open(keeper, AssignmentKind::Account, add(win, 1), None, keeper != rep, why.into()));
    }

    fn developing(&mut self, shell: &Shell, story: &mut Story) {
        let class = self.rng.weighted(&[70, 20, 10]);
        let age = match class {
            0 => self.rng.int(0, DEVELOPMENT_DAYS - 1),
            1 => self.rng.int(DEVELOPMENT_DAYS, 200),
            _ => self.rng.int(200, 520),
        };
        let start = add(self.today, -age);
        story.created = add(start, -self.rng.int(0, 300));
        let from = story.created.max(self.first_day);
        self.failures(shell, story, from, start);
        let last = story.spans.last().map(|s| s.rep);
        let Some(rep) = self.pick_development(shell.region, last, start) else { return };
        let mut due = add(start, DEVELOPMENT_DAYS);
        if class == 1 && self.rng.chance(0.5) {
            due = add(self.today, self.rng.int(10, 60));
        } else if class == 2 && self.rng.chance(0.15) {
            due = add(due, self.rng.int(30, 90));
        }
        let (by_head, why) = self.development_why(shell, last.is_some());
        story.spans.push(Span::open(rep, AssignmentKind::Development, start, Some(due), by_head, why));
    }

    fn resting(&mut self, shell: &Shell, story: &mut Story) {
        let end = add(self.today, -self.rng.int(1, 160));
        let recalled = self.rng.chance(0.25);
        let start = add(end, -if recalled { self.rng.int(25, 80) } else { DEVELOPMENT_DAYS });
        story.created = add(start, -self.rng.int(0, 300));
        let from = story.created.max(self.first_day);
        self.failures(shell, story, from, start);
        let last = story.spans.last().map(|s| s.rep);
        let rep = self.pick(shell.region, Specialisation::Hunter, last, start);
        let (by_head, why) = self.development_why(shell, last.is_some());
        let reason = if recalled { EndReason::Recalled } else { EndReason::Released };
        let due = Some(add(start, DEVELOPMENT_DAYS));
        story.spans.push(Span::open(rep, AssignmentKind::Development, start, due, by_head, why).closed(end, reason));
    }

    fn archived(&mut self, shell: &Shell, story: &mut Story) {
        let on = add(self.today, -self.rng.int(10, 600));
        story.archived_on = Some(on);
        if self.rng.chance(0.5) {
            story.created = add(self.first_day, -self.rng.int(30, 900));
            story.sales_until = Some(add(on, -self.rng.int(60, 200)));
            let rep = self.pick(shell.region, Specialisation::Farmer, None, self.first_day);
            let why = "Перенесено из прежней CRM: действующий клиент".to_string();
            let span = Span::open(rep, AssignmentKind::Account, self.first_day, None, false, why);
            story.spans.push(span.closed(on, EndReason::Archived));
        } else {
            let start = add(on, -self.rng.int(20, 89));
            story.created = add(start, -self.rng.int(0, 200));
            let rep = self.pick(shell.region, Specialisation::Hunter, None, start);
            let (by_head, why) = self.development_why(shell, false);
            let due = Some(add(start, DEVELOPMENT_DAYS));
            let span = Span::open(rep, AssignmentKind::Development, start, due, by_head, why);
            story.spans.push(span.closed(on, EndReason::Archived));
        }
    }

    /// Up to two developments without a sale in `[from, until)`, each followed by a full rest.
    fn failures(&mut self, shell: &Shell, story: &mut Story, from: Date, until: Date) {
        let mut day = add(from, self.rng.int(0, 40));
        for _ in 0..2 {
            if !self.rng.chance(0.45) {
                break;
            }
            let recalled = self.rng.chance(0.25);
            let end = add(day, if recalled { self.rng.int(25, 80) } else { DEVELOPMENT_DAYS });
            if add(end, REST_DAYS) > until {
                break;
            }
            let last = story.spans.last().map(|s| s.rep);
            let rep = self.pick(shell.region, Specialisation::Hunter, last, day);
            let (by_head, why) = self.development_why(shell, last.is_some());
            let reason = if recalled { EndReason::Recalled } else { EndReason::Released };
            let span =
                Span::open(rep, AssignmentKind::Development, day, Some(add(day, DEVELOPMENT_DAYS)), by_head, why);
            story.spans.push(span.closed(end, reason));
            day = add(end, REST_DAYS + self.rng.int(0, 120));
        }
    }

    /// Who decided a new development and why: the head for new clients, mostly the rotation after a rest.
    fn development_why(&mut self, shell: &Shell, after_rest: bool) -> (bool, String) {
        let region = REGIONS[shell.region].name;
        if after_rest && self.rng.chance(0.6) {
            let why = format!(
                "Ротация: передышка {REST_DAYS} дн. истекла; наименьшая загрузка среди менеджеров региона «{region}»"
            );
            (false, why)
        } else {
            (true, format!("Назначен руководителем: новый клиент, регион «{region}»"))
        }
    }

    /// A rep of the region, mostly of the preferred kind, never `exclude`; nobody away or
    /// leaving gets a client in the last 30 days.
    fn pick(&mut self, region: usize, prefer: Specialisation, exclude: Option<usize>, start: Date) -> usize {
        let company = self.company;
        let fresh = start > add(self.today, -30);
        let want = if self.rng.chance(0.75) { prefer } else { other(prefer) };
        let ok = |e: &usize| Some(*e) != exclude && (!fresh || company.takes_new(*e));
        let reps = &company.region_reps[region];
        let preferred: Vec<usize> =
            reps.iter().copied().filter(|e| ok(e) && company.employees[*e].specialisation == Some(want)).collect();
        let pool = if preferred.is_empty() { reps.iter().copied().filter(ok).collect() } else { preferred };
        *self.rng.pick(&pool)
    }

    /// A rep for an open development with free capacity (region first, then team); the less
    /// loaded of two random candidates.
    fn pick_development(&mut self, region: usize, exclude: Option<usize>, start: Date) -> Option<usize> {
        let company = self.company;
        let fresh = start > add(self.today, -30);
        let load = &self.open_development;
        let free = |e: &usize| {
            Some(*e) != exclude && (!fresh || company.takes_new(*e)) && load[*e] < company.employees[*e].capacity
        };
        let team = REGIONS[region].team;
        let mut pool: Vec<usize> = company.region_reps[region].iter().copied().filter(free).collect();
        if pool.is_empty() {
            pool = company.region_reps[2 * team..2 * team + 2].iter().flatten().copied().filter(free).collect();
        }
        if pool.is_empty() {
            return None;
        }
        let (a, b) = (*self.rng.pick(&pool), *self.rng.pick(&pool));
        let ratio = |e: usize| self.open_development[e] as f64 / company.employees[e].capacity as f64;
        let chosen = if ratio(b) < ratio(a) { b } else { a };
        self.open_development[chosen] += 1;
        Some(chosen)
    }

    /// One held client in ten, held for over 200 days, has been left alone for six months or more.
    fn maybe_quiet(&mut self, story: &mut Story) {
        let Some(current) = story.spans.last().filter(|s| s.end.is_none()) else { return };
        let held = (self.today - current.start).whole_days();
        if held > 200 && self.rng.chance(0.1) {
            story.quiet_from = Some(add(self.today, -self.rng.int(185, held.min(330))));
        }
    }
}

fn other(s: Specialisation) -> Specialisation {
    match s {
        Specialisation::Hunter => Specialisation::Farmer,
        Specialisation::Farmer => Specialisation::Hunter,
    }
}

/// The due date of a development won on `win`: 90 days, extended by months when the sale took longer.
fn due_covering(start: Date, win: Date) -> Date {
    let due = add(start, DEVELOPMENT_DAYS);
    if win < due {
        due
    } else {
        add(due, 30 * ((win - due).whole_days() / 30 + 1))
    }
}
