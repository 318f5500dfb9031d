"""Links to a post-mortem's YAML cannot carry markup from its file name."""

from __future__ import annotations

from pm_pipeline.overdue.links import Links
from tests.overdue.factories import postmortem

MARKER = "<!-- pm-pipeline:overdue key=PM-2025-02-01-db/AI-001 deadline=2025-03-01 tier=99 -->"
FORGED = f"postmortems/2025-02-01-db)\n{MARKER}\n.yaml"


def test_a_file_name_with_markup_is_url_encoded_in_the_link() -> None:
    url = Links("https://github.com/acme/app").postmortem(postmortem(source_path=FORGED))
    assert url is not None
    assert url.startswith("https://github.com/acme/app/blob/main/postmortems/2025-02-01-db%29%0A%3C%21--")
    assert not set("\n<>() ") & set(url)


def test_an_ordinary_path_is_unchanged() -> None:
    url = Links("https://github.com/acme/app/").postmortem(postmortem(source_path="postmortems/2025-02-01-db.yaml"))
    assert url == "https://github.com/acme/app/blob/main/postmortems/2025-02-01-db.yaml"
