# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The HTML walk of `html._Walker`, compiled: the same blocks, links, controls and metadata,
read straight from libxml2's tree under lxml's elements.

The Python walk costs ~3 ms a page, five times lxml's parse, because each of a page's ~1,250
nodes and ~1,000 strings goes through several Python calls (lxml's proxies, iterwalk events,
the source cursor's regular expressions). Here the tree is followed through its C pointers,
element names and attributes are compared as C strings, and the cursor scans the source as code
points; Python objects are made only for what the result holds (strings, anchors, frames,
links). Rare things (meta, time, h1, embeds, buttons, comments, dropped text) are the Python
walk's code, compiled as it is.

It must give exactly what the Python walk gives (tests/test_html_paths.py compares them). What
it does not know how to read the way lxml's Python view reads it (namespaced nodes, entity
references, attribute values made of more than text) raises `Unsupported`, and the caller
walks in Python; a tree deeper than `html._MAX_TREE_DEPTH` raises `TooDeep`, as that walk does.
"""

from cpython.object cimport PyObject
from cpython.ref cimport Py_DECREF, Py_INCREF
from cpython.tuple cimport PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memset, strcmp, strlen

from lxml.includes cimport tree
from lxml.includes.tree cimport const_xmlChar, xmlAttr, xmlNode

cimport lxml.includes.etreepublic as cetree

import gc
import html as html_entities
import re

from checker.documents import html_cursor as _python_cursor
from checker.documents.model import BODY, FOOTER, HEADLINE, HIDDEN, OTHER, Block, Control, Frame, Link

cetree.import_lxml__etree()

_LETTER = re.compile(r"[^\W\d_]")  # as html._LETTER: a button with one has words of its own


cdef extern from "Python.h":
    ctypedef struct PyTypeObject:
        PyObject* (*tp_alloc)(PyTypeObject*, Py_ssize_t) except NULL
    Py_ssize_t PyUnicode_GET_LENGTH(object)
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch) nogil
    Py_ssize_t PyUnicode_Find(object, object, Py_ssize_t, Py_ssize_t, int) except -2
    Py_ssize_t PyUnicode_Tailmatch(object, object, Py_ssize_t, Py_ssize_t, int) except -1
    Py_ssize_t PyUnicode_FindChar(object, Py_UCS4, Py_ssize_t, Py_ssize_t, int) noexcept
    const char* PyUnicode_AsUTF8(object) except NULL
    void PyObject_GC_UnTrack(void*)


class TooDeep(Exception):
    """The tree is deeper than the walk follows (the BeautifulSoup path reads it)."""


class Unsupported(Exception):
    """Something this walk does not read as lxml's Python view does (the Python walk reads it)."""


# -- the source cursor (html_cursor.Cursor, scanning code points) -------------------------

cdef inline bint _is_ws(Py_UCS4 c) noexcept nogil:
    return c == 32 or c == 9 or c == 10 or c == 13 or c == 12  # html_cursor.WS


cdef inline bint _is_ascii_letter(Py_UCS4 c) noexcept nogil:
    return (65 <= c <= 90) or (97 <= c <= 122)


cdef inline bint _is_digit(Py_UCS4 c) noexcept nogil:
    return 48 <= c <= 57


cdef inline bint _is_hex(Py_UCS4 c) noexcept nogil:
    return _is_digit(c) or (65 <= c <= 70) or (97 <= c <= 102)


cdef inline bint _starts_markup(Py_UCS4 c) noexcept nogil:  # [A-Za-z/!?] after a '<'
    return _is_ascii_letter(c) or c == 47 or c == 33 or c == 63


cdef dict _entity_lengths = {}


cdef Py_ssize_t _decoded_length(str entity) except -1:
    found = _entity_lengths.get(entity)
    if found is None:
        if len(_entity_lengths) > 512:
            _entity_lengths.clear()
        found = _entity_lengths[entity] = len(html_entities.unescape(entity))
    return found


