"""The one error automatic backups raise: its message is for the officer, in Vietnamese."""


class AutoBackupError(Exception):
    """An automatic backup could not be made or its key read; nothing was deleted.

    The message never contains the recovery key.
    """
