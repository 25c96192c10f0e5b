# cython: language_level=3, boundscheck=False
"""A prototype of ``blocks.collect_blocks`` that walks libxml2's nodes in C (bench only, not shipped).

It follows ``blocks._Walker`` branch for branch; lxml proxies are made only
for the elements a result holds (block stacks, headings, hidden elements,
images, collapsed regions). ``bench/cwalk/run.py`` builds it, checks that it
returns what ``collect_blocks`` returns on every corpus page, and times both.
"""

from lxml.includes.etreepublic cimport (
    _Element, _Document, elementFactory, import_lxml__etree, textOf, tailOf,
    attributeValueFromNsName, hasChild, namespacedName,
)
from lxml.includes cimport tree
from lxml.includes.tree cimport xmlNode, const_xmlChar

import_lxml__etree()

from newscrawl.extract import blocks as _B
from newscrawl.extract.hints import classify_hint
from newscrawl.extract.text import clean_text

cdef object Block = _B.Block
cdef object Walk = _B.Walk
cdef object _prose = _B._prose
cdef frozenset _PASSED = _B._PASSED
cdef frozenset SKIP_TAGS = _B.SKIP_TAGS
cdef frozenset _LEAVES = _B._LEAVES
cdef frozenset _COLLAPSED = _B._COLLAPSED
cdef frozenset _INLINE = _B._INLINE
cdef frozenset TITLE_HOSTS = _B.TITLE_HOSTS
cdef frozenset HEADING_TAGS = _B.HEADING_TAGS
cdef frozenset BLOCK_TAGS = _B.BLOCK_TAGS
cdef frozenset _BOLD = _B._BOLD
cdef dict _TAG_FLAGS = _B._TAG_FLAGS
cdef object _TEXT_LENGTH = _B._TEXT_LENGTH
cdef double _COLLAPSE_SHARE = _B._COLLAPSE_SHARE
cdef tuple _PLAIN = _B._PLAIN
cdef int _BLOCK = _B._BLOCK, _FURNITURE = _B._FURNITURE, _CAPTION_TAG = _B._CAPTION_TAG
cdef int _LINK = _B._LINK, _STRONG = _B._STRONG


cdef inline bint _element_like(xmlNode* c) noexcept:
    return c.type == tree.XML_ELEMENT_NODE or c.type == tree.XML_COMMENT_NODE \
        or c.type == tree.XML_ENTITY_REF_NODE or c.type == tree.XML_PI_NODE


cdef inline xmlNode* _first(xmlNode* c) noexcept:
    c = c.children
    while c is not NULL and not _element_like(c):
        c = c.next
    return c


cdef inline xmlNode* _next(xmlNode* c) noexcept:
    c = c.next
    while c is not NULL and not _element_like(c):
        c = c.next
    return c


cdef inline object _get(xmlNode* c, const char* name):
    return attributeValueFromNsName(c, NULL, <const_xmlChar*>name)


cdef inline bint _blank(xmlNode* t) noexcept:
    """True when ``t`` is one text node (no text node after it) of ASCII whitespace only."""
    cdef const_xmlChar* p
    if t is NULL or t.type != tree.XML_TEXT_NODE:
        return False
    if t.next is not NULL and (t.next.type == tree.XML_TEXT_NODE or t.next.type == tree.XML_CDATA_SECTION_NODE):
        return False
    p = t.content
    if p is NULL:
        return False
    while p[0] != 0:
        if p[0] != 32 and p[0] != 10 and p[0] != 13 and p[0] != 9 and p[0] != 12 and p[0] != 11:
            return False
        p += 1
    return True


cdef Py_ssize_t _count_children(xmlNode* c, Py_ssize_t most) noexcept:
    cdef Py_ssize_t n = 0
    c = _first(c)
    while c is not NULL and n <= most:
        n += 1
        c = _next(c)
    return n


