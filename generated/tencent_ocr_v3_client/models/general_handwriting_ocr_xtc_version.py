from enum import StrEnum


class GeneralHandwritingOcrXTCVersion(StrEnum):
    V2018_11_19 = "2018-11-19"

    def __str__(self) -> str:
        return str(self.value)
