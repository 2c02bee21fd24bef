"""Regenerates the demo content library's Office files and diagram in this folder."""

import struct
import xml.dom.minidom
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent
# A fixed timestamp keeps the archives byte-identical from one run to the next.
STAMP = (2024, 1, 1, 0, 0, 0)

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_X = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OOXML = "application/vnd.openxmlformats-officedocument."
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# ---------------------------------------------------------------- packaging


def content_types(overrides):
    items = "".join(
        f'<Override PartName="/{part}" ContentType="{kind}"/>'
        for part, kind in overrides.items()
    )
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    )


def relationships(targets):
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, start=1)
    )
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    )


def core_properties(title):
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>Acme Cloud</dc:creator>"
        "</cp:coreProperties>"
    )


def package(name, title, main_part, parts, overrides):
    """Writes an OOXML package: content types first, then the package relationships."""
    overrides = {"docProps/core.xml": "application/vnd.openxmlformats-package."
                 "core-properties+xml", **overrides}
    root_rels = relationships([
        (REL + "officeDocument", main_part),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
         "core-properties", "docProps/core.xml"),
    ])
    files = {
        "[Content_Types].xml": content_types(overrides),
        "_rels/.rels": root_rels,
        "docProps/core.xml": core_properties(title),
        **parts,
    }
    with zipfile.ZipFile(HERE / name, "w") as archive:
        for part, text in files.items():
            info = zipfile.ZipInfo(part, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, XML_DECL + text, compresslevel=9)


def check(name):
    """Fails unless the archive is sound, every part is well-formed XML with a content type,
    and every relationship points at a part that is there."""
    with zipfile.ZipFile(HERE / name) as archive:
        assert archive.testzip() is None, name
        parts = set(archive.namelist())
        types = archive.read("[Content_Types].xml").decode()
        for part in parts:
            xml.dom.minidom.parseString(archive.read(part))
            if not part.endswith((".rels", "[Content_Types].xml")):
                assert f'PartName="/{part}"' in types, (name, part)
        for rels in (p for p in parts if p.endswith(".rels")):
            base = rels.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
            for rel in xml.dom.minidom.parseString(archive.read(rels)).getElementsByTagName(
                "Relationship"
            ):
                target = rel.getAttribute("Target")
                resolved = resolve(base, target)
                assert resolved in parts, (name, rels, target)


def resolve(base, target):
    segments = base.split("/") if base else []
    for segment in target.split("/"):
        if segment == "..":
            segments.pop()
        else:
            segments.append(segment)
    return "/".join(segments)


# ---------------------------------------------------------------- PowerPoint

EMPTY_TREE = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)
P_NS = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'


def text_box(shape_id, name, y, height, paragraphs):
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr txBox="1"/>'
        "<p:nvPr/></p:nvSpPr><p:spPr>"
        f'<a:xfrm><a:off x="685800" y="{y}"/><a:ext cx="10820400" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        '<p:txBody><a:bodyPr wrap="square" rtlCol="0"/><a:lstStyle/>'
        f"{''.join(paragraphs)}</p:txBody></p:sp>"
    )


def run(text, size, bold=False, color="1F2937"):
    return (
        f'<a:r><a:rPr lang="en-US" sz="{size}" b="{int(bold)}" dirty="0">'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:rPr>'
        f"<a:t>{escape(text)}</a:t></a:r>"
    )


def bullet(text):
    return (
        '<a:p><a:pPr marL="342900" indent="-342900"><a:spcBef><a:spcPts val="1200"/>'
        '</a:spcBef><a:buFont typeface="Arial"/><a:buChar char="&#8226;"/></a:pPr>'
        f"{run(text, 2400)}</a:p>"
    )


