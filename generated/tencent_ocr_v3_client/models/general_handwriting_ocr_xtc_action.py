from enum import StrEnum


class GeneralHandwritingOcrXTCAction(StrEnum):
    GENERAL_HANDWRITING_OCR = "GeneralHandwritingOCR"

    def __str__(self) -> str:
        return str(self.value)
