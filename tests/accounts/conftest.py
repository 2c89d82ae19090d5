import datetime

import pytest
import time_machine
from django_otp.oath import TOTP


@pytest.fixture
def second_factor_required(settings):
    settings.SECOND_FACTOR_REQUIRED = True


def code_for(device, drift=0):
    """The code ``device``'s app shows now (``drift`` steps away)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + drift * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def clock():
    """The machine's clock, held still: ``clock.shift(seconds)`` is a person waiting (after
    a wrong code, django-otp refuses every code for a moment)."""
    with time_machine.travel(
        datetime.datetime(2026, 12, 4, 8, 0, tzinfo=datetime.UTC), tick=False
    ) as traveller:
        yield traveller
