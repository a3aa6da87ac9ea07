"""Shopping List: remember a short shopping list, then find its items on a shop shelf."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.memory.shopping_list.logic import ShoppingListLogic, summarize
from games.memory.shopping_list.player import ShoppingListPlayer
from games.memory.shopping_list.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(ShoppingListLogic, SPEC),
    make_view=lazy_view("games.memory.shopping_list.view", "ShoppingListView"),
    make_player=ShoppingListPlayer,
    summarize=summarize,
)
