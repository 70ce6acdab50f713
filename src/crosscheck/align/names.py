"""The name-resolution stage: one canonical key per person across all articles of a story."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from crosscheck.claims.names import PLACE_LABELS, resolve_people
from crosscheck.model import Attribution, Claim, Entity, Speaker


def people_mapping(claims: Sequence[Claim], attributions: Sequence[Attribution] = ()
                   ) -> dict[str, str]:
    """Person key -> the one canonical key of that person across all the articles given.

    A bare surname joins a full name only when one person of the story can take it: with both
    "Joe Biden" and "Hunter Biden" named, "Biden" stays apart (ambiguous) rather than being
    guessed (see ``resolve_people``).
    """
    person_keys = [e.key for c in claims for e in c.entities if e.label == "PERSON"]
    speakers = [c.speaker for c in claims] + [a.speaker for a in attributions]
    person_keys += [s.key for s in speakers if s is not None and s.kind == "person"]
    return resolve_people(person_keys)


def resolve_names(claims: Sequence[Claim], mapping: dict[str, str] | None = None
                  ) -> tuple[Claim, ...]:
    """Rewrite person keys in entities and speakers so spelling variants share one key.

    An entity spaCy labelled ORG or GPE whose key is a known person's ("Trump" tagged ORG in one
    sentence) is relabelled PERSON, so it counts as that person.
    """
    mapping = people_mapping(claims) if mapping is None else mapping
    return tuple(_rewrite(c, mapping) for c in claims)


def resolve_attributions(attributions: Sequence[Attribution], mapping: dict[str, str]
                         ) -> tuple[Attribution, ...]:
    """The attributions with their speakers' keys made canonical, as ``resolve_names`` does."""
    return tuple(replace(a, speaker=_speaker(a.speaker, mapping)) for a in attributions)


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
