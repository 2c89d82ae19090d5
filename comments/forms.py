"""The reader's comment form: name, email (never shown), the text, the comment it answers;
and what only scripts fill in or get wrong (the honeypot, the ticket)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import guard
from .models import Comment, CommentSettings

HONEYPOT = "website"

TICKET_ERRORS = {
    "invalid": _("The form could not be read. Please send it again."),
    "too_fast": _("That was quick! Please check your comment, then send it again."),
    "expired": _("This form was open a long time. Please send it again."),
}


class CommentForm(forms.ModelForm):
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    ticket = forms.CharField(required=False, widget=forms.HiddenInput)
    # Hidden from people by the stylesheet; a script filling every field fills it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Comment
        fields = ["text", "name", "email"]
        labels = {"text": _("Your comment"), "name": _("Your name"), "email": _("Your email")}
        help_texts = {
            "text": _("Plain text. Every comment is read by a moderator before it is shown."),
            "email": _("Never shown. Kept for a while, then erased."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, **kwargs)
        self.story = story
        self.fields["email"].required = True
        self.fields["text"].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.ticket_error = None

    @property
    def reader_fields(self):
        return [self["text"], self["name"], self["email"]]

    @property
    def is_spam(self):
        """The honeypot was filled in: answered as if accepted, nothing saved."""
        return bool(self.data.get(HONEYPOT))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write your comment."))
        return text

    def clean_parent(self):
        pk = (self.cleaned_data.get("parent") or "").strip()
        if not pk:
            return None
        parent = None
        if pk.isascii() and pk.isdigit() and len(pk) < 19:  # an id, not too big for the database
            shown = Comment.objects.shown().filter(story=self.story).select_related("parent")
            parent = shown.filter(pk=int(pk)).first()
        if parent is None:
            raise ValidationError(_("The comment you answer is no longer shown."))
        # Replies are one level deep: answering a reply answers its comment.
        return parent.parent or parent

    def clean(self):
        cleaned = super().clean()
        try:
            guard.check_ticket(self.data.get("ticket"))
        except guard.TicketError as error:
            self.ticket_error = error.reason
            raise ValidationError(TICKET_ERRORS[error.reason], code=error.reason) from None
        if CommentSettings.load().blocked_word_in(cleaned.get("text", ""), cleaned.get("name", "")):
            raise ValidationError(
                _("Your comment contains words this newspaper does not publish."),
                code="blocked_word",
            )
        return cleaned

    def _post_clean(self):
        self.instance.story = self.story
        self.instance.parent = self.cleaned_data.get("parent")
        super()._post_clean()
