"""What a sub-command of ``pcmt`` is: a name, its options, and what it runs."""

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Subparsers = Any  # argparse's _SubParsersAction is private and unparametrised.


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Path, argparse.Namespace], int]

    def register(self, subparsers: Subparsers) -> None:
        parser = subparsers.add_parser(self.name, help=self.help, description=self.help)
        self.configure(parser)