def slide(title, paragraphs):
    heading = f"<a:p>{run(title, 4000, True, '1D4ED8')}</a:p>"
    shapes = text_box(2, "Title", 457200, 1143000, [heading])
    shapes += text_box(3, "Body", 1828800, 4114800, paragraphs)
    return (
        f"<p:sld {P_NS}><p:cSld><p:spTree>{EMPTY_TREE}{shapes}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )


def theme():
    colors = {
        "dk2": "1F2937", "lt2": "E5E7EB", "accent1": "1D4ED8", "accent2": "0F766E",
        "accent3": "B45309", "accent4": "7C3AED", "accent5": "BE123C", "accent6": "4D7C0F",
        "hlink": "1D4ED8", "folHlink": "6D28D9",
    }
    scheme = '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    scheme += '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    scheme += "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in colors.items())
    fonts = "".join(
        f'<a:{kind}><a:latin typeface="{face}"/><a:ea typeface=""/><a:cs typeface=""/></a:{kind}>'
        for kind, face in (("majorFont", "Calibri Light"), ("minorFont", "Calibri"))
    )
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (
        f'<a:theme xmlns:a="{NS_A}" name="Portico"><a:themeElements>'
        f'<a:clrScheme name="Portico">{scheme}</a:clrScheme>'
        f'<a:fontScheme name="Portico">{fonts}</a:fontScheme>'
        f'<a:fmtScheme name="Portico"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>"
        "</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def make_pptx():
    slides = [
        slide("Partner onboarding", [
            f"<a:p>{run('Acme Cloud partner program: your first 30 days', 2800)}</a:p>",
            f"<a:p><a:pPr><a:spcBef><a:spcPts val='2400'/></a:spcBef></a:pPr>"
            f"{run('Questions? Ask your partner manager in Portico.', 2000, color='4B5563')}</a:p>",
        ]),
        slide("Your first 30 days", [
            bullet("Week 1: sign the mutual NDA and the partner agreement"),
            bullet("Week 2: complete sales and technical enablement"),
            bullet("Week 3: register your first deal in Portico"),
            bullet("Week 4: plan joint accounts with your partner manager"),
        ]),
    ]
    presentation = (
        f'<p:presentation {P_NS} saveSubsetFonts="1">'
        '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
        '<p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId4"/></p:sldIdLst>'
        '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/>'
        "</p:presentation>"
    )
    master = (
        f"<p:sldMaster {P_NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/>"
        f"</p:bgRef></p:bg><p:spTree>{EMPTY_TREE}</p:spTree></p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
        'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>'
        "<p:txStyles><p:titleStyle/><p:bodyStyle/><p:otherStyle/></p:txStyles></p:sldMaster>"
    )
    layout = (
        f'<p:sldLayout {P_NS} type="blank" preserve="1"><p:cSld name="Blank">'
        f"<p:spTree>{EMPTY_TREE}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
    to_layout = relationships([(REL + "slideLayout", "../slideLayouts/slideLayout1.xml")])
    parts = {
        "ppt/presentation.xml": presentation,
        "ppt/_rels/presentation.xml.rels": relationships([
            (REL + "slideMaster", "slideMasters/slideMaster1.xml"),
            (REL + "theme", "theme/theme1.xml"),
            (REL + "slide", "slides/slide1.xml"),
            (REL + "slide", "slides/slide2.xml"),
            (REL + "presProps", "presProps.xml"),
            (REL + "viewProps", "viewProps.xml"),
            (REL + "tableStyles", "tableStyles.xml"),
        ]),
        "ppt/presProps.xml": f"<p:presentationPr {P_NS}/>",
        "ppt/viewProps.xml": f"<p:viewPr {P_NS}/>",
        "ppt/tableStyles.xml": f'<a:tblStyleLst xmlns:a="{NS_A}" '
                               'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>',
        "ppt/slideMasters/slideMaster1.xml": master,
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": relationships([
            (REL + "slideLayout", "../slideLayouts/slideLayout1.xml"),
            (REL + "theme", "../theme/theme1.xml"),
        ]),
        "ppt/slideLayouts/slideLayout1.xml": layout,
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels": relationships([
            (REL + "slideMaster", "../slideMasters/slideMaster1.xml"),
        ]),
        "ppt/theme/theme1.xml": theme(),
    }
    for number, xml_text in enumerate(slides, start=1):
        parts[f"ppt/slides/slide{number}.xml"] = xml_text
        parts[f"ppt/slides/_rels/slide{number}.xml.rels"] = to_layout
    pml = OOXML + "presentationml."
    overrides = {
        "ppt/presentation.xml": pml + "presentation.main+xml",
        "ppt/presProps.xml": pml + "presProps+xml",
        "ppt/viewProps.xml": pml + "viewProps+xml",
        "ppt/tableStyles.xml": pml + "tableStyles+xml",
        "ppt/slideMasters/slideMaster1.xml": pml + "slideMaster+xml",
        "ppt/slideLayouts/slideLayout1.xml": pml + "slideLayout+xml",
        "ppt/theme/theme1.xml": OOXML + "theme+xml",
        "ppt/slides/slide1.xml": pml + "slide+xml",
        "ppt/slides/slide2.xml": pml + "slide+xml",
    }
    package("partner-onboarding.pptx", "Partner onboarding", "ppt/presentation.xml", parts,
            overrides)


