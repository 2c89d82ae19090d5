"""The project boots: migrations create the roles and the admin answers."""

from newsroom.models import Role


def test_migrations_create_both_roles(db):
    reporter = Role.objects.group("reporter")
    editor = Role.objects.group("editor")
    reporter_perms = set(reporter.permissions.values_list("codename", flat=True))
    editor_perms = set(editor.permissions.values_list("codename", flat=True))
    assert "publish_article" not in reporter_perms
    assert {"publish_article", "review_article", "change_any_article"} <= editor_perms


def test_admin_article_list_answers_for_an_editor(editor_client):
    response = editor_client.get("/quan-tri/articles/article/")
    assert response.status_code == 200
