"""kg.forked: work in a forked child beside the parent's, its result or its error sent back."""

import os

import pytest

from kg.forked import Beside, ChildFailed


def test_the_work_runs_in_another_process_and_reads_the_parents_data():
    data = {"numbers": list(range(100_000))}  # made before the fork, never sent
    child = Beside(lambda: (os.getpid(), sum(data["numbers"])))
    assert child.forked
    pid, total = child()
    assert pid != os.getpid()
    assert total == sum(range(100_000))
    assert child() == (pid, total)  # asked again: the same result, no second child


def test_a_large_result_comes_back_whole():
    payload = os.urandom(1 << 22)  # bigger than a pipe's buffer: the parent must read before it joins
    assert Beside(lambda: payload)() == payload


def test_an_error_in_the_child_is_raised_in_the_parent_with_its_traceback():
    def broken():
        raise ValueError("no such shape")

    with pytest.raises(ChildFailed, match="ValueError: no such shape"):
        Beside(broken)()


def test_a_child_that_dies_without_a_result_is_reported_with_its_exit_code():
    with pytest.raises(ChildFailed, match="exit code 3"):
        Beside(lambda: os._exit(3))()


def test_a_result_that_cannot_be_pickled_is_an_error_not_a_hang():
    with pytest.raises(ChildFailed, match="pickle"):
        Beside(lambda: (lambda: None))()


def test_without_fork_the_work_runs_here_once_when_asked():
    calls = []
    child = Beside(lambda: calls.append(os.getpid()) or len(calls), fork=False)
    assert not child.forked and calls == []
    assert child() == 1 and child() == 1
    assert calls == [os.getpid()]


def test_cancel_stops_a_child_whose_result_is_not_wanted():
    import time

    child = Beside(lambda: time.sleep(60))
    child.cancel()
    assert not child._child.is_alive()
    child.cancel()  # twice: nothing left to stop
    done = Beside(lambda: 7)
    assert done() == 7
    done.cancel()
    assert done() == 7
