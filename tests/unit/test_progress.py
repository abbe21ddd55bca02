import io

from newsweave.progress import TerminalProgress


def test_quiet_when_piped():
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress("stories", 1, 2)
    progress.close()
    assert stream.getvalue() == ""


def test_draws_a_bar_on_a_terminal():
    stream = io.StringIO()
    progress = TerminalProgress(stream, enabled=True)
    progress("stories", 1, 4)
    progress("stories", 4, 4)
    progress.close()
    assert "stories" in stream.getvalue()
