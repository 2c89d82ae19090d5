from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Topics and series")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsroom import caching

        from . import signals

        # Topics change only when saved: no clock of their own. What they list follows the
        # stories tag (a scheduled story joins a topic's page at its minute).
        caching.register("topics")
        for sender in ("topics.Topic", "topics.TopicStory"):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.topic_changed,
                    sender=sender,
                    dispatch_uid=f"topics-{sender}-{signal}",
                )

        from . import parts  # noqa: F401 - declares the topic parts
