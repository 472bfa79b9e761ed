"""The policymakers' pages in Spanish, French and Portuguese: words, status labels and place names."""

import datetime as dt
import re

import pytest

from tests.chat.test_views import h1

QUERY = "j=US-TX,FR,GB-EAW"


@pytest.fixture
def laws(compare_laws, make_law):
    make_law("fr-law", "FR", enacted=dt.date(2024, 5, 21), covers_creation=True)


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (f"/es/compare/?{QUERY}", "Comparar leyes sobre deepfakes sexuales y abuso con imágenes íntimas"),
        ("/fr/map/", "Comment les lieux traitent les deepfakes sexuels"),
        ("/pt/map/us/", "Como os estados dos EUA tratam os deepfakes sexuais"),
        ("/es/timeline/", "Leyes sobre abuso con imágenes íntimas aprobadas cada año"),
        ("/fr/data/", "Télécharger les données"),
        ("/pt/changes/", "Mudanças recentes"),
    ],
)
def test_each_policymakers_page_speaks_the_language_of_its_address(client, laws, url, title):
    response = client.get(url)
    assert response.status_code == 200
    assert h1(response) == title
    assert f'<html lang="{url[1:3]}"' in response.content.decode()


def test_the_compare_page_translates_facts_cells_statuses_and_place_names(client, laws):
    html = client.get(f"/es/compare/?{QUERY}").content.decode()
    assert ">Delito<" in html and "Crearla ya es un delito" in html  # facts
    assert "Proyecto de ley pendiente" in html  # a cell value
    assert "Por interpretación · Proyecto de ley pendiente" in html
    assert "Sí: en 48 horas (de Estados Unidos)" in html  # inherited from a place named in Spanish
    assert ">En vigor<" in html  # a status label
    assert re.search(r'<a href="/es/places/FR/">Francia</a>', html)  # a place name, from ISO 3166
    assert re.search(r'<a href="/es/places/US-TX/">Texas</a>', html)
    assert "England and Wales" in html  # our own code, not ISO: the English name stays
    assert "Criminal offence" not in html and "Bill pending" not in html


def test_places_typed_in_the_readers_language_are_found(client, laws):
    response = client.get("/es/compare/", {"add": "Francia, Texas"})
    assert [c.code for c in response.context["matrix"].columns] == ["FR", "US-TX"]


def test_the_map_table_names_places_in_the_readers_language(client, laws):
    html = client.get("/fr/map/").content.decode()
    assert re.search(r'<th scope="row"><a href="/fr/places/US/">États-Unis</a></th>', html)
    assert "Loi pénale spécifique" in html  # the legend


def test_the_data_page_says_the_data_stays_in_english(client, laws):
    html = client.get("/es/data/").content.decode()
    assert "Los datos y este diccionario de sus columnas están en inglés." in html
    assert '<td lang="en">' in html
    assert "Los datos y este diccionario" not in client.get("/data/").content.decode()


def test_the_changes_page_labels_changes_in_the_readers_language(client, laws):
    html = client.get("/pt/changes/").content.decode()
    assert "Novo" in html and "Lei:" in html


def test_the_downloads_keep_the_place_codes(client, laws):
    rows = client.get(f"/es/compare.csv?{QUERY}").content.decode().splitlines()
    assert rows[0].split(",") == ["fact", "label", "US-TX", "FR", "GB-EAW"]


@pytest.mark.parametrize("url", ["/fr/timeline/", "/es/map/", "/pt/map/us/"])
def test_drawing_coordinates_never_take_a_decimal_comma(client, laws, url):
    """French, Spanish and Portuguese write 280,5: an SVG attribute must stay 280.5 or nothing is drawn."""
    html = client.get(url).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert re.search(r'(?:y1|height|viewBox)="[\d.]+', svg)
    assert not re.search(r'\s(?:x|y|x1|x2|y1|y2|width|height)="-?\d+,\d', svg)
