//! English: the desk's words in English.

use super::T;

pub(super) fn text(t: T) -> &'static str {
    match t {
        T::APetitionOwnedByTheLeader => "A petition, owned by the leader",
        T::AWholeNumber => "a whole number",
        T::Absent => "  absent",
        T::AbsentShort => "absent",
        T::Abstain => "Abstain",
        T::AbstainLower => "abstain",
        T::Accept => "Accept {0}?",
        T::Accepted => "Received",
        T::AcceptedInTimeRate => "accepted in time",
        T::Act => "Act",
        T::Active => "active",
        T::Add => "Add",
        T::AddAHousehold => "Add a household",
        T::AddAMember => "Add a member",
        T::AddARepresentative => "Add a representative",
        T::AddAWish => "Add a wish",
        T::AddTheReasonAfterTheName => "“{0}”: add the reason after the name",
        T::AddTraining => "Add training",
        T::Address => "Address",
        T::Admin => "Admin",
        T::AdminName => "Admin name",
        T::AdminStaffNumber => "Admin staff number",
        T::AgreedOutcome => "Outcome",
        T::AgreementThenSignOff => "Agreement: to sign-off",
        T::AgreementToSignOff => "Agreement (to sign-off)",
        T::All => "(all)",
        T::AllCategories => "(all categories)",
        T::AllDefault => "(all, default)",
        T::AllKeys => "all keys",
        T::AllLeaders => "(all leaders)",
        T::AllLower => "all",
        T::AlternateFor => "alternate for ",
        T::Alternates => "Alternates",
        T::AlternatesInOrder => "Alternates (in order): ",
        T::AlternatesLower => "alternates",
        T::AnOddPanelSize => "an odd number from 3 to 15",
        T::AndMore => "+",
        T::AnotherDeskChangedThisPageRefreshed => "another desk changed this page ({0}); refreshed",
        T::Answer => "Answer",
        T::AnswerExplanation => "Answer / explanation",
        T::AnswerGiven => "Answer given",
        T::Answered => "answered",
        T::AnsweredOnSite => "Answered on site",
        T::AnsweredOnTheSpotAwaitingFeedback => "answered on the spot: {0} (awaiting feedback)",
        T::AnsweredOnTheSpotStillFollowed => "Answered on the spot (still followed up)",
        T::AnswersLater => "the petitioner will answer later",
        T::AppTitle => " suqiu ",
        T::Approve => "Approve",
        T::AssignAHouseholdBestMatchFirst => "Assign a household (best match first)",
        T::AssignAMember => "Assign a member",
        T::Assigned => "assigned",
        T::AssignedLeader => "Assigned leader",
        T::AssignmentsAndRotationThenPRe => "Assignments and rotation (then P re-plans)",
        T::AtLeastDeputies => "At least deputies",
        T::AtLeastLegalPolicy => "At least legal/policy",
        T::AtLeastTwoParties => "at least two parties",
        T::AtTheDraw => "at the draw ",
        T::AuditChainBrokenAtEvent => "audit chain broken at event {0}: {1}",
        T::AuditChainIntactEvents => "audit chain intact: {0} events",
        T::AuditHeadWord => "audit head",
        T::BackToIssueHandling => "Back to issue (handling)",
        T::BeforeTheStart => "before the start",
        T::BelowFortyPercent => "below 40%: ",
        T::Board => "Board",
        T::ByDeadline => "deadline",
        T::CadrePool => "Pool",
        T::CadrePoolLabel => "Cadre pool",
        T::Cancel => "cancel",
        T::Case => "Case: ",
        T::Categories => "Categories",
        T::Category => "Category",
        T::CategoryLower => "category",
        T::Center => "Center",
        T::CenterHead => "Center head: ",
        T::CenterName => "Center name",
        T::CenterShort => "Center",
        T::Centers => "Centers",
        T::ChangeMyPin => "Change my PIN",
        T::ChangeStatus => "Change status",
        T::Channel => "Channel",
        T::ChannelShort => "Channel",
        T::CheckboxNo => "[ ] no",
        T::CheckboxYes => "[✓] yes",
        T::ChoicesInForms => "Choices in forms",
        T::Choose => "(choose)",
        T::ChooseOne => "choose one",
        T::ChooseTheCommunity => "choose the community",
        T::ChooseTheDepartment => "choose the department",
        T::ChooseTheLeader => "choose the leader",
        T::ChooseTheMember => "choose the member",
        T::ChooseThePartyMember => "choose the member",
        T::ChooseThePetitionersAnswer => "choose the petitioner's answer",
        T::ChooseTheVote => "choose the vote",
        T::ChosenBy => "Chosen by",
        T::CityLeader => "City leader",
        T::CityLeaderSVisit => "City leader's visit",
        T::ClaimedBy => "Claimed by",
        T::ClaimedByAMember => "Claimed by a member",
        T::ClaimingMember => "Claimed by",
        T::Classification => "Classification",
        T::CloseParen => ")",
        T::CloseTheHearingNextStep => "Close the hearing: next step",
        T::Closed => "closed",
        T::ClosedAsUnresolved => "※ closed as unresolved",
        T::ClosedUnresolved => " closed unresolved ",
        T::Collective => "Collective",
        T::CollectiveComma => "collective,",
        T::Comments => "Comments",
        T::Communities => "Communities",
        T::CommunitiesSeparatedByMayBeEmpty => "communities separated by 、; may be empty",
        T::Community => "Community",
        T::CommunityOfResidence => "Community of residence",
        T::CommunityPlace => "Place",
        T::CommunityShort => "Community",
        T::CommunityTownshipNoticeDaysBefore => {
            "community {0}  township {1}  notice {2} days before"
        }
        T::CommunityVillage => "Community/village",
        T::CommunityVisits => "visits",
        T::CommunityVisitsAt => "Community visits at",
        T::CompositeScore => "score",
        T::ConclusionLabel => "Outcome: ",
        T::Confirm => "Confirm",
        T::ConfirmTitle => " Confirm ",
        T::ContactHousehold => "Household",
        T::ContactHouseholds => "Households",
        T::ContactMember => "Member",
        T::ContactRecorded => "contact recorded",
        T::ContactsThisYear => "Contacts this year",
        T::Content => "Content",
        T::ContentShort => "Content",
        T::CorrectAVoteTheOriginalIs => "Correct a vote (the original is kept)",
        T::CorrectIt => "correct it",
        T::Correction => "correction: ",
        T::CountedIn => "Counted in",
        T::CreateThisCenterAndItsAdministrator => "Create this center and its administrator",
        T::CurrentPin => "Current PIN",
        T::CycleEnterOrTypeToSearch => "←/→ cycle, Enter or type to search",
        T::DatabaseReady => "database ready: {0}",
        T::Date => "Date",
        T::DateExample => "e.g. 2026-12-09",
        T::DateLabel => "Date: ",
        T::Days => "days",
        T::DaysSameDayZero => "Days (0 = same day)",
        T::Deadline => "Deadline",
        T::DeadlineShort => "Deadline",
        T::Decision => "Decision",
        T::DefaultFromTheCatalogueCountedFrom => {
            "default from the catalogue, counted from the first issue"
        }
        T::DeliberationPlan => "Deliberation plan",
        T::DemoLoadedTicketsClerkStaffNumber => {
            "Demo loaded ({0} tickets). Clerk: staff number 1003, PIN 300300"
        }
        T::Department => "Department",
        T::DepartmentNameExample => "e.g. 区教育局",
        T::DepartmentReported => "the department reported: {0}",
        T::Departments => "Departments",
        T::Dept => "Dept",
        T::DeskNonceHashPublishedFirst => "Desk nonce hash (published first)",
        T::DeskNonceRevealed => "Desk nonce (revealed): ",
        T::Detail => " Detail ",
        T::Diary => "Notes",
        T::DiscardWhatWasTyped => "Discard what was typed?",
        T::DispatchToADepartment => "Dispatch to a department",
        T::DispatchesShort => "disp.",
        T::DissatisfiedAgainADirectorDecidesEscalation => {
            "dissatisfied again: a director decides escalation or closure"
        }
        T::DissatisfiedStartsASecondRound => "dissatisfied starts a second round",
        T::DistrictLeadersVisitsH => "District leaders' visits, {0} {1}",
        T::Draw => "Draw",
        T::DrawAHearingPanel => "Draw a hearing panel",
        T::DrawAPanelSettings => "Draw a panel: settings",
        T::DrawAndConfirmAPanelFirst => "draw and confirm a panel first",
        T::DrawIsNotFinalNoReceipt => "draw {0} is not final ({1}); no receipt yet",
        T::DrawListHeader => "id\tticket\tcreated\tkind\tstate",
        T::DrawReceipt => "Draw receipt: #",
        T::DrawnDraw => "drawn: {0} (draw #{1})",
        T::DrawnFromTheCommunitySKey => {
            "drawn from the community's key-selected members; the receipt is verifiable"
        }
        T::Due => "Due",
        T::DueSuffix => " due",
        T::DueToday => "due today",
        T::DutySummaryTitle => " Summary ",
        T::EGOrLxyEmptyClears => "e.g. 李秀 or lxy; empty clears",
        T::EGOrTlEmptyClears => "e.g. 唐 or tl; empty clears",
        T::EGSueInCourtLabour => "e.g. sue in court, labour arbitration",
        T::EachPartyTypesInTurnThen => "Each party types in turn; then the reveal.",
        T::EachUnitKeySelectsAtLeast => {
            "Each unit key-selects at least 40 % of its members; units below are red."
        }
        T::EarlierPetitions => "earlier petitions:",
        T::EarlierPetitionsOfThisMobileOr => "Earlier petitions of this mobile or ID appear here.",
        T::EarlierPetitionsTitle => " Earlier petitions ",
        T::Edit => "Edit",
        T::EditRepresentative => "Edit representative",
        T::EditionSuffix => "",
        T::EmployedMembers => "Members",
        T::EndingWithinNinetyDays => "ending within 90 days",
        T::EnterANumberOfDays => "enter a number of days",
        T::EnterATicketNumber => "a ticket number like 2026-000123",
        T::EnterAYear => "enter a year",
        T::EnterFindsEscCancels => " Enter finds  Esc cancels ",
        T::EnterSignsIn => " Enter signs in ",
        T::EnterTheAnswerGiven => "enter the answer given",
        T::EnterTwoToFour => "enter 2 to 4",
        T::EnteredCommitment => "entered, commitment",
        T::ErrorsNothingWasImported => "nothing was imported: {0} problem(s) to fix",
        T::EscalateToTheDeskPartyMember => "Escalate to the desk (Party member)",
        T::Escalated => " escalated ",
        T::EscalationReason => "Reason",
        T::Evaluation => "Evaluation",
        T::EvaluationShort => "Evaluation",
        T::EveryPartyHasEnteredPressEnter => "Every party has entered. Press Enter to reveal.",
        T::EveryoneHasVotedFClosesThe => "Everyone has voted. f closes the hearing.",
        T::Everywhere => "Everywhere",
        T::ExceptionsN => "Exceptions:\n",
        T::Excluded => "Excluded: ",
        T::ExclusionsHint => "e.g. 王芳 kin; 3+ hearings in 12 months rest automatically",
        T::ExclusionsNameReason => "Exclusions (name reason)",
        T::Expertise => "Expertise",
        T::Explanation => "Explanation",
        T::ExplanationFlaggedUnresolved => "Explanation (flagged unresolved)",
        T::ExportLedgers => "Export ledgers",
        T::ExportedRepresentatives => "exported {0} representatives → {1}",
        T::ExportedRows => "exported {0} rows → {1}",
        T::ExportedTickets => "exported {0} tickets → {1}",
        T::ExtensionDays => "Days (calendar, at most 30)",
        T::ExtensionRequested => "Extension requested",
        T::FalseClosure => "false closures",
        T::FeedbackBy => "Feedback by",
        T::FieldsNeedFixingInRed => "{0} fields need fixing (in red)",
        T::FigureWord => "figure",
        T::Filter => "Filter",
        T::FilterBy => "Filter by",
        T::FilterPrefix => "Filter: ",
        T::FinalTheReceiptIsSavedP => "Final; the receipt is saved. p prints it, Esc goes back.",
        T::Find => "Find",
        T::FindAMember => "Find a member",
        T::FindARepresentative => "Find a representative",
        T::FindPrefix => "find ",
        T::FirstHalf => "H1",
        T::FirstHandler => "First handler",
        T::FirstRunSetUpTheCenter => "First run: set up the center",
        T::FixTheQuestionsFirstQ => "fix the questions first (q)",
        T::FixTheQuestionsTheyCannotChange => {
            "Fix the questions (they cannot change once voting starts)"
        }
        T::For => "(for ",
        T::FormDraftHeading => "1. Petition (draft)",
        T::FormIssueHeading => "2. Leader's instruction (issue)",
        T::Format => "Format",
        T::Forms => "Forms",
        T::FortyPercentRule => "40% rule",
        T::Found => "found",
        T::From => "From",
        T::Fulfilled => "Fulfilled",
        T::FulfilledOn => "Date",
        T::GeneratedTickets => "generated {0} tickets and {1} audit events in {2} s",
        T::GiveOnePeriod => {
            "give one period: --month 2026-11, --quarter 2026Q4, --half 2026H2, --year 2026, or --from DATE --to DATE"
        }
        T::GiveOutForASpreadsheet => "a spreadsheet format (csv, xlsx) needs --out FILE",
        T::H => " h",
        T::Half => "Half",
        T::HalfYearComplianceReport => "Half-year compliance report",
        T::Handler => "Handler: ",
        T::Handling => "Outcome",
        T::HandlingDecision => "Decision",
        T::HandlingDepartment => "Department",
        T::HandlingDue => "Due",
        T::HasNoOfficialHolidayData => " has no official holiday data",
        T::Head => "Head",
        T::HeadCount => "Head count",
        T::HeadOfHousehold => "Head of household",
        T::Hearing => "Hearing",
        T::HearingClosed => "hearing closed: {0}",
        T::Hearings => "hearings",
        T::Held => "held",
        T::HeldInterviewNotes => "Held: interview notes",
        T::HeldSubstitute => "held (substitute: ",
        T::Help => "Help",
        T::HelpKeysEscClosesJK => " Help: keys (Esc closes, j/k scroll) ",
        T::HiddenAfterEnterOnlyItsHash => {
            "hidden; after Enter only its hash is shown; all are revealed together"
        }
        T::Host => "Host",
        T::HostLabel => "Host: ",
        T::HostPrefix => "host ",
        T::HostSignature => "Host: ",
        T::Hours => "Hours",
        T::Household => "Household",
        T::HouseholdAdded => "household {0} added",
        T::HouseholdHead => "Household",
        T::HouseholdKind => "Kind",
        T::Households => "Households",
        T::HouseholdsNotVisitedInPerson => "Households not visited in person",
        T::HouseholdsWithoutAMember => "households without a member",
        T::How => "How",
        T::HowManyTwoToFour => "How many (2–4)",
        T::Id => "ID",
        T::Imported => "imported {0} {1}",
        T::Inactive => "inactive",
        T::InitialPin => "Initial PIN",
        T::Input => "input",
        T::InstantMediation => "Instant mediation",
        T::Instruction => "Instruction",
        T::InterviewNotes => "Interview notes",
        T::InterviewRecord => "Notes",
        T::IsNotATimeUseHh => "“{0}” is not a time; use HH:MM, e.g. 14:30",
        T::IsNotATimeUseHh2 => "“{0}” is not a time; use HH:MM",
        T::IsRequired => "{0} is required",
        T::IsTheNoticeUp => "Is the notice up?",
        T::Issued => "Issued",
        T::Key => "Key",
        T::KeySelected => "Key-selected",
        T::KeySelectedLower => "key-selected",
        T::Kind => "Kind",
        T::KindLower => "kind",
        T::LastHomeVisit => "Last home visit",
        T::LastTwelveMonths => "last 12 months",
        T::LawfulChannel => "Lawful channel",
        T::Leader => "Leader",
        T::LeaderCannotAttend => "Leader cannot attend",
        T::LeaderLower => "leader",
        T::LeaderSFile => "Leader's file",
        T::LeaderSFileChooseALeader => "Leader's file: choose a leader",
        T::LeaderShort => "Leader",
        T::Leaders => "Leaders",
        T::LeadersNamesInOrderSeparatedBy => "leaders' names in order, separated by 、",
        T::LeadersVisits => "Leaders' visits",
        T::Level => "Level",
        T::LevelShort => "Level",
        T::Limit => "Limit",
        T::LimitLevel => "Level",
        T::LinkedToAnotherTicketSeeThe => "(linked to another ticket; see the timeline)",
        T::ListSeparator => ", ",
        T::LivesIn => "Lives in",
        T::LoadTheDemonstrationDistrict => "Load the demonstration district",
        T::Loaded => "loaded {0}: {1}",
        T::LoadedDaysOffMakeUpWorking => {
            "{0}: loaded ({1} days off, {2} make-up working days; {3}; {4})"
        }
        T::LoadedSpecialDays => "loaded {0}: {1} special days",
        T::Loading => "Loading…",
        T::Locked => " (locked)",
        T::MarkAsRepeatAgainUndo => " mark as repeat (again: undo)",
        T::Match => "match",
        T::MatchedAgainstHouseholdsNeeds => "matched against households' needs",
        T::MatterSummary => "Summary",
        T::MediationRecorded => "mediation recorded",
        T::Mediations => "mediations",
        T::MediatorNamesHint => "names separated by 、; F5 draws 3 at random",
        T::Mediators => "Mediators",
        T::MeetingDecision => "Meeting decision",
        T::MeetingTopic => "Meeting topic",
        T::Member => "Member",
        T::MemberAddedId => "member {0} added (id {1})",
        T::MemberClaimingTheWish => "Member claiming the wish",
        T::MemberSReport => "Member's report",
        T::Members => "Members",
        T::MembersPane => "Members",
        T::MembersPickedToReport => "Members picked to report",
        T::MembersWithoutThreeHouseholds => "members without 3 households",
        T::Merge => " [merge]",
        T::MergeIntoNumber => "Merge into (number)",
        T::MergeIntoTheOpenOne => " merge into the open one",
        T::MergeNote => "Note",
        T::MergeTargetHint => "e.g. 2026-000123; must be open",
        T::MergedIn => "Merged in",
        T::Met => "met",
        T::Method => "Method",
        T::MethodShort => "Method",
        T::MigratedTheDatabaseFromVersionTo => {
            "migrated the database from version {0} to {1}; backup: {2}"
        }
        T::Mine => "Mine",
        T::Minimums => "Minimums: ",
        T::MinimumsExample => "e.g. 村民代表:1, 居民代表:2",
        T::MinutesOfThePublicReasoningHearing => "Minutes of the public reasoning hearing",
        T::MinutesPanelHeading => "2. The panel",
        T::MinutesPartiesHeading => "1. Parties",
        T::MinutesProceedingsHeading => "3. Proceedings",
        T::MinutesVotesHeading => "4. Votes",
        T::Mobile => "Mobile",
        T::MobileHint => "+86, spaces and dashes are fine",
        T::MobileOptional => "Mobile (optional)",
        T::MobileShort => "Mobile",
        T::Month => "Month",
        T::MonthOutOfRange => "the month is 1 to 12",
        T::More => " more",
        T::Move => "move",
        T::MovedFrom => "moved from ",
        T::Name => "Name",
        T::NameOrInitials => "Name or initials",
        T::NameTheMediators => "name the mediators or press F5",
        T::Needs => "Needs",
        T::NewDateHint => "e.g. 2026-12-11; empty keeps the date",
        T::NewDateOptional => "New date (optional)",
        T::NewPinAgain => "New PIN again",
        T::NewPinDigits => "New PIN (4–12 digits)",
        T::NewStatus => "New status",
        T::Newest => "newest",
        T::Next => "next",
        T::No => "No",
        T::NoActiveLeader => "no active leader “{0}”",
        T::NoAgreementAHearing => "No agreement: a hearing",
        T::NoAgreementBackToIssue => "No agreement: back to issue",
        T::NoButton => " no",
        T::NoCommunity => "no community “{0}”",
        T::NoContact => "none",
        T::NoDispatchesInThePeriod => "no dispatches in the period",
        T::NoHolidayData => ": no holiday data",
        T::NoKeySelectedMemberHereHas => "no key-selected member here has room (3 each)",
        T::NoLeader => "No leader",
        T::NoLeaderLoud => "NO LEADER",
        T::NoLeaderLower => "no leader",
        T::NoLeaderPressAToStaff => "  No leader: press a to staff this visit.",
        T::NoLowerShort => "no",
        T::NoMajorityNoOpinion => "no majority: no opinion",
        T::NoMajorityOpinion => "no majority opinion",
        T::NoMatchBackspace => "no match (Backspace)",
        T::NoMemberLivesInThisCommunity => "no member lives in this community",
        T::NoMemberSAssignsOne => "No member: s assigns one",
        T::NoMembersPickedYetM => "no members picked yet (m)",
        T::NoNoticeDue => "No notice due.",
        T::NoOfficialHolidayDataComputedAs => {
            "{0}: no official holiday data; computed as weekends only until loaded with suqiu calendar load FILE"
        }
        T::NoQuestionsFixedYetQ => "No questions fixed yet (q).",
        T::NoSubstitute => "no substitute",
        T::NoTicketsBehindThisFigure => {
            "no tickets behind this figure (none dispatched, or all met it)"
        }
        T::NoTicketsMatchXClearsFilters => "No tickets match (x clears filters)",
        T::NoUnassignedHouseholdInThisCommunity => "no unassigned household in this community",
        T::NoVisitWithoutALeader => "No visit without a leader.",
        T::NoVisits => "No visits.",
        T::NoVisitsThisMonthPWrites => "No visits this month. P writes the year's plan.",
        T::Nominal => "Nominal",
        T::None => "(none)",
        T::NoneLower => "none",
        T::NoneN => "  none\n",
        T::NoneYetM => "  none yet (m)",
        T::NoneYetNoLeader => "(none yet: no leader)",
        T::NotAPeriod => "\"{0}\" is not a period; write it as {1}",
        T::NotAcceptedLawfulChannel => "Not accepted (lawful channel)",
        T::NotEveryoneHasVoted => "(not everyone has voted)",
        T::NotHeld => "Not held",
        T::NotHeldLower => "not held",
        T::NotKeySelected => "not key-selected",
        T::NotSaved => "not saved",
        T::NotVoted => "  not voted",
        T::Note => "Note",
        T::NoteShort => "Note",
        T::Notes => "Notes",
        T::NothingFoundXClearsTheSearch => "Nothing found (x clears the search)",
        T::NothingInThisState => "(nothing in this state)",
        T::Notice => "Notice",
        T::NoticeDaysBefore => "Notice days before",
        T::NoticeDaysHint => "1 to 30; planned visits keep their times",
        T::NoticeOverdue => "overdue",
        T::NoticeRecordedAsPosted => "notice recorded as posted",
        T::NoticesDue => "Notices due",
        T::NoticesDueLower => "notices due",
        T::Now => "Now",
        T::NowInState => "{0}: {1}, now “{2}”",
        T::NowTypingEnter => "▶ now typing (Enter)",
        T::Number => "Number",
        T::NumberLabel => "No. ",
        T::NumberShort => "No.",
        T::Occupation => "Occupation",
        T::Ok => "OK",
        T::Oldest => "oldest",
        T::OnBehalfOf => " (for ",
        T::OnTimeRate => "results on time",
        T::OneLine => "one line",
        T::OneTicketHandlingForm => "One-ticket handling form",
        T::Open => "open",
        T::OpensTheMenu => "opens the menu",
        T::OptionsOne => "Options 1",
        T::OptionsTwo => "Options 2",
        T::OtherMinimums => "Other minimums",
        T::Outcome => "Outcome",
        T::OutcomeTheHearingIsNotClosed => "Outcome: (the hearing is not closed)",
        T::OutcomeToRecord => "outcome to record",
        T::Overdue => "overdue",
        T::OverduePrefix => "overdue ",
        T::Page => "page",
        T::PageSuffix => "",
        T::Panel => "Panel",
        T::PanelDraw => "Panel draw",
        T::PanelLower => "panel",
        T::PanelSignature => "Panel: ",
        T::PanelSize => "Panel size",
        T::Parties => "Parties: ",
        T::PartiesExample => "e.g. 申请人 张三、李四",
        T::PartiesInputsHiddenCommitmentsShown => "Parties' inputs (hidden; commitments shown)",
        T::Party => "Party",
        T::PartyMember => "Member",
        T::PartyMembersAndHouseholds => "Party members and households",
        T::PartyOneHint => "Party 1 (and its people)",
        T::PartySuffix => "",
        T::PartyThreeOptional => "Party 3 (optional)",
        T::PartyTwoHint => "Party 2 (and its people)",
        T::People => "people",
        T::PeopleSuffix => "",
        T::Period => "period",
        T::PeriodEndsBeforeItBegins => "the period ends ({1}) before it begins ({0}); swap them",
        T::PersonName => "Name",
        T::Petition => "petition",
        T::PetitionCategory => "Category",
        T::PetitionRaisedOwnedByTheLeader => "petition {0} raised, owned by the leader",
        T::PetitionRequest => "Request",
        T::PetitionServiceCenterDesk => "Petition service center desk",
        T::Petitioner => "Petitioner",
        T::PetitionerName => "Petitioner {0}: name",
        T::PetitionerSignature => "Petitioner: ",
        T::PetitionsOwned => "Petitions owned",
        T::PetitionsOwnedEnterOpens => "petitions owned (Enter opens)",
        T::Pgdn => " PgDn ↓ ",
        T::PgdnMore => " PgDn more ",
        T::Pgup => " ↑ PgUp ",
        T::PgupPgdn => " ↑ PgUp · PgDn ↓ ",
        T::Phase => "Phase",
        T::PickMembersToReport => "Pick members to report",
        T::PickedReceipt => "picked: {0} (receipt {1})",
        T::Pin => "PIN",
        T::PinAgain => "PIN again",
        T::PinChanged => "PIN changed",
        T::PinDigits => "PIN (4–12 digits)",
        T::Place => "Place",
        T::PlaceAndDateExample => "e.g. 2026-11-25 仙城社区",
        T::PlaceLabel => "Place: ",
        T::PlaceLower => "place",
        T::Plan => "Plan",
        T::PlanTheHearing => "Plan the hearing",
        T::PlanWrittenNewVisitsWithdrawn => "{0} plan written: {1} new visits, {2} withdrawn",
        T::Planned => "planned",
        T::PluralityATieNoOpinion => "plurality (a tie: no opinion)",
        T::Pool => "Pool",
        T::PoolHashShort => "Pool hash (first 8)",
        T::PopUpListsTypeToFilter => "Pop-up lists (type to filter; 1–9 in the act menu)",
        T::Portfolio => "Portfolio",
        T::PortfolioShort => "Portfolio",
        T::Position => "Position",
        T::Posted => "posted",
        T::PressLToChooseALeader => "Press L to choose a leader",
        T::Proceedings => "Proceedings",
        T::Profession => "Profession",
        T::ProfessionSkills => "Profession/skills",
        T::Progress => "Progress",
        T::Proposed => "Proposed",
        T::ProposedOpinion => "Proposed opinion",
        T::ProvisionalDateNoHolidayData => "provisional date (no holiday data)",
        T::ProvisionalNoHolidayData => " * provisional: no holiday data ",
        T::PublicCriticismDue => "  public criticism due",
        T::Quarter => "Quarter",
        T::QuarterlyGaps => "Quarterly gaps",
        T::Question => "Question",
        T::QuestionOne => "Question 1",
        T::QuestionTwoOptional => "Question 2 (optional)",
        T::Queue => "Queue",
        T::RaisedToCenter => "Escalated",
        T::RaisingMember => "Party member",
        T::Rd => "Rd",
        T::Reason => "Reason",
        T::ReasonForReturning => "Reason for returning",
        T::ReasonLabel => "reason: ",
        T::ReasonOptional => "Reason (optional)",
        T::ReasonShort => "Reason",
        T::ReasonToldToThePetitioner => "Reason (told to the petitioner)",
        T::Receipt => "receipt",
        T::Received => "Received",
        T::ReceivedBy => "Received by",
        T::ReceivedLabel => "Received: ",
        T::ReceivingLeader => "Leader",
        T::RecentVisits => "Recent visits",
        T::Record => "Notes",
        T::RecordAContact => "Record a contact",
        T::RecordAPhase => "Record a phase",
        T::RecordAVote => "Record a vote",
        T::RecordedAsHeldRRegistersResidents => "recorded as held (r registers residents)",
        T::RecordedAsNotHeld => "recorded as not held",
        T::RecordedNoPlannedDistrictVisitTo => "recorded; no planned district visit to move",
        T::RecordedTheDistrictVisitMovesTo => {
            "recorded; {0} district visit(s) move to the same time, corrected notices to post"
        }
        T::RecordedWithNoLeaderStaffIt => "recorded with no leader: staff it soon",
        T::Recorder => "Recorder: ",
        T::Refuse => "Refuse",
        T::RegisterAPetition => "Register a petition",
        T::Registered => "registered {0}",
        T::RegisteredAndMergedItIntoThe => "registered {0} and merged it into the selected ticket",
        T::Remarks => "Notes",
        T::ReminderDue => "  reminder due",
        T::Repeat => "Repeat",
        T::RepeatTag => " [repeat]",
        T::ReplacedBy => "replaced by",
        T::ReplacedByPrefix => "replaced by ",
        T::Report => "Report",
        T::ReportRecorded => "report recorded",
        T::ReportWrittenTo => "report written to {0}",
        T::RepresentativeAdded => "representative added",
        T::Representatives => "Representatives",
        T::Request => "Request",
        T::RequestShort => "Request",
        T::Requested => "requested",
        T::Rescheduled => "rescheduled",
        T::RescheduledTheNoticeMustBePosted => "rescheduled; the notice must be posted again",
        T::ResetPinBlankKeepsIt => "Reset PIN (blank keeps it)",
        T::ResidentDeliberation => "Resident deliberation",
        T::ResidentIdOptional => "Resident ID (optional)",
        T::ResidentReceived => "Resident received",
        T::ResidentsReceived => "residents received ",
        T::ResidentsReceivedTitle => "Residents received",
        T::Resolution => "Resolution",
        T::RestingAfterThreeHearings => "Resting (3+ hearings in 12 months): ",
        T::Result => "Result",
        T::ResultNote => "Result",
        T::ResumingAnInterruptedImportWereIn => {
            " (resuming an interrupted import: {0} were in already)"
        }
        T::ReturnRate => "return rate",
        T::Returned => "Returned",
        T::ReturnsByThisDepartment => "returns by this department: ",
        T::RevealedWhenEveryoneHasVoted => "revealed when everyone has voted",
        T::ReviewBehind => "review",
        T::ReviewEnterHint => {
            "Enter lists the tickets behind {0} (score: every dispatch; others: those short of it)"
        }
        T::ReviewIsForDirectors => {
            "the review is for the director and administrators; a department sees its own"
        }
        T::ReviewPane => "Review",
        T::Role => "Role",
        T::Roster => "Roster",
        T::RosterTitle => "Roster",
        T::Round => "round",
        T::RoundLabel => "Round: ",
        T::RoundLower => "round",
        T::RoundSuffix => "",
        T::S => "{0}s",
        T::SameDay => "same day",
        T::SameMobile => "mobile",
        T::SatisfiedRate => "satisfied",
        T::Save => "save",
        T::Saved => "saved",
        T::SavedAndLinkedAsARepeat => "saved and linked as a repeat",
        T::SavedAndMergedIntoTheSelected => "saved and merged into the selected ticket",
        T::SavedAsANewTicket => "saved as a new ticket",
        T::SavedNewVisitsVisitsToCome => "saved {0} new visits; {1} visits to come withdrawn",
        T::SavedPRePlansTheYear => "saved; P re-plans the year",
        T::SavingAnotherDeskIsWritingPlease => "saving (another desk is writing, please wait)",
        T::Scope => "Scope",
        T::Search => "Search",
        T::SearchHint => {
            "a number (2026-000123), 2+ Chinese characters, name initials (zs), a mobile; empty Enter clears"
        }
        T::SecondHalf => "H2",
        T::Seed => "Seed: ",
        T::SelectAHouseholdFirst => "select a household first",
        T::SelectAMemberInTheMembers => "select a member in the members list",
        T::SelectARow => "Select a row",
        T::SelectAVisit => "Select a visit",
        T::SelectAVisitFirst => "select a visit first",
        T::SelectAnEarlierPetitionFirst => "select an earlier petition with F2 first",
        T::SelectNext => " select next",
        T::SelectXStrikesForAParty => "↑↓ select, x strikes for a party; Ctrl-F makes it final.",
        T::SelectedBy => "Selected by",
        T::SeparatedByAbstentionIsAlwaysPossible => "separated by /; abstention is always possible",
        T::ServedHouseholds => "Households",
        T::ServedOftenButKeptTheDraw => "Served often but kept (the draw needs them): ",
        T::ServiceFromTheRecords => "Service (from the records)",
        T::Sex => "Sex",
        T::Share => "Share",
        T::SignIn => "Sign in",
        T::Sitting => "Sitting",
        T::Skills => "Skills",
        T::SolvedInThePetitionersView => "solved, in the petitioner's view",
        T::SolvedRate => "solved",
        T::Sort => "Sort",
        T::Speaker => "Speaker",
        T::SpecialMeeting => "Special meeting",
        T::Staff => "Staff",
        T::StaffNo => "No.",
        T::StaffNumber => "Staff number",
        T::StaffThisVisit => "Staff this visit",
        T::Stage => "Stage",
        T::StageState => "Stage · state",
        T::StandingInFor => "standing in for ",
        T::State => "State",
        T::StateLabel => "State: ",
        T::Status => "status",
        T::StatusChanged => "status changed",
        T::StatusChanges => "Status changes",
        T::StatusTitle => "Status",
        T::StepsIn => "",
        T::StoodInForOthers => "stood in for others: ",
        T::StrikesEach => "strikes each",
        T::StrikesPerParty => "Strikes per party",
        T::Struck => "struck",
        T::StruckBy => "Struck by: ",
        T::StruckTag => " struck ",
        T::SubmitForTheLeaderSIssue => "Submit {0} for the leader's issue?",
        T::Substitute => "Substitute",
        T::SubstituteLeader => "Substitute",
        T::SubstitutePrefix => "substitute: ",
        T::SubstituteRecordedTheNoticeNeedsCorrecting => {
            "substitute recorded; the notice needs correcting"
        }
        T::Substituted => "substituted",
        T::SuggestedSAssigns => "Suggested (s assigns)",
        T::Summary => "Summary",
        T::SummaryLower => "summary",
        T::SummaryShort => "Summary",
        T::Supervision => "Supervision",
        T::SupervisionOffice => "Supervision office",
        T::Suqiu => "suqiu",
        T::Tally => "Tally: ",
        T::TemplateWrittenTo => "template written to {0}",
        T::Term => "Term",
        T::TermEndingWithinNinetyDays => "term ending within 90 days",
        T::TermFrom => "Term from",
        T::TermTo => "Term to",
        T::TermToShort => "Term to",
        T::TermsNote => "Terms / note",
        T::Text => "",
        T::ThatOptionBelongsToAnotherQuestion => "that option belongs to another question",
        T::ThatPeriodHasNotBegun => "that period has not begun",
        T::TheAdminPaneIsForAdministrators => "the admin pane is for administrators",
        T::TheDrawIsFinalReceiptSaved => "the draw is final; receipt saved (p prints)",
        T::TheOutcomeIsAMoralJudgement => {
            "The outcome is a moral judgement by residents, not a court ruling; it is not legally binding."
        }
        T::ThePanelInDrawOrder => "The panel (in draw order):",
        T::ThereIsNothingYouCanDo => "there is nothing you can do with this ticket now",
        T::ThisBuildHasNoDemonstrationData => "this build has no demonstration data",
        T::ThisHouseholdHasNoMemberYet => "this household has no member yet: assign one (s)",
        T::ThisPeriodIsNotSavedYet => "(this period is not saved yet; add --save to write it)",
        T::ThisWishIsFulfilled => "this wish is fulfilled",
        T::Ticket => "Ticket",
        T::TicketDetail => "Ticket",
        T::TicketRaisedPartyMember => "ticket {0} raised (Party member)",
        T::TicketsSuffix => "",
        T::TieRule => "Tie rule: ",
        T::Time => "Time",
        T::TimeLeft => "Time left",
        T::TimeLimits => "Time limits",
        T::Timeline => "Timeline",
        T::TimesSuffix => "",
        T::To => "To",
        T::ToChooseAfterTheDemoSign => "←/→ to choose; after the demo, sign in as 1003 / 300300",
        T::ToCome => "to come",
        T::ToDraft => "to draft",
        T::ToIsBeforeFrom => "--to is before --from",
        T::ToIssue => "to issue",
        T::ToPetition => "petition",
        T::ToReportR => "(to report: R)",
        T::ToSignOffFeedback => "To sign-off (feedback)",
        T::TooManyPetitionersUseACollective => "too many petitioners; use a collective petition",
        T::Topic => "Topic",
        T::Total => "total",
        T::Township => "Township",
        T::TownshipRotation => "Township rotation",
        T::TownshipVisitsAt => "Township visits at",
        T::Training => "Training",
        T::TrainingRecorded => "training recorded",
        T::TrendOfTwelveMonths => "{0}: {1}, last 12 months",
        T::TypeAnyDigitsOrText => "Type any digits or text",
        T::TypeAnyDigitsOrTextLower => "type any digits or text",
        T::TypeKind => "Kind",
        T::Unit => "Department",
        T::UnitHouseholds => "households",
        T::UnitMembers => "members",
        T::UnitRepresentatives => "representatives",
        T::UnitShort => "Unit",
        T::Units => "Units",
        T::UnknownFormatUseTextOrCsv => "unknown format “{0}”; use text or csv",
        T::Unstaffed => "unstaffed",
        T::Urgency => "Urgency",
        T::Venue => "Place",
        T::Version => "version ",
        T::Visit => "Visit",
        T::VisitDetailTitle => " Visit ",
        T::VisitLower => "visit",
        T::VisitNumberPrefix => "visit ",
        T::VisitPlanned => "planned",
        T::VisitSettings => "Visit settings",
        T::VisitSettingsSaved => "visit settings saved",
        T::Visits => "Visits",
        T::VisitsMovedUnderTheNewData => "{0} visits moved under the new data:",
        T::VisitsSuffix => " visits",
        T::VisitsWithoutALeader => "visits without a leader",
        T::Vote => "Vote",
        T::Voted => "  voted",
        T::VotedShort => "voted",
        T::Votes => "Votes",
        T::VotesStayHiddenUntilEveryoneHas => "votes stay hidden until everyone has voted",
        T::Waiting => "waiting",
        T::WasStruck => "struck",
        T::WeekAhead => "Week ahead",
        T::WeightsAreThreeNumbers => {
            "weights \"{0}\" must be three whole numbers, e.g. 20:40:40 (response:solved:satisfied)"
        }
        T::WhatIsAskedFor => "What is asked for",
        T::WhatWasDone => "What was done",
        T::WhatWasRaised => "What was raised",
        T::WhatWasRaisedAndDone => "What was raised (and done)",
        T::When => "When",
        T::WhoeverReceivesItOwnsIt => "whoever receives it owns it",
        T::WholeNumberFromOne => "a whole number from 1 to 30",
        T::WholeNumberOrZero => "a whole number (0: none)",
        T::WhyCorrected => "Why corrected",
        T::Wish => "Wish",
        T::WishFulfilled => "Fulfilled",
        T::WishRecorded => "wish recorded",
        T::WishReturned => "Returned",
        T::WishShort => "Wish",
        T::WishUpdated => "wish updated",
        T::Wishes => "Wishes",
        T::WithdrawalReason => "Reason",
        T::WithoutAMajority => "Without a majority",
        T::WriteCategoryCount => "“{0}”: write category:count",
        T::WriteThePlanFromTheCurrent => {
            "Write the {0} plan from the current assignments? Existing visits stay."
        }
        T::WrittenTo => "written to ",
        T::Wrote => "wrote {0}",
        T::WroteMarkItPostedInThe => "wrote {0}; mark it posted in the visits pane once it is up",
        T::WroteTheDemonstrationDistrictTicketsAudit => {
            "wrote the demonstration district: {0} tickets, {1} audit events → {2}"
        }
        T::Year => "Year",
        T::YearOutOfRange => "the year is 2000 to 2100",
        T::Yes => "Yes",
        T::YesButton => " yes    ",
        T::YesEscalated => "yes",
        T::YesLower => "yes",
        T::YouMay => "You may",
        T::DaysMustBeWholeNumber => "days must be a whole number",
        T::ChooseCenter => "choose the center",
        T::NameField => "name",
        T::NoRepresentativeNamed => "no representative named “{0}”",
        T::RepresentativesAreNamed => "{0} representatives are named “{1}”",
        T::PINsDoNotMatch => "the PINs do not match",
        T::NewPINsDoNotMatch => "the new PINs do not match",
        T::CenterNameField => "center name",
        T::UnknownLanguageUseZhOr => "unknown language “{0}”; use zh or en",
        T::DemoMadeOnlyTicketsAwaiting => {
            "the demo made only {0} tickets awaiting deliberation; it needs {1}"
        }
        T::SetUpCenterFirst => "set up the center first",
        T::GeneratingNeedsClerkAndDirector => {
            "generating needs a clerk and a director at the district center"
        }
        T::GeneratingNeedsDepartment => "generating needs a department",
        T::GeneratingNeedsLeadersAndCategories => "generating needs leaders and categories",
        T::DatabaseAlreadyHasDataDemo => {
            "the database already has data; the demo goes into a new file"
        }
        T::NotHolidayCnJSONLine => "not holiday-cn JSON (line {0}, column {1}: {2})",
        T::YearIsNotPlausible => "year {0} is not plausible",
        T::FileHasNoDaysState => {
            "the {0} file has no days: the State Council may not have published that year yet"
        }
        T::DayHasDateExpectedYYYY => "day {0} has date “{1}”, expected YYYY-MM-DD",
        T::DateIsNotInYear => "date {0} is not in the file's year {1}; check the file's year",
        T::DateIsMarkedBothOff => "date {0} is marked both off and working",
        T::IsNotValidDateWrite => "“{0}” is not a valid date; write it as 2026-11-26",
        T::PanelIsOddNumberFrom => "the panel is an odd number from 3 to 15",
        T::AtMost15Alternates => "at most 15 alternates",
        T::AtMost3StrikesPer => "at most 3 strikes per party",
        T::N2ToParties => "2 to {0} parties",
        T::MinimumNeedsCategoriesAndCount => "a minimum needs categories and a count",
        T::IsInTwoMinimumsMerge => "“{0}” is in two minimums; merge them",
        T::MinimumsAddUpToMore => "the minimums add up to {0}, more than the panel of {1}",
        T::PoolHasPeopleAreNeeded => {
            "the pool has {0} people; {3} are needed (panel plus alternates or strikes)"
        }
        T::OnlyPeopleCanMeetMinimum => "only {1} people can meet the minimum of {2}",
        T::OnlyPanelMembersCanBe => "only panel members can be struck",
        T::ThisMemberIsNeededFor => {
            "this member is needed for a minimum and no alternate of that kind is left"
        }
        T::NoAlternatesAreLeft => "no alternates are left",
        T::ReceiptIsMalformed => "the receipt is malformed: {0}",
        T::ReceiptWasAlteredItsChecksum => "the receipt was altered: its checksum does not match",
        T::Mismatch => "mismatch: {0}",
        T::PoolHash => "pool hash",
        T::NonceHash => "nonce hash",
        T::SeedField => "seed",
        T::Order => "order",
        T::PanelField => "panel",
        T::StrikeParty => "strike party",
        T::StruckMember => "struck member",
        T::FinalPanel => "final panel",
        T::SeedFormat => "seed format",
        T::ThisDrawWasAlreadyRevealed => "this draw was already revealed",
        T::StrikesAreMadeAfterReveal => {
            "strikes are made after the reveal and before the draw is final"
        }
        T::OnlyRevealedDrawCanBe => "only a revealed draw can be made final",
        T::NoSuchParty => "no such party",
        T::HasUsedItsStrikesEach => "{0} has used its strikes ({1} each)",
        T::YouMayNotSeeThis => "you may not see this ticket",
        T::ThisTicketIsAndCannot => "this ticket is {0} and cannot move",
        T::ThisTicketWasAlreadyEscalated => {
            "this ticket was already escalated; it can only be closed as unresolved"
        }
        T::TicketInCannotBeMoved => "a ticket in “{0}” cannot be moved by “{1}”",
        T::IsDoneByHandlingDepartment => "“{0}” is done by the handling department",
        T::ThisTicketIsNotAssigned => "this ticket is not assigned to your department",
        T::ExtensionWasAlreadyRequestedIn => {
            "an extension was already requested in this round; only one is allowed"
        }
        T::IsDecidedByDirector => "“{0}” is decided by a director",
        T::IsDoneByCenterS => "“{0}” is done by the center's desk",
        T::IsMarkItAsRepeat => "{0} is {1}; mark it as a repeat instead",
        T::ExtensionIs1ToDays => "an extension is 1 to {0} days",
        T::TicketCannotBeMergedInto => "a ticket cannot be merged into itself",
        T::YouMayNotSee => "you may not see {0}",
        T::ThatLeaderIsInactiveChoose => "that leader is inactive; choose another",
        T::ThatDepartmentIsInactive => "that department is inactive",
        T::EscalatedTicketGoesToSupervision => "an escalated ticket goes to the supervision office",
        T::DeadlineIsBeforeToday => "the deadline {0} is before today",
        T::DeadlineIsRestDayUse => "the deadline {0} is a rest day; use {1}",
        T::EscalatedTicketCanOnlyBe => {
            "an escalated ticket can only be dispatched to the supervision office"
        }
        T::ProposedOpinionField => "proposed opinion",
        T::MeetingDecisionField => "meeting decision",
        T::OutcomeField => "outcome",
        T::ProgressField => "progress",
        T::ReasonField => "reason",
        T::NoteField => "note",
        T::ReturnReasonField => "reason",
        T::ResultField => "result",
        T::FeedbackByField => "feedback by",
        T::NotesField => "notes",
        T::CommentsField => "comments",
        T::EscalationReasonField => "reason",
        T::ExplanationField => "explanation",
        T::WithdrawalReasonField => "reason",
        T::MergeNoteField => "note",
        T::InstructionField => "instruction",
        T::MeetingTopicField => "meeting topic",
        T::DeliberationPlanField => "deliberation plan",
        T::LawfulChannelField => "lawful channel",
        T::RejectionReasonField => "reason",
        T::N2To6OptionsSeparated => "2 to 6 options separated by /, e.g. 支持/反对",
        T::AbstentionIsAlwaysAvailableDo => "abstention is always available; do not list it",
        T::OptionIsRepeated => "option “{0}” is repeated",
        T::OfMembersPresentReplaceAbsent => {
            "{1} of {0} members present: replace the absent by alternates first"
        }
        T::QuestionField => "question",
        T::Option => "option",
        T::AttendanceIsFixedOnceHearing => "attendance is fixed once the hearing opens",
        T::HearingHasStarted => "the hearing has started",
        T::NotesAreTakenWhileHearing => "notes are taken while the hearing is open",
        T::QuestionsAreFixedWhileHearing => {
            "questions are fixed while the hearing is open, before voting"
        }
        T::NotVotingNow => "not voting now",
        T::VotingNotOpen => "not voting now",
        T::PanelDrawMustBeFinal => "the panel draw must be final first",
        T::TicketIsNotAwaitingDeliberation => "the ticket is not awaiting deliberation",
        T::NotOnPanel => "not on the panel",
        T::NoAlternatesLeftPanelCannot => "no alternates left: the panel cannot be completed",
        T::N1ToQuestions => "1 to {0} questions",
        T::OnlySittingMembersVote => "only sitting members vote",
        T::AlreadyVotedRecordCorrectionWith => "already voted; record a correction with its reason",
        T::NothingToCorrect => "nothing to correct",
        T::NotEverySittingMemberHas => "not every sitting member has voted",
        T::ChooseThe => "choose the {0}",
        T::AtLeastOnePetitionerIs => "at least one petitioner is needed",
        T::AtMostPetitionersRegisterRepresentatives => {
            "at most {0} petitioners; register representatives of a collective petition"
        }
        T::CollectivePetitionNeedsHeadCount => {
            "a collective petition needs a head count (2 to {0})"
        }
        T::ChannelField => "channel",
        T::CategoryField => "category",
        T::FirstHandlerField => "first handler",
        T::LimitIs0ToDays => "a limit is 0 to {0} days (0 means the same day)",
        T::IsInFuture => "{0} is in the future",
        T::IsNotOneOf => "{0} “{1}” is not one of: {2}",
        T::ShouldBeYesOrNo => "“{0}” should be yes or no",
        T::KeySelectedMemberNeedsHow => "a key-selected member needs how they were selected",
        T::WishCannotGoFromTo => "a wish cannot go from “{0}” to “{1}”",
        T::OnlyKeySelectedMembersAre => "only key-selected members are assigned households",
        T::HouseholdMustBeInMember => "the household must be in the member's own community",
        T::MemberHasHouseholdsAlready => "a member has {0} households already",
        T::ThisHouseholdAlreadyHasMember => "this household already has a member",
        T::DepartmentUserNeedsDepartment => "a department user needs a department",
        T::OnlyDepartmentUsersBelongTo => "only department users belong to a department",
        T::OrgFileIsNotValid => "the org file is not valid: {0}{1}",
        T::Entry => "[{0}] entry {1}: {2}",
        T::VillageNeedsItsTownshipParent => "a village needs its township (parent)",
        T::PersonNameField => "name",
        T::PositionField => "position",
        T::PortfolioField => "portfolio",
        T::RoleField => "role",
        T::StaffNumberField => "staff number",
        T::CenterField => "center",
        T::PlaceField => "place",
        T::Parent => "parent",
        T::EnterMobileNumber => "enter a mobile number",
        T::HasCharactersOtherThanDigits => {
            "“{0}” has characters other than digits; a mobile number is 11 digits"
        }
        T::MobileNumberHas11Digits => "a mobile number has 11 digits, this has {0}",
        T::MobileStartsWith13To19 => "a mobile number starts with 13 to 19; check it",
        T::IdProvinceCodeInvalid => {
            "An ID number starts with a province code (11 Beijing, 22 Jilin, 44 Guangdong …); {0} is none: check the card and type it again"
        }
        T::IDNumberHas18Characters => "an ID number has 18 characters, this has {0}",
        T::First17CharactersOfID => "the first 17 characters of an ID number are digits",
        T::LastCharacterOfIDNumber => "the last character of an ID number is a digit or X",
        T::BirthDateInIdInvalid => "the birth date “{0}” in characters 7–14 is not a real date",
        T::BirthDateIsInFuture => "the birth date {0} is in the future",
        T::BirthDateIsBefore1900 => "the birth date is before 1900",
        T::CheckCharacterDoesNotMatch => {
            "the check character does not match (expected {0}); check each digit"
        }
        T::CannotRegisterPetitionsClerkOr => {
            "a {0} cannot register petitions; a clerk or director can"
        }
        T::OnlyAdministratorMayChangeReference => "only an administrator may change reference data",
        T::RosterIsKeptByCenter => "the roster is kept by the center",
        T::DrawsAndDeliberationsAreRun => "draws and deliberations are run by the center's desk",
        T::VisitCalendarIsKeptBy => "the visit calendar is kept by the center",
        T::OnlyDirectorOrAdministratorChanges => {
            "only the director or an administrator changes visit settings"
        }
        T::KeptByCenterAndCommunities => "kept by the center and communities",
        T::StaffNumberIs1To => "a staff number is 1 to 16 letters or digits",
        T::PINIs4To12 => "a PIN is 4 to 12 digits",
        T::TermEndsBeforeItStarts => "the term ends before it starts",
        T::Already => "already {0}",
        T::HoursMustBeNumberSuch => "hours must be a number such as 2 or 1.5",
        T::HoursMustBeBetween0 => "hours must be between 0.5 and 100",
        T::SexField => "sex",
        T::CauseField => "reason",
        T::TopicField => "topic",
        T::TypeAtLeastTwoChinese => {
            "type at least two Chinese characters, or name initials such as zs"
        }
        T::TypeWordsTicketNumberOr => "type words, a ticket number or name initials",
        T::MustNotBeEmpty => "must not be empty",
        T::CharacterIsControlCharacterU => {
            "character {0} is a control character (U+{1}); remove it"
        }
        T::MustBeSingleLineRemove => "must be a single line; remove the line break",
        T::AtMostCharactersHasRemove => "at most {0} characters, has {1}; remove {2}",
        T::NewDateIsInPast => "the new date {0} is in the past",
        T::SubstituteMustBeAnotherLeader => "the substitute must be another leader",
        T::HalfIs1Or2 => "half is 1 or 2",
        T::NewDate => "new date",
        T::ThisVisitAlreadyHasIts => "this visit already has its outcome",
        T::ThisVisitIsRecordedAs => "this visit is recorded as not held",
        T::ThisVisitHasNoLeader => "this visit has no leader: staff it first",
        T::VisitIsOnItCannot => "the visit is on {0}: it cannot be held yet",
        T::RecordVisitAsHeldFirst => "record the visit as held first",
        T::ThisVisitWasNotHeld => "this visit was not held: nobody reports at it",
        T::MembersArePickedAtCommunity => "members are picked at community visits",
        T::PickToMembers => "pick {0} to {1} members",
        T::KeymapIsNotValid => "{0}: keymap is not valid: {1}",
        T::UnknownSectionUse => "{0}: unknown section “{1}”; use {2}",
        T::LineHasNoCommandUse => "{0} line {1}: [{2}] has no command “{3}”; use {4}",
        T::KeymapSectionProblem => "{0}: [{1}] {2}",
        T::HasEmptyKey => "{0}: [{1}] has an empty key",
        T::KeyIsBoundTwiceOr => "{0}: [{1}] key {2} {3} ({4} / {5})",
        T::UnknownFormatUseCsvOr => "unknown format “{0}”; use csv or xlsx",
        T::CouldNotWriteXLSX => "could not write XLSX: {0}",
        T::MoreRowsThanXLSXSheet => {
            "more rows than an XLSX sheet holds; narrow the dates or use csv"
        }
        T::NoStateUseOneOf => "no state “{0}”; use one of: {1}",
        T::IsNotTicketNumberLike => "“{0}” is not a ticket number like 2026-000123",
        T::NotFound => "{0} not found",
        T::CannotRead => "{0}: cannot read ({1})",
        T::UseCsvOrXlsxFile => "{0}: use a .csv or .xlsx file",
        T::ThisVisitHasNoLeaderStaff => "this visit has no leader: staff it before the notice",
        T::NoLeaderOneOf => "no leader “{0}”; one of: {1}",
        T::NoMember => "no member “{0}”",
        T::MembersAreCalledUseId => "{0} members are called “{1}”; use the id: {2}",
        T::NoSuchTicket => "no such ticket",
        T::OnlyTicketAwaitingDeliberationCan => {
            "only a ticket awaiting deliberation can have a draw or a hearing"
        }
        T::NotInPool => "not in the pool",
        T::NoDraw => "no draw {0}",
        T::NoHearing => "no hearing {0}",
        T::ChooseRepresentativesWhoTookPart => "choose the representatives who took part",
        T::NoSuchPhase => "no such phase",
        T::NoSuchQuestion => "no such question",
        T::NoSuchOption => "no such option",
        T::Terms => "terms",
        T::ExplanationNoteField => "note",
        T::LocationField => "place",
        T::HostField => "host",
        T::RecordNoteField => "note",
        T::ReasonForCorrection => "reason for the correction",
        T::GroundsField => "reason",
        T::TheseRowsWereImportedOn => {
            "these {2} rows were imported on {0} by {1}; nothing was imported again. Import only the new rows."
        }
        T::NoCommunityOrVillage => "no community or village “{0}”",
        T::NoSuchMember => "no such member",
        T::NoSuchHousehold => "no such household",
        T::NoWish => "no wish {0}",
        T::RecordNotesField => "notes",
        T::WishField => "wish",
        T::IsNotSuqiuDatabaseIt => {
            "{0} is not a suqiu database (it has other tables); nothing was written"
        }
        T::AlreadyExists => "“{0}” already exists",
        T::NoNamedAddItFirst => "no {0} named “{1}”; add it first",
        T::VillageNeedsItsTownship => "a village needs its township",
        T::LimitsAreEditedNotDeactivated => "limits are edited, not deactivated",
        T::NoSuchRow => "no such row",
        T::DefaultLimitCannotBeDeleted => "a default limit cannot be deleted, only changed",
        T::NewAccountNeedsInitialPin => "new account {0} needs an initial pin in the file",
        T::TownshipField => "township",
        T::CenterShortField => "center",
        T::DepartmentField => "department",
        T::NoCommunityOrVillageAddIt => "no community or village “{0}”",
        T::NoSuchRepresentative => "no such representative",
        T::CouldNotHashPIN => "could not hash the PIN: {0}",
        T::WrongStaffNumberOrPIN => {
            "wrong staff number or PIN ({0} wrong in a row lock the account for {1} minutes)"
        }
        T::ThisAccountIsDeactivatedAsk => "this account is deactivated; ask an administrator",
        T::TooManyWrongPINsAccount => "too many wrong PINs; the account is locked until {0}",
        T::N5WrongPINsInRow => "5 wrong PINs in a row: the account is locked for {0} minutes",
        T::NoActiveStaffNumber => "no active staff number {0}",
        T::CenterIsAlreadySetUp => "the center is already set up",
        T::NewAccountNeedsInitialPIN => "a new account needs an initial PIN",
        T::StaffNumberIsTaken => "staff number {0} is taken",
        T::YouCannotDeactivateYourOwn => "you cannot deactivate your own account",
        T::CommandLineHasNoPIN => "the command line has no PIN",
        T::CurrentPINIsWrong => "the current PIN is wrong",
        T::RegisteringUserMustBelongTo => "the registering user must belong to a center",
        T::FirstHandlerMustBeActive => "the first handler must be an active clerk or director",
        T::FirstHandlerMustBeServing => "the first handler must be a serving district leader",
        T::FirstHandlerHeadField => "first handler",
        T::NoVisit => "no visit {0}",
        T::NoticePeriodIsToDays => "the notice period is {0} to {1} days",
        T::OnlyKeySelectedMembersLive => "only {0} key-selected members live here",
        T::InterviewNotesField => "notes",
        T::CityLeaderField => "city leader",
        T::ReportField => "report",
        T::InField => "{0}: {1}",
        T::AtPlace => "{0}: {1}",
        T::ContactDateField => "the contact date",
        T::FulfilledOnField => "the date fulfilled",
        T::KindField => "kind",
        T::LevelField => "level",
        T::PhaseField => "phase",
        T::UrgencyField => "urgency",
        T::DayKind => "day kind",
        T::ChosenByField => "chosen by",
        T::AnswerField => "answer",
        T::ExplanationContentField => "explanation",
        T::PoolIsNotInCanonical => "the pool is not in canonical order",
        T::NthStrikeOverAllowance => "strike {0} is over the allowance",
        T::NthStrikeReplacement => "the replacement of strike {0}",
        T::HouseholdKindField => "household kind",
        T::RecordPlace => "record {0}",
        T::RowPlace => "row {0}",
        T::KeyBoundTwice => "is bound twice",
        T::KeyPrefixOfSequence => "is the start of another sequence",
        T::RegisteredWord => "Registered",
        T::DrawPoolFrozen => "Draw: pool frozen",
        T::DrawRevealed => "Draw: revealed",
        T::DrawStrike => "Draw: strike",
        T::DrawFinal => "Draw: final",
        T::HearingPlanned => "Hearing planned",
        T::HearingAbsence => "Hearing: absence",
        T::HearingOpened => "Hearing opened",
        T::HearingNotes => "Hearing: notes",
        T::HearingQuestionsFixed => "Hearing: questions fixed",
        T::HearingVote => "Hearing: vote",
        T::HearingVoteCorrected => "Hearing: vote corrected",
        T::HearingClosedWord => "Hearing closed",
        T::ReceivedAtLeaderSVisit => "Received at a leader's visit",
        T::VisitHeld => "Visit held",
        T::VisitNotHeld => "Visit not held",
        T::VisitLeaderCannotAttend => "Visit: leader cannot attend",
        T::VisitMembersPicked => "Visit: members picked",
        T::VisitWithCityLeader => "Visit: with a city leader",
        T::VisitWithdrawnByNewPlan => "Visit withdrawn by a new plan",
        T::VisitNoticePosted => "Visit notice posted",
        T::RaisedByPartyMember => "Raised by a Party member",
        T::HouseholdAssigned => "Household assigned",
        T::WishAdded => "Wish added",
        T::WishUpdatedWord => "Wish updated",
        T::RepresentativeAddedWord => "Representative added",
        T::ImportStarted => "Import started",
        T::ImportFinished => "Import finished",
        T::RecordWord => "Record",
        T::ClassificationWord => "classification",
        T::DecisionWord => "decision",
        T::DepartmentWord => "department",
        T::DeadlineWord => "deadline",
        T::ResolutionWord => "resolution",
        T::EvaluationWord => "evaluation",
        T::MethodWord => "method",
        T::By => "by",
        T::DaysWord => "days",
        T::Approved => "approved",
        T::Into => "into",
        T::AnswerWord => "answer",
        T::TopicWord => "topic",
        T::NextWord => "next",
        T::RepeatOf => "repeat of",
        T::PlanWord => "plan",
        T::OutcomeWord => "outcome",
        T::PoolSize => "pool size",
        T::WithoutMajority => "without a majority",
        T::PanelSizeWord => "panel size",
        T::AnsweredOnSpot => "answered on the spot",
        T::RegisteredAsPetition => "registered as a petition",
        T::Agreement => "agreement",
        T::ToHearing => "to a hearing",
        T::BackToIssue => "back to issue",
        T::ApprovedWord => "approved",
        T::Refused => "refused",
        T::SignOff => "sign-off",
        T::Paren => "{0} ({1})",
        T::LabelValue => "{0}: {1}",
        T::MatchScore => " · match {0}",
        T::HouseholdsInCare => "{0} households in care",
        T::SupervisedDepartment => "{0} (supervision)",
        T::Applicant => "Applicant",
        T::Respondent => "Respondent",
        T::ForAgainst => "for/against",
        T::AnotherLeaderStandsIn => "another leader stands in",
        T::NotSignedIn => "not signed in",
        T::StaleTextKept => {
            "{0} was changed by {1} at {2} on another desk; nothing was saved. What you typed is still here; reading the other desk's change…"
        }
        T::StaleApplyOnTop => {
            "Another desk changed this ticket: {0}. Everything you typed is still here: check it, then {1} saves it on top of that change, or Esc discards it."
        }
        T::StaleMoveNoLongerPossible => {
            "Another desk changed this ticket: {0}. {1} What you typed is still here to copy; Esc closes the form."
        }
        T::ChangedOnAnotherDesk => {
            "{0} was changed by {1} at {2} on another desk; reloaded, check it and try again"
        }
        T::NewerSchema => {
            "the database is at schema version {0}, newer than this suqiu's {1}: upgrade suqiu. Nothing was written."
        }
        T::BusyNotSaved => {
            "another desk kept the database busy: this save waited and was not written; your input is still here, save again in a moment"
        }
        T::DiskFullNotSaved => {
            "The disk (or the database file's size limit) is full: nothing was written and your input is still here. Ask the administrator to free disk space, then press Ctrl-S again"
        }
        T::ReadOnlyNotSaved => {
            "The database file is read-only (read-only medium or permissions): nothing was written and your input is still here. Ask the administrator to check the file's permissions, then press Ctrl-S again"
        }
        T::ProgressDemo => "Loading the demonstration data",
        T::ProgressTickets => "Writing petitions",
        T::ProgressAudit => "Verifying the audit chain",
        T::ProgressExport => "Exporting",
        T::ProgressImport => "Importing",
        T::ProgressKeysWait => "Keys do nothing until this is done; please wait",
        T::TypedAfterSaveNotRun => {
            "Saved; the characters typed right after were not run as commands (pause a moment before a command key)"
        }
        T::DueBeyondTheCatalogue => {
            "The deadline {0} is {2} days later than the catalogue's deadline {1}"
        }
        T::DueInAYearWithoutHolidayData => {
            "There is no official holiday data for {0} yet: working days are counted Monday to Friday, and a holiday may fall within the deadline"
        }
        T::KeepThisDeadline => "Issue with this deadline anyway? (n/Esc to go back and change it)",
        T::NotYetIssued => "Not yet issued",
        T::IssuedAt => "Issued at",
        T::LatestInstruction => "Latest instruction",
        T::ExtensionDaysAsked => "{0} working days asked",
        T::ExtensionApproved => "approved",
        T::ExtensionRefused => "refused",
        T::FormRoundsHeading => "3. Handling, feedback and evaluation (买单 · 签单)",
        T::NoRoundYet => "Not yet dispatched",
        T::RoundHeading => "({0}) Round {1}",
        T::SupervisionHeading => "({0}) Leader's supervision",
        T::BackToTheSameDepartment => "{0} (dissatisfied at feedback: back to the same department)",
        T::RoundOnTime => "Yes: result reported {0}, deadline {1}",
        T::RoundLate => "No: result reported {0}, {2} days after the deadline {1}",
        T::RoundOpenWithin => "No result yet; deadline {0}",
        T::RoundOpenLate => "No result yet; {1} days past the deadline {0}",
        T::OnTimeLabel => "On time",
        T::FormOutcomeHeading => "4. Outcome",
        T::RoundsLabel => "Rounds",
        T::RoundsCount => "{0} in all",
        T::Supervised => "Leader's supervision",
        T::YesShort => "yes",
        T::FinalEvaluation => "Final evaluation",
        T::ClosedAtLabel => "Closed at",
        T::MergedIntoNumber => "merged into {0}",
        T::OutcomeLabel => "Outcome",
        T::NotClosedYet => "Not closed yet",
        T::PrintedTo => "Written to {0} (A4 PDF; the .txt of the same name is the text)",
        T::PrintedAsTextNoCjkFont => {
            "No CJK font found on this computer (Noto Sans CJK, Source Han Sans, SimSun or WenQuanYi): no PDF was made, the text is in {0}; ask the administrator to install fonts-noto-cjk and print again"
        }
        T::NoCjkFontForPdf => {
            "No CJK font found on this computer (Noto Sans CJK, Source Han Sans, SimSun or WenQuanYi), so no PDF can be made: install fonts-noto-cjk, or write text (.txt) instead"
        }
        T::PortfolioCategoriesField => "portfolio categories",
        T::LiaisonField => "liaison",
        T::Liaison => "Liaison",
        T::PortfolioCategories => "Categories (separated by 、)",
        T::NoSuchPortfolioCategory => {
            "portfolio category “{0}” is not a petition category: use a name from the categories table"
        }
        T::SubstituteIsBooked => {
            "{0} is already booked then ({1} {2}): a leader cannot receive at two places at once; choose another leader or another date"
        }
        T::Clash => "clash",
        T::ClashWith => "Booked elsewhere at the same time: {0}",
        T::OutsidePortfolio => "outside portfolio · center follows up",
        T::ArrangedByField => "arranged by (组织部)",
        T::ArrangedOnField => "arranged on",
        T::SubstituteField => "substitute",
        T::PressAToChangeTheSubstitute => " (press a to choose another substitute)",
        T::ExplanationOrSelfCriticism => "Explanation",
        T::NotYetExplained => "(not yet explained)",
        T::ExplainMissedVisit => "Explanation of a missed visit",
        T::OnlyAMissedVisitIsExplained => {
            "only a visit not held or left without a leader is explained"
        }
        T::ExplanationRecordedVisit => {
            "explanation recorded: the half-year report and the year-end review show it"
        }
        T::NotYetExplainedPressE => "not yet explained (press E)",
        T::LedgerMonthNotOver => {
            "the month of {0} is not over: a ledger summary is submitted after its month"
        }
        T::ReviewerMustBePrincipal => {
            "the reviewer must be a principal district leader (区委书记 or 区长)"
        }
        T::SummaryNotSubmittedYet => "this ledger summary is not submitted yet",
        T::SummaryAlreadyReviewed => "this ledger summary is already reviewed",
        T::SummaryAlreadySubmitted => "this ledger summary was submitted on {0} by {1}",
        T::NotYourCommunityLedger => "you can see only your own community's (township's) ledger",
        T::CommunityLedgers => "Ledgers",
        T::SummaryDue => "due",
        T::SummarySubmitted => "submitted",
        T::SummaryReviewed => "reviewed",
        T::SummarySubmittedMsg => "summary submitted, to be reviewed by a principal leader",
        T::SummaryReviewedMsg => "review recorded (in the leader's name)",
        T::HearingRecorded => "recorded: the half-year report was heard",
        T::ReviewerField => "reviewer",
        T::ReviewCommentsField => "review comments",
        T::MeetingField => "meeting",
        T::HeardOnField => "heard on",
        T::RemarksField => "remarks",
        T::HalfHeard => "Heard: {0} {1} ({2})",
        T::HalfNotHeard => "Heard: not recorded yet",
        T::NoLedgerSummaries => "no ledger summaries (a month's appear once it is over)",
        T::OnlyTheDirectorRecordsReviews => {
            "a leader's review is recorded by the center's director, in the leader's name"
        }
        T::DateIsInTheFuture => "{0} has not come yet: give a date that has passed",
        T::HalfHeardTitle => "Half-year report heard",
        T::SummaryAlreadySubmittedShort => "this summary is already submitted",
        T::ChooseALedgerSummary => "choose a summary in the ledgers view first",
        T::RecordedAt => "recorded",
        T::LedgerKeysDue => "s submit this month's summary · H half-year report heard",
        T::LedgerKeysSubmitted => "w record the principal leader's review",
        T::LedgerKeysReviewed => "reviewed · H half-year report heard",
        T::DateTo => "–",
        T::MonthColumn => "Month",
        T::ReceiptWrittenTo => "; receipt written to {0}",
        T::NoMemberPickYet => "no members were picked at this visit yet",
        T::MemberIsRetired => "this member has retired",
        T::MemberHasNoHomeCommunity => {
            "this member has no home community: set it first, then register"
        }
        T::SayHowTheMemberWasSelected => {
            "choose how the member was selected: 自荐, 支部推荐 or 党委决定"
        }
        T::InspectionSize => "an inspection draws {0} to {1} members",
        T::UnitHasTooFewMembers => "the unit has only {0} serving members, fewer than {1}",
        T::MemberRegistered => "registered with the community",
        T::MemberChanged => "change recorded (kept in the history; the 40 % share follows)",
        T::InspectionDrawn => "drawn at random: {0}; receipt written to {1}",
        T::FindingsRecorded => "findings recorded",
        T::MeetingRecorded => "quarterly meeting recorded",
        T::OversightRecorded => "recorded in the oversight log",
        T::NoSuchInspection => "no inspection {0}",
        T::Unregistered => "not registered",
        T::AddedToVisitAgenda => "; on the agenda of the visit on {0}",
        T::NoVisitToComeForAgenda => {
            "; no visit to that community is planned: refer it to the leader otherwise"
        }
        T::VisitAgenda => "Agenda (hard problems from members)",
        T::FindingsField => "findings",
        T::QuarterIs1To4 => "the quarter is 1 to 4",
        T::NotThisMembersHousehold => "this household is not one the member serves now",
        T::HardProblem => "Especially hard (to the leader's next visit)",
        T::HardProblemYes => "yes: on the agenda of the next visit there",
        T::RegisterWithCommunity => "Register with the community",
        T::RegisteredOn => "registered on",
        T::KeySelection => "key-selection",
        T::KeySelectedYes => "key-selected",
        T::KeySelectedNo => "no longer key-selected",
        T::SelectedHow => "how selected",
        T::ChangedOn => "date of the change",
        T::RetireMember => "retire",
        T::EditMember => "edit the member",
        T::EndAssignment => "end an assignment",
        T::MemberServesNoHousehold => "this member serves no household now",
        T::SelectAUnitFirst => "select a unit in the units list first",
        T::RandomInspection => "random inspection of diaries",
        T::HowManyMembers => "how many members",
        T::NoInspectionYet => "no inspection of this unit yet (press i)",
        T::QuarterlyMeeting => "quarterly meeting",
        T::QuarterShort => "quarter",
        T::HeldOn => "date",
        T::OversightLog => "oversight log",
        T::OversightByField => "by",
        T::HouseholdShort => "household",
        T::UnitUnregistered => "not registered",
        T::UnitWithoutContact => "no contact",
        T::UnitMeeting => "meeting",
        T::UnitInspection => "inspection",
        T::MemberHistory => "history",
        T::NotYetQ => "not held this quarter (press q)",
        T::FindingsToRecordF => "findings to record (press f)",
        T::UnitKeys => "i inspect · f findings · q quarterly meeting · o oversight",
        T::NoUnitOneOf => "no unit “{0}”: one of {1}",
        T::OneChangeAtATime => {
            "one change at a time: --how, --unselect, --retire or --end-household"
        }
        T::UnknownOversightKind => "“{0}” is not one of the choices",
        T::LedgerSummaryDiffers => {
            "a ledger summary disagrees with the audit log: {0} (changed outside suqiu)"
        }
        T::RegistrationDiffers => {
            "a member's registration disagrees with the audit log: {0} (changed outside suqiu)"
        }
        T::DatabaseError => "database error: {0}",
        T::FileError => "file error: {0}",
        T::MigrationFailed => "migration failed: {0}",
        T::UnknownStoredValue => "{0} row {1}: {2} “{3}” is not a known value",
        T::NoWorksheet => "no worksheet",
        T::NotAWorkbookResave => {
            "not a workbook that can be read (the file may be damaged, or its extension may not match its contents); open it in Excel or WPS and save it as .xlsx or “CSV UTF-8”, then import that"
        }
        T::TextEditingKeys => "Editing keys in a text field",
        T::TextEditingKeysList => {
            "←/→ Home/End|Move the cursor (Ctrl-A / Ctrl-E: line start / end)\nBackspace/Delete|Delete the character before / after\nCtrl-W|Delete the word before the cursor\nCtrl-U|Delete back to the line's start\nCtrl-K|Delete to the line's end\nCtrl-Z|Undo the last edit\npaste|Text pasted in the terminal goes in as it is (text committed by an input method likewise)\nEnter|Next field (a new line in a multi-line field)\n?|Types a question mark in a text field; help is F1"
        }
        T::NotUtf8SaveAsCsvUtf8 => {
            "in no encoding suqiu reads (UTF-8, UTF-16 or GB18030/GBK); in Excel, save as “CSV UTF-8”"
        }
        T::RowSays => "row {0}: {1}",
        T::FileIsEmpty => "the file is empty",
        T::HeaderLacksUseTemplate => {
            "row 1 (the header) lacks the columns {0}; start from the file suqiu roster template writes"
        }
        T::HeaderLacksSeeDocs => {
            "row 1 (the header) lacks the columns {0}; the columns of {1} are in docs/sanjin-files.md"
        }
        T::MemberListFile => "a member list",
        T::HouseholdListFile => "a household list",
        T::NoRepresentativesInFile => "the file holds no representatives",
        T::NoMembersInFile => "the file holds no members",
        T::NoHouseholdsInFile => "the file holds no households",
        T::RowColumnProblem => "row {0} {1}: {2}",
        T::NoSuchCommunityAdmin => "no community or village “{0}” (Admin → Communities)",
        T::RowMemberOnFile => "row {0}: {1} ({2}) is already on file",
        T::RowMemberTwice => "row {0}: {1} ({2}) appears twice in the file",
        T::AlreadyOnFile => "“{0}” is already on file",
        T::TwiceInFile => "“{0}” appears twice in the file",
        T::FileTooLargeToImport => {
            "the file is {0} MB, over the import limit of {1} MB; split it into several files"
        }
        T::TooManyRowsToImport => {
            "more than {0} rows, the import limit; split it into several files"
        }
        T::DatabaseReadableByOthers => "others can read the database file (chmod 600)",
        T::NoDatabaseAt => {
            "no database at {0}; check --db, or make one with suqiu --db {0} init (or init --demo)"
        }
        T::PinTooEasyToGuess => {
            "that PIN is too easy to guess (one digit repeated, or consecutive digits); choose another"
        }
        T::UnknownStaffNumber => "(unknown staff number)",
        T::SignedOutAfterIdle => "signed out after {0} minutes without a key; sign in again",
        T::VoteChoiceWord => "vote",
        T::QuestionWord => "question",
        T::WouldLeaveNoAdministrator => {
            "that would leave no active administrator; nothing was changed — make someone else an administrator first"
        }
        T::AuditSeqNotAfter => {
            "sequence number {0} is not after the previous one, {1} (events reordered or repeated)"
        }
        T::AuditPrevHashMalformed => "the previous hash is malformed",
        T::AuditPrevHashDiffers => {
            "the previous hash does not match the event before (an event was deleted, inserted or changed)"
        }
        T::AuditHashMalformed => "the hash is malformed",
        T::AuditColumnNotText => "its column {0} is not text (changed outside suqiu)",
        T::AuditHashDiffers => "the content does not match its hash (this event was changed)",
        T::AuditUnknownVersion => {
            "unknown chain version {0} (written by a later suqiu, or changed)"
        }
        T::AuditVersionGoesBack => {
            "a version {0} event follows version {1} (someone rewrote events in the old form)"
        }
        T::AuditUpgradeMissing => {
            "the first version 2 event must be the chain upgrade naming the last version 1 event (event {0}) and its hash"
        }
        T::AnchorMalformed => {
            "anchor \"{0}\" is malformed: write number:hash (64 hex digits), e.g. 1234:5e6dc2…"
        }
        T::AnchorMissing => {
            "anchor {0} fails: event {0} is no longer in the log (it ends at event {1}; later events were deleted)"
        }
        T::AnchorDiffers => {
            "anchor {0} fails: event {0} now hashes to {1}, the anchor says {2} (the log was rewritten or re-hashed)"
        }
        T::AnchorsHold => "{0} anchors match the log",
        T::AuditHeadFooter => {
            "# Audit head: event {0} {1} (when made). Check: suqiu audit verify --anchor {0}:{1}"
        }
        T::AuditLogIsEmpty => "the audit log has no events yet",
        T::AnchorSlipTitle => "Audit chain anchor slip",
        T::AnchorSlipBody => {
            "Database: {0}\nMade: {1}\nAudit head: event {2}\nHash: {3}\nChain check: {4}\n\nFile this slip. Anyone can later run\n  suqiu audit verify --anchor {2}:{3}\nIf event {2} was deleted or changed, or the whole chain re-hashed, the check fails naming this anchor.\n\nFiled by (signature): ______________  Date: ____-__-__\nChecked by (signature): ____________  Date: ____-__-__\n"
        }
        T::ReplayDiffers => {
            "{0}: its {1} is now \"{2}\", but its audit history ends in \"{3}\" (the row was changed without an event)"
        }
        T::ReplayImpossibleStep => "{0}: event {1} ({2}) cannot lead from \"{3}\" to \"{4}\"",
        T::ReplayDisjointStep => {
            "{0}: event {1} starts from \"{2}\", but the history before it ends in \"{3}\""
        }
        T::ReplayNoHistory => {
            "{0}: the audit log has no event for it (the row was written outside suqiu)"
        }
        T::ReplayNoRow => {
            "{0}: event {1} of the audit log records it, but the row is gone (deleted)"
        }
        T::ReplayAgrees => {
            "replay agrees: {0} tickets, {1} draws, {2} votes, {3} visits and {4} assignments match their audit history"
        }
        T::ReplayDisagrees => "replay found {0} rows that disagree with their audit history:",
        T::ReplayTicket => "ticket {0}",
        T::ReplayDraw => "draw {0}",
        T::ReplayVote => "vote {1} of hearing {0}",
        T::ReplayVisit => "visit {0}",
        T::ReplayAssignment => "assignment {0} (member {1})",
        T::ReplayUnknownKind => "{0}: event {1} records a move \"{2}\" the flow does not have",
        T::FieldState => "state",
        T::FieldSeed => "seed",
        T::FieldPoolHash => "pool hash",
        T::FieldNonceCommitment => "nonce commitment",
        T::FieldReceiptHash => "receipt hash",
        T::FieldStrikes => "strikes",
        T::FieldVote => "vote",
        T::FieldHousehold => "household",
        T::ReceiptDiffersFromItsEvent => {
            "the receipt of draw {0} disagrees with the audit log: its checksum is {1}, the final event recorded {2} (the receipt was changed after it was made final)"
        }
        T::ReceiptMatchesTheDatabase => {
            "matches the receipt of draw {1} kept in {0} and its final audit event"
        }
        T::ReceiptCheckedAlone => "(no database at {0}: the receipt was checked on its own)",
        T::SamePersonOnRoster => {
            "{0} is on the roster already (no. {1}): one person is one representative (the same resident ID, or the same name and mobile); change that record instead"
        }
        T::NoSuchRepNumber => "no representative has no. {0}: leave 编号 empty for a new one",
        T::SameRowTwice => "the same person or number as row {0}: one row per person",
        T::TrainingHoursAreRecorded => {
            "training hours say {0}, the records add up to {1}: hours are counted from the trainings recorded; record a training instead of changing this column"
        }
        T::ChangedByRosterImport => "roster import",
        T::IdNumberField => "resident ID",
        T::SamePersonAsNumber => "the same person as no. {0}",
        T::PartyCommitmentField => "a party's input does not match its commitment",
        T::ReceiptLinesDiffer => {
            "a line of the receipt does not follow from the draw (line {0}: \"{1}\"): the receipt was changed"
        }
        T::RestedFromThePool => "resting: sat in {0} hearings in the last 12 months",
        T::PartyCommitmentNotRecorded => {
            "the commitment of {0} was not recorded, or does not match its input: let that party type again"
        }
        T::NonceDoesNotMatchItsCommitment => {
            "the desk's nonce does not match the commitment shown: this draw cannot be revealed; draw again"
        }
        T::NoAlternateKeepsMinimum => {
            "no alternate keeps \"{0}\": without this member the hearing cannot sit; postpone it or draw again"
        }
        T::AFinalDrawStands => {
            "this case has a final {1} draw (draw {0}): a final draw stands. To draw again, the director must void it with a reason"
        }
        T::OnlyAFinalDrawIsVoided => "only a final draw is voided; one not made final is abandoned",
        T::DrawAlreadyEnded => "this draw was ended on {0} by {1}: {2}",
        T::DrawHasAHearing => "hearing {0} is planned on this draw: it cannot be voided",
        T::OnlyTheDirectorVoidsADraw => "only the director voids a draw",
        T::AFinalDrawIsNotAbandoned => {
            "the draw is final and cannot be abandoned; the director may void it"
        }
        T::LeftBeforeTheReveal => {
            "left before the reveal (the nonce was only in this desk's memory; it can no longer be revealed)"
        }
        T::EarlierDrawVoided => "voided",
        T::EarlierDrawAbandoned => "abandoned before it was final",
        T::NoReasonRecorded => "no reason recorded",
        T::AReasonIsNeeded => "give a reason",
        T::ThisDrawWasVoided => "this draw was voided; no hearing can be planned on it",
        T::NamedByHandNeedsAReason => {
            "{0} were not drawn for this case: naming mediators by hand needs a reason (指定理由)"
        }
        T::ManualChoiceReason => "Reason for naming by hand",
        T::ManualChoiceHint => "required when a mediator was not drawn (or was replaced)",
        T::NotADrawForThisMediation => "draw {0} is not a mediators' draw this case can use",
        T::WhyField => "reason",
        T::VoidADraw => "Void a draw (director)",
        T::VoidDrawTitle => "Void draw {0} ({1}, {2}): {3}",
        T::AbandonDrawTitle => {
            "Leaving revealed draw {0}: give the reason (audited, and listed on the next draw's receipt)"
        }
        T::DrawAbandonedSaid => "recorded: draw {0} abandoned",
        T::DrawVoidedSaid => {
            "draw {0} voided: a new draw may be made, and its receipt lists this one and why"
        }
        T::NothingToVoid => "this case has no final draw to void",
        T::MembersWerePicked => {
            "members to report were picked for this visit at {0}: {1}. A pick stands; to pick again the director must give the reason for voiding it"
        }
        T::VoidReasonDirectorOnly => {
            "reason for voiding the earlier pick (director only, when members were picked)"
        }
        T::OfWhichNamedByHand => " ({0} named by hand)",
        T::SignInNeeded => {
            "this command acts as a staff member: add --staff NUMBER (or set SUQIU_STAFF); the PIN is typed at the terminal (SUQIU_PIN for scripts); the demo's accounts are in the README"
        }
        T::PinPrompt => "PIN (not shown): ",
        T::FirstAdministratorNeeded => {
            "a new database needs its first administrator: suqiu init --center NAME --staff NUMBER --name NAME (the PIN at the terminal, or SUQIU_PIN); or suqiu init --demo"
        }
        T::CreatedWithAdministrator => {
            "created {0}: {1}, administrator {2} (staff number {3}). Next: suqiu org load ORG-FILE --staff {3}"
        }
        T::OnlyAnAdministratorGenerates => {
            "only an administrator generates trial data (suqiu gen writes many tickets)"
        }
        T::DepartmentUsersSeeTheirTickets => {
            "a department account sees and handles its own department's tickets only: the roster, the visits and the members' work are kept by the center and the communities"
        }
        T::TallyDiffers => {
            "The tallies disagree with the tickets: center {0}, department {1}, “{2}” records {3}, there are {4} (the tallies were changed outside suqiu)"
        }
        T::ReturnTallyDiffers => {
            "The return tally disagrees with the audit log: department {0} records {1}, the log has {2}"
        }
        T::DispatchFactsDiffer => {
            "The review's dispatch table disagrees with the audit log: {0} tickets' dispatches differ from those recomputed from the log (e.g. {1}). It was changed outside suqiu; the reports read it, so run suqiu audit rebuild-figures to rebuild it from the log"
        }
        T::DepartmentDaysDiffer => {
            "The review's daily figures disagree with the dispatches: {0} (unit, day) figures differ from those recomputed from the dispatches (e.g. {1}). They were changed outside suqiu; the reports read them, so run suqiu audit rebuild-figures to rebuild them"
        }
        T::NoSuchReviewException => {
            "The year's review has no exception “{0}”; the exceptions to explain: {1}"
        }
        T::AnnualOneSubjectPerFile => {
            "Name one leader (--leader NAME) or one department (--department NAME)"
        }
        T::NoSuchLeaderOrDepartment => {
            "No leader or department is named “{0}” (use the full name of the reference data)"
        }
        T::ExplanationDiffers => {
            "A year-end review's explanation disagrees with the audit log: {0}, exception “{1}” (changed outside suqiu)"
        }
        T::ExplanationRecorded => "Explanation recorded (in the audit log): {0}",
        T::DispatchFactsRebuilt => {
            "Rebuilt the review's dispatch table from the audit log: {0} tickets, {1} dispatches"
        }
        T::OpenSearchDiffers => {
            "The open-ticket search index disagrees with the tickets: {0} open tickets are missing from it, {1} entries are not open tickets"
        }
        T::GenDaysAtLeastOne => {
            "--days must be at least 1 (the tickets are spread over that many days before now)"
        }
        T::LedgerListsNewest => "; the newest {0} listed (export for all)",
        T::LevelListsByDeadline => {
            "Filtered by deadline level, tickets are listed by deadline (clear the filter to sort otherwise)"
        }
    }
}
