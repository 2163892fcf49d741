"""Who may use the program: passwords, roles and their permissions, logins, user accounts.

Imports nothing from ``services`` at package level so that ``services.context`` can use
the permissions without an import cycle.
"""
