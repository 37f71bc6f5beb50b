"""Per-article analysis: everything about one article that needs no other article.

jieba's tagged words (for enrichment), the body rendered to HTML, the reading-aid data and
the search terms of the article's own text. It is the costly part of a build, so it runs
in worker processes and is kept in the build cache under a hash of the article's text.
"""
