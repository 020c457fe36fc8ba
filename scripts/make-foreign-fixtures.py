#!/usr/bin/env python3
"""Regenerates test/fixtures/foreign/: a small Closebook workbook as other tools save it.

Needs Node (the CLI bundle is rebuilt), Debian's python3-openpyxl and LibreOffice
(libreoffice-calc-nogui); CI only reads the committed files.

  closebook.xlsx             written by Closebook: Acme Ltd, 7 vouchers in Jan-Feb 2026,
                             statements for 2026-01, 2026-01 On hold (sealed); the system
                             sheets are protected with the password "s3cret" (set as a user
                             would in a spreadsheet tool: openpyxl, before the first posting)
  openpyxl-resaved.xlsx      openpyxl load_workbook + save (absolute relationship targets,
                             formulas without cached values)
  openpyxl-edited.xlsx       the same, after editing non-ledger cells (a Settings description,
                             a note beside the ledger table)
  libreoffice.xlsx           soffice --headless --convert-to xlsx (sheet="true" flags, no table styles)
  crafted-inline-strings.xlsx  crafted: every shared string as an inline string, no
                             sharedStrings.xml (what streaming writers produce)
  crafted-1904.xlsx          crafted: the 1904 date system (workbookPr date1904="1"), every
                             date-formatted serial 1462 days smaller (Excel for Mac's old default)

Usage: /usr/bin/python3 scripts/make-foreign-fixtures.py [--no-build]
"""
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "foreign")
CLI = os.path.join(ROOT, "bin", "closebook.js")
PASSWORD = "s3cret"
# A fixed salt keeps regenerated files comparable; the hash is Excel's SHA-512 verifier.
SALT = base64.b64decode("Q2xvc2Vib29rRm9yZWlnbg==")
SPIN = 10000

JOURNAL = """Journal,Draft voucher,Date,Account,Currency,Debit,Credit,Rate,Description,Auto-reverse
GEN,J1,2026-01-02,1000,USD,100000.00,,,Share capital paid in,
GEN,J1,2026-01-02,3000,USD,,100000.00,,Share capital paid in,
GEN,J2,2026-01-15,1100,EUR,1234.56,,1.0842,Invoice Müller GmbH,
GEN,J2,2026-01-15,4000,EUR,,1234.56,1.0842,Invoice Müller GmbH,
GEN,J3,2026-01-20,6100,USD,2100.00,,,Rent January,
GEN,J3,2026-01-20,1000,USD,,2100.00,,Rent January,
GEN,J4,2026-01-31,6300,JPY,15500,,0.0064,Office supplies (yen),
GEN,J4,2026-01-31,2100,JPY,,15500,0.0064,Office supplies (yen),
GEN,J5,2026-01-31,6000,USD,4200.10,,,Salary accrual,TRUE
GEN,J5,2026-01-31,2100,USD,,4200.10,,Salary accrual,TRUE
GEN,J6,2026-02-03,1000,USD,1338.47,,,Receipt Müller,
GEN,J6,2026-02-03,1100,USD,,1338.47,,Receipt Müller,
GEN,J7,2026-02-20,6100,USD,2100.00,,,Rent February,
GEN,J7,2026-02-20,1000,USD,,2100.00,,Rent February,
"""


def closebook(*args):
    subprocess.run(["node", CLI, *args], check=True, stdout=subprocess.DEVNULL)


def excel_hash(password):
    h = hashlib.sha512(SALT + password.encode("utf-16le")).digest()
    for i in range(SPIN):
        h = hashlib.sha512(h + i.to_bytes(4, "little")).digest()
    return base64.b64encode(h).decode()


def set_password(path):
    """The "Protection password" setting and every protected sheet's hash, as a user would set them."""
    wb = openpyxl.load_workbook(path)
    for row in wb["Settings"].iter_rows(min_row=2):
        if row[0].value == "Protection password":
            row[1].value = PASSWORD
    digest = excel_hash(PASSWORD)
    for ws in wb.worksheets:
        if ws.protection.sheet:
            p = ws.protection
            p.algorithmName, p.hashValue, p.saltValue, p.spinCount = "SHA-512", digest, base64.b64encode(SALT).decode(), SPIN
    wb.save(path)


def make_base(work):
    base = os.path.join(work, "closebook.xlsx")
    csv = os.path.join(work, "journal.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(JOURNAL)
    closebook("init", base, "--company", "Acme Ltd", "--currency", "USD", "--year", "2026")
    set_password(base)
    closebook("import", base, "--table", "journal", "--user", "admin", csv)
    closebook("post", base, "--user", "admin")
    closebook("statements", base, "--period", "2026-01")
    closebook("period", base, "--period", "2026-01", "--hold", "--reason", "January close", "--user", "bob")
    closebook("verify", base)
    return base


def openpyxl_resave(src, dst, edit=False):
    wb = openpyxl.load_workbook(src)
    if edit:
        for row in wb["Settings"].iter_rows(min_row=2):
            if row[0].value == "Company":
                row[2].value = "Legal entity name (checked in Python)"
        wb["Ledger"]["S1"].value = "Reviewed in Python"
    wb.save(dst)


def libreoffice(src, dst, work):
    out = os.path.join(work, "lo")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, HOME=work)  # a throwaway LibreOffice profile
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src], check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.move(os.path.join(out, os.path.basename(src)), dst)


