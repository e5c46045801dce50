from enum import StrEnum


class KnownDimensionUnit(StrEnum):
    INCH = "inch"
    PIXEL = "pixel"

    def __str__(self) -> str:
        return str(self.value)
