"""Every exercise's view played through one trial at its lowest and highest level: drawn in three
themes at every change, and each of the simulated player's actions has a key and a click that map
back to it (tests/games/view_checks.py). What a view promises of its own is in test_<id>_view.py."""

import pytest

from games.registry import EXERCISES
from view_checks import check_played, play_trial

pytestmark = pytest.mark.usefixtures("display")


@pytest.mark.parametrize("exercise_id, level", [
    pytest.param(e.id, level, id=f"{e.id}-{level}") for e in EXERCISES for level in (e.spec.min_level, e.spec.max_level)
])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(exercise_id, level):
    played = play_trial(exercise_id, level)
    check_played(played)  # phases look different, each theme changes the picture
    assert played.record.level == level and played.actions  # the trial was played, at the level asked
