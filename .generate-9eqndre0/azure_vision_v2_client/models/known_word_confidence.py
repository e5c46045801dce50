from enum import StrEnum

class KnownWordConfidence(StrEnum):
    HIGH = "High"
    LOW = "Low"

    def __str__(self) -> str:
        return str(self.value)
