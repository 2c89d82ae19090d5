from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from newsroom.models import Role
from newsroom.validators import validate_no_control_characters, validate_single_line

# A code from the authenticator app: digits, so a phone shows its number pad (and may
# offer a code it just received); nothing to correct or capitalise.
APP_CODE = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "autocapitalize": "none",
    "spellcheck": "false",
    "autofocus": True,
}


class CodeForm(forms.Form):
    """The second step of signing in: the app's code (a backup code is taken too)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs=APP_CODE),
        help_text=_("The 6 digits your authenticator app shows, or one of your backup codes."),
    )


class BackupCodeForm(CodeForm):
    """The second step with a backup code: letters too, so the phone's full keyboard."""

    code = forms.CharField(
        label=_("Backup code"),
        max_length=20,
        widget=forms.TextInput(attrs={**APP_CODE, "inputmode": "text", "autocomplete": "off"}),
        help_text=_("One of the codes you kept when you set up two-step sign-in; each works once."),
    )


class AppCodeForm(CodeForm):
    """Setting up the app: only its code (there are no backup codes yet)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs=APP_CODE),
        help_text=_("A new one comes every 30 seconds: type the one shown now."),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class InvitationForm(forms.ModelForm):
    role = forms.ModelChoiceField(queryset=Role.objects.select_related("group"), label=_("Role"))

    class Meta:
        from .models import Invitation

        model = Invitation
        fields = ["email", "first_name", "last_name", "role"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
            raise forms.ValidationError(_("Someone on the staff already uses this email."))
        return email


class AcceptInvitationForm(forms.Form):
    """What an invited person sets themselves: their login name and their password (the
    site's password validators apply)."""

    username = forms.CharField(
        label=_("Login name"),
        max_length=150,
        validators=[get_user_model().username_validator, validate_single_line],
        # As Django's login form: a phone must not capitalise or correct it.
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[validate_no_control_characters]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, validators=[validate_no_control_characters]
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, invitation, *args, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean_username(self):
        username = self.cleaned_data["username"]
        others = get_user_model().objects.filter(username__iexact=username)
        waiting = self.invitation.waiting_account()
        if waiting is not None:
            others = others.exclude(pk=waiting.pk)  # their own account's name
        if others.exists():
            raise forms.ValidationError(_("This login name is taken: choose another."))
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            person = get_user_model()(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=self.invitation.email,
            )
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
