import pytest

from newsweave.errors import DocumentError
from newsweave.web.limits import HostLimits


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_requests_to_one_host_start_min_interval_apart():
    time = FakeTime()
    limits = HostLimits(per_host=2, min_interval=1.5, clock=time.clock, sleep=time.sleep)
    for _ in range(3):
        with limits.slot("a.org:443", deadline=1000.0):
            pass
    with limits.slot("b.org:443", deadline=1000.0):
        pass
    assert time.waits == [1.5, 1.5]


def test_a_wait_past_the_deadline_is_refused():
    time = FakeTime()
    limits = HostLimits(per_host=1, min_interval=10.0, clock=time.clock, sleep=time.sleep)
    with limits.slot("a.org:443", deadline=105.0):
        pass
    with pytest.raises(DocumentError, match="time bound"), limits.slot("a.org:443", 105.0):
        pass
