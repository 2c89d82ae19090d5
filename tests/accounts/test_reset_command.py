"""``manage.py reset_second_factor``: the lone administrator who lost their phone and
their backup codes gets back in from the server."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_server_resets_an_administrators_second_factor_and_logs_it(caplog):
    admin = factories.UserFactory(username="quantri", is_superuser=True)
    TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    second_factor.new_backup_codes(admin)
    out = io.StringIO()

    call_command("reset_second_factor", "quantri", stdout=out)

    assert not second_factor.is_enrolled(admin)
    assert second_factor.backup_codes_left(admin) == 0
    assert "reset for quantri" in out.getvalue()
    logged = [r.getMessage() for r in caplog.records if r.name == "newsroom.security"]
    assert any("second_factor_reset" in line and "'quantri'" in line for line in logged)


def test_an_unknown_name_changes_nothing_and_says_so():
    with pytest.raises(CommandError, match="No account is named 'nobody'"):
        call_command("reset_second_factor", "nobody")
