"""Shared fixtures: small published records built in code, and a tiny world of places."""

import datetime as dt

import pytest

from kb.jurisdictions import jurisdiction_graph_clear
from kb.models import Channel, Guide, Jurisdiction, Law, Source

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _fresh_graph(monkeypatch):
    # Tests see every change at once, and query counts do not depend on the clock.
    monkeypatch.setattr("kb.jurisdictions.CHECK_EVERY_SECONDS", 0)
    jurisdiction_graph_clear()
    yield
    jurisdiction_graph_clear()


@pytest.fixture
def make_jurisdiction(db):
    def make(code, name=None, kind="country", parent=None, member_of=(), **fields):
        j = Jurisdiction.objects.create(
            code=code,
            name=name or code,
            kind=kind,
            parent_id=parent,
            review_status=fields.pop("review_status", "published"),
            last_verified=fields.pop("last_verified", TODAY),
            verification=fields.pop("verification", "official"),
            **fields,
        )
        if member_of:
            j.member_of.set(member_of)
        return j

    return make


@pytest.fixture
def make_law(db):
    def make(id, jurisdiction, **fields):
        defaults = dict(
            title=f"Law {id}",
            citation=f"Cit. {id}",
            kind="criminal",
            status="in_force",
            url="https://example.org/law",
            covers_synthetic="explicit",
            intent="harm",
            review_status="published",
            verification="official",
            last_verified=TODAY,
        )
        defaults.update(fields)
        sources = defaults.pop("sources", [("https://example.org/source", "Source page")])
        law = Law.objects.create(id=id, jurisdiction_id=jurisdiction, **defaults)
        for i, (url, title) in enumerate(sources):
            Source.objects.create(record=law, url=url, title=title, position=i)
        return law

    return make


@pytest.fixture
def make_channel(db):
    def make(id, jurisdictions=("GLOBAL",), **fields):
        defaults = dict(
            name=f"Channel {id}",
            kind="helpline",
            url="https://example.org/help",
            serves_adults=True,
            serves_minors=False,
            review_status="published",
            verification="official",
            last_verified=TODAY,
        )
        defaults.update(fields)
        channel = Channel.objects.create(id=id, **defaults)
        channel.jurisdictions.set(jurisdictions)
        return channel

    return make


@pytest.fixture
def make_guide(db):
    def make(id, jurisdictions=(), **fields):
        defaults = dict(
            title=f"Guide {id}",
            topic="evidence",
            body="Keep the links.",
            review_status="published",
            verification="secondary",
            last_verified=TODAY,
        )
        defaults.update(fields)
        guide = Guide.objects.create(id=id, **defaults)
        guide.jurisdictions.set(jurisdictions)
        return guide

    return make


@pytest.fixture
def world(make_jurisdiction):
    """GLOBAL, the EU with France, the US with Texas and California, the UK with its nations."""
    make_jurisdiction("GLOBAL", "Everywhere", kind="global")
    make_jurisdiction("EU", "European Union", kind="supranational", emergency_number="112")
    make_jurisdiction("FR", "France", member_of=["EU"], emergency_number="112", aliases=["Frankreich"])
    make_jurisdiction("US", "United States", emergency_number="911", aliases=["USA", "America"])
    make_jurisdiction("US-TX", "Texas", kind="state", parent="US", emergency_number="911", aliases=["TX"])
    make_jurisdiction(
        "US-CA", "California", kind="state", parent="US", emergency_number="911", aliases=["Cali"]
    )
    make_jurisdiction("GB", "United Kingdom", emergency_number="999", aliases=["UK"])
    make_jurisdiction("GB-EAW", "England and Wales", kind="nation", parent="GB", emergency_number="999")
    make_jurisdiction("GB-ENG", "England", kind="nation", parent="GB-EAW")
    make_jurisdiction("GB-SCT", "Scotland", kind="nation", parent="GB", emergency_number="999")
    jurisdiction_graph_clear()
    return Jurisdiction.objects.in_bulk()


