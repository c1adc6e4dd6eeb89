//! The vocabulary of the desk: every closed list (channels, states, roles …) with its stored code
//! and its Chinese and English labels. Codes are stable ASCII and are what the database holds.

pub use crate::text::Lang;

macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $code:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var,)+];

            /// The label as a value of a problem, shown in the reader's language.
            pub fn arg(self) -> crate::domain::Arg {
                crate::domain::Arg::Label(self.zh(), self.en())
            }

            /// The stable code stored in the database and in files.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code,)+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$var),)+ _ => None }
            }

            /// Accepts the code, the Chinese label or the English label (for imports and the CLI).
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $name::ALL.iter().copied().find(|v| {
                    v.code() == s || v.zh() == s || v.en().eq_ignore_ascii_case(s)
                })
            }

            pub fn zh(self) -> &'static str {
                match self { $($name::$var => $zh,)+ }
            }

            pub fn en(self) -> &'static str {
                match self { $($name::$var => $en,)+ }
            }

            pub fn label(self, lang: $crate::domain::vocab::Lang) -> &'static str {
                lang.pick(self.zh(), self.en())
            }
        }
    };
}
/// Every closed list of the domain is declared with this one macro (roster, members, visits too).
pub(crate) use vocab;

vocab! {
    /// How a petition reached the center.
    Channel {
        Visit = "visit", "来访", "Walk-in";
        Phone = "phone", "来电", "Phone";
        Letter = "letter", "来信", "Letter";
        Online = "online", "网络", "Online";
        LeaderCommunity = "leader_community", "领导进社区", "Leader in community";
        LeaderTownship = "leader_township", "领导进乡镇", "Leader in township";
        PartyMember = "party_member", "在职党员反映", "Party member";
        LowerCenter = "lower_center", "镇/社区中心转来", "From town/community center";
    }
}

vocab! {
    Urgency {
        Normal = "normal", "一般", "Normal";
        Urgent = "urgent", "紧急", "Urgent";
    }
}

vocab! {
    /// The four stages of 一单制, plus the end.
    Stage {
        Draft = "draft", "拟单", "Draft";
        Issue = "issue", "下单", "Issue";
        Handle = "handle", "买单", "Handle";
        Sign = "sign", "签单", "Sign";
        Closed = "closed", "已结", "Closed";
    }
}

vocab! {
    /// Every state a ticket can be in. Overdue, 催办 and 通报 are derived from the clock, never states.
    State {
        Registered = "registered", "登记", "Registered";
        Drafted = "drafted", "已拟办", "Drafted";
        AwaitingIssue = "awaiting_issue", "待下单", "Awaiting issue";
        AwaitingMeeting = "awaiting_meeting", "待专题会议", "Awaiting meeting";
        AwaitingDeliberation = "awaiting_deliberation", "待民事民议", "Awaiting deliberation";
        Escalated = "escalated", "领导督办", "Escalated";
        Dispatched = "dispatched", "已派", "Dispatched";
        Handling = "handling", "办理中", "Handling";
        ExtensionRequested = "extension_requested", "延期待批", "Extension requested";
        AwaitingFeedback = "awaiting_feedback", "待回访", "Awaiting feedback";
        AwaitingEvaluation = "awaiting_evaluation", "待评价", "Awaiting evaluation";
        SecondDissatisfied = "second_dissatisfied", "二次不满意待定", "Dissatisfied twice";
        Closed = "closed", "已办结", "Closed";
        NotAccepted = "not_accepted", "不予受理", "Not accepted";
        Withdrawn = "withdrawn", "已撤回", "Withdrawn";
        Merged = "merged", "已合并", "Merged";
    }
}

impl State {
    pub fn stage(self) -> Stage {
        use State::*;
        match self {
            Registered | Drafted => Stage::Draft,
            AwaitingIssue | AwaitingMeeting | AwaitingDeliberation | Escalated => Stage::Issue,
            Dispatched | Handling | ExtensionRequested => Stage::Handle,
            AwaitingFeedback | AwaitingEvaluation | SecondDissatisfied => Stage::Sign,
            Closed | NotAccepted | Withdrawn | Merged => Stage::Closed,
        }
    }

    pub fn is_open(self) -> bool {
        self.stage() != Stage::Closed
    }
}

