import csv
import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.core.cache import cache
from django.core.management import call_command

from kb.models import Law
from policy.dataset import TABLES, dataset_build, dataset_zip

DAY = dt.date(2026, 11, 28)
FILES = {
    "laws.csv",
    "channels.csv",
    "jurisdictions.csv",
    "guides.csv",
    "sources.csv",
    "dataset.json",
    "DATA_DICTIONARY.md",
    "LICENSE",
    "README.md",
}


@pytest.fixture
def records(world, make_law, make_channel, make_guide):
    make_law("us-tx-penal", "US-TX", civil_remedies=["damages", "injunction"], covers_creation=True)
    make_law("us-tx-bill", "US-TX", status="bill")
    make_law("fr-draft", "FR", review_status="draft")
    make_channel("stopncii", ["GLOBAL"], steps=["Make a hash", "Submit it"])
    make_guide("evidence", [])
    cache.clear()


def unzip(body: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def rows(files, name):
    return list(csv.DictReader(io.StringIO(files[name].decode())))


def test_export_dataset_writes_one_versioned_archive_with_every_file(records, tmp_path):
    call_command("export_dataset", out=str(tmp_path), date="2026-11-28", stdout=io.StringIO())
    [archive] = list(tmp_path.iterdir())
    assert re.fullmatch(r"recourse-dataset-2026-11-28-[0-9a-f]{8}\.zip", archive.name)
    files = unzip(archive.read_bytes())
    assert set(files) == FILES
    assert "2026-11-28" in files["README.md"].decode()
    assert (
        "CC BY 4.0" in files["LICENSE"].decode()
        and "creativecommons.org/licenses/by/4.0" in files["LICENSE"].decode()
    )


def test_only_published_records_and_their_sources_are_included(records):
    files = dataset_build(today=DAY).files
    assert [r["id"] for r in rows(files, "laws.csv")] == ["us-tx-bill", "us-tx-penal"]
    assert {(r["record_type"], r["record_id"]) for r in rows(files, "sources.csv")} == {
        ("law", "us-tx-bill"),
        ("law", "us-tx-penal"),
    }
    bill = rows(files, "laws.csv")[0]
    assert bill["status"] == "bill"  # a bill's status is always there


def test_csv_and_json_hold_the_same_records_in_their_own_forms(records):
    files = dataset_build(today=DAY).files
    law = next(r for r in rows(files, "laws.csv") if r["id"] == "us-tx-penal")
    assert (law["civil_remedies"], law["covers_creation"], law["covers_threats"]) == (
        "damages;injunction",
        "true",
        "",
    )
    data = json.loads(files["dataset.json"])
    assert data["licence"]["id"] == "CC-BY-4.0"
    js = next(r for r in data["tables"]["laws"] if r["id"] == "us-tx-penal")
    assert (js["civil_remedies"], js["covers_creation"], js["covers_threats"]) == (
        ["damages", "injunction"],
        True,
        None,
    )
    for table in TABLES:
        assert len(data["tables"][table]) == len(rows(files, f"{table}.csv"))


def test_every_column_is_explained_in_the_data_dictionary(records):
    files = dataset_build(today=DAY).files
    dictionary = files["DATA_DICTIONARY.md"].decode()
    for table in TABLES:
        header = next(csv.reader(io.StringIO(files[f"{table}.csv"].decode())))
        assert f"## {table}.csv" in dictionary
        for column in header:
            assert f"| `{column}` |" in dictionary, (table, column)


def test_the_version_hash_follows_the_content_not_the_day(records):
    first = dataset_build(today=DAY)
    assert dataset_build(today=DAY + dt.timedelta(days=1)).content_hash == first.content_hash
    assert dataset_zip(dataset_build(today=DAY)) == dataset_zip(first)  # byte-identical
    law = Law.objects.get(id="us-tx-bill")
    law.status = "in_force"
    law.save()
    assert dataset_build(today=DAY).content_hash != first.content_hash


def test_the_data_page_offers_the_archive_the_comparison_and_the_api(client, records):
    html = client.get("/data/").content.decode()
    assert 'href="/data/download"' in html
    assert "/compare.csv?j=US-CA,US-TX,GB-EAW,FR" in html and "/compare.json?" in html
    assert 'href="/api/docs/"' in html
    assert "CC BY 4.0" in html
    for columns in TABLES.values():
        for column in columns:
            assert f"<code>{column.name}</code>" in html


def test_the_download_is_built_once_per_content_version(client, records, django_assert_max_num_queries):
    first = client.get("/data/download")
    assert first["Content-Type"] == "application/zip"
    assert re.search(
        r'filename="recourse-dataset-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip"', first["Content-Disposition"]
    )
    assert set(unzip(first.content)) == FILES
    with django_assert_max_num_queries(5):  # the fingerprint only: the archive comes from the cache
        again = client.get("/data/download")
    assert again.content == first.content
    Law.objects.filter(id="us-tx-bill").update(status="failed")
    Law.objects.get(id="us-tx-bill").save()  # a new version: a new fingerprint and a new hash
    assert client.get("/data/download")["Content-Disposition"] != first["Content-Disposition"]
