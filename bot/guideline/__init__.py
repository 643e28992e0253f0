"""The municipality's guideline as data: its text, its rule numbers, its versions."""

from bot.guideline.loader import GuidelineError, guideline_in_force, load_guideline
from bot.guideline.model import Guideline, Rules

__all__ = ["Guideline", "GuidelineError", "Rules", "guideline_in_force", "load_guideline"]
