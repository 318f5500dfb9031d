"""Machine-readable findings."""

from __future__ import annotations

import json
from typing import TextIO

from pm_pipeline.checker import Report
from pm_pipeline.findings import Level


def report(result: Report, out: TextIO) -> None:
    document = {
        "files": len(result.files),
        "errors": result.count(Level.ERROR),
        "warnings": result.count(Level.WARNING),
        "reminders": result.count(Level.REMINDER),
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "level": f.level.value,
                "message": f.message,
            }
            for f in result.findings
        ],
    }
    json.dump(document, out, indent=2)
    out.write("\n")
