"""The window's side of the accounts: logging in, the idle lock, roles, managing users."""
