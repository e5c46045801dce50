from enum import StrEnum


class KnownVisualFeature(StrEnum):
    CAPTION = "caption"
    DENSE_CAPTIONS = "denseCaptions"
    OBJECTS = "objects"
    PEOPLE = "people"
    READ = "read"
    SMART_CROPS = "smartCrops"
    TAGS = "tags"

    def __str__(self) -> str:
        return str(self.value)