cdef class _Cursor:
    """`html_cursor.Cursor` with its regular expressions written as loops over the source."""

    cdef str source
    cdef int kind
    cdef void* data
    cdef Py_ssize_t length
    cdef Py_ssize_t pos
    cdef int misses
    cdef Py_ssize_t* starts  # where each line starts (html.LineIndex)
    cdef Py_ssize_t line_count
    cdef Py_ssize_t line_offset

    def __cinit__(self, str source, Py_ssize_t line_offset):
        self.source = source
        self.kind = PyUnicode_KIND(source)
        self.data = PyUnicode_DATA(source)
        self.length = PyUnicode_GET_LENGTH(source)
        self.pos = 0
        self.misses = 0
        self.line_offset = line_offset
        cdef Py_ssize_t capacity = 64 + self.length // 32, i = 0, n = 1
        cdef Py_ssize_t* grown
        self.starts = <Py_ssize_t*>malloc(capacity * sizeof(Py_ssize_t))
        if self.starts is NULL:
            raise MemoryError
        self.starts[0] = 0
        while True:
            i = PyUnicode_FindChar(source, 10, i, self.length, 1)
            if i < 0:
                break
            i += 1
            if n + 1 >= capacity:
                capacity *= 2
                grown = <Py_ssize_t*>realloc(self.starts, capacity * sizeof(Py_ssize_t))
                if grown is NULL:
                    raise MemoryError
                self.starts = grown
            self.starts[n] = i
            n += 1
        self.starts[n] = self.length + 1
        self.line_count = n + 1

    def __dealloc__(self):
        free(self.starts)

    cdef tuple position(self, Py_ssize_t offset):
        """LineIndex.position: 1-based (line, column) of a source offset."""
        cdef Py_ssize_t line, column
        self.locate(offset, &line, &column)
        return (line, column)

    cdef void locate(self, Py_ssize_t offset, Py_ssize_t* line, Py_ssize_t* column) noexcept:
        cdef Py_ssize_t low = 0, high = self.line_count, middle
        while low < high:  # bisect_right
            middle = (low + high) >> 1
            if offset < self.starts[middle]:
                high = middle
            else:
                low = middle + 1
        low -= 1
        line[0] = low + 1 + self.line_offset
        column[0] = offset - self.starts[low] + 1

    cdef void anchor(self, list anchors, Py_ssize_t at, Py_ssize_t offset) except *:
        """Append the anchor (`at`, line, column) of the source offset."""
        cdef Py_ssize_t line, column
        self.locate(offset, &line, &column)
        anchors.append(_untracked((at, line, column)))

    cdef inline Py_UCS4 at(self, Py_ssize_t i) noexcept:
        return PyUnicode_READ(self.kind, self.data, i)

    cdef inline Py_ssize_t find_char(self, Py_UCS4 c, Py_ssize_t start, Py_ssize_t end) noexcept:
        if start >= end:
            return -1
        return PyUnicode_FindChar(self.source, c, start, end, 1)  # memchr and the like; cannot fail here

    cdef Py_ssize_t tag_end(self, Py_ssize_t pos) noexcept:
        """The end of the tag (html_cursor._TAG) starting at `pos`, or -1."""
        cdef Py_ssize_t i
        cdef Py_UCS4 c
        if pos + 1 >= self.length or self.at(pos) != 60 or not _starts_markup(self.at(pos + 1)):
            return -1
        i = pos + 2
        while i < self.length:  # tags are short: a loop beats searching for three characters
            c = self.at(i)
            if c == 62:  # >
                return i + 1
            if c == 34 or c == 39:  # a quoted value may hold '>'
                i = self.find_char(c, i + 1, self.length)
                if i < 0:
                    return -1
            i += 1
        return -1

    cdef Py_ssize_t skip(self, Py_ssize_t pos) except -2:
        """Where html_cursor._SKIP, matched at `pos`, ends: past whitespace, comments and tags."""
        cdef Py_ssize_t end
        cdef Py_UCS4 c
        while pos < self.length:
            c = self.at(pos)
            if _is_ws(c):
                pos += 1
                continue
            if c != 60:
                break
            if (pos + 3 < self.length and self.at(pos + 1) == 33 and self.at(pos + 2) == 45
                    and self.at(pos + 3) == 45):
                end = PyUnicode_Find(self.source, "-->", pos + 4, self.length, 1)
                if end >= 0:
                    pos = end + 3
                    continue
            end = self.tag_end(pos)
            if end < 0:
                break
            pos = end
        return pos

    cdef Py_ssize_t text_end(self, Py_ssize_t pos) noexcept:
        """Where the text starting at `pos` ends: at the next '<' that starts markup."""
        cdef Py_ssize_t i = self.find_char(60, pos, self.length)
        while 0 <= i < self.length - 1:
            if _starts_markup(self.at(i + 1)):
                return i
            i = self.find_char(60, i + 1, self.length)
        return self.length

    cdef Py_ssize_t entity_end(self, Py_ssize_t i, Py_ssize_t end) noexcept:
        """The end of the character reference (html_cursor._ENTITY) at `i` (an '&'), or -1."""
        cdef Py_ssize_t j = i + 1
        if j < end and self.at(j) == 35:  # #
            if j + 1 < end and _is_digit(self.at(j + 1)):
                j += 1
                while j < end and _is_digit(self.at(j)):
                    j += 1
            elif j + 2 < end and (self.at(j + 1) == 120 or self.at(j + 1) == 88) and _is_hex(self.at(j + 2)):
                j += 2
                while j < end and _is_hex(self.at(j)):
                    j += 1
            else:
                return -1
        elif j < end and _is_ascii_letter(self.at(j)):
            j += 1
            while j < end and (_is_ascii_letter(self.at(j)) or _is_digit(self.at(j))):
                j += 1
        else:
            return -1
        if j < end and self.at(j) == 59:  # ;
            j += 1
        return j

    cdef void text(self, str text, Py_ssize_t lead, list anchors, Py_ssize_t base) except *:
        """`Cursor.text`: locate a text node whose first non-whitespace character is at `lead`,
        and append its anchors, (`base` + offset in `text`, line, column), to `anchors` (None:
        only move past it)."""
        cdef Py_ssize_t pos = self.skip(self.pos)
        cdef Py_ssize_t end, i, match, offset, previous
        cdef Py_UCS4 c
        if pos < self.length:
            c = self.at(pos)
            if c == text[lead] or c == 38:
                end = self.text_end(pos)
                self.pos = end
                if anchors is None:
                    return
                self.anchor(anchors, base + lead, pos)
                i = self.find_char(38, pos, end)
                offset, previous = lead, pos
                while 0 <= i < end:
                    match = self.entity_end(i, end)
                    if match < 0:
                        i = self.find_char(38, i + 1, end)
                        continue
                    offset += i - previous + _decoded_length(self.source[i:match])
                    previous = match
                    if offset < len(text):
                        self.anchor(anchors, base + offset, previous)
                    i = self.find_char(38, match, end)
                return
        at, found = self.search(text, lead, pos)
        if anchors is not None:
            self.anchor(anchors, base + at, found)

    cdef tuple search(self, str text, Py_ssize_t lead, Py_ssize_t pos):
        """`Cursor._search`: the parser moved or rewrote something; look ahead for its words."""
        words = _python_cursor._WORDS.search(text, lead)
        if words and self.misses < _python_cursor.Cursor._MAX_SEARCH_MISSES:
            key = words[0][:40]
            found = self.source.find(key, pos)
            for _ in range(8):  # skip a few matches inside tags (attribute values)
                if found < 0 or not self.source.rfind("<", pos, found) > self.source.rfind(">", pos, found):
                    break
                found = self.source.find(key, found + 1)
            else:
                found = -1
            if found >= 0:
                self.pos = self.text_end(found)
                return words.start(), found
            self.misses += 1
        return lead, pos

    cdef void raw_text(self, str text) except *:
        """`Cursor.raw_text`: skip script/style content, which appears verbatim."""
        body = text.strip(_python_cursor.WS)
        if not body:
            return
        cdef Py_ssize_t n = len(body), i = self.pos, found = -1
        cdef Py_UCS4 first = body[0]
        # The first occurrence from the cursor on, which is nearly always within its tag: look
        # there first, without preparing a search for a long needle.
        for i in range(self.pos, min(self.pos + 256, self.length - n + 1)):
            if self.at(i) == first and PyUnicode_Tailmatch(self.source, body, i, i + n, -1):
                found = i
                break
        else:
            found = self.source.find(body, self.pos)
        if found >= 0:
            self.pos = found + n

    cdef Py_ssize_t comment(self) except -2:
        """`Cursor.comment`, with -1 for None."""
        cdef Py_ssize_t start = PyUnicode_Find(self.source, "<!--", self.pos, self.length, 1)
        cdef Py_ssize_t end
        if start < 0 or self.skip(self.pos) < start:
            return -1
        end = PyUnicode_Find(self.source, "-->", start + 4, self.length, 1)
        self.pos = self.length if end < 0 else end + 3
        return start + 4

    cdef void processing_instruction(self):
        start = self.source.find("<?", self.pos)
        if start >= 0:
            end = self.source.find(">", start)
            self.pos = self.length if end < 0 else end + 1

    cdef Py_ssize_t tag(self, str name) except -2:
        """`Cursor.tag`: the offset of the next start tag `name` (ASCII, lower case), moving past it.
        A '<' followed by other than ASCII might match through Unicode case folding: the regular
        expression decides then."""
        cdef Py_ssize_t n = len(name), i = self.pos, k, end
        cdef Py_UCS4 c
        while True:
            i = self.find_char(60, i, self.length)
            if i < 0:
                return self.pos
            for k in range(n):
                if i + 1 + k >= self.length:
                    return self.pos  # too near the end for the name and what follows it
                c = self.at(i + 1 + k)
                if c >= 128:
                    return self.tag_by_pattern(name)
                if (<unsigned int>c | 32) != <unsigned int>name[k]:
                    break
            else:
                if i + 1 + n < self.length:
                    c = self.at(i + 1 + n)
                    if Py_UNICODE_ISSPACE(c) or c == 47 or c == 62:
                        end = self.tag_end(i)
                        self.pos = end if end >= 0 else i + 1 + n
                        return i
            i += 1

    cdef Py_ssize_t tag_by_pattern(self, str name) except -2:
        found = _python_cursor._start_tag(name).search(self.source, self.pos)
        if not found:
            return self.pos
        whole = _python_cursor._TAG.match(self.source, found.start())
        self.pos = whole.end() if whole else found.end()
        return found.start()


