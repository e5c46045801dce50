from enum import StrEnum


class KnownTextStyle(StrEnum):
    HANDWRITING = "handwriting"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
