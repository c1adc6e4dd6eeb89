//! Words shown for recorded things, shared by the desk and the files (printouts, exports):
//! what each kind of audit event is called, and what each recorded detail is called. Nothing a
//! person reads shows an internal code: an event kind or a detail without a word here is shown
//! by its generic word, or not at all. Also the labels and remarks of visits and tickets that
//! the desk and the printed or exported files both show, so they read the same everywhere.

use crate::domain::Lang;
use crate::domain::flow::MoveKind;
use crate::domain::hearing::TieRule;
use crate::domain::visits::Staffing;
use crate::records::org::Refs;
use crate::records::tickets::TicketRecord;
use crate::records::visits::VisitRow;
use crate::text::T;
use chrono::NaiveDateTime;

/// What an audit event is called on a timeline, in `lang`.
pub fn event_label(kind: &str, lang: Lang) -> String {
    if let Some(k) = MoveKind::from_code(kind) {
        return k.label(lang).to_string();
    }
    let t = match kind {
        "register" => T::RegisteredWord,
        "draw_frozen" => T::DrawPoolFrozen,
        "draw_revealed" => T::DrawRevealed,
        "draw_strike" => T::DrawStrike,
        "draw_final" => T::DrawFinal,
        "mediation" => T::InstantMediation,
        "hearing_planned" => T::HearingPlanned,
        "hearing_absent" => T::HearingAbsence,
        "hearing_open" => T::HearingOpened,
        "hearing_note" => T::HearingNotes,
        "hearing_questions" => T::HearingQuestionsFixed,
        "vote" => T::HearingVote,
        "vote_correction" => T::HearingVoteCorrected,
        "hearing_closed" => T::HearingClosedWord,
        "visit_register" => T::ReceivedAtLeaderSVisit,
        "visit_held" => T::VisitHeld,
        "visit_not_held" => T::VisitNotHeld,
        "visit_leader_absent" => T::VisitLeaderCannotAttend,
        "visit_members_picked" => T::VisitMembersPicked,
        "visit_city_linked" => T::VisitWithCityLeader,
        "visit_withdrawn" => T::VisitWithdrawnByNewPlan,
        "notice_posted" => T::VisitNoticePosted,
        "member_report" => T::MemberSReport,
        "escalate" => T::RaisedByPartyMember,
        "assign" => T::HouseholdAssigned,
        "wish_add" => T::WishAdded,
        "wish_move" => T::WishUpdatedWord,
        "rep_add" => T::RepresentativeAddedWord,
        "import_started" => T::ImportStarted,
        "import_done" => T::ImportFinished,
        "ledger_submitted" => T::SummarySubmitted,
        "ledger_reviewed" => T::SummaryReviewed,
        "half_year_heard" => T::HalfHeardTitle,
        "member_registered" => T::RegisterWithCommunity,
        "member_key_selected" => T::KeySelectedYes,
        "member_key_unselected" => T::KeySelectedNo,
        "member_retired" => T::RetireMember,
        "member_edited" => T::EditMember,
        "member_assignment_ended" => T::EndAssignment,
        "inspection_drawn" => T::RandomInspection,
        "inspection_findings" => T::FindingsField,
        "unit_meeting" => T::QuarterlyMeeting,
        "oversight_logged" => T::OversightLog,
        _ => T::RecordWord,
    };
    t.get(lang).to_string()
}

/// What a recorded detail is called, or `None` for details that are for the machine (ids,
/// hashes; they are in the receipt or on the record itself) and are not shown.
pub fn detail_label(key: &str, lang: Lang) -> Option<&'static str> {
    let t = match key {
        "classification" => T::ClassificationWord,
        "decision" => T::DecisionWord,
        "department" => T::DepartmentWord,
        "due" => T::DeadlineWord,
        "leader" => T::LeaderLower,
        "resolution" => T::ResolutionWord,
        "satisfaction" => T::EvaluationWord,
        "solved" => T::SolvedInThePetitionersView,
        "method" => T::MethodWord,
        "by" => T::By,
        "days" => T::DaysWord,
        "approved" => T::Approved,
        "round" => T::RoundLower,
        "into" => T::Into,
        "lawful_channel" => T::LawfulChannelField,
        "answer" => T::AnswerWord,
        "topic" => T::TopicWord,
        "next" => T::NextWord,
        "repeat_of" => T::RepeatOf,
        "choice" => T::VoteChoiceWord,
        "question" => T::QuestionWord,
        "reason" => T::GroundsField,
        "plan" => T::PlanWord,
        "outcome" => T::OutcomeWord,
        "pool_size" => T::PoolSize,
        "tie_rule" => T::WithoutMajority,
        "panel_size" => T::PanelSizeWord,
        "new_date" => T::NewDate,
        _ => return None,
    };
    Some(t.get(lang))
}

