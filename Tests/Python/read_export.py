"""Reads a `soclint export` output back with its real consumer and prints what it read as JSON,
for the Swift tests to compare with soclint's own model.

  python3 read_export.py matrix|requests FILE    # Python's csv module: rows of cells
  python3 read_export.py calendar FILE           # the icalendar package: the events
  python3 read_export.py oscal FILE              # compliance-trestle's ComponentDefinition
"""
import json
import sys


def read_csv(path):
    import csv
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    body = raw[3:]
    # RFC 4180: every record ends with CRLF; a lone LF may appear only inside a quoted field.
    assert body.endswith(b"\r\n"), "the last record does not end with CRLF"
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f, strict=True))


def read_calendar(path):
    import icalendar
    raw = open(path, "rb").read()
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, "a line longer than 75 octets: %r" % line[:80]
        assert b"\n" not in line, "a bare LF"
    cal = icalendar.Calendar.from_ical(raw)
    events = []
    for e in cal.walk("VEVENT"):
        attendee = e.get("ATTENDEE")
        events.append({
            "uid": str(e["UID"]),
            "start": e.decoded("DTSTART").isoformat(),
            "end": e.decoded("DTEND").isoformat(),
            "summary": str(e["SUMMARY"]),
            "description": str(e["DESCRIPTION"]),
            "attendee": str(attendee) if attendee else None,
            "stamp": e.decoded("DTSTAMP").isoformat(),
        })
    return {"name": str(cal.get("X-WR-CALNAME")), "events": events}


def plain(value):
    """A trestle value as plain JSON: pydantic root models unwrapped, enums to their values."""
    while hasattr(value, "root") or hasattr(value, "__root__"):
        value = getattr(value, "root", None) if hasattr(value, "root") else value.__root__
    return getattr(value, "value", value) if not isinstance(value, (str, int, float)) else value


def read_oscal(path):
    import pathlib
    from trestle.oscal.component import ComponentDefinition
    definition = ComponentDefinition.oscal_read(pathlib.Path(path))
    out = {"oscal-version": plain(definition.metadata.oscal_version), "components": []}
    for c in definition.components:
        implementations = []
        for ci in c.control_implementations or []:
            requirements = []
            for r in ci.implemented_requirements:
                requirements.append({
                    "uuid": str(plain(r.uuid)),
                    "control-id": plain(r.control_id),
                    "statements": [
                        {"statement-id": plain(s.statement_id), "uuid": str(plain(s.uuid)),
                         "description": plain(s.description),
                         "props": {plain(p.name): plain(p.value) for p in (s.props or [])}}
                        for s in (r.statements or [])
                    ],
                })
            implementations.append({"source": plain(ci.source), "requirements": requirements})
        out["components"].append({"title": plain(c.title), "type": plain(c.type), "implementations": implementations})
    return out


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    reader = {"matrix": read_csv, "requests": read_csv, "calendar": read_calendar, "oscal": read_oscal}[kind]
    json.dump(reader(path), sys.stdout, ensure_ascii=False)