@pytest.fixture(autouse=True)
def _search_settings(settings, tmp_path):
    """Each test gets its own index folder, the instant hashing embedder and synchronous rebuilds."""
    from kb.search.engine import engine_reset

    settings.RECOURSE_EMBEDDER = "hashing"
    settings.RECOURSE_INDEX_DIR = tmp_path / "index"
    settings.RECOURSE_REINDEX_IN_BACKGROUND = False
    engine_reset()
    yield
    engine_reset()


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """The suite sends many requests from one client; tests/config/test_ratelimit.py turns limits on."""
    settings.RECOURSE_RATE_LIMIT_ASK = 0
    settings.RECOURSE_RATE_LIMIT_HELP = 0


@pytest.fixture(scope="session")
def _real_graph():
    """The jurisdiction graph built straight from the real jurisdiction files, parsed once per run."""
    from pathlib import Path

    from django.conf import settings

    from kb.content.validate import content_files, parse_tree
    from kb.jurisdictions import JurisdictionGraph

    root = Path(settings.BASE_DIR) / "legal_content"
    records = parse_tree(content_files(root, root / "jurisdictions"), root, set())
    graph = JurisdictionGraph()
    for r in records:
        v = r.values
        graph.names[r.id], graph.kinds[r.id], graph.parent[r.id] = v["name"], v["kind"], v["parent"]
        graph.aliases[r.id], graph.emergency[r.id] = v["aliases"], v["emergency_number"]
        graph.member_of[r.id] = sorted(v["member_of"])
        if v["review_status"] == "published":
            graph.published.add(r.id)
    return graph


@pytest.fixture(scope="session")
def _real_names(_real_graph):
    """The knowledge base's names from the real files; common words from the records' bodies as the DB would."""
    import re
    from pathlib import Path

    from django.conf import settings

    from kb.places.names import kb_names_build

    names = kb_names_build(_real_graph, records=False)
    words = set(names.common)
    for path in (Path(settings.BASE_DIR) / "legal_content").rglob("*.md"):
        if "translations" in path.parts:  # English records only, as kb_names reads them from the database
            continue
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        words.update(re.findall(r"(?<![.!?]\s)\b([a-z]{2,})\b", body))
    names.common = frozenset(words)
    return names


@pytest.fixture(scope="session")
def _real_names_with_records(_real_graph):
    """The knowledge base's names with the published laws' and channels' names, from the content files."""
    from pathlib import Path

    from django.conf import settings

    from kb.content.validate import content_files, parse_tree
    from kb.places.names import RecordRows, kb_names_build

    root = Path(settings.BASE_DIR) / "legal_content"
    records = [
        r
        for r in parse_tree(content_files(root), root, set())
        if r.values.get("review_status") == "published"
    ]
    rows = RecordRows(
        laws=[
            (r.values.get("short_name") or "", r.values.get("citation") or "", r.values["jurisdiction"])
            for r in records
            if r.type == "law"
        ],
        channels=[
            (r.values["name"], code)
            for r in records
            if r.type == "channel"
            for code in r.values["jurisdictions"]
        ],
        bodies=[r.body for r in records if r.type in ("law", "channel", "guide")],
    )
    return kb_names_build(_real_graph, rows=rows)


@pytest.fixture
def kb_records(_real_graph, _real_names_with_records, monkeypatch):
    """Detection against the real jurisdictions and the names of the real published laws and channels."""
    monkeypatch.setattr("kb.places.detect.kb_names", lambda: _real_names_with_records)
    return _real_graph


@pytest.fixture
def kb_jurisdictions(_real_graph, _real_names, monkeypatch):
    """Detection against the real jurisdiction files (names, aliases, tree), without a database."""
    monkeypatch.setattr("kb.places.detect.kb_names", lambda: _real_names)
    return _real_graph


