from enum import StrEnum


class KnownReadingOrder(StrEnum):
    BASIC = "basic"
    NATURAL = "natural"

    def __str__(self) -> str:
        return str(self.value)
