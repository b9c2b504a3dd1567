"""facilitator: run scripted mentoring sessions, keep what people said, print the paper."""

__version__ = "0.1.0"
