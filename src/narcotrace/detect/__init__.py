"""Detection: signals (KB terms, intent cues, indicators, prices), the learned model, and the Scanner."""

from narcotrace.detect.scanner import Scanner

__all__ = ["Scanner"]
