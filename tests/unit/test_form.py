"""The contact form's rules, without Qt: what the counter window shows above the tiles."""

from __future__ import annotations

from skranke.contact import ContactChoice, Handout
from skranke.form import ContactForm
from skranke.vocabulary import Vocabulary


def test_a_new_form_is_the_common_case(vocabulary: Vocabulary) -> None:
    form = ContactForm(vocabulary)
    assert form.choice("passport") == ContactChoice(
        channel="in_person",
        area="passport",
        outcome="handled_by_staff",
        kind=None,
        assisted=False,
        exemption=False,
        readiness=None,
        requester="citizen",
        on_behalf=False,
    )


def test_the_outcome_presets_the_flags_and_staff_may_change_them(vocabulary: Vocabulary) -> None:
    form = ContactForm(vocabulary)
    form.choose_outcome("assisted_self_service")
    assert form.assisted
    form.choose_outcome("exempted")
    assert (form.assisted, form.exemption) == (False, True)
    form.exemption = False  # staff untick it
    assert not form.choice("digital_post").exemption


def test_reset_keeps_the_channel_and_clears_the_rest(vocabulary: Vocabulary) -> None:
    form = ContactForm(vocabulary)
    form.choose_channel("phone")
    form.choose_outcome("referred_elsewhere")
    form.on_behalf, form.kind, form.readiness, form.note = True, "information", "can_learn", "x"
    form.set_count(5)
    form.show_solution("moving")
    form.reset()
    assert form.channel == "phone"
    assert (form.outcome, form.on_behalf, form.kind, form.readiness) == (
        "handled_by_staff",
        False,
        None,
        None,
    )
    assert (form.count, form.note, form.handouts.as_tuple()) == (1, "", ())


def test_the_count_stays_within_a_batch(vocabulary: Vocabulary) -> None:
    form = ContactForm(vocabulary)
    form.set_count(0)
    assert form.count == 1
    form.set_count(500)
    assert form.count == 99


def test_a_shown_qr_refers_to_self_service_unless_staff_chose_otherwise(
    vocabulary: Vocabulary,
) -> None:
    form = ContactForm(vocabulary)
    assert form.show_solution("moving")
    assert form.outcome == "referred_to_self_service"
    other = ContactForm(vocabulary)
    other.choose_outcome("assisted_self_service")
    assert not other.show_solution("moving")
    assert other.outcome == "assisted_self_service"


def test_each_handout_is_recorded_once(vocabulary: Vocabulary) -> None:
    form = ContactForm(vocabulary)
    form.show_solution("moving")
    form.show_solution("moving")
    form.print_sheet("moving")
    assert form.handouts.as_tuple() == (Handout("moving", "qr"), Handout("moving", "sheet"))
