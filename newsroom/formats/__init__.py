"""Our own locale formats (``FORMAT_MODULE_PATH``), on top of Django's."""
