"""The Welsh proofing check (issue 12): every Welsh catalogue string, in `make test`."""

import pytest

from porth.core.proofing import allowed, avoided_terms, check_text, proof_catalogues


def problems(text: str) -> list[str]:
    return [finding.problem for finding in check_text(text, "test", avoided_terms(), allowed())]


def test_every_welsh_catalogue_string_passes_the_proofing_check():
    findings = proof_catalogues()
    assert findings == [], "\n".join(f"{f.where}: {f.problem}" for f in findings[:30])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("25 Gorffenaf 2026", "'Gorffenaf': use 'Gorffennaf'"),
        ("Hunanasesiadau o Gwneud cais am drwydded", "missing mutation: o Gwneud"),
        ("Mae'r adroddiad wedi'i gyhoeddi ar Porth.", "missing mutation: ar Porth"),
        ("Y safonau yn Cyngor Caerdydd", "missing mutation: yn Cyngor"),
        ("Gweithio gyda Porth", "missing mutation: gyda Porth"),
        ("Rhaid iddo fod yn 200 o gymeriadau neu lai", "'gymeriadau': use 'nod'"),
        ("Dilysu dau gam", "'dilysu dau gam': use 'dilysu dau ffactor'"),
        ("Newid yr iaith i’r gymraeg", "'i'r gymraeg': use 'Cymraeg'"),
    ],
)
def test_the_check_catches_the_audits_findings(text, problem):
    assert problem in problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "ar Borth",
        "ym Mhorth",
        "gyda Phorth",
        "yng Nghyngor Caerdydd",
        "Hunanasesiadau: %(name)s",
        "Dewch i mewn",
        "Mae'r ffurflen ar gael i chi yn Gymraeg",
        "adroddiad ar gyfer %(service_name)s",
    ],
)
def test_correct_welsh_passes(text):
    assert problems(text) == []


def test_an_allow_list_entry_is_what_lets_a_flagged_phrase_through():
    assert check_text("cliciwch ar Cadw", "test", avoided_terms(), allowed()) == []
    assert check_text("cliciwch ar Cadw", "test", avoided_terms(), set()) != []
