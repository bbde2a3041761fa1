//! Sales teams and their heads.

use crate::validate::{double_option, Checks};
use crate::{CoreError, EmployeeId, TeamId};
use serde::{Deserialize, Serialize};

/// A sales team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Team {
    /// Id.
    pub id: TeamId,
    /// Name, unique.
    pub name: String,
    /// The head of sales leading it.
    pub head_id: Option<EmployeeId>,
}

/// A new team as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewTeam {
    /// Name.
    pub name: String,
    /// Head.
    #[serde(default)]
    pub head_id: Option<EmployeeId>,
}

/// Changes to a team.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TeamPatch {
    /// Name.
    pub name: Option<String>,
    /// Head; `null` removes the head.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<EmployeeId>)]
    pub head_id: Option<Option<EmployeeId>>,
}

impl NewTeam {
    /// Checks the input and builds the team.
    pub fn into_team(self) -> Result<Team, CoreError> {
        Team { id: TeamId::new(), name: self.name, head_id: self.head_id }.checked()
    }
}

impl Team {
    /// This team with `patch` applied, checked.
    pub fn patched(&self, p: TeamPatch) -> Result<Team, CoreError> {
        let mut t = self.clone();
        if let Some(v) = p.name {
            t.name = v;
        }
        if let Some(v) = p.head_id {
            t.head_id = v;
        }
        t.checked()
    }

    fn checked(mut self) -> Result<Team, CoreError> {
        let mut c = Checks::new();
        self.name = c.text("name", &self.name, 100);
        c.finish()?;
        Ok(self)
    }
}
