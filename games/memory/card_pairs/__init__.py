"""Card Pairs: the concentration memory game of finding matching pairs among face-down cards."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.memory.card_pairs.logic import CardPairsLogic, summarize
from games.memory.card_pairs.player import CardPairsPlayer
from games.memory.card_pairs.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(CardPairsLogic, SPEC),
    make_view=lazy_view("games.memory.card_pairs.view", "CardPairsView"),
    make_player=CardPairsPlayer,
    summarize=summarize,
)