# ---------------------------------------------------------------- Word

NDA = [
    ("Title", "Mutual Non-Disclosure Agreement"),
    ("Normal", "This agreement is made between Acme Cloud, Inc. (\"Acme\") and the partner "
               "named in the partner program application (\"Partner\"), each a \"Party\"."),
    ("Heading1", "1. Confidential information"),
    ("Normal", "Confidential information is any non-public business, technical or customer "
               "information that one Party discloses to the other in connection with the partner "
               "program, including pricing, product roadmaps and registered deals."),
    ("Heading1", "2. Obligations"),
    ("Normal", "Each Party will use the other's confidential information only to take part in "
               "the partner program, protect it with at least reasonable care, and share it only "
               "with employees and advisers who need to know it."),
    ("Heading1", "3. Term"),
    ("Normal", "This agreement lasts for two years from signature; the obligations in section 2 "
               "survive for three years after it ends."),
    ("Normal", "Signed for Acme: ____________________    Signed for Partner: ____________________"),
]


def word_styles():
    def style(style_id, name, size, extra=""):
        return (
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>{extra}</w:pPr>'
            f'<w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>'
        )

    return (
        f'<w:styles xmlns:w="{NS_W}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>'
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>"
        + style("Title", "Title", 36, '<w:jc w:val="center"/>')
        + style("Heading1", "heading 1", 26, '<w:outlineLvl w:val="0"/>')
        + "</w:styles>"
    )


def make_docx():
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for style, text in NDA
    )
    document = (
        f'<w:document xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" '
        'w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )
    parts = {
        "word/document.xml": document,
        "word/_rels/document.xml.rels": relationships([(REL + "styles", "styles.xml")]),
        "word/styles.xml": word_styles(),
    }
    wml = OOXML + "wordprocessingml."
    overrides = {
        "word/document.xml": wml + "document.main+xml",
        "word/styles.xml": wml + "styles+xml",
    }
    package("mutual-nda.docx", "Mutual NDA", "word/document.xml", parts, overrides)


# ---------------------------------------------------------------- Excel

# (label, value or formula, style): style 1 bold, 2 dollars, 3 bold percent.
ROI_ROWS = [
    (1, "ROI calculator", None, 1),
    (3, "Licenses", 50, 0),
    (4, "Price per license per year (USD)", 1200, 2),
    (5, "Hours saved per user per month", 6, 0),
    (6, "Loaded cost per hour (USD)", 65, 2),
    (8, "Annual cost", "=B3*B4", 2),
    (9, "Annual savings", "=B3*B5*12*B6", 2),
    (10, "Return on investment", "=(B9-B8)/B8", 3),
]


def roi_values():
    """The formulas' results, cached in the file for viewers that do not calculate."""
    b = {row: value for row, _, value, _ in ROI_ROWS if isinstance(value, int)}
    b[8] = b[3] * b[4]
    b[9] = b[3] * b[5] * 12 * b[6]
    b[10] = (b[9] - b[8]) / b[8]
    return b


def cell(ref, value, style, cached):
    if isinstance(value, str) and value.startswith("="):
        return f'<c r="{ref}" s="{style}"><f>{escape(value[1:])}</f><v>{cached}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def spreadsheet_styles():
    return (
        f'<styleSheet xmlns="{NS_X}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="4">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="10" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
        'applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def make_xlsx():
    cached = roi_values()
    rows = ""
    for row, label, value, style in ROI_ROWS:
        label_style = 1 if style in (1, 3) else 0
        cells = cell(f"A{row}", label, label_style, None)
        if value is not None:
            cells += cell(f"B{row}", value, style, cached[row])
        rows += f'<row r="{row}">{cells}</row>'
    sheet = (
        f'<worksheet xmlns="{NS_X}" xmlns:r="{NS_R}"><dimension ref="A1:B10"/>'
        '<cols><col min="1" max="1" width="36" customWidth="1"/>'
        '<col min="2" max="2" width="14" customWidth="1"/></cols>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    workbook = (
        f'<workbook xmlns="{NS_X}" xmlns:r="{NS_R}">'
        '<sheets><sheet name="ROI" sheetId="1" r:id="rId1"/></sheets>'
        '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
    )
    parts = {
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": relationships([
            (REL + "worksheet", "worksheets/sheet1.xml"),
            (REL + "styles", "styles.xml"),
        ]),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/styles.xml": spreadsheet_styles(),
    }
    sml = OOXML + "spreadsheetml."
    overrides = {
        "xl/workbook.xml": sml + "sheet.main+xml",
        "xl/worksheets/sheet1.xml": sml + "worksheet+xml",
        "xl/styles.xml": sml + "styles+xml",
    }
    package("roi-calculator.xlsx", "ROI calculator", "xl/workbook.xml", parts, overrides)


