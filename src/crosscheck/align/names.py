"""The name-resolution stage: one canonical key per person across all articles of a story."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from crosscheck.claims.names import PLACE_LABELS, resolve_people
from crosscheck.model import Claim, Entity, Speaker


def resolve_names(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """Rewrite person keys in entities and speakers so spelling variants share one key.

    An entity spaCy labelled ORG or GPE whose key is a known person's ("Trump" tagged ORG in one
    sentence) is relabelled PERSON, so it counts as that person.
    """
    person_keys = [e.key for c in claims for e in c.entities if e.label == "PERSON"]
    person_keys += [c.speaker.key for c in claims if c.speaker and c.speaker.kind == "person"]
    mapping = resolve_people(person_keys)
    return tuple(_rewrite(c, mapping) for c in claims)


def _rewrite(claim: Claim, mapping: dict[str, str]) -> Claim:
    entities = tuple(_entity(e, mapping) for e in claim.entities)
    places = tuple(e for e in entities if e.label in PLACE_LABELS)
    return replace(claim, entities=entities, places=places, speaker=_speaker(claim.speaker, mapping))


def _entity(entity: Entity, mapping: dict[str, str]) -> Entity:
    if entity.label == "PERSON":
        return replace(entity, key=mapping.get(entity.key, entity.key))
    if entity.key in mapping:
        return replace(entity, label="PERSON", key=mapping[entity.key])
    return entity


def _speaker(speaker: Speaker | None, mapping: dict[str, str]) -> Speaker | None:
    if speaker is None or speaker.kind == "other":
        return speaker
    if speaker.kind == "organization" and speaker.key not in mapping:
        return speaker
    # A person's key, or an organisation-tagged name that is really a person ("Trump" as ORG).
    return replace(speaker, kind="person", key=mapping.get(speaker.key, speaker.key))