# -- the walk ------------------------------------------------------------------------------

# A context (html._Context) as C values; zones by number.
ctypedef struct _Ctx:
    int zone
    bint hidden
    bint dropped
    bint in_main

ctypedef struct _Open:  # an element the walk is in: the context around it, what to undo
    _Ctx outer
    int flags

cdef enum:
    Z_BODY = 0
    Z_FOOTER = 1
    Z_OTHER = 2

cdef tuple _ZONES = (BODY, FOOTER, OTHER)

# What to undo when leaving an element: html._SCOPE, _PUSHED... (the same bits).
cdef enum:
    F_SCOPE = 1
    F_PUSHED = 2
    F_LINK = 4
    F_H1 = 8
    F_FRAMED = 16
    F_BUTTON = 32
    F_PRESERVE = 64

# What an element's name asks of the walk.
cdef enum:
    K_BLOCK = 1
    K_CONTEXT = 2
    K_SPECIAL = 4
    K_FRAME = 8
    K_PRESERVE = 16
    K_A = 32
    K_BUTTON = 64
    K_HIDING = 128
    K_DROPPED = 256
    K_FOOTER = 512
    K_NAV_ASIDE = 1024
    K_HEADER = 2048
    K_MAIN = 4096  # article, main

# The attributes read on every element: html._HIDDEN_ATTRIBUTE...
cdef enum:
    A_HIDDEN = 1
    A_STYLE = 2
    A_ROLE = 4
    A_PURPOSE = 8

