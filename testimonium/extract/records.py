"""What the components produce. `to_json()` gives the extraction contract's shape (char offsets)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Mention:
    start: int  # token offsets into the Doc
    end: int
    start_char: int
    end_char: int
    text: str
    pronoun: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start_char, "end": self.end_char, "text": self.text}
        if self.pronoun:
            data["pronoun"] = True
        return data


@dataclass
class Entity:
    id: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None  # "f"/"m" when a title or pronoun tells

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name,
                "mentions": [m.to_json() for m in self.mentions]}


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    value: str
    granularity: str
    token_start: int
    token_end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "value": self.value, "granularity": self.granularity}


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    value: float
    approximate: bool
    of: str | None
    token_start: int
    token_end: int

    def to_json(self) -> dict[str, Any]:
        value: Any = int(self.value) if float(self.value).is_integer() else self.value
        return {"text": self.text, "start": self.start, "end": self.end, "value": value,
                "approximate": self.approximate, "of": self.of}


@dataclass
class Claim:
    id: str
    speaker: str | None
    speaker_text: str
    cue: str
    content: str
    start: int
    end: int
    kind: str
    stance: str = "assert"
    told_to: str | None = None
    reported_by: list[str] = field(default_factory=list)
    date: str | None = None
    cue_start: int = 0  # char offsets of the cue words
    cue_end: int = 0
    token_start: int = 0  # token offsets of the content
    token_end: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "speaker": self.speaker, "speaker_text": self.speaker_text,
                "cue": self.cue, "told_to": self.told_to, "reported_by": list(self.reported_by),
                "content": self.content, "start": self.start, "end": self.end, "kind": self.kind,
                "stance": self.stance, "date": self.date,
                "cue_span": {"start": self.cue_start, "end": self.cue_end}}


@dataclass(frozen=True)
class Unnamed:
    """A participant no entity names ("23 people", "the protesters"), by its words in the text."""
    role: str
    text: str
    start: int
    end: int

    @property
    def id(self) -> str:
        return self.text

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "start": self.start, "end": self.end}


@dataclass
class Event:
    id: str
    type: str
    outcome: str | None
    modality: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    agent: list[str] = field(default_factory=list)
    patient: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    date: str | None = None
    claim: str | None = None
    token: int = 0  # token index of the trigger
    # participants no entity names ("23 people", "the protesters"): their phrases also stand in
    # `agent`/`patient`, as the contract's `speaker_text` does for an unnamed speaker
    unnamed: list[Unnamed] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "outcome": self.outcome,
                "modality": self.modality, "agent": self.agent, "patient": self.patient,
                "place": self.place, "date": self.date,
                "trigger": {"start": self.trigger_start, "end": self.trigger_end,
                            "text": self.trigger_text},
                "claim": self.claim,
                "unnamed": [u.to_json() for u in self.unnamed]}
