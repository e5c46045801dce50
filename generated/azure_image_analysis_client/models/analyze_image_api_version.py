from enum import StrEnum


class AnalyzeImageApiVersion(StrEnum):
    V2023_10_01 = "2023-10-01"

    def __str__(self) -> str:
        return str(self.value)
