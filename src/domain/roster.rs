//! Deliberation representatives (群众议事代表): who they are, how the roster changes over time.

use crate::text::T;
use chrono::NaiveDate;

use super::Problem;
use super::person::normalize_mobile;
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
}

/// Validates a representative; every problem names its field (for import row errors).
pub fn validate_rep(f: &RepForm) -> Result<RepInput, Vec<(&'static str, Problem)>> {
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
        }
    }

    #[test]
    fn a_good_representative() {
        let r = validate_rep(&form()).unwrap();
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
        let errs = validate_rep(&f).unwrap_err();
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
