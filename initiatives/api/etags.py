"""ETags of versioned objects (initiatives), built from their version: ``"<id>-<version>"``.

A client sends the ETag it read back in ``If-Match``; the service compares the
version under a row lock, so that two writers cannot both win. A write without
``If-Match`` is accepted (the last write wins).
"""

import re

_TAG = re.compile(r'^(?:W/)?"(\d{1,18})-(\d{1,18})"$')
ANY = "*"


class IfMatch:
    """What an ``If-Match`` header asks of one object."""

    def __init__(self, header: str | None, pk: int):
        self.present = bool(header and header.strip())
        self.version = None
        self.matches_nothing = False
        if not self.present or header.strip() == ANY:
            return
        versions = [
            int(match.group(2))
            for match in map(_TAG.match, (part.strip() for part in header.split(",")))
            if match and int(match.group(1)) == pk
        ]
        self.version = versions[0] if versions else None
        self.matches_nothing = not versions


def etag(pk: int, version: int) -> str:
    return f'"{pk}-{version}"'


def etag_of(obj) -> str:
    return etag(obj.pk, obj.version)
