"""The store's writing side as a run sees it, kept in lists: for tests that drive an ExerciseRun
without a store."""


class Recorder:
    """Keeps the trials, the level changes and the finished run's row that a run writes."""

    def __init__(self):
        self.trials, self.changes, self.finished = [], [], None

    def start_run(self, **kwargs):
        return "run-1"

    def add_trial(self, run_id, **kwargs):
        self.trials.append(kwargs)

    def add_level_change(self, run_id, **kwargs):
        self.changes.append(kwargs)

    def finish_run(self, run_id, **kwargs):
        self.finished = kwargs
