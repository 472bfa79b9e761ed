"""Public pages of the knowledge base: thin views over kb.selectors."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import translate_url

from kb.jurisdictions import jurisdiction_graph
from kb.models import Channel, Jurisdiction, Law, Withdrawal
from kb.selectors import applicable_for, guide_text, published_channels, published_guides, published_laws
from kb.vocab import JurisdictionKind


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "laws": Law.objects.published().count(),
        "channels": Channel.objects.published().count(),
        "places": Jurisdiction.objects.published().exclude(kind=JurisdictionKind.GLOBAL).count(),
    }
    return render(request, "kb/home.html", {"counts": counts})


def about(request: HttpRequest) -> HttpResponse:
    legal_help = published_channels().filter(kind="legal_help")
    return render(request, "kb/about.html", {"legal_help": legal_help})


def safety(request: HttpRequest) -> HttpResponse:
    return render(request, "kb/safety.html", {"guides": published_guides().filter(topic="safety")})


def places(request: HttpRequest) -> HttpResponse:
    graph = jurisdiction_graph()
    roots = sorted(
        (c for c in graph.published if c != "GLOBAL" and not graph.parent.get(c)),
        key=lambda c: graph.names[c],
    )
    tree = [
        (
            code,
            graph.names[code],
            [
                (k, graph.names[k])
                for k in sorted(graph.descendants(code), key=lambda k: graph.names[k])
                if k in graph.published
            ],
        )
        for code in roots
    ]
    return render(request, "kb/places.html", {"tree": tree})


def _withdrawn_or_404(request: HttpRequest, record_type: str, record_id: str) -> HttpResponse:
    """A withdrawn record's page says when and why (410 Gone); anything else is a plain 404."""
    withdrawal = Withdrawal.objects.filter(record_type=record_type, record_id=record_id).first()
    if withdrawal is None:
        raise Http404
    return render(request, "kb/withdrawn.html", {"withdrawal": withdrawal}, status=410)


def jurisdiction_detail(request: HttpRequest, code: str) -> HttpResponse:
    jurisdiction = Jurisdiction.objects.published().filter(code=code.upper()).first()
    if jurisdiction is None:
        return _withdrawn_or_404(request, "jurisdiction", code.upper())
    applicable = applicable_for(jurisdiction=jurisdiction)
    children = Jurisdiction.objects.published().filter(parent=jurisdiction).order_by("name")
    return render(request, "kb/jurisdiction.html", {"a": applicable, "children": children})


def law_detail(request: HttpRequest, law_id: str) -> HttpResponse:
    law = published_laws().filter(id=law_id).first()
    if law is None:
        return _withdrawn_or_404(request, "law", law_id)
    return render(request, "kb/law.html", {"law": law})


def channel_detail(request: HttpRequest, channel_id: str) -> HttpResponse:
    channel = published_channels().filter(id=channel_id).first()
    if channel is None:
        return _withdrawn_or_404(request, "channel", channel_id)
    return render(request, "kb/channel.html", {"channel": channel})


def guide_detail(request: HttpRequest, guide_id: str) -> HttpResponse:
    guide = published_guides().filter(id=guide_id).first()
    if guide is None:
        return _withdrawn_or_404(request, "guide", guide_id)
    context = {
        "guide": guide,
        "text": guide_text(guide),  # the translation into the page's language, when one is published
        "english_url": translate_url(request.path, settings.LANGUAGE_CODE),
    }
    return render(request, "kb/guide.html", context)
