"""The site's downloads and the data its table script loads: pure, post-mortems and states in, file text out.

The downloads are the `pm-pipeline export` formats (pm_pipeline/export.py), so a table's CSV opens
with the same columns as the command's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pm_pipeline import export
from pm_pipeline.site.status import ItemState
from pm_pipeline.site.views import SiteInput

FOLDER = "downloads"


@dataclass(frozen=True)
class Asset:
    """A generated file that is not a page: `path` from the site root, `content` its text."""

    path: str
    content: str


def downloads(site: SiteInput) -> list[Asset]:
    """CSV and JSON of every incident, every action item and the overdue items."""
    incidents = export.incident_rows(site.postmortems, site.tracked)
    items = export.action_item_rows(site.tracked)
    # Paths as the repository names them, not where this machine checked it out.
    for row in incidents:
        row["source_path"] = site.yaml_paths.get(row["id"], row["source_path"])
    for row in items:
        row["source_path"] = site.yaml_paths.get(row["postmortem_id"], row["source_path"])
    overdue = sorted(
        (row for row in items if row["state"] == ItemState.OVERDUE.value), key=lambda r: (-r["days_late"], r["owner"])
    )
    source = site.source.kind

    def document(incident_rows: Sequence[Mapping[str, Any]], item_rows: Sequence[Mapping[str, Any]]) -> str:
        return export.to_json(incident_rows, item_rows, generated_at=site.now, status_source=source)

    return [
        Asset(f"{FOLDER}/incidents.csv", export.to_csv(incidents, export.INCIDENT_COLUMNS)),
        Asset(f"{FOLDER}/incidents.json", document(incidents, [])),
        Asset(f"{FOLDER}/action-items.csv", export.to_csv(items, export.ACTION_ITEM_COLUMNS)),
        Asset(f"{FOLDER}/action-items.json", document([], items)),
        Asset(f"{FOLDER}/overdue.csv", export.to_csv(overdue, export.ACTION_ITEM_COLUMNS)),
        Asset(f"{FOLDER}/overdue.json", document([], overdue)),
    ]


def table_rows(rows_html: str, separator: str) -> str:
    """The rendered rows of one table as the JSON the table script reads: {"rows": ["<tr>…</tr>", …]}."""
    rows = [row.strip() for row in rows_html.split(separator) if row.strip()]
    return json.dumps({"rows": rows}, ensure_ascii=False, separators=(",", ":"))
