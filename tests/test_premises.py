"""A premise is silent while it holds, shows a literal note when it fails, and fails the
build in strict mode."""

import pytest

from saga.present.premises import STRICT_ENV, StalePremise, listed, premise


def test_a_premise_that_holds_shows_nothing(monkeypatch):
    monkeypatch.delenv(STRICT_ENV, raising=False)
    assert premise("ch4-one-crisis-witness", True, "unused") is None


def test_a_stale_premise_becomes_a_note_directive_named_after_it(monkeypatch):
    monkeypatch.delenv(STRICT_ENV, raising=False)
    note = premise("ch4-one-crisis-witness", False, "S7 and S8 were also written\nduring it.")
    assert note.data == (
        "```{stale-premise} ch4-one-crisis-witness\nS7 and S8 were also written during it.\n```\n"
    )


def test_backticks_in_the_change_cannot_close_the_note_early(monkeypatch):
    monkeypatch.delenv(STRICT_ENV, raising=False)
    note = premise("ch1-x", False, "outlet ```{raw} html``` <img onerror=alert(1)>")
    first, body, last, _ = note.data.split("\n")
    assert first == "````{stale-premise} ch1-x" and last == "````"
    assert body == "outlet ```{raw} html``` <img onerror=alert(1)>"


def test_strict_mode_turns_a_stale_premise_into_an_error(monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")
    assert premise("ch1-x", True, "unused") is None
    with pytest.raises(StalePremise, match="ch1-x no longer holds: S9 says so"):
        premise("ch1-x", False, "S9 says so")


def test_premise_names_are_kebab_case_ids():
    with pytest.raises(ValueError):
        premise("Chapter 4: only S4", True, "")


def test_listed_joins_labels_in_english_and_counts_the_rest():
    assert listed([]) == ""
    assert listed(["S6"]) == "S6"
    assert listed(["S6", "S7", "S8"]) == "S6, S7 and S8"
    assert listed([f"S{i}" for i in range(1, 12)], limit=3) == "S1, S2, S3 and 8 more"
