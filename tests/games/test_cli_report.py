"""`cogsuite report`: writes the client's HTML report; bad input is one line and exit status 2."""

from __future__ import annotations

import pytest

from games.cli import main
from scores.store.store import Store


def fails_with_one_line(capsys, argv, *words):
    """``argv`` ends with status 2 (returned, or from argparse's exit) and one line naming ``words``."""
    try:
        status = main(argv)
    except SystemExit as exit_info:
        status = exit_info.code
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cogsuite"), err
    for word in words:
        assert word in err, err
    return err


@pytest.fixture
def data(tmp_path, capsys):
    """A data folder with client C-1 (display name Ann Example) who has played two short runs."""
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.add_client("C-1", "Ann Example")
    for seed in (1, 2):
        assert main(["simulate", "--exercise", "digit_span", "--trials", "8", "--seed", str(seed),
                     "--client", "C-1", "--data-dir", str(folder)]) == 0
    capsys.readouterr()
    return str(folder)


def test_report_writes_one_html_file_and_says_where(data, tmp_path, capsys):
    out = tmp_path / "c1.html"
    assert main(["report", "--client", "C-1", "--out", str(out), "--data-dir", data]) == 0
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1 and str(out) in printed and "C-1" in printed
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Digit Span" in html and "<svg" in html
    assert "Ann Example" not in html


def test_include_names_shows_the_display_name(data, tmp_path):
    out = tmp_path / "named.html"
    assert main(["report", "--client", "C-1", "--out", str(out), "--include-names", "--data-dir", data]) == 0
    assert "Ann Example" in out.read_text(encoding="utf-8")


def test_since_and_until_reach_the_report(data, tmp_path):
    out = tmp_path / "period.html"
    assert main(["report", "--client", "C-1", "--out", str(out), "--since", "2001-01-01",
                 "--until", "2001-12-31", "--data-dir", data]) == 0
    html = out.read_text(encoding="utf-8")
    assert "1 Jan 2001 to 31 Dec 2001" in html and "no scored exercise runs" in html and "<svg" not in html


def test_unknown_client_is_one_line(data, tmp_path, capsys):
    fails_with_one_line(capsys, ["report", "--client", "nobody", "--out", str(tmp_path / "x.html"),
                                 "--data-dir", data], "no client 'nobody'")
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("flag", ["--since", "--until"])
def test_bad_date_is_one_line(data, tmp_path, capsys, flag):
    fails_with_one_line(capsys, ["report", "--client", "C-1", "--out", str(tmp_path / "x.html"), flag,
                                 "31/03/2026", "--data-dir", data], "31/03/2026", "2026-03-31")


def test_since_after_until_is_one_line(data, tmp_path, capsys):
    fails_with_one_line(capsys, ["report", "--client", "C-1", "--out", str(tmp_path / "x.html"), "--since",
                                 "2026-04-01", "--until", "2026-03-01", "--data-dir", data], "after")


def test_unwritable_out_is_one_line(data, tmp_path, capsys):
    fails_with_one_line(capsys, ["report", "--client", "C-1", "--out", str(tmp_path / "no" / "x.html"),
                                 "--data-dir", data], "Cannot write", "folder does not exist")
    fails_with_one_line(capsys, ["report", "--client", "C-1", "--out", str(tmp_path), "--data-dir", data],
                        "it is a folder")


def test_missing_arguments_are_one_line(capsys):
    fails_with_one_line(capsys, ["report", "--out", "x.html"], "--client")
    fails_with_one_line(capsys, ["report", "--client", "C-1"], "--out")
