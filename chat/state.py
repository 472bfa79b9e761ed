"""What the guided help remembers between screens: a few choices, signed, carried in the page.

The state holds enums and one jurisdiction code, never anything a person typed. It travels in a
hidden form field, signed with the site's key and a salt that names this one purpose (a value
signed for anything else is refused here), and it expires: a tampered, malformed or old state is
refused and the person starts again. Nothing is kept on the server and no cookie is set.

A token is read defensively, because anyone holding the key could sign anything: its length is
capped before the signature is checked, and a compressed payload is inflated only up to a cap,
so a small "zip bomb" cannot expand into gigabytes (Django's `signing.loads` inflates without
limit).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from enum import StrEnum

from django.core import signing
from django.utils.translation import gettext_lazy as _

VERSION = 2  # 2: `who` (the person themself, or someone helping them)
SALT = f"recourse.chat.flow-state.v{VERSION}"  # one salt per signed purpose: this is the flow's state
MAX_AGE_SECONDS = 24 * 60 * 60
# The largest state (every choice ticked) is a few hundred characters signed: room, no more.
MAX_TOKEN_CHARS = 1024
MAX_PAYLOAD_BYTES = 1024


class Step(StrEnum):
    WHO = "who"
    SAFETY = "safety"
    PLACE = "place"
    CONFIRM = "confirm"
    CRISIS = "crisis"
    HAPPENED = "happened"
    MINOR = "minor"
    PLATFORMS = "where"
    WANTS = "wants"
    PLAN = "plan"


class Who(StrEnum):
    UNANSWERED = ""
    SELF = "self"
    HELPING = "helping"


class Danger(StrEnum):
    UNANSWERED = ""
    YES = "yes"
    NOT_SURE = "not_sure"
    NO = "no"


class Minor(StrEnum):
    UNANSWERED = ""
    YES = "yes"
    NO = "no"
    UNSAID = "unsaid"


class Happened(StrEnum):
    CREATED = "created"
    SHARED = "shared"
    THREATENED = "threatened"
    REAL_IMAGES = "real_images"
    UNSURE = "unsure"


class Platform(StrEnum):
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    SNAPCHAT = "snapchat"
    TIKTOK = "tiktok"
    X = "x"
    REDDIT = "reddit"
    TELEGRAM = "telegram"
    DISCORD = "discord"
    WHATSAPP = "whatsapp"
    YOUTUBE = "youtube"
    ONLYFANS = "onlyfans"
    PORN_SITES = "porn_sites"
    SEARCH = "search"
    GROUP_CHATS = "group_chats"
    OTHER = "other"
    DONT_KNOW = "dont_know"


class Want(StrEnum):
    REMOVAL = "removal"
    STOP_SPREAD = "stop_spread"
    PROSECUTION = "prosecution"
    COMPENSATION = "compensation"
    SUPPORT = "support"


WHO_LABELS = {
    Who.SELF: _("It's about me"),
    Who.HELPING: _("I'm helping someone else (a parent, friend, teacher or advocate)"),
}
DANGER_LABELS = {
    Danger.YES: _("Yes, I am in danger now"),
    Danger.NOT_SURE: _("I'm not sure"),
    Danger.NO: _("No, I am safe right now"),
}
MINOR_LABELS = {
    Minor.YES: _("Yes, under 18"),
    Minor.NO: _("No, 18 or older"),
    Minor.UNSAID: _("I'd rather not say"),
}
HAPPENED_LABELS = {
    Happened.CREATED: _("Someone made fake or AI-altered intimate images of me"),
    Happened.SHARED: _("They shared or posted them"),
    Happened.THREATENED: _("They threaten to share them, or demand money or more images"),
    Happened.REAL_IMAGES: _("Real intimate images of me were shared without my consent"),
    Happened.UNSURE: _("I'm not sure what exists"),
}
# The same choices in the words of someone helping: "the person in the image", never "me".
DANGER_HELPING_LABELS = {
    Danger.YES: _("Yes, someone is in danger now"),
    Danger.NOT_SURE: _("I'm not sure"),
    Danger.NO: _("No, we are safe right now"),
}
HAPPENED_HELPING_LABELS = {
    Happened.CREATED: _("Someone made fake or AI-altered intimate images of them"),
    Happened.SHARED: _("They were shared or posted"),
    Happened.THREATENED: _("Someone threatens to share them, or demands money or more images"),
    Happened.REAL_IMAGES: _("Real intimate images of them were shared without their consent"),
    Happened.UNSURE: _("We're not sure what exists"),
}
PLATFORM_LABELS = {
    Platform.INSTAGRAM: "Instagram",
    Platform.FACEBOOK: "Facebook",
    Platform.SNAPCHAT: "Snapchat",
    Platform.TIKTOK: "TikTok",
    Platform.X: "X (Twitter)",
    Platform.REDDIT: "Reddit",
    Platform.TELEGRAM: "Telegram",
    Platform.DISCORD: "Discord",
    Platform.WHATSAPP: "WhatsApp",
    Platform.YOUTUBE: "YouTube",
    Platform.ONLYFANS: "OnlyFans",
    Platform.PORN_SITES: _("Porn sites"),
    Platform.SEARCH: _("Search results (Google, Bing)"),
    Platform.GROUP_CHATS: _("Group chats"),
    Platform.OTHER: _("Another website or app"),
    Platform.DONT_KNOW: _("I don't know"),
}
WANT_LABELS = {
    Want.REMOVAL: _("Get it removed"),
    Want.STOP_SPREAD: _("Stop it spreading"),
    Want.PROSECUTION: _("Report a crime"),
    Want.COMPENSATION: _("Compensation or a court order"),
    Want.SUPPORT: _("Talk to someone"),
}


@dataclass(frozen=True)
class FlowState:
    """Where someone is in the guided help, and what they chose so far."""

    step: Step = Step.WHO
    who: Who = Who.UNANSWERED
    danger: Danger = Danger.UNANSWERED
    place: str = ""
    place_confirmed: bool = False
    happened: frozenset[Happened] = field(default_factory=frozenset)
    minor: Minor = Minor.UNANSWERED
    platforms: frozenset[Platform] = field(default_factory=frozenset)
    wants: frozenset[Want] = field(default_factory=frozenset)

    @property
    def helping(self) -> bool:
        return self.who == Who.HELPING

    @property
    def in_danger(self) -> bool:
        return self.danger in (Danger.YES, Danger.NOT_SURE)

    @property
    def situation_tags(self) -> set[str]:
        """The knowledge base's situation tags for these choices (see kb/vocab.py)."""
        tags = {h.value for h in self.happened}
        if Happened.THREATENED in self.happened:
            tags.add("sextortion")
        if self.minor == Minor.YES:
            tags.add("minor")
        if self.in_danger:
            tags.add("danger")
        return tags


