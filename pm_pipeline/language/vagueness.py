"""placeholder"""
from dataclasses import dataclass
@dataclass(frozen=True)
class Vagueness:
    reason: str
    suggestion: str
def judge_action(text: str) -> Vagueness | None:
    return None
