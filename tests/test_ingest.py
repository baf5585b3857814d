"""Unit tests for the :mod:`kg.ingest` package: reading files into Documents."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import SUPPORTED_SUFFIXES, iter_input_files, read_document

REPORT = (
    "松林县科学技术局2023年工作总结\n"
    "一、2023年工作完成情况\n"
    "（一）培育创新主体。全年新增高新技术企业１４家，科技型中小企业入库６３家。\n"
    "（二）建设创新平台。县科技局与西江农业大学共建松林县茶产业研究院。\n"
    "二、2024年工作计划\n"
    "（一）力争新增高新技术企业１８家，研发投入强度达到２.２％。\n"
)
REPORT_NORMALISED = (
    "松林县科学技术局2023年工作总结\n"
    "一、2023年工作完成情况\n"
    "(一)培育创新主体。全年新增高新技术企业14家,科技型中小企业入库63家。\n"
    "(二)建设创新平台。县科技局与西江农业大学共建松林县茶产业研究院。\n"
    "二、2024年工作计划\n"
    "(一)力争新增高新技术企业18家,研发投入强度达到2.2%。\n"
)
REPORT_TRADITIONAL = (
    "松林縣科學技術局2023年工作總結\n"
    "一、2023年工作完成情況\n"
    "(一)培育創新主體。全年新增高新技術企業14家,科技型中小企業入庫63家。\n"
    "(二)建設創新平臺。縣科技局與西江農業大學共建松林縣茶產業研究院。\n"
)


def write(folder: Path, name: str, content: bytes | str) -> Path:
    """Write a fixture file (str as UTF-8) and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def make_pdf(pages: list[list[str]]) -> bytes:
    """Build a PDF whose text layer holds ``pages`` (each a list of lines).

    ASCII lines are set in Helvetica; other lines in a CID font (Identity-H)
    whose code for a character is its code point, with a ToUnicode map that
    sends each code back to the character: no font program is embedded, so
    the page shows nothing, but text extraction gives the lines back.
    """
    chars = sorted({c for page in pages for line in page if not line.isascii() for c in line})
    bfchar = "".join(f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in chars)
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{len(chars)} beginbfchar\n{bfchar}endbfchar\n"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    # 1 catalog, 2 page tree, 3 Helvetica, 4 Type0 font, 5 CID font,
    # 6 font descriptor, 7 ToUnicode map; page i is object 8 + 2i, its content 9 + 2i
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % (8 + 2 * i) for i in range(len(pages))), len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /CIDSans /Encoding /Identity-H "
        b"/DescendantFonts [5 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CIDSans /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /CIDSans /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        stream(cmap),
    ]
    for i, page in enumerate(pages):
        ops = []
        for k, line in enumerate(page):
            y = 800 - 30 * k
            if line.isascii():
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"BT /F1 12 Tf 50 {y} Td ({escaped}) Tj ET")
            else:
                ops.append(f"BT /F2 12 Tf 50 {y} Td <{''.join(f'{ord(c):04X}' for c in line)}> Tj ET")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (9 + 2 * i))
        objects.append(stream("\n".join(ops).encode("ascii")))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>松林县科技局2023年工作总结_松林县人民政府门户网站</title></head>
