"""One view builder per page kind, over shared helpers; render.py registers them.

Helpers (imported by the views, never importing a view): paths.py (where each
page lives, relative links, the paths that lead to a page), citations.py (a
quote as a link to its source paragraph; card rows), history.py (a page's
changes), context.py (what every view reads during one build: the tree, its
graph, the Jinja templates). Each page kind's module gathers what its template
needs and names that template: answer.py, question.py, start.py, source.py,
sources.py, compare.py, changes.py, not_covered.py, site_map.py, retired.py,
ticket.py (the text pasted into a ticket), over node.py (what every node page
shows).
"""
