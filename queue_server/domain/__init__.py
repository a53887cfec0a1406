"""The queue rules as pure functions and dataclasses: no I/O, no clock, no database."""
