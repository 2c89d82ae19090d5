"""Template filters for how the site shows times and phone numbers: one place each."""

import re
import zoneinfo

from django import template
from django.utils import timezone

register = template.Library()

# The label says GMT+7, so the zone is fixed here rather than taken from settings.
VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@register.filter
def vn_datetime(value):
    """``15/11/2021 17:44 (GMT+7)``, in Vietnam time whatever the server's zone."""
    if not value:
        return ""
    return vn_date(value) + " (GMT+7)"


@register.filter
def vn_date(value):
    """``15/11/2021 17:44`` in Vietnam time, whatever zone is active."""
    if not value:
        return ""
    return timezone.localtime(value, VIETNAM).strftime("%d/%m/%Y %H:%M")


@register.filter
def tel_href(phone):
    """``024.3728.1575`` → ``tel:02437281575``."""
    digits = re.sub(r"[^0-9+]", "", phone or "")
    return f"tel:{digits}" if digits else ""


@register.filter
def page_range(page):
    """The page numbers to offer around ``page``: ``1 … 4 5 6 … 20``."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
