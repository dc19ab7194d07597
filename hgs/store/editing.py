"""Editing one meeting a field or an item at a time, on top of a store's `update_meeting`.

Every autosave of a step page is one of these calls. They are written once, for every backend:
a backend provides the atomic read-change-write of one meeting (`update_meeting`), and the
change it applies is checked the same way everywhere (`changed`: validate what is stored, apply,
validate the result), so a field never holds what the record would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from hgs.errors import InvalidInput, NotFound, explain
from hgs.i18n import t
from hgs.method.records import LIST_TYPES, Item, Meeting

Record = TypeVar("Record", bound=BaseModel)


def validated(kind: type[Record], data: Any) -> Record:
    """`data` as a `kind`, or InvalidInput saying in Dutch what is wrong with it."""
    try:
        return kind.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from error


def changed(kind: type[Record], stored: Any, change: Callable[[Record], Any]) -> Record:
    """The stored document `stored` as a `kind` with `change` applied, validated again: the one
    validate-change-validate step of every write that changes a record in place."""
    try:
        record = kind.model_validate(stored)
        change(record)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from error
    return validated(kind, record.model_dump())


class Editing:
    """The field and item helpers of a Store (mixed into hgs.store.base.Store)."""

    # provided by the Store this is part of
    meetings: Callable[[str], list[Meeting]]
    update_meeting: Callable[[str, str, Callable[[Meeting], Any]], Meeting]

    def get_meeting(self, case_id: str, meeting_id: str) -> Meeting:
        for meeting in self.meetings(case_id):
            if meeting.id == meeting_id:
                return meeting
        raise NotFound(t("errors.store.meeting_gone"))

    def set_field(self, case_id: str, meeting_id: str, field: str, value: Any) -> Meeting:
        """Set one field; `party_questions.ouders` or `scores.<goal id>` set one dict entry."""
        return self.update_meeting(case_id, meeting_id, self._field_change(field, value, []))

    def save_field(self, case_id: str, meeting_id: str, field: str, value: Any,
                   seen: Any) -> bool:
        """`set_field`, for a person who last saw `seen` there. The later save wins; True when
        someone else had changed the field in between (the caller tells the person)."""
        before: list[Any] = []
        self.update_meeting(case_id, meeting_id, self._field_change(field, value, before))
        return before[0] != seen and before[0] != value

    @staticmethod
    def _field_change(field: str, value: Any, before: list) -> Callable[[Meeting], None]:
        name, _, key = field.partition(".")
        if name not in Meeting.model_fields or name in LIST_TYPES or name in ("id", "case_id"):
            raise InvalidInput(t("errors.store.unknown_field", field=field))

        def change(meeting: Meeting) -> None:
            current = getattr(meeting, name)
            before.append(current.get(key) if key else current)
            setattr(meeting, name, {**current, key: value} if key else value)

        return change

    def save_item_field(self, case_id: str, meeting_id: str, list_name: str, item_id: str,
                        field: str, value: Any, seen: Any) -> bool:
        """`update_item` of one field, for a person who last saw `seen` there; True when
        someone else had changed it in between (the later save wins)."""
        before: list[Any] = []

        def change(meeting: Meeting) -> None:
            items = getattr(meeting, list_name)
            for i, item in enumerate(items):
                if item.id == item_id:
                    before.append(getattr(item, field))
                    items[i] = validated(type(item), {**item.model_dump(), field: value})
                    return
            raise NotFound(t("errors.store.item_gone"))

        self._item_type(list_name)
        self.update_meeting(case_id, meeting_id, change)
        return before[0] != seen and before[0] != value

    def add_item(self, case_id: str, meeting_id: str, list_name: str, *,
                 draft: str | None = None, **fields: Any) -> Item:
        """Add one item; `draft` names the list's draft (`Meeting.drafts`) that this item was
        typed as, which goes in the same write."""
        item = validated(self._item_type(list_name), fields)

        def change(meeting: Meeting) -> None:
            getattr(meeting, list_name).append(item)
            if draft is not None and draft in meeting.drafts:
                meeting.drafts = {k: v for k, v in meeting.drafts.items() if k != draft}

        self.update_meeting(case_id, meeting_id, change)
        return item

    def update_item(self, case_id: str, meeting_id: str, list_name: str, item_id: str,
                    **fields: Any) -> Item:
        kind = self._item_type(list_name)
        updated: list[Item] = []

        def change(meeting: Meeting) -> None:
            items = getattr(meeting, list_name)
            for i, item in enumerate(items):
                if item.id == item_id:
                    items[i] = validated(kind, {**item.model_dump(), **fields})
                    updated.append(items[i])
                    return
            raise NotFound(t("errors.store.item_gone"))

        self.update_meeting(case_id, meeting_id, change)
        return updated[0]

    def remove_item(self, case_id: str, meeting_id: str, list_name: str, item_id: str) -> None:
        self._item_type(list_name)

        def change(meeting: Meeting) -> None:
            setattr(meeting, list_name,
                    [item for item in getattr(meeting, list_name) if item.id != item_id])

        self.update_meeting(case_id, meeting_id, change)

    @staticmethod
    def _item_type(list_name: str) -> type[Item]:
        if list_name not in LIST_TYPES:
            raise InvalidInput(t("errors.store.unknown_list", name=list_name))
        return LIST_TYPES[list_name]

