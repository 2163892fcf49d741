"""The cases registry's tab: criminal cases and administrative violations."""
