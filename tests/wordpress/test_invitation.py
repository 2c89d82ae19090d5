"""An imported author's account waits, inactive and without a password, until an
administrator invites them: accepting the invitation opens that account (with its
stories), not a second one."""

from django.contrib.auth import get_user_model

from accounts.models import Invitation
from tests.accounts.test_staff import PASSWORD, accept, administrator, invite  # noqa: F401

from .conftest import import_export

User = get_user_model()


def test_an_invited_author_gets_their_imported_account_and_stories(
    db,
    small_export,
    administrator,  # noqa: F811
):
    import_export(small_export(30))
    imported = User.objects.get(email="an.nguyen@baocu.example.vn")
    stories = set(imported.articles.values_list("pk", flat=True))
    assert stories and not imported.is_active

    browser, response = accept(invite(administrator, email="an.nguyen@baocu.example.vn"))

    assert response.status_code == 302
    account = User.objects.get(email__iexact="an.nguyen@baocu.example.vn")  # still one
    assert account.pk == imported.pk and account.username == "pmminh"
    assert account.is_active and account.check_password(PASSWORD)
    assert set(account.articles.values_list("pk", flat=True)) == stories
    assert Invitation.objects.get().user == account


def test_a_deactivated_colleague_is_not_reopened_by_an_invitation(
    db,
    administrator,  # noqa: F811
):
    former = User.objects.create_user(
        "cu", email="moi@example.com", password="mat khau cu da lau", is_active=False
    )
    accept(invite(administrator))
    assert User.objects.filter(email="moi@example.com").count() == 2
    former.refresh_from_db()
    assert not former.is_active and former.check_password("mat khau cu da lau")


def test_a_waiting_account_gets_the_invited_role_and_no_rights_of_its_own(
    db,
    administrator,  # noqa: F811
):
    from django.contrib.auth.models import Group

    waiting = User.objects.create_user("cho", email="moi@example.com", is_active=False)
    waiting.groups.add(Group.objects.create(name="Quyền cũ"))
    locked_admin = User.objects.create_superuser(
        "quantri-cu", email="cu-admin@example.com", password=None, is_active=False
    )

    accept(invite(administrator))

    waiting.refresh_from_db()
    assert waiting.is_active
    invitation = Invitation.objects.get(email="moi@example.com")
    assert list(waiting.groups.all()) == [invitation.role.group]
    # An administrator's switched-off account is never reopened by an invitation.
    assert Invitation(email=locked_admin.email).waiting_account() is None
