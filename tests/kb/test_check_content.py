"""check_content: counts, missing facts, the re-verification queues, and the coverage table."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kb.models import Jurisdiction, Law


@pytest.fixture
def texas_world(texas_world):
    """The shared small world, with the country routes it has no channel for marked 'none known'.

    check_content now reports a country without a police route or a support line as an error; this
    small world only has the channels the other tests need.
    """
    Jurisdiction.objects.filter(code="FR").update(none_known=["support"])
    Jurisdiction.objects.filter(code="GB").update(none_known=["police", "support"])
    Jurisdiction.objects.filter(code="US").update(none_known=["police"])
    return texas_world


def run(*args) -> str:
    out = StringIO()
    call_command("check_content", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_it_counts_records_and_reports_no_errors_on_good_content(texas_world):
    output = run()
    assert "laws 5, channels 5, guides 2" in output
    assert "Laws by status: Bill (not law) 1, In force 4" in output


def test_it_lists_stale_and_unverified_records_and_old_bills(texas_world):
    # an unverified record has no last_verified date (nobody checked it); a checked one can go stale
    Law.objects.filter(id="us-tx-penal-21-165").update(last_verified=None, verification="unverified")
    Law.objects.filter(id="us-take-it-down-act").update(last_verified=dt.date(2025, 1, 1))
    Law.objects.filter(id="us-defiance-act").update(last_verified=dt.date(2026, 6, 1))
    output = run()
    assert "Unverified records: 1 — law us-tx-penal-21-165" in output
    assert "law us-take-it-down-act" in output.split("Stale records")[1].split("\n")[0]
    assert "Bill watch (not re-checked for 90 days, or past their session): 1 — law us-defiance-act" in output


def test_a_law_without_a_citation_or_source_is_an_error(texas_world):
    law = Law.objects.get(id="us-tx-penal-21-165")
    law.citation = ""
    law.save()
    law.sources.all().delete()
    with pytest.raises(CommandError):
        run()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_content", stdout=out, stderr=out)
    assert "law us-tx-penal-21-165: citation is missing" in out.getvalue()
    assert "law us-tx-penal-21-165: has no source" in out.getvalue()


def test_places_with_neither_a_law_nor_a_note_are_listed(texas_world):
    output = run()
    line = next(x for x in output.splitlines() if x.startswith("Jurisdictions with no law"))
    assert "US-CA" in line and "US-TX" not in line
    assert "GB-ENG" in line  # its parent GB-EAW has no law in this small world either


def test_strict_mode_fails_when_coverage_targets_are_not_met(texas_world):
    with pytest.raises(CommandError, match="coverage targets"):
        run("--strict")


def test_it_writes_the_coverage_table(texas_world, tmp_path):
    target = tmp_path / "coverage.md"
    run("--coverage", str(target))
    text = target.read_text()
    assert "| US-TX | Texas | 1 | 1 | 0 | 1 | 0 |  |" in text
    assert "| laws | 5 | 250 |" in text