class BadState(ValueError):
    """The state could not be read: tampered, malformed, from another version, or expired."""


def _sorted(values) -> list[str]:
    return sorted(v.value for v in values)


def state_dumps(state: FlowState) -> str:
    payload = [
        VERSION,
        state.step.value,
        state.danger.value,
        state.place,
        int(state.place_confirmed),
        _sorted(state.happened),
        state.minor.value,
        _sorted(state.platforms),
        _sorted(state.wants),
        state.who.value,
    ]
    return signing.dumps(payload, salt=SALT, compress=True)


def _payload_decode(token: str, *, max_age: int):
    """Check the signature and age, then decode the JSON payload without ever exceeding the caps."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
        raise BadState("the state is too long")
    try:
        encoded = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature too
        raise BadState(str(error)) from error
    compressed = encoded.startswith(".")
    try:
        data = signing.b64_decode(encoded.removeprefix(".").encode())
        if compressed:
            inflater = zlib.decompressobj()
            data = inflater.decompress(data, MAX_PAYLOAD_BYTES)
            if inflater.unconsumed_tail or not inflater.eof:
                raise BadState("the state expands beyond its cap")
        if len(data) > MAX_PAYLOAD_BYTES:
            raise BadState("the state is too large")
        return json.loads(data)
    except BadState:
        raise
    except (ValueError, zlib.error) as error:  # bad base64, bad zlib, bad JSON or UTF-8
        raise BadState("the state cannot be decoded") from error


def state_loads(token: str, *, max_age: int = MAX_AGE_SECONDS) -> FlowState:
    payload = _payload_decode(token, max_age=max_age)
    try:
        version, step, danger, place, confirmed, happened, minor, platforms, wants, who = payload
        if version != VERSION or not isinstance(place, str) or len(place) > 16:
            raise BadState("unknown state version or place")
        return FlowState(
            step=Step(step),
            danger=Danger(danger),
            place=place,
            place_confirmed=bool(confirmed),
            happened=frozenset(Happened(v) for v in happened),
            minor=Minor(minor),
            platforms=frozenset(Platform(v) for v in platforms),
            wants=frozenset(Want(v) for v in wants),
            who=Who(who),
        )
    except (TypeError, ValueError) as error:
        raise BadState(str(error)) from error