cdef class _Walker:
    cdef public list blocks, parts, stack, boiler, hidden, images
    cdef public dict headings
    cdef Py_ssize_t link_chars, captions, links, bold, bold_chars
    cdef bint image
    cdef object root, page_chars
    cdef _Document doc
    cdef const_xmlChar* tag_names[256]
    cdef object tag_objects  # a list holding the cached tag strings

    def __init__(self, _Element root):
        self.blocks, self.parts, self.stack, self.boiler = [], [], [], []
        self.hidden, self.images, self.headings = [], [], {}
        self.link_chars = self.captions = self.links = self.bold = self.bold_chars = 0
        self.image = False
        self.root, self.page_chars, self.doc = root, None, root._doc
        self.tag_objects = [None] * 256
        for i in range(256):
            self.tag_names[i] = NULL

    cdef inline object tag_of(self, xmlNode* c):
        """Return ``c``'s tag; a namespace-free name is cached by its pointer (libxml2 interns names)."""
        cdef size_t slot
        if c.ns is not NULL:
            return namespacedName(c)
        slot = (<size_t>c.name >> 3) & 255
        if self.tag_names[slot] == c.name:
            return self.tag_objects[slot]
        tag = namespacedName(c)
        self.tag_names[slot] = c.name
        self.tag_objects[slot] = tag
        return tag

    cdef inline int add_text(self, xmlNode* c) except -1:
        """``add(el.text)``, without making a string of leading blank text."""
        if not self.parts and _blank(c.children):
            return 0
        return self.add(textOf(c))

    cdef inline int add_tail(self, xmlNode* c) except -1:
        """``add(el.tail)``, without making a string of leading blank text."""
        if not self.parts and _blank(c.next):
            return 0
        return self.add(tailOf(c))

    cdef inline object proxy(self, xmlNode* c):
        return elementFactory(self.doc, c)

    cdef int add(self, object text) except -1:
        if text:
            if not self.parts and text.isspace():
                return 0
            self.parts.append(text)
            if self.links:
                self.link_chars += len(text.strip())
            if self.bold:
                self.bold_chars += len(text.strip())
        return 0

    cdef int add_inline(self, object text, object tag) except -1:
        self.parts.append(text)
        if tag == "a" or self.links:
            self.link_chars += len(text.strip())
        if tag in _BOLD or self.bold:
            self.bold_chars += len(text.strip())
        return 0

    cdef int flush(self) except -1:
        cdef Py_ssize_t links, bold, size
        if not self.parts:
            return 0
        raw = "".join(self.parts)
        self.parts = []
        links, self.link_chars = self.link_chars, 0
        bold, self.bold_chars = self.bold_chars, 0
        if raw.isspace():
            return 0
        text = clean_text(raw)
        if not text:
            return 0
        size = len(text)
        if links > size:
            links = size
        self.blocks.append(
            Block(text, links, tuple(self.stack), tuple(self.boiler) if self.boiler else (),
                  self.captions > 0, self.image, self.stack[-1].tag in HEADING_TAGS,
                  len(self.blocks), _prose(text, links),
                  bold > 0 and bold >= len(text.replace(" ", "")))
        )
        self.image = False
        return 0

    cdef int heading(self, xmlNode* c, object tag) except -1:
        cdef Py_ssize_t index = len(self.blocks)
        cdef xmlNode* child
        self.headings[self.proxy(c)] = index
        if tag in HEADING_TAGS:
            child = _first(c)
            while child is not NULL:
                if child.type == tree.XML_ELEMENT_NODE:
                    self.headings[self.proxy(child)] = index
                child = _next(child)
        return 0

    cdef bint titled(self, xmlNode* c, object tag) except -1:
        if tag not in TITLE_HOSTS:
            return False
        cls, ident = _get(c, "class"), _get(c, "id")
        return bool(cls or ident) and classify_hint(f"{cls} {ident}")[2]

    cdef bint collapse(self, xmlNode* c) except -1:
        el = self.proxy(c)
        raw = el.text_content()
        if self.page_chars is None:
            self.page_chars = int(_TEXT_LENGTH(self.root))
        if len(raw) > self.page_chars * _COLLAPSE_SHARE:
            return False
        self.flush()
        index = len(self.blocks)
        for heading in el.iter(*HEADING_TAGS):
            self.headings[heading] = index
        text = clean_text(raw)
        if text:
            self.blocks.append(Block(text, len(text), (*self.stack, el), (*self.boiler, el), False,
                                     False, False, index, 0, False))
        self.image = False
        return True

    cdef bint passed_over(self, xmlNode* c, object tag) except -1:
        if tag in SKIP_TAGS:
            return True
        style, hidden = _get(c, "style"), _get(c, "hidden")
        if style is not None or hidden is not None:
            if hidden is not None:
                self.hidden.append(self.proxy(c))
                return True
            if style:
                style = style.replace(" ", "").lower()
                if "display:none" in style or "visibility:hidden" in style:
                    self.hidden.append(self.proxy(c))
                    return True
        if tag in _LEAVES:
            if self.parts:
                self.flush()
            if tag == "img":
                self.image = True
                self.images.append((self.proxy(c), len(self.blocks)))
            return True
        return tag in _COLLAPSED and self.collapse(c)

    cdef int open(self, xmlNode* c, object tag) except -1:
        cdef int flags
        cls, ident = _get(c, "class"), _get(c, "id")
        boiler, caption, titled = classify_hint(f"{cls} {ident}") if cls or ident else _PLAIN
        if tag in HEADING_TAGS or (titled and tag in TITLE_HOSTS and _count_children(c, 3) <= 3):
            if tag in BLOCK_TAGS or tag in HEADING_TAGS:
                self.flush()
            self.heading(c, tag)
        flags = _TAG_FLAGS.get(tag, 0)
        if flags & _BLOCK:
            if self.parts:
                self.flush()
            self.stack.append(self.proxy(c))
        if boiler or flags & _FURNITURE:
            flags |= _FURNITURE
            self.boiler.append(self.proxy(c))
        if caption or flags & _CAPTION_TAG:
            flags |= _CAPTION_TAG
            self.captions += 1
        if flags & _LINK:
            self.links += 1
        if flags & _STRONG:
            self.bold += 1
        return flags

    cdef int close(self, int flags) except -1:
        if flags & _BLOCK:
            if self.parts:
                self.flush()
            self.stack.pop()
        if flags & _LINK:
            self.links -= 1
        if flags & _STRONG:
            self.bold -= 1
        if flags & _FURNITURE:
            self.boiler.pop()
        if flags & _CAPTION_TAG:
            self.captions -= 1
        return 0

    cdef int walk(self, xmlNode* c) except -1:
        cdef int flags
        cdef xmlNode* child
        if c.type != tree.XML_ELEMENT_NODE:  # a comment, PI or entity: only its tail counts
            return self.add_tail(c)
        tag = self.tag_of(c)
        if tag in _PASSED or _get(c, "style") is not None or _get(c, "hidden") is not None:
            if self.passed_over(c, tag):
                return self.add_tail(c)
        flags = self.open(c, tag)
        self.add_text(c)
        child = _first(c)
        while child is not NULL:
            if child.type != tree.XML_ELEMENT_NODE:
                self.add_tail(child)
            else:
                ctag = self.tag_of(child)
                if (ctag in _INLINE and not hasChild(child) and _get(child, "style") is None
                        and _get(child, "hidden") is None
                        and (ctag not in TITLE_HOSTS or not self.titled(child, ctag))):
                    text = textOf(child)
                    if text:
                        self.add_inline(text, ctag)
                    self.add_tail(child)
                elif ctag in SKIP_TAGS:
                    self.add_tail(child)
                else:
                    self.walk(child)
            child = _next(child)
        if flags:
            self.close(flags)
        return self.add_tail(c)


def collect_blocks(_Element root):
    """Return what ``blocks.collect_blocks(root)`` returns."""
    cdef _Walker walker = _Walker(root)
    cdef xmlNode* child
    walker.stack.append(root)
    walker.add(root.text)
    child = _first(root._c_node)
    while child is not NULL:
        walker.walk(child)
        child = _next(child)
    walker.flush()
    return Walk(walker.blocks, walker.headings, walker.hidden, walker.images)