# ---------------------------------------------------------------- PNG

WIDTH, HEIGHT = 320, 180
BACKGROUND, FILL, BORDER, INK, ARROW = (
    (247, 248, 250), (255, 255, 255), (29, 78, 216), (31, 41, 55), (75, 85, 99)
)
GLYPHS = {
    "A": "01110 10001 10001 11111 10001 10001 10001",
    "C": "01110 10001 10000 10000 10000 10001 01110",
    "I": "01110 00100 00100 00100 00100 00100 01110",
    "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110",
    "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101",
    "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110",
    "T": "11111 00100 00100 00100 00100 00100 00100",
}
SCALE = 2
# (label, left, top, right, bottom)
BOXES = [
    ("SPA", 12, 70, 84, 110),
    ("PORTICO", 110, 70, 210, 110),
    ("SQL", 236, 70, 308, 110),
    ("CRM", 130, 10, 190, 46),
    ("SMTP", 130, 134, 190, 170),
]


class Canvas:
    def __init__(self):
        self.pixels = [[BACKGROUND] * WIDTH for _ in range(HEIGHT)]

    def rect(self, left, top, right, bottom, color):
        for y in range(top, bottom):
            self.pixels[y][left:right] = [color] * (right - left)

    def box(self, label, left, top, right, bottom):
        self.rect(left, top, right, bottom, BORDER)
        self.rect(left + 2, top + 2, right - 2, bottom - 2, FILL)
        advance = 6 * SCALE
        x = (left + right - (advance * len(label) - SCALE)) // 2
        y = (top + bottom - 7 * SCALE) // 2
        for char in label:
            self.glyph(char, x, y)
            x += advance

    def glyph(self, char, x, y):
        for row, bits in enumerate(GLYPHS[char].split()):
            for column, bit in enumerate(bits):
                if bit == "1":
                    self.rect(x + column * SCALE, y + row * SCALE,
                              x + (column + 1) * SCALE, y + (row + 1) * SCALE, INK)

    def arrow(self, x0, y0, x1, y1):
        """A straight arrow along one axis, its head at (x1, y1)."""
        dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
        self.rect(min(x0, x1) - abs(dy), min(y0, y1) - abs(dx),
                  max(x0, x1) + abs(dy) + 1, max(y0, y1) + abs(dx) + 1, ARROW)
        for back in range(6):
            cx, cy = x1 - dx * back, y1 - dy * back
            self.rect(cx - back * abs(dy), cy - back * abs(dx),
                      cx + back * abs(dy) + 1, cy + back * abs(dx) + 1, ARROW)

    def png(self):
        rows = b"".join(b"\0" + bytes(c for pixel in row for c in pixel) for row in self.pixels)

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def make_png():
    canvas = Canvas()
    for box in BOXES:
        canvas.box(*box)
    canvas.arrow(86, 90, 107, 90)
    canvas.arrow(212, 90, 233, 90)
    canvas.arrow(160, 68, 160, 49)
    canvas.arrow(160, 112, 160, 131)
    (HERE / "reference-architecture.png").write_bytes(canvas.png())


def main():
    make_pptx()
    make_docx()
    make_xlsx()
    make_png()
    for name in ("partner-onboarding.pptx", "mutual-nda.docx", "roi-calculator.xlsx"):
        check(name)
    for path in sorted(HERE.glob("*.*x")) + [HERE / "reference-architecture.png"]:
        assert path.stat().st_size < 20_000, path
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
