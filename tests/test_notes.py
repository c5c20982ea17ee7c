"""A page reads in its own language: the data notes, the banner and the readings.

Every rejected cell and every figure read with an assumption or missing is said from its code,
in the page's language; the catalog's notice and readings come in each language; the English
detail of reading stays in the tidy files for analysts.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
import yaml

import ward_analysis
from ward_analysis import CatalogError, config, load_catalog, read_reports
from ward_analysis.errors import ParseError
from ward_analysis.present.locale import EN, LOCALES, VI
from ward_analysis.present.notes import NOTE_KINDS, data_notes, notes_html
from ward_analysis.present.tables import banner_html
from ward_analysis.read.numbers import MISSING_DETAILS, MISSING_MARKERS
from ward_analysis.read.rows import reject_record
from ward_analysis.schema import (
    FLAG_CODES,
    MISSING_FLAGS,
    REJECT_CODES,
    ROLLED_UP_FLAG,
    ROLLUP_MISSING_FLAGS,
    flag_entry,
    split_flags,
)

from .conftest import make_catalog, obs_frame

READ = Path(ward_analysis.__file__).parent / "read"
YEARS = range(2020, 2026)
#: English that must not reach a Vietnamese page (reading's reasons, developer words).
ENGLISH = ("the ", " is ", "not a number", "figure", "aliases", "catalog", "cagr", "target",
           "data/raw")  # fmt: skip
#: A quote of the ward's own text (a cell, a column, a clerk's note, a resolution).
QUOTED = re.compile(r"“[^”]*”")
#: A file path or a file name of the project's own files.
PATH = re.compile(r"\w/\w|\.(?:md|ya?ml|csv|xlsx|py)\b")


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(), read_reports()


def notes_of(shipped, year: int, lang: str) -> list[str]:
    catalog, result = shipped
    notes = data_notes(catalog, result.observations, result.rejects, catalog.unit, year, lang=lang)
    return [n.heading for n in notes] + [n.text for n in notes]


def vietnamese_words() -> set[str]:
    """The Vietnamese locale's own words in the notes: every piece of text between the
    fields of its note templates, reasons and flags, its headings (Vietnamese, 4+ letters)."""
    templates = [t for k, t in VI.words.items() if k.startswith("note")]
    templates += [*VI.reject_reasons.values(), *VI.flags.values()]
    pieces = (p for t in templates for p in re.split(r"\{[^}]*\}|[“”()—;:,.]", t))
    return {p.strip() for p in pieces if re.search(r"[À-ỹĐđ]", p) and len(p.strip()) >= 4}


# --- codes: one registry, a phrase in every language ---------------------------------------


def codes_set_in(source: str) -> tuple[set[str], set[str]]:
    """(reject codes, flag codes) written as constants where reading sets them: a
    ``ParseError``'s code, the code argument of ``reject``/``reject_record``/
    ``_observation_reject``, a ``flag_entry``'s or a ``Basis``'s code."""
    rejects, flags = set(), set()
    at = {"reject": 3, "reject_record": 6, "_observation_reject": 1}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        given = [(None, a) for a in node.args] + [(k.arg, k.value) for k in node.keywords]
        text = {i: a.value for i, (_, a) in enumerate(given) if isinstance(a, ast.Constant)}
        code = [a.value for k, a in given if k == "code" and isinstance(a, ast.Constant)]
        if name == "ParseError":
            rejects.update(code or ([text[1]] if 1 in text else []))
        elif name in at and at[name] in text:
            rejects.add(text[at[name]])
        elif name == "flag_entry" and 0 in text:
            flags.add(text[0])
        elif name == "Basis" and 2 in text:
            flags.add(text[2])
    return rejects, flags


def test_every_code_reading_sets_is_registered_and_every_registered_code_is_set():
    rejects, flags = {inspect.signature(ParseError).parameters["code"].default}, set()
    for path in sorted(READ.glob("*.py")):
        found = codes_set_in(path.read_text(encoding="utf-8"))
        rejects |= found[0]
        flags |= found[1]
    assert rejects == set(REJECT_CODES)
    assert set(MISSING_MARKERS.values()) == set(MISSING_DETAILS) == set(MISSING_FLAGS)
    rollup = (READ.parent / "model" / "rollup.py").read_text(encoding="utf-8")
    assert all(f'"{code}"' in rollup for code in (ROLLED_UP_FLAG, *ROLLUP_MISSING_FLAGS))
    assert flags | set(MISSING_FLAGS) | {ROLLED_UP_FLAG, *ROLLUP_MISSING_FLAGS} == set(FLAG_CODES)


def test_the_code_scan_sees_a_code():
    source = 'raise ParseError("x", code="new_one")\nreject(c, raw, t, "other", why)\n'
    source += 'flags.append(flag_entry("third", d))\nParseError("y", "fourth")'
    assert codes_set_in(source) == ({"new_one", "other", "fourth"}, {"third"})


@pytest.mark.parametrize("locale", LOCALES.values(), ids=list(LOCALES))
def test_every_code_has_a_phrase_in_every_locale(locale):
    assert set(locale.reject_reasons) == set(REJECT_CODES)
    assert set(locale.flags) == set(FLAG_CODES)
    assert all(p.strip() for p in [*locale.reject_reasons.values(), *locale.flags.values()])
    assert {f"notes_kind_{k}" for k in NOTE_KINDS} <= set(locale.words)


def test_an_unregistered_code_is_refused_where_it_is_set():
    with pytest.raises(ValueError, match="unknown reject code 'typo'"):
        reject_record("f.csv", 3, "c", "x", "4", 2023, "typo", "why")
    with pytest.raises(ValueError, match="unknown flag code 'typo'"):
        flag_entry("typo", "why")


def test_the_codes_are_documented_with_the_derived_files():
    readme = (config.RAW_DIR / "README.md").read_text(encoding="utf-8")
    assert [c for c in (*REJECT_CODES, *FLAG_CODES) if f"`{c}`" not in readme] == []


def test_a_flag_splits_into_its_entries_whatever_its_details_say():
    flag = "; ".join([flag_entry("missing_dash", "no figure (dash; maybe 0)"),
                      flag_entry("confirmed", "checked: office"), "typed; by hand"])  # fmt: skip
    assert split_flags(flag) == [
        ("missing_dash", "no figure (dash; maybe 0)"),
        ("confirmed", "checked: office; typed; by hand"),
    ]
    assert split_flags("typed by hand; confirmed: yes") == [
        (None, "typed by hand"),
        ("confirmed", "yes"),
    ]
    assert split_flags(None) == split_flags(float("nan")) == split_flags("") == []


# --- the shipped data, every year, both languages -----------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_a_vietnamese_page_has_no_english_and_an_english_page_no_vietnamese_words(shipped, year):
    catalog, _ = shipped
    vi = "\n".join([banner_html(catalog, "vi"), *notes_of(shipped, year, "vi")]).casefold()
    assert [w for w in ENGLISH if w in vi] == []
    en = QUOTED.sub("“”", "\n".join([banner_html(catalog, "en"), *notes_of(shipped, year, "en")]))
    assert sorted(w for w in vietnamese_words() if w in en) == []


def test_the_word_check_sees_a_word():
    assert "không có số liệu" in vietnamese_words() and "Chỉ tiêu" in vietnamese_words()
    assert "Số liệu còn thiếu" in vietnamese_words()  # a heading


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_rejected_2O_percent_names_its_target_where_and_why(shipped, lang):
    catalog, result = shipped
    notes = data_notes(catalog, result.observations, result.rejects, catalog.unit, 2024, lang=lang)
    (note,) = [n for n in notes if "“2O%”" in n.text]
    locale = LOCALES[lang]
    subject = locale.word("notes_target_year", id="16a", name=catalog["16a"].name(lang), year=2024)
    assert note.kind == "rejected" and note.text.startswith(subject + ":")
    assert "bieu_chi_tieu_2024.xlsx" in note.text and "37" in note.text
    assert "“Thực hiện năm 2024”" in note.text
    assert note.text.endswith(locale.reject_reasons["bad_value"] + ".")
    assert "stray characters" not in note.text  # reading's English detail stays in rejects.csv
    (reject,) = result.rejects.query("raw_text == '2O%'").itertuples()
    assert "stray characters" in reject.reason


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_missing_figure_is_said_from_its_code_beside_the_clerks_note(shipped, lang):
    catalog, result = shipped
    notes = data_notes(catalog, result.observations, result.rejects, catalog.unit, 2023, lang=lang)
    locale = LOCALES[lang]
    subject = locale.word("notes_target_year", id="9", name=catalog["9"].name(lang), year=2023)
    (note,) = [n.text for n in notes if n.kind == "missing" and n.text.startswith(subject)]
    assert locale.flags["missing_dash"] in note and "“Chưa có kết quả công nhận”" in note
    assert "may mean 'did not occur'" not in note


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_banner_says_the_notice_in_the_pages_language_without_a_file_path(shipped, lang):
    catalog, _ = shipped
    banner = banner_html(catalog, lang)
    notice = catalog.header.notice(lang)
    assert notice and notice in banner and not PATH.search(notice)
    vietnamese = bool(re.search(r"[À-ỹĐđ]", notice))
    assert vietnamese == (lang == "vi")
    assert banner_html(catalog) == banner_html(catalog, "vi")


def test_the_readings_are_listed_in_the_pages_language(shipped):
    catalog, result = shipped
    for lang in ("vi", "en"):
        notes = data_notes(catalog, result.observations, None, catalog.unit, 2025, lang=lang)
        readings = [n.text for n in notes if n.kind == "readings"]
        own = [t for t in catalog if t.reading_in(lang)]
        assert len(readings) == len(own) + len(catalog.header.readings_in(lang))
        assert readings[0] == catalog.header.readings_in(lang)[0]
    assert all(t.reading_vi and t.reading_en for t in catalog if t.reading_vi or t.reading_en)
    assert "CAGR" in catalog["1"].reading_en and "bình quân" in catalog["1"].reading_vi


# --- the catalog: text per language -------------------------------------------------------


def write(tmp_path: Path, doc: dict) -> Path:
    base = {"unit": "Phường Thử", "base_year": 2020, "first_year": 2021, "target_year": 2025}
    target = {"id": "4", "item": 4, "text_vi": "x", "name_vi": "Bảo hiểm y tế",
              "name_en": "Health insurance", "kind": "end_level", "measure": "share",
              "comparator": ">=", "threshold": 80, "unit_of_measure": "%"}  # fmt: skip
    targets = [target | doc.pop("target", {})]
    path = tmp_path / "catalog.yaml"
    text = yaml.safe_dump(base | doc | {"targets": targets}, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_notice_for_every_language_comes_before_the_pages_own(tmp_path):
    header = load_catalog(
        write(tmp_path, {"data_notice": "ALL.", "data_notice_en": "Only en."})
    ).header
    assert (header.notice("vi"), header.notice("en")) == ("ALL.", "ALL. Only en.")
    header = load_catalog(write(tmp_path, {"data_notice_vi": "Chỉ vi."})).header
    assert (header.notice("vi"), header.notice("en")) == ("Chỉ vi.", None)


def test_a_plain_reading_is_the_english_one_and_old_catalogs_load(tmp_path):
    target = load_catalog(write(tmp_path, {"target": {"reading": "Read as a floor."}}))["4"]
    assert (target.reading_en, target.reading, target.reading_in("vi")) == (
        "Read as a floor.", "Read as a floor.", None)  # fmt: skip
    doc = {"readings": {"years": "Plain English.", "both": {"vi": "Tiếng Việt.", "en": "English."}}}
    header = load_catalog(write(tmp_path, doc)).header
    assert header.readings_in("en") == ["Plain English.", "English."]
    assert header.readings_in("vi") == ["Tiếng Việt."]


@pytest.mark.parametrize(
    ("doc", "match"),
    [
        ({"target": {"reading": "a", "reading_en": "b"}}, r"reading: give either reading"),
        ({"readings": {"years": {"vi": ""}}}, r"readings\.years: expected a text in each language"),
        ({"readings": ["a"]}, r"readings: expected a mapping"),
        ({"data_notice_vi": ["a"]}, r"data_notice_vi: expected a text"),
        ({"data_notice_fr": "x"}, r"unknown field\(s\) 'data_notice_fr'"),
    ],
)
def test_a_wrong_text_field_is_refused_naming_it(tmp_path, doc, match):
    with pytest.raises(CatalogError, match=match):
        load_catalog(write(tmp_path, doc))


def test_a_flag_typed_without_a_code_is_shown_as_written(tmp_path):
    catalog = make_catalog(tmp_path, {"id": "4", "kind": "end_level", "measure": "share",
                                      "comparator": ">=", "threshold": 80})  # fmt: skip
    obs = obs_frame({"4": {2022: 70}}).assign(flag="đã gọi điện xác minh")
    (note,) = data_notes(catalog, obs, None, "Phường Thử", 2022, lang="en")
    assert note.kind == "assumed" and note.text == "Target 4 (Target), 2022: đã gọi điện xác minh."
    gap = obs_frame({"4": {2022: float("nan")}}).assign(flag=flag_entry("missing_blank", "blank"))
    (note,) = data_notes(catalog, gap, None, "Phường Thử", 2022, lang="vi")
    assert (
        note.text
        == f"Chỉ tiêu 4 (Chỉ tiêu 4), năm 2022: không có số liệu — {VI.flags['missing_blank']}."
    )


def test_the_notes_html_groups_kinds_under_headings_and_escapes(shipped):
    catalog, result = shipped
    notes = data_notes(catalog, result.observations, result.rejects, catalog.unit, 2024, lang="en")
    html = notes_html(notes)
    for kind in {n.kind for n in notes}:
        assert html.count(f">{EN.words[f'notes_kind_{kind}']}</h3>") == 1
    assert notes_html(["<b>x</b>"]) == '<ul class="ward-notes"><li>&lt;b&gt;x&lt;/b&gt;</li></ul>'
