"""`load_site`: every file of a site folder read, checked and put together as a `Site`."""

from __future__ import annotations

from pathlib import Path

from ..domain.site import Branch, Group, Guide, Service, Site
from .branches import read_branch
from .checks import check_counter_ids, check_guide_references
from .files import read_toml
from .guides import read_guide
from .problems import ConfigError, Problem
from .services import read_groups, read_services
from .site import SiteFile, read_site


def load_site(folder: str | Path) -> Site:
    """The validated site in `folder`; raises ConfigError listing every problem."""
    root = Path(folder)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ConfigError([Problem(str(root), "", "site folder not found")])

    site_t = read_toml(root / "site.toml", root, problems)
    services_t = read_toml(root / "services.toml", root, problems)
    site = SiteFile() if site_t is None else read_site(site_t)

    groups: dict[str, Group] = {}
    services: dict[str, Service] = {}
    if services_t is not None:
        groups = read_groups(services_t)
        services = read_services(services_t, groups)
        services_t.done()

    # with services.toml unreadable, don't bury its one problem under "no such service"s
    known = services if services_t is not None else None
    guides: dict[str, Guide] = {}
    for path in sorted((root / "guides").glob("*.toml")):
        t = read_toml(path, root, problems)
        if t is not None:
            guide = read_guide(t, path.stem, known)
            guides[guide.id] = guide

    branches: dict[str, Branch] = {}
    counter_files: dict[str, str] = {}
    branch_paths = sorted((root / "branches").glob("*.toml"))
    if not branch_paths:
        problems.append(Problem(f"{root.name}/branches", "", "no branch files (*.toml)"))
    for path in branch_paths:
        t = read_toml(path, root, problems)
        if t is not None:
            branch = read_branch(t, path.stem, site.timezone, site.holidays, known)
            branches[branch.id] = branch
            check_counter_ids(t, branch, counter_files)

    problems += check_guide_references(services, guides, f"{root.name}/services.toml")
    if problems:
        raise ConfigError(problems)
    return Site(
        name=site.name,
        languages=site.languages,
        services=services,
        branches=branches,
        guides=guides,
        groups=groups,
    )
