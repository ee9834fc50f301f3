#!/usr/bin/env python3
"""Write the fuzz targets' hand-made seeds (tests/fuzz/seeds/<target>/) from tests/fuzz/seeds/raw/ and the
built-in agreements. Run from the repository root: python3 tests/fuzz/make_seeds.py
The input layouts are documented on the drivers in crate/fuzzing.rs."""
import json, os, struct

root = os.path.dirname(os.path.abspath(__file__))
raw = os.path.join(root, "seeds", "raw")
presets = os.path.join(root, "..", "crate", "agreement", "presets")

# A few more raw files in encodings and shapes the reader supports.
extra = {
    "utf8-bom-tab.tsv": "\ufeffEmail\tJob Title\tEmployees\tCreated\n"
    "zoé@acme.fr\tDirecteur Marketing\t1 200\t31/01/2027\nbob@gmail.com\tIntern\t5\t2027-02-01\n".encode("utf-8"),
    "utf16be-bom.csv": "\ufeffemail,company,score\r\na@b.com,Ünïcode GmbH,3.5\r\n".encode("utf-16-be"),
    "latin1-semicolon.csv": "email;société;effectif;créé le\na@b.fr;Sécurité SA;1 000;31/12/2026\n".encode("latin-1"),
    "mojibake.csv": "email,company\na@b.fr,Société\n".encode("utf-8").decode("latin-1").encode("utf-8"),
    "sep-hint.csv": b"sep=;\r\nEmail;Lifecycle Stage;Page Views\r\nx@y.com;MQL;12\r\n",
    "object.json": json.dumps({"leads": [{"email": "a@b.com", "job_title": "CTO", "page_views": 4},
                                         {"email": "c@d.com", "job_title": None, "page_views": "7"}]}).encode(),
}
for name, data in extra.items():
    with open(os.path.join(raw, name), "wb") as f:
        f.write(data)

def write(target, name, data):
    d = os.path.join(root, "seeds", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

# ingest: byte 0 = name (bits 0-2: none, .csv, .tsv, .txt, .json, .xlsx, .xls, no extension),
# locale (bit 3), sheet (bits 4-5); byte 1 = number of chunk boundaries; u16 LE each.
names = {".csv": 1, ".tsv": 2, ".txt": 3, ".json": 4, ".xlsx": 5}
for i, name in enumerate(sorted(os.listdir(raw))):
    data = open(os.path.join(raw, name), "rb").read()
    ext = os.path.splitext(name)[1]
    sel = names.get(ext, 0) | ((i & 1) << 3)
    splits = [1, 2, len(data) // 2, len(data) - 1][: (i % 4) + 1]
    head = bytes([sel, len(splits)]) + b"".join(struct.pack("<H", s & 0xFFFF) for s in splits)
    write("ingest", name + ".bin", head + data)

# agreement (and sql): byte 0 even = the JSON text as is; odd = edits of a built-in agreement.
for name in sorted(os.listdir(presets)):
    text = open(os.path.join(presets, name), "rb").read()
    write("agreement", "0-" + name, b"\x00" + text)
# A few structured edits: (selector, edit bytes). Edit = depth, one byte per level, op, args.
write("agreement", "1-edit-points.bin", bytes([0x01, 5, 6, 0, 0, 0, 3, 2, 200]))
write("agreement", "1-edit-copy.bin", bytes([0x0B, 4, 6, 0, 1, 10, 3, 6, 1, 0]))
write("agreement", "1-edit-delete.bin", bytes([0x13, 3, 6, 1, 12, 2, 6, 0, 13, 9]))
write("agreement", "1-edit-strings.bin", bytes([0x05, 2, 3, 0, 0x77, 1, 1, 6, 5]) + b"(fit")
