"""Pure-function text analysis used by the post-mortem lint rules."""

from pm_pipeline.language.blame import BlameMatch, find_blame
from pm_pipeline.language.vagueness import Vagueness, judge_action

__all__ = ["BlameMatch", "Vagueness", "find_blame", "judge_action"]
