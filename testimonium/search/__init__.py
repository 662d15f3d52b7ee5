"""Full-text search over the store: documents, claims and entity names, with facets.

    from testimonium.search import SearchIndex, SearchQuery
    results = SearchIndex(store).search(SearchQuery(text='"study centre" asylum', year=2019))
    results.total, results.hits, results.facets

SQLite uses FTS5, PostgreSQL tsvector columns with GIN indexes; both are created and kept up to
date by the database itself (migration 0003), and both answer with the same contract
(`contract.py`). The query syntax is described in `query.py`.
"""

from testimonium.search.contract import EntityFacet, Hit, SearchQuery, SearchResults
from testimonium.search.index import FACET_SAMPLE, SearchIndex

__all__ = ["FACET_SAMPLE", "EntityFacet", "Hit", "SearchIndex", "SearchQuery", "SearchResults"]
