"""How Vietnamese editors type and read dates: day first (15/11/2021 17:44).

Django's ``vi`` locale defines no input formats, so without these the admin would render
dates as 2021-11-15 and read a typed 05/11/2021 as the 11th of May. Its display formats
("17:44 Ngày 15 tháng 11 năm 2021") differ from the one the rest of the product uses.

A time always says its zone (15/11/2021 17:44 (GMT+7)): staff read it in lists, histories
and logs beside colleagues abroad, and the server's zone is Vietnam's (TIME_ZONE)."""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = r"d/m/Y H:i (\G\M\T+7)"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y H:i (\G\M\T+7)"

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
