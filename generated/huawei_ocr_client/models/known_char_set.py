from enum import StrEnum


class KnownCharSet(StrEnum):
    DIGIT = "digit"
    DIGIT_LETTER = "digit_letter"
    GENERAL = "general"
    LETTER = "letter"

    def __str__(self) -> str:
        return str(self.value)
