"""Every word in one place per language: each locale says everything the others say, and a
new language is one locale entry (plus the catalog's names in it)."""

from __future__ import annotations

import dataclasses

import pytest

import ward_analysis as wa
from ward_analysis import WardAnalysisError
from ward_analysis.present.format import format_value
from ward_analysis.present.locale import EN, LOCALES, STATUS_COLOURS, VI, get_locale
from ward_analysis.present.tables import status_table_html
from ward_analysis.schema import BACKTEST_METHODS, STATUSES

from .conftest import make_catalog, obs_frame


@pytest.mark.parametrize("locale", LOCALES.values(), ids=list(LOCALES))
def test_every_locale_says_everything(locale):
    assert set(locale.statuses) == set(STATUSES) == set(STATUS_COLOURS)
    assert set(locale.backtest_methods) == set(BACKTEST_METHODS)
    assert set(locale.words) == set(VI.words)
    assert set(locale.sentences) == set(VI.sentences)
    assert set(locale.comparators) == set(VI.comparators)


def test_an_unknown_language_names_itself():
    with pytest.raises(WardAnalysisError, match="unknown language 'fr' \\(use vi or en\\)"):
        get_locale("fr")


def test_numbers_follow_the_locale():
    assert VI.number(12345.67, 1) == "12.345,7" and EN.number(12345.67, 1) == "12,345.7"
    assert VI.with_unit("79,1", "%") == "79,1 %" and EN.with_unit("79.1", "%") == "79.1%"
    assert EN.unit("đường") == "" and VI.unit("đường") == "đường"
    assert VI.number(-0.04, 1) == "0,0"  # no minus on a figure that rounds to zero


FR = dataclasses.replace(
    EN,
    code="fr",
    decimal=",",
    thousands="\u202f",
    percent_space=True,
    statuses={**EN.statuses, "missed": "Non atteint", "on_track": "En bonne voie"},
    sentences={**EN.sentences, ("end_level", "open"): "{name} : {lv} en {ly} ; probabilité {p}."},
)


SHARE_80 = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 80}


@pytest.fixture
def french(monkeypatch):
    monkeypatch.setitem(LOCALES, "fr", FR)


def test_a_new_language_is_one_locale_entry(tmp_path, french):
    catalog = make_catalog(tmp_path, SHARE_80 | {"name_fr": "Couverture santé"})
    a = wa.assess(catalog, obs_frame({"4": {2021: 70.5, 2022: 75.25, 2023: 78}}), 2023)
    described = wa.describe(a, catalog, lang="fr")
    assert described["status_label"].iloc[0] in FR.statuses.values()
    assert described["explanation"].iloc[0].startswith("Couverture santé : 78,0 % en 2023 ;")
    assert format_value(1234.5, "%", lang="fr") == "1\u202f234,5 %"
    html = status_table_html(a, catalog, lang="fr")
    assert "Couverture santé" in html and "Achieved" not in html


def test_a_language_the_catalog_has_no_names_in_is_an_error(tmp_path, french):
    catalog = make_catalog(tmp_path, SHARE_80)
    a = wa.assess(catalog, obs_frame({"4": {2021: 70.5, 2022: 78}}), 2022)
    with pytest.raises(WardAnalysisError, match="target '4' has no name in 'fr' \\(add name_fr"):
        wa.describe(a, catalog, lang="fr")
