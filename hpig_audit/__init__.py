"""hpig-audit: audit ICS strategies against the HPIG criteria for babies, children and young people."""

__version__ = "0.1.0"
TOOL_NAME = "hpig-audit"
