#!/usr/bin/env python3
"""Print the Markdown tables of one or more ``bench/run.py`` result files:

.venv/bin/python bench/report.py bench/results/10k.json bench/results/1m.json"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import table  # noqa: E402


def main():
    for name in sys.argv[1:]:
        results = json.loads(Path(name).read_text())
        plan = results["plan"]
        print(
            f"\n### {results['label']}: {plan['stories']:,} stories ({plan['public_stories']:,}"
            f" public), {results['when']}\n\n`{results['command']}`"
        )
        print(table(results))


if __name__ == "__main__":
    main()
