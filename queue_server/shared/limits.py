"""Field lengths, one source for the wire and the columns: what the API accepts fits the
database on both engines (an id the wire allowed but a column could not hold was a 500)."""

from __future__ import annotations

ID_LEN = 40  # branch, service, counter, device and guide ids
NAME_LEN = 80  # a device's name, an actor
USERNAME_LEN = 64
PASSWORD_LEN = 256
DETAIL_LEN = 200  # a device's health detail
LABEL_LEN = 120  # a token's label
LANGUAGE_LEN = 8
