"""An editor in a repository made by `init`: yaml-language-server (npm) driven over LSP on stdio.

The modeline `new` writes must resolve there: completions of field names, enum values and
diagnostics all come from the schema copy in `.pm-pipeline/`. The server gets no network
(schema store off); a modeline that does not resolve gives no completions at all.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.init.helpers import BIN, clean_env, init_repo
from tests.npm import npm_package

SERVER_VERSION = "1.25.0"
TIMEOUT = 60


class LspClient:
    """JSON-RPC over stdio with Content-Length framing; answers the server's own requests."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def wait(self, matches: Any) -> dict[str, Any]:
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if "method" in message and "id" in message:  # the server asks: configuration, registrations
                result = [SETTINGS["yaml"]] * len(message["params"]["items"]) \
                    if message["method"] == "workspace/configuration" else None
                self.send({"id": message["id"], "result": result})
                continue
            if matches(message):
                return message

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri)
        result: list[dict[str, Any]] = found["params"]["diagnostics"]
        return result

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False},
                     "format": {"enable": False}}}


@pytest.fixture(scope="module")
def server_command() -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run yaml-language-server")
    folder = npm_package("yaml-language-server", SERVER_VERSION, "bin/yaml-language-server")
    return [node, str(folder / "bin" / "yaml-language-server"), "--stdio"]


@pytest.fixture
def editor(tmp_path_factory: pytest.TempPathFactory, server_command: list[str]) -> Iterator[tuple[LspClient, Path]]:
    repo = tmp_path_factory.mktemp("editor") / "team"
    init_repo(repo)
    subprocess.run(
        [str(BIN / "pm-pipeline"), "new", "--title", "Search was slow", "--severity", "P3",
         "--started", "2025-04-02T08:00:00Z", "--resolved", "2025-04-02T09:00:00Z", "--author", "@li"],
        cwd=repo, capture_output=True, text=True, env=clean_env(), check=True,
    )
    client = LspClient(server_command, repo)
    client.request("initialize", {"processId": None, "rootUri": repo.as_uri(), "capabilities": {
        "textDocument": {"completion": {"completionItem": {"snippetSupport": False}},
                         "publishDiagnostics": {}, "hover": {"contentFormat": ["markdown", "plaintext"]}},
        "workspace": {"configuration": True}}, "workspaceFolders": [{"uri": repo.as_uri(), "name": "team"}]})
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
    yield client, repo / "postmortems" / "2025-04-02-search-was-slow.yaml"
    client.close()


def _open(client: LspClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                            "text": text}})
    return uri


def _labels(result: Any) -> set[str]:
    items = result["items"] if isinstance(result, dict) else result
    return {item["label"] for item in items}


def test_skeleton_has_no_diagnostics_and_completes_field_names(editor: tuple[LspClient, Path]) -> None:
    client, path = editor
    text = path.read_text()
    assert "TODO" in text
    edited = text.replace("reviewers: []\n", "reviewers: []\n\n", 1)
    line = edited.splitlines().index("reviewers: []") + 1
    uri = _open(client, path, edited)
    assert client.diagnostics(uri) == []
    labels = _labels(client.request("textDocument/completion",
                                    {"textDocument": {"uri": uri}, "position": {"line": line, "character": 0}}))
    assert {"published_at", "reviewed_on", "evidence"} & labels, labels


def test_enum_values_are_offered(editor: tuple[LspClient, Path]) -> None:
    client, path = editor
    text = path.read_text().replace("status: draft", "status: ", 1)
    line = text.splitlines().index("status: ")
    uri = _open(client, path, text)
    client.diagnostics(uri)
    labels = _labels(client.request("textDocument/completion",
                                    {"textDocument": {"uri": uri}, "position": {"line": line, "character": 8}}))
    assert {"draft", "in-review", "published"} <= labels, labels


def test_mistakes_are_diagnosed_on_their_lines(editor: tuple[LspClient, Path]) -> None:
    client, path = editor
    text = path.read_text().replace("priority: medium", "priority: urgent", 1).replace("    type: prevent",
                                                                                       "    typ: prevent", 1)
    uri = _open(client, path, text)
    found = client.diagnostics(uri)
    lines = text.splitlines()
    by_line = {lines[d["range"]["start"]["line"]].strip(): d["message"] for d in found}
    assert "priority: urgent" in by_line, found
    assert "typ: prevent" in by_line, found