cdef int _MAX_DEPTH = 1000  # html._MAX_TREE_DEPTH, read at the first walk

cdef enum:
    _NAME_SLOTS = 512

ctypedef struct _Name:
    const_xmlChar* key  # where libxml2 keeps the name (in its parser's dictionary)
    const char* utf8  # the name, as the str holds it
    PyObject* name  # the str (a reference the table holds)
    int kind

# The element names the walks have seen, by the address of libxml2's string: the names of all
# parses in a thread are kept in one dictionary, each at one address, so a name is decoded and
# classified once, not on every page. An address can be reused once a dictionary is freed: a hit
# is checked against the name itself.
cdef _Name _names[_NAME_SLOTS]
cdef int _names_count = 0


cdef class _Buffer:
    """html._Buffer."""

    cdef list parts
    cdef Py_ssize_t length
    cdef list anchors
    cdef Py_ssize_t slot  # -1: none yet
    cdef str tag
    cdef str zone
    cdef tuple frames

    def __cinit__(self, str tag, str zone):
        self.tag = tag
        self.zone = zone
        self.frames = ()
        self.parts = []
        self.length = 0
        self.anchors = []
        self.slot = -1


cdef inline str _decode(const_xmlChar* text):
    return PyUnicode_DecodeUTF8(<const char*>text, strlen(<const char*>text), NULL)


cdef inline tuple _untracked(tuple value):
    """`value`, left out of the cyclic garbage collector's rounds.

    What the walk returns is tuples (anchors, frames, blocks, links) of strings, numbers, frozen
    sets of strings and other such tuples: none can be part of a reference cycle, so the collector
    has nothing to find in them. CPython itself untracks a tuple of such values, but only once a
    collection has gone through it, and the first collection after a walk would go through the
    thousands of them the walk made (the walk pauses the collector; see `walk`).
    """
    PyObject_GC_UnTrack(<void*>value)
    return value


cdef object _record(type cls, tuple values):
    """`tuple.__new__(cls, values)` for a NamedTuple class (Frame, Block, Link), as CPython's
    tuple_subtype_new makes it, without the two temporary tuples of that call; untracked (see
    `_untracked`)."""
    cdef Py_ssize_t i, n = len(values)
    cdef PyObject* made = (<PyTypeObject*>cls).tp_alloc(<PyTypeObject*>cls, n)
    record = <tuple>made  # a new reference: the object now owns it, drop the one tp_alloc gave
    Py_DECREF(record)
    for i in range(n):
        value = values[i]
        Py_INCREF(value)
        PyTuple_SET_ITEM(record, i, value)
    return _untracked(record)


cdef inline bint _is_item(xmlNode* node) noexcept:  # what lxml's iteration sees (not text)
    return (node.type == tree.XML_ELEMENT_NODE or node.type == tree.XML_COMMENT_NODE
            or node.type == tree.XML_ENTITY_REF_NODE or node.type == tree.XML_PI_NODE)


cdef inline xmlNode* _next_item(xmlNode* node) noexcept:
    while node is not NULL and not _is_item(node):
        node = node.next
    return node


cdef inline xmlNode* _text_or_skip(xmlNode* node) noexcept:
    while node is not NULL:
        if node.type == tree.XML_TEXT_NODE or node.type == tree.XML_CDATA_SECTION_NODE:
            return node
        if node.type == tree.XML_XINCLUDE_START or node.type == tree.XML_XINCLUDE_END:
            node = node.next
        else:
            return NULL
    return NULL


cdef object _collect_text(xmlNode* node):
    """An element's .text or a node's .tail as lxml gives it (from the first node on): adjacent
    text nodes joined; None when there is no text."""
    node = _text_or_skip(node)
    if node is NULL:
        return None
    if _text_or_skip(node.next) is NULL:
        return _decode(node.content) if node.content is not NULL and node.content[0] else None
    joined = b""
    while node is not NULL:
        if node.content is not NULL:
            joined += <bytes>(<const char*>node.content)
        node = _text_or_skip(node.next)
    return joined.decode("utf-8") or None


cdef xmlNode* _parent_element(xmlNode* node) noexcept:
    parent = node.parent
    if parent is NULL or not _is_item(parent):
        return NULL
    return parent


cdef inline int _attribute_code(const char* name) noexcept:
    if name[0] == b"h":
        return A_HIDDEN if strcmp(name, b"hidden") == 0 else 0
    if name[0] == b"s":
        return A_STYLE if strcmp(name, b"style") == 0 else 0
    if name[0] == b"r":
        return A_ROLE | A_PURPOSE if strcmp(name, b"role") == 0 else 0
    if (strcmp(name, b"class") == 0 or strcmp(name, b"id") == 0 or strcmp(name, b"itemprop") == 0
            or strcmp(name, b"itemtype") == 0 or strcmp(name, b"aria-label") == 0):
        return A_PURPOSE
    return 0


cdef str _attribute_value(xmlNode* element, xmlAttr* attribute):
    """The value lxml gives for the attribute: that of the first attribute of the same name."""
    cdef xmlAttr* first = element.properties
    while first is not attribute and strcmp(<const char*>first.name, <const char*>attribute.name) != 0:
        first = first.next
    child = first.children
    if child is NULL:
        return ""
    if child.next is NULL and (child.type == tree.XML_TEXT_NODE or child.type == tree.XML_CDATA_SECTION_NODE):
        return _decode(child.content) if child.content is not NULL else ""
    raise Unsupported("an attribute value of several nodes")


