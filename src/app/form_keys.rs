//! Keys in an open form: moving between fields, typing, choices, the intake's extra
//! petitioners and earlier petitions, saving (each pane checks its own form).

use crate::app::draw::{DrawEffect, DrawForm};
use crate::app::form::Input;
use crate::app::members::MembersForm;
use crate::app::roster::RosterForm;
use crate::app::{App, ConfirmAction, Effect, FormKind, PickTarget, Picker, Popup};
use crate::keymap::{Command, FormChoiceCmd, FormCmd, Key, Resolved};
use crate::records::tickets::IntakeLink;
use crate::text::T;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    pub(super) fn form_command(&mut self, cmd: FormCmd, k: KeyEvent) -> Vec<Effect> {
        let Some(of) = &mut self.form else {
            return vec![];
        };
        match cmd {
            FormCmd::NextField => of.form.next(),
            FormCmd::PrevField => of.form.prev(),
            FormCmd::Save => return self.submit_form(),
            FormCmd::Help => {
                self.popup = Some(Popup::Help { scroll: 0 });
                return vec![];
            }
            FormCmd::Cancel => {
                if matches!(of.kind, FormKind::SignIn | FormKind::Setup) {
                    return vec![];
                }
                if of.form.dirty && of.kind != FormKind::Search {
                    self.popup = Some(Popup::Confirm {
                        text: T::DiscardWhatWasTyped.text(self.lang),
                        action: ConfirmAction::DiscardForm,
                    });
                } else {
                    self.form = None;
                }
            }
            FormCmd::AddPetitioner if of.kind == FormKind::Intake => {
                crate::app::intake::add_petitioner(self.lang, &self.refs, &mut of.form)
            }
            FormCmd::RemovePetitioner if of.kind == FormKind::Intake => {
                crate::app::intake::remove_petitioner(&mut of.form)
            }
            FormCmd::QuickDraw if matches!(of.kind, FormKind::Draw(DrawForm::Mediation { .. })) => {
                if let FormKind::Draw(DrawForm::Mediation { ticket_id }) = of.kind {
                    return vec![Effect::Draw(DrawEffect::QuickDraw { ticket_id })];
                }
            }
            FormCmd::EarlierNext if !of.earlier.is_empty() => {
                of.earlier_sel = Some(
                    of.earlier_sel
                        .map(|i| (i + 1) % of.earlier.len())
                        .unwrap_or(0),
                );
            }
            FormCmd::MarkRepeat | FormCmd::MarkMerge if of.kind == FormKind::Intake => {
                let Some(sel) = of.earlier_sel.and_then(|i| of.earlier.get(i)) else {
                    of.form.message = Some(T::SelectAnEarlierPetitionFirst.text(self.lang));
                    return vec![];
                };
                let link = if cmd == FormCmd::MarkRepeat {
                    IntakeLink::RepeatOf(sel.id)
                } else if let Err(p) =
                    crate::domain::flow::check_merge_target(&sel.number, sel.state)
                {
                    of.form.message = Some(p.text(self.lang).to_string());
                    return vec![];
                } else {
                    IntakeLink::MergeInto(sel.id)
                };
                of.link = if of.link == link {
                    IntakeLink::None
                } else {
                    link
                };
                of.form.message = None;
            }
            _ => {
                // Not a form command here (e.g. Ctrl-N outside intake): treat as typing.
                return self.form_key(
                    k,
                    Key::from_event(&k).unwrap_or(Key {
                        code: crate::keymap::KeyName::Esc,
                        ctrl: false,
                        alt: false,
                    }),
                );
            }
        }
        vec![]
    }

    pub(super) fn form_key(&mut self, k: KeyEvent, key: Key) -> Vec<Effect> {
        let Some(of) = &mut self.form else {
            return vec![];
        };
        let is_choice = matches!(
            of.form.focused().map(|f| &f.input),
            Some(Input::Choice { .. })
        );
        if is_choice {
            if let Resolved::Run(cmd) = self.keymap.resolve("form_choice", &[], key) {
                match cmd {
                    Command::FormChoiceCmd(FormChoiceCmd::ChoiceNext) => of.form.cycle(1),
                    Command::FormChoiceCmd(FormChoiceCmd::ChoicePrev) => of.form.cycle(-1),
                    Command::FormChoiceCmd(FormChoiceCmd::Help) => {
                        self.popup = Some(Popup::Help { scroll: 0 });
                        return vec![];
                    }
                    _ => {
                        let idx = of.form.focus;
                        if let Some(Input::Choice { options, selected }) =
                            of.form.fields.get(idx).map(|f| &f.input)
                        {
                            let title = of.form.fields[idx].label.clone();
                            self.popup = Some(Popup::Picker(Picker {
                                title,
                                options: options.clone(),
                                filter: String::new(),
                                selected: selected.unwrap_or(0),
                                target: PickTarget::FormField(idx),
                            }));
                        }
                    }
                }
                return self.after_form_edit();
            }
            // Typing on a choice opens its list with the typed text as the filter.
            if let KeyCode::Char(c) = k.code
                && !k.modifiers.contains(KeyModifiers::CONTROL)
            {
                let idx = of.form.focus;
                if let Some(Input::Choice { options, .. }) =
                    of.form.fields.get(idx).map(|f| &f.input)
                {
                    let title = of.form.fields[idx].label.clone();
                    self.popup = Some(Popup::Picker(Picker {
                        title,
                        options: options.clone(),
                        filter: c.to_string(),
                        selected: 0,
                        target: PickTarget::FormField(idx),
                    }));
                }
            }
            return vec![];
        }
        if k.code == KeyCode::Enter && !of.form.focused().is_some_and(|f| f.is_multiline()) {
            // Enter: next field; on the last field of a short form (sign-in, search), save.
            if matches!(
                of.kind,
                FormKind::SignIn
                    | FormKind::Search
                    | FormKind::ChangePin
                    | FormKind::Draw(DrawForm::PartyInput { .. })
                    | FormKind::Roster(RosterForm::RosterSearch)
                    | FormKind::Members(MembersForm::MemberSearch)
            ) && of.form.at_last()
            {
                return self.submit_form();
            }
            of.form.next();
            return vec![];
        }
        of.form.type_key(k);
        self.after_form_edit()
    }

    /// The open form was saved: its pane checks it and asks for the change.
    pub(super) fn submit_form(&mut self) -> Vec<Effect> {
        let Some(of) = &self.form else {
            return vec![];
        };
        match of.kind.clone() {
            FormKind::SignIn => self.submit_sign_in(),
            FormKind::Setup => self.submit_setup_form(),
            FormKind::ChangePin => self.submit_change_pin_form(),
            FormKind::Search => self.submit_search(),
            FormKind::Intake => self.submit_intake_form(),
            FormKind::Move { kind, id, version } => self.submit_move_form(kind, id, version),
            FormKind::Ref(tab, id) => self.submit_ref(tab, id),
            FormKind::Staff(id) => self.submit_staff_form(id),
            FormKind::Roster(kind) => self.submit_roster(kind),
            FormKind::Draw(kind) => self.submit_draw(kind),
            FormKind::Hearing(kind) => self.submit_hearing(kind),
            FormKind::Visits(kind) => self.submit_visits(kind),
            FormKind::Members(kind) => self.submit_members(kind),
        }
    }
}
