"""The controlled vocabularies shared by models, content files, the chat and the API.

Kept in one module so a content file, a database row and a chat choice can never
disagree about what "threatened" or "hash_blocking" means.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class Verification(models.TextChoices):
    OFFICIAL = "official", _("Official text or government page")
    SECONDARY = "secondary", _("Reputable secondary source")
    UNVERIFIED = "unverified", _("Unverified")


class JurisdictionKind(models.TextChoices):
    GLOBAL = "global", _("Global")
    SUPRANATIONAL = "supranational", _("Supranational")
    COUNTRY = "country", _("Country")
    NATION = "nation", _("Nation (within a country)")
    STATE = "state", _("State, province or territory")


class LawKind(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal offence")
    CIVIL = "civil", _("Civil action")
    REGULATORY = "regulatory", _("Regulatory or platform duty")
    TAKEDOWN = "takedown", _("Takedown scheme")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    PROTECTIVE_ORDER = "protective_order", _("Protective order")


class LawStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    ENACTED = "enacted", _("Enacted, not yet in force")
    BILL = "bill", _("Bill (not law)")
    FAILED = "failed", _("Failed bill")
    REPEALED = "repealed", _("Repealed")


class SyntheticCoverage(models.TextChoices):
    EXPLICIT = "explicit", _("Yes, explicitly")
    INTERPRETATION = "interpretation", _("Arguably, by interpretation")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")


class Intent(models.TextChoices):
    NONE = "none", _("No particular intent")
    HARM = "harm", _("To cause harm or distress")
    GRATIFICATION = "gratification", _("Sexual gratification")
    KNOWLEDGE = "knowledge", _("Knowing there was no consent")
    UNKNOWN = "unknown", _("Not known")


class CivilRemedy(models.TextChoices):
    DAMAGES = "damages", _("Damages")
    INJUNCTION = "injunction", _("Injunction or removal order")
    STATUTORY_DAMAGES = "statutory_damages", _("Statutory (fixed) damages")


class ChannelKind(models.TextChoices):
    PLATFORM = "platform", _("Platform report form")
    HASH_BLOCKING = "hash_blocking", _("Hash-blocking service")
    SEARCH_REMOVAL = "search_removal", _("Search removal")
    HELPLINE = "helpline", _("Hotline or helpline")
    REGULATOR = "regulator", _("Regulator")
    POLICE = "police", _("Police")
    LEGAL_HELP = "legal_help", _("Legal help")
    SUPPORT = "support", _("Support")
    CRISIS = "crisis", _("Crisis or emotional-support line")


# Kinds of channel that someone can talk to now; a crisis step shows only these.
TALK_NOW_KINDS = (ChannelKind.CRISIS, ChannelKind.HELPLINE, ChannelKind.SUPPORT)


# Channel routes a country should have; a jurisdiction may record that none is known.
class Route(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency number")
    POLICE = "police", _("Police or cybercrime reporting route")
    SUPPORT = "support", _("Support or crisis line")


# The languages a guide may be translated into: the site's languages other than English (a test checks
# this against settings.LANGUAGES). Labels in the language itself, as the switcher shows them.
class TranslationLanguage(models.TextChoices):
    ES = "es", "Español"
    FR = "fr", "Français"
    PT = "pt", "Português"


class GuideTopic(models.TextChoices):
    EVIDENCE = "evidence", _("Preserving evidence")
    REMOVAL = "removal", _("Getting it removed")
    HASH_BLOCKING = "hash_blocking", _("Hash-blocking")
    POLICE = "police", _("Reporting to police")
    CIVIL = "civil", _("Civil options")
    SEXTORTION = "sextortion", _("Sextortion")
    SCHOOL = "school", _("At school")
    MINOR = "minor", _("When the person shown is under 18")
    SUPPORTING = "supporting", _("Helping someone")
    SELF_CARE = "self_care", _("Looking after yourself")
    CROSS_BORDER = "cross_border", _("Cross-border cases")
    SAFETY = "safety", _("Staying safe")


# Situation tags: what happened, who is shown, what the person wants, where the content is.
SITUATION_TAGS = {
    "created": _("Fake or AI-altered intimate images were made"),
    "shared": _("Images were shared or posted"),
    "threatened": _("Someone threatens to share them"),
    "sextortion": _("Someone demands money or more images"),
    "real_images": _("Real intimate images were shared without consent"),
    "unsure": _("Not sure what exists"),
    "minor": _("The person shown is under 18"),
    "danger": _("In danger now"),
}
WANT_TAGS = {
    "removal": _("Remove it"),
    "stop_spread": _("Stop it spreading"),
    "prosecution": _("Report a crime"),
    "compensation": _("Compensation or a court order"),
    "support": _("Talk to someone"),
}
PLATFORM_TAGS = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "snapchat": "Snapchat",
    "tiktok": "TikTok",
    "x": "X (Twitter)",
    "reddit": "Reddit",
    "telegram": "Telegram",
    "discord": "Discord",
    "youtube": "YouTube",
    "whatsapp": "WhatsApp",
    "onlyfans": "OnlyFans",
    "porn_sites": _("Porn sites"),
    "search": _("Search results"),
    "group_chats": _("Group chats"),
    "school": _("School"),
}
ALL_TAGS = {**SITUATION_TAGS, **WANT_TAGS, **PLATFORM_TAGS}
