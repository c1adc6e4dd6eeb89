//! 评理大会: the hearing's phases, the questions put to the vote, and the tally.
//!
//! The result is a moral judgement (道德法庭), not a court ruling. Votes stay hidden until every
//! present member has voted; the majority is of the votes cast, abstentions are recorded but not
//! counted; a recorded vote is never edited, a correction is a new vote that supersedes it.

mod life;
pub use life::*;

use super::Problem;
use super::text::clean_input;
use super::vocab::Lang;
use crate::text::T;

/// The phases of a hearing, in order.
pub const PHASES: &[(&str, &str, &str)] = &[
    ("statement", "陈述", "Statements"),
    ("evidence", "举证质证", "Evidence and challenge"),
    ("debate", "辩论", "Debate"),
    ("deliberation", "评议", "Deliberation"),
];

pub fn phase_label(code: &str, lang: Lang) -> &str {
    PHASES
        .iter()
        .find(|p| p.0 == code)
        .map(|p| lang.pick(p.1, p.2))
        .unwrap_or(code)
}

/// What happens when no option has a majority of the votes cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// 未形成多数意见 (the default).
    NoMajority,
    /// The option with the most votes, unless two or more share the most.
    Plurality,
}

impl TieRule {
    pub fn code(self) -> &'static str {
        match self {
            TieRule::NoMajority => "no_majority",
            TieRule::Plurality => "plurality",
        }
    }
    pub fn from_code(s: &str) -> Option<TieRule> {
        match s {
            "no_majority" => Some(TieRule::NoMajority),
            "plurality" => Some(TieRule::Plurality),
            _ => None,
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TieRule::NoMajority => T::NoMajorityNoOpinion.get(lang),
            TieRule::Plurality => T::PluralityATieNoOpinion.get(lang),
        }
    }
}

/// A question put to the vote, with its options (abstention is always possible besides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub text: String,
    pub options: Vec<String>,
}

/// The default question and options.
pub fn default_question() -> Question {
    Question {
        text: "申请人的诉求是否合理".into(),
        options: vec!["支持".into(), "反对".into()],
    }
}

