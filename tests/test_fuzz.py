"""Property-based fuzzing: whatever the text, cell or file, the readers either give a value
or raise the package's own error (never a bare exception), and round-trips hold.

Example counts are set per test (``FUZZ``, ``FILES``; ``FUZZ_SCALE=20`` multiplies them for a
deeper run); ``pytest tests/test_fuzz.py --hypothesis-show-statistics`` prints how many ran.
"""

from __future__ import annotations

import io
import math
import os
import random
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import ward_analysis as wa
from ward_analysis.errors import ParseError, WardAnalysisError
from ward_analysis.present.format import format_number, format_value
from ward_analysis.read.cells import parse_cell
from ward_analysis.read.cleaning import read_reports
from ward_analysis.read.numbers import parse_quantity, parse_range
from ward_analysis.read.tables import read_table
from ward_analysis.text import match_key, nfc

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))  # FUZZ_SCALE=20 for a deeper one-off run
FUZZ = settings(
    max_examples=400 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
FILES = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                 HealthCheck.function_scoped_fixture])  # fmt: skip
CATALOG = wa.load_catalog()
TARGETS = list(CATALOG)

#: Text that looks like what clerks type: digits, separators, signs, units, Vietnamese words.
_ALPHABET = st.sampled_from(
    [*"0123456789.,,-−+ %‰–—…x", "km", " m", "tỷ đồng", "triệu đồng", "Đạt", "Khá",
    "không", "đến", "từ ", "trở lên", "≥", "≤", "\u00a0", "\u0301", "e\u0302", "=A1", "(", ")"]
)  # fmt: skip
clerk_text = st.lists(_ALPHABET, max_size=12).map("".join)
any_text = st.one_of(st.text(max_size=40), clerk_text)
cells = st.one_of(
    any_text,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
)


@FUZZ
@given(text=any_text)
def test_text_normalisation_never_fails_and_is_idempotent(text):
    assert nfc(nfc(text)) == nfc(text)
    assert match_key(match_key(text)) == match_key(text)
    assert match_key(text) == match_key(nfc(text))


@FUZZ
@given(text=cells)
def test_parse_quantity_gives_a_float_or_a_parse_error(text):
    try:
        value, unit = parse_quantity(text)
    except ParseError as exc:
        assert str(exc)
        return
    assert isinstance(value, float) and (unit is None or isinstance(unit, str))


@FUZZ
@given(text=any_text)
def test_parse_range_gives_an_ordered_pair_or_a_parse_error(text):
    try:
        low, high = parse_range(text)
    except ParseError:
        return
    assert low <= high


@FUZZ
@given(raw=cells, target=st.sampled_from(TARGETS), unit=st.sampled_from(["", "%", "km", "Tỷ đồng", "Bóng", "m"]),
       plan=st.booleans())  # fmt: skip
def test_parse_cell_gives_a_plausible_value_or_a_parse_error(raw, target, unit, plan):
    try:
        value = parse_cell(raw, target, unit=unit, plan=plan)
    except ParseError as exc:
        assert str(exc)
        return
    if math.isnan(value):
        return
    low, high = target.plausible_range
    assert low <= value <= high
    if target.measure == "count":
        assert value.is_integer()


@FUZZ
@given(value=st.floats(min_value=0, max_value=1e9, allow_nan=False),
       unit=st.sampled_from(["%", "km", "triệu đồng", "đường", ""]),
       lang=st.sampled_from(["vi"]))  # fmt: skip
def test_formatted_value_parses_back(value, unit, lang):
    text = format_value(value, unit, lang=lang)
    decimals = len(text.split(" ")[0].split(",")[1]) if "," in text.split(" ")[0] else 0
    parsed, _ = parse_quantity(text)
    assert parsed == pytest.approx(value, abs=0.51 * 10**-decimals, rel=1e-9)


@FUZZ
@given(value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), decimals=st.integers(0, 3))
def test_english_and_vietnamese_formats_name_the_same_number(value, decimals):
    vi = format_number(value, decimals, lang="vi")
    en = format_number(value, decimals, lang="en")
    assert vi.replace(".", "").replace(",", ".") == en.replace(",", "")


