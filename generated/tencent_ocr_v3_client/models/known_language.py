from enum import StrEnum


class KnownLanguage(StrEnum):
    EN_US = "en-US"
    ZH_CN = "zh-CN"

    def __str__(self) -> str:
        return str(self.value)