cdef object _get(xmlNode* element, const char* name):
    """element.get(name)."""
    cdef xmlAttr* attribute = element.properties
    while attribute is not NULL:
        if attribute.ns is not NULL:
            raise Unsupported("a namespaced attribute")
        if strcmp(<const char*>attribute.name, name) == 0:
            return _attribute_value(element, attribute)
        attribute = attribute.next
    return None


cdef dict _attributes(xmlNode* element):
    """element.attrib, as a dict (the rare elements that read several)."""
    cdef xmlAttr* attribute = element.properties
    found = {}
    while attribute is not NULL:
        if attribute.ns is not NULL:
            raise Unsupported("a namespaced attribute")
        found.setdefault(_decode(attribute.name), _attribute_value(element, attribute))
        attribute = attribute.next
    return found


cdef object _html = None  # checker.documents.html, imported at the first walk (it imports this)
cdef object _style_hides, _frame_words, _trim_block, _no_words
cdef dict _words_of = {}  # a purpose value (or tuple of them) -> html._frame_words of it


cdef object _purpose_words(list purpose):
    """html._frame_words of the values; most elements have one (a class), looked up as it is."""
    key = purpose[0] if len(purpose) == 1 else tuple(purpose)
    words = _words_of.get(key)
    if words is None:
        if len(_words_of) >= 4096:
            _words_of.clear()
        words = _words_of[key] = _frame_words(tuple(purpose))
    return words


cdef int _name_kind(str name) except -1:
    h = _html
    cdef int kind = h._NAME_KINDS.get(name, 0)  # _BLOCK, _CONTEXT, _SPECIAL: the same bits
    if name in h._FRAME_TAGS:
        kind |= K_FRAME
    if name in h._PRESERVE_WHITESPACE:
        kind |= K_PRESERVE
    if name == "a":
        kind |= K_A
    if name == "button":
        kind |= K_BUTTON
    if name in h._HIDING_TAGS:
        kind |= K_HIDING
    if name in h._DROPPED_TAGS:
        kind |= K_DROPPED
    if name == "footer":
        kind |= K_FOOTER
    if name in ("nav", "aside"):
        kind |= K_NAV_ASIDE
    if name == "header":
        kind |= K_HEADER
    if name in ("article", "main"):
        kind |= K_MAIN
    return kind


cdef _Name* _name_of(xmlNode* node) except NULL:
    """The entry of the element's name in `_names`."""
    global _names_count
    cdef size_t key = <size_t>node.name
    cdef int slot = <int>(((key >> 3) * <size_t>0x9E3779B97F4A7C15) >> 55) & (_NAME_SLOTS - 1)
    cdef _Name* entry
    while True:
        entry = &_names[slot]
        if entry.key == node.name and strcmp(entry.utf8, <const char*>node.name) == 0:
            return entry
        if entry.key is NULL:
            break
        slot = (slot + 1) & (_NAME_SLOTS - 1)
    if _names_count >= _NAME_SLOTS // 2:  # the names of many dictionaries, or of a strange page
        _forget_names()
        return _name_of(node)
    name = _decode(node.name)
    entry.kind = _name_kind(name)
    entry.utf8 = PyUnicode_AsUTF8(name)
    entry.name = <PyObject*>name
    Py_INCREF(name)
    entry.key = node.name
    _names_count += 1
    return entry


cdef void _forget_names() noexcept:
    global _names_count
    cdef int i
    for i in range(_NAME_SLOTS):
        if _names[i].key is not NULL:
            Py_DECREF(<object>_names[i].name)
    memset(_names, 0, sizeof(_names))
    _names_count = 0


