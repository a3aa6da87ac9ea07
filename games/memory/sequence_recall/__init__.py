"""Sequence Recall: the Corsi block-tapping task of visuo-spatial working memory."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.memory.sequence_recall.logic import SequenceRecallLogic, feedback_words, replay_ms, summarize
from games.memory.sequence_recall.player import SequenceRecallPlayer
from games.memory.sequence_recall.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(SequenceRecallLogic, SPEC),
    make_view=lazy_view("games.memory.sequence_recall.view", "SequenceRecallView"),
    make_player=SequenceRecallPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
    replay_ms=replay_ms,
)