/// A recorded detail's value in words, where the value is a code; `None` where it is shown as
/// it is (a number, a date, a text).
pub fn detail_value(key: &str, value: &str, lang: Lang) -> Option<String> {
    let t = match (key, value) {
        ("outcome", "answered") => T::AnsweredOnSpot,
        ("outcome", "petition") => T::RegisteredAsPetition,
        ("outcome", "agreement") => T::Agreement,
        ("outcome", "hearing") => T::ToHearing,
        ("outcome", "issue") => T::BackToIssue,
        ("approved", "true") => T::ApprovedWord,
        ("approved", _) => T::Refused,
        ("next", "sign") => T::SignOff,
        ("next", _) => T::BackToIssue,
        ("tie_rule", code) => {
            return TieRule::from_code(code).map(|t| t.label(lang).to_string());
        }
        _ => return None,
    };
    Some(t.get(lang).to_string())
}

/// How a visit stands, in words. With `now`, a past visit still without its outcome says so.
pub fn status_label(v: &VisitRow, refs: &Refs, lang: Lang, now: Option<NaiveDateTime>) -> String {
    if now.is_some_and(|t| v.awaits_outcome(t)) {
        return T::OutcomeToRecord.get(lang).into();
    }
    match v.staffing() {
        Staffing::Planned => T::VisitPlanned.get(lang).into(),
        Staffing::Unstaffed => T::NoLeaderLoud.get(lang).into(),
        Staffing::Substituted => format!(
            "{}{}",
            T::SubstitutePrefix.get(lang),
            refs.leader_name(v.substitute_id)
        ),
        Staffing::Held => T::Held.get(lang).into(),
        Staffing::HeldBySubstitute => {
            format!(
                "{}{}",
                T::HeldSubstitute.get(lang),
                refs.leader_name(v.substitute_id)
            ) + T::CloseParen.get(lang)
        }
        Staffing::NotHeld => T::NotHeldLower.get(lang).into(),
    }
}

/// Notes on a visit: provisional date, moved by hand, city leader, reason not held.
pub fn visit_remarks(v: &VisitRow, lang: Lang) -> String {
    let mut r = vec![];
    if v.provisional {
        r.push(T::ProvisionalDateNoHolidayData.get(lang).to_string());
    }
    if v.date != v.nominal && !v.rescheduled {
        r.push(format!(
            "{}{}",
            T::MovedFrom.get(lang),
            v.nominal.format("%Y-%m-%d")
        ));
    }
    if v.rescheduled && v.city_note.is_none() {
        r.push(T::Rescheduled.get(lang).to_string());
    }
    if let Some(n) = &v.city_note {
        r.push(n.clone());
    }
    if let Some(n) = &v.not_held_reason {
        r.push(n.clone());
    }
    r.join("；")
}

pub fn first_handler(rec: &TicketRecord, refs: &Refs, lang: Lang) -> String {
    match (rec.first_leader_id, rec.first_staff_id) {
        (Some(l), _) => refs
            .leader(l)
            .map(|l| T::Paren.fill(lang, &[&l.name, &l.position]))
            .unwrap_or_default(),
        (None, Some(s)) => refs.staff_name(Some(s)).to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_event_kind_the_store_writes_is_shown_as_its_code() {
        for kind in [
            "register",
            "visit_register",
            "visit_held",
            "escalate",
            "mediation",
            "draw_final",
            "hearing_closed",
            "vote_correction",
            "something_new",
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let label = event_label(kind, lang);
                assert!(!label.contains('_') && label != kind, "{kind}: {label}");
            }
        }
        assert_eq!(event_label("something_new", Lang::Zh), "记录");
    }

    #[test]
    fn codes_in_details_are_words() {
        assert_eq!(
            detail_value("outcome", "answered", Lang::Zh).as_deref(),
            Some("现场答复")
        );
        assert!(detail_value("tie_rule", "no_majority", Lang::Zh).is_some());
        assert_eq!(detail_label("household", Lang::Zh), None);
        assert_eq!(detail_label("pool_size", Lang::Zh), Some("抽签池人数"));
    }
}

/// A day as a desk shows it in a column: `11-26` in the current year, `2025-11-26` in any other
/// (a row of another year never reads as this year's).
pub fn short_day(d: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if d.year() == today.year() {
        d.format("%m-%d").to_string()
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// A stored time (`YYYY-MM-DD HH:MM:SS`) as a desk shows it: `11-26 10:00` in the current year,
/// the day alone (`2025-11-26`) in any other.
pub fn short_time(t: &str, today: chrono::NaiveDate) -> String {
    let this_year = t.get(..4) == Some(today.format("%Y").to_string().as_str());
    if this_year {
        t.get(5..16).unwrap_or(t).to_string()
    } else {
        t.get(..10).unwrap_or(t).to_string()
    }
}

#[cfg(test)]
mod day_tests {
    use super::*;

    #[test]
    fn the_year_is_shown_whenever_it_is_not_this_one() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(short_day(d(2026, 11, 26), today), "11-26");
        assert_eq!(short_day(d(2027, 1, 5), today), "2027-01-05");
        assert_eq!(short_day(d(2025, 12, 31), today), "2025-12-31");
        assert_eq!(short_time("2026-11-26 10:00:00", today), "11-26 10:00");
        assert_eq!(short_time("2025-11-26 10:00:00", today), "2025-11-26");
    }
}
