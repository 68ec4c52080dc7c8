"""One loaded article cleaned and segmented: the light first half of the pipeline.

Kept apart from `pipeline` so the reader can paint text before importing the aligning and
figures modules (a few hundred milliseconds of imports).
"""

from __future__ import annotations

from tui.core.cleaning import find_boilerplate
from tui.core.loading import LoadedArticle
from tui.core.models import Article
from tui.core.segmenting import segment


def prepare_article(loaded: LoadedArticle) -> Article:
    """Clean and segment one loaded article."""
    boilerplate = find_boilerplate(loaded.text, loaded.front_matter_end)
    return Article(
        id=loaded.id,
        path=loaded.path,
        source=loaded.source,
        title=loaded.title,
        url=loaded.url,
        published=loaded.published,
        language=loaded.language,
        text=loaded.text,
        sentences=segment(loaded.id, loaded.text, boilerplate),
        boilerplate=boilerplate,
    )
