"""The public "Something wrong or out of date?" form, posted from law and channel pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kb.selectors import published_channels, published_laws
from kb.suggestions import SuggestionForm, request_is_same_origin, suggestion_create, suggestion_rate_ok

RECORDS = {"law": published_laws, "channel": published_channels}


@csrf_exempt  # public pages set no cookie, so no CSRF token: kb.suggestions checks the origin instead
@require_POST
def suggest(request: HttpRequest, record_type: str, record_id: str) -> HttpResponse:
    if record_type not in RECORDS:
        raise Http404
    record = get_object_or_404(RECORDS[record_type](), pk=record_id)
    if not request_is_same_origin(request):
        return render(request, "kb/suggest.html", {"record": record, "refused": True}, status=403)
    if not suggestion_rate_ok(request):
        return render(request, "kb/suggest.html", {"record": record, "too_many": True}, status=429)
    form = SuggestionForm(request.POST, record_type=record_type, record_id=record_id)
    if not form.is_valid():
        context = {"record": record, "form": form, "record_type": record_type, "record_id": record_id}
        return render(request, "kb/suggest.html", context, status=400)
    suggestion_create(record_type=record_type, record_id=record_id, form=form)
    return render(request, "kb/suggest.html", {"record": record, "sent": True})
