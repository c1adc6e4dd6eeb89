//! What the desk reads about org: the records the store returns and the desk shows.

use super::staff::StaffBrief;
use crate::domain::limits::LimitRule;
use crate::domain::org::LeaderInput;
use crate::domain::vocab::{CenterLevel, DayKind, LeaderKind, LimitPhase, PlaceKind, Urgency};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Center {
    pub id: i64,
    pub name: String,
    pub level: CenterLevel,
    pub place_id: Option<i64>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub id: i64,
    pub name: String,
    pub kind: PlaceKind,
    pub parent_id: Option<i64>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub supervision: bool,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub portfolio: String,
    pub kind: LeaderKind,
    pub active: bool,
    /// 联络员 (name and phone).
    pub liaison: String,
    /// The petition categories of the portfolio (none: the whole district).
    pub categories: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitRow {
    pub id: i64,
    pub rule: LimitRule,
}

/// All reference data, small enough to hold in memory; the desk looks names up here instead of
/// joining in every query.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    pub centers: Vec<Center>,
    pub places: Vec<Place>,
    pub departments: Vec<Department>,
    pub leaders: Vec<Leader>,
    pub categories: Vec<Category>,
    pub limits: Vec<LimitRow>,
    pub staff: Vec<StaffBrief>,
    names: HashMap<(&'static str, i64), usize>,
}

impl Refs {
    pub(crate) fn index(&mut self) {
        let mut m = HashMap::new();
        for (i, x) in self.centers.iter().enumerate() {
            m.insert(("center", x.id), i);
        }
        for (i, x) in self.places.iter().enumerate() {
            m.insert(("place", x.id), i);
        }
        for (i, x) in self.departments.iter().enumerate() {
            m.insert(("department", x.id), i);
        }
        for (i, x) in self.leaders.iter().enumerate() {
            m.insert(("leader", x.id), i);
        }
        for (i, x) in self.categories.iter().enumerate() {
            m.insert(("category", x.id), i);
        }
        for (i, x) in self.staff.iter().enumerate() {
            m.insert(("staff", x.id), i);
        }
        self.names = m;
    }

    pub fn center(&self, id: i64) -> Option<&Center> {
        self.names.get(&("center", id)).map(|&i| &self.centers[i])
    }
    pub fn place(&self, id: i64) -> Option<&Place> {
        self.names.get(&("place", id)).map(|&i| &self.places[i])
    }
    pub fn department(&self, id: i64) -> Option<&Department> {
        self.names
            .get(&("department", id))
            .map(|&i| &self.departments[i])
    }
    pub fn leader(&self, id: i64) -> Option<&Leader> {
        self.names.get(&("leader", id)).map(|&i| &self.leaders[i])
    }
    pub fn category(&self, id: i64) -> Option<&Category> {
        self.names
            .get(&("category", id))
            .map(|&i| &self.categories[i])
    }
    pub fn staff_member(&self, id: i64) -> Option<&StaffBrief> {
        self.names.get(&("staff", id)).map(|&i| &self.staff[i])
    }

    pub fn center_name(&self, id: i64) -> &str {
        self.center(id).map(|x| x.name.as_str()).unwrap_or("?")
    }
    pub fn place_name(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.place(id))
            .map(|x| x.name.as_str())
            .unwrap_or("")
    }
    pub fn department_name(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.department(id))
            .map(|x| x.name.as_str())
            .unwrap_or("")
    }
    pub fn leader_name(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.leader(id))
            .map(|x| x.name.as_str())
            .unwrap_or("")
    }
    pub fn category_name(&self, id: i64) -> &str {
        self.category(id).map(|x| x.name.as_str()).unwrap_or("?")
    }
    pub fn staff_name(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.staff_member(id))
            .map(|x| x.name.as_str())
            .unwrap_or("")
    }

    pub fn rules(&self) -> Vec<LimitRule> {
        self.limits.iter().map(|l| l.rule.clone()).collect()
    }

    pub fn supervision_department(&self) -> Option<&Department> {
        self.departments.iter().find(|d| d.supervision && d.active)
    }
}

/// One reference row to add (`id = None`) or change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefEdit {
    Center {
        id: Option<i64>,
        name: String,
        level: CenterLevel,
        place_id: Option<i64>,
    },
    Place {
        id: Option<i64>,
        name: String,
        kind: PlaceKind,
        parent_id: Option<i64>,
    },
    Department {
        id: Option<i64>,
        name: String,
        supervision: bool,
    },
    Leader {
        id: Option<i64>,
        input: LeaderInput,
    },
    Category {
        id: Option<i64>,
        name: String,
    },
    Limit {
        id: Option<i64>,
        phase: LimitPhase,
        category_id: Option<i64>,
        urgency: Option<Urgency>,
        days: u32,
        kind: DayKind,
    },
}

/// Which table a reference row is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefTable {
    Centers,
    Places,
    Departments,
    Leaders,
    Categories,
    Limits,
}
