# Checks every output tests/hostile.sh made from the hostile inputs:
# each is valid whatever the input held.
#   python3 tests/hostile/check.py DIR   (files NAME.FORMAT, NAME.err)
# Prints "PASS name" or "FAIL name: why" per file, one line each.
import html.parser, json, os, re, shutil, subprocess, sys, zipfile
import xml.parsers.expat

d = sys.argv[1]
# what no output may hold as it is: C0 controls but TAB, LF (and CR in
# CRLF line ends), DEL, C1 controls, bidirectional controls, U+FFFE/FFFF
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
                       "\u202a-\u202e\u2066-\u2069\ufffe\uffff]|\r(?!\n)")
# what no HTML page or XLSX cell may hold: the same but the bidirectional
# controls of a comment, which its cell isolates (textsafe.h); HTML calls
# controls and noncharacters parse errors, XML forbids C0 and U+FFFE/FFFF
IN_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# what a rendered markdown table may hold: the table, line breaks, and
# the legend's bold letters
MD_TAGS = {"p", "table", "thead", "tbody", "tr", "th", "td", "br", "strong"}


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.links = [], [], []
        self.text = []
        self._a = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag == "a":
            self._a = [dict(attrs).get("href", ""), ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._a:
            self.links.append(tuple(self._a))
            self._a = None

    def handle_data(self, data):
        self.text.append(data)
        if self._a:
            self._a[1] += data


def text_of(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, "not UTF-8: %s" % e


def plain(text):
    m = FORBIDDEN.search(text)
    return "holds U+%04X at %d" % (ord(m.group()[0]), m.start()) if m else None


def check_markdown(text):
    bad = plain(text)
    if bad:
        return bad
    renders = []
    try:
        import markdown
        renders.append(("python-markdown",
                        markdown.markdown(text, extensions=["tables"])))
    except ImportError:  # tests/hostile.sh says it is skipped
        pass
    if shutil.which("cmark-gfm"):
        # GitHub's flavour, raw HTML allowed: what survives is kmap's
        renders.append(("cmark-gfm", subprocess.run(
            ["cmark-gfm", "--unsafe", "-e", "table", "-e", "autolink",
             "-e", "strikethrough"], input=text.encode(),
            capture_output=True, check=True).stdout.decode()))
    for who, out in renders:
        p = Tags()
        p.feed(out)
        tags = set(p.tags) - MD_TAGS - {"a"}
        if tags:
            return "%s renders tags %s" % (who, sorted(tags))
        for tag, k, v in p.attrs:
            if not (tag in ("th", "td") and k in ("align", "style")) and \
                    not (tag == "a" and k == "href"):
                return "%s renders attribute %s=%r on <%s>" % (who, k, v, tag)
        for href, label in p.links:
            # GitHub links a bare e-mail address, and a mailto: or xmpp:
            # address, to itself (whatever is escaped); nothing else
            if href != "mailto:" + label and not (
                    href == label and href.startswith(("mailto:", "xmpp:"))):
                return "%s renders a link %r (%r)" % (who, href, label)
    return None


def check_json(text):
    bad = plain(text)
    if bad:
        return bad
    try:
        json.loads(text)
    except ValueError as e:
        return "not JSON: %s" % e
    return None


def cell_text(text):
    m = IN_CELL.search(text)
    return "holds U+%04X at %d" % (ord(m.group()), m.start()) if m else None


def check_html(text):
    if cell_text(text):
        return cell_text(text)
    p = Tags()
    p.feed(text)
    for tag in ("script", "img", "iframe", "object", "a"):
        if tag in p.tags:
            return "has <%s>" % tag
    for tag, k, v in p.attrs:
        if k.startswith("on"):
            return "has %s= on <%s>" % (k, tag)
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    if title and plain(title.group(1)):
        return "title " + plain(title.group(1))
    return None


def check_xlsx(path):
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        return "not a zip: %s" % e
    for name in z.namelist():
        if not name.endswith((".xml", ".rels")):
            continue
        p = xml.parsers.expat.ParserCreate()
        try:
            p.Parse(z.read(name), True)
        except xml.parsers.expat.ExpatError as e:
            return "%s: %s" % (name, e)
    # and a spreadsheet reader opens it and reads every cell
    try:
        import openpyxl
    except ImportError:  # python3-openpyxl is a test dependency
        return "openpyxl missing"
    try:
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str) and cell_text(v):
                        return "%s: cell %s" % (ws.title, cell_text(v))
        for ws in wb.worksheets:
            if plain(ws.title):
                return "sheet name " + plain(ws.title)
    except Exception as e:
        return "openpyxl: %s: %s" % (type(e).__name__, e)
    return None


def check_messages(text):
    if text is None:
        return "not UTF-8"
    return plain(text)


for name in sorted(os.listdir(d)):
    path = os.path.join(d, name)
    kind = name.rsplit(".", 1)[-1]
    if kind == "xlsx":
        why = check_xlsx(path) if os.path.getsize(path) else "empty"
    else:
        text, why = text_of(path)
        if not why:
            if kind == "err":
                why = check_messages(text)
            elif not text:
                why = "empty"
            elif kind == "md":
                why = check_markdown(text)
            elif kind == "json":
                why = check_json(text)
            elif kind == "html":
                why = check_html(text)
            else:  # table, csv, text
                why = plain(text)
    print("FAIL %s: %s" % (name, why) if why else "PASS %s" % name)
