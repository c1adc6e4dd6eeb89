//! The pop-ups over the desk: pick lists (with their typed filter) and confirmations.

use crate::app::delib::DelibView;
use crate::app::detail::DetailEffect;
use crate::app::draw::DrawEffect;
use crate::app::form::Val;
use crate::app::hearing::HearingEffect;
use crate::app::visits::VisitsEffect;
use crate::app::{App, ConfirmAction, Effect, PickTarget, Popup};
use crate::domain::flow::{Move, MoveKind};
use crate::keymap::{ConfirmCmd, MenuCmd};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    pub(super) fn menu_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(Popup::Picker(p)) = &mut self.popup else {
            return vec![];
        };
        match k.code {
            KeyCode::Backspace => {
                p.filter.pop();
                p.selected = 0;
            }
            KeyCode::Char(c)
                if c.is_ascii_digit() && c != '0' && p.target == PickTarget::Actions =>
            {
                let i = (c as u8 - b'1') as usize;
                if i < p.visible().len() {
                    p.selected = i;
                    return self.menu_command(MenuCmd::Choose);
                }
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                p.filter.push(c);
                p.selected = 0;
            }
            _ => {}
        }
        vec![]
    }

    pub(super) fn menu_command(&mut self, cmd: MenuCmd) -> Vec<Effect> {
        let Some(Popup::Picker(p)) = &mut self.popup else {
            return vec![];
        };
        let n = p.visible().len();
        match cmd {
            // An empty filtered list has nothing to move to.
            MenuCmd::Down | MenuCmd::Up if n == 0 => {}
            MenuCmd::Down => p.selected = (p.selected + 1) % n,
            MenuCmd::Up => p.selected = (p.selected + n - 1) % n,
            MenuCmd::Cancel => self.popup = None,
            MenuCmd::Choose => {
                let Some(value) = p.visible().get(p.selected).map(|o| o.value) else {
                    return vec![];
                };
                let target = p.target.clone();
                self.popup = None;
                return self.picked(target, value);
            }
        }
        vec![]
    }

    pub(super) fn picked(&mut self, target: PickTarget, value: Val) -> Vec<Effect> {
        let nth = match value {
            Val::Nth(n) => Some(n),
            _ => None,
        };
        match target {
            PickTarget::FormField(idx) => {
                if let Some(of) = &mut self.form {
                    of.form.choose(idx, value);
                }
                self.after_form_edit()
            }
            PickTarget::Actions => match value {
                Val::Deliberation(k) => match self.delib_actions().get(k) {
                    Some(a) => self.start_delib(*a),
                    None => vec![],
                },
                Val::Nth(n) => match self.available_moves().get(n) {
                    Some(kind) => self.start_move(*kind),
                    None => vec![],
                },
                _ => vec![],
            },
            PickTarget::RosterFilter => self.roster_filter_picked(value),
            PickTarget::Visits(t) => self.visits_picked(t, value),
            PickTarget::Members(t) => self.members_picked(t, value),
            PickTarget::StrikeParty(member) => match (&self.delib, nth) {
                (Some(DelibView::Draw(live)), Some(party)) => {
                    vec![Effect::Draw(DrawEffect::StrikeDraw {
                        draw_id: live.draw.id,
                        party,
                        rep_id: member,
                    })]
                }
                _ => vec![],
            },
            PickTarget::FilterDim => self.pick_filter_dim(nth),
            PickTarget::FilterValue(dim) => self.pick_filter_value(dim, value, nth),
            PickTarget::HearingClose => match &self.delib {
                Some(DelibView::Hearing(v)) => vec![Effect::Hearing(HearingEffect::Hearing {
                    hearing_id: v.hearing.id,
                    step: crate::app::hearing::HearingStep::Close {
                        to_sign: nth == Some(1),
                    },
                })],
                _ => vec![],
            },
        }
    }

    pub(super) fn confirm_command(&mut self, cmd: ConfirmCmd) -> Vec<Effect> {
        let Some(Popup::Confirm { action, .. }) = self.popup.take() else {
            return vec![];
        };
        if cmd != ConfirmCmd::Yes {
            return vec![];
        }
        match action {
            ConfirmAction::DiscardForm => {
                self.form = None;
                vec![]
            }
            ConfirmAction::Move { kind, id, version } => {
                let mv = match kind {
                    MoveKind::Submit => Move::Submit,
                    _ => Move::Accept,
                };
                vec![Effect::Detail(DetailEffect::Move { id, version, mv })]
            }
            ConfirmAction::SaveMove { id, version, mv } => {
                vec![Effect::Detail(DetailEffect::Move {
                    id,
                    version,
                    mv: *mv,
                })]
            }
            ConfirmAction::PlanYear(y) => vec![Effect::Visits(VisitsEffect::PlanYear(y))],
            ConfirmAction::PostNotice(id, version) => {
                vec![Effect::Visits(VisitsEffect::PostNotice { id, version })]
            }
        }
    }
}
