"""The rules that keep content honest: real links, real verification dates, official means official."""

import datetime as dt
from pathlib import Path

import pytest

from kb.content.links import is_mirror, url_kind
from kb.content.validate import ContentInvalid, parse_tree
from kb.coverage import citation_key, content_health, un_member_states
from kb.models import Jurisdiction, law_status_on
from tests.kb.test_content_loader import JURISDICTIONS, LAW, write_tree


def errors_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    write_tree(tmp_path, {**JURISDICTIONS, **files})
    paths = sorted(p for p in tmp_path.rglob("*.md"))
    try:
        parse_tree(paths, tmp_path, set())
    except ContentInvalid as exc:
        return [str(e) for e in exc.errors]
    return []


def law(**changes: str) -> dict[str, str]:
    text = LAW
    for old, new in changes.items():
        old = old.replace("__", " ")
        assert old in text, old
        text = text.replace(old, new, 1)
    return {"us/tx/laws/us-tx-penal-21-165.md": text}


def test_the_example_law_is_valid(tmp_path):
    assert errors_for(tmp_path, law()) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://i4c.pages.dev/report",
        "https://file-hippo.netlify.app/cybertip",
        "https://d1tvxue8o4w0fl.cloudfront.net/statute.pdf",
        "https://webapp.staging.hateaid.app/",
        "https://legiscan.com./NJ/bill/A3540/2024",
        "https://s3.us-west-2.amazonaws.com/bucket/law.pdf",
        "https://redlib.yazo.ink/r/RedditSafety",
        "https://nocache.womenslaw.org/laws/mn/statutes/617261",
        "https://www.customsmobile.com/uscode/title15_chapter94A_section6851",
    ],
)
def test_mirror_and_proxy_hosts_are_refused_as_sources(tmp_path, url):
    assert is_mirror(url)
    errors = errors_for(
        tmp_path,
        law(
            **{
                "  title: Texas Penal Code chapter 21": f"  title: Texas Penal Code chapter 21\n- url: {url}\n  title: copy"
            }
        ),
    )
    assert any("sources: source 2" in e and "copies or proxies" in e for e in errors)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.legislation.gov.uk/ukpga/2003/42/section/66B",
        "https://stopncii.org/",
        "https://law.moj.gov.tw/x",
    ],
)
def test_original_hosts_are_not_mirrors(url):
    assert not is_mirror(url)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm#21.165", "text"),
        ("https://www.e-sbirka.cz/sb/2009/40", "text"),  # Sbírka zákonů: the collection of laws
        ("https://oregonlegislature.gov/bills_laws/ors/ors163.html", "text"),
        ("https://archive.legmt.gov/bills/mca/title_0450/chapter_0080/index.html", "text"),
        ("https://le.utah.gov/xcode/Title76/Chapter5B/76-5b-S203.html", "text"),  # a code section, not SB 203
        ("https://legilux.public.lu/eli/etat/leg/loi/2021/04/16/a323/jo", "text"),  # an ELI, not bill A323
        ("https://www.parliament.gov.xx/", "homepage"),
        ("https://laws.example.gov/index.html", "homepage"),
        ("https://leg.colorado.gov/bills/sb25-288", "bill"),
        ("https://legis.la.gov/legis/BillInfo.aspx?s=24RS&b=SB6", "bill"),
        ("https://www.parl.ca/legisinfo/en/bill/45-1/c-16", "bill"),
        ("https://www.njleg.state.nj.us/bill-search/2024/A3540", "bill"),
    ],
)
def test_url_kinds(url, kind):
    assert url_kind(url) == kind


def test_an_in_force_law_linking_to_a_homepage_needs_a_url_note(tmp_path):
    home = law(
        **{
            "url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm\n": "url: https://statutes.capitol.texas.gov/\n"
        }
    )
    assert any("url: is a site's homepage" in e for e in errors_for(tmp_path, home))
    noted = law(
        **{
            "url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm\n": "url: https://statutes.capitol.texas.gov/\n"
            "url_note: The official site has no deep links to sections.\n"
        }
    )
    assert errors_for(tmp_path, noted) == []


def test_an_in_force_law_linking_to_its_bill_is_refused_but_a_bill_may(tmp_path):
    bill_link = "url: https://capitol.texas.gov/BillLookup/History.aspx?LegSess=88R&Bill=SB1361\n"
    as_law = law(**{"url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm\n": bill_link})
    assert any("is a bill page" in e for e in errors_for(tmp_path, as_law))
    as_bill = law(
        **{
            "url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm\n": bill_link,
            "status: in_force\nin_force: 2023-09-01\n": "status: bill\nenacted: 2023-03-01\n",
        }
    )
    assert errors_for(tmp_path, as_bill) == []


