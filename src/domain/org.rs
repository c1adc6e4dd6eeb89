//! Reference data: centers, places (communities, the township, villages), departments, leaders,
//! petition categories, the time-limit catalogue and staff; and the TOML file that loads them.
//!
//! The file format is documented in `docs/org-file.md`; `data/org-demo.toml` is the example and
//! is what the demonstration district uses.

use crate::domain::Arg;
use crate::text::T;
use serde::Deserialize;

use super::Problem;
use super::limits::validate_limit_days;
use super::roles::{validate_pin, validate_staff_no};
use super::text::clean_input;
use super::vocab::{CenterLevel, DayKind, LeaderKind, LimitPhase, PlaceKind, Role, Urgency};

pub const NAME_MAX: usize = 40;
pub const LONG_MAX: usize = 200;

pub fn name(s: &str, field: T) -> Result<String, Problem> {
    clean_input(s, NAME_MAX, false, true).map_err(|p| p.in_field(field))
}

pub fn long(s: &str, field: T) -> Result<String, Problem> {
    clean_input(s, LONG_MAX, false, false).map_err(|p| p.in_field(field))
}

/// The whole org file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgFile {
    #[serde(default)]
    pub centers: Vec<CenterRow>,
    #[serde(default)]
    pub places: Vec<PlaceRow>,
    #[serde(default)]
    pub departments: Vec<DepartmentRow>,
    #[serde(default)]
    pub leaders: Vec<LeaderRow>,
    #[serde(default)]
    pub categories: Vec<CategoryRow>,
    #[serde(default)]
    pub time_limits: Vec<TimeLimitRow>,
    #[serde(default)]
    pub staff: Vec<StaffRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CenterRow {
    pub name: String,
    pub level: String,
    /// The place the center serves (for town and community centers).
    #[serde(default)]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRow {
    pub name: String,
    pub kind: String,
    /// For a village: its township.
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentRow {
    pub name: String,
    #[serde(default)]
    pub supervision: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaderRow {
    pub name: String,
    pub position: String,
    #[serde(default)]
    pub portfolio: String,
    pub kind: String,
    /// 联络员: the liaison the leader's department names (name and phone, as printed).
    #[serde(default)]
    pub liaison: String,
    /// The petition categories of the 分管 portfolio (none: the whole district).
    #[serde(default)]
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRow {
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimitRow {
    pub phase: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub urgency: Option<String>,
    pub days: i64,
    pub day_kind: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffRow {
    pub staff_no: String,
    pub name: String,
    pub role: String,
    pub center: String,
    #[serde(default)]
    pub department: Option<String>,
    /// Initial PIN, used only when the account is created.
    #[serde(default)]
    pub pin: Option<String>,
}

/// Validated rows, ready for the store.
#[derive(Debug, Clone, Default)]
pub struct OrgPlan {
    pub centers: Vec<(String, CenterLevel, Option<String>)>,
    pub places: Vec<(String, PlaceKind, Option<String>)>,
    pub departments: Vec<(String, bool)>,
    pub leaders: Vec<LeaderInput>,
    pub categories: Vec<String>,
    pub time_limits: Vec<LimitPlan>,
    pub staff: Vec<StaffInput>,
}

/// A time-limit row: phase, category name (or all), urgency (or all), days, kind of days.
pub type LimitPlan = (LimitPhase, Option<String>, Option<Urgency>, u32, DayKind);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderInput {
    pub name: String,
    pub position: String,
    pub portfolio: String,
    pub kind: LeaderKind,
    pub liaison: String,
    /// Category names of the portfolio (none: the whole district).
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffInput {
    pub staff_no: String,
    pub name: String,
    pub role: Role,
    pub center: String,
    pub department: Option<String>,
    pub pin: Option<String>,
}

/// A list as typed: items separated by 、，, ; or ；, blanks dropped.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

pub fn leader_input(
    name_s: &str,
    position: &str,
    portfolio: &str,
    kind: &str,
    liaison: &str,
    categories: &[String],
) -> Result<LeaderInput, Problem> {
    let mut cats: Vec<String> = vec![];
    for c in categories {
        let c = name(c, T::PortfolioCategoriesField)?;
        if !cats.contains(&c) {
            cats.push(c);
        }
    }
    Ok(LeaderInput {
        name: name(name_s, T::PersonNameField)?,
        position: name(position, T::PositionField)?,
        portfolio: long(portfolio, T::PortfolioField)?,
        liaison: clean_input(liaison, 60, false, false).map_err(|p| p.in_field(T::LiaisonField))?,
        categories: cats,
        kind: super::parse_choice(
            kind,
            LeaderKind::parse,
            LeaderKind::ALL,
            LeaderKind::zh,
            T::KindField,
        )?,
    })
}

pub fn staff_input(
    staff_no: &str,
    name_s: &str,
    role: &str,
    center: &str,
    department: Option<&str>,
    pin: Option<&str>,
) -> Result<StaffInput, Problem> {
    let role = super::parse_choice(role, Role::parse, Role::ALL, Role::zh, T::RoleField)?;
    let department = department
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    if role == Role::Department && department.is_none() {
        return Err(Problem::of(T::DepartmentUserNeedsDepartment));
    }
    if role != Role::Department && department.is_some() {
        return Err(Problem::of(T::OnlyDepartmentUsersBelongTo));
    }
    if let Some(p) = pin {
        validate_pin(p)?;
    }
    Ok(StaffInput {
        staff_no: validate_staff_no(staff_no).map_err(|p| p.in_field(T::StaffNumberField))?,
        name: name(name_s, T::PersonNameField)?,
        role,
        center: name(center, T::CenterField)?,
        department,
        pin: pin.map(str::to_string),
    })
}

impl OrgFile {
    pub fn parse(text: &str) -> Result<OrgFile, Problem> {
        toml::from_str(text).map_err(|e| {
            let place = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                    format!("第 {line} 行：")
                })
                .unwrap_or_default();
            Problem::fill(T::OrgFileIsNotValid, &[&place, &e.message()])
        })
    }

    /// Validates every row; the first problem names its section and row.
    pub fn plan(&self) -> Result<OrgPlan, Problem> {
        fn at<V>(section: &str, i: usize, r: Result<V, Problem>) -> Result<V, Problem> {
            r.map_err(|p| {
                Problem::with(
                    T::Entry,
                    vec![
                        Arg::plain(section),
                        Arg::plain(i + 1),
                        Arg::Problem(Box::new(p)),
                    ],
                )
            })
        }
        let mut plan = OrgPlan::default();
        for (i, c) in self.centers.iter().enumerate() {
            plan.centers.push(at(
                "centers",
                i,
                (|| {
                    let level = super::parse_choice(
                        &c.level,
                        CenterLevel::parse,
                        CenterLevel::ALL,
                        CenterLevel::zh,
                        T::LevelField,
                    )?;
                    let place = match &c.place {
                        Some(p) => Some(name(p, T::PlaceField)?),
                        None => None,
                    };
                    Ok((name(&c.name, T::NameField)?, level, place))
                })(),
            )?);
        }
        for (i, p) in self.places.iter().enumerate() {
            plan.places.push(at(
                "places",
                i,
                (|| {
                    let kind = super::parse_choice(
                        &p.kind,
                        PlaceKind::parse,
                        PlaceKind::ALL,
                        PlaceKind::zh,
                        T::KindField,
                    )?;
                    let parent = match &p.parent {
                        Some(x) => Some(name(x, T::Parent)?),
                        None => None,
                    };
                    if kind == PlaceKind::Village && parent.is_none() {
                        return Err(Problem::of(T::VillageNeedsItsTownshipParent));
                    }
                    Ok((name(&p.name, T::NameField)?, kind, parent))
                })(),
            )?);
        }
        for (i, d) in self.departments.iter().enumerate() {
            plan.departments.push(at(
                "departments",
                i,
                name(&d.name, T::NameField).map(|n| (n, d.supervision)),
            )?);
        }
        for (i, l) in self.leaders.iter().enumerate() {
            plan.leaders.push(at(
                "leaders",
                i,
                leader_input(
                    &l.name,
                    &l.position,
                    &l.portfolio,
                    &l.kind,
                    &l.liaison,
                    &l.categories,
                ),
            )?);
        }
        for (i, c) in self.categories.iter().enumerate() {
            plan.categories
                .push(at("categories", i, name(&c.name, T::NameField))?);
        }
        for (i, t) in self.time_limits.iter().enumerate() {
            plan.time_limits.push(at(
                "time_limits",
                i,
                (|| {
                    let phase = super::parse_choice(
                        &t.phase,
                        LimitPhase::parse,
                        LimitPhase::ALL,
                        LimitPhase::zh,
                        T::PhaseField,
                    )?;
                    let urgency = match &t.urgency {
                        Some(u) => Some(super::parse_choice(
                            u,
                            Urgency::parse,
                            Urgency::ALL,
                            Urgency::zh,
                            T::UrgencyField,
                        )?),
                        None => None,
                    };
                    let days = validate_limit_days(t.days)?;
                    let kind = super::parse_choice(
                        &t.day_kind,
                        DayKind::parse,
                        DayKind::ALL,
                        DayKind::zh,
                        T::DayKind,
                    )?;
                    let category = match &t.category {
                        Some(c) => Some(name(c, T::CategoryLower)?),
                        None => None,
                    };
                    Ok((phase, category, urgency, days, kind))
                })(),
            )?);
        }
        for (i, s) in self.staff.iter().enumerate() {
            plan.staff.push(at(
                "staff",
                i,
                staff_input(
                    &s.staff_no,
                    &s.name,
                    &s.role,
                    &s.center,
                    s.department.as_deref(),
                    s.pin.as_deref(),
                ),
            )?);
        }
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_validates() {
        let f = OrgFile::parse(include_str!("../../data/org-demo.toml")).unwrap();
        let plan = f.plan().unwrap();
        assert!(
            plan.departments
                .iter()
                .any(|(n, sup)| n == "区委区政府督查室" && *sup)
        );
        assert!(plan.departments.len() >= 15);
        assert!(plan.leaders.len() >= 10);
        assert!(
            plan.places
                .iter()
                .filter(|p| p.1 == PlaceKind::Community)
                .count()
                >= 8
        );
        for role in Role::ALL {
            assert!(plan.staff.iter().any(|s| s.role == *role), "{role:?}");
        }
    }

    #[test]
    fn errors_name_the_row_and_what_to_fix() {
        let e = OrgFile::parse("[[departments]]\nname = \"x\"\nsupervisor = true\n").unwrap_err();
        assert!(e.zh().contains("第 3 行"), "{}", e.zh());
        let f = OrgFile::parse(
            "[[leaders]]\nname = \"张三\"\nposition = \"副区长\"\nkind = \"局长\"\n",
        )
        .unwrap();
        let e = f.plan().unwrap_err();
        assert!(
            e.zh().contains("[leaders] 第 1 条") && e.zh().contains("党政领导"),
            "{}",
            e.zh()
        );
        let f = OrgFile::parse(
            "[[staff]]\nstaff_no = \"9\"\nname = \"李\"\nrole = \"承办单位\"\ncenter = \"c\"\n",
        )
        .unwrap();
        assert!(f.plan().unwrap_err().zh().contains("所属单位"));
    }
}
