//! Deliberation representatives (群众议事代表): who they are, how the roster changes over time.

use crate::text::T;
use chrono::NaiveDate;

use super::Problem;
use super::person::{normalize_mobile, validate_resident_id};
use super::text::clean_input;
use super::vocab::vocab;

vocab! {
    /// Representative categories; the first three are the 两代表一委员.
    RepCategory {
        PartyDeputy = "party_deputy", "党代表", "Party congress deputy";
        NpcDeputy = "npc_deputy", "人大代表", "People's congress deputy";
        CppccMember = "cppcc_member", "政协委员", "CPPCC member";
        LegalProfessional = "legal_professional", "法律政策专业人员", "Legal/policy professional";
        PublicFigure = "public_figure", "社会人士", "Respected resident";
        ResidentRep = "resident_rep", "居民代表", "Resident representative";
        VillagerRep = "villager_rep", "村民代表", "Villager representative";
    }
}

impl RepCategory {
    /// One of 两代表一委员.
    pub fn is_deputy(self) -> bool {
        matches!(
            self,
            RepCategory::PartyDeputy | RepCategory::NpcDeputy | RepCategory::CppccMember
        )
    }
}

vocab! {
    ChosenBy {
        SelfNominated = "self", "自荐", "Self-nominated";
        Recommended = "recommended", "组织推荐", "Recommended";
    }
}

vocab! {
    RepStatus {
        Active = "active", "在册", "Active";
        Suspended = "suspended", "暂停", "Suspended";
        Retired = "retired", "退出", "Retired";
    }
}

vocab! {
    Sex {
        Male = "male", "男", "Male";
        Female = "female", "女", "Female";
    }
}

/// A representative as typed or imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepForm {
    pub name: String,
    pub sex: String,
    pub place: String,
    pub category: String,
    pub chosen_by: String,
    pub occupation: String,
    pub expertise: String,
    pub mobile: String,
    pub term_start: String,
    pub term_end: String,
    /// 身份证号, optional.
    pub resident_id: String,
}

/// A validated representative (the place is still a name; the store resolves it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepInput {
    pub name: String,
    pub sex: Sex,
    pub place: String,
    pub category: RepCategory,
    pub chosen_by: ChosenBy,
    pub occupation: String,
    pub expertise: String,
    pub mobile: String,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub resident_id: Option<String>,
}

impl RepInput {
    /// Whether this is the same person as a representative with this name, mobile and resident
    /// ID: the same resident ID, or the same name and mobile. One person is one representative.
    pub fn same_person(&self, name: &str, mobile: &str, resident_id: Option<&str>) -> bool {
        (self.resident_id.is_some() && self.resident_id.as_deref() == resident_id)
            || (self.name == name && self.mobile == mobile)
    }
}

/// A row of a roster file: a new representative, or (with its 编号) an update of one, with the
/// status and training hours an export wrote (checked, so that an exported roster imports back
/// as it was).
#[derive(Debug, Clone, PartialEq)]
pub struct RepImport {
    /// The line of the file it was read from (0: not from a file).
    pub row: usize,
    pub number: Option<i64>,
    pub rep: RepInput,
    pub status: Option<RepStatus>,
    pub training_hours: Option<f64>,
}

/// Among roster entries (id, name, mobile, resident ID) in id order, those that are the same
/// person as an earlier one: (the later id, the earliest id).
pub fn second_entries(people: &[(i64, &str, &str, Option<&str>)]) -> Vec<(i64, i64)> {
    use std::collections::HashMap;
    let mut by_id: HashMap<&str, i64> = HashMap::new();
    let mut by_name: HashMap<(&str, &str), i64> = HashMap::new();
    let mut out = vec![];
    for (id, name, mobile, rid) in people {
        let first = rid
            .and_then(|r| by_id.get(r).copied())
            .into_iter()
            .chain(by_name.get(&(*name, *mobile)).copied())
            .min();
        match first {
            Some(first) => out.push((*id, first)),
            None => {
                if let Some(r) = rid {
                    by_id.insert(r, *id);
                }
                by_name.insert((name, mobile), *id);
            }
        }
    }
    out
}

