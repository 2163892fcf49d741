"""The targets tab: campaign phases and actual against target per sub-area."""