def rewrite_zip(src, dst, change):
    """Copies the package, passing every part through change(name, bytes) -> bytes or None (drop)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)


def unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def crafted_inline_strings(src, dst):
    with zipfile.ZipFile(src) as z:
        sst = z.read("xl/sharedStrings.xml").decode("utf-8")
    strings = [re.sub(r"<rPh\b.*?</rPh>", "", si, flags=re.S) for si in re.findall(r"<si>(.*?)</si>", sst, flags=re.S)]
    # the <si> body (<t>…</t> or rich-text runs) becomes the <is> body unchanged
    cell = re.compile(r'<c ([^>]*?)t="s"([^>]*)><v>(\d+)</v></c>')

    def change(name, data):
        if name == "xl/sharedStrings.xml":
            return None
        text = data.decode("utf-8")
        if name.startswith("xl/worksheets/sheet"):
            text = cell.sub(lambda m: f'<c {m.group(1)}t="inlineStr"{m.group(2)}><is>{strings[int(m.group(3))]}</is></c>', text)
        elif name == "xl/_rels/workbook.xml.rels":
            text = re.sub(r"<Relationship [^>]*sharedStrings[^>]*/>", "", text)
        elif name == "[Content_Types].xml":
            text = re.sub(r'<Override [^>]*PartName="/xl/sharedStrings.xml"[^>]*/>', "", text)
        else:
            return data
        return text.encode("utf-8")

    rewrite_zip(src, dst, change)


BUILTIN_DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}


def date_styles(styles_xml):
    custom = {int(i): unescape(c) for i, c in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles_xml)}

    def is_date(fmt_id):
        if fmt_id in BUILTIN_DATE_FORMATS:
            return True
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", custom.get(fmt_id, ""))
        return bool(re.search(r"[ymdhs]", code, flags=re.I))

    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles_xml, flags=re.S).group(1)
    ids = [int(m) for m in re.findall(r'<xf [^>]*?numFmtId="(\d+)"', xfs)]
    return {str(i) for i, fmt_id in enumerate(ids) if is_date(fmt_id)}


def crafted_1904(src, dst):
    with zipfile.ZipFile(src) as z:
        dates = date_styles(z.read("xl/styles.xml").decode("utf-8"))
    cell = re.compile(r'<c ([^>]*?)s="(\d+)"([^>]*)><v>([0-9.Ee+-]+)</v></c>')

    def shift(m):
        if m.group(2) not in dates or "t=" in m.group(1) + m.group(3):
            return m.group(0)
        return f'<c {m.group(1)}s="{m.group(2)}"{m.group(3)}><v>{repr(float(m.group(4)) - 1462).removesuffix(".0")}</v></c>'

    def change(name, data):
        text = data.decode("utf-8") if name.endswith(".xml") else None
        if name == "xl/workbook.xml":
            text = re.sub(r"<workbookPr\b([^>]*?)\s*/>", lambda m: "<workbookPr" + re.sub(r' date1904="[^"]*"', "", m.group(1)) + ' date1904="1"/>', text, count=1)
            if "date1904" not in text:
                text = text.replace("<bookViews>", '<workbookPr date1904="1"/><bookViews>', 1)
        elif name.startswith("xl/worksheets/sheet"):
            text = cell.sub(shift, text)
        else:
            return data
        return text.encode("utf-8")

    rewrite_zip(src, dst, change)


def main():
    if "--no-build" not in sys.argv:
        subprocess.run(["npm", "run", "--silent", "build:cli"], cwd=ROOT, check=True)
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        base = make_base(work)
        shutil.copy(base, os.path.join(OUT, "closebook.xlsx"))
        openpyxl_resave(base, os.path.join(OUT, "openpyxl-resaved.xlsx"))
        openpyxl_resave(base, os.path.join(OUT, "openpyxl-edited.xlsx"), edit=True)
        libreoffice(base, os.path.join(OUT, "libreoffice.xlsx"), work)
        crafted_inline_strings(base, os.path.join(OUT, "crafted-inline-strings.xlsx"))
        crafted_1904(base, os.path.join(OUT, "crafted-1904.xlsx"))
    for name in sorted(os.listdir(OUT)):
        if name.endswith(".xlsx"):
            print(f"{name:32} {os.path.getsize(os.path.join(OUT, name)):>8} bytes")


if __name__ == "__main__":
    main()