/// The rows of one file that are the same person, or name the same 编号, as an earlier row:
/// (the later row, the earlier row), 0-based.
pub fn duplicate_rows(rows: &[RepImport]) -> Vec<(usize, usize)> {
    let mut out = vec![];
    for (i, r) in rows.iter().enumerate() {
        if let Some(j) = rows[..i].iter().position(|e| {
            (r.number.is_some() && e.number == r.number)
                || r.rep
                    .same_person(&e.rep.name, &e.rep.mobile, e.rep.resident_id.as_deref())
        }) {
            out.push((i, j));
        }
    }
    out
}

/// Validates a representative; every problem names its field (for import row errors). `today`
/// bounds the birth date of a resident ID.
pub fn validate_rep(
    f: &RepForm,
    today: NaiveDate,
) -> Result<RepInput, Vec<(&'static str, Problem)>> {
    let mut errs = vec![];
    let mut take = |field: &'static str, r: Result<String, Problem>| match r {
        Ok(v) => v,
        Err(p) => {
            errs.push((field, p));
            String::new()
        }
    };
    let name = take("name", clean_input(&f.name, 20, false, true));
    let place = take("place", clean_input(&f.place, 40, false, true));
    let occupation = take("occupation", clean_input(&f.occupation, 40, false, false));
    let expertise = take("expertise", clean_input(&f.expertise, 100, false, false));
    let mobile = take("mobile", normalize_mobile(&f.mobile));
    let resident_id = if f.resident_id.trim().is_empty() {
        None
    } else {
        Some(take(
            "id_number",
            validate_resident_id(f.resident_id.trim(), today),
        ))
    };
    let sex = super::parse_choice(&f.sex, Sex::parse, Sex::ALL, Sex::zh, T::SexField);
    let category = super::parse_choice(
        &f.category,
        RepCategory::parse,
        RepCategory::ALL,
        RepCategory::zh,
        T::CategoryLower,
    );
    let chosen_by = super::parse_choice(
        &f.chosen_by,
        ChosenBy::parse,
        ChosenBy::ALL,
        ChosenBy::zh,
        T::ChosenByField,
    );
    let start = super::calendar::parse_date(&f.term_start);
    let end = super::calendar::parse_date(&f.term_end);
    let mut out_errs = errs;
    fn get<T>(
        errs: &mut Vec<(&'static str, Problem)>,
        field: &'static str,
        r: Result<T, Problem>,
    ) -> Option<T> {
        r.map_err(|p| errs.push((field, p))).ok()
    }
    let sex = get(&mut out_errs, "sex", sex);
    let category = get(&mut out_errs, "category", category);
    let chosen_by = get(&mut out_errs, "chosen_by", chosen_by);
    let start = get(&mut out_errs, "term_start", start);
    let end = get(&mut out_errs, "term_end", end);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        out_errs.push(("term_end", Problem::of(T::TermEndsBeforeItStarts)));
    }
    if !out_errs.is_empty() {
        return Err(out_errs);
    }
    match (sex, category, chosen_by, start, end) {
        (Some(sex), Some(category), Some(chosen_by), Some(term_start), Some(term_end)) => {
            Ok(RepInput {
                name,
                sex,
                place,
                category,
                chosen_by,
                occupation,
                expertise,
                mobile,
                term_start,
                term_end,
                resident_id,
            })
        }
        _ => Err(out_errs),
    }
}

/// A change of status needs a different status and a reason.
pub fn validate_status_change(
    from: RepStatus,
    to: RepStatus,
    reason: &str,
) -> Result<String, Problem> {
    if from == to {
        return Err(Problem::with(T::Already, vec![to.arg()]));
    }
    clean_input(reason, 200, false, true).map_err(|p| p.in_field(T::CauseField))
}

/// A training record: date, topic, hours (0.5 to 100).
pub fn validate_training(
    date: &str,
    topic: &str,
    hours: &str,
) -> Result<(NaiveDate, String, f64), Problem> {
    let date = super::calendar::parse_date(date)?;
    let topic = clean_input(topic, 60, false, true).map_err(|p| p.in_field(T::TopicField))?;
    let h: f64 = hours
        .trim()
        .parse()
        .map_err(|_| Problem::of(T::HoursMustBeNumberSuch))?;
    if !(0.5..=100.0).contains(&h) {
        return Err(Problem::of(T::HoursMustBeBetween0));
    }
    Ok((date, topic, h))
}

