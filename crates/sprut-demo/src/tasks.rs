//! Next steps and planned head meetings: what the demo's people have promised to do. About
//! four in ten held clients have an open next step of their holder (some already late); a
//! client with an overdue invoice has a collection step; a third of the key clients have their
//! head's quarterly meeting planned.

use crate::{add, midnight};
use sprut_core::client::Tier;
use sprut_core::dataset::Dataset;
use sprut_core::meeting::TaskKind;
use sprut_core::seeded::Rng;
use sprut_core::task::{Task, TaskStatus};
use sprut_core::{EmployeeId, TaskId};
use std::collections::HashMap;
use time::Date;

/// What a rep promises a client next.
const STEPS: &[&str] = &[
    "Отправить коммерческое предложение",
    "Позвонить ЛПР по итогам встречи",
    "Согласовать спецификацию",
    "Назначить встречу с закупками",
    "Уточнить график поставок",
    "Подготовить договор",
];

/// The open tasks of `data`'s held clients as of `today`.
pub fn build(rng: &mut Rng, data: &Dataset, today: Date) -> Vec<Task> {
    let heads: HashMap<_, _> = data.teams.iter().filter_map(|t| Some((t.id, t.head_id?))).collect();
    let team_of: HashMap<EmployeeId, _> = data.employees.iter().filter_map(|e| Some((e.id, e.team_id?))).collect();
    let owes: std::collections::HashSet<_> =
        data.receivables.iter().filter(|r| r.overdue_on(today)).map(|r| r.client_id).collect();
    let tiers: HashMap<_, _> = data.clients.iter().map(|c| (c.id, c.tier)).collect();
    let mut tasks = Vec::new();
    for a in data.assignments.iter().filter(|a| a.ended_on.is_none()) {
        let mut task = |owner: EmployeeId, kind: TaskKind, title: &str, due_on: Date, rng: &mut Rng| {
            let created_at = midnight(add(today, -rng.int(1, 20)));
            tasks.push(Task {
                id: TaskId(rng.uuid(created_at)),
                client_id: a.client_id,
                owner_id: owner,
                kind,
                title: title.into(),
                due_on,
                status: TaskStatus::Open,
                activity_id: None,
                created_by: Some(owner),
                created_at,
                closed_at: None,
            });
        };
        if owes.contains(&a.client_id) {
            task(
                a.employee_id,
                TaskKind::Step,
                "Напомнить об оплате просроченного счёта",
                add(today, rng.int(-5, 3)),
                rng,
            );
        } else if rng.chance(0.4) {
            let title = *rng.pick(STEPS);
            task(a.employee_id, TaskKind::Step, title, add(today, rng.int(-10, 21)), rng);
        }
        let head = team_of.get(&a.employee_id).and_then(|t| heads.get(t));
        if let (Some(Tier::Key), Some(head)) = (tiers.get(&a.client_id), head) {
            if rng.chance(0.33) {
                task(
                    *head,
                    TaskKind::HeadMeeting,
                    "Квартальная встреча руководителя с клиентом",
                    add(today, rng.int(0, 40)),
                    rng,
                );
            }
        }
    }
    tasks
}
