"""Errors the domain raises for input it refuses; their text is shown to the officer."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field, said in Vietnamese."""

    field: str
    message: str


@dataclass
class ValidationError(Exception):
    """The input was refused; nothing was written.

    ``problems`` name the fields so that a form can show each message beside its field.
    """

    problems: list[FieldProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @classmethod
    def single(cls, field_name: str, message: str) -> "ValidationError":
        return cls([FieldProblem(field_name, message)])

    @property
    def message(self) -> str:
        return "\n".join(problem.message for problem in self.problems)

    def __str__(self) -> str:
        return self.message


class NotFoundError(Exception):
    """The record asked for does not exist (any more)."""