def _table_bytes(rows: list[list[str]], year: int = 2023) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"BIỂU CHỈ TIÊU NĂM {year}"])
    writer.writerow(
        ["STT", "Chỉ tiêu", "ĐVT", f"Kế hoạch năm {year}", f"Thực hiện năm {year}", "Ghi chú"]
    )
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _reads_or_names_itself(path, data: bytes) -> None:
    """``data`` saved as ``path`` reads as a table, or gives our error naming the file."""
    path.write_bytes(data)
    try:
        read_reports([path], CATALOG)
    except WardAnalysisError as exc:
        assert path.name in str(exc)


@FILES
@given(data=st.binary(max_size=600))
def test_any_bytes_as_a_csv_table_give_a_table_or_our_error(tmp_path_factory, data):
    _reads_or_names_itself(tmp_path_factory.mktemp("fuzz") / "bieu_chi_tieu_2023.csv", data)


@FILES
@given(rows=st.lists(st.lists(st.one_of(any_text, st.sampled_from([t.name_vi for t in TARGETS])),
                              max_size=7), max_size=12))  # fmt: skip
def test_any_rows_under_a_good_header_are_all_accounted_for(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("fuzz") / "bieu_chi_tieu_2023.csv"
    path.write_bytes(_table_bytes(rows))
    try:
        result = read_reports([path], CATALOG)
    except WardAnalysisError as exc:  # e.g. a row that looks like a second header
        assert "bieu_chi_tieu_2023.csv" in str(exc)
        return
    table = read_table(path)
    non_blank = {n for n, r in table.rows if any(nfc(str(v)) for v in r if v is not None)}
    accounted = (
        {int(s.rsplit(":", 1)[1]) for s in result.observations["source"]}
        | set(result.rejects["row"])
        | set(result.skipped["row"])
    )
    assert accounted == non_blank


def _good_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["BIỂU CHỈ TIÊU NĂM 2023"])
    sheet.append(["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023", "Ghi chú"])
    sheet.append([1, "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", 0.78, 0.775, ""])
    sheet["D3"].number_format = sheet["E3"].number_format = "0.0%"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


GOOD_XLSX = _good_xlsx()


def _mutated(seed: int, how: str) -> bytes:
    rng = random.Random(seed)
    data = bytearray(GOOD_XLSX)
    if how == "truncate":
        return bytes(data[: rng.randrange(len(data))])
    if how == "flip":
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    # rewrite one part of the package with garbage or broken XML
    src = zipfile.ZipFile(io.BytesIO(GOOD_XLSX))
    names = src.namelist()
    victim = rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            body = src.read(name)
            if name == victim:
                cut = rng.randrange(len(body) + 1)
                body = body[:cut] + rng.choice([b"", b"<", b"\xff\xfe", b"<x>&bogus;</x>"])
            dst.writestr(name, body)
    return out.getvalue()


@FILES
@given(seed=st.integers(0, 2**32), how=st.sampled_from(["truncate", "flip", "part"]))
def test_damaged_workbooks_give_a_table_or_our_error(tmp_path_factory, seed, how):
    data = _mutated(seed, how)
    assume(data != GOOD_XLSX)
    _reads_or_names_itself(tmp_path_factory.mktemp("fuzz") / "bieu_chi_tieu_2023.xlsx", data)


@FILES
@given(text=st.one_of(st.text(max_size=300), st.sampled_from(
    ["", "targets: 3", "unit: x\ntargets: [1, 2]", "unit: x\ntargets:\n  - {id: 1}", "- a\n- b",
     "unit: [\n", "unit: x\ntargets:\n  - id: 1\n    item: -4\n    kind: 5"])))  # fmt: skip
def test_any_catalog_text_loads_or_gives_a_catalog_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        wa.load_catalog(path)
    except wa.CatalogError as exc:
        assert str(path) in str(exc)


def test_fuzz_inputs_do_not_touch_the_shipped_tables():
    assert all(Path(t.text_vi) for t in TARGETS)  # the catalog is still the shipped one
    assert CATALOG.path == wa.load_catalog().path


# -- resolution texts (targets-from-text) -----------------------------------------------------

from ward_analysis.onboard import parse_targets  # noqa: E402

from .target_corpus import CORPUS, HOLDOUT  # noqa: E402

