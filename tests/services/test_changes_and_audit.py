"""The change bus itself, and the audit trail read back per person."""

from datetime import date

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.audit import Action, entries_for_person
from pcmt_desktop.services.changes import ChangeBus, Changes, Entity
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services


def test_bus_delivers_to_every_listener_until_unsubscribed() -> None:
    bus = ChangeBus()
    first: list[Changes] = []
    second: list[Changes] = []
    bus.subscribe(first.append)
    bus.subscribe(second.append)
    changes = Changes(frozenset({Entity.PERSON}), frozenset({7}))
    bus.publish(changes)
    bus.unsubscribe(first.append)
    bus.publish(Changes(frozenset({Entity.OFFICE})))
    assert first == [changes]
    assert second == [changes, Changes(frozenset({Entity.OFFICE}))]
    assert changes.touches(Entity.PERSON)
    assert not changes.touches(Entity.SUB_AREA)


def test_a_listener_may_unsubscribe_while_being_told() -> None:
    bus = ChangeBus()
    heard: list[str] = []

    def once(_: Changes) -> None:
        heard.append("once")
        bus.unsubscribe(once)

    bus.subscribe(once)
    bus.subscribe(lambda _: heard.append("always"))
    bus.publish(Changes(frozenset({Entity.PERSON})))
    bus.publish(Changes(frozenset({Entity.PERSON})))
    assert heard == ["once", "always", "always"]


def test_a_persons_trail_lists_every_write_newest_first(services: Services) -> None:
    person = services.persons.add(PersonInput("Ninh Văn Bảo", birth_year=1987))
    other = services.persons.add(PersonInput("Lã Thị Duyên"))
    stay = services.histories.add(
        HistoryKind.LIST,
        person.id,
        HistoryInput(date(2026, 2, 1), None, {"list_key": "su_dung", "start_reason": "Nhập mới"}),
    )
    services.histories.move(person.id, ManagementList.ADDICT, date(2026, 8, 1))
    services.persons.edit(person.id, PersonInput("Ninh Văn Bảo", birth_year=1988))
    trail = entries_for_person(services.context, person.id)
    assert [(entry.action, entry.entity) for entry in trail] == [
        (Action.UPDATE, Entity.PERSON),
        (Action.MOVE, HistoryKind.LIST.value),
        (Action.CREATE, HistoryKind.LIST.value),
        (Action.CREATE, Entity.PERSON),
    ]
    assert [entry.action_label for entry in trail] == ["Sửa", "Chuyển diện", "Thêm", "Thêm"]
    assert trail[2].entity_id == stay.id
    assert trail[0].before == {"birth_year": 1987, "search_text": "ninh van bao 1987"}
    assert trail[0].after == {"birth_year": 1988, "search_text": "ninh van bao 1988"}
    assert all(entry.user_name == "quantri" for entry in trail)
    assert len(entries_for_person(services.context, other.id)) == 1
