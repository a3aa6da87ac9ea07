"""Fixtures shared by the game tests."""

import pytest

from scores.store import Store


@pytest.fixture
def store(tmp_path):
    """A fresh store in the test's own folder."""
    with Store.open(tmp_path) as opened:
        yield opened
