//! Employees: who may sign in, in which role, and whether they can hold clients.

use crate::validate::{double_option, Checks};
use crate::Reason;
use crate::{word_enum, CoreError, EmployeeId, TeamId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// What an employee may do in sprut.
    Role {
        /// Users, teams, settings, backups.
        Admin = "admin",
        /// Head of sales: the whole book of their teams.
        Head = "head",
        /// Salesperson: the clients they hold.
        Rep = "rep",
        /// Logistics, accounting, legal, support, contracts: clients whose account team they are on.
        Staff = "staff",
        /// Owner or security: reads everything.
        Auditor = "auditor",
    }
);

word_enum!(
    /// The department of a staff member, and the seats of a client's account team.
    Department {
        /// Logistics.
        Logistics = "logistics",
        /// Accounting.
        Accounting = "accounting",
        /// Legal.
        Legal = "legal",
        /// Support.
        Support = "support",
        /// Contract management.
        Contracts = "contracts",
    }
);

word_enum!(
    /// Whether an employee works now.
    EmployeeStatus {
        /// Working.
        Active = "active",
        /// Away for a while (leave, sickness): gets no new clients.
        Absent = "absent",
        /// Leaving: read-only on their own book until the last day.
        Departing = "departing",
        /// Gone: cannot sign in.
        Departed = "departed",
    }
);

/// The domain of the e-mail an imported employee gets when the file has none: reserved, so
/// nothing is ever delivered there and nobody signs in with it.
pub const NO_MAILBOX_DOMAIN: &str = "imported.invalid";

/// Whether mail to `email` can reach someone (not an address made up by an import).
pub fn has_mailbox(email: &str) -> bool {
    !email.to_lowercase().ends_with(".invalid")
}

word_enum!(
    /// What kind of selling a rep is best at.
    Specialisation {
        /// Opens new clients.
        Hunter = "hunter",
        /// Grows existing customers.
        Farmer = "farmer",
    }
);

word_enum!(
    /// The interface language.
    Language {
        /// Russian (the default).
        Ru = "ru",
        /// English.
        En = "en",
    }
);

/// An employee of the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Employee {
    /// Id.
    pub id: EmployeeId,
    /// Sign-in e-mail, unique regardless of case.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Department, for staff.
    pub department: Option<Department>,
    /// Team.
    pub team_id: Option<TeamId>,
    /// Region served.
    pub region: Option<String>,
    /// How many clients in development the rep can hold at once.
    pub capacity: i64,
    /// Hunter or farmer, for reps.
    pub specialisation: Option<Specialisation>,
    /// Working status.
    pub status: EmployeeStatus,
    /// Last working day, when leaving.
    pub last_day: Option<Date>,
    /// Interface language.
    pub language: Language,
    /// When the record was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Employee {
    /// Whether the employee may sign in at all (ignoring the date; see [`Employee::can_sign_in_on`]).
    pub fn can_sign_in(&self) -> bool {
        self.status != EmployeeStatus::Departed
    }

    /// Whether the employee may sign in on `today`: not departed, and not past a departing
    /// employee's last working day (even before the daily job has closed the account).
    pub fn can_sign_in_on(&self, today: Date) -> bool {
        self.can_sign_in() && !(self.status == EmployeeStatus::Departing && self.last_day.is_some_and(|d| d < today))
    }
}

/// A new employee as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewEmployee {
    /// Sign-in e-mail.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Department (required for staff).
    #[serde(default)]
    pub department: Option<Department>,
    /// Team.
    #[serde(default)]
    pub team_id: Option<TeamId>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// Development capacity (default 60).
    #[serde(default)]
    pub capacity: Option<i64>,
    /// Hunter or farmer.
    #[serde(default)]
    pub specialisation: Option<Specialisation>,
    /// Language (default Russian).
    #[serde(default)]
    pub language: Option<Language>,
}

/// Changes to an employee; absent fields stay as they are, `null` clears.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct EmployeePatch {
    /// Sign-in e-mail.
    pub email: Option<String>,
    /// Full name.
    pub name: Option<String>,
    /// Role.
    pub role: Option<Role>,
    /// Department.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Department>)]
    pub department: Option<Option<Department>>,
    /// Team.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<TeamId>)]
    pub team_id: Option<Option<TeamId>>,
    /// Region.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub region: Option<Option<String>>,
    /// Capacity.
    pub capacity: Option<i64>,
    /// Specialisation.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Specialisation>)]
    pub specialisation: Option<Option<Specialisation>>,
    /// Status.
    pub status: Option<EmployeeStatus>,
    /// Last working day.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Date>)]
    pub last_day: Option<Option<Date>>,
    /// Language.
    pub language: Option<Language>,
}

/// Default development capacity of a rep.
pub const DEFAULT_CAPACITY: i64 = 60;

impl NewEmployee {
    /// Checks the input and builds the employee it describes.
    pub fn into_employee(self, now: OffsetDateTime) -> Result<Employee, CoreError> {
        let e = Employee {
            id: EmployeeId::new(),
            email: self.email,
            name: self.name,
            role: self.role,
            department: self.department,
            team_id: self.team_id,
            region: self.region,
            capacity: self.capacity.unwrap_or(DEFAULT_CAPACITY),
            specialisation: self.specialisation,
            status: EmployeeStatus::Active,
            last_day: None,
            language: self.language.unwrap_or(Language::Ru),
            created_at: now,
        };
        e.checked()
    }
}

impl Employee {
    /// This employee with `patch` applied, checked.
    pub fn patched(&self, p: EmployeePatch) -> Result<Employee, CoreError> {
        let mut e = self.clone();
        if let Some(v) = p.email {
            e.email = v;
        }
        if let Some(v) = p.name {
            e.name = v;
        }
        if let Some(v) = p.role {
            e.role = v;
        }
        if let Some(v) = p.department {
            e.department = v;
        }
        if let Some(v) = p.team_id {
            e.team_id = v;
        }
        if let Some(v) = p.region {
            e.region = v;
        }
        if let Some(v) = p.capacity {
            e.capacity = v;
        }
        if let Some(v) = p.specialisation {
            e.specialisation = v;
        }
        if let Some(v) = p.status {
            e.status = v;
        }
        if let Some(v) = p.last_day {
            e.last_day = v;
        }
        if let Some(v) = p.language {
            e.language = v;
        }
        e.checked()
    }

    /// Normalises the fields and checks them together.
    fn checked(mut self) -> Result<Employee, CoreError> {
        let mut c = Checks::new();
        self.email = c.email("email", &self.email);
        self.name = c.text("name", &self.name, 200);
        self.region = c.optional_text("region", self.region.as_deref(), 100);
        c.non_negative("capacity", self.capacity);
        if self.role == Role::Staff && self.department.is_none() {
            c.fail("department", Reason::StaffNeedDepartment);
        }
        if self.role != Role::Staff && self.department.is_some() {
            c.fail("department", Reason::OnlyStaffDepartment);
        }
        if self.status == EmployeeStatus::Departing && self.last_day.is_none() {
            c.fail("last_day", Reason::LastDayNeeded);
        }
        c.finish()?;
        Ok(self)
    }
}

/// Filter for the employee list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct EmployeeFilter {
    /// Only this role.
    pub role: Option<Role>,
    /// Only this team.
    pub team_id: Option<TeamId>,
    /// Only this status.
    pub status: Option<EmployeeStatus>,
}
