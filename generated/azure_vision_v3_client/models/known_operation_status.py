from enum import StrEnum


class KnownOperationStatus(StrEnum):
    FAILED = "failed"
    NOT_STARTED = "notStarted"
    RUNNING = "running"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
