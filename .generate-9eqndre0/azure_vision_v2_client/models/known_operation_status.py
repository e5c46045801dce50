from enum import StrEnum

class KnownOperationStatus(StrEnum):
    FAILED = "Failed"
    NOT_STARTED = "NotStarted"
    NOT_STARTED_WITH_SPACE = "Not Started"
    RUNNING = "Running"
    SUCCEEDED = "Succeeded"

    def __str__(self) -> str:
        return str(self.value)
