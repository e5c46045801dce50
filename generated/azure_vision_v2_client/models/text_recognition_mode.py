from enum import StrEnum


class TextRecognitionMode(StrEnum):
    HANDWRITTEN = "Handwritten"
    PRINTED = "Printed"

    def __str__(self) -> str:
        return str(self.value)
