"""Files of kept writes: replaced whole at every change, claimed by renaming before they are saved."""

from __future__ import annotations

import os
import stat
import time
from datetime import datetime, timezone

from games.core.engine import unsaved
from games.core.engine.unsaved import claim, claimable_files, read_unsaved, save_unsaved, unclaim, unsaved_files

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)


def writes(n: int) -> list[tuple[str, dict]]:
    return [("add_trial", {"run_id": "r", "trial_index": i, "started_at": T0, "row_id": f"t{i}"}) for i in range(n)]


def test_a_kept_file_is_replaced_whole_and_private(tmp_path):
    path = save_unsaved(writes(2), tmp_path)
    assert save_unsaved(writes(5), tmp_path, path) == path
    assert [a["trial_index"] for _, a in read_unsaved(path)] == [0, 1, 2, 3, 4]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left beside it


def test_a_crash_while_writing_leaves_the_last_whole_version(tmp_path, monkeypatch):
    path = save_unsaved(writes(2), tmp_path)

    def power_cut(*args):
        raise OSError("the power went")

    monkeypatch.setattr(os, "replace", power_cut)
    try:
        save_unsaved(writes(3), tmp_path, path)
    except OSError:
        pass
    assert [a["trial_index"] for _, a in read_unsaved(path)] == [0, 1]
    assert unsaved_files(tmp_path) == [path]  # a half-written temporary file is never taken for one


def test_only_one_of_two_starts_claims_a_file_and_a_failed_save_gives_its_name_back(tmp_path):
    path = save_unsaved(writes(1), tmp_path)
    first, second = claim(path), claim(path)
    assert first is not None and second is None and not path.exists()
    assert claimable_files(tmp_path) == []  # a fresh claim is another start's
    assert unclaim(first) == path and read_unsaved(path)


def test_a_claim_left_by_a_start_that_stopped_is_taken_again_later(tmp_path):
    claimed = claim(save_unsaved(writes(1), tmp_path))
    later = time.time() + unsaved.STALE_CLAIM_S + 60
    assert claimable_files(tmp_path, now_s=later) == [claimed]
    again = claim(claimed)
    assert again is not None and unsaved.original_name(again) == unsaved.original_name(claimed)
