"""kg.spawned: work in a fresh child process, started early, given its input later; its result or error sent back."""

import os
import subprocess
import sys
import time

import pytest

from kg.spawned import Child, ChildFailed

_prepared: list[int] = []


def _pid_and_text(path):
    return os.getpid(), path.read_text(encoding="utf-8")


def _prepare():
    _prepared.append(os.getpid())


def _prepared_here(path):
    return _prepared == [os.getpid()]


def _large(path):
    return bytes(range(256)) * (1 << 14)  # 4 MB: bigger than a pipe's buffer, so the parent must read before it joins


def _broken(path):
    raise ValueError(f"no such shape in {path.name}")


def _dies(path):
    os._exit(3)


def _cut_off(path):
    os.write(1, b"\x80\x04\x95")  # the start of a pickle on the result pipe, then death: what a killed child leaves
    os._exit(9)


def _unpicklable(path):
    return lambda: None


def _slow(path):
    time.sleep(60)


def _failing_prepare():
    raise RuntimeError("no font")


def _messages(path, inbox):
    """What the inbox gives: nothing at first (the parent waits for this child's word), then the messages."""
    early = inbox.get(0.01)
    path.with_name("started").write_text("", encoding="utf-8")
    got = []
    while True:
        try:
            got.append(inbox.get(30))
        except EOFError:
            return path.name, early, got + ["end"]


def test_the_work_runs_in_another_process_on_the_file_given_later(tmp_path):
    child = Child(_pid_and_text)
    assert child.separate
    path = tmp_path / "input.nq"
    path.write_text("written after the child started", encoding="utf-8")
    child.give(path)
    pid, text = child()
    assert pid != os.getpid()
    assert text == "written after the child started"
    assert child() == (pid, text)  # asked again: the same result, no second run


def test_prepare_runs_in_the_child_before_the_work(tmp_path):
    child = Child(_prepared_here, prepare=_prepare)
    child.give(tmp_path)
    assert child() is True
    assert _prepared == []  # not here


def test_a_large_result_comes_back_whole(tmp_path):
    child = Child(_large)
    child.give(tmp_path)
    assert child() == bytes(range(256)) * (1 << 14)


def test_an_error_in_the_child_is_raised_in_the_parent_with_its_traceback(tmp_path):
    child = Child(_broken)
    child.give(tmp_path / "shapes.ttl")
    with pytest.raises(ChildFailed, match="ValueError: no such shape in shapes.ttl"):
        child()


def test_an_error_while_preparing_is_raised_when_the_result_is_asked_for(tmp_path):
    child = Child(_pid_and_text, prepare=_failing_prepare)
    time.sleep(0.5)  # the child may already have failed: giving the input must not raise
    child.give(tmp_path)
    with pytest.raises(ChildFailed, match="RuntimeError: no font"):
        child()


@pytest.mark.parametrize("work, message", [
    (_dies, "exit code 3"),  # nothing written
    (_cut_off, "exit code 9"),  # died halfway through writing its result
])
def test_a_child_that_dies_without_a_whole_result_is_reported_with_its_exit_code(tmp_path, work, message):
    child = Child(work)
    child.give(tmp_path)
    with pytest.raises(ChildFailed, match=message):
        child()


def test_a_result_that_cannot_be_pickled_is_an_error_not_a_hang(tmp_path):
    child = Child(_unpicklable)
    child.give(tmp_path)
    with pytest.raises(ChildFailed, match="pickle"):
        child()


def test_not_separate_the_work_runs_here_once_when_asked(tmp_path):
    child = Child(_pid_and_text, separate=False)
    with pytest.raises(ChildFailed, match="before giving"):
        child()
    (tmp_path / "a").write_text("here", encoding="utf-8")
    child.give(tmp_path / "a")
    assert child() == (os.getpid(), "here")


def test_a_child_with_an_inbox_reads_the_messages_sent_after_its_input(tmp_path):
    child = Child(_messages, inbox=True)
    child.send(tmp_path / "first")
    started = tmp_path / "started"
    for _ in range(3000):
        if started.exists():
            break
        time.sleep(0.01)
    assert started.exists()
    child.send("second")
    child.give("")  # an empty message is a message
    assert child() == ("first", None, ["second", "", "end"])
    here = Child(_messages, inbox=True, separate=False)
    here.send(tmp_path / "first")
    here.send("second")
    here.give("")
    assert here() == ("first", "second", ["", "end"])  # run when asked: every message is already there


def test_a_message_is_one_line(tmp_path):
    child = Child(_messages, inbox=True, separate=False)
    with pytest.raises(ValueError, match="one line"):
        child.send("two\nlines")


def test_cancel_stops_a_child_never_given_its_input_or_still_working(tmp_path):
    waiting = Child(_slow)
    waiting.cancel()
    assert waiting._process.poll() is not None
    waiting.cancel()  # twice: nothing left to stop
    working = Child(_slow)
    working.give(tmp_path)
    working.cancel()
    assert working._process.poll() is not None
    done = Child(_pid_and_text)
    (tmp_path / "b").write_text("b", encoding="utf-8")
    done.give(tmp_path / "b")
    assert done()[1] == "b"
    done.cancel()
    assert done()[1] == "b"


def test_a_script_without_a_main_guard_is_not_run_again_in_the_child(tmp_path):
    script = tmp_path / "script.py"
    script.write_text("import os.path\nfrom pathlib import Path\nfrom kg.spawned import Child\n"
                      "child = Child(os.path.getsize)\nchild.give(Path(__file__))\nprint('size', child())\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"size {script.stat().st_size}"]


def test_only_module_level_functions_can_run_in_a_child():
    with pytest.raises(ValueError, match="module-level"):
        Child(lambda path: None)
