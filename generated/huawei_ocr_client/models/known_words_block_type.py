from enum import StrEnum


class KnownWordsBlockType(StrEnum):
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
