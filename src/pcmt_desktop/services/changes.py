"""Announcements of what a committed write changed, so open views refresh what they show.

Plain Python (no Qt): the window adapts it to a signal; tests subscribe directly.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


class Entity:
    """Names of the things a change can touch."""

    OFFICE = "office"
    SUB_AREA = "sub_area"
    PERSON = "person"
    PERSON_HISTORY = "person_history"


@dataclass(frozen=True)
class Changes:
    entities: frozenset[str]
    person_ids: frozenset[int] = field(default_factory=frozenset)

    def touches(self, entity: str) -> bool:
        return entity in self.entities


Listener = Callable[[Changes], None]


class ChangeBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def publish(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)
