"""Write a PNG of the explorer page (by default the seeds' output/graph.html) for the README.

Opens the page in headless Chromium, waits for the first drawing, and
optionally searches a name (``--search``; the view then stays where the
search took it) or, with ``--busiest KIND``, opens the side panel of the node
of that kind with the most relations and shows the whole graph beside it, so
that the picture shows provenance; then writes the viewport as PNG.

    kg build && python bench/screenshot.py                    # → docs/explorer.png
    python bench/screenshot.py --page out/graph.html --search 江北大学 -o /tmp/shot.png

Chinese labels need a CJK font (Debian: ``apt-get install fonts-noto-cjk``).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Chromium, find_chromium  # noqa: E402

# The node of a kind with the most relation edges (not report mentions), by the page's own data.
_BUSIEST = """(function (kind) {
  var info = JSON.parse(document.getElementById("kg-info").textContent);
  var count = {};
  var items = JSON.parse(document.getElementById("kg-edges").textContent);
  items.forEach(function (e) {
    if (e.kind === "mentions") { return; }
    [e.from, e.to].forEach(function (n) {
      if (info.nodes[n].kind === kind) { count[n] = (count[n] || 0) + 1; }
    });
  });
  var best = null;
  Object.keys(count).forEach(function (n) { if (best === null || count[n] > count[best]) { best = n; } });
  return best;
})(%s)"""


def has_cjk_font() -> bool:
    """Whether fontconfig knows a font with Chinese glyphs (False when unsure)."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=ROOT / "output" / "graph.html")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "explorer.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--search", help="search this name and open its panel")
    parser.add_argument("--busiest", default="Designation",
                        help="open the panel of the node of this kind with most relations (default Designation; "
                             "'' for none)")
    parser.add_argument("--hops", type=int, default=0, help="neighbourhood mode around the chosen node")
    args = parser.parse_args()

    if find_chromium() is None:
        sys.exit("no Chromium found: install the chromium package (or set KG_CHROMIUM)")
    if not args.page.exists():
        sys.exit(f"{args.page} does not exist; run `kg build` (or `kg viz`) first")
    if not has_cjk_font():
        print("warning: no CJK font found; Chinese text will show as boxes "
              "(Debian: apt-get install fonts-noto-cjk)", file=sys.stderr)
    with Chromium.launch(width=args.width, height=args.height) as browser:
        page = browser.open(args.page.resolve().as_uri())
        page.wait_for("window.kgExplorer && kgExplorer.isReady()", timeout=60)
        chosen = None
        if args.search:
            chosen = page.evaluate(f"kgExplorer.search({json.dumps(args.search)})")
        elif args.busiest:
            chosen = page.evaluate(_BUSIEST % json.dumps(args.busiest))
            if chosen:
                page.evaluate(f"kgExplorer.select({json.dumps(chosen)})")
        if chosen and args.hops:
            page.evaluate(f"kgExplorer.setHops({int(args.hops)})")
        elif chosen and not args.search:          # the whole graph, with the panel beside it
            page.evaluate("network.fit({animation: false})")
        time.sleep(0.5)
        errors = page.errors()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(args.output)
    print(f"wrote {args.output}" + (f" (JavaScript errors: {errors})" if errors else ""))


if __name__ == "__main__":
    main()
