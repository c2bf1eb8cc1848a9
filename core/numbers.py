"""Whole numbers from what people and programs send.

`int()` takes more than a person means: "①" passes `str.isdigit()` and then fails `int()`,
"٣" and "1_000" convert silently, and a number past the database's integer range fails the
query. A number read from a request, a file or an argument is a plain ASCII integer in range,
or it is refused with a message.
"""

LARGEST = 2**31 - 1  # the largest integer every database's integer column holds


def plain_integer(value, *, lowest=0, highest=LARGEST):
    """`value` (an int, or text of ASCII digits with an optional minus sign and spaces around)
    as an int when it lies from `lowest` to `highest`; otherwise None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
            return None
        value = int(text)
    if not isinstance(value, int):
        return None
    return value if lowest <= value <= highest else None