/// Validates a question: text, and 2 to 6 distinct options (one per line or separated by /).
pub fn validate_question(text: &str, options: &str) -> Result<Question, Problem> {
    let text = clean_input(text, 200, false, true).map_err(|p| p.in_field(T::QuestionField))?;
    let opts: Vec<String> = options
        .split(['/', '\n', '、'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !(2..=6).contains(&opts.len()) {
        return Err(Problem::of(T::N2To6OptionsSeparated));
    }
    for (i, o) in opts.iter().enumerate() {
        clean_input(o, 20, false, true).map_err(|p| p.in_field(T::Option))?;
        if o == "弃权" {
            return Err(Problem::of(T::AbstentionIsAlwaysAvailableDo));
        }
        if opts[..i].contains(o) {
            return Err(Problem::fill(T::OptionIsRepeated, &[&o]));
        }
    }
    Ok(Question {
        text,
        options: opts,
    })
}

/// A vote: an option index, or `None` for 弃权.
pub type Choice = Option<usize>;

/// How a vote's choice is recorded in its audit event: the option's text, or `abstain`.
pub fn choice_word(options: &[String], choice: Choice) -> String {
    choice
        .and_then(|c| options.get(c))
        .cloned()
        .unwrap_or_else(|| "abstain".into())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub counts: Vec<u32>,
    pub abstentions: u32,
    pub cast: u32,
    /// The winning option, if any.
    pub winner: Option<usize>,
}

impl Tally {
    pub fn outcome(&self, q: &Question, lang: Lang) -> String {
        match self.winner {
            Some(i) => format!("{}：{}", q.text, q.options[i]),
            None => format!("{}：{}", q.text, T::NoMajorityOpinion.get(lang)),
        }
    }
}

/// Counts the effective votes. A majority is more than half of the votes cast (abstentions are
/// recorded but not counted).
pub fn tally(q: &Question, votes: &[Choice], rule: TieRule) -> Tally {
    let mut counts = vec![0u32; q.options.len()];
    let mut abstentions = 0;
    for v in votes {
        match v {
            Some(i) if *i < counts.len() => counts[*i] += 1,
            _ => abstentions += 1,
        }
    }
    let cast: u32 = counts.iter().sum();
    let max = counts.iter().copied().max().unwrap_or(0);
    let leaders: Vec<usize> = (0..counts.len())
        .filter(|i| counts[*i] == max && max > 0)
        .collect();
    let winner = match (leaders.as_slice(), rule) {
        ([w], _) if 2 * counts[*w] > cast => Some(*w),
        ([w], TieRule::Plurality) => Some(*w),
        _ => None,
    };
    Tally {
        counts,
        abstentions,
        cast,
        winner,
    }
}

/// Whether the tally may be shown: every present member has an effective vote.
pub fn all_voted(present: &[i64], voted: &[i64]) -> bool {
    present.iter().all(|p| voted.contains(p))
}

/// A hearing starts only with a full panel present.
pub fn check_full_panel(panel_size: usize, present: usize) -> Result<(), Problem> {
    if present < panel_size {
        return Err(Problem::fill(
            T::OfMembersPresentReplaceAbsent,
            &[&panel_size, &present],
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> Question {
        default_question()
    }

    #[test]
    fn majority_of_votes_cast_abstentions_not_counted() {
        // 3 support, 2 against, 2 abstain: 3 > 5/2 → support.
        let t = tally(
            &q(),
            &[Some(0), Some(0), Some(0), Some(1), Some(1), None, None],
            TieRule::NoMajority,
        );
        assert_eq!(
            (t.counts.clone(), t.abstentions, t.cast, t.winner),
            (vec![3, 2], 2, 5, Some(0))
        );
        assert_eq!(t.outcome(&q(), Lang::Zh), "申请人的诉求是否合理：支持");
    }

    #[test]
    fn a_tie_is_no_majority() {
        let t = tally(&q(), &[Some(0), Some(1), None], TieRule::NoMajority);
        assert_eq!(t.winner, None);
        assert_eq!(
            t.outcome(&q(), Lang::Zh),
            "申请人的诉求是否合理：未形成多数意见"
        );
        let t = tally(&q(), &[None, None, None], TieRule::NoMajority);
        assert_eq!(t.winner, None);
    }

    #[test]
    fn plurality_only_when_the_rule_says_so() {
        let three = Question {
            text: "方案".into(),
            options: vec!["甲".into(), "乙".into(), "丙".into()],
        };
        let votes = [
            Some(0),
            Some(0),
            Some(1),
            Some(2),
            Some(2),
            Some(0),
            Some(1),
        ];
        // 甲 3 of 7: no majority …
        assert_eq!(tally(&three, &votes, TieRule::NoMajority).winner, None);
        // … but the plurality.
        assert_eq!(tally(&three, &votes, TieRule::Plurality).winner, Some(0));
        assert_eq!(
            tally(&three, &[Some(0), Some(1)], TieRule::Plurality).winner,
            None
        );
    }

    #[test]
    fn questions_are_validated() {
        assert!(validate_question("是否合理", "支持/反对").is_ok());
        assert!(validate_question("是否合理", "支持").is_err());
        assert!(validate_question("是否合理", "支持/支持").is_err());
        assert!(
            validate_question("是否合理", "支持/反对/弃权")
                .unwrap_err()
                .zh()
                .contains("弃权")
        );
        assert!(validate_question(" ", "支持/反对").is_err());
    }

    #[test]
    fn hidden_until_all_present_have_voted_and_a_full_panel_to_start() {
        assert!(!all_voted(&[1, 2, 3], &[1, 3]));
        assert!(all_voted(&[1, 2, 3], &[3, 2, 1]));
        assert!(
            check_full_panel(7, 6)
                .unwrap_err()
                .zh()
                .contains("实到 6 人")
        );
        assert!(check_full_panel(7, 7).is_ok());
    }
}