<body>
<div class="top"><h1>松林县人民政府</h1></div>
<div class="nav"><a href="/">首页</a> | <a href="/gk">政务公开</a> | <a href="/bs">办事服务</a> | <a href="/hd">互动交流</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gk">政务公开</a> &gt; 工作总结</div>
<div class="article">
<h2>松林县科技局2023年工作总结</h2>
<div class="meta">发布日期：2024-01-08　来源：县科技局</div>
<div class="content">
<p>　　2023年，县科技局围绕创新驱动发展战略，扎实推进科技创新各项工作，全县科技创新能力稳步提升。</p>
<p>　　一、2023年工作完成情况</p>
<p>　　（一）培育创新主体。全年新增高新技术企业１４家，科技型中小企业入库６３家，企业研发投入持续增长。</p>
<p>　　（二）建设创新平台。县科技局与西江农业大学共建松林县茶产业研究院，新增市级工程技术研究中心３家。</p>
<p>　　二、2024年工作计划</p>
<p>　　（一）力争新增高新技术企业１８家，研发投入强度达到２.２％，推动更多企业建设研发机构。</p>
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="tools">【打印本页】【关闭窗口】</div>
</div>
<div class="footer">
<p>版权所有：松林县人民政府办公室　主办单位：松林县人民政府办公室</p>
<p>网站标识码：5201230001　黔ICP备12345678号-1　黔公网安备52012302000123号</p>
<p>扫一扫在手机打开当前页</p>
<p>联系我们</p>
</div>
</body></html>
"""
BODY_LINES = ["(一)培育创新主体。全年新增高新技术企业14家", "二、2024年工作计划",
              "(一)力争新增高新技术企业18家,研发投入强度达到2.2%"]
FURNITURE = ["当前位置", "分享到", "打印本页", "版权所有", "ICP备", "网站标识码",
             "公网安备", "扫一扫", "联系我们", "办事服务"]


# ---- plain text

def test_utf8_text(tmp_path):
    path = write(tmp_path, "songlin.txt", REPORT)
    doc = read_document(path)
    data = path.read_bytes()
    assert doc.format == "text"
    assert doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.doc_id == doc.sha256[:16]
    assert doc.path == str(path)
    assert doc.raw_text == REPORT
    assert doc.text == REPORT_NORMALISED


def test_utf8_with_byte_order_mark(tmp_path):
    path = write(tmp_path, "songlin.txt", b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    doc = read_document(path)
    assert doc.encoding == "utf-8-sig"
    assert doc.raw_text == REPORT
    assert doc.text == REPORT_NORMALISED


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "gb18030"])
def test_chinese_national_encodings_are_detected(tmp_path, encoding):
    path = write(tmp_path, "songlin.txt", REPORT_NORMALISED.encode(encoding))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert doc.text == REPORT_NORMALISED


def test_gb18030_only_characters(tmp_path):
    text = "青石镇𠀾村科技示范基地建设情况\n全年推广新技术8项。\n"
    path = write(tmp_path, "village.txt", text.encode("gb18030"))
    assert read_document(path).text == text


def test_big5_traditional_text_is_detected(tmp_path):
    path = write(tmp_path, "songlin_tw.txt", REPORT_TRADITIONAL.encode("big5"))
    doc = read_document(path)
    assert doc.encoding == "big5"
    assert doc.text == REPORT_TRADITIONAL


def test_short_utf8_text_is_never_read_as_another_encoding(tmp_path):
    # these bytes are also valid GB18030 (as other characters)
    text = "科技"
    text.encode("utf-8").decode("gb18030")
    doc = read_document(write(tmp_path, "short.txt", text))
    assert (doc.encoding, doc.text) == ("utf-8", text)


def test_utf16_with_byte_order_mark(tmp_path):
    path = write(tmp_path, "songlin.txt", REPORT.encode("utf-16"))
    doc = read_document(path)
    assert doc.encoding == "utf-16"
    assert doc.text == REPORT_NORMALISED


@pytest.mark.parametrize("name", ["plan.md", "plan.text", "PLAN.TXT"])
def test_other_text_suffixes(tmp_path, name):
    doc = read_document(write(tmp_path, name, REPORT))
    assert doc.format == "text"
    assert doc.text == REPORT_NORMALISED


def test_offsets_lead_back_to_the_raw_text(tmp_path):
    raw = "\u3000\u3000（一）全年新增高新技术企业１４家，\r\n较上年增长２５％。\r\n"
    doc = read_document(write(tmp_path, "offsets.txt", raw))
    for needle, original in [("(一)", "（一）"), ("14家", "１４家"), ("25%", "２５％")]:
        start = doc.text.index(needle)
        end = start + len(needle)
        source = doc.raw_text[doc.offsets.to_source(start):doc.offsets.to_source(end)]
        assert source == original


# ---- html

@pytest.mark.parametrize("encoding", ["utf-8", "gb2312"])
def test_html_keeps_the_body_and_drops_the_furniture(tmp_path, encoding):
    path = write(tmp_path, "page.html", PAGE.format(charset=encoding).encode(encoding))
    doc = read_document(path)
    assert doc.format == "html"
    assert doc.encoding == ("utf-8" if encoding == "utf-8" else "gb18030")
    for line in BODY_LINES:
        assert line in doc.text
    for furniture in FURNITURE:
        assert furniture not in doc.text
    assert doc.text.splitlines()[0] == "松林县科技局2023年工作总结"


def test_html_without_trafilatura_uses_the_block_text(tmp_path, monkeypatch):
    from kg.ingest import html

    monkeypatch.setattr(html, "_trafilatura", lambda: None)
    doc = read_document(write(tmp_path, "page.htm", PAGE.format(charset="utf-8")))
    for line in BODY_LINES:
        assert line in doc.text
    for furniture in FURNITURE:
        assert furniture not in doc.text
    assert doc.text.splitlines()[0] == "松林县科技局2023年工作总结"


def test_html_with_a_wrong_declared_charset_is_still_decoded(tmp_path):
    page = PAGE.format(charset="utf-8").encode("gb18030")
    doc = read_document(write(tmp_path, "page.html", page))
    assert doc.encoding == "gb18030"
    assert BODY_LINES[0] in doc.text


def test_html_without_text(tmp_path):
    path = write(tmp_path, "blank.html", "<html><head><title></title></head><body><div> </div></body></html>")
    with pytest.raises(InputError, match="no text found") as info:
        read_document(path)
    assert str(path) in str(info.value)


# ---- docx

def test_docx_paragraphs_and_tables_in_order(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("松林县科学技术局2023年工作总结")
    document.add_paragraph("一、2023年工作完成情况")
    document.add_paragraph("（一）培育创新主体。全年新增高新技术企业１４家。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成值"
    table.cell(1, 0).text = "研发投入强度"
    table.cell(1, 1).text = "2.2%"
    document.add_paragraph("二、2024年工作计划")
    path = tmp_path / "songlin.docx"
    document.save(path)
    doc = read_document(path)
    assert (doc.format, doc.encoding) == ("docx", "docx")
    assert doc.text.splitlines() == [
        "松林县科学技术局2023年工作总结", "一、2023年工作完成情况",
        "(一)培育创新主体。全年新增高新技术企业14家。",
        "指标", "完成值", "研发投入强度", "2.2%", "二、2024年工作计划"]


def test_docx_merged_cells_are_read_once(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "新增省级重点实验室"
    table.cell(0, 2).text = "2家"
    path = tmp_path / "merged.docx"
    document.save(path)
    assert read_document(path).text.splitlines() == ["新增省级重点实验室", "2家"]


# ---- pdf

def test_pdf_text_layer_page_by_page(tmp_path):
    pages = [["Annual work summary 2023", "松林县科技局2023年工作总结", "一、主要工作完成情况"],
             ["（一）全年新增高新技术企业１４家。"]]
    doc = read_document(write(tmp_path, "songlin.pdf", make_pdf(pages)))
    assert (doc.format, doc.encoding) == ("pdf", "pdf")
    assert doc.text.splitlines() == ["Annual work summary 2023", "松林县科技局2023年工作总结",
                                     "一、主要工作完成情况", "(一)全年新增高新技术企业14家。"]


def test_pdf_without_text_layer(tmp_path):
    path = write(tmp_path, "scan.pdf", make_pdf([[], []]))
    with pytest.raises(InputError, match=r"no text layer \(scanned\?\); run OCR first") as info:
        read_document(path)
    assert str(path) in str(info.value)


# ---- bad input

def raises(path: Path | str, reason: str) -> InputError:
    """Read ``path``, expecting an InputError naming it, whose reason matches."""
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(path) in str(info.value)
    assert reason in info.value.reason
    assert "\n" not in str(info.value)
    return info.value


def test_missing_file(tmp_path):
    raises(tmp_path / "absent.txt", "no such file")


def test_folder_given_as_a_file(tmp_path):
    raises(tmp_path, "folder")


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", REPORT)

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    raises(path, "permission denied")


def test_empty_file(tmp_path):
    raises(write(tmp_path, "empty.txt", b""), "file is empty")


@pytest.mark.parametrize("content", ["   \n\t\n", "\u3000\u3000\r\n\u200b"])
def test_white_space_only_file(tmp_path, content):
    raises(write(tmp_path, "blank.txt", content), "no text found")


def test_unsupported_extension_lists_the_supported_ones(tmp_path):
    error = raises(write(tmp_path, "table.xyz", REPORT), "unsupported file type")
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in error.reason


def test_old_word_file_gets_a_hint(tmp_path):
    raises(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0" + bytes(100)), "save it as .docx")


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,                      # an image
    bytes(range(256)) * 8,                                                # NUL bytes
    bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 40 + b"abc",        # control bytes
    "%PDF-1.4 松林县".encode("utf-8"),                                      # a pdf renamed
])
def test_binary_file_renamed_txt(tmp_path, content):
    raises(write(tmp_path, "renamed.txt", content), "not a text file (looks binary)")


def test_undecodable_bytes(tmp_path):
    content = "Résumé des activités, année 2023: déjà réalisé à 95 %.\n".encode("latin-1")
    raises(write(tmp_path, "latin.txt", content), "cannot detect the text encoding; save it as UTF-8")


def test_docx_that_is_not_a_zip(tmp_path):
    raises(write(tmp_path, "fake.docx", REPORT), "not a zip archive")


def test_docx_zip_without_a_word_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "松林县")
    raises(path, "not a valid .docx file")


def test_old_doc_renamed_docx(tmp_path):
    raises(write(tmp_path, "old.docx", b"\xd0\xcf\x11\xe0" + bytes(600)), "old Word .doc")


def test_corrupt_pdf(tmp_path):
    raises(write(tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pa"), "corrupt PDF")


def test_pdf_that_is_not_a_pdf(tmp_path):
    raises(write(tmp_path, "page.pdf", REPORT), "not a PDF file")


def test_missing_optional_dependency_is_explained(tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "kg.ingest.docx", raising=False)
    monkeypatch.setitem(sys.modules, "docx", None)
    raises(write(tmp_path, "report.docx", b"PK\x03\x04"), "pip install python-docx")


# ---- the reader registry

def test_readers_are_imported_only_when_needed():
    code = ("import sys, kg.ingest; "
            "print(any(m in sys.modules for m in ('kg.ingest.pdf', 'kg.ingest.docx', 'pypdf', 'docx')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# ---- listing input files

def test_folders_are_walked_in_sorted_order(tmp_path):
    write(tmp_path, "b/2023.txt", REPORT)
    write(tmp_path, "a/z.html", PAGE)
    write(tmp_path, "a/sub/m.pdf", b"%PDF")
    write(tmp_path, "a/notes.xyz", "x")
    write(tmp_path, "a/.hidden.txt", REPORT)
    write(tmp_path, ".cache/x.txt", REPORT)
    write(tmp_path, "a/~$lock.docx", b"x")
    write(tmp_path, "c.DOCX", b"x")
    found = iter_input_files([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/sub/m.pdf", "a/z.html", "b/2023.txt", "c.DOCX"]


def test_named_files_are_kept_whatever_their_suffix(tmp_path):
    notes = write(tmp_path, "notes.xyz", "x")
    report = write(tmp_path, "r.txt", REPORT)
    assert iter_input_files([str(notes), report]) == [notes, report]


def test_missing_input_path(tmp_path):
    with pytest.raises(InputError, match="no such file") as info:
        iter_input_files([tmp_path / "nowhere"])
    assert "nowhere" in str(info.value)


def test_folder_without_supported_files(tmp_path):
    write(tmp_path, "data/table.xlsx", b"x")
    with pytest.raises(InputError) as info:
        iter_input_files([tmp_path / "data"])
    assert "no supported files" in info.value.reason
    assert ".txt" in info.value.reason
    assert str(tmp_path / "data") in str(info.value)
