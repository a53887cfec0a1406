"""Load and validate a site folder of TOML files (see config/FORMAT.md) into a `Site`.

Every problem in every file is collected before failing, so an administrator fixes a
config in one pass; each names the file, the dotted key and what is wrong.

What administrators change during the day (design.md §12) meets the same rules and
messages: each validator takes plain data (a dict, list or string as TOML gives it, None for
absent) and a `Where` naming source and key, and returns the value or `Invalid`:

    closed dates, holidays   parse_dates
    extra openings           parse_special
    notices, names           parse_names
    a counter's services     check_counter_services
    caps                     parse_cap
    weekly hours             parse_hours

Modules:

    problems   Where, Problem, Invalid, ConfigError
    table      the problem collector (`Table`), ids, language codes, names
    files      reading one TOML file
    site       site.toml
    services   services.toml: groups, services, caps
    branches   branches/<id>.toml (hours in `hours`, closed dates in `dates`)
    counters   a branch's [[counters]] and the services each serves
    hours      time ranges, weekly hours, special days
    dates      holidays, closed dates, time zones
    guides     guides/<id>.toml
    checks     cross-checks between files
    load       load_site
"""

from .counters import check_counter_services
from .dates import parse_dates
from .hours import Ranges, Special, Week, parse_hours, parse_special
from .load import load_site
from .problems import ConfigError, Invalid, Problem, Where
from .services import parse_cap
from .table import parse_names

__all__ = [
    "ConfigError",
    "Invalid",
    "Problem",
    "Ranges",
    "Special",
    "Week",
    "Where",
    "check_counter_services",
    "load_site",
    "parse_cap",
    "parse_dates",
    "parse_hours",
    "parse_names",
    "parse_special",
]
