"""The record contract: field order is JSON order, spans serialise as dicts."""

from __future__ import annotations

from transfer_extract.record import Event, Quote, Record, Source, Span


def test_record_field_order() -> None:
    record = Record(source=Source(None, "0" * 64, 0), published=None).to_dict()
    assert list(record) == ["schema_version", "source", "published", "boilerplate", "dates", "counts",
                            "cartels", "officials", "people", "quotes", "events", "warnings"]
    assert record["schema_version"] == 1


def test_event_starts_with_type() -> None:
    event = Event(kind="extradition", role="reported", count=1, origin="Mexico", destination="United States", date=None,
                  cumulative_total=None, sequence=None, places=(), organizations=(), conditions=(),
                  evidence=(Span(0, 3, "abc"),))
    data = event.to_dict()
    assert list(data)[:3] == ["type", "kind", "role"] and data["type"] == "transfer"
    assert data["evidence"] == [{"start": 0, "end": 3, "text": "abc"}]


def test_nested_span_is_a_dict() -> None:
    quote = Quote(0, 5, '"hi"', "A", Span(6, 7, "A"), "said")
    assert quote.to_dict()["speaker_mention"] == {"start": 6, "end": 7, "text": "A"}
