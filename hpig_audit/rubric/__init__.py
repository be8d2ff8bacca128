"""Rubrics: the YAML format (`schema`) and how files are found and validated (`loading`)."""

from hpig_audit.rubric.loading import DEFAULT_RUBRIC, builtin_rubrics, load_rubric, parse_rubric
from hpig_audit.rubric.schema import Criterion, Rubric, Rule, Theme

__all__ = ["DEFAULT_RUBRIC", "Criterion", "Rubric", "Rule", "Theme", "builtin_rubrics", "load_rubric", "parse_rubric"]