vocab! {
    /// How the center sorts a petition at 拟单, and how the leader decides at 下单.
    Classification {
        OnSite = "on_site", "现场答复", "Answered on site";
        Forward = "forward", "转办", "Forwarded";
        Supervise = "supervise", "督办", "Supervised";
        SpecialMeeting = "special_meeting", "专题会议", "Special meeting";
        Explain = "explain", "解释说明", "Explanation";
        Deliberation = "deliberation", "民事民议", "Resident deliberation";
        NotAccepted = "not_accepted", "不予受理", "Not accepted";
    }
}

vocab! {
    Resolution {
        Resolved = "resolved", "已解决", "Resolved";
        Partly = "partly", "部分解决", "Partly resolved";
        Unresolved = "unresolved", "未解决", "Unresolved";
    }
}

vocab! {
    Satisfaction {
        Satisfied = "satisfied", "满意", "Satisfied";
        Basically = "basically", "基本满意", "Basically satisfied";
        Dissatisfied = "dissatisfied", "不满意", "Dissatisfied";
    }
}

vocab! {
    FeedbackMethod {
        Phone = "phone", "电话", "Phone";
        HomeVisit = "home_visit", "上门", "Home visit";
        InPerson = "in_person", "当面", "In person";
        Sms = "sms", "短信", "SMS";
        Online = "online", "网络", "Online";
    }
}

vocab! {
    Role {
        Admin = "admin", "管理员", "Administrator";
        Director = "director", "主任", "Director";
        Clerk = "clerk", "窗口", "Clerk";
        Department = "department", "承办单位", "Department user";
    }
}

vocab! {
    CenterLevel {
        District = "district", "区", "District";
        Town = "town", "镇", "Town";
        Community = "community", "社区", "Community";
    }
}

vocab! {
    /// A place a petitioner lives: an urban community, the township, or one of its villages.
    PlaceKind {
        Community = "community", "社区", "Community";
        Town = "town", "镇", "Town";
        Village = "village", "村", "Village";
    }
}

vocab! {
    LeaderKind {
        PartyGov = "party_gov", "党政领导", "Party/government leader";
        CourtProcuratorate = "court_procuratorate", "法检两长", "Court president / chief procurator";
    }
}

vocab! {
    DayKind {
        Working = "working", "工作日", "working days";
        Calendar = "calendar", "自然日", "calendar days";
    }
}

vocab! {
    /// Which clock a time limit governs.
    LimitPhase {
        Accept = "accept", "受理", "Acceptance";
        Handle = "handle", "办理", "Handling";
        Feedback = "feedback", "回访", "Feedback";
    }
}

vocab! {
    /// The derived urgency of an open ticket against its deadline.
    Level {
        Normal = "normal", "正常", "On time";
        Near = "near", "临期", "Due soon";
        Overdue = "overdue", "超期", "Overdue";
        Severe = "severe", "严重超期", "Severely overdue";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: fn(T) -> &'static str,
            from: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &v in all {
                assert!(seen.insert(code(v)), "duplicate code {}", code(v));
                assert_eq!(from(code(v)), Some(v));
            }
        }
        check(State::ALL, State::code, State::from_code);
        check(Channel::ALL, Channel::code, Channel::from_code);
        check(
            Classification::ALL,
            Classification::code,
            Classification::from_code,
        );
        check(Role::ALL, Role::code, Role::from_code);
        check(Level::ALL, Level::code, Level::from_code);
    }

    #[test]
    fn parse_accepts_labels() {
        assert_eq!(Channel::parse("来访"), Some(Channel::Visit));
        assert_eq!(Channel::parse("walk-in"), Some(Channel::Visit));
        assert_eq!(Role::parse("clerk"), Some(Role::Clerk));
        assert_eq!(Role::parse("窗口"), Some(Role::Clerk));
        assert_eq!(Role::parse("boss"), None);
    }

    #[test]
    fn every_state_has_a_stage_and_closed_states_are_not_open() {
        for s in State::ALL {
            let closed = matches!(
                s,
                State::Closed | State::NotAccepted | State::Withdrawn | State::Merged
            );
            assert_eq!(s.is_open(), !closed, "{s:?}");
        }
    }
}
