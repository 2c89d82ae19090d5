"""Two-step sign-in for staff, on django-otp: an authenticator app (TOTP, RFC 6238) and
ten one-time backup codes. Nothing here computes a code: django-otp's devices do, and
throttle wrong guesses themselves.

Who must use it: administrators, and members of a role that requires it (``Role``,
editors by default), while ``SECOND_FACTOR_REQUIRED`` is on (off in development). Anyone
else may enrol; once enrolled, they are always asked."""

from django.conf import settings
from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.models import Role

BACKUP_CODES = 10
APP_DEVICE = "authenticator"
BACKUP_DEVICE = "backup"


def must_use(user):
    if not settings.SECOND_FACTOR_REQUIRED or not user.is_staff:
        return False
    return (
        user.is_superuser
        or Role.objects.for_user(user).filter(requires_second_factor=True).exists()
    )


def is_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolling_device(user):
    """The authenticator this person is adding: the same one until they confirm it, so that
    reloading the page does not change the QR code they may have scanned already."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def qr_code_svg(device):
    """The enrolment QR code as inline SVG (made here: the secret never leaves the server)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def secret_text(device):
    """The secret as people type it into an app by hand: base32 in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm(device, code):
    """Finish enrolment when ``code`` is right: the app becomes the person's only one and
    they get fresh backup codes (returned, to be shown once). ``None`` for a wrong code."""
    if not device.verify_token(normalise(code)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def normalise(code):
    return "".join((code or "").split()).lower()


def check(user, code):
    """The device that accepts ``code`` (a code from the app, or an unused backup code, used
    up by this), or ``None``. Each device counts its own wrong guesses and refuses for a
    while after several (django-otp's throttling)."""
    code = normalise(code)
    devices = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    for device in devices:
        if verify_token(user, device.persistent_id, code):
            return device
    return None


@transaction.atomic
def reset(user):
    """Forget every second factor of ``user`` (an administrator's recovery): they enrol
    again at their next sign-in if their role requires it."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
