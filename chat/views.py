"""The guided help and the question page. Thin views: read the signed state, run the flow, render.

No view here stores anything. The state comes back from the page, signed; free text (a typed
place, a question) is used for the response being built and dropped. The views are exempt
from CSRF because there is no session or account to act on, and a CSRF token would need a
cookie; public pages set none.

Every screen is a GET page, /help/step/?s=<signed state>, and every answer is a POST that
redirects to the next screen's GET page (POST-redirect-GET). So the phone's Back gesture goes to
the previous screen, never to the browser's "Confirm Form Resubmission" error. The state in the
URL holds only choices from fixed lists and a place code, never anything typed: the typed place is
looked up in the POST and dropped, and a question is only ever POSTed. A screen that must show
something from the typed text (an error, the places a name could mean) is the POST's own response,
and chat.js swaps its history entry for the GET page (history.replaceState), so Back still works.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from chat.ask import UnknownJurisdiction, ask
from chat.flow import NUMBERED, flow_back, flow_current, flow_goto, flow_next, flow_start, step_number
from chat.forms import (
    AskForm,
    ChoiceStepForm,
    ConfirmForm,
    CrisisForm,
    HappenedForm,
    MinorForm,
    PlaceForm,
    PlatformsForm,
    SafetyForm,
    WantsForm,
    WhoForm,
)
from chat.places import PlaceLookup, place_known, place_name, place_picker
from chat.plan import plan_for
from chat.state import BadState, FlowState, Minor, Step, state_dumps, state_loads
from chat.summary import answer_rows
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.localnames import place_local_name

FORMS = {
    Step.WHO: WhoForm,
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
    token = state_dumps(state)
    context = {
        "state": state,
        "token": token,
        "step_url": step_url(state),
        "back_url": step_url(flow_back(state)) if state.step != Step.WHO else "",
        "step_number": step_number(state.step),
        "step_total": len(NUMBERED),
        "restarted": restarted,
        "emergency": jurisdiction_graph().emergency_number(state.place) if state.place_confirmed else "",
    }
    if state.step == Step.PLAN:
        plan = plan_for(state)
        answers = [(row, step_url(flow_goto(state, row.step))) for row in answer_rows(state, plan.place_name)]
        context.update(plan=plan, answers=answers, print_url=_print_url(state))
        return render(request, "chat/plan.html", context)
    if form is None:
        form = _form(state)
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


def step_url(state: FlowState) -> str:
    """The GET page of a screen: the signed state (choices and a place code, no typed text) in the URL."""
    return f"{reverse('chat:step')}?{urlencode({'s': state_dumps(state)})}"


def _print_url(state: FlowState) -> str:
    return f"{reverse('chat:print')}?{urlencode({'s': state_dumps(state)})}"


def _form(state: FlowState, data=None):
    """The form of the current screen, worded for the person themself or for someone helping."""
    form_class = FORMS[state.step]
    if issubclass(form_class, ChoiceStepForm):
        return form_class(data, who=state.who)
    return form_class(data)


def _state_from(token: str) -> FlowState | None:
    try:
        return flow_current(state_loads(token))
    except BadState:
        return None


def _error_anchor(step: Step, form, lookup: PlaceLookup | None) -> str:
    """The id of the first field to fix, for the error summary's link."""
    if step == Step.PLACE:
        return "place-1" if lookup and lookup.alternatives else "place-text"
    if step == Step.CONFIRM:
        return "place-1"
    return f"{form.name}-1"


def _selected(state: FlowState, step: Step) -> set[str]:
    match step:
        case Step.WHO:
            return {state.who.value} if state.who else set()
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
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest) -> HttpResponse:
    """GET shows the screen of the state in `?s=`; POST takes an answer and redirects to the next screen."""
    if request.method == "GET":
        state = _state_from(request.GET.get("s", ""))
        return _screen(request, state or flow_start(), restarted=state is None)
    state = _state_from(request.POST.get("state", ""))
    if state is None:
        return _screen(request, flow_start(), restarted=True)
    action = request.POST.get("action", "answer")
    if action == "back":
        return HttpResponseRedirect(step_url(flow_back(state)), status=303)
    if action == "goto":
        try:
            target = Step(request.POST.get("goto", ""))
        except ValueError:
            target = state.step
        return HttpResponseRedirect(step_url(flow_goto(state, target)), status=303)
    if state.step == Step.PLAN:
        return HttpResponseRedirect(step_url(state), status=303)
    form = _form(state, request.POST)
    valid = form.is_valid()
    lookup = getattr(form, "lookup", None)  # set while validating a typed place
    if not valid:
        return _screen(request, state, form=form, lookup=lookup)
    after = flow_next(state, form.answer())
    if lookup is not None and (lookup.alternatives or lookup.note):
        return _screen(
            request, after, lookup=lookup
        )  # shows what the typed name could mean: this response only
    return HttpResponseRedirect(step_url(after), status=303)


@csrf_exempt
@require_GET
def plan_print(request: HttpRequest) -> HttpResponse:
    """A printable, cited summary of the plan to take to the police, a school or a lawyer."""
    state = _state_from(request.GET.get("s", ""))
    if state is None:
        return _screen(request, flow_start(), restarted=True)
    if state.step != Step.PLAN:
        return _screen(request, state)
    plan = plan_for(state)
    answers = {row.step: row.answers for row in answer_rows(state, plan.place_name)}
    context = {
        "plan": plan,
        "state": state,
        "token": state_dumps(state),
        "step_url": step_url(state),
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
    code = result.detection.code or GLOBAL
    context.update(
        result=result,
        question=question,
        place_label=place_name(code),
        place_short=place_local_name(code, result.detection.name or ""),
        selected_place=form.cleaned_data["jurisdiction"] or result.detection.code or "",
        prefill=question if result.needs else "",
        # What to do now leads with "do not pay" when the question speaks of a threat or a demand (not
        # whenever the blackmail guide is among those found: "a guy made a deepfake of me" is no threat).
        threatened=result.threat,
        emergency=jurisdiction_graph().emergency_number(code) if result.danger else "",
    )
    return render(request, "chat/ask.html", context)
