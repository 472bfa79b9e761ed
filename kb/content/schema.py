"""What a content file may contain, field by field, in canonical order.

The order here is the order `export_content` writes, so load → export is byte-identical
for files already in canonical form.
"""

from dataclasses import dataclass, field
from typing import Any

from kb.vocab import (
    ALL_TAGS,
    ChannelKind,
    CivilRemedy,
    GuideTopic,
    Intent,
    JurisdictionKind,
    LawKind,
    LawStatus,
    ReviewStatus,
    Route,
    SyntheticCoverage,
    TranslationLanguage,
    Verification,
)

# Field kinds: str, date, bool (true/false, never null), nbool (true/false or absent), int,
# enum, enums (list of enum values), strs (list of strings), url, jur, jurs, sources.


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None

    @property
    def empty(self) -> Any:
        """The value an absent field takes; a field with this value is not written out."""
        if self.default is not None:
            return self.default
        return (
            []
            if self.kind in ("enums", "strs", "jurs", "sources")
            else ("" if self.kind in ("str", "url") else None)
        )


def _values(choices) -> tuple[str, ...]:
    return tuple(choices.values) if hasattr(choices, "values") else tuple(choices)


COMMON = (
    Field("review_status", "enum", required=True, choices=_values(ReviewStatus)),
    Field("verification", "enum", required=True, choices=_values(Verification)),
    Field("last_verified", "date"),
    Field("sources", "sources"),
    Field("tags", "enums", choices=tuple(ALL_TAGS)),
)

SCHEMAS: dict[str, tuple[Field, ...]] = {
    "jurisdiction": (
        Field("name", "str", required=True),
        Field("kind", "enum", required=True, choices=_values(JurisdictionKind)),
        Field("parent", "jur"),
        Field("member_of", "jurs"),
        Field("aliases", "strs"),
        Field("emergency_number", "str"),
        Field("official_domains", "strs"),
        Field("none_known", "enums", choices=_values(Route)),
        Field("no_specific_law", "bool", default=False),
        *COMMON,
    ),
    "law": (
        Field("jurisdiction", "jur", required=True),
        Field("title", "str", required=True),
        Field("short_name", "str"),
        Field("citation", "str", required=True),
        Field("kind", "enum", required=True, choices=_values(LawKind)),
        Field("status", "enum", required=True, choices=_values(LawStatus)),
        Field("enacted", "date"),
        Field("in_force", "date"),
        Field("session_end", "date"),
        Field("url", "url", required=True),
        Field("url_note", "str"),
        Field("bill_url", "url"),
        Field("covers_synthetic", "enum", required=True, choices=_values(SyntheticCoverage)),
        Field("covers_creation", "nbool"),
        Field("covers_distribution", "nbool"),
        Field("covers_threats", "nbool"),
        Field("intent", "enum", required=True, choices=_values(Intent)),
        Field("minors_specific", "bool", required=True),
        Field("max_penalty", "str"),
        Field("max_prison_months", "int"),
        Field("civil_remedies", "enums", choices=_values(CivilRemedy)),
        Field("removal_deadline_hours", "int"),
        Field("limitation_period", "str"),
        *COMMON,
    ),
    "channel": (
        Field("name", "str", required=True),
        Field("kind", "enum", required=True, choices=_values(ChannelKind)),
        Field("jurisdictions", "jurs", required=True),
        Field("serves_adults", "bool", required=True),
        Field("serves_minors", "bool", required=True),
        Field("url", "url"),
        Field("phone", "str"),
        Field("hours", "str"),
        Field("languages", "strs"),
        Field("cost", "str"),
        Field("anonymous", "nbool"),
        Field("steps", "strs"),
        *COMMON,
    ),
    "guide": (
        Field("title", "str", required=True),
        Field("topic", "enum", required=True, choices=_values(GuideTopic)),
        Field("summary", "str"),
        Field("jurisdictions", "jurs"),
        *COMMON,
    ),
    # A guide in another language (legal_content/README.md): no sources or verification of its own, the
    # English guide carries them. Kept at <guide folder>/translations/<lang>/<guide-id>.md.
    "guide_translation": (
        Field("guide", "str", required=True),
        Field("lang", "enum", required=True, choices=_values(TranslationLanguage)),
        Field("title", "str", required=True),
        Field("summary", "str"),
        Field("source_sha256", "str", required=True),
        Field("review_status", "enum", required=True, choices=_values(ReviewStatus)),
        Field("translator_note", "str"),
    ),
}
TRANSLATION = "guide_translation"

# Extra rules that need more than one field.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CODE_PATTERN = r"^(?:GLOBAL|[A-Z]{2}(?:-[A-Z0-9]{1,3})?)$"
SOURCE_KEYS = ("url", "title", "accessed")


@dataclass
class ParsedRecord:
    """One content file, parsed and validated: plain values keyed by schema field name."""

    type: str
    id: str
    path: str  # relative to the content root, with forward slashes
    values: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    digest: str = ""
