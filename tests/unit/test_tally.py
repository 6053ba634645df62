from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from skranke.contact import ContactChoice, make_contacts
from skranke.tally import DayTally, tally_contacts
from skranke.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
choices = st.builds(
    ContactChoice,
    channel=st.sampled_from([c.id for c in VOCABULARY.channels]),
    area=st.sampled_from([a.id for a in VOCABULARY.areas]),
    outcome=st.sampled_from([o.id for o in VOCABULARY.outcomes]),
    assisted=st.none() | st.booleans(),
)


def test_no_contacts_no_share() -> None:
    assert DayTally().assisted_share is None


@given(st.lists(st.tuples(choices, st.booleans()), max_size=40))
def test_voided_never_count_and_channels_sum_to_total(
    entries: list[tuple[ContactChoice, bool]],
) -> None:
    contacts = []
    for choice, voided in entries:
        (contact,) = make_contacts(choice, VOCABULARY, desk="S", municipality_code="165", now=NOW)
        contacts.append(contact.void(NOW) if voided else contact)
    tally = tally_contacts(contacts)
    live = [c for c in contacts if not c.voided]
    assert tally.total == len(live)
    assert sum(tally.by_channel.values()) == tally.total
    assert tally.assisted == sum(c.assisted for c in live)
    if live:
        assert tally.assisted_share is not None
        assert 0 <= tally.assisted_share <= 1
