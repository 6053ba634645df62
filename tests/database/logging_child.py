"""Run by test_durability: logs contacts as fast as it can and prints each id after the
commit returned. The test kills this process with SIGKILL at a random moment."""

from __future__ import annotations

import sys
from pathlib import Path

from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from skranke.contact import ContactChoice, make_contacts
from skranke.vocabulary import load_vocabulary


def main(path: str) -> None:
    vocabulary = load_vocabulary()
    repository = ContactRepository(open_database(sqlite_url(Path(path))))
    choice = ContactChoice("in_person", "passport", "handled_by_staff")
    print("ready", flush=True)
    while True:
        contacts = make_contacts(choice, vocabulary, desk="S1", municipality_code="165")
        repository.add_many(contacts)
        print(contacts[0].id, flush=True)  # only after the commit returned


if __name__ == "__main__":
    main(sys.argv[1])
