"""HTTP plumbing: request/response records, pagination and Link headers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlencode

from .render import Urls, error


class RequestRecord(NamedTuple):
    method: str
    path: str
    query: dict[str, str]
    status: int
    body: bytes = b""  # what the client sent (tests read the titles, bodies and comments written)

    def json(self) -> Any:
        import json

        return json.loads(self.body) if self.body else None


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: bytes
    headers: dict[str, str]
    urls: Urls

    def int_param(self, name: str, default: int) -> int:
        try:
            return int(self.query.get(name, default))
        except ValueError:
            return default


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class HttpError(Exception):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.response = Response(status, error(message, status, **extra))


def not_found() -> HttpError:
    return HttpError(404, "Not Found")


def validation_failed(resource: str, field_name: str, code: str, **extra: Any) -> HttpError:
    detail = {"resource": resource, "field": field_name, "code": code, **extra}
    return HttpError(422, "Validation Failed", errors=[detail])


def not_supplied(field_name: str) -> HttpError:
    return HttpError(422, f'Invalid request.\n\n"{field_name}" wasn\'t supplied.')


def paginate(req: Request, items: list[Any], *, max_per_page: int = 100) -> tuple[list[Any], dict[str, str]]:
    per_page = max(1, min(req.int_param("per_page", 30), max_per_page))
    page = max(1, req.int_param("page", 1))
    last = max(1, -(-len(items) // per_page))
    chunk = items[(page - 1) * per_page: page * per_page]
    return chunk, link_header(req, page, last)


def link_header(req: Request, page: int, last: int) -> dict[str, str]:
    def url(n: int) -> str:
        params = {k: v for k, v in req.query.items() if k != "page"}
        params["page"] = str(n)
        return f"<{req.urls.api}{req.path}?{urlencode(params)}>"

    links: list[str] = []
    if page > 1:
        links.append(f'{url(min(page - 1, last))}; rel="prev"')
    if page < last:
        links.append(f'{url(page + 1)}; rel="next"')
        links.append(f'{url(last)}; rel="last"')
    if page > 1:
        links.append(f'{url(1)}; rel="first"')
    return {"Link": ", ".join(links)} if links else {}
