"""The menus' tiles: services, groups and guides, each with a mark and a word for its state
(never colour alone), and pages of them sized to the screen."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from queue_server.shared import wire

from .guides import KioskGuide
from .visit import Screen
from .wording import Tile, Wording


def all_tiles(w: Wording) -> list[Tile]:
    match w.s.screen:
        case Screen.MENU:
            return menu_tiles(w)
        case Screen.GROUP:
            return [service_tile(w, x) for x in w.groups().get(w.s.here.group or "", [])]
        case Screen.GUIDES:
            return [guide_tile(w, g) for g in sorted_guides(w)]
        case _:
            return []


def sorted_guides(w: Wording) -> list[KioskGuide]:
    return sorted(w.s.guides, key=lambda g: w.name(g.title).casefold())


def per_page(w: Wording, count: int) -> int:
    lay = w.layout
    if count <= lay.per_page:
        return lay.per_page
    s = w.sizes
    area = lay.tile_area - s.button_h - s.gap  # room for the page buttons
    return lay.columns * max(1, int((area + s.gap) // (lay.tile_h + s.gap)))


def page_tiles(w: Wording) -> list[Tile]:
    tiles = all_tiles(w)
    per = per_page(w, len(tiles))
    page = min(w.s.here.page, max(0, (len(tiles) - 1) // per))
    return tiles[page * per : (page + 1) * per]


def paging(w: Wording) -> dict[str, Any]:
    tiles = all_tiles(w)
    per = per_page(w, len(tiles))
    pages = max(1, -(-len(tiles) // per))
    page = min(w.s.here.page, pages - 1)
    return {
        "pages": pages,
        "page": page,
        "hasPrev": page > 0,
        "hasNext": page < pages - 1,
        "text": w.words("paging.page", page=page + 1, pages=pages) if pages > 1 else "",
        "tileH": tile_height(w, len(tiles[page * per : (page + 1) * per]), pages > 1),
    }


def tile_height(w: Wording, count: int, paged: bool) -> int:
    """Tiles grow into the room a short page leaves (up to a limit)."""
    lay, s = w.layout, w.sizes
    rows = max(1, -(-count // lay.columns))
    area = lay.tile_area - (s.button_h + s.gap if paged else 0)
    fit = (area - (rows - 1) * s.gap) / rows
    return int(max(lay.tile_h, min(fit, lay.tile_max_h)))


def menu_tiles(w: Wording) -> list[Tile]:
    tiles: list[Tile] = []
    groups = w.groups()
    seen: set[str] = set()
    for x in w.services:
        if x.group and len(groups[x.group]) > 1:  # a group of one is just its service
            if x.group not in seen:
                seen.add(x.group)
                tiles.append(group_tile(w, x.group, groups[x.group]))
        else:
            tiles.append(service_tile(w, x))
    if w.s.guides:
        tiles.append(
            tile("guides", "guides", w.words("tile.guides"), detail=w.words("tile.guides_detail"))
        )
    return tiles


def group_tile(w: Wording, group: str, services: list[wire.ServiceInfo]) -> Tile:
    names = " · ".join(w.name(x.names) for x in services)
    if w.s.server_ok is False:
        status, mark, state = w.words("tile.offline"), "✕", "off"
    elif any(x.open_now and not x.full for x in services):
        status, mark, state = w.words("tile.open"), "✓", "open"
    else:
        status, mark, state = w.words("tile.closed"), "✕", "closed"
    return tile(f"group:{group}", "group", w.group_name(group), status, names, mark, state)


def service_tile(w: Wording, x: wire.ServiceInfo) -> Tile:
    detail = ""
    if w.s.server_ok is False:
        status, mark, state = w.words("tile.offline"), "✕", "off"
    elif x.full:
        status, mark, state = w.words("tile.full"), "✕", "closed"
    elif x.open_now:
        status, mark, state = w.words("tile.open"), "✓", "open"
        detail = " · ".join(w.wait_lines(x, labelled=False))
    else:
        status, mark, state = w.words("tile.closed"), "✕", "closed"
        if x.opens_at:
            detail = w.words("tile.opens", when=w.when(x.opens_at))
    out = tile(f"service:{x.id}", "service", w.name(x.names), status, detail, mark)
    out.update(state=state, enabled=state != "off")
    return out


def guide_tile(w: Wording, g: KioskGuide) -> Tile:
    host = urlsplit(g.url).hostname or ""
    return tile(f"guide:{g.id}", "guide", w.name(g.title), detail=host)


def tile(
    tile_id: str,
    kind: str,
    title: str,
    status: str = "",
    detail: str = "",
    mark: str = "?",
    state: str = "info",
) -> Tile:
    """One tile for the QML: words, a mark (✓/✕, never colour alone) and its state."""
    return {
        "id": tile_id,
        "kind": kind,
        "title": title,
        "status": status,
        "detail": detail,
        "mark": mark,
        "state": state,
        "enabled": True,
    }
