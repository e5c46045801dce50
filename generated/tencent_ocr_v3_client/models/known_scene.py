from enum import StrEnum


class KnownScene(StrEnum):
    ONLY_HW = "only_hw"

    def __str__(self) -> str:
        return str(self.value)
