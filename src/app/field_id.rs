//! Form fields are addressed by these ids, checked by the compiler: a misspelt field is a build
//! error, not a field that silently reads empty. `name` is the field's stable name (in error
//! maps from the domain, which names fields as text, and in tests' messages).

macro_rules! field_ids {
    ($($v:ident = $s:literal,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldId {
            $($v,)+
            /// A field of the n-th petitioner of an intake form.
            Petitioner(usize, PetitionerField),
            /// A leader's row in the visit settings (whether they take part in the rotation).
            LeaderRow(i64),
        }

        impl FieldId {
            /// The field's stable name.
            pub fn name(self) -> String {
                match self {
                    $(FieldId::$v => $s.to_string(),)+
                    FieldId::Petitioner(i, f) => format!("petitioner.{i}.{}", f.name()),
                    FieldId::LeaderRow(id) => format!("l{id}"),
                }
            }

            /// The field a domain rule names by its name (`petitioner.0.mobile`, `summary` …).
            pub fn from_name(name: &str) -> Option<FieldId> {
                match name {
                    $($s => Some(FieldId::$v),)+
                    _ => {
                        if let Some(rest) = name.strip_prefix("petitioner.") {
                            let (i, f) = rest.split_once('.')?;
                            return Some(FieldId::Petitioner(i.parse().ok()?, PetitionerField::from_name(f)?));
                        }
                        name.strip_prefix('l')?.parse().ok().map(FieldId::LeaderRow)
                    }
                }
            }
        }
    };
}

/// The fields of one petitioner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PetitionerField {
    Name,
    Mobile,
    ResidentId,
    Address,
    Place,
}

impl PetitionerField {
    pub const ALL: &'static [PetitionerField] = &[
        PetitionerField::Name,
        PetitionerField::Mobile,
        PetitionerField::ResidentId,
        PetitionerField::Address,
        PetitionerField::Place,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PetitionerField::Name => "name",
            PetitionerField::Mobile => "mobile",
            PetitionerField::ResidentId => "resident_id",
            PetitionerField::Address => "address",
            PetitionerField::Place => "place",
        }
    }

    pub fn from_name(s: &str) -> Option<PetitionerField> {
        PetitionerField::ALL.iter().copied().find(|f| f.name() == s)
    }
}

field_ids! {
    Address = "address",
    Alternates = "alternates",
    Answer = "answer",
    Approve = "approve",
    By = "by",
    Category = "category",
    Center = "center",
    Channel = "channel",
    Choice = "choice",
    ChosenBy = "chosen_by",
    Classification = "classification",
    Collective = "collective",
    Community = "community",
    Content = "content",
    Correction = "correction",
    Date = "date",
    DayKind = "day_kind",
    Days = "days",
    Decision = "decision",
    Department = "department",
    Due = "due",
    Exclusions = "exclusions",
    Expertise = "expertise",
    FirstHandler = "first_handler",
    Format = "format",
    From = "from",
    Half = "half",
    Head = "head",
    HeadCount = "head_count",
    Host = "host",
    Hours = "hours",
    Household = "household",
    Count = "count",
    Quarter = "quarter",
    IdNumber = "id_number",
    Input = "input",
    Instruction = "instruction",
    Into = "into",
    Key = "key",
    Kind = "kind",
    LawfulChannel = "lawful_channel",
    Leader = "leader",
    Level = "level",
    Member = "member",
    Members = "members",
    Method = "method",
    MinDeputies = "min_deputies",
    MinLegal = "min_legal",
    MinOther = "min_other",
    Mobile = "mobile",
    Mode = "mode",
    N = "n",
    Name = "name",
    Needs = "needs",
    New = "new",
    New2 = "new2",
    Next = "next",
    Note = "note",
    Notes = "notes",
    O1 = "o1",
    O2 = "o2",
    Occupation = "occupation",
    Old = "old",
    Opinion = "opinion",
    Outcome = "outcome",
    Panel = "panel",
    Parent = "parent",
    Party = "party",
    Party1 = "party1",
    Party2 = "party2",
    Party3 = "party3",
    Phase = "phase",
    Pin = "pin",
    Pin2 = "pin2",
    Place = "place",
    Plan = "plan",
    Pool = "pool",
    Portfolio = "portfolio",
    PortfolioCats = "portfolio_categories",
    Liaison = "liaison",
    ArrangedBy = "arranged_by",
    ArrangedOn = "arranged_on",
    Position = "position",
    Profession = "profession",
    Q = "q",
    Q1 = "q1",
    Q2 = "q2",
    Question = "question",
    Reason = "reason",
    Report = "report",
    Request = "request",
    Resolution = "resolution",
    Result = "result",
    Role = "role",
    Rotation = "rotation",
    Satisfaction = "satisfaction",
    Sex = "sex",
    Skills = "skills",
    Solved = "solved",
    StaffNo = "staff_no",
    Strikes = "strikes",
    Substitute = "substitute",
    Summary = "summary",
    Supervision = "supervision",
    TermEnd = "term_end",
    TermStart = "term_start",
    Terms = "terms",
    Tie = "tie",
    Time = "time",
    To = "to",
    Topic = "topic",
    Township = "township",
    Unit = "unit",
    Urgency = "urgency",
    VisitRef = "visit_ref",
    Wish = "wish",
    Year = "year",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_both_ways() {
        for id in [
            FieldId::Summary,
            FieldId::FirstHandler,
            FieldId::Petitioner(2, PetitionerField::ResidentId),
            FieldId::LeaderRow(17),
        ] {
            assert_eq!(FieldId::from_name(&id.name()), Some(id), "{id:?}");
        }
        assert_eq!(FieldId::from_name("petitioner.x.name"), None);
        assert_eq!(FieldId::from_name("no_such_field"), None);
    }
}
