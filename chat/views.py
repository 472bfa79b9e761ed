"""The guided help and the question page. Thin views: read the signed state, run the flow, render.

No view here stores anything. The state comes back from the page, signed; free text (a typed
place, a question) is used for the response being built and dropped. The views are exempt
from CSRF because there is no session or account to act on, and a CSRF token would need a
cookie; public pages set none.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chat.ask import UnknownJurisdiction, ask
from chat.flow import NUMBERED, flow_back, flow_current, flow_goto, flow_next, flow_start, step_number
from chat.forms import (
    AskForm,
    ConfirmForm,
    CrisisForm,
    HappenedForm,
    MinorForm,
    PlaceForm,
    PlatformsForm,
    SafetyForm,
    WantsForm,
)
from chat.places import PlaceLookup, place_known, place_name, place_picker
from chat.plan import plan_for
from chat.state import BadState, FlowState, Minor, Step, state_dumps, state_loads
from chat.summary import answer_rows
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.markdown import markdown_html

FORMS = {
    Step.SAFETY: SafetyForm,
    Step.PLACE: PlaceForm,
    Step.CONFIRM: ConfirmForm,
    Step.CRISIS: CrisisForm,
    Step.HAPPENED: HappenedForm,
    Step.MINOR: MinorForm,
    Step.PLATFORMS: PlatformsForm,
    Step.WANTS: WantsForm,
}
TEMPLATES = {
    Step.PLACE: "chat/place.html",
    Step.CONFIRM: "chat/confirm.html",
    Step.CRISIS: "chat/crisis.html",
}


def _screen(
    request: HttpRequest,
    state: FlowState,
    *,
    form=None,
    lookup: PlaceLookup | None = None,
    restarted: bool = False,
) -> HttpResponse:
    """Render the screen for `state.step`."""
    context = {
        "state": state,
        "token": state_dumps(state),
        "step_number": step_number(state.step),
        "step_total": len(NUMBERED),
        "restarted": restarted,
        "emergency": jurisdiction_graph().emergency_number(state.place) if state.place_confirmed else "",
    }
    if state.step == Step.PLAN:
        plan = plan_for(state)
        context.update(plan=plan, answers=answer_rows(state, plan.place_name))
        return render(request, "chat/plan.html", context)
    if form is None:
        form = FORMS[state.step]()
    context["form"] = form
    if form.is_bound and form.errors:
        context["errors"] = [str(message) for messages in form.errors.values() for message in messages]
        context["error_anchor"] = _error_anchor(state.step, form, lookup)
    if state.step == Step.PLACE:
        context.update(
            picker=place_picker(),
            current=state.place if state.place_confirmed else "",
            lookup=lookup,
        )
    elif state.step == Step.CONFIRM:
        context.update(place_name=place_name(state.place), is_global=state.place == GLOBAL, lookup=lookup)
    elif state.step == Step.CRISIS:
        context["plan"] = plan_for(state)
    else:
        selected = _selected(state, state.step)
        if form.is_bound:
            selected = set(form.data.getlist(form.name))
        context["selected"] = selected
    return render(request, TEMPLATES.get(state.step, "chat/choice.html"), context)


def _error_anchor(step: Step, form, lookup: PlaceLookup | None) -> str:
    """The id of the first field to fix, for the error summary's link."""
    if step == Step.PLACE:
        return "place-1" if lookup and lookup.alternatives else "place-text"
    if step == Step.CONFIRM:
        return "place-1"
    return f"{form.name}-1"


def _selected(state: FlowState, step: Step) -> set[str]:
    match step:
        case Step.SAFETY:
            return {state.danger.value} if state.danger else set()
        case Step.HAPPENED:
            return {v.value for v in state.happened}
        case Step.MINOR:
            return {state.minor.value} if state.minor else set()
        case Step.PLATFORMS:
            return {v.value for v in state.platforms}
        case Step.WANTS:
            return {v.value for v in state.wants}
    return set()


@csrf_exempt
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The first screen. `?j=US-TX` (from a place's page) starts with that place, still to confirm."""
    code = request.GET.get("j", "").strip().upper()[:16]
    place = code if code != GLOBAL and place_known(code) else ""
    return _screen(request, flow_start(place=place))


@csrf_exempt
@require_POST
def step(request: HttpRequest) -> HttpResponse:
    """Every answer, "Back" and "Change" post here with the signed state."""
    try:
        state = flow_current(state_loads(request.POST.get("state", "")))
    except BadState:
        return _screen(request, flow_start(), restarted=True)
    action = request.POST.get("action", "answer")
    if action == "back":
        return _screen(request, flow_back(state))
    if action == "goto":
        try:
            target = Step(request.POST.get("goto", ""))
        except ValueError:
            target = state.step
        return _screen(request, flow_goto(state, target))
    if state.step == Step.PLAN:
        return _screen(request, state)
    form = FORMS[state.step](request.POST)
    if not form.is_valid():
        return _screen(request, state, form=form, lookup=getattr(form, "lookup", None))
    return _screen(request, flow_next(state, form.answer()), lookup=getattr(form, "lookup", None))


@csrf_exempt
@require_POST
def plan_print(request: HttpRequest) -> HttpResponse:
    """A printable, cited summary of the plan to take to the police, a school or a lawyer."""
    try:
        state = flow_current(state_loads(request.POST.get("state", "")))
    except BadState:
        return _screen(request, flow_start(), restarted=True)
    if state.step != Step.PLAN:
        return _screen(request, state)
    plan = plan_for(state)
    answers = {row.step: row.answers for row in answer_rows(state, plan.place_name)}
    context = {
        "plan": plan,
        "state": state,
        "token": state_dumps(state),
        "happened": answers[Step.HAPPENED],
        "where": answers[Step.PLATFORMS],
        "today": timezone.localdate(),
        "blank_rows": range(5),
        "base_url": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(request, "chat/plan_print.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def ask_page(request: HttpRequest) -> HttpResponse:
    """Ask a question in your own words; the answer cites the records it comes from.

    The question is echoed in this response only. With a signed state (from the plan), the
    place and the under-18 answer come from it.
    """
    state = None
    if request.POST.get("state"):
        try:
            state = state_loads(request.POST["state"])
        except BadState:
            state = None
    context = {"picker": place_picker(), "state": state, "token": state_dumps(state) if state else ""}
    if request.method == "GET":
        return render(request, "chat/ask.html", {**context, "form": AskForm()})
    form = AskForm(request.POST)
    context.update(form=form, prefill=request.POST.get("question", "")[:2000])
    if not form.is_valid():
        return render(request, "chat/ask.html", context)
    jurisdiction = form.cleaned_data["jurisdiction"] or (
        state.place if state and state.place_confirmed else None
    )
    minor = None
    if state and state.minor in (Minor.YES, Minor.NO):
        minor = state.minor == Minor.YES
    try:
        result = ask(question=form.cleaned_data["question"], jurisdiction=jurisdiction or None, minor=minor)
    except UnknownJurisdiction:
        result = ask(question=form.cleaned_data["question"], minor=minor)
    question = form.cleaned_data["question"]
    context.update(
        result=result,
        question=question,
        answer_html=markdown_html(result.answer),
        place_label=place_name(result.detection.code or GLOBAL),
        selected_place=form.cleaned_data["jurisdiction"] or result.detection.code or "",
        prefill=question if result.needs else "",
    )
    return render(request, "chat/ask.html", context)