@pytest.fixture
def texas_world(world, make_law, make_channel, make_guide):
    """A small knowledge base: Texas and US laws, a French law, global and US channels, two guides."""
    make_law(
        "us-tx-penal-21-165",
        "US-TX",
        short_name="Texas deepfake media offence",
        citation="Tex. Penal Code § 21.165",
        body="Making or sharing sexual deepfakes of a person is a crime in Texas.",
    )
    make_law(
        "us-take-it-down-act",
        "US",
        short_name="TAKE IT DOWN Act",
        citation="47 U.S.C. § 223(h)",
        body="Publishing intimate images or digital forgeries without consent is a federal crime.",
    )
    make_law(
        "us-defiance-act",
        "US",
        short_name="DEFIANCE Act",
        status="bill",
        kind="civil",
        citation="S. 1837",
        body="The DEFIANCE Act is a bill that would let victims of sexual deepfakes sue.",
    )
    make_law(
        "us-18-usc-2252a",
        "US",
        short_name="Federal child sexual abuse material law",
        kind="child_protection",
        citation="18 U.S.C. § 2252A",
        minors_specific=True,
        tags=["minor"],
        body="Making, sharing or having sexual images of anyone under 18 is a serious federal crime.",
    )
    make_law(
        "fr-code-penal-226-8-1",
        "FR",
        citation="Code pénal, art. 226-8-1",
        body="Sharing a sexual deepfake of someone without consent is a crime in France.",
    )
    make_channel(
        "stopncii",
        name="StopNCII.org",
        kind="hash_blocking",
        body="StopNCII makes a hash of your intimate image so partner platforms can block it.",
    )
    make_channel(
        "take-it-down-ncmec",
        name="Take It Down (NCMEC)",
        kind="hash_blocking",
        serves_adults=False,
        serves_minors=True,
        tags=["minor"],
        body="Take It Down helps remove nude images of people under 18 from the internet.",
    )
    make_channel(
        "instagram",
        name="Instagram",
        kind="platform",
        tags=["instagram"],
        body="Report intimate images shared without consent on Instagram.",
    )
    make_channel(
        "ccri-helpline",
        jurisdictions=["US"],
        name="CCRI Image Abuse Helpline",
        body="A US helpline for victims of image-based sexual abuse.",
        phone="844-878-2274",
    )
    make_channel(
        "pharos",
        jurisdictions=["FR"],
        name="PHAROS",
        kind="police",
        body="The French police platform for reporting illegal online content.",
    )
    make_guide(
        "preserve-evidence", title="Preserving evidence", body="Save the link, the username and the date."
    )
    make_guide(
        "when-under-18",
        title="When the person shown is under 18",
        topic="minor",
        body="Never copy or forward the image. Report it to a child protection hotline.",
    )


@pytest.fixture
def compare_laws(world, make_law):
    """Laws in four places, with bills, a repeal and a failure: what the compare matrix must sort out."""
    make_law(
        "us-tx-penal",
        "US-TX",
        citation="Tex. Penal Code § 21.165",
        covers_creation=True,
        max_penalty="Up to 1 year",
        max_prison_months=12,
        in_force=dt.date(2023, 9, 1),
    )
    make_law("us-tx-civil", "US-TX", kind="civil", citation="Tex. Civ. Code 98B", civil_remedies=["damages"])
    make_law("us-ca-bill", "US-CA", status="bill", citation="AB 1 (bill)", covers_creation=True)
    make_law(
        "us-take-it-down",
        "US",
        citation="47 U.S.C. § 223(h)",
        kind="criminal",
        removal_deadline_hours=48,
        in_force=dt.date(2025, 5, 19),
    )
    make_law(
        "gb-eaw-soa", "GB-EAW", covers_synthetic="interpretation", max_penalty="2 years", max_prison_months=24
    )
    make_law("gb-eaw-bill", "GB-EAW", status="bill", covers_synthetic="explicit")
    make_law("fr-old", "FR", status="repealed")
    make_law("fr-failed", "FR", status="failed")
    make_law("fr-draft", "FR", review_status="draft")


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """A request in /es/ leaves Spanish active in this thread; tests that call code directly read English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
