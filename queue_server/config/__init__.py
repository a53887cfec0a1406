"""Load and validate a site folder of TOML files (see config/FORMAT.md) into a `Site`.

Every problem in every file is collected before failing, so an administrator fixes a
config in one pass; each names the file, the dotted key and what is wrong.

    problems   Problem, ConfigError
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

from .load import load_site
from .problems import ConfigError, Problem

__all__ = ["ConfigError", "Problem", "load_site"]
