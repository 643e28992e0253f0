"""Who is who on the console: `@anna` is the person with the console identity "anna".

People are created on first mention, named after their handle ("Anna"). Communicators are
the console's own notion (who sits in its communicators' "channel"), set with `roles`,
plus anyone the COMMUNICATORS setting names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot import people
from bot.core import Core
from bot.markup import Mentioned
from bot.router import Who
from storage.models import Person

PLATFORM = "console"


def handle_of(word: str) -> str:
    """`@Anna` → `anna`: handles are case-insensitive and written with or without the @."""
    return word.strip().removeprefix("@").lower()


@dataclass
class ConsoleDirectory:
    core: Core
    communicators: set[str] = field(default_factory=set)

    def person(self, handle: str) -> Person:
        """The person behind a handle, created on first use."""
        handle = handle_of(handle)
        with self.core.session() as session:
            found = people.find_by_identity(session, PLATFORM, handle)
            if found is not None:
                return found
            return people.get_or_create(
                session, PLATFORM, handle, self.core.now(), name=handle.capitalize()
            )

    def person_id(self, handle: str) -> int:
        person = self.person(handle)
        assert person.id is not None
        return person.id

    def who(self, handle: str) -> Who:
        person = self.person(handle)
        assert person.id is not None
        return Who(person.id, self.is_communicator(person))

    def is_communicator(self, person: Person) -> bool:
        assert person.id is not None
        with self.core.session() as session:
            handle = people.identity_of(session, person.id, PLATFORM)
            if handle in self.communicators:
                return True
            return people.named_communicator(session, self.core.settings.communicators, person)

    def handle_for(self, person_id: int) -> str | None:
        with self.core.session() as session:
            return people.identity_of(session, person_id, PLATFORM)

    def mentioned(self, person_id: int) -> Mentioned | None:
        """A mentioned person as the console shows them: their name and @handle."""
        with self.core.session() as session:
            person = session.get(Person, person_id)
            if person is None:
                return None
            handle = people.identity_of(session, person_id, PLATFORM)
            return Mentioned(people.display_name(person), handle)
