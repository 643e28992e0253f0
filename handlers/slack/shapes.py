"""What Slack sends to `/slack/events`, as typed shapes checked before bolt or a listener reads it.

Bolt and the listeners read the payload as dicts (`body["user"]["id"]`, `view["state"]`…).
Every payload is first checked against these shapes, so a listener only ever meets the
fields it reads, of the types it expects; anything else is refused at the door with 400
and one log line (`check` raises ValueError). Unknown extra fields are allowed: Slack adds
fields over time. Event types we do not handle pass with only their envelope checked.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from bot.moments import MAX_EPOCH

Id = Annotated[str, Field(min_length=1, max_length=255)]
Text = Annotated[str, Field(max_length=40_000)]


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class Ref(Shape):
    id: Id


class SlashCommand(Shape):
    command: Annotated[str, Field(pattern=r"^/\S+$", max_length=100)]
    user_id: Id
    text: Text = ""
    trigger_id: str = ""
    channel_id: str = ""


class Action(Shape):
    action_id: Id
    value: Text = ""


class Option(Shape):
    value: Text = ""


class Element(Shape):
    """One input's state; the fields `render.submitted_values` reads."""

    type: str = ""
    value: Text | None = None
    selected_option: Option | None = None
    selected_options: list[Option] | None = None
    selected_date: str | None = None
    # The datetimepicker's instant: epoch seconds, within what a date can hold.
    selected_date_time: Annotated[int, Field(ge=0, le=MAX_EPOCH)] | None = None
    selected_user: str | None = None
    selected_users: list[str] | None = None


class State(Shape):
    values: dict[str, dict[str, Element]] = {}


class View(Shape):
    callback_id: str = ""
    type: str = "modal"
    private_metadata: str = ""
    state: State = State()


class BlockActions(Shape):
    type: Literal["block_actions"]
    user: Ref
    actions: Annotated[list[Action], Field(min_length=1)]
    trigger_id: str = ""
    channel: Ref | None = None
    view: View | None = None
    container: dict[str, Any] | None = None
    message: dict[str, Any] | None = None


class ViewSubmission(Shape):
    type: Literal["view_submission", "view_closed"]
    user: Ref
    view: Annotated[View, Field()]
    trigger_id: str = ""


class MessageRef(Shape):
    text: Text = ""


class Shortcut(Shape):
    type: Literal["shortcut", "message_action"]
    user: Ref
    callback_id: Id
    trigger_id: str = ""
    message: MessageRef | None = None
    channel: Ref | None = None


Interaction = Annotated[BlockActions | ViewSubmission | Shortcut, Field(discriminator="type")]


class AppHomeOpened(Shape):
    type: Literal["app_home_opened"]
    user: Id
    tab: str = "home"


class FileRef(Shape):
    id: Id


class MessageEvent(Shape):
    type: Literal["message"]
    subtype: str | None = None
    channel: str = ""
    channel_type: str = ""
    user: str = ""
    text: Text = ""
    ts: str = ""
    bot_id: str | None = None
    files: list[FileRef] = []


class SlackUser(Shape):
    id: Id
    deleted: bool = False


class UserChange(Shape):
    type: Literal["user_change"]
    user: SlackUser


class FileShared(Shape):
    type: Literal["file_shared"]
    user_id: str = ""
    file_id: str = ""
    channel_id: str = ""


class OtherEvent(Shape):
    type: Id


class BoltReads(Shape):
    """What bolt reads of any event before our listeners do (its context: channel, user,
    team): those keys, when present, must have the types bolt expects, or bolt raises."""

    type: str
    channel: str | dict[str, Any] | None = None
    channel_id: str | None = None
    user: str | dict[str, Any] | None = None
    user_id: str | None = None
    item: dict[str, Any] | None = None
    team: str | dict[str, Any] | None = None
    team_id: str | None = None
    enterprise: str | dict[str, Any] | None = None
    enterprise_id: str | None = None


KNOWN_EVENTS: dict[str, type[Shape]] = {
    "app_home_opened": AppHomeOpened,
    "message": MessageEvent,
    "user_change": UserChange,
    "file_shared": FileShared,
}


class EventCallback(Shape):
    type: Literal["event_callback"]
    event_id: Id
    event: dict[str, Any]


_interaction: TypeAdapter[Any] = TypeAdapter(Interaction)


def check(payload: dict[str, Any], *, is_interaction: bool) -> None:
    """Raise ValueError unless the payload has the shape its kind promises."""
    try:
        if is_interaction:
            _interaction.validate_python(payload)
        elif "command" in payload:
            SlashCommand.model_validate(payload)
        elif payload.get("ssl_check") or payload.get("type") == "app_rate_limited":
            return  # Slack's own checks and notices: answered 200, nothing read
        elif payload.get("type") == "event_callback":
            envelope = EventCallback.model_validate(payload)
            BoltReads.model_validate(payload)
            event = BoltReads.model_validate(envelope.event)
            KNOWN_EVENTS.get(event.type, OtherEvent).model_validate(envelope.event)
        else:
            raise ValueError("not a Slack request we know")
    except ValidationError as error:
        raise ValueError(_first_problem(error)) from None


def _first_problem(error: ValidationError) -> str:
    """Where the payload went wrong, without its content (it may hold personal data)."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where or 'payload'}: {first.get('type', 'invalid')}"