cdef class _Walk:
    """html._Walker's lxml walk. The state has the same names; see there for what each is."""

    cdef _Cursor cursor
    cdef list slots, outer_buffers, scopes, frames, links, buttons, controls, open_links
    cdef _Buffer buffer
    cdef Py_ssize_t frame_count, text_seen
    cdef object h1_recording
    cdef list h1_candidates
    cdef dict meta
    cdef object page_title, lang
    cdef list times, json_ld
    cdef _Open* open
    cdef int depth
    cdef int preserve

    def __cinit__(self, str source, Py_ssize_t line_offset):
        self.cursor = _Cursor(source, line_offset)
        self.open = <_Open*>malloc((_MAX_DEPTH + 4) * sizeof(_Open))
        if self.open is NULL:
            raise MemoryError
        self.slots = []
        self.buffer = _Buffer("body", BODY)
        self.outer_buffers = []
        self.scopes = []
        self.frames = []
        self.frame_count = 0
        self.links = []
        self.buttons = []
        self.controls = []
        self.text_seen = 0
        self.open_links = []
        self.h1_recording = None
        self.h1_candidates = [None, None, None]
        self.meta = {}
        self.page_title = None
        self.lang = None
        self.times = [None, None]
        self.json_ld = []

    def __dealloc__(self):
        free(self.open)

    # -- the walk ---------------------------------------------------------------------------

    cdef void walk_top(self, xmlNode* root) except *:
        """html._Walker.walk_lxml: the root and the nodes around it at the top level."""
        cdef _Ctx context = _Ctx(Z_BODY, False, False, False)
        cdef xmlNode* node = root
        while node.prev is not NULL:
            node = node.prev
        while node is not NULL:
            if node.type == tree.XML_ELEMENT_NODE:
                self.walk_element(node, context)
            elif _is_item(node):
                self.other(node, &context)
            node = node.next

    cdef void other(self, xmlNode* node, _Ctx* context) except *:
        """A comment or processing instruction, and its tail."""
        if node.type == tree.XML_COMMENT_NODE:
            self.comment(_decode(node.content) if node.content is not NULL else "")
        elif node.type == tree.XML_ENTITY_REF_NODE:
            raise Unsupported("an entity reference")
        tail = _collect_text(node.next)
        if tail:
            self.text(tail, context, _parent_element(node))

    cdef void walk_element(self, xmlNode* root, _Ctx context) except *:
        """html._Walker._walk_element: `root`, its descendants and its tail."""
        cdef xmlNode* node = root
        cdef xmlNode* child
        cdef _Ctx inner
        cdef int flags
        self.depth = 0
        self.preserve = 0
        while True:
            if node.type == tree.XML_ELEMENT_NODE:
                if node.ns is not NULL:
                    raise Unsupported("a namespaced element")
                flags = self.enter(node, &context, &inner)
                child = _next_item(node.children)
                if self.depth > _MAX_DEPTH and (child is not NULL or _collect_text(node.children)):
                    raise TooDeep
                self.open[self.depth].outer = context
                self.open[self.depth].flags = flags
                self.depth += 1
                context = inner
                text = _collect_text(node.children)
                if text:
                    self.text(text, &context, node)
                if child is not NULL:
                    node = child
                    continue
                self.leave_element(node, &context)
            else:
                self.other(node, &context)
            while True:  # the next node: a sibling, or the end of the parent
                if node is root:
                    return
                child = _next_item(node.next)
                if child is not NULL:
                    node = child
                    break
                node = node.parent
                self.leave_element(node, &context)

    cdef void leave_element(self, xmlNode* node, _Ctx* context) except *:
        """The end of an element, and its tail."""
        self.depth -= 1
        context[0] = self.open[self.depth].outer
        cdef int flags = self.open[self.depth].flags
        if flags == F_LINK:
            self.open_links.pop()
        elif flags:
            self.leave(flags)
            if flags & F_PRESERVE:
                self.preserve -= 1
        tail = _collect_text(node.next)
        if tail:
            self.text(tail, context, _parent_element(node))

    cdef void text(self, str string, _Ctx* context, xmlNode* parent) except *:
        """A string of the walk (text or tail) in `context`; `parent` the element it is in."""
        cdef Py_ssize_t n = len(string), lead = 0, offset, length
        while lead < n and _is_ws(string[lead]):
            lead += 1
        cdef bint body = lead < n
        if not (body or self.preserve):
            string = "\n" if "\n" in string else " "
        if context.dropped:
            self.dropped_text(string, parent)
            return
        buffer = self.buffer
        if body:
            if buffer.slot < 0:
                self.reserve(buffer)
                buffer.frames = _untracked(tuple(self.frames))
            self.cursor.text(string, lead, buffer.anchors, buffer.length)
        elif buffer.slot < 0:
            return  # whitespace before a block's first text: trimmed anyway
        buffer.parts.append(string)
        buffer.length += len(string)
        if self.buttons and _LETTER.search(string) is not None:  # a button's own words (not "♥ 214")
            self.text_seen += 1
        for link in self.open_links:
            if not (context.hidden and (<list>link)[5]):  # hidden text is no part of a visible link
                (<list>(<list>link)[1]).append(string)

    cdef void dropped_text(self, str string, xmlNode* parent) except *:
        """html._Walker._dropped_text."""
        name = _decode(parent.name) if parent is not NULL else ""
        if name == "script" or name == "style":
            self.cursor.raw_text(string)
            if name == "script" and "ld+json" in (_get(parent, b"type") or ""):
                self.json_ld.append(string)
            return
        if name == "title" and self.page_title is None and not _in_svg(parent):
            self.page_title = string
        cdef Py_ssize_t n = len(string), lead = 0
        while lead < n and _is_ws(string[lead]):
            lead += 1
        if lead < n:
            self.cursor.text(string, lead, None, 0)

    cdef int enter(self, xmlNode* node, _Ctx* context, _Ctx* inner) except -1:
        """html._Walker._enter_lxml: the element's context and what to undo at its end."""
        cdef _Name* entry = _name_of(node)
        cdef int kind = entry.kind, code, seen = 0, flags = 0
        cdef str name = <str>entry.name
        cdef bint hides = False
        cdef xmlAttr* attribute = node.properties
        role = ""
        purpose = None
        while attribute is not NULL:
            if attribute.ns is not NULL:
                raise Unsupported("a namespaced attribute")
            code = _attribute_code(<const char*>attribute.name)
            if code:
                value = _attribute_value(node, attribute)
                if code & A_PURPOSE:
                    if purpose is None:
                        purpose = [value]
                    else:
                        purpose.append(value)
                code &= ~seen  # of a repeated attribute, the first counts, as attrib.get gives it
                seen |= code
                if code & A_HIDDEN or (code & A_STYLE and _style_hides(value)):
                    hides = True
                elif code & A_ROLE:
                    role = value.strip().lower()
            attribute = attribute.next
        inner[0] = context[0]
        if kind & K_CONTEXT or hides or role:
            self.change_context(kind, role, hides, inner)
        words = _purpose_words(purpose) if purpose is not None else _no_words
        if kind & (K_BLOCK | K_FRAME) or purpose:
            self.frame_count += 1
            self.frames.append(_record(Frame, (self.frame_count, name, words)))
            flags = F_FRAMED
        if kind & K_BLOCK:
            buffer = self.buffer
            if buffer.parts:
                self.flush(buffer)
            self.scopes.append((buffer.tag, buffer.zone))
            buffer.tag = name
            buffer.zone = HIDDEN if inner.hidden else _ZONES[inner.zone]
            flags |= F_SCOPE
            if kind & K_PRESERVE:
                flags |= F_PRESERVE
                self.preserve += 1
        elif (inner.zone != context.zone or inner.hidden != context.hidden
              or inner.dropped != context.dropped):
            self.outer_buffers.append(self.buffer)
            self.buffer = _Buffer(name, HIDDEN if inner.hidden else _ZONES[inner.zone])
            flags |= F_PUSHED
        if kind & K_SPECIAL:
            if kind & K_A:
                href = _get(node, b"href")
                if href is not None:
                    flags |= self.open_link(href, inner)
            else:
                flags |= self.special(name, node, inner)
        elif kind & K_BUTTON and purpose:
            label = _get(node, b"aria-label") or _get(node, b"title") or _get(node, b"class") or ""
            flags |= self.open_button(words, label, inner)
        return flags

    cdef void change_context(self, int kind, str role, bint hides, _Ctx* context) except *:
        """html._Walker._context, on the copy of the outer context."""
        if kind & K_FOOTER or role == "contentinfo":
            context.zone = Z_FOOTER
        elif context.zone != Z_FOOTER and (
            kind & K_NAV_ASIDE or (kind & K_HEADER and not context.in_main) or role in _html._OTHER_ROLES
        ):
            context.zone = Z_OTHER
        context.hidden = context.hidden or hides or kind & K_HIDING
        context.dropped = context.dropped or kind & K_DROPPED
        context.in_main = context.in_main or kind & K_MAIN

    cdef void leave(self, int flags) except *:
        """html._Walker._leave."""
        if flags & F_SCOPE:
            buffer = self.buffer
            if buffer.parts:
                self.flush(buffer)
            buffer.tag, buffer.zone = self.scopes.pop()
        elif flags & F_PUSHED:
            self.flush(self.buffer)
            self.buffer = self.outer_buffers.pop()
        if flags & F_LINK:
            self.open_links.pop()
        if flags & F_H1:
            self.h1_recording = None
        if flags & F_FRAMED:
            self.frames.pop()
        if flags & F_BUTTON:
            control, seen = self.buttons.pop()
            if seen == self.text_seen:  # an icon: no text of its own
                self.controls.append(control)

    cdef int special(self, str name, xmlNode* node, _Ctx* context) except -1:
        """html._Walker._special (the link case is in `enter`)."""
        if name == "br":
            if not context.dropped and self.buffer.slot >= 0:
                self.buffer.parts.append("\n")
                self.buffer.length += 1
            return 0
        attrs = _attributes(node)
        if name == "meta":
            content = attrs.get("content")
            if content is not None:
                for key in ("property", "name", "http-equiv"):
                    value = attrs.get(key)
                    if value:
                        self.meta.setdefault(value.strip().lower(), content)
        elif name == "html":
            self.lang = self.lang or attrs.get("lang") or attrs.get("xml:lang")
        elif name == "time":
            # A page header often shows today's date; the article's own time comes first.
            slot = 0 if context.in_main else 1
            if self.times[slot] is None and "datetime" in attrs:
                self.times[slot] = attrs["datetime"]
        elif name == "h1":
            if self.h1_recording is None and not context.hidden:
                return self.start_h1(context)
        else:
            attribute = _html._EMBED_ATTRIBUTE[name]
            if attribute in attrs:
                line, column = self.cursor.position(self.cursor.tag(name))
                self.links.append([attrs[attribute] or "", [attrs.get("title") or ""], name, line, column,
                                   not context.hidden])
        return 0

    cdef int open_link(self, str href, _Ctx* context) except -1:
        cdef Py_ssize_t line, column
        self.cursor.locate(self.cursor.tag("a"), &line, &column)
        link = [href, [], "link", line, column, not context.hidden]
        self.links.append(link)
        self.open_links.append(link)
        return F_LINK

    cdef int open_button(self, words, str label, _Ctx* context) except -1:
        line, column = self.cursor.position(self.cursor.tag("button"))
        control = Control(words, " ".join(label.split()), line, column, not context.hidden)
        self.buttons.append((control, self.text_seen))
        return F_BUTTON

    cdef int start_h1(self, _Ctx* context) except -1:
        recording = []
        tiers = (context.in_main, context.zone == Z_BODY, True)
        for tier, wanted in enumerate(tiers):
            if wanted and self.h1_candidates[tier] is None:
                self.h1_candidates[tier] = recording
        if not any(candidate is recording for candidate in self.h1_candidates):
            return 0
        self.h1_recording = recording
        return F_H1

    cdef void comment(self, str node) except *:
        """html._Walker._comment."""
        if node.startswith("?"):  # lxml reports <?xml ...?> as a comment
            self.cursor.processing_instruction()
            return
        cdef Py_ssize_t start = self.cursor.comment()
        body = node.lstrip(_python_cursor.WS)
        if start < 0 or not body:
            return
        lead = len(node) - len(body)
        buffer = _Buffer("comment", HIDDEN)
        self.reserve(buffer)
        buffer.parts.append(node)
        buffer.anchors.append((lead, *self.cursor.position(start + lead)))
        self.flush(buffer)

    # -- blocks -----------------------------------------------------------------------------

    cdef void reserve(self, _Buffer buffer) except *:
        buffer.slot = len(self.slots)
        self.slots.append(None)
        if self.h1_recording is not None:
            self.h1_recording.append(buffer.slot)

    cdef void flush(self, _Buffer buffer) except *:
        """html._Walker._flush."""
        cdef Py_ssize_t n
        cdef str text
        cdef object anchors
        if buffer.slot >= 0:
            text = "".join(buffer.parts)
            anchors = buffer.anchors
            n = len(text)
            if (n and buffer.anchors and (<tuple>buffer.anchors[0])[0] == 0 and not Py_UNICODE_ISSPACE(text[0])
                    and not Py_UNICODE_ISSPACE(text[n - 1])):
                anchors = _untracked(tuple(anchors))  # trim_block's common case: nothing to strip
            else:
                text, anchors = _trim_block(text, anchors)
                _untracked(anchors)
            if text:
                self.slots[buffer.slot] = [text, buffer.zone, buffer.tag, anchors, buffer.frames]
        buffer.parts = []  # (emptying the lists in place, with del [:], is slower)
        buffer.anchors = []
        buffer.length, buffer.slot = 0, -1

    cdef tuple state(self):
        """What html._content makes the content of: the blocks (the headline's marked), the
        headline, the links (finished) and the rest as the walk gathered it."""
        self.flush(self.buffer)
        for buffer in self.outer_buffers:  # only left open by a broken tree
            self.flush(buffer)
        headline = self.mark_headline()
        blocks = []
        cdef Py_ssize_t index = 0
        for slot in self.slots:
            if slot is not None:
                text, zone, tag, anchors, frames = <list>slot
                blocks.append(_record(Block, (index, text, zone, tag, anchors, frames)))
                index += 1
        links = []
        for link in self.links:  # [href, text parts, kind, line, column, visible] -> Link
            href, parts, kind, line, column, visible = <list>link
            text = "".join(parts)
            links.append(_record(Link, (_stripped(href), _collapsed(text), kind, line, column, visible)))
        return (tuple(blocks), headline, tuple(links), self.controls, self.meta, self.page_title, self.lang,
                self.times, self.json_ld)

    cdef object mark_headline(self):
        """html._mark_headline."""
        chosen = None
        for candidate in self.h1_candidates:
            if candidate:
                chosen = candidate
                break
        if not chosen:
            return None
        texts = []
        for slot in chosen:
            block = self.slots[slot]
            if block and block[1] != HIDDEN:
                block[1] = HEADLINE
                texts.append(block[0])
        return " ".join(texts) or None


