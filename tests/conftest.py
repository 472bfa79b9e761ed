"""Shared fixtures: small published records built in code, and a tiny world of places."""

import datetime as dt

import pytest

from kb.jurisdictions import jurisdiction_graph_clear
from kb.models import Channel, Guide, Jurisdiction, Law, Source

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _fresh_graph():
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
