"""The timed-block template on hand-worked timings, and a tiny block exercise built on it and the logic base."""

from datetime import datetime, timezone

import pytest

from games.core.engine.actions import Respond
from games.core.engine.adaptive import make_tracker
from games.core.engine.exercise import Exercise, TrialRecord
from games.core.engine.run import ExerciseRun
from games.core.engine.trials.base import OnTimeline, logic_factory
from games.core.engine.trials.timed_block import Phase, TimedBlock
from games.memory.sequence_recall.spec import SPEC
from recorder import Recorder

LEAD_IN, FIXATION, SHOWN, PAUSE, FEEDBACK = 1000.0, 300.0, 500.0, 700.0, 2000.0
ITEM = FIXATION + SHOWN + PAUSE


def begun(n_items=2, fixation_ms=FIXATION, at_ms=0.0):
    block = TimedBlock()
    block.begin(at_ms, n_items, lead_in_ms=LEAD_IN, fixation_ms=fixation_ms, shown_ms=SHOWN, pause_ms=PAUSE,
                feedback_ms=FEEDBACK)
    return block


def test_items_start_and_end_in_order_and_feedback_follows_the_last():
    block, events = begun(), []
    start = lambda at_ms: events.append(("start", block.index, at_ms))  # noqa: E731
    end = lambda: ("end", block.index, block.last_item)  # noqa: E731
    assert block.phase is Phase.LEAD_IN and block.next_change_ms() == LEAD_IN
    assert block.advance(LEAD_IN, start, end) == [] and block.phase is Phase.FIXATION
    assert block.advance(LEAD_IN + FIXATION, start, end) == [] and block.awaiting_onset
    block.mark_onset(LEAD_IN + FIXATION + 16)
    assert block.next_change_ms() == LEAD_IN + FIXATION + 16 + SHOWN  # timed from the stamped onset
    assert block.advance(LEAD_IN + FIXATION + 16 + SHOWN, start, end) == [] and block.phase is Phase.PAUSE
    first_end = LEAD_IN + FIXATION + 16 + SHOWN + PAUSE
    assert block.item_end_ms() == first_end
    assert block.advance(first_end, start, end) == [("end", 0, False)] and block.item_start_ms == first_end
    assert block.advance(first_end + ITEM, start, end) == [("end", 1, True)]  # no onset stamped: from the plan
    assert block.phase is Phase.FEEDBACK and block.next_change_ms() == first_end + ITEM + FEEDBACK
    assert block.advance(first_end + ITEM + FEEDBACK, start, end) == [] and block.idle
    assert events == [("start", 0, LEAD_IN), ("start", 1, first_end)]


def test_without_fixation_each_item_shows_at_once_and_one_advance_crosses_the_block():
    block = begun(n_items=3, fixation_ms=None)
    ended = block.advance(1e6, lambda at_ms: None, lambda: block.index)
    assert ended == [0, 1, 2] and block.idle


def test_a_press_is_timed_from_the_onset_and_stamps_it_on_the_very_first_frame():
    block = begun(fixation_ms=None)
    block.advance(LEAD_IN, lambda at_ms: None, list)
    assert block.in_item and block.awaiting_onset
    assert block.press_rt_ms(LEAD_IN + 5) == 0.0 and block.onset_ms == LEAD_IN + 5
    assert block.press_rt_ms(LEAD_IN + 305) == 300.0


def test_a_second_begin_during_a_block_is_refused():
    with pytest.raises(RuntimeError):
        begun().begin(5.0, 1, lead_in_ms=0, fixation_ms=None, shown_ms=1, pause_ms=1, feedback_ms=1)


class PressBlockLogic(OnTimeline):
    """Blocks of three items; an item is right when pressed; a block is good when all three are."""

    default_spec = SPEC

    def __init__(self, rng, overrides=None, *, spec=None):
        super().__init__(rng, overrides, spec=spec)
        self.timeline = TimedBlock()
        self.pressed, self.block_right = False, True

    def start_trial(self, level, now_ms):
        self.take_level(level)
        self.block_right = True
        self.timeline.begin(now_ms, 3, lead_in_ms=LEAD_IN, fixation_ms=None, shown_ms=SHOWN, pause_ms=PAUSE,
                            feedback_ms=FEEDBACK)

    def tick(self, now_ms):
        return self.timeline.advance(now_ms, self._start_item, self._end_item)

    def handle(self, action, now_ms):
        finished = self.tick(now_ms)
        if self.timeline.in_item:
            self.pressed = True
        return finished

    def _start_item(self, at_ms):
        self.trial_index += 1
        self.pressed = False

    def _end_item(self):
        self.block_right = self.block_right and self.pressed
        last = self.timeline.last_item
        return TrialRecord(self.trial_index, self.level, self.timeline.item_start_ms, "item", "press",
                           self.pressed, None, False, ends_step=last, step_correct=self.block_right if last else None)


def test_a_block_logic_on_the_template_ends_steps_only_at_block_boundaries():
    exercise = Exercise(SPEC, logic_factory(PressBlockLogic, SPEC), lambda *a: None, lambda a, r: None,
                        lambda records: {f.name: None for f in SPEC.run_fields})
    recorder = Recorder()
    run = ExerciseRun(exercise, store=recorder, session_id="s", client=None, seed=1,
                      wall_start=datetime(2026, 1, 1, tzinfo=timezone.utc), n_trials=4,
                      tracker=make_tracker(SPEC.min_level, SPEC.max_level, SPEC.start_level, method="staircase"))
    run.start(0.0)
    now_ms = 0.0
    while not run.finished and now_ms < 60_000:
        if run.awaiting_onset:
            run.mark_onset(now_ms)
        if run.logic.timeline.in_item:
            run.handle(Respond("go"), now_ms + 100)
        now_ms = max(now_ms + 100, run.next_change_ms() or now_ms + 100)
        run.tick(now_ms)
    records = run.records
    assert len(records) == 6  # a run of 4 trials plays its second block to the end
    assert [r.ends_step for r in records] == [False, False, True] * 2
    assert [r.step_correct for r in records] == [None, None, True] * 2
    assert [r.trial_index for r in records] == list(range(1, 7))
    assert records[1].start_ms == records[0].start_ms + SHOWN + PAUSE  # items follow each other in a block
