"""Go/No-Go: press for one shape, hold back for the other (sustained attention and inhibition)."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.focus.go_no_go.logic import GoNoGoLogic
from games.focus.go_no_go.player import GoNoGoPlayer
from games.focus.go_no_go.scoring import feedback_words, summarize
from games.focus.go_no_go.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(GoNoGoLogic, SPEC),
    make_view=lazy_view("games.focus.go_no_go.view", "GoNoGoView"),
    make_player=GoNoGoPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)
