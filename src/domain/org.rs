//! Reference data: centers, places (communities, the township, villages), departments, leaders,
//! petition categories, the time-limit catalogue and staff; and the TOML file that loads them.
//!
//! The file format is documented in `docs/org-file.md`; `data/org-demo.toml` is the example and
//! is what the demonstration district uses.

use serde::Deserialize;

use super::Problem;
use super::limits::validate_limit_days;
use super::roles::{validate_pin, validate_staff_no};
use super::text::clean_input;
use super::vocab::{CenterLevel, DayKind, LeaderKind, LimitPhase, PlaceKind, Role, Urgency};

pub const NAME_MAX: usize = 40;
pub const LONG_MAX: usize = 200;

pub fn name(s: &str, zh: &str, en: &str) -> Result<String, Problem> {
    clean_input(s, NAME_MAX, false, true).map_err(|p| p.in_field(zh, en))
}

pub fn long(s: &str, zh: &str, en: &str) -> Result<String, Problem> {
    clean_input(s, LONG_MAX, false, false).map_err(|p| p.in_field(zh, en))
}

fn parse_vocab<T>(
    s: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    label: fn(T) -> &'static str,
    zh: &str,
    en: &str,
) -> Result<T, Problem>
where
    T: Copy,
{
    parse(s).ok_or_else(|| {
        let choices: Vec<&str> = all.iter().map(|v| label(*v)).collect();
        Problem::new(
            format!("{zh}“{s}”无效，应为：{}", choices.join("、")),
            format!("{en} “{s}” is not one of: {}", choices.join(", ")),
        )
    })
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

pub fn leader_input(
    name_s: &str,
    position: &str,
    portfolio: &str,
    kind: &str,
) -> Result<LeaderInput, Problem> {
    Ok(LeaderInput {
        name: name(name_s, "姓名", "name")?,
        position: name(position, "职务", "position")?,
        portfolio: long(portfolio, "分工", "portfolio")?,
        kind: parse_vocab(
            kind,
            LeaderKind::parse,
            LeaderKind::ALL,
            LeaderKind::zh,
            "类别",
            "kind",
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
    let role = parse_vocab(role, Role::parse, Role::ALL, Role::zh, "角色", "role")?;
    let department = department
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    if role == Role::Department && department.is_none() {
        return Err(Problem::new(
            "承办单位账号必须指定所属单位",
            "a department user needs a department",
        ));
    }
    if role != Role::Department && department.is_some() {
        return Err(Problem::new(
            "只有承办单位账号才绑定单位",
            "only department users belong to a department",
        ));
    }
    if let Some(p) = pin {
        validate_pin(p)?;
    }
    Ok(StaffInput {
        staff_no: validate_staff_no(staff_no).map_err(|p| p.in_field("工号", "staff number"))?,
        name: name(name_s, "姓名", "name")?,
        role,
        center: name(center, "所属中心", "center")?,
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
            Problem::new(
                format!("组织文件格式错误：{place}{}", e.message()),
                format!("the org file is not valid: {place}{}", e.message()),
            )
        })
    }

    /// Validates every row; the first problem names its section and row.
    pub fn plan(&self) -> Result<OrgPlan, Problem> {
        fn at<T>(section: &str, i: usize, r: Result<T, Problem>) -> Result<T, Problem> {
            r.map_err(|p| {
                Problem::new(
                    format!("[{section}] 第 {} 条：{}", i + 1, p.zh),
                    format!("[{section}] entry {}: {}", i + 1, p.en),
                )
            })
        }
        let mut plan = OrgPlan::default();
        for (i, c) in self.centers.iter().enumerate() {
            plan.centers.push(at(
                "centers",
                i,
                (|| {
                    let level = parse_vocab(
                        &c.level,
                        CenterLevel::parse,
                        CenterLevel::ALL,
                        CenterLevel::zh,
                        "级别",
                        "level",
                    )?;
                    let place = match &c.place {
                        Some(p) => Some(name(p, "所在地", "place")?),
                        None => None,
                    };
                    Ok((name(&c.name, "名称", "name")?, level, place))
                })(),
            )?);
        }
        for (i, p) in self.places.iter().enumerate() {
            plan.places.push(at(
                "places",
                i,
                (|| {
                    let kind = parse_vocab(
                        &p.kind,
                        PlaceKind::parse,
                        PlaceKind::ALL,
                        PlaceKind::zh,
                        "类别",
                        "kind",
                    )?;
                    let parent = match &p.parent {
                        Some(x) => Some(name(x, "所属乡镇", "parent")?),
                        None => None,
                    };
                    if kind == PlaceKind::Village && parent.is_none() {
                        return Err(Problem::new(
                            "村须写明所属乡镇（parent）",
                            "a village needs its township (parent)",
                        ));
                    }
                    Ok((name(&p.name, "名称", "name")?, kind, parent))
                })(),
            )?);
        }
        for (i, d) in self.departments.iter().enumerate() {
            plan.departments.push(at(
                "departments",
                i,
                name(&d.name, "名称", "name").map(|n| (n, d.supervision)),
            )?);
        }
        for (i, l) in self.leaders.iter().enumerate() {
            plan.leaders.push(at(
                "leaders",
                i,
                leader_input(&l.name, &l.position, &l.portfolio, &l.kind),
            )?);
        }
        for (i, c) in self.categories.iter().enumerate() {
            plan.categories
                .push(at("categories", i, name(&c.name, "名称", "name"))?);
        }
        for (i, t) in self.time_limits.iter().enumerate() {
            plan.time_limits.push(at(
                "time_limits",
                i,
                (|| {
                    let phase = parse_vocab(
                        &t.phase,
                        LimitPhase::parse,
                        LimitPhase::ALL,
                        LimitPhase::zh,
                        "环节",
                        "phase",
                    )?;
                    let urgency = match &t.urgency {
                        Some(u) => Some(parse_vocab(
                            u,
                            Urgency::parse,
                            Urgency::ALL,
                            Urgency::zh,
                            "紧急程度",
                            "urgency",
                        )?),
                        None => None,
                    };
                    let days = validate_limit_days(t.days)?;
                    let kind = parse_vocab(
                        &t.day_kind,
                        DayKind::parse,
                        DayKind::ALL,
                        DayKind::zh,
                        "计日方式",
                        "day kind",
                    )?;
                    let category = match &t.category {
                        Some(c) => Some(name(c, "类别", "category")?),
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
        assert!(e.zh.contains("第 3 行"), "{}", e.zh);
        let f = OrgFile::parse(
            "[[leaders]]\nname = \"张三\"\nposition = \"副区长\"\nkind = \"局长\"\n",
        )
        .unwrap();
        let e = f.plan().unwrap_err();
        assert!(
            e.zh.contains("[leaders] 第 1 条") && e.zh.contains("党政领导"),
            "{}",
            e.zh
        );
        let f = OrgFile::parse(
            "[[staff]]\nstaff_no = \"9\"\nname = \"李\"\nrole = \"承办单位\"\ncenter = \"c\"\n",
        )
        .unwrap();
        assert!(f.plan().unwrap_err().zh.contains("所属单位"));
    }
}