def test_an_unverified_record_carries_no_last_verified_date(tmp_path):
    files = law(
        **{
            "verification: official\nlast_verified: 2026-11-01\n": "verification: unverified\nlast_verified: 2026-11-01\n"
        }
    )
    assert any("an unverified record has no last_verified date" in e for e in errors_for(tmp_path, files))
    honest = law(**{"verification: official\nlast_verified: 2026-11-01\n": "verification: unverified\n"})
    assert errors_for(tmp_path, honest) == []


def test_a_checked_record_needs_its_date(tmp_path):
    files = law(**{"verification: official\nlast_verified: 2026-11-01\n": "verification: secondary\n"})
    assert any("needs the date someone checked it" in e for e in errors_for(tmp_path, files))


def test_official_needs_a_source_on_an_official_domain_of_the_place_or_its_parents(tmp_path):
    elsewhere = "https://lawserver.com/law/state/texas/tx-penal-21-165"
    files = law(
        **{
            "url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm\n": f"url: {elsewhere}\n",
            "- url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm": f"- url: {elsewhere}",
        }
    )
    assert any("no source is on an official domain of US-TX" in e for e in errors_for(tmp_path, files))
    federal = "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title15-section6851"
    inherited = law(
        **{
            "url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm\n": f"url: {elsewhere}\n",
            "- url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm": f"- url: {federal}",
        }
    )
    assert errors_for(tmp_path, inherited) == []


def test_a_bill_has_a_session_end_and_a_law_does_not(tmp_path):
    files = law(
        **{
            "status: in_force\nin_force: 2023-09-01\n": "status: in_force\nin_force: 2023-09-01\nsession_end: 2023-06-01\n"
        }
    )
    assert any("only a bill has a session end" in e for e in errors_for(tmp_path, files))


def test_an_enacted_law_is_in_force_from_its_date_without_an_edit():
    day = dt.date(2026, 12, 2)
    assert law_status_on("enacted", day, dt.date(2026, 12, 1)) == "enacted"
    assert law_status_on("enacted", day, day) == "in_force"
    assert law_status_on("enacted", None, day) == "enacted"
    assert law_status_on("bill", dt.date(2020, 1, 1), day) == "bill"


def test_status_now_label_says_when_an_enacted_law_comes_into_force(make_jurisdiction, make_law, world):
    future = dt.date.today() + dt.timedelta(days=30)
    record = make_law("us-tx-future", "US-TX", status="enacted", in_force=future)
    assert record.status_now == "enacted"
    assert record.status_now_label.startswith("In force from ")
    past = make_law("us-tx-past", "US-TX", status="enacted", in_force=dt.date(2020, 1, 1))
    assert past.status_now == "in_force"
    assert past.status_now_label == "In force"


def test_citations_that_differ_only_in_form_are_the_same():
    assert citation_key("Tex. Penal Code § 21.165") == citation_key("tex penal code s 21.165")
    assert citation_key("Sexual Offences Act 2003, section 66B") == citation_key(
        "Sexual Offences Act 2003 s. 66B"
    )
    assert citation_key("s. 66B") != citation_key("s. 66E")


def test_records_of_one_provision_must_agree_on_status_and_dates(world, make_law):
    make_law("gb-a", "GB-EAW", citation="Crime and Policing Act 2026, s. 1", status="in_force")
    make_law("gb-b", "GB-EAW", citation="Crime and Policing Act 2026 s 1", status="enacted")
    health = content_health(stale_days=180, bill_days=90)
    assert any("disagree on status" in str(f) for f in health.errors)


def test_a_danger_line_must_be_a_line_someone_can_talk_to(world, make_channel):
    make_channel("victim-support", kind="support", phone="0808 16 89 111", tags=["danger"])
    make_channel("a-website", kind="support", tags=["danger"])
    make_channel("crisis-line", kind="crisis", tags=["danger"])
    make_channel("some-website", kind="platform", tags=["danger"])
    health = content_health(stale_days=180, bill_days=90)
    flagged = [str(f) for f in health.errors if "tagged danger" in str(f)]
    assert flagged == [
        "channel a-website: is tagged danger but is a support channel, not a line to call now",
        "channel some-website: is tagged danger but is a platform channel, not a line to call now",
    ]


def test_a_country_needs_a_police_route_and_a_support_line_or_says_none_is_known(
    world, make_jurisdiction, make_channel
):
    make_jurisdiction("NP", "Nepal", emergency_number="100")
    health = content_health(stale_days=180, bill_days=90)
    problems = [str(f) for f in health.errors if f.record == "jurisdiction NP"]
    assert any("no police route" in p for p in problems) and any("no support line" in p for p in problems)
    make_channel("np-police", ("NP",), kind="police")
    Jurisdiction.objects.filter(code="NP").update(none_known=["support"])
    health = content_health(stale_days=180, bill_days=90)
    assert [str(f) for f in health.errors if f.record == "jurisdiction NP"] == []


def test_the_un_member_list_has_193_states():
    members = un_member_states()
    assert len(members) == 193
    assert {"SS", "NP", "MA"} <= members and not {"VA", "PS", "TW", "HK"} & members
