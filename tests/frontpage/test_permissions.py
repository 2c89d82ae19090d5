"""Editors manage the front page boards; reporters get 403 from the server."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["board", "edition"])
def test_editors_may_open_the_boards(editor_client, model):
    assert editor_client.get(reverse(f"admin:frontpage_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["board", "edition"])
def test_reporters_may_not(reporter_client, model):
    assert reporter_client.get(reverse(f"admin:frontpage_{model}_changelist")).status_code == 403
    assert reporter_client.get(reverse(f"admin:frontpage_{model}_add")).status_code == 403