_TEXTS = sorted(p.read_text(encoding="utf-8") for f in (CORPUS, HOLDOUT) for p in f.glob("*.txt"))
#: Pieces of real lists: markers, period words, figures, dates, codes, names, headings.
_PIECES = st.sampled_from([
    "\n", " ", "  ", "\t", ":", ";", ",", ".", "…", "(", ")", "–", "-", "/", "%", "‰", "%o",
    "(1)", "(12). ", "1. ", "2. ", "27. ", "I. ", "II. ", "IV. ", "a) ", "b. ", "- ", "+ ", "* ",
    "1.1. ", "Về kinh tế:", "(11 chỉ tiêu)", "Các chỉ tiêu chủ yếu đến năm 2030:",
    "trong đó:", "trong đó ", "cụ thể:", "Tỷ lệ hộ nghèo", "tăng", "giảm", "bình quân",
    "hằng năm", "hàng năm", "/năm", "mỗi năm", "trong nhiệm kỳ", "đến năm 2027", "đến năm 2030",
    "giai đoạn 2026-2030", "khoảng", "trên", "dưới", "từ", "đến", "trở lên", "không quá",
    "đạt", "thấp hơn mức bình quân của tỉnh", "không còn hộ nghèo", "ngày 13/2/2018",
    "04/09 thôn", "66/112", "12-CT/TU", "5G", "COVID-19", "4.0", "2025", "0", "1,5", "10 - 12",
    "3.830 ha", "45 triệu đồng/người/năm", "17 tỷ USD", "hoàn thành tốt nhiệm vụ trở lên",
    "đạt chuẩn", "duy trì", "giữ vững", "Khá", "so với năm 2025", "điểm phần trăm",
    "(Ảnh: T.H.)", "Pleiku, ngày 20 tháng 7 năm 2025", "hoàn thàn", "\u0301", "\u00a0", "\r\n",
])  # fmt: skip
resolution_text = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _read_or_own_error(text: str, term=(2025, 2030)) -> None:
    """The reader gives a draft that accounts for every piece of the text, or our error."""
    try:
        draft = parse_targets(text, term=term)
    except WardAnalysisError:
        assert term is None  # with a term given, any text gives a draft
        return
    assert draft.segmented.unaccounted() == ""
    ids = [t.fields["id"] for t in draft.targets]
    assert len(ids) == len(set(ids))
    for t in draft.targets:
        assert t.fields["kind"] is not None or t.needs_review
        assert t.fields["text_vi"] in draft.text
    assert isinstance(yaml.safe_load(draft.to_yaml()), dict)


@FUZZ
@given(text=resolution_text, with_term=st.booleans())
def test_any_resolution_text_gives_a_draft_or_our_error(text, with_term):
    _read_or_own_error(text, (2025, 2030) if with_term else None)


@FUZZ
@given(
    index=st.integers(0, max(len(_TEXTS) - 1, 0)),
    ops=st.lists(
        st.tuples(st.sampled_from(["cut", "double", "join", "insert", "truncate", "swap", "nfd"]),
                  st.integers(0, 10**6), st.integers(0, 10**6), _PIECES),
        min_size=1, max_size=6),
)  # fmt: skip
def test_mutated_real_lists_give_a_draft(index, ops):
    import unicodedata

    text = _TEXTS[index]
    for op, a, b, piece in ops:
        n = max(len(text), 1)
        i, j = sorted((a % n, b % n))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "double":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "join":
            text = text.replace("\n", " ")
        elif op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "truncate":
            text = text[:i]
        elif op == "swap":
            text = text[j:] + text[i:j] + text[:i]
        else:
            text = unicodedata.normalize("NFD", text)
    _read_or_own_error(text)


@settings(max_examples=40 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(text=resolution_text)
def test_the_cli_never_prints_a_traceback(tmp_path_factory, capsys, text):
    from ward_analysis.cli import main

    path = tmp_path_factory.mktemp("fuzz") / "nghi_quyet.txt"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = main(["targets-from-text", str(path), "--out", str(path.with_suffix(".yaml"))])
    err = capsys.readouterr().err
    assert code in (0, 1) and "Traceback" not in err
    if code == 1:
        assert err.startswith("error: ") and err.count("\n") == 1
