"""A JSON document read a piece at a time: the top-level object's members in file order, and the elements
of chosen arrays one by one.

Why: ``json.loads`` of a dataset with 2,000,000 interactions holds the whole text and every event as a
dict at once (2.6 GB); a reader that turns each event into the model as soon as it is decoded keeps
one chunk of text and one event's dicts alive instead. Every piece is still decoded by the standard
library's C decoder (``JSONDecoder.raw_decode``), so values mean exactly what ``json.loads`` makes of
them, and errors carry the line and column of the whole file.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")


class JsonSyntaxError(ValueError):
    """Not JSON (or not the JSON expected here), with a location a person can find in an editor."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class JsonStream:
    """Reads one JSON object from a binary file without holding more than a few chunks of its text.

    ``margin``: how far before the end of the text read so far a decoding error may lie and still be
    a value cut off by the chunk boundary (a string can be long, an escaped one six times longer);
    nearer the end, more is read and the value decoded again.
    """

    def __init__(self, handle: IO[bytes], *, margin: int, parse_constant: Callable[[str], Any],
                 on_read: Callable[[int], None] | None = None, chunk: int | None = None) -> None:
        self._handle = handle
        self._decoder = json.JSONDecoder(parse_constant=parse_constant)
        self._text_decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._chunk = chunk or CHUNK
        self._margin = margin
        self._on_read = on_read
        self._buf = ""
        self._pos = 0
        self._bytes = 0
        self._eof = False
        self._lines = 0  # newlines in the text already dropped from the buffer
        self._column = 0  # characters after the last of them
        self._last = (0, 0)

    # -- the buffer ---------------------------------------------------------------------------------

    def _fill(self) -> bool:
        """Read another chunk (dropping the text already consumed); False at the end of the file.

        Nothing is dropped when nothing more comes, so positions in the buffer stay valid for a message.
        """
        if self._eof:
            return False
        data = self._handle.read(self._chunk)
        try:
            text = self._text_decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise JsonSyntaxError(f"byte {self._bytes + exc.start}", f"not UTF-8 text ({exc.reason})") from None
        self._bytes += len(data)
        if self._on_read is not None:
            self._on_read(self._bytes)
        if not data:
            self._eof = True
        if not text:
            return bool(data)  # a chunk that ended inside a character: the caller asks again
        if self._pos:
            gone = self._buf[: self._pos]
            newlines = gone.count("\n")
            if newlines:
                self._lines += newlines
                self._column = len(gone) - gone.rfind("\n") - 1
            else:
                self._column += len(gone)
            self._buf = self._buf[self._pos:]
            self._last = (self._last[0] - self._pos, self._last[1] - self._pos)
            self._pos = 0
        self._buf += text
        return True

    def where(self, pos: int | None = None) -> str:
        """``line L, column C`` of a position in the buffer (default: the current one)."""
        pos = self._pos if pos is None else pos
        newlines = self._buf.count("\n", 0, pos)
        column = pos - self._buf.rfind("\n", 0, pos) if newlines else self._column + pos + 1
        return f"line {self._lines + newlines + 1}, column {column}"

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            self._pos = _SPACE.match(self._buf, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return ""

    def _expect(self, chars: str, what: str) -> str:
        char = self._peek()
        if not char or char not in chars:
            found = "the end of the file" if not char else repr(char)
            raise JsonSyntaxError(self.where(), f"invalid JSON (expected {what}, found {found})")
        self._pos += 1
        return char

    def _value(self) -> Any:
        """Decode the value at the current position, reading more text if it runs past what is read."""
        if self._pos >= len(self._buf) or self._buf[self._pos] in " \t\n\r":  # compact JSON skips the search
            self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if not self._eof and len(self._buf) - exc.pos < self._margin and self._fill():
                    continue
                raise JsonSyntaxError(self.where(exc.pos), f"invalid JSON ({exc.msg})") from None
            except ValueError as exc:  # parse_constant's refusal, or an integer of thousands of digits
                raise JsonSyntaxError(self.where(), f"invalid JSON ({exc})") from None
            if end >= len(self._buf) and not self._eof and self._fill():
                continue  # a number may go on in the next chunk: decode it again with more text
            self._last = (self._pos, end)
            self._pos = end
            return value

    # -- the document -------------------------------------------------------------------------------

    def members(self, streamed: Callable[[str], bool]) -> Iterator[tuple[str, Any]]:
        """The top-level object's members in file order.

        For a key where ``streamed(key)`` is true and whose value is an array, the value is an iterator
        of its elements, which must be consumed before the next member is asked for.
        """
        self._expect("{", "a JSON object")
        if self._peek() == "}":
            self._pos += 1
            self._end()
            return
        while True:
            if self._peek() != '"':
                self._expect('"', "a key in double quotes")
            key = self._value()
            self._expect(":", "':'")
            if streamed(key) and self._peek() == "[":
                self._pos += 1
                elements = self._elements()
                yield key, elements
                for _ in elements:  # whatever the caller left unread
                    pass
            else:
                yield key, self._value()
            if self._expect(",}", "',' or '}'") == "}":
                self._end()
                return

    def _elements(self) -> Iterator[Any]:
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._value()
            if self._buf.startswith(",", self._pos):  # compact JSON: no white space to skip
                self._pos += 1
            elif self._expect(",]", "',' or ']'") == "]":
                return

    def _end(self) -> None:
        if self._peek():
            raise JsonSyntaxError(self.where(), "invalid JSON (Extra data)")

    def last_shape(self) -> tuple[int, int]:
        """Characters and opening brackets of the value decoded last: a cheap bound on its string lengths
        and nesting, so only a value that could break a limit needs walking."""
        start, end = self._last
        return end - start, self._buf.count("[", start, end) + self._buf.count("{", start, end)