/// Representatives whose term ends within `days` of `today` (and has not ended) are "expiring".
pub fn term_expiring(term_end: NaiveDate, today: NaiveDate, days: i64) -> bool {
    term_end >= today && (term_end - today).num_days() <= days
}

/// Days before the end of a term at which the roster flags it.
pub const EXPIRING_DAYS: i64 = 90;

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RepForm {
        RepForm {
            name: "李秀英".into(),
            sex: "女".into(),
            place: "仙城社区".into(),
            category: "人大代表".into(),
            chosen_by: "组织推荐".into(),
            occupation: "退休教师".into(),
            expertise: "邻里调解".into(),
            mobile: "138-1234-5678".into(),
            term_start: "2025-01-01".into(),
            term_end: "2027年12月31日".into(),
            resident_id: String::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn one_person_is_one_representative() {
        let mut f = form();
        f.resident_id = "11010519491231002X".into();
        let a = validate_rep(&f, today()).unwrap();
        assert!(a.same_person("李秀英", "13812345678", None));
        assert!(a.same_person("李秀", "13900000000", Some("11010519491231002X")));
        assert!(!a.same_person("李秀英", "13900000000", None));
        let row = |number, rep: &RepInput| RepImport {
            row: 0,
            number,
            rep: rep.clone(),
            status: None,
            training_hours: None,
        };
        let mut other = a.clone();
        other.name = "王芳".into();
        other.mobile = "13900000000".into();
        other.resident_id = None;
        assert_eq!(
            duplicate_rows(&[row(None, &a), row(None, &other), row(None, &a)]),
            vec![(2, 0)]
        );
        assert_eq!(
            duplicate_rows(&[row(Some(4), &a), row(Some(4), &other)]),
            vec![(1, 0)]
        );
        assert_eq!(
            second_entries(&[
                (1, "李秀英", "13812345678", None),
                (2, "王芳", "13900000000", Some("11010519491231002X")),
                (3, "李秀英", "13812345678", None),
                (4, "王芳芳", "13700000000", Some("11010519491231002X")),
            ]),
            vec![(3, 1), (4, 2)]
        );
        f.resident_id = "110105194912310021".into();
        let errs = validate_rep(&f, today()).unwrap_err();
        assert_eq!(errs[0].0, "id_number");
    }

    #[test]
    fn a_good_representative() {
        let r = validate_rep(&form(), today()).unwrap();
        assert_eq!(
            (r.category, r.sex, r.mobile.as_str()),
            (RepCategory::NpcDeputy, Sex::Female, "13812345678")
        );
        assert!(r.category.is_deputy());
        assert!(!RepCategory::LegalProfessional.is_deputy());
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut f = form();
        f.category = "人民代表".into();
        f.mobile = "123".into();
        f.term_end = "2024-12-31".into();
        let errs = validate_rep(&f, today()).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.0).collect();
        assert_eq!(fields, vec!["mobile", "category", "term_end"]);
        assert!(errs[1].1.zh().contains("政协委员"));
    }

    #[test]
    fn status_changes_and_training() {
        assert!(validate_status_change(RepStatus::Active, RepStatus::Active, "x").is_err());
        assert!(validate_status_change(RepStatus::Active, RepStatus::Suspended, " ").is_err());
        assert_eq!(
            validate_status_change(RepStatus::Active, RepStatus::Retired, "任期届满").unwrap(),
            "任期届满"
        );
        assert!(validate_training("2026-03-01", "调解技巧", "2.5").is_ok());
        assert!(validate_training("2026-03-01", "调解技巧", "两小时").is_err());
        assert!(validate_training("2026-03-01", "调解技巧", "0").is_err());
    }

    #[test]
    fn expiring_terms() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(term_expiring(d("2027-01-31"), d("2026-11-26"), 90));
        assert!(!term_expiring(d("2027-06-30"), d("2026-11-26"), 90));
        assert!(
            !term_expiring(d("2026-10-31"), d("2026-11-26"), 90),
            "already ended"
        );
    }
}
