//! A whole company's records at once: the demo company, later imports and copies.

use crate::account_team::AccountMember;
use crate::activity::Activity;
use crate::assignment::Assignment;
use crate::client::Client;
use crate::contact::Contact;
use crate::deal::Deal;
use crate::employee::Employee;
use crate::receivable::Receivable;
use crate::task::Task;
use crate::team::Team;
use crate::EmployeeId;

/// Records to load together, in dependency order.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Teams (their heads are set after employees are loaded).
    pub teams: Vec<Team>,
    /// Employees.
    pub employees: Vec<Employee>,
    /// Password hashes of employees who may sign in.
    pub passwords: Vec<(EmployeeId, String)>,
    /// Clients, parents before their children.
    pub clients: Vec<Client>,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Holding history; at most one open span per client.
    pub assignments: Vec<Assignment>,
    /// Deals.
    pub deals: Vec<Deal>,
    /// Activities.
    pub activities: Vec<Activity>,
    /// Invoices.
    pub receivables: Vec<Receivable>,
    /// Tasks (next steps, planned head meetings).
    pub tasks: Vec<Task>,
    /// Account-team seats.
    pub account_members: Vec<AccountMember>,
    /// Clients resting between holders (their previous holding is among `assignments`, ended).
    pub rests: Vec<crate::rules::store::NewRest>,
    /// Transfers of clients between holders (past ones, completed).
    pub transfers: Vec<crate::handover::transfer::Transfer>,
}

impl Dataset {
    /// Counts of each kind of record, for reports.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("teams", self.teams.len()),
            ("employees", self.employees.len()),
            ("clients", self.clients.len()),
            ("contacts", self.contacts.len()),
            ("assignments", self.assignments.len()),
            ("deals", self.deals.len()),
            ("activities", self.activities.len()),
            ("receivables", self.receivables.len()),
            ("tasks", self.tasks.len()),
            ("account_members", self.account_members.len()),
            ("rests", self.rests.len()),
            ("transfers", self.transfers.len()),
        ]
    }
}