cdef inline bint _is_space(Py_UCS4 c) noexcept nogil:
    """`Py_UNICODE_ISSPACE` (str.isspace), without a call for the letters of most scripts: from
    U+0080 to U+167F only U+0085 and U+00A0 are whitespace."""
    return Py_UNICODE_ISSPACE(c) if c < 0x80 or c >= 0x1680 else c == 0x85 or c == 0xA0


cdef str _stripped(str text):
    """`text.strip()`, without the call when there is nothing to strip."""
    cdef Py_ssize_t n = len(text)
    if n and (_is_space(text[0]) or _is_space(text[n - 1])):
        return text.strip()
    return text


cdef str _collapsed(str text):
    """`" ".join(text.split())`, without copying a text that has no whitespace to fold."""
    cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef bint after_space = True
    cdef Py_UCS4 c
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if _is_space(c):
            if c != 32 or after_space:
                return " ".join(text.split())
            after_space = True
        else:
            after_space = False
    if after_space and n:
        return " ".join(text.split())
    return text


cdef bint _in_svg(xmlNode* parent) except -1:
    parent = _parent_element(parent)
    while parent is not NULL:
        if parent.type == tree.XML_ELEMENT_NODE and strcmp(<const char*>parent.name, b"svg") == 0:
            return True
        parent = _parent_element(parent)
    return False


def walk(cetree._Element root, str source, Py_ssize_t line_offset):
    """What html._Walker gathers over lxml's tree under `root` (see html._content)."""
    global _html, _style_hides, _frame_words, _trim_block, _no_words, _MAX_DEPTH
    if _html is None:
        from checker.documents import html as module
        from checker.documents.positions import trim_block

        _style_hides = module._STYLE_HIDES.search
        _frame_words = module._frame_words
        _no_words = module._NO_WORDS
        _MAX_DEPTH = module._MAX_TREE_DEPTH
        _trim_block = trim_block
        _html = module
    walker = _Walk(source, line_offset)
    # The walk makes thousands of small tuples and lists, none of them garbage in a cycle: the
    # cyclic collector, which would go through them every 700 allocations, waits till its end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        walker.walk_top(root._c_node)
        return walker.state()
    finally:
        if collecting:
            gc.enable()
